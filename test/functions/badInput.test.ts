/**
 * Each class of bad input the issue lists, through the Excel boundary. The answer is always an
 * Excel error whose message names the argument, the place and the value, or a documented skip.
 */
import * as cx from "../../src/functions/functions";
import { CxError } from "../../src/core/errors";
import { Call } from "../../src/functions/call";
import { column, invocation, outcome, single } from "../helpers/excel";

const inv = invocation();
const nil = null as never;

/** The error a call ends in; fails the test if it returns a value or crashes. */
function errorFrom(body: () => unknown): { code: string; message: string | undefined } {
  const result = outcome(body);
  if (result.kind !== "error") throw new Error(`expected an Excel error, got ${JSON.stringify(result)}`);
  return { code: result.code, message: result.message };
}

describe("messages name the cell when Excel gives the argument's address", () => {
  test("text in a survey range names its cell", () => {
    const at = invocation(["Survey!$C$2:$C$6", "", ""]);
    expect(errorFrom(() => cx.NPS(column(9, 10, "n/a", 3, 7), null, null, at))).toEqual({
      code: "#VALUE!", message: 'scores (Survey!C4): "n/a" is text, not a number; convert the cells to numbers.',
    });
  });
  test("a cell holding an error, as Excel passes it with allowErrorForDataTypeAny (a CustomFunctions.Error), names its cell", () => {
    const at = invocation(["Survey!$C$2:$C$4", "", ""]);
    const na = new CustomFunctions.Error("#N/A" as CustomFunctions.ErrorCode);
    const result = errorFrom(() => cx.NPS(column(9, na, 3), null, null, at));
    expect(result.code).toBe("#VALUE!");
    expect(result.message).toBe("scores (Survey!C3) holds the error #N/A; fix that cell first.");
  });
  test("an out-of-scale NPS answer after skipped blanks still names the right cell", () => {
    const at = invocation(["Sheet1!B2:B8"]);
    expect(errorFrom(() => cx.NPS(column(9, "", "", 10, 11), null, null, at)).message).toBe(
      "scores (Sheet1!B6): 11 is not an NPS answer; answers are whole numbers from 0 to 10.",
    );
  });
  test("a two-column range counts columns too", () => {
    const at = invocation(["'Q1 data'!$D$10:$E$12"]);
    expect(errorFrom(() => cx.CSAT([[5, 4], [3, 9]], null, null, at)).message).toBe(
      "scores ('Q1 data'!E11): 9 is not an answer on the 1 to 5 scale.",
    );
  });
  test("without addresses the message gives row and column", () => {
    expect(errorFrom(() => cx.CSAT([[5, 4], [3, 9]], null, null, inv)).message).toBe(
      "scores at row 2, column 2: 9 is not an answer on the 1 to 5 scale.",
    );
  });
  test("an element-wise failure names the cell of its row", () => {
    const at = invocation(["Costs!B2:B4", "Costs!C2:C4"]);
    const result = outcome(() => cx.CAC(column(100, 200, 300), column(1, -2, 3), at));
    if (result.kind !== "value") throw new Error(JSON.stringify(result));
    expect(result.value[1]?.[0]).toEqual(new CustomFunctions.Error("#VALUE!" as CustomFunctions.ErrorCode, "new_customers (Costs!C3) is -2; it cannot be negative."));
    expect(result.value[0]?.[0]).toBe(100);
  });
  test("messages follow the user's language", () => {
    const call = new Call(["scores"], invocation(["Sheet1!A1:A3"]), "zh-CN");
    const error = call.toExcelError(new CxError("value", "npsAnswer", { arg: "scores", value: 12 }, { argument: "scores", index: 2 }));
    expect(error.message).toBe("scores（Sheet1!A3）：12 不是有效的 NPS 答案，答案应为 0 到 10 的整数。");
  });
});

describe("text in a number range", () => {
  test.each([
    ["CAC", () => cx.CAC([["100"]], [[2]], inv), 'spend: "100" is text, not a number; convert the cells to numbers.'],
    ["CLV", () => cx.CLV([[100]], [["four"]], [[5]], nil, nil, inv), 'purchases_per_period: "four" is text, not a number; convert the cells to numbers.'],
    ["CSI", () => cx.CSI(column(5, "good"), nil, inv), 'scores at row 2, column 1: "good" is text, not a number; convert the cells to numbers.'],
    ["RFM amounts", () => cx.RFM(column("A", "B"), column(45000, 45001), column(10, "ten"), null, null, inv), 'amounts at row 2, column 1: "ten" is text, not a number; convert the cells to numbers.'],
  ])("%s", (_name, body, message) => {
    expect(errorFrom(body)).toEqual({ code: "#VALUE!", message });
  });
});

describe("blanks", () => {
  test("blank survey answers are skipped (documented), an all-blank range is #N/A", () => {
    expect(single(() => cx.NPS(column("", 10, null, 0), null, null, inv))).toBe(0);
    expect(errorFrom(() => cx.NPS(column("", null), null, null, inv))).toEqual({ code: "#N/A", message: "scores holds no answers (every cell is blank)." });
  });
  test("a blank required value is #N/A naming it", () => {
    expect(errorFrom(() => cx.CHURN([[""]], [[5]], nil, null, inv))).toEqual({ code: "#N/A", message: "customers_start is blank; enter a value." });
  });
  test("a transaction row blank in only one column names the blank cell", () => {
    expect(errorFrom(() => cx.RFM(column("A", "B"), column(45000, ""), column(1, 2), null, null, invocation(["T!A2:A3", "T!B2:B3", "T!C2:C3"])))).toEqual({
      code: "#N/A", message: "dates (T!B3) is blank; enter a value.",
    });
  });
  test("a blank optional argument takes its default", () => {
    expect(single(() => cx.CLV([[100]], [[4]], [[5]], [[""]], [[null]], inv))).toBe(2000);
  });
});

describe("booleans and error values passed in", () => {
  test("TRUE in a number range is refused, not counted as 1", () => {
    expect(errorFrom(() => cx.CSAT(column(5, true), null, null, inv)).message).toBe("scores at row 2, column 1: TRUE is not a number.");
  });
  test("an error value in a range is named, whether Excel sends an object or the text", () => {
    expect(errorFrom(() => cx.NPS(column(9, { code: "#N/A" }), null, null, inv)).message).toBe("scores at row 2, column 1 holds the error #N/A; fix that cell first.");
    expect(errorFrom(() => cx.AOV([["#DIV/0!"]], [[3]], inv)).message).toBe("revenue holds the error #DIV/0!; fix that cell first.");
    expect(errorFrom(() => cx.RFM(column("A", { type: "Error", errorType: "Ref" }), column(1, 2), column(1, 2), null, null, inv)).message).toBe(
      "customer_ids at row 2, column 1 holds the error #Ref; fix that cell first.",
    );
  });
});

describe("empty and mismatched ranges", () => {
  test("an empty range is #N/A", () => {
    expect(errorFrom(() => cx.REPURCHASE_RATE([], inv)).code).toBe("#N/A");
    expect(errorFrom(() => cx.CAC([], [[1]], inv))).toEqual({ code: "#N/A", message: "spend holds no values." });
    expect(errorFrom(() => cx.REPURCHASE_RATE(column("", ""), inv)).code).toBe("#N/A");
  });
  test("transaction columns of different lengths are refused", () => {
    expect(errorFrom(() => cx.RFM(column("A", "B", "C"), column(1, 2), column(1, 2, 3), null, null, inv)).message).toBe(
      "dates is 2×1 but customer_ids is 3×1; give ranges of the same size.",
    );
  });
  test("a two-column range where one column is expected is refused", () => {
    expect(errorFrom(() => cx.REPURCHASE_RATE([["A", "B"], ["C", "D"]], inv)).message).toBe("customer_ids must be a single value, not a range of 2×2.");
  });
  test("weights that do not fit the scores are refused", () => {
    expect(errorFrom(() => cx.CSI(column(5, 6, 7), column(1, 2), inv)).message).toBe("weights is 2×1 but scores is 3×1; give ranges of the same size.");
    expect(errorFrom(() => cx.ENGAGEMENT([[1, 2], [3, 4]], [[1, 2, 3]], inv)).message).toBe("weights has 3 values but 2 are needed (one per measure).");
  });
  test("a range where a single value is expected is refused", () => {
    expect(errorFrom(() => cx.CSAT(column(5), [[5, 7]], null, inv)).message).toBe("scale_max must be a single value, not a range of 1×2.");
  });
});

describe("negative, huge and zero values", () => {
  test("negative counts", () => {
    expect(errorFrom(() => cx.CHURN([[100]], [[-5]], nil, null, inv)).message).toBe("customers_lost is -5; it cannot be negative.");
    expect(errorFrom(() => cx.RETENTION([[-1]], [[5]], [[1]], inv)).message).toBe("customers_start is -1; it cannot be negative.");
  });
  test("zero denominators are #DIV/0!", () => {
    expect(errorFrom(() => cx.CAC([[100]], [[0]], inv)).code).toBe("#DIV/0!");
    expect(errorFrom(() => cx.CHURN([[0]], [[0]], nil, null, inv)).code).toBe("#DIV/0!");
    expect(errorFrom(() => cx.LTV_CAC([[100]], [[0]], inv)).code).toBe("#DIV/0!");
  });
  test("a margin typed as 40 instead of 40% is refused with a hint", () => {
    expect(errorFrom(() => cx.CLV([[100]], [[4]], [[5]], [[40]], nil, inv)).message).toBe(
      "gross_margin is 40; enter a fraction from 0 to 1 (for 40 % enter 0.4 or 40%).",
    );
  });
  test("an overflow is #NUM!, never Infinity", () => {
    expect(errorFrom(() => cx.CLV([[1e300]], [[1e300]], [[5]], nil, nil, inv)).code).toBe("#NUM!");
  });
});

describe("survey answers off the scale", () => {
  test.each([[11], [-1], [7.5]])("NPS answer %p is bad input, not a detractor", (answer) => {
    expect(errorFrom(() => cx.NPS(column(10, answer), null, null, inv)).code).toBe("#VALUE!");
  });
  test.each([[0], [6], [3.5]])("CSAT answer %p on a 1–5 scale is refused", (answer) => {
    expect(errorFrom(() => cx.CSAT(column(5, answer), null, null, inv)).code).toBe("#VALUE!");
  });
  test("an unknown output or language is refused with the allowed values", () => {
    expect(errorFrom(() => cx.NPS(column(10), "mean", null, inv)).message).toBe(
      'output: "mean" is not one of "score", "nps", "moe", "margin", "se", "breakdown".',
    );
    expect(errorFrom(() => cx.RFM_SEGMENT([[1]], [[1]], [[1]], "fr", inv)).message).toBe('language: "fr" is not one of "en-US", "zh-CN".');
    expect(errorFrom(() => cx.CHURN([[10]], [[1]], nil, "median", inv)).message).toBe('method: "median" is not one of "start", "average", "avg".');
  });
});

describe("bad dates", () => {
  const ids = column("A", "B");
  const amounts = column(10, 20);
  test.each([
    ["2024-02-30", 'dates at row 2, column 1: "2024-02-30" is not a date; use a date cell or text such as 2024-03-31.'],
    ["next week", 'dates at row 2, column 1: "next week" is not a date; use a date cell or text such as 2024-03-31.'],
    [-5, "dates at row 2, column 1: -5 is outside Excel's dates (1900-01-01 to 9999-12-31)."],
    [3e6, "dates at row 2, column 1: 3000000 is outside Excel's dates (1900-01-01 to 9999-12-31)."],
  ])("%p", (bad, message) => {
    expect(errorFrom(() => cx.RFM(ids, column(45000, bad), amounts, null, null, inv))).toEqual({ code: "#VALUE!", message });
  });
  test("date text in the usual Chinese and ISO forms is read", () => {
    const rfm = (when: string): unknown => outcome(() => cx.RFM(ids, column(45292, when), amounts, null, "en", inv));
    expect(rfm("2024年1月2日")).toEqual(rfm("2024-01-02"));
    expect(rfm("2024/1/2")).toEqual(rfm("2024-01-02 13:45"));
  });
  test("a bad as-of date names the argument", () => {
    expect(errorFrom(() => cx.INACTIVE_SHARE(ids, column(45000, 45001), "yesterday", null, inv)).message).toBe(
      'as_of: "yesterday" is not a date; use a date cell or text such as 2024-03-31.',
    );
    expect(errorFrom(() => cx.INACTIVE_SHARE(ids, column(45000, 45001), null, null, inv)).message).toBe("as_of is blank; enter a value.");
  });
});

describe("a million rows", () => {
  test("NPS over 1,000,000 answers counts every one", () => {
    const scores = Array.from({ length: 1_000_000 }, (_, i) => [i % 11]);
    // 0..10 evenly: promoters 9,10 (2/11), detractors 0..6 (7/11) → 100·(2 − 7)/11
    expect(single(() => cx.NPS(scores, null, null, inv))).toBeCloseTo((100 * (2 - 7)) / 11, 1);
  });
  test("an error in the millionth row is still found and named", () => {
    const scores = Array.from({ length: 1_000_000 }, () => [10] as unknown[]);
    scores[999_999] = [12];
    expect(errorFrom(() => cx.NPS(scores, null, null, invocation(["Sheet1!A2:A1000001"]))).message).toBe(
      "scores (Sheet1!A1000001): 12 is not an NPS answer; answers are whole numbers from 0 to 10.",
    );
  });
  test("RFM over 1,000,000 transactions returns one row per customer", () => {
    const n = 1_000_000;
    const ids = Array.from({ length: n }, (_, i) => [`C${i % 100_000}`]);
    const dates = Array.from({ length: n }, (_, i) => [45000 + (i % 365)]);
    const amounts = Array.from({ length: n }, (_, i) => [(i % 97) + 1]);
    const result = outcome(() => cx.RFM(ids, dates, amounts, null, "en", inv));
    if (result.kind !== "value") throw new Error(JSON.stringify(result).slice(0, 300));
    expect(result.value.length).toBe(100_001);
    expect(result.value[1]?.[2]).toBe(10);
  });
});
