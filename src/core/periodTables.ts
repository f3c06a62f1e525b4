import { isoDateOfSerial } from "./dates";
import { CxError } from "./errors";
import { LONGEST_PERIOD_DAYS, MAX_HISTORY_PERIODS, MAX_PERIODS, PeriodGrid, periodIndex, requirePeriodSpan, type Period } from "./periods";
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

  // Whole days, once: every later pass reads these.
  // (dates already whole days in an Int32Array, as unitTables passes them, are used as they are)
  const dayOf = dates instanceof Int32Array ? dates : new Int32Array(rows);
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let i = 0; i < rows; i++) {
    const day = Math.floor(dates[i] as number);
    dayOf[i] = day;
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
  // A table of at most MAX_PERIODS rows, over a history of at most MAX_HISTORY_PERIODS: refused at once beyond.
  requirePeriodSpan(fromIndex, toIndex, period, MAX_PERIODS, Math.max(options.from ?? minDay, minDay), Math.min(options.to ?? maxDay, maxDay));
  requirePeriodSpan(Math.min(periodIndex(minDay, period), fromIndex), toIndex, period, MAX_HISTORY_PERIODS, minDay, maxDay);
  const grid = new PeriodGrid(period, Math.min(periodIndex(minDay, period), fromIndex), toIndex);
  const K = grid.count;
  const sorted = sortByCustomerAndDay(groups.groupOf, groups.labels.length, dayOf, amounts, grid.endDay - 1);
  const totals = walkCustomers(sorted, grid, lapseDays ?? NO_LAPSE);
  const { activeChange, newCustomers, reactivated, lapsed, buyers, orders, repeatBuyers, revenue, newRevenue, returningRevenue, expansion, contraction, lostRevenue } = totals;

  // The table shows the periods from `from` on; the ones before only fed its history.
  const first = fromIndex - grid.firstIndex;
  const shown = (values: Float64Array): Float64Array => values.subarray(first);
  // A period's start is the previous period's end (0 before the first): revenue before, customers at the start.
  const previousOf = (values: Float64Array): Float64Array => {
    const previous = new Float64Array(K);
    previous.set(values.subarray(0, K - 1), 1);
    return previous;
  };
  const previousRevenue = previousOf(revenue);
  let customers: CustomerBridge | undefined;
  if (lapseDays !== undefined) {
    const customersEnd = new Float64Array(K);
    let active = 0;
    for (let k = 0; k < K; k++) customersEnd[k] = active += activeChange[k] as number;
    const customersStart = previousOf(customersEnd);
    customers = {
      customersStart: shown(customersStart), newCustomers: shown(newCustomers), reactivated: shown(reactivated),
      lapsed: shown(lapsed), customersEnd: shown(customersEnd),
    };
  }
  const labels: string[] = [];
  for (let k = first; k < K; k++) labels.push(grid.label(k));
  return {
    period, labels,
    firstDays: grid.starts.slice(first, K), lastDays: grid.starts.slice(first + 1, K + 1).map((s) => s - 1),
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

/** A lapse window no purchase history reaches (Excel's dates span 2,958,465 days), kept a small integer. */
const NO_LAPSE = 1 << 29;

interface SortedPurchases {
  /** Whole days and amounts, customer by customer, each customer's in day order. */
  readonly day: Int32Array;
  readonly amount: Float64Array;
  /** One past each customer's last purchase in `day` and `amount`. */
  readonly segmentEnd: Int32Array;
}

/**
 * The transactions up to `lastDay` sorted by customer, then day: a counting sort by customer number
 * (one pass reading the rows in order), then each customer's few purchases put in day order where
 * they are (already in order for the usual date-sorted export).
 */
function sortByCustomerAndDay(groupOf: Int32Array, customers: number, dayOf: Int32Array, amounts: ArrayLike<number> | undefined, lastDay: number): SortedPurchases {
  const rows = groupOf.length;
  const segmentEnd = new Int32Array(customers);
  for (let i = 0; i < rows; i++) {
    if ((dayOf[i] as number) > lastDay) continue;
    const c = groupOf[i] as number;
    segmentEnd[c] = (segmentEnd[c] as number) + 1;
  }
  for (let c = 1; c < customers; c++) segmentEnd[c] = (segmentEnd[c] as number) + (segmentEnd[c - 1] as number);
  const kept = customers === 0 ? 0 : (segmentEnd[customers - 1] as number);
  const position = new Int32Array(customers);
  position.set(segmentEnd.subarray(0, customers - 1), 1);
  const day = new Int32Array(kept);
  const amount = new Float64Array(kept);
  for (let i = 0; i < rows; i++) {
    const d = dayOf[i] as number;
    if (d > lastDay) continue;
    const c = groupOf[i] as number;
    const at = position[c] as number;
    position[c] = at + 1;
    day[at] = d;
    amount[at] = amounts === undefined ? 0 : (amounts[i] as number);
  }
  let from = 0;
  for (let c = 0; c < customers; c++) {
    const to = segmentEnd[c] as number;
    sortSegmentByDay(day, amount, from, to);
    from = to;
  }
  return { day, amount, segmentEnd };
}

/**
 * Puts one customer's purchases [from, to) in day order, keeping rows of one day in their order.
 * Insertion sort for the usual handful (linear when already in order); a long segment is sorted
 * by a packed key (day × 2²¹ + position, exact in a double), so no customer can make it quadratic.
 */
function sortSegmentByDay(day: Int32Array, amount: Float64Array, from: number, to: number): void {
  const length = to - from;
  if (length <= 64) {
    for (let i = from + 1; i < to; i++) {
      const d = day[i] as number;
      if (d >= (day[i - 1] as number)) continue;
      const a = amount[i] as number;
      let j = i - 1;
      while (j >= from && (day[j] as number) > d) {
        day[j + 1] = day[j] as number;
        amount[j + 1] = amount[j] as number;
        j--;
      }
      day[j + 1] = d;
      amount[j + 1] = a;
    }
    return;
  }
  const POSITIONS = 2 ** 21; // more than Excel's 1,048,576 rows
  const keys = new Float64Array(length);
  for (let i = 0; i < length; i++) keys[i] = (day[from + i] as number) * POSITIONS + i;
  keys.sort();
  const amounts = amount.slice(from, to);
  for (let i = 0; i < length; i++) {
    const key = keys[i] as number;
    const original = key % POSITIONS;
    day[from + i] = (key - original) / POSITIONS;
    amount[from + i] = amounts[original] as number;
  }
}

interface Totals {
  /** Changes of the active base at the end of each period (a running sum gives the base). */
  readonly activeChange: Float64Array;
  readonly newCustomers: Float64Array; readonly reactivated: Float64Array; readonly lapsed: Float64Array;
  readonly buyers: Float64Array; readonly orders: Float64Array; readonly repeatBuyers: Float64Array; readonly revenue: Float64Array;
  readonly newRevenue: Float64Array; readonly returningRevenue: Float64Array; readonly expansion: Float64Array;
  readonly contraction: Float64Array; readonly lostRevenue: Float64Array;
}

/** The one pass: each customer's purchases in day order, added to the periods' figures. */
function walkCustomers(sorted: SortedPurchases, grid: PeriodGrid, W: number): Totals {
  const K = grid.count;
  const zeros = (): Float64Array => new Float64Array(K);
  const t: Totals = {
    activeChange: new Float64Array(K + 1), newCustomers: zeros(), reactivated: zeros(), lapsed: zeros(),
    buyers: zeros(), orders: zeros(), repeatBuyers: zeros(), revenue: zeros(),
    newRevenue: zeros(), returningRevenue: zeros(), expansion: zeros(), contraction: zeros(), lostRevenue: zeros(),
  };
  const { day, amount, segmentEnd } = sorted;
  const { starts } = grid;
  const NONE = -1;
  let at = 0;
  for (let c = 0; c < segmentEnd.length; c++) {
    const end = segmentEnd[c] as number;
    if (at === end) continue;
    let previousDay = NONE; // the customer's last distinct purchase day so far
    let slot = NONE; // the period being added up, its revenue and orders
    let slotRevenue = 0;
    let slotOrders = 0;
    let lastSlot = NONE; // the period before it with a purchase, and its revenue
    let lastRevenue = 0;
    for (; at < end; at++) {
      const d = day[at] as number;
      if (d !== previousDay) {
        const k = grid.slot(d);
        if (k !== slot) {
          if (slot !== NONE) {
            closeSlot(t, slot, slotRevenue, slotOrders, lastSlot, lastRevenue);
            lastSlot = slot;
            lastRevenue = slotRevenue;
          }
          if (previousDay === NONE) t.newCustomers[k] = (t.newCustomers[k] as number) + 1;
          else if (previousDay + W < (starts[k] as number)) t.reactivated[k] = (t.reactivated[k] as number) + 1;
          slot = k;
          slotRevenue = 0;
          slotOrders = 0;
        }
        if (previousDay === NONE || d >= previousDay + W) {
          if (previousDay !== NONE) endRun(t, grid, previousDay + W, d);
          t.activeChange[k] = (t.activeChange[k] as number) + 1;
        }
        previousDay = d;
      }
      const a = amount[at] as number;
      slotOrders++;
      slotRevenue += a;
    }
    closeSlot(t, slot, slotRevenue, slotOrders, lastSlot, lastRevenue);
    if (slotRevenue > 0 && slot + 1 < K) t.lostRevenue[slot + 1] = (t.lostRevenue[slot + 1] as number) - slotRevenue;
    endRun(t, grid, previousDay + W, Infinity);
  }
  return t;
}

/**
 * One customer's figures for one period they bought in: a buyer (a repeat buyer with two orders or
 * more), their orders and revenue, and their line of the revenue bridge: r₁ this period against r₀
 * the period before; `lastSlot` is the customer's previous period with a purchase (−1 for none).
 */
function closeSlot(t: Totals, slot: number, r1: number, orders: number, lastSlot: number, lastRevenue: number): void {
  t.buyers[slot] = (t.buyers[slot] as number) + 1;
  t.orders[slot] = (t.orders[slot] as number) + orders;
  t.revenue[slot] = (t.revenue[slot] as number) + r1;
  if (orders >= 2) t.repeatBuyers[slot] = (t.repeatBuyers[slot] as number) + 1;
  const r0 = lastSlot === slot - 1 ? lastRevenue : 0;
  if (lastSlot < 0) t.newRevenue[slot] = (t.newRevenue[slot] as number) + r1;
  else if (r0 === 0) { if (r1 > 0) t.returningRevenue[slot] = (t.returningRevenue[slot] as number) + r1; }
  else if (r1 > r0) t.expansion[slot] = (t.expansion[slot] as number) + (r1 - r0);
  else if (r1 > 0 && r1 < r0) t.contraction[slot] = (t.contraction[slot] as number) + (r1 - r0);
  else if (r1 === 0) t.lostRevenue[slot] = (t.lostRevenue[slot] as number) - r0;
  // A gap after the previous period with a purchase: its revenue was lost in the period after it.
  if (lastSlot >= 0 && lastSlot < slot - 1 && lastRevenue > 0) t.lostRevenue[lastSlot + 1] = (t.lostRevenue[lastSlot + 1] as number) - lastRevenue;
}

/** A run of purchases ends: the customer leaves the active base on `lapseDay`, and lapses then unless their next purchase (`next`) is in that period. */
function endRun(t: Totals, grid: PeriodGrid, lapseDay: number, next: number): void {
  if (lapseDay >= grid.endDay) return;
  const slot = grid.slot(lapseDay);
  t.activeChange[slot] = (t.activeChange[slot] as number) - 1;
  if (!(next < (grid.starts[slot + 1] as number))) t.lapsed[slot] = (t.lapsed[slot] as number) + 1;
}
