/**
 * The RFM functions (RFM, RFM_SUMMARY, RFM_SEGMENT_SUMMARY, RFM_SCORES, RFM_SEGMENT) through their Excel
 * boundary, on the hand-worked data of test/core/rfm.test.ts (shared/DOMAIN.md §4).
 */
import * as cx from "../../src/functions/functions";
import { column, invocation, outcome, single } from "../helpers/excel";

const inv = invocation();

describe("transaction-table functions", () => {
  // Same data as the hand-worked RFM test in test/core/rfm.test.ts.
  const ids = column("A", "B", "A", "C", "D", "D", "A", "C", "D", "D", "D", "E");
  const dates = column(45300, 45300, 45320, 45310, 45301, 45302, 45350, 45360, 45303, 45304, 45361, "2024-01-01");
  const amounts = column(100, 20, 100, 250, 200, 200, 100, 250, 200, 200, 200, 10);

  test("=CX.RFM spills a header and one row per customer", () => {
    const result = outcome(() => cx.RFM(ids, dates, amounts, null, "en-US", inv));
    if (result.kind !== "value") throw new Error(JSON.stringify(result));
    expect(result.value[0]).toEqual(["Customer", "Recency (days)", "Frequency", "Monetary", "R", "F", "M", "RFM code", "Segment"]);
    expect(result.value[1]).toEqual(["A", 12, 3, 300, 3, 4, 3, 343, "Potential Loyalist"]);
    expect(result.value[4]).toEqual(["D", 1, 5, 1000, 5, 5, 5, 555, "Champions"]);
    expect(result.value[5]).toEqual(["E", 70, 1, 10, 1, 1, 1, 111, "Lost"]);
  });
  test("=CX.RFM in Chinese names the segments in Chinese", () => {
    const result = outcome(() => cx.RFM(ids, dates, amounts, null, "zh-CN", inv));
    if (result.kind !== "value") throw new Error(JSON.stringify(result));
    expect(result.value[0]?.[8]).toBe("客户分群");
    expect(result.value.slice(1).map((row) => row[8])).toEqual(["潜力忠诚客户", "即将沉睡客户", "潜力忠诚客户", "重要价值客户", "已流失客户"]);
  });
  test("=CX.RFM_SUMMARY counts customers and revenue per segment, every segment listed", () => {
    const result = outcome(() => cx.RFM_SUMMARY(ids, dates, amounts, null, "en-US", inv));
    if (result.kind !== "value") throw new Error(JSON.stringify(result));
    expect(result.value).toHaveLength(12);
    // the revenue is each segment's customers' purchases to date (RFM's monetary), not the period's
    expect(result.value[0]).toEqual(["Segment", "Customers", "Share", "Revenue to date (all purchases)", "Share of revenue"]);
    // From the =CX.RFM rows above: D Champions (1,000); A and C Potential Loyalist (300 + 500); B About To Sleep (20); E Lost (10).
    const row = (name: string): unknown[] | undefined => result.value.find((r) => r[0] === name);
    expect(row("Champions")).toEqual(["Champions", 1, 0.2, 1000, 1000 / 1830]);
    expect(row("Potential Loyalist")).toEqual(["Potential Loyalist", 2, 0.4, 800, 800 / 1830]);
    expect(row("About To Sleep")).toEqual(["About To Sleep", 1, 0.2, 20, 20 / 1830]);
    expect(row("Lost")).toEqual(["Lost", 1, 0.2, 10, 10 / 1830]);
    expect(row("At Risk")).toEqual(["At Risk", 0, 0, 0, 0]);
    expect(result.value.map((r) => r[0]).slice(1, 3)).toEqual(["Champions", "Potential Loyalist"]);
    expect(result.value[11]?.[0]).toBe("Others");
    const zh = outcome(() => cx.RFM_SUMMARY(ids, dates, amounts, null, "zh-CN", inv));
    if (zh.kind !== "value") throw new Error(JSON.stringify(zh));
    expect(zh.value[1]).toEqual(["重要价值客户", 1, 0.2, 1000, 1000 / 1830]);
  });
  test("=CX.RFM reads a whole-column reference: trailing blank rows are skipped", () => {
    const pad = (range: unknown[][]): unknown[][] => [...range, ...Array.from({ length: 50 }, () => [""])];
    const padded = outcome(() => cx.RFM(pad(ids), pad(dates), pad(amounts), null, "en-US", inv));
    const plain = outcome(() => cx.RFM(ids, dates, amounts, null, "en-US", inv));
    expect(padded).toEqual(plain);
  });
  test("=CX.RFM with an as-of date as text", () => {
    const result = outcome(() => cx.RFM(ids, dates, amounts, "2024-01-14", "en-US", inv));
    if (result.kind !== "value") throw new Error(JSON.stringify(result));
    expect(result.value.slice(1).map((row) => row[0])).toEqual(["A", "B", "D", "E"]);
  });
  test("=CX.RFM_SCORES lines its rows up with the input, blank rows included", () => {
    const result = outcome(() => cx.RFM_SCORES(column(12, 62, "", 2, 1, 70), column(3, 1, "", 2, 5, 1), column(300, 20, "", 500, 1000, 10), inv));
    expect(result).toEqual({ kind: "value", value: [[3, 4, 3, 343], [2, 1, 2, 212], ["", "", "", ""], [4, 3, 4, 434], [5, 5, 5, 555], [1, 1, 1, 111]] });
  });
  test("=CX.RFM_SEGMENT element-wise, in both languages", () => {
    expect(outcome(() => cx.RFM_SEGMENT(column(5, 1), column(5, 1), column(5, 1), "en-US", inv))).toEqual({ kind: "value", value: [["Champions"], ["Lost"]] });
    expect(single(() => cx.RFM_SEGMENT([[2]], [[2]], [[2]], "中文", inv))).toBe("忠诚客户");
  });
});
