import { CxError } from "../errors";
import { showNumber } from "../validate";
import { groupCustomers, type CustomerId } from "./groupCustomers";

/** The unit of x's time axes: t_x and T are counted in it. */
export type TimeUnit = "days" | "weeks" | "months";

/** Days per unit; a month is the mean Gregorian month, 365.25 / 12 days. */
export const DAYS_PER_UNIT: Readonly<Record<TimeUnit, number>> = { days: 1, weeks: 7, months: 365.25 / 12 };

export interface TransactionsInput {
  readonly customerIds: ArrayLike<CustomerId>;
  /** Excel date serials; a time of day is ignored. */
  readonly dates: ArrayLike<number>;
  /** Purchase amounts (≥ 0); omit when only counts matter. */
  readonly amounts?: ArrayLike<number>;
  /** End of observation (Excel serial); defaults to the last purchase day. Later purchases are left out. */
  readonly asOf?: number;
  readonly timeUnit?: TimeUnit;
}

/** Per customer, the summary the BG/NBD and Gamma-Gamma models take (the paper's x, t_x, T, m). */
export interface CustomerHistories {
  readonly customers: readonly CustomerId[];
  /** x: repeat purchases = purchase days − 1. */
  readonly frequency: Float64Array;
  /** t_x: time from the first to the last purchase day, in `timeUnit`. */
  readonly recency: Float64Array;
  /** T: time from the first purchase day to the end of observation, in `timeUnit`. */
  readonly age: Float64Array;
  /** Mean amount of the repeat purchase days (the first day excluded); 0 when x = 0. */
  readonly meanRepeatSpend: Float64Array;
  /** Everything each customer spent up to the end of observation (present when made from transactions). */
  readonly totalSpend?: Float64Array;
  /** End of observation (an Excel serial; NaN for histories made from summaries, which carry none). */
  readonly asOf: number;
  readonly timeUnit: TimeUnit;
}

/**
 * Summarises a transaction table per customer as the BG/NBD and Gamma-Gamma models need it
 * (shared/DOMAIN.md §5, as lifetimes' summary_data_from_transaction_data does): purchases on the
 * same day count once, with the day's amounts added up; x = purchase days − 1; t_x and T measured
 * from the first purchase day; monetary value = mean of the repeat days' amounts.
 *
 * Reproduces the published CDNOW calibration summary (weeks, observation end 1997-09-30).
 *
 * @throws CxError #VALUE! for a negative amount, #N/A when no purchase is on or before `asOf`
 */
export function summarizeTransactions(input: TransactionsInput): CustomerHistories {
  const { customerIds, dates, amounts } = input;
  const timeUnit = input.timeUnit ?? "weeks";
  const perUnit = DAYS_PER_UNIT[timeUnit];
  let lastDay = -Infinity;
  for (let i = 0; i < dates.length; i++) lastDay = Math.max(lastDay, Math.floor(dates[i] as number));
  const asOf = input.asOf === undefined ? lastDay : Math.floor(input.asOf);
  const groups = groupCustomers(customerIds);
  // Sort transactions by (customer, day) so that each customer's days come together in order.
  const order = Array.from({ length: customerIds.length }, (_, i) => i).filter((i) => Math.floor(dates[i] as number) <= asOf);
  order.sort((i, j) => (groups.groupOf[i] as number) - (groups.groupOf[j] as number) || (dates[i] as number) - (dates[j] as number));
  const count = groups.labels.length;
  const frequency = new Float64Array(count).fill(-1);
  const firstDay = new Float64Array(count).fill(NaN);
  const lastPurchase = new Float64Array(count).fill(NaN);
  const repeatTotal = new Float64Array(count);
  const total = new Float64Array(count);
  let previousGroup = -1;
  let previousDay = NaN;
  for (const i of order) {
    const group = groups.groupOf[i] as number;
    const day = Math.floor(dates[i] as number);
    const amount = amounts === undefined ? 0 : (amounts[i] as number);
    if (!(amount >= 0)) throw new CxError("value", "negative", { arg: "amounts", value: showNumber(amount) }, { argument: "amounts", index: i });
    if (group !== previousGroup) {
      firstDay[group] = day;
      frequency[group] = 0;
    } else if (day !== previousDay) {
      frequency[group] = (frequency[group] as number) + 1;
    }
    total[group] = (total[group] as number) + amount;
    // The first day's amounts are not repeat spend; a later day's are, however many rows it has.
    if (day !== firstDay[group]) repeatTotal[group] = (repeatTotal[group] as number) + amount;
    lastPurchase[group] = day;
    previousGroup = group;
    previousDay = day;
  }
  const kept: number[] = [];
  for (let c = 0; c < count; c++) if ((frequency[c] as number) >= 0) kept.push(c);
  if (kept.length === 0) {
    throw new CxError("na", customerIds.length === 0 ? "emptyRange" : "noTransactions", { arg: "customer_ids", value: showNumber(asOf) }, { argument: "customer_ids" });
  }
  const pick = (f: (c: number) => number): Float64Array => Float64Array.from(kept, f);
  return {
    customers: kept.map((c) => groups.labels[c] as CustomerId),
    frequency: pick((c) => frequency[c] as number),
    recency: pick((c) => ((lastPurchase[c] as number) - (firstDay[c] as number)) / perUnit),
    age: pick((c) => (asOf - (firstDay[c] as number)) / perUnit),
    meanRepeatSpend: pick((c) => ((frequency[c] as number) > 0 ? (repeatTotal[c] as number) / (frequency[c] as number) : 0)),
    totalSpend: pick((c) => total[c] as number),
    asOf,
    timeUnit,
  };
}
