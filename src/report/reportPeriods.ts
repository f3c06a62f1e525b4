/**
 * The report periods the pane offers: whole months or calendar quarters, the newest the last one
 * complete by the data's latest day (a month is complete on its last day), so a report never shows
 * a month half over as if it were whole.
 */
import { periodEnd, periodIndex, periodLabel, periodStart } from "../core/periods";

export type ReportPeriodKind = "month" | "quarter";

export interface ReportPeriodChoice {
  /** "2026-10" or "2026-Q3". */
  readonly label: string;
  /** Its first and last day, Excel serials. */
  readonly start: number;
  readonly end: number;
}

/**
 * The `count` periods of a kind up to the last one complete on `latest` (an Excel serial), newest first.
 *
 * @example reportPeriodChoices("month", 45619, 2) // 2024-11-23: [2024-10 (45566–45596), 2024-09 (45536–45565)]
 */
export function reportPeriodChoices(kind: ReportPeriodKind, latest: number, count: number): ReportPeriodChoice[] {
  const day = Math.floor(latest);
  const current = periodIndex(day, kind);
  // The period holding `latest` is complete only when `latest` is its last day.
  const last = periodEnd(current, kind) === day ? current : current - 1;
  return Array.from({ length: Math.max(0, count) }, (_, k) => {
    const index = last - k;
    return { label: periodLabel(index, kind), start: periodStart(index, kind), end: periodEnd(index, kind) };
  });
}

/** The latest purchase day of a picked transaction table (its dates in the second column; a header row and text are skipped), or undefined. */
export function latestPurchaseDay(rows: readonly (readonly unknown[])[]): number | undefined {
  let latest: number | undefined;
  for (const row of rows) {
    const date = row[1];
    if (typeof date === "number" && Number.isFinite(date) && (latest === undefined || date > latest)) latest = date;
  }
  return latest === undefined ? undefined : Math.floor(latest);
}
