import { isoDateOfSerial, serialFromUtc, utcDateOfSerial } from "./dates";
import { CxError } from "./errors";

/** Calendar periods of a periodic report (shared/DOMAIN.md §7): weeks are ISO 8601 weeks, Monday to Sunday. */
export type Period = "month" | "quarter" | "week" | "year";

/** The longest a period of each kind can be, in days: the shortest lapse window a bridge allows. */
export const LONGEST_PERIOD_DAYS: Readonly<Record<Period, number>> = { month: 31, quarter: 92, week: 7, year: 366 };

/** How many periods make a year, for year-over-year comparisons (52 weeks, DOMAIN.md §7). */
export const PERIODS_PER_YEAR: Readonly<Record<Period, number>> = { month: 12, quarter: 4, week: 52, year: 1 };

/**
 * The most periods a period table or a cohort table shows: more than a person reads, and within the
 * 16,384 columns an Excel sheet has (a cohort table spreads its periods across). Longer spans are
 * refused at once, naming the dates' span, rather than computed for seconds.
 */
export const MAX_PERIODS = 10_000;
/** The most periods a table's history may span (the periods before `from` feed it too): 8,000 years of weeks fit. */
export const MAX_HISTORY_PERIODS = 500_000;

/** Period kinds' names for messages. */
const PERIOD_NAMES: Readonly<Record<Period, string>> = { month: "months", quarter: "quarters", week: "weeks", year: "years" };

/**
 * Throws #VALUE! naming `dates` when periods first..last are more than `max`: their span, the count,
 * and what to do (from and to, or a longer period).
 */
export function requirePeriodSpan(first: number, last: number, period: Period, max: number, fromDay: number, toDay: number): void {
  const count = last - first + 1;
  if (count <= max) return;
  throw new CxError("value", "tooManyPeriods", { arg: "dates", from: isoDateOfSerial(fromDay), to: isoDateOfSerial(toDay), count: count.toLocaleString("en-US"), periods: PERIOD_NAMES[period], max: max.toLocaleString("en-US") }, { argument: "dates" });
}

// Serial 2 is Monday 1900-01-01: week n runs from serial 7n + 2 to 7n + 8.
const MONDAY_SERIAL = 2;

/**
 * The index of the period holding a day (an Excel serial; a time of day is ignored). Indices are
 * consecutive: index + 1 is always the next period, so a period table is a plain array.
 */
export function periodIndex(serial: number, period: Period): number {
  const day = Math.floor(serial);
  if (period === "week") return Math.floor((day - MONDAY_SERIAL) / 7);
  const date = utcDateOfSerial(day);
  if (period === "year") return date.getUTCFullYear();
  const month = date.getUTCFullYear() * 12 + date.getUTCMonth();
  return period === "month" ? month : Math.floor(month / 3);
}

/** The first day of a period (an Excel serial). */
export function periodStart(index: number, period: Period): number {
  if (period === "week") return index * 7 + MONDAY_SERIAL;
  const months = period === "year" ? index * 12 : period === "quarter" ? index * 3 : index;
  return serialFromUtc(Date.UTC(Math.floor(months / 12), months % 12, 1));
}

/** The last day of a period (an Excel serial). */
export function periodEnd(index: number, period: Period): number {
  return periodStart(index + 1, period) - 1;
}

const twoDigits = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** "2024-03", "2024-Q1", "2024-W09" (ISO week-year and week) or "2024". */
export function periodLabel(index: number, period: Period): string {
  if (period === "year") return String(index);
  if (period === "quarter") return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
  if (period === "month") return `${Math.floor(index / 12)}-${twoDigits((index % 12) + 1)}`;
  // ISO 8601: a week belongs to the year of its Thursday, and is numbered from that year's first Thursday.
  const thursday = periodStart(index, "week") + 3;
  const year = utcDateOfSerial(thursday).getUTCFullYear();
  const week = Math.floor((thursday - serialFromUtc(Date.UTC(year, 0, 1))) / 7) + 1;
  return `${year}-W${twoDigits(week)}`;
}

/**
 * A run of consecutive periods, with each day's period looked up in a table rather than computed
 * per transaction (a million transactions would otherwise build a million Date objects).
 */
export class PeriodGrid {
  /** First day of each period, and one past the last: `starts[k]` to `starts[k + 1] − 1` is period k. */
  readonly starts: Float64Array;
  private readonly dayToPeriod: Int32Array;

  /** Periods `firstIndex` to `lastIndex` (inclusive) of the given kind. */
  constructor(readonly period: Period, readonly firstIndex: number, lastIndex: number) {
    const count = lastIndex - firstIndex + 1;
    this.starts = new Float64Array(count + 1);
    for (let k = 0; k <= count; k++) this.starts[k] = periodStart(firstIndex + k, period);
    const firstDay = this.starts[0] as number;
    this.dayToPeriod = new Int32Array((this.starts[count] as number) - firstDay);
    for (let k = 0; k < count; k++) this.dayToPeriod.fill(k, (this.starts[k] as number) - firstDay, (this.starts[k + 1] as number) - firstDay);
  }

  get count(): number {
    return this.starts.length - 1;
  }

  get firstDay(): number {
    return this.starts[0] as number;
  }

  /** One past the grid's last day. */
  get endDay(): number {
    return this.starts[this.count] as number;
  }

  /** The position in the grid (0 for the first period) of a whole day inside it. */
  slot(day: number): number {
    return this.dayToPeriod[day - this.firstDay] as number;
  }

  label(slot: number): string {
    return periodLabel(this.firstIndex + slot, this.period);
  }
}
