/**
 * Portable mode in a real spreadsheet program: the report is exported to .xlsx (exceljs), recalculated
 * by LibreOffice headless, and every KPI cell must equal what the CX formulas give with the add-in's
 * own functions — for the sample data and for a second data set. CI installs LibreOffice
 * (libreoffice-calc-nogui); elsewhere the test is skipped with a warning if it is missing.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { specToXlsx } from "../../scripts/specToXlsx";
import { buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS, type ReportInputs, type ReportOptions } from "../../src/report/buildReport";
import { sampleCustomers } from "../../src/report/sampleData";
import { expectClose } from "../helpers/close";
import { recalculate, testWithLibreOffice } from "../helpers/libreOffice";
import { allCells, cellAt, cxValueAt, sheetOf } from "../helpers/evaluateReport";
import * as cx from "../../src/functions/functions";
import { invocation } from "../helpers/excel";

const OTHER_CUSTOMERS = sampleCustomers(7, 17);
const OTHER_INPUTS: ReportInputs = {
  channels: [
    { name: { "en-US": "Marketplace", "zh-CN": "电商平台" }, spend: 187_450.5, newCustomers: 402 },
    { name: { "en-US": "Outbound sales", "zh-CN": "电话销售" }, spend: 99_000, newCustomers: 211 },
    { name: { "en-US": "Trade fair", "zh-CN": "展会" }, spend: 1000, newCustomers: 0 },
  ],
  customersStart: 4870, customersLost: 389, averageOrderValue: 86.4,
  purchasesPerYear: 6.25, lifespanYears: 3.5, grossMargin: 0.355, monthlyRevenuePerCustomer: 45.7,
  prospects: 15_230, converted: 613, revenue: 1_048_377.25, orders: 9871, buyingCustomers: 5294, repeatCustomers: 2011,
  npsAnswers: [0, 10, 10, 9, 3, 7, 8, 6, 10, 9, 9, 1, 10, 8],
  csatAnswers: [1, 5, 5, 4, 2, 3, 4, 3, 5, 4, 5, 1, 5, 4],
  // Fewer CSI answers than respondents: the blanks below them are skipped by both modes.
  csiAnswers: [1, 10, 9.5, 8, 3, 6, 7, 5, 10, 8, 9, 2],
  // Some answers dated: before the quarter (left out), in it, after it (left out); the rest undated (counted).
  surveyDates: [45400, 45500, undefined, 45600, 45480],
  transactions: [
    ...OTHER_CUSTOMERS.transactions,
    { customer: "C-1003", daysBeforeEnd: -5, amount: 999 }, // after the period end: left out by both modes
    { customer: "C-2001", daysBeforeEnd: 0, amount: 35.5 }, // bought on the period end: recency 0
  ],
  // Every customer has the same number of interactions: a measure that varies in no way is left out.
  engagement: OTHER_CUSTOMERS.engagement.map((customer) => ({ ...customer, interactions: 5 })),
};

describe.each([
  ["the sample data", SAMPLE_INPUTS],
  ["a second data set", OTHER_INPUTS],
])("portable formulas equal the add-in's numbers for %s", (_name, inputs) => {
  testWithLibreOffice("every KPI cell, recalculated by LibreOffice", async () => {
    const options: ReportOptions = {
      title: "Portable check", periodStart: 45474, periodEnd: 45565, currency: "CNY", locale: "en-US",
      formulaMode: "portable", targets: DEFAULT_TARGETS, generatedOn: 45570, inputs,
    };
    const portable = buildReport(options);
    const withAddIn = buildReport({ ...options, formulaMode: "cx" });
    const file = path.join(mkdtempSync(path.join(tmpdir(), "cx-xlsx-")), "report.xlsx");
    await specToXlsx(portable, file);
    const [recalculated = new Map<string, unknown>()] = await recalculate(file);
    // LibreOffice's values by the report's addresses (the dashboard's plain, the others' with their sheet).
    const values = { get: (address: string): unknown => recalculated.get(address.startsWith("'") ? address.replace(/^'((?:[^']|'')+)'!/, (_m, name: string) => `${name.replace(/''/g, "'")}!`) : address) };
    // Every metric cell on every sheet: the portable formulas that differ from the CX sheet's (built-in
    // counts and sums are the same formula in both), and not the working columns of the RFM table.
    // The follow-up lists are compared below: the add-in ranks the at-risk by value at risk from the
    // BG/NBD fit, portable mode by historical value.
    const dashboardCells = sheetOf(portable, "dashboard").cells;
    const titleRow = (start: string): number => Number(dashboardCells.find((cell) => String(cell.value ?? "").startsWith(start))?.address.slice(1));
    const [atRiskTop, winBackTop] = [titleRow("At risk: still active"), titleRow("Win back:")];
    const inList = (top: number, address: string): boolean => /^[I-N]\d+$/.test(address) && Number(address.slice(1)) > top && Number(address.slice(1)) <= top + 11;
    const inWarning = (address: string): boolean => inList(atRiskTop, address) || /^[A-D]\d+$/.test(address) && Number(address.slice(1)) > winBackTop && Number(address.slice(1)) <= winBackTop + 11;
    // The cohort table and the workings' follow-up lists have their own tests (cohort.test.ts, followUpLists.test.ts).
    const cohortTop = titleRow("Cohort retention:");
    const workingsCells = sheetOf(portable, "workings").cells;
    const listsTop = Number(workingsCells.find((cell) => String(cell.value ?? "").startsWith("New customers this period"))?.address.slice(1));
    const elsewhere = (address: string): boolean => (!address.startsWith("'") && Number(address.slice(1).replace(/^[A-Z]*/, "")) >= cohortTop) ||
      (address.startsWith("'Workings") && Number(address.replace(/^.*![A-Z]+/, "")) >= listsTop && /![A-H]\d+$/.test(address));
    const addresses = allCells(portable)
      .filter(({ cell, address }) => cell.formula !== undefined && cell.style !== "helper" && !inWarning(address) && !elsewhere(address) && cellAt(withAddIn, address)?.formula !== cell.formula)
      .map(({ address }) => address);
    // KPIs (6: churn is the period's, referred to in both modes), satisfaction (NPS, margin, CSI: CSAT
    // refers to the KPI cards'), lifecycle (2: retention and churn refer to the figures shown above in
    // both modes), CAC per channel, RFM summary (11 segments × 4), and the period tables of the workings:
    // the trend's 13 quarters and the 4 before them (for 同比) × (6 + 8 + 7) figures
    // (and the inactive share of the period figures)
    expect(addresses.length).toBe(11 + 1 + inputs.channels.length + 44 + (13 + 4) * 21);
    let errors = 0;
    let notAvailable = 0;
    for (const address of addresses) {
      const expected = cxValueAt(withAddIn, address);
      const actual = values.get(address);
      if (expected instanceof CustomFunctions.Error) {
        // a channel with no new customers (CX.CAC's #DIV/0!), or a period figure with no value (churn
        // with nobody at the start, AOV with no orders): the portable formula's #N/A
        if (expected.code === "#DIV/0!") errors++;
        else notAvailable++;
        expect([address, actual]).toEqual([address, { error: "#N/A" }]);
      } else {
        if (typeof actual !== "number" || typeof expected !== "number") throw new Error(`${address}: LibreOffice gives ${JSON.stringify(actual)} for ${cellAt(portable, address)?.formula}, the add-in ${JSON.stringify(expected)}`);
        expectClose(actual, expected, 1e-9 * Math.max(1, Math.abs(expected)));
      }
    }
    expect(errors).toBe(inputs.channels.filter((channel) => channel.newCustomers === 0).length);
    expect(notAvailable).toBeLessThan(13 * 21 / 2);
    // The follow-up lists (§11): the customers CX.AT_RISK and CX.WIN_BACK name, the at-risk by
    // historical value (ties: first seen first), each with the columns both modes show.
    const column = (values: readonly unknown[]): unknown[][] => values.map((value) => [value]);
    const tx = [column(inputs.transactions.map((t) => t.customer)), column(inputs.transactions.map((t) => options.periodEnd - Number(t.daysBeforeEnd))), column(inputs.transactions.map((t) => Number(t.amount)))] as const;
    const firstSeen = (customer: unknown): number => inputs.transactions.findIndex((t) => t.customer === customer);
    const overdue = cx.AT_RISK(...tx, 100_000, options.periodEnd, "en-US", 92, null, invocation()).slice(1)
      .sort((a, b) => (b[3] as number) - (a[3] as number) || firstSeen(a[0]) - firstSeen(b[0]));
    const lapsed = cx.WIN_BACK(...tx, options.periodStart, options.periodEnd, 92, 10, "en-US", invocation()).slice(1);
    expect(overdue.length + lapsed.length).toBeGreaterThan(0);
    // (a date cell is read back as a Date: its serial, as the functions give it)
    const serial = (value: unknown): unknown => (value instanceof Date ? value.getTime() / 86_400_000 + 25_569 : value);
    const shown = (top: number, columns = ["I", "J", "K", "L"]): unknown[][] => Array.from({ length: 10 }, (_, k) => columns.map((c) => serial(values.get(`${c}${top + 2 + k}`) ?? "")));
    const blankRows = (rows: unknown[][]): unknown[][] => Array.from({ length: 10 }, (_, k) => rows[k] ?? ["", "", "", ""]);
    const atRiskShown = shown(atRiskTop);
    expect(atRiskShown.map((row) => row[0])).toEqual(blankRows(overdue.map((row) => row.slice(0, 4))).map((row) => row[0]));
    atRiskShown.forEach((row, k) => row.slice(1).forEach((value, j) => {
      const wanted = overdue[k]?.[j + 1];
      if (wanted === undefined) expect(value).toBe("");
      else expectClose(value as number, wanted as number, 1e-9);
    }));
    expect(shown(winBackTop, ["A", "B", "C", "D"])).toEqual(blankRows(lapsed.map((row) => row.slice(0, 4))));
    // The dashboard's period figures: the report period's row of each table, its change on the
    // quarter before and on the same quarter a year before, against the CX tables.
    const dashboard = sheetOf(portable, "dashboard");
    const workings = sheetOf(withAddIn, "workings");
    const figureRows = dashboard.cells.filter((cell) => /^=INDEX\('Workings 2024-Q3'!Trend_\w+,ROWS\('Workings 2024-Q3'!Trend_\w+\)-0\)$/.test(cell.formula ?? ""));
    expect(figureRows).toHaveLength(11 + 7); // the period figures, and the 7 steps of the revenue bridge
    for (const cell of figureRows) {
      const name = /Trend_\w+/.exec(cell.formula as string)?.[0] as string;
      const column = workings.names.find((n) => n.name === name)?.range as string;
      const [top, bottom] = column.split(":").map((a) => Number(a.replace(/^[A-Z]+/, ""))) as [number, number];
      const letters = column.replace(/\d+:.*$/, "");
      const cxAt = (row: number): unknown => cxValueAt(withAddIn, `'Workings 2024-Q3'!${letters}${row}`);
      expect(bottom - top + 1).toBe(13 + 4); // the trend's quarters and the year before them
      const row = Number(cell.address.slice(1));
      const [current, previous, yearAgo] = [cxAt(bottom), cxAt(bottom - 1), cxAt(bottom - 4)];
      const rate = /Churn|Share|Retention/.test(name);
      const expectedChange = (before: unknown): unknown => (typeof current !== "number" || typeof before !== "number" || (!rate && before === 0) ? "–" : rate ? 100 * (current - before) : current / before - 1);
      // the bridge's steps have a value only; the period figures their changes too
      const withChanges = dashboard.cells.some((other) => other.address === `C${row}`);
      const shown = [values.get(`B${row}`), values.get(`C${row}`), values.get(`D${row}`)].slice(0, withChanges ? 3 : 1);
      const wanted = [typeof current === "number" ? current : { error: "#N/A" }, expectedChange(previous), expectedChange(yearAgo)].slice(0, withChanges ? 3 : 1);
      shown.forEach((value, j) => {
        if (typeof wanted[j] === "number") expectClose(value as number, wanted[j] as number, 1e-9);
        else expect([name, j, value]).toEqual([name, j, wanted[j]]);
      });
    }
    // The NPS breakdown counts, built-in in both modes, against counting the answers here.
    // (the report period's answers: dated in it, or undated)
    const rowOfLabel = (text: string): string => (dashboard.cells.find((cell) => cell.value === text)?.address as string).replace(/^A/, "B");
    const counts = ["Promoters (9-10)", "Passives (7-8)", "Detractors (0-6)"].map((text) => values.get(rowOfLabel(text)));
    const dateOf = (i: number): number | undefined => {
      const typed = inputs.surveyDates?.[i];
      const back = inputs.surveyDaysBeforeEnd?.[i];
      return typeof typed === "number" ? typed : back === undefined ? undefined : options.periodEnd - back;
    };
    const answers = inputs.npsAnswers.filter((a, i): a is number => typeof a === "number" && (dateOf(i) === undefined || ((dateOf(i) as number) >= options.periodStart && (dateOf(i) as number) <= options.periodEnd)));
    expect(answers.length).toBeGreaterThan(0);
    expect(counts).toEqual([answers.filter((a) => a >= 9).length, answers.filter((a) => a === 7 || a === 8).length, answers.filter((a) => a <= 6).length]);
  }, 180_000);
});
