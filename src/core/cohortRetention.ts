import { isoDateOfSerial } from "./dates";
import { CxError } from "./errors";
import { MAX_PERIODS, periodIndex, periodLabel, periodStart, requirePeriodSpan } from "./periods";
import { groupCustomers, type CustomerId } from "./prep/groupCustomers";

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
export function cohortRetention(customerIds: ArrayLike<CustomerId>, dates: ArrayLike<number>, period: CohortPeriod = "month", bounds: { readonly from?: number; readonly to?: number } = {}): Cohort[] {
  if (customerIds.length === 0) throw new CxError("na", "emptyRange", { arg: "customer_ids" }, { argument: "customer_ids" });
  const groups = groupCustomers(customerIds);
  const first = new Float64Array(groups.labels.length).fill(Infinity);
  const periodOfRow = new Float64Array(customerIds.length);
  const toPeriod = bounds.to === undefined ? Infinity : periodIndex(bounds.to, period);
  let lastPeriod = -Infinity;
  for (let i = 0; i < customerIds.length; i++) {
    const p = periodIndex(dates[i] as number, period);
    periodOfRow[i] = p;
    // (a purchase after `to` is left out: NaN matches no period)
    if (p > toPeriod) {
      periodOfRow[i] = NaN;
      continue;
    }
    const c = groups.groupOf[i] as number;
    if (p < (first[c] as number)) first[c] = p;
    if (p > lastPeriod) lastPeriod = p;
  }
  if (bounds.to !== undefined) lastPeriod = toPeriod;
  const fromPeriod = bounds.from === undefined ? -Infinity : periodIndex(bounds.from, period);
  // A table within Excel's columns and a reader's patience: at most MAX_PERIODS periods across.
  let firstPeriod = Infinity;
  for (const p of periodOfRow) if (p < firstPeriod) firstPeriod = p;
  firstPeriod = Math.max(firstPeriod, fromPeriod);
  if (lastPeriod - firstPeriod + 1 > MAX_PERIODS) {
    let [minDay, maxDay] = [Infinity, -Infinity];
    for (let i = 0; i < dates.length; i++) [minDay, maxDay] = [Math.min(minDay, dates[i] as number), Math.max(maxDay, dates[i] as number)];
    requirePeriodSpan(firstPeriod, lastPeriod, period, MAX_PERIODS, minDay, maxDay);
  }
  // Each (customer, period) counts once, however many purchases it holds.
  const seen = new Set<number>();
  const active = new Map<number, Float64Array>(); // cohort → customers active per offset
  const sizes = new Map<number, number>();
  for (let c = 0; c < groups.labels.length; c++) {
    const cohort = first[c] as number;
    if (cohort < fromPeriod || cohort === Infinity) continue;
    sizes.set(cohort, (sizes.get(cohort) ?? 0) + 1);
    if (!active.has(cohort)) active.set(cohort, new Float64Array(lastPeriod - cohort + 1));
  }
  const customers = groups.labels.length;
  for (let i = 0; i < customerIds.length; i++) {
    const c = groups.groupOf[i] as number;
    const p = periodOfRow[i] as number;
    if (Number.isNaN(p) || (first[c] as number) < fromPeriod) continue;
    const key = (p - (first[c] as number)) * customers + c;
    if (seen.has(key)) continue;
    seen.add(key);
    const counts = active.get(first[c] as number) as Float64Array;
    counts[p - (first[c] as number)] = (counts[p - (first[c] as number)] as number) + 1;
  }
  // From `from`, every period is a row, one that won nobody with size 0 and no shares (as a period table
  // lists empty periods); without it, the periods that won customers.
  const listed = bounds.from === undefined ? [...sizes.keys()].sort((x, y) => x - y) : Array.from({ length: Math.max(0, lastPeriod - fromPeriod + 1) }, (_, k) => fromPeriod + k);
  return listed.map((cohort) => {
    const size = sizes.get(cohort) ?? 0;
    return { label: cohortLabel(cohort, period), size, retention: size === 0 ? new Array<number>(lastPeriod - cohort + 1).fill(NaN) : Array.from(active.get(cohort) as Float64Array, (count) => count / size) };
  });
}
