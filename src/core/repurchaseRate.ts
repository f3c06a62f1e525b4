import type { CustomerId } from "./prep/groupCustomers";
import { summarizePurchases, type PurchaseSummary } from "./prep/summarizePurchases";

/**
 * Repurchase rate (复购率), as a fraction: customers with two or more purchases / customers with at
 * least one (shared/DOMAIN.md §2), from a transaction table's customer-id column.
 *
 * @throws CxError #N/A for no transactions
 * @example repurchaseRate(["a", "b", "a", "c"]) // 1/3
 */
export function repurchaseRate(customerIds: ArrayLike<CustomerId>): number {
  return repurchaseRateOf(summarizePurchases({ customerIds }));
}

/** The repurchase rate of customers already summarised (see summarizePurchases). */
export function repurchaseRateOf(summary: PurchaseSummary): number {
  let repeaters = 0;
  for (const count of summary.purchases) if (count >= 2) repeaters++;
  return repeaters / summary.labels.length;
}
