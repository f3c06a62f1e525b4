import { CxError } from "../errors";
import { requireCount, requireNonNegative, showNumber } from "../validate";
import { hypergeometric2F1 } from "../numeric/hypergeometric2F1";
import { logGamma } from "../numeric/logGamma";
import { distinctHistories, type DistinctHistories } from "./distinctHistories";
import { penalisedFit } from "./penalisedFit";

/** BG/NBD parameters: purchase rates ~ Gamma(r, α), dropout probabilities ~ Beta(a, b). */
export interface BgNbdParameters {
  readonly r: number;
  readonly alpha: number;
  readonly a: number;
  readonly b: number;
}

/** One customer's repeat-purchase history, in one time unit (days, weeks or months). */
export interface RepeatHistory {
  /** x: repeat purchases (purchases after the first). */
  readonly frequency: ArrayLike<number>;
  /** t_x: time of the last purchase, counted from the first. */
  readonly recency: ArrayLike<number>;
  /** T: time from the first purchase to the end of observation. */
  readonly age: ArrayLike<number>;
  /** How many customers share each history (1 each when left out). */
  readonly weight?: ArrayLike<number>;
}

export interface BgNbdFit {
  readonly parameters: BgNbdParameters;
  readonly logLikelihood: number;
  readonly customers: number;
  readonly repeatBuyers: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** 0 for the maximum-likelihood fit; else the penalty the fit took to settle (penalisedFit). */
  readonly penalty: number;
}

const logAddExp = (x: number, y: number): number => {
  const high = Math.max(x, y);
  return high === -Infinity ? -Infinity : high + Math.log(Math.exp(x - high) + Math.exp(y - high));
};

/**
 * Histories indexed for repeated likelihood evaluation: the distinct x and the distinct time values
 * (t_x and T together), and per history row its indices into them and its weight. A fit evaluates
 * the likelihood hundreds of times; with this, each evaluation takes logarithms once per distinct
 * value (a few hundred for day-resolution data) rather than per customer.
 */
interface PreparedHistory {
  readonly frequencies: Float64Array;
  readonly times: Float64Array;
  readonly frequencyOf: Int32Array;
  readonly recencyOf: Int32Array;
  readonly ageOf: Int32Array;
  readonly weight: Float64Array;
}

function prepare(history: RepeatHistory): PreparedHistory {
  const compact = distinctHistories(history.frequency, history.recency, history.age, history.weight);
  const distinct = (values: ArrayLike<number>[]): { list: Float64Array; of: (v: number) => number } => {
    const map = new Map<number, number>();
    for (const array of values) for (let i = 0; i < array.length; i++) if (!map.has(array[i] as number)) map.set(array[i] as number, map.size);
    return { list: Float64Array.from(map.keys()), of: (v) => map.get(v) as number };
  };
  const xs = distinct([compact.frequency]);
  const ts = distinct([compact.recency, compact.age]);
  const rows = compact.frequency.length;
  return {
    frequencies: xs.list,
    times: ts.list,
    frequencyOf: Int32Array.from({ length: rows }, (_, i) => xs.of(compact.frequency[i] as number)),
    recencyOf: Int32Array.from({ length: rows }, (_, i) => ts.of(compact.recency[i] as number)),
    ageOf: Int32Array.from({ length: rows }, (_, i) => ts.of(compact.age[i] as number)),
    weight: Float64Array.from(compact.weight),
  };
}

/**
 * The BG/NBD log-likelihood of Fader, Hardie & Lee (2005), "Counting your customers the easy way",
 * eq. (6), summed over customers:
 *   ln L = ln Γ(r+x) − ln Γ(r) + r ln α + ln B(a, b+x) − ln B(a, b)
 *          + ln[(α+T)^−(r+x) + 1{x>0} · a/(b+x−1) · (α+t_x)^−(r+x)],
 * combined in log space (log-sum-exp) so that large frequencies cannot overflow.
 */
export function bgNbdLogLikelihood(parameters: BgNbdParameters, history: RepeatHistory): number {
  return preparedLogLikelihood(parameters, prepare(history));
}

function preparedLogLikelihood(parameters: BgNbdParameters, data: PreparedHistory): number {
  const { r, alpha, a, b } = parameters;
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return -Infinity;
  const logA = Math.log(a);
  const betaAB = logGamma(a) + logGamma(b) - logGamma(a + b);
  const base = -logGamma(r) + r * Math.log(alpha) + logGamma(a) - betaAB;
  // Per distinct x: the terms in x alone, and ln(a / (b + x − 1)) for the dropout branch.
  const common = new Float64Array(data.frequencies.length);
  const dropoutOdds = new Float64Array(data.frequencies.length);
  data.frequencies.forEach((x, k) => {
    common[k] = base + logGamma(r + x) + logGamma(b + x) - logGamma(a + b + x);
    dropoutOdds[k] = x > 0 ? logA - Math.log(b + x - 1) : -Infinity;
  });
  const logTime = data.times.map((t) => Math.log(alpha + t));
  let total = 0;
  for (let i = 0; i < data.weight.length; i++) {
    const k = data.frequencyOf[i] as number;
    const x = data.frequencies[k] as number;
    const noDropout = -(r + x) * (logTime[data.ageOf[i] as number] as number);
    const dropout = (dropoutOdds[k] as number) - (r + x) * (logTime[data.recencyOf[i] as number] as number);
    total += (data.weight[i] as number) * ((common[k] as number) + logAddExp(noDropout, dropout));
  }
  return total;
}

/**
 * Fits BG/NBD by maximum likelihood over the logarithms of (r, α, a, b): Nelder–Mead to the basin,
 * then Newton steps to the optimum; further starts are tried only when one does not converge
 * (gradient below 1e-6).
 *
 * Reproduces the published CDNOW fit (r 0.243, α 4.414, a 0.793, b 2.426, ln L −9582.4).
 *
 * Where the likelihood's maximum lies on a boundary (small, irregular data), the fit is penalised
 * a little instead (penalisedFit) and says by how much.
 *
 * @throws CxError #VALUE! when no customer bought twice (nothing to learn the rates from), or not even a penalised fit settles
 */
export function fitBgNbd(history: RepeatHistory): BgNbdFit {
  const customers = history.frequency.length;
  let repeatBuyers = 0;
  let meanAge = 0;
  for (let i = 0; i < customers; i++) {
    if ((history.frequency[i] as number) > 0) repeatBuyers++;
    meanAge += (history.age[i] as number) / customers;
  }
  if (repeatBuyers === 0) {
    throw new CxError("value", "noRepeatBuyers", { arg: "customer_ids", customers }, { argument: "customer_ids" });
  }
  const data = prepare(history);
  const objective = (logs: Float64Array): number =>
    -preparedLogLikelihood({ r: Math.exp(logs[0] as number), alpha: Math.exp(logs[1] as number), a: Math.exp(logs[2] as number), b: Math.exp(logs[3] as number) }, data);
  // Starts: the scale of α follows the time unit (mean age); the others are unit-free. The first
  // start suits typical retail data; the others are fallbacks when it does not settle.
  const scale = Math.log(Math.max(meanAge / 10, 1e-6));
  const starts = [[Math.log(0.5), scale, 0, Math.log(2)], [0, scale + 1, Math.log(0.3), Math.log(5)], [Math.log(2), scale - 1, Math.log(2), Math.log(0.5)]];
  // A penalty, where one is needed, pulls towards r = 1, α at the data's scale, a = b = 1.
  const fit = penalisedFit(objective, starts, [0, scale, 0, 0], customers);
  if (fit === undefined) throw new CxError("value", "fitDidNotSettle", { arg: "customer_ids", model: "BG/NBD" }, { argument: "customer_ids" });
  const [r, alpha, a, b] = Array.from(fit.point, Math.exp) as [number, number, number, number];
  return { parameters: { r, alpha, a, b }, logLikelihood: -fit.negLogLikelihood, customers, repeatBuyers, iterations: fit.iterations, converged: fit.converged, penalty: fit.penalty };
}

/** P(alive) of each distinct history under fitted parameters (a customer's is found through `of`). */
export function probabilityAliveOfDistinct(distinct: DistinctHistories, parameters: BgNbdParameters): Float64Array {
  return Float64Array.from(distinct.frequency, (x, j) => probabilityAlive(parameters, x, distinct.recency[j] as number, distinct.age[j] as number));
}

/**
 * Probability that a customer with history (x, t_x, T) is still alive (FHL 2005, eq. 13):
 * 1 / (1 + 1{x>0} · a/(b+x−1) · ((α+T)/(α+t_x))^(r+x)).
 */
export function probabilityAlive(parameters: BgNbdParameters, x: number, recency: number, age: number): number {
  if (x === 0) return 1;
  const { r, alpha, a, b } = parameters;
  const logRatio = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + age) / (alpha + recency));
  // 1 / (1 + e^logRatio), written to stay finite for huge x
  return logRatio > 0 ? Math.exp(-logRatio) / (1 + Math.exp(-logRatio)) : 1 / (1 + Math.exp(logRatio));
}

/**
 * Expected purchases in the next `horizon` time units of a customer with history (x, t_x, T)
 * (FHL 2005, eq. 10):
 * (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))] · P(alive).
 * Requires a > 1 for the mean to exist.
 */
export function expectedPurchases(parameters: BgNbdParameters, horizon: number, x: number, recency: number, age: number): number {
  const { r, alpha, b } = parameters;
  // At a = 1 the formula is 0/0 but continuous: evaluate just beside it.
  const a = Math.abs(parameters.a - 1) < 1e-9 ? 1 + 1e-9 : parameters.a;
  if (horizon === 0) return 0;
  const z = horizon / (alpha + age + horizon);
  const power = Math.exp((r + x) * Math.log((alpha + age) / (alpha + age + horizon)));
  const bracket = 1 - power * hypergeometric2F1(r + x, b + x, a + b + x - 1, z);
  const expected = ((a + b + x - 1) / (a - 1)) * bracket * probabilityAlive(parameters, x, recency, age);
  if (!Number.isFinite(expected)) throw new CxError("num", "overflow", { arg: "t" });
  return expected;
}

/**
 * Expected purchases of a new customer in `horizon` time units (FHL 2005, eq. 9):
 * (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].
 */
export function expectedPurchasesNewCustomer(parameters: BgNbdParameters, horizon: number): number {
  const { r, alpha, a, b } = parameters;
  const power = Math.pow(alpha / (alpha + horizon), r);
  return ((a + b - 1) / (a - 1)) * (1 - power * hypergeometric2F1(r, b, a + b - 1, horizon / (alpha + horizon)));
}

/**
 * Checks one customer's summary and a parameter set as a user typed them: x a whole number ≥ 0,
 * 0 ≤ t_x ≤ T, and r, α, a, b > 0.
 * @throws CxError #VALUE! naming the argument
 */
export function requireHistoryAndParameters(x: number, recency: number, age: number, parameters: BgNbdParameters): void {
  requireCount(x, "x");
  requireNonNegative(recency, "t_x");
  requireNonNegative(age, "T");
  if (recency > age) throw new CxError("value", "exceeds", { arg: "t_x", value: showNumber(recency), other: "T", otherValue: showNumber(age) }, { argument: "t_x" });
  if (x === 0 && recency !== 0) throw new CxError("value", "recencyWithoutRepeats", { value: showNumber(recency) }, { argument: "t_x" });
  for (const name of Object.keys(parameters)) {
    const value = (parameters as unknown as Record<string, number>)[name] as number;
    if (!(value > 0) || !Number.isFinite(value)) {
      throw new CxError("value", "notPositive", { arg: name, value: showNumber(value) }, { argument: name });
    }
  }
}
