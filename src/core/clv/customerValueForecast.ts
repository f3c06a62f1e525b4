import type { CustomerHistories } from "../prep/summarizeTransactions";
import { DAYS_PER_UNIT } from "../prep/summarizeTransactions";
import { requireFraction, requireNonNegative } from "../validate";
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

/**
 * Probabilistic CLV per customer (shared/DOMAIN.md §5; the discounted-cash-flow form lifetimes'
 * customer_lifetime_value uses): the sum over months k = 1..H of
 *   margin × E[spend per purchase] × (E[purchases by month k] − E[purchases by month k−1]) / (1 + d)^k,
 * with purchases from BG/NBD and spend from Gamma-Gamma. Without discounting this collapses to
 * margin × spend × E[purchases over H months].
 *
 * @throws CxError #VALUE! for a negative horizon, or a rate or margin outside 0..1
 */
export function forecastCustomerValue(histories: CustomerHistories, purchases: BgNbdParameters, spend: GammaGammaParameters, options: ForecastOptions): CustomerValueForecast {
  const horizon = requireNonNegative(options.horizonMonths, "horizon_months");
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
    let previous = 0;
    let discounted = 0;
    for (let k = 1; k <= months; k++) {
      // The last month may be partial (a horizon of 18.5 months counts half of month 19).
      const cumulative = expectedPurchases(purchases, Math.min(k, horizon) * unitsPerMonth, x, tx, T);
      discounted += (cumulative - previous) / Math.pow(1 + rate, k);
      previous = cumulative;
    }
    expectedOf[j] = previous;
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
