/**
 * Functions under hostile but legal input (issue: bounded work, no Infinity, the right argument
 * named): Excel's first and last dates, spans longer than a table can show, horizons of centuries.
 * Each case ends at once with an Excel error that names an argument the function has.
 */
import * as cx from "../../src/functions/functions";
import { invocation, outcome } from "../helpers/excel";

const inv = invocation();
const column = (values: readonly unknown[]): unknown[][] => values.map((value) => [value]);
// Excel's first and last dates: serial 1 is 1900-01-01, 2958465 is 9999-12-31
const ids = column(["A", "B", "A"]);
const dates = column([1, 2958465, 40000]);
const amounts = column([10, 20, 30]);

/** A call's error, with how long it took. */
function refused(body: () => unknown): { code: string; message: string; ms: number } {
  const started = performance.now();
  const result = outcome(body);
  const ms = performance.now() - started;
  if (result.kind !== "error") throw new Error(`expected an Excel error, got ${JSON.stringify(result).slice(0, 200)}`);
  return { code: result.code, message: result.message ?? "", ms };
}

test.each([
  ["CUSTOMER_BRIDGE", () => cx.CUSTOMER_BRIDGE(ids, dates, "week", null, null, null, "en-US", inv)],
  ["REVENUE_BRIDGE", () => cx.REVENUE_BRIDGE(ids, dates, amounts, "week", null, null, "en-US", inv)],
  ["PERIOD_KPIS", () => cx.PERIOD_KPIS(ids, dates, amounts, "week", null, null, "en-US", inv)],
  ["COHORT", () => cx.COHORT(ids, dates, "week", null, null, null, inv)],
])("%s over Excel's whole calendar by week is refused at once, naming dates and their span", (_name, call) => {
  const { code, message, ms } = refused(call);
  expect(code).toBe("#VALUE!");
  expect(message).toMatch(/^dates run from 1900-01-01 to 9999-12-31: 422,639 weeks, more than the 10,000 a table shows\. Check the dates for a wrong year, give from and to, or report by a longer period\./);
  expect(ms).toBeLessThan(1_000);
});

test("with from and to, the same data gives a table of the weeks asked for (the history before still counts)", () => {
  const result = outcome(() => cx.CUSTOMER_BRIDGE(ids, dates, "week", null, "2009-07-01", "2009-09-30", "en-US", inv));
  expect(result.kind).toBe("value");
  expect((result as { value: unknown[][] }).value).toHaveLength(1 + 14);
});

test("Excel's serials before 1900-03-01 are the dates Excel shows: serial 1 is 1900-01-01, its month 1900-01 starting on day 1", () => {
  const result = outcome(() => cx.CUSTOMER_BRIDGE(column(["A"]), column([1]), null, null, null, null, "en-US", inv));
  const rows = (result as { value: unknown[][] }).value;
  expect(rows[1]?.slice(0, 3)).toEqual(["1900-01", 1, 31]);
  for (const row of rows.slice(1)) for (const value of row) if (typeof value === "number") expect(value).toBeGreaterThanOrEqual(0);
  // a to of serial 1 is 1900-01-01 in the message, not 1899-12-31
  const early = refused(() => cx.CUSTOMER_BRIDGE(column(["A"]), column([45000]), null, null, null, 1, "en-US", inv));
  expect(early.message).toContain("1900-01-01");
  expect(early.message).not.toContain("1899");
  // serial 60, Excel's 1900-02-29 that never was, falls in February's table row or March's, never a day number below 1
  const leap = (outcome(() => cx.CUSTOMER_BRIDGE(column(["A", "A"]), column([59, 61]), null, null, null, null, "en-US", inv)) as { value: unknown[][] }).value;
  expect(leap.slice(1).map((row) => row.slice(0, 3))).toEqual([["1900-02", 32, 60], ["1900-03", 61, 91]]);
});

describe("no result cell is ever Infinity or NaN; messages name an argument the function has", () => {
  const huge = column([1e308, 1e308]);
  test("amounts whose sums overflow are #NUM! in the cells they touch; shares of an overflowed total are #NUM!, not 0", () => {
    const kpis = (outcome(() => cx.PERIOD_KPIS(column(["A", "B"]), column([45000, 45001]), huge, null, null, null, "en-US", inv)) as { value: unknown[][] }).value;
    expect(kpis[1]?.slice(1, 4)).toEqual([2, 2, 2]);
    expect(kpis[1]?.slice(4, 6)).toEqual([{ code: "#NUM!" }, { code: "#NUM!" }]); // revenue and AOV
    const segments = (outcome(() => cx.RFM_SEGMENT_SUMMARY(column([1, 2, 3]), column([1, 2, 3]), column([1e308, 1e308, 5]), null, inv)) as { value: unknown[][] }).value;
    for (const row of segments.slice(1)) expect(row[4]).toEqual({ code: "#NUM!" }); // no silent 0 share
    const bridge = (outcome(() => cx.REVENUE_BRIDGE(column(["A", "B", "A"]), column([45000, 45001, 45040]), column([1e308, 1e308, 1e308]), null, null, null, "en-US", inv)) as { value: unknown[][] }).value;
    for (const row of bridge) for (const value of row) expect(typeof value === "number" && !Number.isFinite(value)).toBe(false);
  });

  test("RFM names its own argument (amounts); an empty input says which argument is empty; a lone error cell is said as such", () => {
    expect(refused(() => cx.RFM(column(["A", "B"]), column([45000, 45001]), column([Infinity, 3]), null, null, inv)).message).toBe("amounts at row 1, column 1: Infinity is not a number.");
    expect(refused(() => cx.RFM_SCORES([[""]], [[""]], [[""]], inv))).toMatchObject({ code: "#N/A", message: "recency holds no values." });
    expect(refused(() => cx.RFM_SEGMENT_SUMMARY([[""]], [[""]], [[""]], null, inv))).toMatchObject({ code: "#N/A", message: "recency holds no values." });
    const error = new CustomFunctions.Error("#REF!" as CustomFunctions.ErrorCode);
    expect(refused(() => cx.CUSTOMER_BRIDGE([[error]], column(Array.from({ length: 1543 }, () => 45000)), null, null, null, null, "en-US", inv)).message).toBe("customer_ids holds the error #REF!; fix that cell first.");
    expect(refused(() => cx.ENGAGEMENT([[error]], [[1, 1]], inv)).message).toBe("measures holds the error #REF!; fix that cell first.");
    expect(refused(() => cx.ENGAGEMENT([["x"]], [[1, 1]], inv)).message).toMatch(/^measures: "x" is text/);
  });
});
