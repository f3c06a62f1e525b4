import { CxError } from "./errors";
import { requireFiniteResult, requireNonNegative, requireNonZero, showNumber } from "./validate";

/**
 * Customer retention rate (客户留存率), as a fraction: (customers at the end − new customers won
 * in the period) / customers at the start (shared/DOMAIN.md §2).
 * Example: 1,000 at the start, 1,050 at the end, 150 new → 0.9.
 *
 * @throws CxError #VALUE! for negative counts, more new customers than at the end, or more kept
 *   than there were at the start; #DIV/0! for no customers at the start
 * @example retentionRate(1000, 1050, 150) // 0.9
 */
export function retentionRate(customersStart: number, customersEnd: number, newCustomers: number): number {
  requireNonNegative(customersStart, "customers_start");
  requireNonNegative(customersEnd, "customers_end");
  requireNonNegative(newCustomers, "new_customers");
  if (newCustomers > customersEnd) {
    throw new CxError("value", "exceeds", {
      arg: "new_customers", value: showNumber(newCustomers), other: "customers_end", otherValue: showNumber(customersEnd),
    }, { argument: "new_customers" });
  }
  requireNonZero(customersStart, "customers_start", "retention");
  const kept = customersEnd - newCustomers;
  if (kept > customersStart) {
    throw new CxError("value", "exceeds", {
      arg: "customers_end − new_customers", value: showNumber(kept), other: "customers_start", otherValue: showNumber(customersStart),
    }, { argument: "customers_end" });
  }
  return requireFiniteResult(kept / customersStart, "customers_start");
}
