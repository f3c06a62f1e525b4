import { isoDateOfSerial } from "./dates";
import { CxError } from "./errors";
import { MAX_PERIODS, PeriodGrid, periodIndex, periodLabel, periodStart, requirePeriodSpan } from "./periods";
import { groupCustomers, type CustomerGroups, type CustomerId } from "./prep/groupCustomers";

/** The length of a cohort and of each step after it. */
export type CohortPeriod = "month" | "quarter" | "week";

export interface Cohort {
  /** "2024-03" for a month, "2024-Q1" for a quarter, the Monday "2024-03-04" for a week. */
  readonly label: string;
  readonly size: number;
  /** Share of the cohort active in each period since acquisition, M0 first (always 1); only observed periods; NaN for a cohort of nobody. */
  readonly retention: readonly number[];
}

/** A cohort's label: the period's (shared/DOMAIN.md §7), except that a week is named by its Monday. */
export function cohortLabel(index: number, period: CohortPeriod): string {
  return period === "week" ? isoDateOfSerial(periodStart(index, "week")) : periodLabel(index, period);
}

/**
 * Cohort retention (shared/DOMAIN.md §6): customers grouped by the period of their first purchase;
 * for each cohort and each period since (M0, M1, …), the share of its customers who bought in that
 * period. M0 is 1 by definition. A cohort's row stops at the last period the data reach; periods
 * without any purchase from anyone still count (their shares are 0).
 *
 * `bounds` cut the triangle to a report's span: purchases after `to` are left out (and every row runs
 * to `to`'s period), and the cohorts from `from`'s period on are listed, each period a row (a customer
 * who first bought before it is in an earlier cohort, not a new one; a period that won nobody has
 * size 0 and NaN shares).
 *
 * @throws CxError #N/A for no transactions
 * @example cohortRetention(["a", "b", "a"], [45292, 45300, 45330], "month")[0].retention // [1, 0.5]
 */
export function cohortRetention(ids: ArrayLike<CustomerId> | CustomerGroups, dates: ArrayLike<number>, period: CohortPeriod = "month", bounds: { readonly from?: number; readonly to?: number } = {}): Cohort[] {
  // (customers numbered as the periodic functions number them, or ids to number here)
  const groups = "groupOf" in ids ? ids : groupCustomers(ids);
  const rows = groups.groupOf.length;
  if (rows === 0) throw new CxError("na", "emptyRange", { arg: "customer_ids" }, { argument: "customer_ids" });
  const toPeriod = bounds.to === undefined ? Infinity : periodIndex(bounds.to, period);
  const fromPeriod = bounds.from === undefined ? -Infinity : periodIndex(bounds.from, period);
  // The days' span, then each day's period from a table built once (the periodic functions' grid).
  let [minDay, maxDay] = [Infinity, -Infinity];
  for (let i = 0; i < rows; i++) {
    const day = Math.floor(dates[i] as number);
    if (day < minDay) minDay = day;
    if (day > maxDay) maxDay = day;
  }
  const firstSeen = periodIndex(minDay, period);
  const lastSeen = Math.min(periodIndex(maxDay, period), toPeriod);
  // (every purchase after `to`: no table but its empty rows)
  const lastPeriod = bounds.to === undefined ? lastSeen : toPeriod;
  const firstPeriod = Math.max(firstSeen, fromPeriod);
  // A table within Excel's columns and a reader's patience: at most MAX_PERIODS periods across.
  if (lastPeriod - firstPeriod + 1 > MAX_PERIODS) requirePeriodSpan(firstPeriod, lastPeriod, period, MAX_PERIODS, minDay, maxDay);
  const grid = new PeriodGrid(period, firstSeen, Math.max(firstSeen, lastSeen));
  // Each purchase's period as a slot of the grid (−1: after `to`), and each customer's first slot.
  const customers = groups.labels.length;
  const slotOfRow = new Int32Array(rows);
  const first = new Int32Array(customers).fill(grid.count);
  // (a grid past its periods when every purchase is after `to`: then none is kept)
  const endDay = lastSeen >= firstSeen ? grid.endDay : -Infinity;
  for (let i = 0; i < rows; i++) {
    const day = Math.floor(dates[i] as number);
    const slot = day < endDay ? grid.slot(day) : -1;
    slotOfRow[i] = slot;
    const c = groups.groupOf[i] as number;
    if (slot >= 0 && slot < (first[c] as number)) first[c] = slot;
  }
  const fromSlot = fromPeriod - grid.firstIndex;
  const width = lastPeriod - firstSeen + 1;
  const sizes = new Map<number, number>();
  for (let c = 0; c < customers; c++) {
    const cohort = first[c] as number;
    if (cohort < grid.count && cohort >= fromSlot) sizes.set(cohort, (sizes.get(cohort) ?? 0) + 1);
  }
  // Each (customer, period) counts once, however many purchases it holds: marked in a bitmap of
  // customers × periods where it is small enough, else in a set.
  const active = new Map<number, Float64Array>([...sizes.keys()].map((cohort) => [cohort, new Float64Array(width - cohort)]));
  // (width is below 1 when every purchase is after `to`: nothing is counted then)
  const cells = customers * Math.max(0, width);
  const bits = cells <= 256_000_000 ? new Uint8Array(Math.ceil(cells / 8)) : undefined;
  const seen = bits === undefined ? new Set<number>() : undefined;
  for (let i = 0; i < rows; i++) {
    const slot = slotOfRow[i] as number;
    const c = groups.groupOf[i] as number;
    const cohort = first[c] as number;
    if (slot < 0 || cohort < fromSlot) continue;
    const key = c * width + slot;
    if (bits !== undefined) {
      const mask = 1 << (key & 7);
      if (((bits[key >> 3] as number) & mask) !== 0) continue;
      bits[key >> 3] = (bits[key >> 3] as number) | mask;
    } else {
      if ((seen as Set<number>).has(key)) continue;
      (seen as Set<number>).add(key);
    }
    const counts = active.get(cohort) as Float64Array;
    counts[slot - cohort] = (counts[slot - cohort] as number) + 1;
  }
  // From `from`, every period is a row, one that won nobody with size 0 and no shares (as a period table
  // lists empty periods); without it, the periods that won customers.
  const listed = bounds.from === undefined ? [...sizes.keys()].sort((x, y) => x - y) : Array.from({ length: Math.max(0, lastPeriod - fromPeriod + 1) }, (_, k) => fromSlot + k);
  return listed.map((cohort) => {
    const size = sizes.get(cohort) ?? 0;
    return { label: cohortLabel(grid.firstIndex + cohort, period), size, retention: size === 0 ? new Array<number>(width - cohort).fill(NaN) : Array.from(active.get(cohort) as Float64Array, (count) => count / size) };
  });
}
