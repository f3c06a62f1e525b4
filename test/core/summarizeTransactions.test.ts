import { summarizeTransactions } from "../../src/core/prep/summarizeTransactions";
import { expectClose } from "../helpers/close";
import { cdnowSummary, cdnowTransactions, serialOf } from "../helpers/cdnow";

describe("summarizeTransactions", () => {
  test("reproduces the published CDNOW calibration summary from the raw transactions", () => {
    const { ids, dates, amounts } = cdnowTransactions();
    const summary = summarizeTransactions({ customerIds: ids, dates, amounts, asOf: serialOf("19970930"), timeUnit: "weeks" });
    const published = cdnowSummary();
    expect(summary.customers.length).toBe(2357);
    // The published file lists customers 1..2357 in order of id, as do the transactions.
    for (let i = 0; i < 2357; i++) {
      expect(summary.frequency[i]).toBe(published.frequency[i]);
      expectClose(summary.recency[i] as number, published.recency[i] as number, 0.006);
      expectClose(summary.age[i] as number, published.age[i] as number, 0.006);
      expectClose(summary.meanRepeatSpend[i] as number, published.meanSpend[i] as number, 0.006);
    }
  });
  test("same-day purchases count once, with the day's amounts added up; dates may come in any order", () => {
    // a: days 10, 10, 17, 24 (out of order) → x 2, t_x 2 weeks, repeat days 17 (5) and 24 (7) → mean 6
    const summary = summarizeTransactions({
      customerIds: ["a", "a", "a", "a", "b"], dates: [24, 10, 17, 10, 3], amounts: [7, 1, 5, 2, 9], asOf: 31, timeUnit: "weeks",
    });
    expect(summary.customers).toEqual(["a", "b"]);
    expect(Array.from(summary.frequency)).toEqual([2, 0]);
    expect(Array.from(summary.recency)).toEqual([2, 0]);
    expect(Array.from(summary.age)).toEqual([3, 4]);
    expect(Array.from(summary.meanRepeatSpend)).toEqual([6, 0]);
  });
  test("two purchases on one day with different amounts: both count as one purchase day", () => {
    const summary = summarizeTransactions({ customerIds: ["a", "a", "a"], dates: [5, 5, 12], amounts: [1, 2, 10], timeUnit: "days" });
    expect(Array.from(summary.frequency)).toEqual([1]);
    expect(Array.from(summary.meanRepeatSpend)).toEqual([10]);
    expect(summary.asOf).toBe(12);
  });
  test("time units: days, weeks, months (365.25 / 12 days)", () => {
    const input = { customerIds: ["a", "a"], dates: [0, 30.4375 * 2], asOf: 30.4375 * 4 };
    expect(summarizeTransactions({ ...input, timeUnit: "days" }).age[0]).toBe(121);
    expectClose(summarizeTransactions({ ...input, timeUnit: "months" }).recency[0] as number, 60 / 30.4375, 1e-12);
  });
  test("purchases after the end of observation are left out", () => {
    const summary = summarizeTransactions({ customerIds: ["a", "a", "b"], dates: [1, 9, 9], asOf: 5, timeUnit: "days" });
    expect(summary.customers).toEqual(["a"]);
    expect(Array.from(summary.frequency)).toEqual([0]);
  });
});
