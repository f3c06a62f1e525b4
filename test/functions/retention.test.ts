/**
 * The retention functions (churn, retention, purchase frequency, repurchase rate, inactive share,
 * engagement) through their Excel boundary, with the worked examples of shared/DOMAIN.md §1.
 */
import * as cx from "../../src/functions/functions";
import { column, invocation, outcome, single } from "../helpers/excel";

const inv = invocation();

describe("examples from the issue and shared/DOMAIN.md", () => {
  test("=CX.CHURN(1000,50) is 0.05; method average uses the mean of start and end", () => {
    expect(single(() => cx.CHURN([[1000]], [[50]], null as never, null, inv))).toBe(0.05);
    expect(single(() => cx.CHURN([[1000]], [[50]], [[900]], "average", inv))).toBeCloseTo(50 / 950, 15);
    expect(single(() => cx.CHURN([[1000]], [[50]], [[900]], "平均", inv))).toBeCloseTo(50 / 950, 15);
  });
  test("=CX.RETENTION(1000,1050,150) is 0.9", () => {
    expect(single(() => cx.RETENTION([[1000]], [[1050]], [[150]], inv))).toBe(0.9);
  });
  test("=CX.PURCHASE_FREQUENCY(2400,600,12) is a third a month, 4 over the whole span", () => {
    expect(single(() => cx.PURCHASE_FREQUENCY([[2400]], [[600]], [[12]], inv))).toBeCloseTo(1 / 3, 15);
    expect(single(() => cx.PURCHASE_FREQUENCY([[2400]], [[600]], null as never, inv))).toBe(4);
  });
});

describe("transaction-table functions", () => {
  // Same data as the hand-worked RFM test in test/core/rfm.test.ts.
  const ids = column("A", "B", "A", "C", "D", "D", "A", "C", "D", "D", "D", "E");
  const dates = column(45300, 45300, 45320, 45310, 45301, 45302, 45350, 45360, 45303, 45304, 45361, "2024-01-01");

  test("=CX.REPURCHASE_RATE and =CX.INACTIVE_SHARE", () => {
    expect(single(() => cx.REPURCHASE_RATE(ids, inv))).toBe(0.6);
    expect(single(() => cx.INACTIVE_SHARE(ids, dates, [[45362]], [[30]], inv))).toBe(0.4);
    expect(single(() => cx.INACTIVE_SHARE(ids, dates, "2024-03-12", null, inv))).toBe(0);
  });
  test("=CX.ENGAGEMENT spills one score per customer row", () => {
    const result = outcome(() => cx.ENGAGEMENT([[10, 3], [5, 1], [0, 0]], null as never, inv));
    if (result.kind !== "value") throw new Error(JSON.stringify(result));
    expect(result.value.map((row) => row[0])).toEqual([100, ((0.5 + 1 / 3) / 2) * 100, 0]);
    expect(outcome(() => cx.ENGAGEMENT([[10, 0], [0, 3]], [[3, 1]], inv))).toEqual({ kind: "value", value: [[75], [25]] });
  });
});
