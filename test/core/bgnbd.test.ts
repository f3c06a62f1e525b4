/**
 * BG/NBD against the published fit on the CDNOW sample: Fader, Hardie & Lee (2005), "Counting your
 * customers the easy way: an alternative to the Pareto/NBD model", Marketing Science 24(2):
 * r = 0.243, α = 4.414, a = 0.793, b = 2.426, log-likelihood −9582.4 (shared/data/cdnow/README.md).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { bgNbdLogLikelihood, expectedPurchases, expectedPurchasesNewCustomer, fitBgNbd, probabilityAlive } from "../../src/core/clv/betaGeometricNbd";
import { hypergeometric2F1 } from "../../src/core/numeric/hypergeometric2F1";
import { logGamma } from "../../src/core/numeric/logGamma";
import { expectClose } from "../helpers/close";
import { seededRandom, simulateBgNbdCustomer } from "../helpers/simulate";

const summaryFile = path.resolve(__dirname, "../fixtures/cdnow/cdnow_customers_summary_with_transactions.csv");
const rows = readFileSync(summaryFile, "utf8").trim().split(/\r?\n/).slice(1).map((line) => line.split(",").map(Number));
const cdnow = {
  frequency: rows.map((row) => row[1] as number),
  recency: rows.map((row) => row[2] as number),
  age: rows.map((row) => row[3] as number),
};
const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe("numeric helpers", () => {
  test("logGamma matches known values (ln Γ(5) = ln 24, ln Γ(½) = ½ ln π, ln Γ(0.1))", () => {
    expectClose(logGamma(5), Math.log(24), 1e-13);
    expectClose(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-13);
    expectClose(logGamma(0.1), 2.252712651734206, 1e-12); // Python math.lgamma(0.1)
    // Γ(x + 1) = x Γ(x): ln Γ(100.5) = ln Γ(½) + Σ_{k=0}^{99} ln(k + ½)
    let viaRecurrence = 0.5 * Math.log(Math.PI);
    for (let k = 0; k < 100; k++) viaRecurrence += Math.log(k + 0.5);
    expectClose(logGamma(100.5), viaRecurrence, 1e-10);
  });
  test("₂F₁(1, 1; 2; z) = −ln(1 − z) / z", () => {
    expectClose(hypergeometric2F1(1, 1, 2, 0.5), -Math.log(0.5) / 0.5, 1e-14);
    expectClose(hypergeometric2F1(1, 1, 2, 0.9), -Math.log(0.1) / 0.9, 1e-12);
  });
});

describe("BG/NBD on CDNOW (Fader, Hardie & Lee 2005)", () => {
  test("the log-likelihood at the published parameters is −9582.4", () => {
    expectClose(bgNbdLogLikelihood(published, cdnow), -9582.4, 0.1);
  });
  test("the fit reproduces the published parameters to 3 decimals and ln L −9582.4", () => {
    const fit = fitBgNbd(cdnow);
    expect(fit.converged).toBe(true);
    expect(fit.customers).toBe(2357);
    expect(fit.repeatBuyers).toBe(946);
    expectClose(fit.parameters.r, 0.243, 0.0005);
    expectClose(fit.parameters.alpha, 4.414, 0.0005);
    expectClose(fit.parameters.a, 0.793, 0.0005);
    expectClose(fit.parameters.b, 2.426, 0.0005);
    expectClose(fit.logLikelihood, -9582.4, 0.05);
  });
  test("expected purchases of a new customer match a simulation of the model (eq. 9, Monte Carlo)", () => {
    const random = seededRandom(7);
    const n = 100_000;
    let total = 0;
    for (let i = 0; i < n; i++) total += simulateBgNbdCustomer(random, published, 39).repeatTimes.length;
    // Standard error of the simulated mean is about 0.01 here; allow four of them.
    expectClose(expectedPurchasesNewCustomer(published, 39), total / n, 0.04);
  });
  test("customer 1 (x 2, t_x 30.43, T 38.86): P(alive) and next-39-week purchases by hand", () => {
    const { r, alpha, a, b } = published;
    const x = 2, tx = 30.43, T = 38.86;
    const alive = 1 / (1 + (a / (b + x - 1)) * ((alpha + T) / (alpha + tx)) ** (r + x));
    expectClose(probabilityAlive(published, x, tx, T), alive, 1e-12);
    const z = 39 / (alpha + T + 39);
    const expected = ((a + b + x - 1) / (a - 1)) * (1 - ((alpha + T) / (alpha + T + 39)) ** (r + x) * hypergeometric2F1(r + x, b + x, a + b + x - 1, z)) * alive;
    expectClose(expectedPurchases(published, 39, x, tx, T), expected, 1e-12);
  });
  test("invariants: P(alive) in [0, 1]; expected purchases rise with the horizon; huge x stays finite", () => {
    for (let i = 0; i < cdnow.frequency.length; i += 7) {
      const p = probabilityAlive(published, cdnow.frequency[i] as number, cdnow.recency[i] as number, cdnow.age[i] as number);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
    let previous = 0;
    for (const horizon of [1, 5, 13, 26, 52, 104]) {
      const next = expectedPurchases(published, horizon, 3, 20, 38);
      expect(next).toBeGreaterThan(previous);
      previous = next;
    }
    expect(Number.isFinite(probabilityAlive(published, 1e6, 10, 38))).toBe(true);
    expect(Number.isFinite(bgNbdLogLikelihood(published, { frequency: [1e6], recency: [30], age: [38] }))).toBe(true);
  });
  test("nobody repeats: #NUM! with a reason", () => {
    expect(() => fitBgNbd({ frequency: [0, 0, 0], recency: [0, 0, 0], age: [10, 20, 30] })).toThrow(/bought more than once/);
  });
});
