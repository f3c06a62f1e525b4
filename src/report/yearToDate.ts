/**
 * The year to date of a report (DOMAIN.md §9, 本年累计): from the first day of the fiscal year that
 * holds the report period's end to that end, and the same span a year earlier for its 同比. Shown for
 * monthly and quarterly reports (a quarterly one when its fiscal year starts on a quarter), read from
 * the period tables' rows, which must reach back to the span's first day.
 */
import { serialFromUtc, utcDateOfSerial } from "../core/dates";
import type { ReportContext } from "./reportContext";

export interface YearToDate {
  /** The fiscal year's first day and the report period's last (Excel serials). */
  readonly start: number;
  readonly end: number;
  /** The same span a year earlier: its first day, and the last day of the report period's month then. */
  readonly priorStart: number;
  readonly priorEnd: number;
  /** Whether the period tables reach back to the earlier span's first day (else its 同比 is a dash). */
  readonly priorCovered: boolean;
  /** The fiscal year's first month (1–12). */
  readonly firstMonth: number;
}

/** The fiscal year's first month from the options: a whole number from 1 to 12, else January. */
export const fiscalYearStart = (month: number | undefined): number => (month !== undefined && Number.isInteger(month) && month >= 1 && month <= 12 ? month : 1);

/** The report's year to date, or none (no period tables; a year's report, or a quarter's whose fiscal year starts mid-quarter). */
export function yearToDate(ctx: Pick<ReportContext, "trend" | "kind" | "trendFrom" | "options">): YearToDate | undefined {
  const firstMonth = fiscalYearStart(ctx.options.fiscalYearStart);
  if (!ctx.trend || ctx.kind === "year" || (ctx.kind === "quarter" && (firstMonth - 1) % 3 !== 0)) return undefined;
  const end = ctx.options.periodEnd;
  const date = utcDateOfSerial(end);
  const [year, month] = [date.getUTCFullYear(), date.getUTCMonth() + 1];
  const fiscalYear = month >= firstMonth ? year : year - 1;
  const start = serialFromUtc(Date.UTC(fiscalYear, firstMonth - 1, 1));
  const priorStart = serialFromUtc(Date.UTC(fiscalYear - 1, firstMonth - 1, 1));
  // the last day of the same month a year earlier (day 0 of the month after it)
  const priorEnd = serialFromUtc(Date.UTC(year - 1, month, 0));
  if (start < ctx.trendFrom) return undefined;
  return { start, end, priorStart, priorEnd, priorCovered: priorStart >= ctx.trendFrom, firstMonth };
}

/** A date as a formula writes it: DATE(2024,4,1). */
export const dateOf = (serial: number): string => {
  const date = utcDateOfSerial(serial);
  return `DATE(${date.getUTCFullYear()},${date.getUTCMonth() + 1},${date.getUTCDate()})`;
};
