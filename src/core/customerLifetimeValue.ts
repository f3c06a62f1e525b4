import { requireFiniteResult, requireFraction, requireNonNegative } from "./validate";

export interface CustomerLifetimeValueInput {
  /** Average order value (客单价), currency. */
  readonly averageOrderValue: number;
  /** Purchases per customer per period. */
  readonly purchasesPerPeriod: number;
  /** Customer lifespan in periods; a fractional last period counts pro rata. */
  readonly lifespanPeriods: number;
  /** Gross margin as a fraction, 0..1; 1 (revenue-based CLV) when left out. */
  readonly grossMargin?: number;
  /** Discount rate per period as a fraction, 0..1; 0 when left out. */
  readonly discountRate?: number;
}

/**
 * Customer lifetime value (客户终身价值), the simple formula of shared/DOMAIN.md §1 and §5:
 * value per period v = AOV × frequency × margin; CLV = v × L without discounting, and
 * Σ_{t=1..L} v / (1 + i)^t with a discount rate i. A fractional lifespan L pays the fraction of
 * v in period ⌈L⌉, so CLV is continuous in L and equals v × L when i = 0.
 *
 * @throws CxError #VALUE! for negative inputs or a margin or rate outside 0..1
 * @example customerLifetimeValue({ averageOrderValue: 100, purchasesPerPeriod: 4, lifespanPeriods: 5 }) // 2000
 */
export function customerLifetimeValue(input: CustomerLifetimeValueInput): number {
  const aov = requireNonNegative(input.averageOrderValue, "avg_order_value");
  const frequency = requireNonNegative(input.purchasesPerPeriod, "purchases_per_period");
  const lifespan = requireNonNegative(input.lifespanPeriods, "lifespan_periods");
  const margin = requireFraction(input.grossMargin ?? 1, "gross_margin");
  const rate = requireFraction(input.discountRate ?? 0, "discount_rate");
  const perPeriod = aov * frequency * margin;
  if (rate === 0) return requireFiniteResult(perPeriod * lifespan, "avg_order_value");
  const whole = Math.floor(lifespan);
  // Σ_{t=1..n} q^t with q = 1/(1+i) is q(1 − q^n)/(1 − q) = (1 − (1+i)^−n)/i: the annuity factor.
  const annuity = (1 - Math.pow(1 + rate, -whole)) / rate;
  const partial = (lifespan - whole) * Math.pow(1 + rate, -(whole + 1));
  return requireFiniteResult(perPeriod * (annuity + partial), "avg_order_value");
}
