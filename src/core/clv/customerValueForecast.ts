import type { CustomerHistories } from "../prep/summarizeTransactions";
import { DAYS_PER_UNIT } from "../prep/summarizeTransactions";
import { requireFraction, requireInRange } from "../validate";
import { expectedPurchases, probabilityAliveOfDistinct, type BgNbdParameters } from "./betaGeometricNbd";
import { distinctHistories } from "./distinctHistories";
import { conditionalExpectedSpend, type GammaGammaParameters } from "./gammaGamma";

export interface ForecastOptions {
  /** How many months ahead. */
  readonly horizonMonths: number;
  /** Discount rate per month as a fraction; 0 when left out. */
  readonly monthlyDiscountRate?: number;
  /** Gross margin as a fraction; 1 (revenue) when left out. */
  readonly grossMargin?: number;
}

export interface CustomerValueForecast {
  readonly probabilityAlive: Float64Array;
  /** Expected purchases over the whole horizon. */
  readonly expectedPurchases: Float64Array;
  /** Expected spend per purchase (Gamma-Gamma). */
  readonly expectedSpend: Float64Array;
  /** Discounted expected margin over the horizon. */
  readonly lifetimeValue: Float64Array;
}

/** Mean days in a month, the unit of horizons and discount rates. */
const DAYS_PER_MONTH = 365.25 / 12;

/** The longest horizon forecast: 100 years (a lifetime value is long over by then); longer is refused, naming horizon_months. */
export const MAX_HORIZON_MONTHS = 1200;

/**
 * Months computed one by one; beyond them, the expected purchases are computed once a year and the
 * months between are interpolated (monotone cubic, as the cumulative purchases rise smoothly): far
 * horizons cost a twelfth, where the series behind each value converges slowly.
 */
const EXACT_MONTHS = 120;
/** The knots' spacing beyond EXACT_MONTHS: a year, with second-order end slopes, keeps every month within 2e-5 of its exact value. */
const KNOT_MONTHS = 12;

/**
 * The cumulative expected purchases at the end of each month 1..months (the last one possibly partial,
 * at `horizon`): each month exactly up to EXACT_MONTHS, then at yearly knots with the months between
 * interpolated by Fritsch–Carlson monotone cubic Hermite (test/core/forecastHorizon.test.ts holds it to
 * the month-by-month values).
 */
export function cumulativeByMonth(months: number, horizon: number, at: (month: number) => number): Float64Array {
  const out = new Float64Array(months + 1);
  for (let k = 1; k <= Math.min(months, EXACT_MONTHS); k++) out[k] = at(Math.min(k, horizon));
  if (months <= EXACT_MONTHS) return out;
  // knots: the last exact month, then every KNOT_MONTHS months, and the horizon itself
  const knots: number[] = [EXACT_MONTHS];
  for (let k = EXACT_MONTHS + KNOT_MONTHS; k < horizon; k += KNOT_MONTHS) knots.push(k);
  knots.push(horizon);
  const values = knots.map((k, i) => (i === 0 ? (out[EXACT_MONTHS] as number) : at(k)));
  // The slopes at the two ends from three exact values a month apart (second-order differences): the
  // secant there would be a knot spacing off.
  const backward = (e0: number, e1: number, e2: number): number => (3 * e0 - 4 * e1 + e2) / 2;
  const first = backward(out[EXACT_MONTHS] as number, out[EXACT_MONTHS - 1] as number, out[EXACT_MONTHS - 2] as number);
  const last = backward(values[values.length - 1] as number, at(horizon - 1), at(horizon - 2));
  const slopes = monotoneSlopes(knots, values, first, last);
  for (let k = EXACT_MONTHS + 1; k <= months; k++) {
    const t = Math.min(k, horizon);
    let i = 0;
    while (i < knots.length - 2 && (knots[i + 1] as number) < t) i++;
    const [x0, x1, y0, y1, m0, m1] = [knots[i] as number, knots[i + 1] as number, values[i] as number, values[i + 1] as number, slopes[i] as number, slopes[i + 1] as number];
    const h = x1 - x0;
    const u = (t - x0) / h;
    out[k] = (2 * u ** 3 - 3 * u ** 2 + 1) * y0 + (u ** 3 - 2 * u ** 2 + u) * h * m0 + (-2 * u ** 3 + 3 * u ** 2) * y1 + (u ** 3 - u ** 2) * h * m1;
  }
  return out;
}

/** Fritsch–Carlson slopes at the knots: the interpolant never overshoots, so the cumulative purchases never fall. */
function monotoneSlopes(x: readonly number[], y: readonly number[], first: number, last: number): number[] {
  const n = x.length;
  const secant = Array.from({ length: n - 1 }, (_, i) => ((y[i + 1] as number) - (y[i] as number)) / ((x[i + 1] as number) - (x[i] as number)));
  const m = Array.from({ length: n }, (_, i) => (i === 0 ? first : i === n - 1 ? last : ((secant[i - 1] as number) + (secant[i] as number)) / 2));
  for (let i = 0; i < n - 1; i++) {
    const d = secant[i] as number;
    if (d === 0) {
      m[i] = 0;
      m[i + 1] = 0;
      continue;
    }
    const a = (m[i] as number) / d;
    const b = (m[i + 1] as number) / d;
    const r = a * a + b * b;
    if (r > 9) {
      const s = 3 / Math.sqrt(r);
      m[i] = s * a * d;
      m[i + 1] = s * b * d;
    }
  }
  return m;
}

/**
 * Probabilistic CLV per customer (shared/DOMAIN.md §5; the discounted-cash-flow form lifetimes'
 * customer_lifetime_value uses): the sum over months k = 1..H of
 *   margin × E[spend per purchase] × (E[purchases by month k] − E[purchases by month k−1]) / (1 + d)^k,
 * with purchases from BG/NBD and spend from Gamma-Gamma. Without discounting this collapses to
 * margin × spend × E[purchases over H months].
 *
 * @throws CxError #VALUE! for a horizon outside 0..MAX_HORIZON_MONTHS, or a rate or margin outside 0..1
 */
export function forecastCustomerValue(histories: CustomerHistories, purchases: BgNbdParameters, spend: GammaGammaParameters, options: ForecastOptions): CustomerValueForecast {
  const horizon = requireInRange(options.horizonMonths, "horizon_months", 0, MAX_HORIZON_MONTHS);
  const rate = requireFraction(options.monthlyDiscountRate ?? 0, "discount_rate");
  const margin = requireFraction(options.grossMargin ?? 1, "gross_margin");
  const unitsPerMonth = DAYS_PER_MONTH / DAYS_PER_UNIT[histories.timeUnit];
  const months = Math.ceil(horizon);
  const n = histories.customers.length;
  // P(alive) and the purchases depend on a customer only through (x, t_x, T): once per distinct history.
  const distinct = distinctHistories(histories.frequency, histories.recency, histories.age);
  const d = distinct.frequency.length;
  const aliveOf = probabilityAliveOfDistinct(distinct, purchases);
  const expectedOf = new Float64Array(d);
  const discountedOf = new Float64Array(d);
  for (let j = 0; j < d; j++) {
    const x = distinct.frequency[j] as number;
    const tx = distinct.recency[j] as number;
    const T = distinct.age[j] as number;
    // The last month may be partial (a horizon of 18.5 months counts half of month 19).
    const cumulative = cumulativeByMonth(months, horizon, (month) => expectedPurchases(purchases, month * unitsPerMonth, x, tx, T));
    let discounted = 0;
    for (let k = 1; k <= months; k++) discounted += ((cumulative[k] as number) - (cumulative[k - 1] as number)) / Math.pow(1 + rate, k);
    expectedOf[j] = cumulative[months] as number;
    discountedOf[j] = discounted;
  }
  const alive = new Float64Array(n);
  const expected = new Float64Array(n);
  const spendPerPurchase = new Float64Array(n);
  const value = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const j = distinct.of[i] as number;
    alive[i] = aliveOf[j] as number;
    expected[i] = expectedOf[j] as number;
    spendPerPurchase[i] = conditionalExpectedSpend(spend, histories.frequency[i] as number, histories.meanRepeatSpend[i] as number);
    value[i] = margin * (spendPerPurchase[i] as number) * (discountedOf[j] as number);
  }
  return { probabilityAlive: alive, expectedPurchases: expected, expectedSpend: spendPerPurchase, lifetimeValue: value };
}
