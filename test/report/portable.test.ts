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
import { rfmAnalysis } from "../../src/core/rfmAnalysis";

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
    // The early-warning table is not compared here: the add-in ranks by value at risk from the BG/NBD
    // fit, portable mode by the RFM segments (checked below against the core's RFM).
    const dashboardCells = sheetOf(portable, "dashboard").cells;
    const warningTop = Number(dashboardCells.find((cell) => cell.value === "Early warning: Can't Lose Them and At Risk customers, by value")?.address.slice(1));
    const inWarning = (address: string): boolean => /^[I-L]\d+$/.test(address) && Number(address.slice(1)) > warningTop && Number(address.slice(1)) <= warningTop + 11;
    const addresses = allCells(portable)
      .filter(({ cell, address }) => cell.formula !== undefined && cell.style !== "helper" && !inWarning(address) && cellAt(withAddIn, address)?.formula !== cell.formula)
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
    // The early-warning list: the core's RFM customers of Can't Lose Them and At Risk, largest monetary first.
    const rfm = rfmAnalysis({
      customerIds: inputs.transactions.map((tx) => tx.customer),
      dates: inputs.transactions.map((tx) => options.periodEnd - Number(tx.daysBeforeEnd)),
      amounts: inputs.transactions.map((tx) => Number(tx.amount)),
      asOf: options.periodEnd,
    });
    const atRisk = rfm.customers.map((customer, i) => ({ customer, monetary: rfm.monetary[i] as number, recency: rfm.recencyDays[i] as number, segment: rfm.segments[i] as string }))
      .filter((c) => c.segment === "Can't Lose Them" || c.segment === "At Risk")
      .sort((a, b) => b.monetary - a.monetary)
      .slice(0, 10);
    expect(atRisk.length).toBeGreaterThan(0);
    const shownList = Array.from({ length: 10 }, (_, k) => ["I", "J", "K", "L"].map((c) => values.get(`${c}${warningTop + 2 + k}`) ?? ""));
    expect(shownList).toEqual(Array.from({ length: 10 }, (_, k) => {
      const c = atRisk[k];
      return c === undefined ? ["", "", "", ""] : [c.customer, c.monetary, c.recency, c.segment];
    }));
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
