import { requireFiniteResult, requireFraction, requireNonNegative, requireNonZero } from "./validate";

/**
 * CAC payback period in months: CAC / (monthly revenue per customer × gross margin)
 * (shared/DOMAIN.md §1). Example: CAC 500, 100 a month at 50 % margin → 10 months.
 *
 * @throws CxError #VALUE! for negative inputs or a margin outside 0..1; #DIV/0! when the monthly
 *   margin per customer is 0 (the cost is never paid back)
 * @example cacPaybackMonths(500, 100, 0.5) // 10
 */
export function cacPaybackMonths(acquisitionCost: number, monthlyRevenuePerCustomer: number, grossMargin = 1): number {
  requireNonNegative(acquisitionCost, "cac");
  requireNonNegative(monthlyRevenuePerCustomer, "monthly_revenue_per_customer");
  requireFraction(grossMargin, "gross_margin");
  requireNonZero(monthlyRevenuePerCustomer, "monthly_revenue_per_customer", "payback");
  requireNonZero(grossMargin, "gross_margin", "payback");
  return requireFiniteResult(acquisitionCost / (monthlyRevenuePerCustomer * grossMargin), "cac");
}
