import { CxError } from "../errors";
import { showNumber } from "../validate";
import { groupCustomers, type CustomerId } from "./groupCustomers";

export interface PurchasesInput {
  readonly customerIds: ArrayLike<CustomerId>;
  /** Excel date serials; a time of day is ignored. */
  readonly dates?: ArrayLike<number>;
  /** Purchase amounts, ≥ 0. */
  readonly amounts?: ArrayLike<number>;
  /** Only purchases on or before this day count (an Excel date serial). */
  readonly asOf?: number;
}

export interface PurchaseSummary {
  /** Each customer's id as first seen; customers with no purchase up to `asOf` are left out. */
  readonly labels: readonly CustomerId[];
  readonly purchases: Float64Array;
  /** Whole-day serials of each customer's first and last purchase (NaN without dates). */
  readonly firstDay: Float64Array;
  readonly lastDay: Float64Array;
  /** Total amount per customer (0 without amounts). */
  readonly total: Float64Array;
  /** The last purchase day over all customers considered. */
  readonly latestDay: number;
}

/**
 * Per-customer purchase counts, first and last purchase day and total amount, from a transaction
 * table with one row per purchase: the common first step of repurchase rate, inactive share and RFM.
 *
 * @throws CxError #VALUE! for a negative amount, #N/A when no purchase falls on or before `asOf`
 */
export function summarizePurchases(input: PurchasesInput): PurchaseSummary {
  const { customerIds, dates, amounts, asOf } = input;
  const groups = groupCustomers(customerIds);
  const customerCount = groups.labels.length;
  const purchases = new Float64Array(customerCount);
  const firstDay = new Float64Array(customerCount).fill(NaN);
  const lastDay = new Float64Array(customerCount).fill(NaN);
  const total = new Float64Array(customerCount);
  const cutoff = asOf === undefined ? Infinity : Math.floor(asOf);
  let latestDay = -Infinity;
  for (let i = 0; i < customerIds.length; i++) {
    const day = dates === undefined ? NaN : Math.floor(dates[i] as number);
    if (day > cutoff) continue;
    const group = groups.groupOf[i] as number;
    purchases[group] = (purchases[group] as number) + 1;
    if (amounts !== undefined) {
      const amount = amounts[i] as number;
      if (!(amount >= 0)) throw new CxError("value", "negative", { arg: "amounts", value: showNumber(amount) }, { argument: "amounts", index: i });
      total[group] = (total[group] as number) + amount;
    }
    if (dates !== undefined) {
      if (!(day >= (firstDay[group] as number))) firstDay[group] = day;
      if (!(day <= (lastDay[group] as number))) lastDay[group] = day;
      if (day > latestDay) latestDay = day;
    }
  }
  // Keep only customers who had bought by the cutoff, in order of first appearance.
  const kept: number[] = [];
  for (let c = 0; c < customerCount; c++) if ((purchases[c] as number) > 0) kept.push(c);
  if (kept.length === 0) {
    throw new CxError("na", customerIds.length === 0 ? "emptyRange" : "noTransactions", {
      arg: "customer_ids", value: asOf === undefined ? "" : showNumber(cutoff),
    }, { argument: "customer_ids" });
  }
  if (kept.length === customerCount) {
    return { labels: groups.labels, purchases, firstDay, lastDay, total, latestDay };
  }
  const pick = (source: Float64Array): Float64Array => Float64Array.from(kept, (c) => source[c] as number);
  return {
    labels: kept.map((c) => groups.labels[c] as CustomerId),
    purchases: pick(purchases), firstDay: pick(firstDay), lastDay: pick(lastDay), total: pick(total), latestDay,
  };
}
