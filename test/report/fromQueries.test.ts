/**
 * The report on database query results (README, "Data in a database"): instead of transactions, the
 * user links the per-customer summary of sql/customer_summary.sql and the customer bridge of
 * sql/customer_bridge.sql. The picks are checked; the CX report reads the summary's columns with
 * CX.RFM_SEGMENT_SUMMARY; and the portable report, recalculated by LibreOffice with the two query
 * results on sheets of their own, shows the RFM segments CX.RFM_SUMMARY gives on the transactions and
 * the customers at the start and lapsed that CX.CUSTOMER_BRIDGE gives for the report period.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { specToXlsx, type DataSheet } from "../../scripts/specToXlsx";
import { summarizePurchases } from "../../src/core/prep/summarizePurchases";
import { summarizeTransactions } from "../../src/core/prep/summarizeTransactions";
import * as cx from "../../src/functions/functions";
import { buildReport, dataNeeded, DEFAULT_TARGETS, SAMPLE_INPUTS, type ReportOptions } from "../../src/report/buildReport";
import { checkPick, PICK_COLUMNS, type LinkedRange, type Pick } from "../../src/report/dataSource";
import { expectClose } from "../helpers/close";
import { allCells, allNames, cellAt, sheetOf } from "../helpers/evaluateReport";
import { invocation } from "../helpers/excel";
import { recalculate, testWithLibreOffice } from "../helpers/libreOffice";

const inv = invocation();
const PERIOD_START = 45474; // 2024-07-01
const PERIOD_END = 45565; // 2024-09-30
const purchases = SAMPLE_INPUTS.transactions.map((tx) => ({ customer: tx.customer as string, date: PERIOD_END - (tx.daysBeforeEnd ?? 0), amount: tx.amount as number }));
const column = <T>(values: readonly T[]): T[][] => values.map((v) => [v]);
const [ids, dates, amounts] = [column(purchases.map((p) => p.customer)), column(purchases.map((p) => p.date)), column(purchases.map((p) => p.amount))];

// What the two queries return for these transactions (the SQL tests hold the queries to the same definitions).
const bought = summarizePurchases({ customerIds: purchases.map((p) => p.customer), dates: purchases.map((p) => p.date), amounts: purchases.map((p) => p.amount) });
const histories = summarizeTransactions({ customerIds: purchases.map((p) => p.customer), dates: purchases.map((p) => p.date), amounts: purchases.map((p) => p.amount), asOf: PERIOD_END });
const SUMMARY: DataSheet = {
  name: "Summary",
  rows: [[...PICK_COLUMNS.customerSummary], ...bought.labels.map((customer, i) => [
    String(customer), bought.firstDay[i] as number, bought.lastDay[i] as number, PERIOD_END - (bought.lastDay[i] as number), bought.purchases[i] as number,
    bought.total[i] as number, histories.frequency[i] as number, histories.recency[i] as number, histories.age[i] as number, histories.meanRepeatSpend[i] as number,
  ])],
};
const bridgeTable = cx.CUSTOMER_BRIDGE(ids, dates, "month", 90, null, null, "en-US", inv);
const BRIDGE: DataSheet = {
  name: "Bridge",
  rows: [[...PICK_COLUMNS.periodTable], ...bridgeTable.slice(1).map((row) => row.map((cell) => (cell instanceof CustomFunctions.Error ? null : (cell as string | number))))],
};
const pickOf = (sheet: DataSheet): Pick => ({ address: `${sheet.name}!A1:${String.fromCharCode(64 + (sheet.rows[0]?.length ?? 1))}${sheet.rows.length}`, values: sheet.rows });

describe("picking query results", () => {
  test("the summary and the bridge, with their header rows, are linked below the header; a NULL churn rate is a blank the check allows", () => {
    expect(checkPick("customerSummary", pickOf(SUMMARY), true)).toEqual({ ok: true, range: { sheet: "Summary", row: 1, column: 0, rows: bought.labels.length, columns: 10 } });
    expect(BRIDGE.rows[1]?.[8]).toBeNull();
    expect(checkPick("periodTable", pickOf(BRIDGE), false)).toEqual({ ok: true, range: { sheet: "Bridge", row: 1, column: 0, rows: bridgeTable.length - 1, columns: 9 } });
  });
  test.each([
    ["orders that are not whole", "customerSummary", 4, 2.5, "pickNotWhole"],
    ["a negative revenue", "customerSummary", 5, -3, "pickNegative"],
    ["a first purchase that is not a date", "customerSummary", 1, "soon", "pickNotDate"],
    ["lapsed customers that are not a number", "periodTable", 6, "n/a", "pickNotNumber"],
  ] as const)("refuses %s, naming the cell", (_name, kind, j, value, key) => {
    const sheet = kind === "customerSummary" ? SUMMARY : BRIDGE;
    const rows = sheet.rows.map((row, r) => (r === 2 ? row.map((cell, c) => (c === j ? value : cell)) : row));
    const result = checkPick(kind, pickOf({ ...sheet, rows }), false);
    expect(result).toMatchObject({ ok: false, problem: { key, params: { cell: `${sheet.name}!${String.fromCharCode(65 + j)}3` } } });
  });
  test("a report from queries needs the summary for RFM and the bridge for the dimensions, not transactions", () => {
    const all = { dimensions: true, satisfaction: true, lifecycle: true, rfm: true, charts: true, trend: true };
    expect(dataNeeded(all, true)).toEqual(["customerSummary", "periodTable", "survey", "costs"]);
    // (with the trend, a budget may be linked too)
    expect(dataNeeded(all)).toEqual(["transactions", "survey", "costs", "budget"]);
    // the period figures alone need the transactions too
    expect(dataNeeded({ ...all, rfm: false })).toEqual(["transactions", "survey", "costs", "budget"]);
    expect(dataNeeded({ ...all, rfm: false, trend: false })).toEqual(["survey", "costs"]);
  });
});

const linked = (sheet: DataSheet, kind: "customerSummary" | "periodTable"): LinkedRange => {
  const result = checkPick(kind, pickOf(sheet), true);
  if (!result.ok) throw new Error(JSON.stringify(result.problem));
  return result.range;
};
const options: ReportOptions = {
  title: "From the database", periodStart: PERIOD_START, periodEnd: PERIOD_END, currency: "CNY", locale: "en-US",
  formulaMode: "portable", targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: SAMPLE_INPUTS,
  source: { customerSummary: linked(SUMMARY, "customerSummary"), periodTable: linked(BRIDGE, "periodTable") },
};

test("the CX report reads the summary's columns with CX.RFM_SEGMENT_SUMMARY and the bridge's rows for the period; the note says so", () => {
  const report = buildReport({ ...options, formulaMode: "cx" });
  const spec = sheetOf(report, "dashboard");
  const data = sheetOf(report, "data");
  expect(allNames(report).filter((n) => n.name.startsWith("Sum_"))).toEqual([
    { name: "Sum_Recency", range: "'Summary'!$D$2:$D$101", external: true },
    { name: "Sum_Orders", range: "'Summary'!$E$2:$E$101", external: true },
    { name: "Sum_Revenue", range: "'Summary'!$F$2:$F$101", external: true },
  ]);
  const onData = "'Data 2024-Q3'!";
  expect(spec.cells.some((c) => c.formula === `=CX.RFM_SEGMENT_SUMMARY(${onData}Sum_Recency,${onData}Sum_Orders,${onData}Sum_Revenue,"en-US")`)).toBe(true);
  expect(allCells(report).some(({ cell }) => cell.formula?.includes("Tx_"))).toBe(false);
  const start = data.names.find((n) => n.name === "Customers_Start")?.range as string;
  expect(cellAt(report, start, data)?.formula).toBe(`=INDEX('Bridge'!$D$2:$D$${bridgeTable.length},MATCH('Report 2024-Q3'!Period_Start,'Bridge'!$B$2:$B$${bridgeTable.length},0))`);
  expect(cellAt(spec, "A5")?.value).toMatch(/^Figures from database queries/);
  expect([cellAt(spec, "D2")?.value, cellAt(spec, "E2")?.value]).toEqual(["Customer summary (database query) from", "Summary!A2:J101"]);
});

testWithLibreOffice("the portable report on the two query results, recalculated by LibreOffice: the RFM segments of the transactions, and the period's customers at the start and lapsed", async () => {
  const report = buildReport(options);
  const spec = sheetOf(report, "dashboard");
  const data = sheetOf(report, "data");
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cx-queries-")), "report.xlsx");
  await specToXlsx(report, file, [SUMMARY, BRIDGE]);
  const [values = new Map<string, unknown>()] = await recalculate(file);
  const valueOf = (name: string): unknown => values.get(`${data.name}!${data.names.find((n) => n.name === name)?.range as string}`);
  // July's row starts the period; July to September's lapsed add up.
  const rows = bridgeTable.slice(1);
  expect(valueOf("Customers_Start")).toBe(rows.find((row) => row[1] === PERIOD_START)?.[3]);
  expect(valueOf("Customers_Lost")).toBe(rows.filter((row) => (row[1] as number) >= PERIOD_START && (row[2] as number) <= PERIOD_END).reduce((n, row) => n + (row[6] as number), 0));
  // The segment table: every count, share and revenue of CX.RFM_SUMMARY on the transactions.
  const segments = cx.RFM_SUMMARY(ids, dates, amounts, [[PERIOD_END]], "en-US", inv);
  const header = spec.cells.find((c) => c.value === segments[0]?.[0] && c.style === "label" && /^A\d+$/.test(c.address)) as { address: string };
  const top = Number(header.address.slice(1));
  segments.slice(1).forEach((row, k) => {
    expect(values.get(`A${top + 1 + k}`)).toBe(row[0]);
    for (const [j, letter] of [[1, "B"], [2, "C"], [3, "D"], [4, "E"]] as const) {
      const actual = values.get(`${letter}${top + 1 + k}`);
      if (typeof actual !== "number") throw new Error(`${letter}${top + 1 + k}: LibreOffice gives ${JSON.stringify(actual)}`);
      expectClose(actual, row[j] as number, 1e-9 * Math.max(1, Math.abs(row[j] as number)));
    }
  });
}, 180_000);
