/**
 * Gamma-Gamma against the published fit on CDNOW's 946 repeat buyers: Fader & Hardie, "The
 * Gamma-Gamma model of monetary value" (2013): p = 6.25, q = 3.74, v = 15.44
 * (shared/data/cdnow/README.md).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { conditionalExpectedSpend, fitGammaGamma, gammaGammaLogLikelihood } from "../../src/core/clv/gammaGamma";
import { expectClose } from "../helpers/close";
import { gamma, seededRandom } from "../helpers/simulate";

const summaryFile = path.resolve(__dirname, "../fixtures/cdnow/cdnow_customers_summary_with_transactions.csv");
const rows = readFileSync(summaryFile, "utf8").trim().split(/\r?\n/).slice(1).map((line) => line.split(",").map(Number));
const cdnow = { frequency: rows.map((row) => row[1] as number), meanSpend: rows.map((row) => row[4] as number) };

test("the CDNOW fit is p 6.25, q 3.74, v 15.44 on 946 repeat buyers, to the published two decimals", () => {
  const fit = fitGammaGamma(cdnow);
  expect(fit.repeatBuyers).toBe(946);
  expect(fit.converged).toBe(true);
  expectClose(fit.parameters.p, 6.25, 0.005);
  expectClose(fit.parameters.q, 3.74, 0.005);
  // The maximum is at v = 15.4477 (lifetimes prints 15.45); the paper's 15.44 is that truncated.
  expectClose(fit.parameters.v, 15.44, 0.01);
});

test("the fit is the maximum: moving any parameter lowers the likelihood", () => {
  const fit = fitGammaGamma(cdnow);
  const { p, q, v } = fit.parameters;
  for (const nudged of [{ p: p * 1.01, q, v }, { p, q: q * 1.01, v }, { p, q, v: v * 0.99 }]) {
    expect(gammaGammaLogLikelihood(nudged, cdnow)).toBeLessThan(fit.logLikelihood);
  }
});

test("expected spend by hand: shrinks a customer's mean toward the population mean", () => {
  const parameters = { p: 6.25, q: 3.74, v: 15.44 };
  // x = 2, mean 20: 6.25 (15.44 + 40) / (12.5 + 2.74) = 346.5 / 15.24
  expectClose(conditionalExpectedSpend(parameters, 2, 20), (6.25 * (15.44 + 40)) / (12.5 + 3.74 - 1), 1e-12);
  const population = (6.25 * 15.44) / (3.74 - 1);
  expectClose(conditionalExpectedSpend(parameters, 0, 999), population, 1e-12);
  // many purchases: close to the customer's own mean
  expectClose(conditionalExpectedSpend(parameters, 10_000, 50), 50, 0.05);
});

test("recovery: 20,000 simulated repeat buyers from p 6, q 4, v 15 are fitted back within 15 %", () => {
  const random = seededRandom(11);
  const frequency: number[] = [];
  const meanSpend: number[] = [];
  for (let i = 0; i < 20_000; i++) {
    const nu = gamma(random, 4) / 15; // ν ~ Gamma(q, rate v)
    const x = 1 + Math.floor(random() * 6);
    let total = 0;
    for (let k = 0; k < x; k++) total += gamma(random, 6) / nu; // z ~ Gamma(p, rate ν)
    frequency.push(x);
    meanSpend.push(total / x);
  }
  const { p, q, v } = fitGammaGamma({ frequency, meanSpend }).parameters;
  expectClose(p, 6, 0.9);
  expectClose(q, 4, 0.6);
  expectClose(v, 15, 2.25);
});

test("too few repeat buyers or identical spends: #NUM! with a reason, never a wrong number", () => {
  expect(() => fitGammaGamma({ frequency: [0, 1], meanSpend: [0, 10] })).toThrow(/bought more than once/);
});
