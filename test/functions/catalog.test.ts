/**
 * Every worksheet function through its Excel boundary: arguments as Excel passes them (2-D arrays,
 * null for an omitted optional argument), results as Excel receives them.
 */
import * as cx from "../../src/functions/functions";
import { expectClose } from "../helpers/close";
import { column, invocation, outcome, single } from "../helpers/excel";

const inv = invocation();

describe("examples from the issue and shared/DOMAIN.md", () => {
  test("=CX.CLV(100,4,5) is 2000", () => {
    expect(single(() => cx.CLV([[100]], [[4]], [[5]], null as never, null as never, inv))).toBe(2000);
  });
  test("=CX.CLV(100,4,5,0.4,0.1) is the discounted sum of 160 a year for 5 years", () => {
    const expected = [1, 2, 3, 4, 5].reduce((sum, t) => sum + 160 / 1.1 ** t, 0);
    expectClose(single(() => cx.CLV([[100]], [[4]], [[5]], [[0.4]], [[0.1]], inv)) as number, expected, 1e-9);
  });
  test("=CX.CLV_RETENTION(100,0.8,0.1) is 266.67", () => {
    expectClose(single(() => cx.CLV_RETENTION([[100]], [[0.8]], [[0.1]], inv)) as number, 266.67, 0.005);
  });
  test("=CX.CHURN(1000,50) is 0.05; method average uses the mean of start and end", () => {
    expect(single(() => cx.CHURN([[1000]], [[50]], null as never, null, inv))).toBe(0.05);
    expect(single(() => cx.CHURN([[1000]], [[50]], [[900]], "average", inv))).toBeCloseTo(50 / 950, 15);
    expect(single(() => cx.CHURN([[1000]], [[50]], [[900]], "平均", inv))).toBeCloseTo(50 / 950, 15);
  });
  test("=CX.RETENTION(1000,1050,150) is 0.9", () => {
    expect(single(() => cx.RETENTION([[1000]], [[1050]], [[150]], inv))).toBe(0.9);
  });
  test("=CX.CAC(100000,200) is 500, =CX.LTV_CAC(1500,500) is 3, =CX.CAC_PAYBACK(500,100,0.5) is 10", () => {
    expect(single(() => cx.CAC([[100000]], [[200]], inv))).toBe(500);
    expect(single(() => cx.LTV_CAC([[1500]], [[500]], inv))).toBe(3);
    expect(single(() => cx.CAC_PAYBACK([[500]], [[100]], [[0.5]], inv))).toBe(10);
  });
  test("AOV, CONVERSION, COMPLAINT_RATE, PURCHASE_FREQUENCY", () => {
    expect(single(() => cx.AOV([[50000]], [[400]], inv))).toBe(125);
    expect(single(() => cx.CONVERSION([[30]], [[1200]], inv))).toBe(0.025);
    expect(single(() => cx.COMPLAINT_RATE([[12]], [[800]], inv))).toBe(0.015);
    expect(single(() => cx.PURCHASE_FREQUENCY([[2400]], [[600]], [[12]], inv))).toBeCloseTo(1 / 3, 15);
    expect(single(() => cx.PURCHASE_FREQUENCY([[2400]], [[600]], null as never, inv))).toBe(4);
  });
  test("=CX.NPS over 50 promoters, 30 passives, 20 detractors: 30, margin 15.31, SE 7.81", () => {
    const scores = [...Array(50).fill([10]), ...Array(30).fill([7]), ...Array(20).fill([3])];
    expect(single(() => cx.NPS(scores, null, null, inv))).toBeCloseTo(30, 12);
    expectClose(single(() => cx.NPS(scores, "moe", null, inv)) as number, 15.31, 0.005);
    expectClose(single(() => cx.NPS(scores, "se", null, inv)) as number, 7.81, 0.005);
  });
  test("=CX.NPS(..., \"breakdown\") spills a labelled table in the chosen language", () => {
    const scores = [...Array(50).fill([9]), ...Array(30).fill([8]), ...Array(20).fill([6])];
    const table = outcome(() => cx.NPS(scores, "breakdown", "zh-CN", inv));
    if (table.kind !== "value") throw new Error(JSON.stringify(table));
    expect(table.value[0]).toEqual(["类别", "人数", "占比"]);
    expect(table.value[1]).toEqual(["推荐者（9-10）", 50, 0.5]);
    expect(table.value[3]).toEqual(["贬损者（0-6）", 20, 0.2]);
    expect(table.value[5]?.slice(0, 2)).toEqual(["净推荐值", 30]);
    expectClose(table.value[7]?.[1] as number, 15.31, 0.005);
    const english = outcome(() => cx.NPS(scores, "breakdown", "en", inv));
    if (english.kind !== "value") throw new Error(JSON.stringify(english));
    expect(english.value.map((row) => row[0])).toEqual([
      "Group", "Promoters (9-10)", "Passives (7-8)", "Detractors (0-6)", "Answers", "NPS", "Standard error",
      "Margin of error (95 %)", "NPS lower bound (95 %)", "NPS upper bound (95 %)",
    ]);
  });
  test("=CX.CSAT: 10 answers, 7 of them 4 or 5, is 0.7; blanks skipped", () => {
    expect(single(() => cx.CSAT(column(5, 4, 4, 5, 5, 4, 4, 3, 2, 1, "", null), null, null, inv))).toBe(0.7);
    expect(single(() => cx.CSAT(column(10, 9, 2, 8), 10, 3, inv))).toBe(0.75);
  });
  test("=CX.CSI with weights per answer, per column and per row", () => {
    expectClose(single(() => cx.CSI(column(10, 7, 4), null as never, inv)) as number, (6 / 9) * 100, 1e-12);
    expectClose(single(() => cx.CSI(column(10, 1), column(3, 1), inv)) as number, 75, 1e-12);
    // two questions (columns) answered by two people, question 1 weighted 3 and question 2 weighted 1
    expectClose(single(() => cx.CSI([[10, 1], [10, 1]], [[3, 1]], inv)) as number, 75, 1e-12);
    expectClose(single(() => cx.CSI([[10, 10], [1, 1]], column(3, 1), inv)) as number, 75, 1e-12);
  });
});

describe("element-wise ranges spill one value per row", () => {
  test("CAC per channel", () => {
    const result = outcome(() => cx.CAC(column(100000, 30000, 8000), column(200, 60, 0), inv));
    if (result.kind !== "value") throw new Error(JSON.stringify(result));
    expect(result.value[0]).toEqual([500]);
    expect(result.value[1]).toEqual([500]);
    // a zero in one channel is that cell's #DIV/0!, not the whole column's
    expect((result.value[2]?.[0] as CustomFunctions.Error).code).toBe("#DIV/0!");
  });
  test("a single value pairs with every cell of a range", () => {
    expect(outcome(() => cx.CLV(column(100, 200), [[4]], [[5]], [[0.5]], null as never, inv))).toEqual({ kind: "value", value: [[1000], [2000]] });
  });
  test("ranges of different sizes are refused, naming both", () => {
    const result = outcome(() => cx.CAC(column(1, 2, 3), column(1, 2), inv));
    expect(result).toEqual({ kind: "error", code: "#VALUE!", message: "new_customers is 2×1 but spend is 3×1; give ranges of the same size." });
  });
});

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
    expect(result.value[0]).toEqual(["Segment", "Customers", "Share", "Revenue", "Share of revenue"]);
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
  test("=CX.REPURCHASE_RATE and =CX.INACTIVE_SHARE", () => {
    expect(single(() => cx.REPURCHASE_RATE(ids, inv))).toBe(0.6);
    expect(single(() => cx.INACTIVE_SHARE(ids, dates, [[45362]], [[30]], inv))).toBe(0.4);
    expect(single(() => cx.INACTIVE_SHARE(ids, dates, "2024-03-12", null, inv))).toBe(0);
  });
  test("=CX.RFM_SCORES lines its rows up with the input, blank rows included", () => {
    const result = outcome(() => cx.RFM_SCORES(column(12, 62, "", 2, 1, 70), column(3, 1, "", 2, 5, 1), column(300, 20, "", 500, 1000, 10), inv));
    expect(result).toEqual({ kind: "value", value: [[3, 4, 3, 343], [2, 1, 2, 212], ["", "", "", ""], [4, 3, 4, 434], [5, 5, 5, 555], [1, 1, 1, 111]] });
  });
  test("=CX.RFM_SEGMENT element-wise, in both languages", () => {
    expect(outcome(() => cx.RFM_SEGMENT(column(5, 1), column(5, 1), column(5, 1), "en-US", inv))).toEqual({ kind: "value", value: [["Champions"], ["Lost"]] });
    expect(single(() => cx.RFM_SEGMENT([[2]], [[2]], [[2]], "中文", inv))).toBe("忠诚客户");
  });
  test("=CX.ENGAGEMENT spills one score per customer row", () => {
    const result = outcome(() => cx.ENGAGEMENT([[10, 3], [5, 1], [0, 0]], null as never, inv));
    if (result.kind !== "value") throw new Error(JSON.stringify(result));
    expect(result.value.map((row) => row[0])).toEqual([100, ((0.5 + 1 / 3) / 2) * 100, 0]);
    expect(outcome(() => cx.ENGAGEMENT([[10, 0], [0, 3]], [[3, 1]], inv))).toEqual({ kind: "value", value: [[75], [25]] });
  });
});
