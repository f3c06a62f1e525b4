import { CxError } from "../errors";
import { logGamma } from "../numeric/logGamma";
import { penalisedFit } from "./penalisedFit";

/** Gamma-Gamma parameters: spend per purchase ~ Gamma(p, ν), ν ~ Gamma(q, γ) across customers (γ written v). */
export interface GammaGammaParameters {
  readonly p: number;
  readonly q: number;
  readonly v: number;
}

/** Repeat buyers' spend: x repeat purchases with mean value m each (the first purchase excluded). */
export interface SpendHistory {
  readonly frequency: ArrayLike<number>;
  readonly meanSpend: ArrayLike<number>;
}

export interface GammaGammaFit {
  readonly parameters: GammaGammaParameters;
  readonly logLikelihood: number;
  readonly repeatBuyers: number;
  readonly converged: boolean;
  /** 0 for the maximum-likelihood fit; else the penalty the fit took to settle (penalisedFit). */
  readonly penalty: number;
}

/**
 * Gamma-Gamma log-likelihood (Fader & Hardie, "The Gamma-Gamma model of monetary value", 2013,
 * eq. 3) over repeat buyers (x > 0):
 *   ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v + (px−1) ln m + px ln x − (px+q) ln(v + m x).
 * Customers with x = 0 carry no spend information and are skipped, as are repeat buyers whose
 * repeat purchases were all free (mean 0): the model's spend is positive by construction.
 */
export function gammaGammaLogLikelihood(parameters: GammaGammaParameters, history: SpendHistory): number {
  return preparedLogLikelihood(parameters, prepareSpend(history));
}

/**
 * Repeat buyers grouped for repeated likelihood evaluation: per distinct x, the number of buyers and
 * Σ ln m (the terms that do not involve v); and the distinct (x, m·x) pairs with their counts, for
 * the one term that mixes a customer's spend with v. A fit evaluates the likelihood hundreds of
 * times; this leaves one logarithm per distinct pair per evaluation instead of five per customer.
 */
interface PreparedSpend {
  readonly xs: Float64Array;
  readonly buyers: Float64Array;
  readonly sumLogM: Float64Array;
  /** Per distinct (x, m): the index of x in `xs`, x·m, and how many buyers share it. */
  readonly pairX: Int32Array;
  readonly pairXm: Float64Array;
  readonly pairCount: Float64Array;
}

function prepareSpend(history: SpendHistory): PreparedSpend {
  const xIndex = new Map<number, number>();
  const buyers: number[] = [];
  const sumLogM: number[] = [];
  const pairs = new Map<number, Map<number, number>>();
  for (let i = 0; i < history.frequency.length; i++) {
    const x = history.frequency[i] as number;
    const m = history.meanSpend[i] as number;
    if (!(x > 0 && m > 0)) continue;
    let k = xIndex.get(x);
    if (k === undefined) {
      k = buyers.length;
      xIndex.set(x, k);
      buyers.push(0);
      sumLogM.push(0);
      pairs.set(k, new Map());
    }
    buyers[k] = (buyers[k] as number) + 1;
    sumLogM[k] = (sumLogM[k] as number) + Math.log(m);
    const byM = pairs.get(k) as Map<number, number>;
    byM.set(m, (byM.get(m) ?? 0) + 1);
  }
  const pairX: number[] = [];
  const pairXm: number[] = [];
  const pairCount: number[] = [];
  const xs = [...xIndex.keys()];
  for (const [k, byM] of pairs) {
    for (const [m, count] of byM) {
      pairX.push(k);
      pairXm.push(m * (xs[k] as number));
      pairCount.push(count);
    }
  }
  return { xs: Float64Array.from(xs), buyers: Float64Array.from(buyers), sumLogM: Float64Array.from(sumLogM), pairX: Int32Array.from(pairX), pairXm: Float64Array.from(pairXm), pairCount: Float64Array.from(pairCount) };
}

function preparedLogLikelihood(parameters: GammaGammaParameters, data: PreparedSpend): number {
  const { p, q, v } = parameters;
  if (!(p > 0 && q > 0 && v > 0)) return -Infinity;
  const constant = -logGamma(q) + q * Math.log(v);
  let total = 0;
  for (let k = 0; k < data.xs.length; k++) {
    const x = data.xs[k] as number;
    const px = p * x;
    total += (data.buyers[k] as number) * (logGamma(px + q) - logGamma(px) + constant + px * Math.log(x)) + (px - 1) * (data.sumLogM[k] as number);
  }
  for (let j = 0; j < data.pairXm.length; j++) {
    const x = data.xs[data.pairX[j] as number] as number;
    total -= (data.pairCount[j] as number) * (p * x + q) * Math.log(v + (data.pairXm[j] as number));
  }
  return total;
}

/**
 * Fits the Gamma-Gamma spend model by maximum likelihood on the repeat buyers (x > 0, mean spend
 * > 0), over log-parameters: Nelder–Mead, then Newton steps.
 *
 * Reproduces the published CDNOW fit on its 946 repeat buyers: p 6.25, q 3.74, v 15.44.
 *
 * Where the likelihood's maximum lies on a boundary, the fit is penalised a little instead
 * (penalisedFit) and says by how much.
 *
 * @throws CxError #VALUE! with fewer than 2 repeat buyers who spent, every repeat amount 0, or when not even a penalised fit settles
 */
export function fitGammaGamma(history: SpendHistory): GammaGammaFit {
  let repeatBuyers = 0;
  let spenders = 0;
  let meanSpend = 0;
  for (let i = 0; i < history.frequency.length; i++) {
    if ((history.frequency[i] as number) > 0) repeatBuyers++;
    if ((history.frequency[i] as number) > 0 && (history.meanSpend[i] as number) > 0) {
      spenders++;
      meanSpend += history.meanSpend[i] as number;
    }
  }
  if (repeatBuyers > 0 && spenders === 0) throw new CxError("value", "noSpend", { arg: "amounts" }, { argument: "amounts" });
  if (spenders < 2) {
    throw new CxError("value", "tooFewRepeatBuyers", { arg: "customer_ids", count: spenders, min: 2 }, { argument: "customer_ids" });
  }
  meanSpend /= spenders;
  const prepared = prepareSpend(history);
  const objective = (logs: Float64Array): number =>
    -preparedLogLikelihood({ p: Math.exp(logs[0] as number), q: Math.exp(logs[1] as number), v: Math.exp(logs[2] as number) }, prepared);
  // v carries the currency's scale; p and q are unit-free.
  const starts = [[0, 0, Math.log(Math.max(meanSpend, 1e-9))], [Math.log(5), Math.log(3), Math.log(Math.max(meanSpend, 1e-9) * 2)]];
  // A penalty, where one is needed, pulls towards p = 2, q = 3 and v at the mean spend, whose prior
  // mean spend p·v/(q − 1) is the observed one; a fit with q ≤ 1 (no mean spend) is not used.
  const fit = penalisedFit(objective, starts, [Math.log(2), Math.log(3), Math.log(Math.max(meanSpend, 1e-9))], spenders, (point) => Math.exp(point[1] as number) > 1);
  if (fit === undefined) throw new CxError("value", "spendTooUniform", { arg: "amounts", model: "Gamma-Gamma" }, { argument: "amounts" });
  const [p, q, v] = Array.from(fit.point, Math.exp) as [number, number, number];
  return { parameters: { p, q, v }, logLikelihood: -fit.negLogLikelihood, repeatBuyers: spenders, converged: fit.converged, penalty: fit.penalty };
}

/**
 * Expected spend per purchase of a customer with x repeat purchases of mean value m (Fader & Hardie
 * 2013, eq. 5): a weighted average of the population mean p·v/(q−1) and the customer's own mean,
 *   (p (v + x m)) / (p x + q − 1).
 * With x = 0 it is the population mean. Needs q > 1 for the mean to exist.
 */
export function conditionalExpectedSpend(parameters: GammaGammaParameters, x: number, meanSpend: number): number {
  const { p, q, v } = parameters;
  return (p * (v + x * meanSpend)) / (p * x + q - 1);
}
