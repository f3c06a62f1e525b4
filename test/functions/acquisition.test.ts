/**
 * The acquisition functions (CAC, LTV:CAC, payback, conversion, AOV) through their Excel boundary, with
 * the worked examples of shared/DOMAIN.md §1 and element-wise ranges (one CAC per channel).
 */
import * as cx from "../../src/functions/functions";
import { column, invocation, outcome, single } from "../helpers/excel";

const inv = invocation();

describe("examples from the issue and shared/DOMAIN.md", () => {
  test("=CX.CAC(100000,200) is 500, =CX.LTV_CAC(1500,500) is 3, =CX.CAC_PAYBACK(500,100,0.5) is 10", () => {
    expect(single(() => cx.CAC([[100000]], [[200]], inv))).toBe(500);
    expect(single(() => cx.LTV_CAC([[1500]], [[500]], inv))).toBe(3);
    expect(single(() => cx.CAC_PAYBACK([[500]], [[100]], [[0.5]], inv))).toBe(10);
  });
  test("=CX.AOV(50000,400) is 125, =CX.CONVERSION(30,1200) is 0.025", () => {
    expect(single(() => cx.AOV([[50000]], [[400]], inv))).toBe(125);
    expect(single(() => cx.CONVERSION([[30]], [[1200]], inv))).toBe(0.025);
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
  test("ranges of different sizes are refused, naming both", () => {
    const result = outcome(() => cx.CAC(column(1, 2, 3), column(1, 2), inv));
    expect(result).toEqual({ kind: "error", code: "#VALUE!", message: "new_customers is 2×1 but spend is 3×1; give ranges of the same size." });
  });
});
