/**
 * The lifetime-value functions through the Excel boundary, on the CDNOW sample of Fader, Hardie &
 * Lee (2005): published BG/NBD fit r 0.243, α 4.414, a 0.793, b 2.426 (ln L −9582.4) and
 * Gamma-Gamma p 6.25, q 3.74, v 15.44 on the 946 repeat buyers.
 */
import * as cx from "../../src/functions/functions";
import { expectClose } from "../helpers/close";
import { cdnowSummary, cdnowTransactions, serialOf } from "../helpers/cdnow";
import { column, invocation, outcome, single, table } from "../helpers/excel";

const inv = invocation();
const { ids, dates, amounts } = cdnowTransactions();
const asOf = serialOf("19970930");

test("=CX.CLV_FIT on the CDNOW transactions gives the published parameters", () => {
  const fit = table(() => cx.CLV_FIT(column(...ids), column(...dates), column(...amounts), [[asOf]], "weeks", inv));
  const value = (name: string): number => fit.find((row) => row[0] === name)?.[1] as number;
  expect(fit[0]).toEqual(["Parameter", "Value"]);
  expectClose(value("BG/NBD r"), 0.243, 0.0005);
  expectClose(value("BG/NBD alpha"), 4.414, 0.0005);
  expectClose(value("BG/NBD a"), 0.793, 0.0005);
  expectClose(value("BG/NBD b"), 2.426, 0.0005);
  expectClose(value("BG/NBD log-likelihood"), -9582.4, 0.05);
  expectClose(value("Gamma-Gamma p"), 6.25, 0.005);
  expectClose(value("Gamma-Gamma q"), 3.74, 0.005);
  expectClose(value("Gamma-Gamma v"), 15.44, 0.01);
  expect(value("Customers")).toBe(2357);
  expect(value("Repeat buyers")).toBe(946);
  expect(value("Converged")).toBe(true);
});

test("=CX.CLV_PREDICT spills one row per customer; CLV falls as the discount rate rises", () => {
  const columns = [column(...ids), column(...dates), column(...amounts)] as const;
  const flat = table(() => cx.CLV_PREDICT(...columns, [[12]], null, [[0.3]], [[asOf]], inv));
  const discounted = table(() => cx.CLV_PREDICT(...columns, [[12]], [[0.02]], [[0.3]], [[asOf]], inv));
  expect(flat[0]).toEqual(["Customer", "Repeat purchases (x)", "Last purchase (t_x)", "Age (T)", "P(alive)", "Expected purchases", "Expected spend per purchase", "CLV"]);
  expect(flat.length).toBe(2358);
  // customer 1: x 2, t_x 30.43, T 38.86 in the published summary
  expect(flat[1]?.slice(0, 2)).toEqual([4, 2]); // CDNOW ids are master ids; the first is 4
  for (let i = 1; i < flat.length; i += 97) {
    const alive = flat[i]?.[4] as number;
    expect(alive).toBeGreaterThanOrEqual(0);
    expect(alive).toBeLessThanOrEqual(1);
    expect(discounted[i]?.[7] as number).toBeLessThan(flat[i]?.[7] as number);
    expectClose(flat[i]?.[7] as number, 0.3 * (flat[i]?.[5] as number) * (flat[i]?.[6] as number), 1e-9);
  }
});

describe("the same models from per-customer summaries (a database query's result)", () => {
  const summary = cdnowSummary();
  const columns = [column(...summary.frequency), column(...summary.recency), column(...summary.age), column(...summary.meanSpend)] as const;
  test("=CX.CLV_FIT_SUMMARY on CDNOW's published summary gives the published fit, and CX.CLV_FIT's", () => {
    const fromSummary = table(() => cx.CLV_FIT_SUMMARY(...columns, null, inv));
    const fromTransactions = table(() => cx.CLV_FIT(column(...ids), column(...dates), column(...amounts), [[asOf]], "weeks", inv));
    expect(fromSummary.map((row) => row[0])).toEqual(fromTransactions.map((row) => row[0]));
    const value = (fit: unknown[][], name: string): number => fit.find((row) => row[0] === name)?.[1] as number;
    // Published (Fader, Hardie & Lee 2005; Fader & Hardie 2013): r 0.243, α 4.414, a 0.793, b 2.426; p 6.25, q 3.74, v 15.44.
    for (const [name, published, tolerance] of [["BG/NBD r", 0.243, 0.0005], ["BG/NBD alpha", 4.414, 0.0005], ["BG/NBD a", 0.793, 0.0005], ["BG/NBD b", 2.426, 0.0005], ["Gamma-Gamma p", 6.25, 0.005], ["Gamma-Gamma q", 3.74, 0.005], ["Gamma-Gamma v", 15.44, 0.01]] as const) {
      expectClose(value(fromSummary, name), published, tolerance);
      // The summary rounds t_x and T to 0.01 weeks and zbar to cents: the two fits agree to that rounding
      // (v moves most: 15.4435 from the summary, 15.4477 from the transactions).
      expectClose(value(fromSummary, name), value(fromTransactions, name), 5e-4 * Math.abs(published));
    }
    expect([value(fromSummary, "Customers"), value(fromSummary, "Repeat buyers"), value(fromSummary, "Converged")]).toEqual([2357, 946, true]);
  });
  test("=CX.CLV_PREDICT_SUMMARY spills the forecast of =CX.CLV_PREDICT for each customer of the summary", () => {
    const ids = Array.from({ length: summary.frequency.length }, (_, i) => `K${i + 1}`);
    const result = table(() => cx.CLV_PREDICT_SUMMARY(column(...ids), ...columns, [[12]], [[0.01]], [[0.3]], null, inv));
    expect(result.length).toBe(2358);
    expect(result[0]).toEqual(["Customer", "Repeat purchases (x)", "Last purchase (t_x)", "Age (T)", "P(alive)", "Expected purchases", "Expected spend per purchase", "CLV"]);
    // Customer 1 of the summary: x 2, t_x 30.43, T 38.86 (the published table's first row).
    expect(result[1]?.slice(0, 4)).toEqual(["K1", 2, 30.43, 38.86]);
    const fit = table(() => cx.CLV_FIT_SUMMARY(...columns, null, inv));
    const parameter = (name: string): number => fit.find((row) => row[0] === name)?.[1] as number;
    const alive = single(() => cx.P_ALIVE([[2]], [[30.43]], [[38.86]], [[parameter("BG/NBD r")]], [[parameter("BG/NBD alpha")]], [[parameter("BG/NBD a")]], [[parameter("BG/NBD b")]], inv)) as number;
    expectClose(result[1]?.[4] as number, alive, 1e-12);
  });
  test("bad summaries are refused naming the argument and the row", () => {
    const at = invocation(["S!A2:A4", "S!B2:B4", "S!C2:C4", "S!D2:D4"]);
    expect(outcome(() => cx.CLV_FIT_SUMMARY(column(1, 2.5, 0), column(1, 2, 0), column(3, 3, 3), column(10, 10, 0), null, at))).toEqual({ kind: "error", code: "#VALUE!", message: "frequency (S!A3) is 2.5; it must be a whole number." });
    expect(outcome(() => cx.CLV_FIT_SUMMARY(column(1, 2, 0), column(1, 4, 0), column(3, 3, 3), column(10, 10, 0), null, at))).toEqual({ kind: "error", code: "#VALUE!", message: "recency (S!B3) is 4, more than age (3)." });
    expect(outcome(() => cx.CLV_FIT_SUMMARY(column(1, 2, 0), column(1, 2, 1), column(3, 3, 3), column(10, 10, 0), null, at))).toEqual({ kind: "error", code: "#VALUE!", message: "recency (S!B4) is 1, but with no repeat purchases (frequency = 0) it must be 0." });
    expect(outcome(() => cx.CLV_FIT_SUMMARY(column(1, 2, 0), column(1, 2, 0), column(3, 3, 3), column(10, -1, 0), null, at))).toEqual({ kind: "error", code: "#VALUE!", message: "monetary (S!D3) is -1; it cannot be negative." });
    expect(outcome(() => cx.CLV_FIT_SUMMARY(column(1, 2), column(1, 2, 0), column(3, 3, 3), column(10, 10, 0), null, at))).toMatchObject({ kind: "error", code: "#VALUE!" });
  });
  test("a fit that fails on summaries names the summaries' own arguments, not the transactions' (fast-check's counterexample: one customer of 1e308 repeat purchases)", () => {
    const at = invocation(["S!A2", "S!B2", "S!C2", "S!D2"]);
    expect(outcome(() => cx.CLV_FIT_SUMMARY([[1e308]], [[5]], [[1e308]], [[1e308]], null, at))).toMatchObject({
      kind: "error", code: "#VALUE!", message: expect.stringMatching(/^frequency(?: \(S!A2\))?: the BG\/NBD model could not be fitted to these purchases/),
    });
    const predicted = outcome(() => cx.CLV_PREDICT_SUMMARY([["C1"]], [[1e308]], [[5]], [[1e308]], [[1e308]], [[12]], null, null, null, inv));
    expect(predicted).toMatchObject({ kind: "error", code: "#VALUE!", message: expect.stringMatching(/^frequency\b/) });
  });
});

test("=CX.P_ALIVE and =CX.EXPECTED_PURCHASES element-wise with the published parameters", () => {
  const alive = single(() => cx.P_ALIVE([[2]], [[30.43]], [[38.86]], [[0.243]], [[4.414]], [[0.793]], [[2.426]], inv)) as number;
  const ratio = (0.793 / (2.426 + 1)) * ((4.414 + 38.86) / (4.414 + 30.43)) ** (0.243 + 2);
  expectClose(alive, 1 / (1 + ratio), 1e-12);
  const spill = outcome(() => cx.P_ALIVE(column(0, 2), column(0, 30.43), column(38.86, 38.86), [[0.243]], [[4.414]], [[0.793]], [[2.426]], inv));
  expect(spill.kind === "value" && spill.value[0]?.[0]).toBe(1);
  const purchases = single(() => cx.EXPECTED_PURCHASES([[39]], [[2]], [[30.43]], [[38.86]], [[0.243]], [[4.414]], [[0.793]], [[2.426]], inv)) as number;
  expect(purchases).toBeGreaterThan(0);
  expect(purchases).toBeLessThan(5);
});

describe("bad input", () => {
  test("nobody repeats: #VALUE! saying why and what to do, never a wrong number", () => {
    const result = outcome(() => cx.CLV_FIT(column("a", "b", "c"), column(45292, 45300, 45310), column(1, 2, 3), null, null, inv));
    expect(result).toEqual({ kind: "error", code: "#VALUE!", message: "customer_ids: none of the 3 customers bought more than once, so nothing shows how often they come back. Use purchases over a longer time, or CX.CLV with an estimated lifespan." });
    // every repeat amount 0: the spend model has nothing to learn from
    const free = outcome(() => cx.CLV_FIT(column("a", "a", "b", "b"), column(45292, 45300, 45292, 45310), column(0, 0, 0, 0), null, null, inv));
    expect(free).toMatchObject({ kind: "error", code: "#VALUE!", message: expect.stringMatching(/^amounts: every repeat purchase has an amount of 0/) });
  });
  test("t_x beyond T, x not whole, a parameter not positive", () => {
    const p: unknown[][] = [[0.243], [4.414], [0.793], [2.426]];
    expect(outcome(() => cx.P_ALIVE([[2]], [[40]], [[38]], [p[0] as unknown[]], [p[1] as unknown[]], [p[2] as unknown[]], [p[3] as unknown[]], inv))).toEqual({ kind: "error", code: "#VALUE!", message: "t_x is 40, more than T (38)." });
    expect(outcome(() => cx.P_ALIVE([[2.5]], [[30]], [[38]], [p[0] as unknown[]], [p[1] as unknown[]], [p[2] as unknown[]], [p[3] as unknown[]], inv))).toEqual({ kind: "error", code: "#VALUE!", message: "x is 2.5; it must be a whole number." });
    expect(outcome(() => cx.P_ALIVE([[2]], [[30]], [[38]], [[-1]], [p[1] as unknown[]], [p[2] as unknown[]], [p[3] as unknown[]], inv))).toEqual({ kind: "error", code: "#VALUE!", message: "r is -1; it must be greater than 0." });
    expect(outcome(() => cx.P_ALIVE([[0]], [[3]], [[38]], [p[0] as unknown[]], [p[1] as unknown[]], [p[2] as unknown[]], [p[3] as unknown[]], inv))).toEqual({ kind: "error", code: "#VALUE!", message: "t_x is 3, but with no repeat purchases (x = 0) it must be 0." });
  });
  test("all purchases on one day: everyone has x = 0, so no model can be fitted: #VALUE! with why", () => {
    const result = outcome(() => cx.CLV_PREDICT(column("a", "a", "b"), column(45292, 45292, 45292), column(5, 6, 7), [[12]], null, null, null, inv));
    expect(result).toMatchObject({ kind: "error", code: "#VALUE!", message: expect.stringMatching(/^customer_ids: none of the 2 customers bought more than once/) });
  });
});

describe("the simple lifetime values of shared/DOMAIN.md §1", () => {
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
  test("a single value pairs with every cell of a range", () => {
    expect(outcome(() => cx.CLV(column(100, 200), [[4]], [[5]], [[0.5]], null as never, inv))).toEqual({ kind: "value", value: [[1000], [2000]] });
  });
});
