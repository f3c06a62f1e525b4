import { CxError } from "./errors";
import { requireFiniteResult, requireNonNegative, requireNonZero, showNumber } from "./validate";

/** "start": lost / customers at the start; "average": lost / mean of start and end counts. */
export type ChurnMethod = "start" | "average";

/**
 * Customer churn rate (客户流失率) over a period, as a fraction: customers lost / customers at the
 * start (shared/DOMAIN.md §1 and §6; customers who both joined and left inside the period are not
 * counted as lost), or, with method "average", lost / ((start + end) / 2).
 * Example: 1,000 customers at the start, 50 lost → 0.05.
 *
 * @throws CxError #VALUE! for negative counts or more lost than there were at the start,
 *   #DIV/0! for a zero base, #VALUE! for method "average" without an end count
 * @example churnRate(1000, 50) // 0.05
 */
export function churnRate(
  customersStart: number,
  customersLost: number,
  customersEnd?: number,
  method: ChurnMethod = "start",
): number {
  requireNonNegative(customersStart, "customers_start");
  requireNonNegative(customersLost, "customers_lost");
  if (customersLost > customersStart) {
    throw new CxError("value", "exceeds", {
      arg: "customers_lost",
      value: showNumber(customersLost),
      other: "customers_start",
      otherValue: showNumber(customersStart),
    }, { argument: "customers_lost" });
  }
  if (method === "start") {
    requireNonZero(customersStart, "customers_start", "churn");
    return requireFiniteResult(customersLost / customersStart, "customers_start");
  }
  if (customersEnd === undefined) {
    throw new CxError("value", "missingArgument", { arg: "customers_end", other: "method", value: '"average"' }, { argument: "customers_end" });
  }
  requireNonNegative(customersEnd, "customers_end");
  const base = (customersStart + customersEnd) / 2;
  requireNonZero(base, "customers_start", "churn");
  return requireFiniteResult(customersLost / base, "customers_start");
}
