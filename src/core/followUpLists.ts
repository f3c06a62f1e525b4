/**
 * The follow-up lists, from per-customer histories counted in days: the two of shared/DOMAIN.md §11,
 * customers still active but overdue against their own rhythm (at risk) and customers who lapsed in
 * a period (win back; a customer whose last purchase is years old is on neither list), and a period's
 * new customers (§7's "new": first purchase ever in the period), to welcome.
 */
import { CxError } from "./errors";
import type { CustomerHistories } from "./prep/summarizeTransactions";
import { requireCount, showNumber } from "./validate";

/** Overdue: days since the last purchase at least this many times the customer's usual interval. */
export const OVERDUE_FACTOR = 1.5;

export interface OverdueCustomer {
  /** The customer's position in the histories. */
  readonly index: number;
  /** as_of − the last purchase day. */
  readonly daysSinceLast: number;
  /** The mean interval between purchase days: t_x / x. */
  readonly usualInterval: number;
  /** Everything the customer spent up to as_of. */
  readonly historicalValue: number;
}

/** A lapse window is a whole number of days from 1 to Excel's last date (the bridge asks more of it per period). */
export function requireLapseDays(days: number): number {
  if (!Number.isInteger(days) || days < 1 || days > 2_958_465) {
    throw new CxError("value", "lapseWindowDays", { arg: "lapse_days", value: showNumber(days) }, { argument: "lapse_days" });
  }
  return days;
}

function requireDays(histories: CustomerHistories): void {
  if (histories.timeUnit !== "days") throw new Error("early-warning lists need histories counted in days");
}

/**
 * At risk (流失预警): in the active base at as_of (days since the last purchase < lapse window), with
 * two or more purchase days, and days since the last purchase ≥ 1.5 × the mean interval between
 * them. In the histories' order; the caller ranks them.
 */
export function overdueCustomers(histories: CustomerHistories, lapseDays: number): OverdueCustomer[] {
  requireDays(histories);
  requireLapseDays(lapseDays);
  const total = histories.totalSpend ?? new Float64Array(histories.customers.length);
  const overdue: OverdueCustomer[] = [];
  for (let i = 0; i < histories.customers.length; i++) {
    const x = histories.frequency[i] as number;
    if (x < 1) continue;
    const daysSinceLast = (histories.age[i] as number) - (histories.recency[i] as number);
    const usualInterval = (histories.recency[i] as number) / x;
    if (daysSinceLast < lapseDays && daysSinceLast >= OVERDUE_FACTOR * usualInterval) {
      overdue.push({ index: i, daysSinceLast, usualInterval, historicalValue: total[i] as number });
    }
  }
  return overdue;
}

export interface LapsedCustomer {
  readonly index: number;
  /** The last purchase day on or before the period's end (an Excel serial). */
  readonly lastPurchase: number;
  /** The day the customer left the active base: last purchase + lapse window, inside the period. */
  readonly lapsedOn: number;
  readonly historicalValue: number;
}

/**
 * Win back (挽回名单): the customers who lapsed in [start, end] as the customer bridge counts them
 * (DOMAIN.md §7): active at the end of day start − 1, no purchase in the period, end − last ≥ W; that
 * is, last purchase + W falls in the period. Histories must be observed to `end` (as_of = end).
 * Ranked by historical value, the largest first; ties in the histories' order.
 */
export function lapsedCustomers(histories: CustomerHistories, start: number, end: number, lapseDays: number, top: number): LapsedCustomer[] {
  requireDays(histories);
  requireLapseDays(lapseDays);
  requireCount(top, "top");
  const total = histories.totalSpend ?? new Float64Array(histories.customers.length);
  const lapsed: LapsedCustomer[] = [];
  for (let i = 0; i < histories.customers.length; i++) {
    const last = histories.asOf - (histories.age[i] as number) + (histories.recency[i] as number);
    if (last >= start - lapseDays && last < start && end - last >= lapseDays) {
      lapsed.push({ index: i, lastPurchase: last, lapsedOn: last + lapseDays, historicalValue: total[i] as number });
    }
  }
  lapsed.sort((a, b) => b.historicalValue - a.historicalValue || a.index - b.index);
  return lapsed.slice(0, top);
}

export interface NewCustomer {
  readonly index: number;
  /** The first purchase day (an Excel serial), in the period. */
  readonly firstPurchase: number;
  /** What they spent, all of it in the period (histories observed to its end). */
  readonly revenue: number;
}

/**
 * The new customers of [start, end] (first purchase ever in it), largest revenue first, ties in the
 * histories' order. Histories must be observed to `end` (as_of = end).
 */
export function newCustomers(histories: CustomerHistories, start: number, top: number): NewCustomer[] {
  requireDays(histories);
  requireCount(top, "top");
  const total = histories.totalSpend ?? new Float64Array(histories.customers.length);
  const found: NewCustomer[] = [];
  for (let i = 0; i < histories.customers.length; i++) {
    const first = histories.asOf - (histories.age[i] as number);
    if (first >= start) found.push({ index: i, firstPurchase: first, revenue: total[i] as number });
  }
  found.sort((a, b) => b.revenue - a.revenue || a.index - b.index);
  return found.slice(0, top);
}
