/**
 * Budget vs actual (DOMAIN.md §9, 预算完成): the data sheet's budget table, the dashboard's budget,
 * variance and achievement for the period and the year to date, on hand-worked examples (a fiscal
 * year from April, a year boundary, a quarter from monthly rows, a period and a figure without a
 * budget), in CX mode through the add-in's functions and in portable mode recalculated in LibreOffice
 * and Gnumeric; the lights reading the budget; a linked budget checked and mirrored; refresh keeping it.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { specToXlsx } from "../../scripts/specToXlsx";
import { serialFromUtc } from "../../src/core/dates";
import { buildReport, DEFAULT_TARGETS, EMPTY_INPUTS, SAMPLE_INPUTS, SAMPLE_TARGETS, type ReportOptions } from "../../src/report/buildReport";
import { checkPick } from "../../src/report/dataSource";
import { inputsFromSheet } from "../../src/report/readBack";
import { trafficLightRules, type ReportSpec } from "../../src/report/sheetSpec";
import { cellAt, cxValueAt, sheetOf } from "../helpers/evaluateReport";
import { recalculate, testWithLibreOffice } from "../helpers/libreOffice";

const day = (iso: string): number => serialFromUtc(Date.parse(`${iso}T00:00:00Z`));

// The purchases of the year-to-date test (yearToDate.test.ts): June 2024 has revenue 70 + 80 = 150
// in 2 orders, 1 new customer (E), 3 active at the end (A, B, E), 2 at the start (A, B) and none
// lapsing (churn 0); April to June 2024: revenue 260, 4 orders, 1 new customer.
const PURCHASES: readonly [string, string, number][] = [
  ["A", "2023-05-10", 100], ["A", "2024-04-15", 50], ["A", "2024-06-20", 70], ["B", "2023-06-05", 40], ["B", "2024-05-02", 60],
  ["C", "2024-02-01", 30], ["D", "2023-04-20", 25], ["E", "2024-06-28", 80],
];
// A budget by month: March 2024 before the fiscal year, May without new customers, June with an NPS
// below 0, July with revenue only, January 2025 across the year boundary.
const BUDGET = [
  { month: day("2024-03-01"), revenue: 999 },
  { month: day("2024-04-01"), revenue: 40, orders: 2, newCustomers: 1, customersEnd: 2, churnRate: 0.5, nps: 10, cac: 100 },
  { month: day("2024-05-01"), revenue: 70, orders: 1, customersEnd: 2, churnRate: 0.2 },
  { month: day("2024-06-01"), revenue: 200, orders: 2, newCustomers: 2, customersEnd: 3, churnRate: 0.1, nps: -5, cac: 60 },
  { month: day("2024-07-01"), revenue: 999 },
  { month: day("2025-01-01"), revenue: 30 },
];

const options: ReportOptions = {
  title: "Budget", periodStart: day("2024-06-01"), periodEnd: day("2024-06-30"), currency: "CNY", locale: "en-US", formulaMode: "portable",
  targets: DEFAULT_TARGETS, generatedOn: day("2024-07-02"), fiscalYearStart: 4,
  inputs: { ...EMPTY_INPUTS, transactions: PURCHASES.map(([customer, date, amount]) => ({ customer, date: day(date), amount })), budget: BUDGET },
};

const D = "–";
/** Worked by hand from the rows above. */
const JUNE = {
  Budget_Revenue: 200, Revenue_Variance: 150 - 200, Revenue_Achievement: 150 / 200,
  Budget_Orders: 2, Orders_Variance: 0, Orders_Achievement: 1,
  Budget_New_Customers: 2, New_Customers_Variance: -1, New_Customers_Achievement: 0.5,
  Budget_Customers_End: 3, Customers_End_Variance: 0, Customers_End_Achievement: 1,
  // a rate's variance in percentage points; less is better: no achievement
  Budget_Churn_Rate: 0.1, Churn_Rate_Variance: -10,
  // no survey: no NPS to compare (and a budget below 0 makes no ratio); no channel rows: no CAC
  Budget_NPS: -5, NPS_Variance: D, NPS_Achievement: D, Budget_CAC: 60, CAC_Variance: D,
  // April to June: 40 + 70 + 200 (not March's, not July's)
  Budget_Revenue_YTD: 310, Revenue_YTD_Variance: 260 - 310, Revenue_YTD_Achievement: 260 / 310,
  Budget_Orders_YTD: 5, Orders_YTD_Variance: -1, Orders_YTD_Achievement: 0.8,
  Budget_New_Customers_YTD: 3, New_Customers_YTD_Variance: -2, New_Customers_YTD_Achievement: 1 / 3,
};
// May: no new customers budgeted (a dash, not 0 %); February 2025: no row (dashes), its year to date
// from April 2024 across the new year: 40 + 70 + 200 + 999 + 30.
const MAY = { periodStart: day("2024-05-01"), periodEnd: day("2024-05-31") };
const FEBRUARY = { periodStart: day("2025-02-01"), periodEnd: day("2025-02-28"), generatedOn: day("2025-03-03") };
const MAY_EXPECTED = { Budget_Revenue: 70, Revenue_Variance: 60 - 70, Budget_New_Customers: D, New_Customers_Variance: D, New_Customers_Achievement: D, Budget_New_Customers_YTD: 1 };
const FEBRUARY_EXPECTED = { Budget_Revenue: D, Revenue_Variance: D, Revenue_Achievement: D, Budget_Churn_Rate: D, Budget_Revenue_YTD: 1339, Revenue_YTD_Variance: 260 - 1339, Budget_Orders_YTD: 5 };
// A quarter from monthly rows: additive figures summed, the level the quarter's last month's, a rate none.
const QUARTER = { periodStart: day("2024-04-01"), periodEnd: day("2024-06-30") };
const QUARTER_EXPECTED = { Budget_Revenue: 310, Revenue_Achievement: 260 / 310, Budget_Customers_End: 3, Budget_Churn_Rate: D, Budget_NPS: D, Budget_Revenue_YTD: 310 };

const nameRange = (report: ReportSpec, name: string): string => {
  const range = sheetOf(report, "dashboard").names.find((n) => n.name === name)?.range;
  if (range === undefined) throw new Error(`no name ${name}`);
  return range;
};
const close = (expected: Record<string, number | string>) => Object.entries(expected).map(([name, value]) => [name, typeof value === "number" ? expect.closeTo(value, 9) : value]);

describe("CX mode, through the add-in's functions", () => {
  test.each([["June 2024", {}, JUNE], ["May 2024", MAY, MAY_EXPECTED], ["February 2025", FEBRUARY, FEBRUARY_EXPECTED], ["2024-Q2", QUARTER, QUARTER_EXPECTED]] as const)("%s", (_, changes, expected) => {
    const report = buildReport({ ...options, ...changes, formulaMode: "cx" });
    expect(Object.keys(expected).map((name) => [name, cxValueAt(report, nameRange(report, name))])).toEqual(close(expected));
  });
});

test("the same formulas in both modes, and the period figures' lights read the budget where set, else the target", () => {
  const [cx, portable] = (["cx", "portable"] as const).map((formulaMode) => buildReport({ ...options, formulaMode })) as [ReportSpec, ReportSpec];
  const formulas = (report: ReportSpec) => Object.keys(JUNE).map((name) => cellAt(report, nameRange(report, name))?.formula);
  expect(formulas(cx)).toEqual(formulas(portable));
  const lights = sheetOf(portable, "dashboard").trafficLights;
  const revenue = lights.find((light) => light.range === nameRange(portable, "Revenue"));
  expect(revenue).toMatchObject({ budgetAddress: nameRange(portable, "Budget_Revenue"), direction: "atLeast" });
  const at = nameRange(portable, "Budget_Revenue").replace(/([A-Z]+)(\d+)/, "$$$1$$$2");
  expect(trafficLightRules(revenue as NonNullable<typeof revenue>).bad).toContain(`IF(ISNUMBER(${at}),${at},`);
  // the KPI cards' churn (a reference to the period's) reads the churn budget too; AOV has no budget
  expect(lights.find((light) => light.range === nameRange(portable, "Churn_Rate"))?.budgetAddress).toBe(nameRange(portable, "Budget_Churn_Rate"));
  expect(lights.find((light) => light.range === nameRange(portable, "Average_Order_Value"))?.budgetAddress).toBeUndefined();
  // each budget line's actual is lit against its budget
  expect(lights.find((light) => light.range === `B${nameRange(portable, "Budget_CAC").slice(1)}`)).toMatchObject({ targetAddress: nameRange(portable, "Budget_CAC"), direction: "atMost" });
});

testWithLibreOffice("portable, recalculated in LibreOffice and Gnumeric: the hand-worked budget figures", async () => {
  const cases = [[{}, JUNE], [MAY, MAY_EXPECTED], [FEBRUARY, FEBRUARY_EXPECTED], [QUARTER, QUARTER_EXPECTED]] as const;
  const dir = mkdtempSync(path.join(tmpdir(), "cx-budget-"));
  const reports = cases.map(([changes]) => buildReport({ ...options, ...changes }));
  const files = await Promise.all(reports.map(async (report, k) => {
    const file = path.join(dir, `case${k}.xlsx`);
    await specToXlsx(report, file);
    return file;
  }));
  const recalculated = await recalculate(...files);
  cases.forEach(([, expected], k) => {
    const values = recalculated[k] as Map<string, unknown>;
    expect(Object.keys(expected).map((name) => [name, values.get(nameRange(reports[k] as ReportSpec, name))])).toEqual(close(expected));
  });
}, 300_000);

test("the sample has a budget that its months meet in part: the report month's revenue at 89 % of it", () => {
  const report = buildReport({ ...options, inputs: SAMPLE_INPUTS, targets: SAMPLE_TARGETS, fiscalYearStart: 1, formulaMode: "cx", periodStart: day("2026-11-01"), periodEnd: day("2026-11-30"), generatedOn: day("2026-12-05") });
  const value = (name: string) => cxValueAt(report, nameRange(report, name));
  expect(value("Budget_Revenue")).toBe(5000);
  expect((value("Revenue_Achievement") as number).toFixed(2)).toBe("0.89");
  const met = ["Revenue", "Orders", "New_Customers", "Customers_End"].map((stem) => (value(`${stem}_Achievement`) as number) >= 1);
  expect(met).toContain(true);
  expect(met).toContain(false);
});

describe("the budget table", () => {
  test("typed: one row per month, named columns, checked; a text in a figure is named by its cell", () => {
    const report = buildReport({ ...options, inputs: { ...options.inputs, budget: [...BUDGET, { month: day("2024-08-01"), revenue: "lots" }] }, formulaMode: "cx" });
    const data = sheetOf(report, "data");
    expect(data.tables.map((table) => table.name)).toContain("CX_Budget");
    const check = data.names.find((n) => n.name === "Budget_Check")?.range as string;
    expect(cxValueAt(report, `'${data.name}'!${check}`)).toMatch(/^Revenue: [A-Z]+11 /);
    // while the check reports a bad cell, the budget figures are #N/A, not a silent wrong sum
    expect(cxValueAt(report, nameRange(report, "Budget_Revenue"))).toMatchObject({ code: "#N/A" });
  });
  test("refresh reads the typed budget back, blanks kept blank", () => {
    const body = BUDGET.map((row) => [row.month, row.revenue, row.orders ?? "", row.newCustomers ?? "", row.customersEnd ?? "", row.churnRate ?? "", row.nps ?? "", row.cac ?? "", ""]);
    const inputs = inputsFromSheet({ scalars: {}, tables: { CX_Budget: [...body, ["", "", "", "", "", "", "", "", ""]] } });
    expect(inputs.budget).toEqual(BUDGET);
  });
  test("linked: the user's budget is mirrored, blanks as blanks, and checked in the user's cells", () => {
    const linked = { sheet: "Plan", row: 1, column: 0, rows: 6, columns: 8 };
    const report = buildReport({ ...options, inputs: { ...options.inputs, budget: [] }, source: { budget: linked } });
    const data = sheetOf(report, "data");
    const month = data.names.find((n) => n.name === "Plan_Month")?.range.split(":")[0] as string;
    expect(data.cells.find((cell) => cell.address === month)?.formula).toBe("=IF(ISBLANK('Plan'!$A$2),\"\",'Plan'!$A$2)");
    expect(data.cells.some((cell) => cell.formula?.startsWith("=IF(ISTEXT('Plan'!$B$2)"))).toBe(true);
    expect(data.cells.some((cell) => typeof cell.value === "string" && cell.value.startsWith("Budget by month, linked to Plan!A2:H7"))).toBe(true);
  });
  test("a picked budget: blanks allowed, an NPS below 0 allowed, a churn rate above 1 refused with its cell", () => {
    const pick = (rows: unknown[][]) => checkPick("budget", { address: "Plan!A1:H3", values: [["Month", "Revenue", "Orders", "New", "End", "Churn", "NPS", "CAC"], ...rows] }, false);
    expect(pick([[45383, 100, "", "", "", 0.1, -5, ""], [45413, 120, 3, 1, 9, "", "", 50]]).ok).toBe(true);
    expect(pick([[45383, 100, "", "", "", 1.5, "", ""]])).toEqual({ ok: false, problem: { key: "pickRange", params: { cell: "Plan!F2", value: "1.5", low: 0, high: 1 } } });
    expect(pick([[45383, -100, "", "", "", "", "", ""]])).toEqual({ ok: false, problem: { key: "pickNegative", params: { cell: "Plan!B2", value: "-100" } } });
    expect(pick([["May", 100, "", "", "", "", "", ""]])).toMatchObject({ ok: false, problem: { key: "pickNotDate" } });
  });
});
