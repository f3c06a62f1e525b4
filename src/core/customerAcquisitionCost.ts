import { requireFiniteResult, requireNonNegative, requireNonZero } from "./validate";

/**
 * Customer acquisition cost (客户获取成本): marketing and sales spend / new customers won.
 * Shared/DOMAIN.md §1: 100,000 spent, 200 new customers → 500.
 *
 * @param spend marketing + sales spend in the period (currency, ≥ 0)
 * @param newCustomers new customers won in the period (≥ 0)
 * @throws CxError #VALUE! for negative inputs, #DIV/0! for no new customers
 * @example customerAcquisitionCost(100000, 200) // 500
 */
export function customerAcquisitionCost(spend: number, newCustomers: number): number {
  requireNonNegative(spend, "spend");
  requireNonNegative(newCustomers, "new_customers");
  requireNonZero(newCustomers, "new_customers", "cac");
  return requireFiniteResult(spend / newCustomers, "spend");
}
