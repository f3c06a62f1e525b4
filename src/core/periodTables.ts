import { isoDateOfSerial } from "./dates";
import { CxError } from "./errors";
import { LONGEST_PERIOD_DAYS, PeriodGrid, periodIndex, type Period } from "./periods";
import { groupCustomers, type CustomerGroups } from "./prep/groupCustomers";
import type { PurchaseCustomers } from "./prep/summarizePurchases";
import { showNumber } from "./validate";

/** The lapse window of shared/DOMAIN.md §7 when none is given: 90 days, or the longest period where that is longer. */
export const DEFAULT_LAPSE_DAYS = 90;

export function defaultLapseDays(period: Period): number {
  return Math.max(DEFAULT_LAPSE_DAYS, LONGEST_PERIOD_DAYS[period]);
}

export type PeriodInput = PurchaseCustomers & {
  /** Excel date serials; a time of day is ignored. */
  readonly dates: ArrayLike<number>;
  /** Purchase amounts, ≥ 0; without them every revenue figure is 0. */
  readonly amounts?: ArrayLike<number>;
};

export interface PeriodOptions {
  readonly period: Period;
  /** The lapse window W in days; the customer bridge is computed only when it is given. */
  readonly lapseDays?: number;
  /** The table's first and last periods are those holding these days; default: the first and last purchase. */
  readonly from?: number;
  readonly to?: number;
}

/** The customer bridge of DOMAIN.md §7, one value per period of the table. */
export interface CustomerBridge {
  readonly customersStart: Float64Array;
  readonly newCustomers: Float64Array;
  readonly reactivated: Float64Array;
  readonly lapsed: Float64Array;
  readonly customersEnd: Float64Array;
}

/** Per-period activity and the revenue bridge of DOMAIN.md §7, one value per period of the table. */
export interface PeriodTables {
  readonly period: Period;
  /** Each period's label ("2024-03"), first and last day. */
  readonly labels: readonly string[];
  readonly firstDays: Float64Array;
  readonly lastDays: Float64Array;
  /** Present when a lapse window was given. */
  readonly customers?: CustomerBridge;
  readonly buyers: Float64Array;
  /** Customers whose first purchase ever falls in the period. */
  readonly newBuyers: Float64Array;
  readonly orders: Float64Array;
  /** Buyers with two or more orders (rows) in the period. */
  readonly repeatBuyers: Float64Array;
  readonly revenue: Float64Array;
  readonly previousRevenue: Float64Array;
  readonly newRevenue: Float64Array;
  readonly returningRevenue: Float64Array;
  readonly expansion: Float64Array;
  /** Negative, as the bridge subtracts it. */
  readonly contraction: Float64Array;
  /** Negative, as the bridge subtracts it. */
  readonly lostRevenue: Float64Array;
}

/**
 * Every period's customer bridge, revenue bridge and activity from one transaction table
 * (shared/DOMAIN.md §7), in one pass over the transactions sorted by customer and day.
 *
 * Periods run from the one holding the first purchase (or `from`) to the one holding the last (or
 * `to`); empty periods are listed with zeros. Purchases before `from` still decide who is new,
 * active or lapsed; purchases after `to` cannot change any period shown and are left out.
 *
 * How the customer bridge is counted: a customer's purchases make runs in which each purchase comes
 * fewer than W days after the one before. A run starting in period a and ending with a last purchase
 * on day l keeps the customer in the active base at the end of periods a … L − 1, where L holds day
 * l + W, the first day they are no longer active; they lapse in L unless they buy in L. The active
 * base is then a running sum over the periods, while new, reactivated and lapsed customers are counted
 * separately, so start + new + reactivated − lapsed = end is a check, not a definition.
 *
 * @throws CxError #VALUE! for a lapse window shorter than the longest period, `from` after `to`, a negative amount; #N/A for no transactions
 * @example periodTables({ customerIds: ["A", "B", "A"], dates: [45301, 45311, 45356] }, { period: "month", lapseDays: 90 }).customers?.customersEnd // [2, 2, 2]
 */
export function periodTables(input: PeriodInput, options: PeriodOptions): PeriodTables {
  const { dates, amounts } = input;
  const { period } = options;
  const groups: CustomerGroups = "groups" in input ? input.groups : groupCustomers(input.customerIds);
  const rows = groups.groupOf.length;
  if (rows === 0) throw new CxError("na", "emptyRange", { arg: "customer_ids" }, { argument: "customer_ids" });
  const lapseDays = options.lapseDays;
  if (lapseDays !== undefined) requireLapseWindow(lapseDays, period);
  const W = lapseDays ?? Infinity;

  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let i = 0; i < rows; i++) {
    const day = Math.floor(dates[i] as number);
    if (day < minDay) minDay = day;
    if (day > maxDay) maxDay = day;
    if (amounts !== undefined && !((amounts[i] as number) >= 0)) {
      throw new CxError("value", "negative", { arg: "amounts", value: showNumber(amounts[i] as number) }, { argument: "amounts", index: i });
    }
  }
  const fromIndex = periodIndex(options.from ?? minDay, period);
  const toIndex = periodIndex(options.to ?? maxDay, period);
  if (fromIndex > toIndex) {
    const [arg, value] = options.to === undefined ? ["from", options.from as number] : ["to", options.to];
    throw new CxError("value", options.to === undefined ? "fromAfterData" : "toBeforeFrom", { arg, value: isoDateOfSerial(value) }, { argument: arg });
  }
  const grid = new PeriodGrid(period, Math.min(periodIndex(minDay, period), fromIndex), toIndex);
  const K = grid.count;
  const { starts } = grid;
  const { day, amount, segmentEnd } = sortByCustomerAndDay(groups, dates, amounts, minDay, Math.min(maxDay, grid.endDay - 1));

  const zeros = (): Float64Array => new Float64Array(K);
  const activeChange = new Float64Array(K + 1);
  const [newCustomers, reactivated, lapsed] = [zeros(), zeros(), zeros()];
  const [buyers, orders, repeatBuyers, revenue] = [zeros(), zeros(), zeros(), zeros()];
  const [newRevenue, returningRevenue, expansion, contraction, lostRevenue] = [zeros(), zeros(), zeros(), zeros(), zeros()];

  /** A run of purchases ended with the one on day `last`; `next` is the customer's next purchase day (Infinity for none). */
  const endRun = (last: number, next: number): void => {
    const lapseDay = last + W;
    if (lapseDay >= grid.endDay) return;
    const slot = grid.slot(lapseDay);
    activeChange[slot] = (activeChange[slot] as number) - 1;
    if (!(next < (starts[slot + 1] as number))) lapsed[slot] = (lapsed[slot] as number) + 1;
  };

  let at = 0;
  for (let c = 0; c < segmentEnd.length; c++) {
    const end = segmentEnd[c] as number;
    if (at === end) continue;
    let previousDay = -Infinity; // the customer's last distinct purchase day so far
    let slot = -1; // the period being added up, its revenue and orders
    let slotRevenue = 0;
    let slotOrders = 0;
    let lastSlot = -1; // the period before it with a purchase, and its revenue
    let lastRevenue = 0;
    const closeSlot = (): void => {
      buyers[slot] = (buyers[slot] as number) + 1;
      if (slotOrders >= 2) repeatBuyers[slot] = (repeatBuyers[slot] as number) + 1;
      // The revenue bridge, customer by customer: r₀ in the period before, r₁ in this one.
      const r1 = slotRevenue;
      const r0 = lastSlot === slot - 1 ? lastRevenue : 0;
      if (lastSlot < 0) newRevenue[slot] = (newRevenue[slot] as number) + r1;
      else if (r0 === 0) { if (r1 > 0) returningRevenue[slot] = (returningRevenue[slot] as number) + r1; }
      else if (r1 > r0) expansion[slot] = (expansion[slot] as number) + (r1 - r0);
      else if (r1 > 0 && r1 < r0) contraction[slot] = (contraction[slot] as number) + (r1 - r0);
      else if (r1 === 0) lostRevenue[slot] = (lostRevenue[slot] as number) - r0;
      // A gap after the period before: its revenue was lost in the period after it.
      if (lastSlot >= 0 && lastSlot < slot - 1 && lastRevenue > 0) lostRevenue[lastSlot + 1] = (lostRevenue[lastSlot + 1] as number) - lastRevenue;
      lastSlot = slot;
      lastRevenue = r1;
    };
    for (; at < end; at++) {
      const d = day[at] as number;
      const a = amount[at] as number;
      if (d !== previousDay) {
        const k = grid.slot(d);
        if (k !== slot) {
          if (slot >= 0) closeSlot();
          if (previousDay === -Infinity) newCustomers[k] = (newCustomers[k] as number) + 1;
          else if (previousDay + W < (starts[k] as number)) reactivated[k] = (reactivated[k] as number) + 1;
          slot = k;
          slotRevenue = 0;
          slotOrders = 0;
        }
        if (previousDay === -Infinity || d >= previousDay + W) {
          if (previousDay !== -Infinity) endRun(previousDay, d);
          activeChange[k] = (activeChange[k] as number) + 1;
        }
        previousDay = d;
      }
      orders[slot] = (orders[slot] as number) + 1;
      revenue[slot] = (revenue[slot] as number) + a;
      slotOrders++;
      slotRevenue += a;
    }
    closeSlot();
    if (lastRevenue > 0 && lastSlot + 1 < K) lostRevenue[lastSlot + 1] = (lostRevenue[lastSlot + 1] as number) - lastRevenue;
    endRun(previousDay, Infinity);
  }

  // The table shows the periods from `from` on; the ones before only fed its history.
  const first = fromIndex - grid.firstIndex;
  const shown = (values: Float64Array): Float64Array => values.subarray(first);
  const previousRevenue = new Float64Array(K);
  previousRevenue.set(revenue.subarray(0, K - 1), 1);
  let customers: CustomerBridge | undefined;
  if (lapseDays !== undefined) {
    const customersEnd = zeros();
    let active = 0;
    for (let k = 0; k < K; k++) customersEnd[k] = active += activeChange[k] as number;
    const customersStart = new Float64Array(K);
    customersStart.set(customersEnd.subarray(0, K - 1), 1);
    customers = {
      customersStart: shown(customersStart), newCustomers: shown(newCustomers), reactivated: shown(reactivated),
      lapsed: shown(lapsed), customersEnd: shown(customersEnd),
    };
  }
  const labels: string[] = [];
  for (let k = first; k < K; k++) labels.push(grid.label(k));
  return {
    period, labels,
    firstDays: starts.slice(first, K), lastDays: starts.slice(first + 1, K + 1).map((s) => s - 1),
    ...(customers === undefined ? {} : { customers }),
    buyers: shown(buyers), newBuyers: shown(newCustomers), orders: shown(orders), repeatBuyers: shown(repeatBuyers), revenue: shown(revenue),
    previousRevenue: shown(previousRevenue), newRevenue: shown(newRevenue), returningRevenue: shown(returningRevenue),
    expansion: shown(expansion), contraction: shown(contraction), lostRevenue: shown(lostRevenue),
  };
}

/** A lapse window must be a whole number of days covering the longest period, else the bridge is not well defined. */
export function requireLapseWindow(days: number, period: Period): void {
  const shortest = LONGEST_PERIOD_DAYS[period];
  if (!Number.isInteger(days) || days < shortest || days > 2_958_465) {
    throw new CxError("value", "lapseWindow", { arg: "lapse_days", value: showNumber(days), min: shortest, period }, { argument: "lapse_days" });
  }
}

/**
 * The transactions up to `lastDay` sorted by customer, then day: a counting sort by day followed by
 * a stable counting sort by customer number, two linear passes where a comparison sort would take
 * n log n. `segmentEnd[c]` is one past customer c's last transaction in the sorted arrays.
 */
function sortByCustomerAndDay(groups: CustomerGroups, dates: ArrayLike<number>, amounts: ArrayLike<number> | undefined, firstDay: number, lastDay: number): {
  day: Float64Array; amount: Float64Array; segmentEnd: Int32Array;
} {
  const rows = groups.groupOf.length;
  const span = Math.max(0, lastDay - firstDay + 1);
  const byDay = new Int32Array(rows);
  const dayCount = new Int32Array(span + 1);
  let kept = 0;
  let inOrder = true;
  let previous = -Infinity;
  for (let i = 0; i < rows; i++) {
    const d = Math.floor(dates[i] as number);
    if (d > lastDay) continue;
    if (d < previous) inOrder = false;
    previous = d;
    dayCount[d - firstDay + 1] = (dayCount[d - firstDay + 1] as number) + 1;
    byDay[kept++] = i;
  }
  // Rows already in date order (as sales exports usually are) need no first pass.
  let order = byDay.subarray(0, kept);
  if (!inOrder) {
    for (let s = 1; s <= span; s++) dayCount[s] = (dayCount[s] as number) + (dayCount[s - 1] as number);
    order = new Int32Array(kept);
    for (let i = 0; i < rows; i++) {
      const d = Math.floor(dates[i] as number);
      if (d > lastDay) continue;
      const slot = dayCount[d - firstDay] as number;
      dayCount[d - firstDay] = slot + 1;
      order[slot] = i;
    }
  }
  const customers = groups.labels.length;
  const segmentEnd = new Int32Array(customers);
  for (let j = 0; j < kept; j++) {
    const c = groups.groupOf[order[j] as number] as number;
    segmentEnd[c] = (segmentEnd[c] as number) + 1;
  }
  for (let c = 1; c < customers; c++) segmentEnd[c] = (segmentEnd[c] as number) + (segmentEnd[c - 1] as number);
  // Fill each customer's segment from its end backwards, taking rows in reverse day order: stable.
  const position = Int32Array.from(segmentEnd);
  const day = new Float64Array(kept);
  const amount = new Float64Array(kept);
  for (let j = kept - 1; j >= 0; j--) {
    const i = order[j] as number;
    const c = groups.groupOf[i] as number;
    const at = (position[c] as number) - 1;
    position[c] = at;
    day[at] = Math.floor(dates[i] as number);
    amount[at] = amounts === undefined ? 0 : (amounts[i] as number);
  }
  return { day, amount, segmentEnd };
}
