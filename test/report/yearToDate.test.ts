/**
 * The year to date (DOMAIN.md §9, 本年累计) beside the period figures: its span by the fiscal year's
 * first month (April here), across a year boundary, and where the period tables do not reach the
 * year before; its figures on a hand-worked data set, recalculated in LibreOffice (and Gnumeric), equal
 * to the working below and to the sums of the add-in's CX.CUSTOMER_BRIDGE and CX.PERIOD_KPIS; the same
 * formulas in both modes.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { specToXlsx } from "../../scripts/specToXlsx";
import { serialFromUtc } from "../../src/core/dates";
import * as cx from "../../src/functions/functions";
import { buildReport, DEFAULT_TARGETS, EMPTY_INPUTS, reportSettings, type ReportOptions } from "../../src/report/buildReport";
import { reportContext } from "../../src/report/reportContext";
import { yearToDate } from "../../src/report/yearToDate";
import { invocation } from "../helpers/excel";
import { cxValueAt, sheetOf } from "../helpers/evaluateReport";
import { recalculate, testWithLibreOffice } from "../helpers/libreOffice";

const day = (iso: string): number => serialFromUtc(Date.parse(`${iso}T00:00:00Z`));

// The fiscal year starts in April; the report is June 2024 (Apr–Jun 2024 against Apr–Jun 2023).
// A bought in May 2023 and comes back in April 2024 (reactivated), again in June; B bought in June
// 2023 and comes back in May 2024 (reactivated); C buys in February 2024 only (the one customer
// active when the fiscal year starts, lapsing 90 days later, on 1 May); D bought in April 2023 only;
// E buys for the first time in June 2024.
const PURCHASES: readonly [string, string, number][] = [
  ["A", "2023-05-10", 100], ["A", "2024-04-15", 50], ["A", "2024-06-20", 70], ["B", "2023-06-05", 40], ["B", "2024-05-02", 60],
  ["C", "2024-02-01", 30], ["D", "2023-04-20", 25], ["E", "2024-06-28", 80],
];
// Worked by hand from those rows (lapse window 90 days, the monthly default):
const EXPECTED = {
  Revenue_YTD: 50 + 70 + 60 + 80, Orders_YTD: 4, Average_Order_Value_YTD: 260 / 4,
  New_Customers_YTD: 1, Reactivated_YTD: 2, Lapsed_YTD: 1, Customers_Start_Of_Year: 1, Churn_YTD: 1,
  // a year before: D in April, A in May, B in June, all three new; no customer active on 31 March 2023
  Revenue_YTD_YoY: 260 / (100 + 40 + 25) - 1, Orders_YTD_YoY: 4 / 3 - 1, Average_Order_Value_YTD_YoY: 65 / (165 / 3) - 1, New_Customers_YTD_YoY: 1 / 3 - 1,
};

const options: ReportOptions = {
  title: "YTD", periodStart: day("2024-06-01"), periodEnd: day("2024-06-30"), currency: "CNY", locale: "en-US", formulaMode: "portable",
  targets: DEFAULT_TARGETS, generatedOn: day("2024-07-02"), fiscalYearStart: 4,
  inputs: { ...EMPTY_INPUTS, transactions: PURCHASES.map(([customer, date, amount]) => ({ customer, date: day(date), amount })) },
};

describe("the span", () => {
  const spanOf = (changes: Partial<ReportOptions>) => yearToDate(reportContext({ ...options, ...changes }));
  test("from the fiscal year's first month to the report period's, and the same months a year before", () => {
    expect(spanOf({})).toEqual({ start: day("2024-04-01"), end: day("2024-06-30"), priorStart: day("2023-04-01"), priorEnd: day("2023-06-30"), priorCovered: true, firstMonth: 4 });
    // across the new year: February 2025 is in the fiscal year from April 2024; a leap February a year before
    expect(spanOf({ periodStart: day("2025-02-01"), periodEnd: day("2025-02-28") })).toMatchObject({ start: day("2024-04-01"), priorStart: day("2023-04-01"), priorEnd: day("2024-02-29") });
    // a calendar year: January's year to date is January
    expect(spanOf({ fiscalYearStart: 1, periodStart: day("2024-01-01"), periodEnd: day("2024-01-31") })).toMatchObject({ start: day("2024-01-01"), end: day("2024-01-31"), priorStart: day("2023-01-01"), priorEnd: day("2023-01-31") });
    // a quarter: the fiscal year from April holds Q2
    expect(spanOf({ periodStart: day("2024-07-01"), periodEnd: day("2024-09-30") })).toMatchObject({ start: day("2024-04-01"), priorEnd: day("2023-09-30") });
  });
  test("none for a year's report, a quarter whose fiscal year starts mid-quarter, or without the period tables; a dash for the 同比 the tables do not reach", () => {
    expect(spanOf({ periodStart: day("2024-01-01"), periodEnd: day("2024-12-31") })).toBeUndefined();
    expect(spanOf({ fiscalYearStart: 2, periodStart: day("2024-07-01"), periodEnd: day("2024-09-30") })).toBeUndefined();
    expect(spanOf({ sections: { ...reportContext(options).sections, trend: false } })).toBeUndefined();
    // one trend month: the tables hold 13 months, back to April 2024 from March 2025, not April 2023
    expect(spanOf({ trendPeriods: 1, periodStart: day("2025-03-01"), periodEnd: day("2025-03-31") })).toMatchObject({ start: day("2024-04-01"), priorCovered: false });
    const report = buildReport({ ...options, trendPeriods: 1, periodStart: day("2025-03-01"), periodEnd: day("2025-03-31") });
    const dashboard = sheetOf(report, "dashboard");
    const yoy = dashboard.names.find((n) => n.name === "Revenue_YTD_YoY")?.range;
    expect(dashboard.cells.find((cell) => cell.address === yoy)?.formula).toBe('="–"');
    // kept with the sheet's settings, so refresh and roll forward keep the fiscal year
    expect(reportSettings(options).fiscalYearStart).toBe(4);
    // an impossible month is January
    expect(spanOf({ fiscalYearStart: 13, periodStart: day("2024-02-01"), periodEnd: day("2024-02-29") })).toMatchObject({ start: day("2024-01-01"), firstMonth: 1 });
  });
});

test("the same formulas in both modes: they read the period tables' columns, which both modes name", () => {
  const formulas = (mode: ReportOptions["formulaMode"]) => {
    const dashboard = sheetOf(buildReport({ ...options, formulaMode: mode }), "dashboard");
    return Object.keys(EXPECTED).map((name) => dashboard.cells.find((cell) => cell.address === dashboard.names.find((n) => n.name === name)?.range)?.formula);
  };
  expect(formulas("portable").every((formula) => typeof formula === "string")).toBe(true);
  expect(formulas("cx")).toEqual(formulas("portable"));
  expect(formulas("portable")[0]).toBe(`=SUMIFS('Workings 2024-06'!Trend_Revenue,'Workings 2024-06'!Trend_First_Day,">="&DATE(2024,4,1),'Workings 2024-06'!Trend_First_Day,"<="&DATE(2024,6,30))`);
});

test("CX mode: the same figures from the add-in's period tables", () => {
  const report = buildReport({ ...options, formulaMode: "cx" });
  const dashboard = sheetOf(report, "dashboard");
  const valueOf = (name: string): unknown => cxValueAt(report, dashboard.names.find((n) => n.name === name)?.range as string);
  for (const [name, expected] of Object.entries(EXPECTED)) expect([name, valueOf(name)]).toEqual([name, expect.closeTo(expected, 9)]);
  expect(valueOf("Churn_YTD_YoY")).toBe("–");
});

testWithLibreOffice("recalculated, the year to date is the hand-worked figures and the sums of the add-in's monthly tables", async () => {
  const report = buildReport(options);
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cx-ytd-")), "report.xlsx");
  await specToXlsx(report, file);
  const [values = new Map<string, unknown>()] = await recalculate(file);
  const dashboard = sheetOf(report, "dashboard");
  const valueOf = (name: string): unknown => values.get(dashboard.names.find((n) => n.name === name)?.range as string);
  for (const [name, expected] of Object.entries(EXPECTED)) expect([name, valueOf(name)]).toEqual([name, expect.closeTo(expected, 9)]);
  // no customer at the start of April 2023: the year before's churn is no comparison
  expect(valueOf("Churn_YTD_YoY")).toBe("–");
  // the add-in's monthly tables, summed over April to June
  const [ids, dates, amounts] = [PURCHASES.map(([c]) => [c]), PURCHASES.map(([, d]) => [day(d)]), PURCHASES.map(([, , a]) => [a])];
  const bridge = cx.CUSTOMER_BRIDGE(ids, dates, "month", 90, null, null, "en-US", invocation());
  const kpis = cx.PERIOD_KPIS(ids, dates, amounts, "month", null, null, "en-US", invocation());
  const months = (table: unknown[][], column: number): number => table.filter((row) => ["2024-04", "2024-05", "2024-06"].includes(row[0] as string)).reduce((sum, row) => sum + (row[column] as number), 0);
  const header = (table: unknown[][], label: string): number => (table[0] as string[]).findIndex((cell) => cell.toLowerCase().startsWith(label));
  expect([months(bridge, header(bridge, "new")), months(bridge, header(bridge, "reactivated")), months(bridge, header(bridge, "lapsed"))]).toEqual([1, 2, 1]);
  expect([months(kpis, header(kpis, "revenue")), months(kpis, header(kpis, "orders"))]).toEqual([260, 4]);
}, 300_000);
