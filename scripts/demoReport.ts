/**
 * The report `npm run demo` writes: the sample data in portable mode (built-in formulas only), for
 * the last month complete by `today` with a 13-month trend, as the pane makes it by default. Shared
 * by the demo script and the tests that recalculate the demo in LibreOffice and Gnumeric.
 */
import { serialFromUtc } from "../src/core/dates";
import type { Locale } from "../src/i18n/locale";
import { buildReport, sampleInputsFor, SAMPLE_TARGETS, type ReportOptions } from "../src/report/buildReport";
import { reportPeriodChoices, type ReportPeriodChoice } from "../src/report/reportPeriods";
import type { ReportSpec } from "../src/report/sheetSpec";

/** A date's Excel serial (its day, in UTC). */
export const toSerial = (date: Date): number => Math.floor(serialFromUtc(date.getTime()));

/** The demo's report (`formulaMode`: the tests build its CX twin to compare the figures; `more`: other options, e.g. amounts in 万元). */
export function demoReport(locale: Locale, today: number, formulaMode: "portable" | "cx" = "portable", more: Partial<ReportOptions> = {}): ReportSpec {
  return buildReport(demoOptions(locale, today, formulaMode, more));
}

/** The demo's options: the sample data for the last month complete by `today` (or `more`'s period), as the pane makes it. */
export function demoOptions(locale: Locale, today: number, formulaMode: "portable" | "cx" = "portable", more: Partial<ReportOptions> = {}): ReportOptions {
  const month = reportPeriodChoices("month", today, 1)[0] as ReportPeriodChoice;
  const periodEnd = more.periodEnd ?? month.end;
  return {
    title: locale === "zh-CN" ? "客户指标（示例）" : "Customer metrics (sample)",
    periodStart: month.start,
    periodEnd,
    currency: "CNY",
    locale,
    formulaMode,
    targets: SAMPLE_TARGETS,
    generatedOn: today,
    inputs: sampleInputsFor(periodEnd),
    ...more,
  };
}
