import { nonNegativeRatio } from "./ratio";
import { requireFiniteResult, requireNonNegative, requireNonZero } from "./validate";

/**
 * Purchase frequency (消费频次): purchases / customers / periods (shared/DOMAIN.md §2).
 *
 * @throws CxError #VALUE! for negative inputs, #DIV/0! for no customers or zero periods
 * @example purchaseFrequency(2400, 600, 12) // 0.333… purchases per customer per month
 */
export function purchaseFrequency(purchases: number, customers: number, periods = 1): number {
  requireNonNegative(periods, "periods");
  requireNonZero(periods, "periods", "frequency");
  const perCustomer = nonNegativeRatio(purchases, customers, { numerator: "purchases", denominator: "customers", metric: "frequency", subset: false });
  return requireFiniteResult(perCustomer / periods, "periods");
}
