import type { CustomerId } from "./prep/groupCustomers";
import { summarizePurchases, type PurchaseSummary } from "./prep/summarizePurchases";
import { requireNonNegative } from "./validate";

/**
 * Inactive-customer share (失效客户占比), as a fraction: customers whose last purchase is more than
 * `days` days before the as-of date / all customers who had bought by then (shared/DOMAIN.md §2).
 * Purchases after the as-of date are ignored, so a report for a past date stays as it was.
 *
 * @throws CxError #VALUE! for negative days, #N/A when nobody had bought by the as-of date
 * @example inactiveShare(["a", "b"], [45000, 45300], 45365, 180) // 0.5
 */
export function inactiveShare(customerIds: ArrayLike<CustomerId>, dates: ArrayLike<number>, asOf: number, days = 180): number {
  requireNonNegative(days, "days");
  return inactiveShareOf(summarizePurchases({ customerIds, dates, asOf }), asOf, days);
}

/** The inactive share of customers summarised up to `asOf` (see summarizePurchases). */
export function inactiveShareOf(summary: PurchaseSummary, asOf: number, days = 180): number {
  requireNonNegative(days, "days");
  const cutoff = Math.floor(asOf);
  let inactive = 0;
  for (const last of summary.lastDay) if (cutoff - last > days) inactive++;
  return inactive / summary.labels.length;
}
