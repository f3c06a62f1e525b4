/**
 * The satisfaction functions (NPS, CSAT, CSI, complaints) through their Excel boundary: arguments as
 * Excel passes them (2-D arrays, null for an omitted optional argument), results as Excel receives them;
 * the worked examples of shared/DOMAIN.md §2.
 */
import * as cx from "../../src/functions/functions";
import { expectClose } from "../helpers/close";
import { column, invocation, outcome, single } from "../helpers/excel";

const inv = invocation();

describe("examples from the issue and shared/DOMAIN.md", () => {
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
  test("=CX.COMPLAINT_RATE(12,800) is 0.015", () => {
    expect(single(() => cx.COMPLAINT_RATE([[12]], [[800]], inv))).toBe(0.015);
  });
});
