/**
 * The periodic functions (customer and revenue bridges, period KPIs, cohorts) through the Excel
 * boundary: the worked example of shared/DOMAIN.md §7 in both languages, #N/A cells for figures with no value, the catalogue's reading rules (whole-column
 * references, ids matched as COUNTIF does, date text) and bad input answered with a #VALUE! that
 * names the argument and the cell.
 */
import * as cx from "../../src/functions/functions";
import { column, invocation, outcome, table } from "../helpers/excel";

const inv = invocation();
// A buys 2024-01-10 and 2024-03-05; B buys 2024-01-20; C buys 2024-02-01 and 2024-06-15.
const ids = column("A", "B", "C", "A", "C");
const dates = column(45301, 45311, 45323, 45356, 45458);
const amounts = column(100, 50, 80, 120, 60);

/** A cell of a table as data: the number, text, or the error code. */
const show = (cell: unknown): unknown => (cell instanceof CustomFunctions.Error ? cell.code : cell);
const shown = (rows: unknown[][]): unknown[][] => rows.map((row) => row.map(show));

describe("=CX.CUSTOMER_BRIDGE", () => {
  test("the worked example of DOMAIN.md §7, with dates as serials and churn as a fraction", () => {
    expect(shown(table(() => cx.CUSTOMER_BRIDGE(ids, dates, "month", 90, null, null, "en-US", inv)))).toEqual([
      ["Period", "First day", "Last day", "Customers at start", "New", "Reactivated", "Lapsed", "Customers at end", "Churn rate"],
      ["2024-01", 45292, 45322, 0, 2, 0, 0, 2, "#N/A"],
      ["2024-02", 45323, 45351, 2, 1, 0, 0, 3, 0],
      ["2024-03", 45352, 45382, 3, 0, 0, 0, 3, 0],
      ["2024-04", 45383, 45412, 3, 0, 0, 1, 2, 1 / 3],
      ["2024-05", 45413, 45443, 2, 0, 0, 1, 1, 0.5],
      ["2024-06", 45444, 45473, 1, 0, 1, 1, 1, 1],
    ]);
  });
  test("churn with no customers at the start is #N/A with the reason (in Office's language; `language` sets the headers)", () => {
    const first = table(() => cx.CUSTOMER_BRIDGE(ids, dates, "月", null, null, null, "zh-CN", inv))[1]?.[8] as CustomFunctions.Error;
    expect([first.code, first.message]).toEqual(["#N/A", "2024-01: no customers at the start of the period, so there is no churn rate."]);
  });
  test("Chinese headers and period names; quarters with the default window of 92 days", () => {
    const result = table(() => cx.CUSTOMER_BRIDGE(ids, dates, "季度", null, null, null, "zh-CN", inv));
    expect(result[0]).toEqual(["期间", "期初日", "期末日", "期初活跃客户", "新增客户", "回流客户", "流失客户", "期末活跃客户", "流失率"]);
    // Q1: A, B, C new, 3 at the end. Q2: B lapses (04-21 = 01-20 + 92), C (05-03) and comes back in June, A (06-05).
    expect(shown(result.slice(1)).map((row) => row.slice(0, 1).concat(row.slice(3)))).toEqual([["2024-Q1", 0, 3, 0, 0, 3, "#N/A"], ["2024-Q2", 3, 0, 0, 2, 1, 2 / 3]]);
  });
  test("from and to bound the table; history before from still counts", () => {
    const result = table(() => cx.CUSTOMER_BRIDGE(ids, dates, null, null, "2024-04-15", [[45500]], "en-US", inv));
    expect(result.map((row) => row[0])).toEqual(["Period", "2024-04", "2024-05", "2024-06", "2024-07"]);
    expect(result[1]?.slice(3, 8)).toEqual([3, 0, 0, 1, 2]);
    expect(result[4]?.slice(3, 8)).toEqual([1, 0, 0, 0, 1]); // C bought 06-15: active until 09-12
  });
  test("a whole-column reference with blank rows below, ids matched as COUNTIF does, same-day purchases, rows out of order", () => {
    const blank = Array.from({ length: 20 }, () => [""]);
    const messy = table(() => cx.CUSTOMER_BRIDGE(
      [["c"], [" a"], ["A "], ["b"], ["a"], ["A"], ...blank],
      [[45458], ["2024-03-05"], [45301], [45311], [45301.5], [45301], ...blank],
      null, null, null, null, "en-US", inv,
    ));
    // Only C's June purchase is known for C here: new in June.
    expect(messy.slice(1).map((row) => row.slice(3, 8))).toEqual([[0, 2, 0, 0, 2], [2, 0, 0, 0, 2], [2, 0, 0, 0, 2], [2, 0, 0, 1, 1], [1, 0, 0, 0, 1], [1, 1, 0, 1, 1]]);
  });
});

describe("=CX.REVENUE_BRIDGE and =CX.PERIOD_KPIS", () => {
  test("the same purchases: revenue movements, net revenue retention; #N/A where there was no revenue before", () => {
    expect(shown(table(() => cx.REVENUE_BRIDGE(ids, dates, amounts, null, null, null, "en-US", inv)))).toEqual([
      ["Period", "Revenue in previous period", "New", "Returning", "Expansion", "Contraction", "Lost", "Revenue", "Net revenue retention"],
      ["2024-01", 0, 150, 0, 0, 0, 0, 150, "#N/A"],
      ["2024-02", 150, 80, 0, 0, 0, -150, 80, 0],
      ["2024-03", 80, 0, 120, 0, 0, -80, 120, 0],
      ["2024-04", 120, 0, 0, 0, 0, -120, 0, 0],
      ["2024-05", 0, 0, 0, 0, 0, 0, 0, "#N/A"],
      ["2024-06", 0, 0, 60, 0, 0, 0, 60, "#N/A"],
    ]);
  });
  test("from February: expansion, contraction, returning and lost, worked by hand", () => {
    // January A 100, B 50. February A 150, C 80 (new). March A 90, B 40, C 80.
    const result = table(() => cx.REVENUE_BRIDGE(column("A", "B", "C", "A", "A", "B", "C"), column(45301, 45311, 45323, 45330, 45360, 45365, 45370), column(100, 50, 80, 150, 90, 40, 80), null, "2024-02-01", null, "en-US", inv));
    expect(result.slice(1)).toEqual([
      // February: 150 before; C new 80; A +50; B lost −50; 230. NRR (150 + 50 − 50) / 150 = 1.
      ["2024-02", 150, 80, 0, 50, 0, -50, 230, 1],
      // March: 230 before; B returns with 40; A −60; C unchanged; 210. NRR (230 − 60) / 230.
      ["2024-03", 230, 0, 40, 0, -60, 0, 210, 170 / 230],
    ]);
  });
  test("activity per period; no orders gives #N/A for AOV, orders per buyer and repeat share", () => {
    const twice = [...ids, ["a"]];
    const result = shown(table(() => cx.PERIOD_KPIS(twice, [...dates, [45303]], [...amounts, [30]], "month", null, null, "en-US", inv)));
    expect(result[0]).toEqual(["Period", "Buyers", "New buyers", "Orders", "Revenue", "Average order value", "Orders per buyer", "Repeat-buyer share"]);
    expect(result[1]).toEqual(["2024-01", 2, 2, 3, 180, 60, 1.5, 0.5]);
    expect(result[4]).toEqual(["2024-04", 0, 0, 0, 0, "#N/A", "#N/A", "#N/A"]);
    expect(table(() => cx.PERIOD_KPIS(ids, dates, amounts, "month", null, null, "zh-CN", inv))[0]).toEqual(["期间", "购买客户数", "新购买客户数", "订单数", "收入", "客单价", "人均订单数", "复购客户占比"]);
  });
  test("weeks and years", () => {
    expect(table(() => cx.PERIOD_KPIS(ids, dates, amounts, "year", null, null, "en-US", inv)).slice(1)).toEqual([["2024", 3, 3, 5, 410, 82, 5 / 3, 2 / 3]]);
    const weeks = table(() => cx.PERIOD_KPIS(ids, dates, amounts, "week", null, null, "en-US", inv));
    expect([weeks[1]?.[0], weeks.at(-1)?.[0], weeks.length - 1]).toEqual(["2024-W02", "2024-W24", 23]);
  });
});

describe("bad input: a #VALUE! naming the argument and the cell", () => {
  const at = invocation(["Sales!A2:A6", "Sales!B2:B6", "Sales!C2:C6", "Report!B1", "Report!B2", "Report!B3", "Report!B4", "Report!B5"]);
  // CUSTOMER_BRIDGE has no amounts: its options start one argument earlier.
  const bridgeAt = invocation(["Sales!A2:A6", "Sales!B2:B6", "Report!B1", "Report!B2", "Report!B3", "Report!B4", "Report!B5"]);
  const error = (body: () => unknown) => outcome(body);
  test.each([
    ["a lapse window shorter than the period", () => cx.CUSTOMER_BRIDGE(ids, dates, "quarter", [[60]], null, null, null, bridgeAt),
      'lapse_days (Report!B2) is 60; with period "quarter" it must be a whole number of days, at least 92 (the longest such period), or the customer bridge is not well defined.'],
    ["an unknown period", () => cx.REVENUE_BRIDGE(ids, dates, amounts, "fortnight", null, null, null, at), 'period: "fortnight" is not one of "month", "quarter", "week", "year".'],
    ["mismatched ranges", () => cx.PERIOD_KPIS(ids, dates.slice(0, 4), amounts, null, null, null, null, at), "dates is 4×1 but customer_ids is 5×1; give ranges of the same size."],
    ["text in a date column that is not a date", () => cx.CUSTOMER_BRIDGE(ids, [...dates.slice(0, 2), ["next week"], ...dates.slice(3)], null, null, null, null, null, bridgeAt),
      'dates (Sales!B4): "next week" is not a date; use a date cell or text such as 2024-03-31.'],
    ["a negative amount", () => cx.REVENUE_BRIDGE(ids, dates, [...amounts.slice(0, 3), [-20], ...amounts.slice(4)], null, null, null, null, at), "amounts (Sales!C5) is -20; it cannot be negative."],
    ["a from date that is not a date", () => cx.PERIOD_KPIS(ids, dates, amounts, null, "2024-02-30", null, null, at), 'from (Report!B2): "2024-02-30" is not a date; use a date cell or text such as 2024-03-31.'],
    ["to before from", () => cx.PERIOD_KPIS(ids, dates, amounts, null, "2024-05-01", "2024-02-01", null, at), "to (Report!B3) is 2024-02-01, before the table's first period (from, or the first purchase)."],
  ])("%s", (_name, body, message) => {
    expect(error(body as () => unknown)).toEqual({ kind: "error", code: "#VALUE!", message });
  });
  test("an empty range is #N/A", () => {
    expect(error(() => cx.CUSTOMER_BRIDGE([[""]], [[""]], null, null, null, null, null, inv))).toMatchObject({ kind: "error", code: "#N/A" });
  });
});

describe("the cohort table", () => {
  test("=CX.COHORT spills the retention triangle with labels and sizes", () => {
    const result = table(() => cx.COHORT(column("a", "b", "c", "a", "a", "b", "d"), column(45292, 45300, 45310, 45325, 45360, 45355, 45330), null, null, null, "en-US", inv));
    expect(result).toEqual([
      ["Cohort", "Customers", "M0", "M1", "M2"],
      ["2024-01", 3, 1, 1 / 3, 2 / 3],
      ["2024-02", 1, 1, 0, ""],
    ]);
  });
  test("from and to cut it to a report's span: rows run to to's period, later purchases left out, earlier cohorts not listed", () => {
    const ids = column("a", "b", "c", "a", "a", "b", "d");
    const dates = column(45292, 45300, 45310, 45325, 45360, 45355, 45330);
    // to 2024-04-30: January's cohort (a, b, c) buys again in February (a), March (a, b), April (none)
    expect(table(() => cx.COHORT(ids, dates, "month", null, [[45412]], "zh-CN", inv))).toEqual([
      ["客户群组", "客户数", "M0", "M1", "M2", "M3"],
      ["2024-01", 3, 1, 1 / 3, 2 / 3, 0],
      ["2024-02", 1, 1, 0, 0, ""],
    ]);
    // February alone: a bought first in January, so only d is new; March's purchases are after to
    expect(table(() => cx.COHORT(ids, dates, "month", [[45323]], [[45351]], "en-US", inv))).toEqual([["Cohort", "Customers", "M0"], ["2024-02", 1, 1]]);
    // from January: every month a row, April's with nobody won; a span with no new customer has its rows empty
    expect(table(() => cx.COHORT(ids, dates, "month", [[45292]], [[45412]], "en-US", inv)).slice(1).map((row) => row.slice(0, 3))).toEqual([["2024-01", 3, 1], ["2024-02", 1, 1], ["2024-03", 0, ""], ["2024-04", 0, ""]]);
    expect(table(() => cx.COHORT(ids, dates, "month", [[45383]], [[45412]], "en-US", inv))).toEqual([["Cohort", "Customers", "M0"], ["2024-04", 0, ""]]);
    expect(outcome(() => cx.COHORT(ids, dates, "month", [[45323]], [[45292]], null, invocation(["A:A", "B:B", "C1", "C2", "C3"])))).toEqual({ kind: "error", code: "#VALUE!", message: "to (C3) is 2024-01-01, before from (2024-02-01)." });
  });
  test("a bad period names the choices", () => {
    expect(outcome(() => cx.COHORT(column("a"), column(45292), "year", null, null, null, inv))).toEqual({ kind: "error", code: "#VALUE!", message: 'period: "year" is not one of "month", "quarter", "week".' });
  });
});
