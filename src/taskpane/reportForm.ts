/**
 * The create-report form's values as the user types them (text, checked in its field), what is wrong
 * with them, and the report options they make once nothing is.
 */
import type { Locale } from "../i18n/locale";
import type { PaneString } from "../i18n/paneStrings";
import { DEFAULT_TARGETS, DEFAULT_TREND_PERIODS, EMPTY_INPUTS, sampleInputsFor, SAMPLE_UNIT_NAMES, ALL_SECTIONS, type FormulaMode, type ReportOptions, type ReportSections } from "../report/buildReport";
import type { DataSource } from "../report/dataSource";
import { parseDateText } from "./dateText";

/** The form's fields besides its data: each as typed or chosen. */
export interface FormValues {
  readonly title: string;
  readonly start: string;
  readonly end: string;
  readonly trendPeriods: string;
  readonly currency: string;
  readonly ltvCac: string;
  /** Churn target in percent. */
  readonly churn: string;
  readonly nps: string;
  readonly mode: FormulaMode;
  readonly sections: ReportSections;
  /** Which unit column the dashboard follows (an index into the data's unit columns). */
  readonly unitColumn: number;
  /** The month (1–12) the fiscal year starts in, for the year to date. */
  readonly fiscalYearStart: number;
  /** Amounts shown in 万 (万元) by their number format. */
  readonly moneyInTenThousands: boolean;
}

export type Problems = Partial<Record<"title" | "start" | "end" | "ltvCac" | "churn" | "nps" | "sections" | "trend", string>>;

/** The form's defaults; the period's dates are set from the data. */
export function initialValues(title: string): FormValues {
  return {
    title, start: "", end: "", trendPeriods: String(DEFAULT_TREND_PERIODS), currency: "CNY",
    ltvCac: String(DEFAULT_TARGETS.ltvCac), churn: String(DEFAULT_TARGETS.churn * 100), nps: String(DEFAULT_TARGETS.nps), mode: "cx", sections: ALL_SECTIONS, unitColumn: 0, fiscalYearStart: 1, moneyInTenThousands: false,
  };
}

/** A title fits a heading cell and keeps the settings kept with the sheet well under Excel's formula length. */
export const MAX_TITLE = 120;
/** The longest trend the form offers. */
export const MAX_TREND_PERIODS = 60;

/** The field each problem is in, by its label, for the line beside Create. */
export const FIELD_NAMES: Readonly<Record<keyof Problems, PaneString>> = { title: "reportTitle", start: "periodStart", end: "periodEnd", ltvCac: "targetLtvCac", churn: "targetChurn", nps: "targetNps", sections: "sections", trend: "trendPeriods" };

/** What is wrong with each field, in the pane's language (`t`); none when the form can create. */
export function formProblems(values: FormValues, t: (key: PaneString, params?: Record<string, string>) => string): Problems {
  const { title, start, end, ltvCac, churn, nps, trendPeriods, sections } = values;
  const startSerial = parseDateText(start);
  const endSerial = parseDateText(end);
  const [ltvCacValue, churnValue, npsValue, trendValue] = [ltvCac, churn, nps, trendPeriods].map(Number) as [number, number, number, number];
  const problems: Problems = {};
  if (title.trim() === "") problems.title = t("titleRequired");
  else if (title.trim().length > MAX_TITLE) problems.title = t("titleTooLong", { max: String(MAX_TITLE) });
  if (startSerial === undefined) problems.start = t("dateRequired");
  if (endSerial === undefined) problems.end = t("dateRequired");
  else if (startSerial !== undefined && endSerial < startSerial) problems.end = t("periodOrder");
  if (!(ltvCac.trim() !== "" && ltvCacValue > 0)) problems.ltvCac = t("ltvCacRange");
  if (!(churn.trim() !== "" && churnValue >= 0 && churnValue <= 100)) problems.churn = t("churnRange");
  if (!(nps.trim() !== "" && npsValue >= -100 && npsValue <= 100)) problems.nps = t("npsRange");
  if (!(Number.isInteger(trendValue) && trendValue >= 2 && trendValue <= MAX_TREND_PERIODS)) problems.trend = t("trendRange", { max: String(MAX_TREND_PERIODS) });
  if (!(sections.dimensions || sections.satisfaction || sections.lifecycle || sections.rfm)) problems.sections = t("sectionsRequired");
  return problems;
}

/** The report options of a form without problems: on the sample's inputs, or linked to the user's data. */
export function reportOptionsOf(values: FormValues, data: { readonly sample: true } | { readonly sample: false; readonly source: DataSource }, locale: Locale, today: number): ReportOptions {
  return {
    title: values.title.trim(), periodStart: parseDateText(values.start) as number, periodEnd: parseDateText(values.end) as number, currency: values.currency, locale,
    formulaMode: values.mode, targets: { ...DEFAULT_TARGETS, ltvCac: Number(values.ltvCac), churn: Number(values.churn) / 100, nps: Number(values.nps) },
    generatedOn: today, sections: values.sections, trendPeriods: Number(values.trendPeriods),
    ...(values.unitColumn > 0 ? { unitColumn: values.unitColumn } : {}),
    // (January, the default, is left unset)
    ...(values.fiscalYearStart > 1 ? { fiscalYearStart: values.fiscalYearStart } : {}),
    ...(values.moneyInTenThousands ? { moneyInTenThousands: true } : {}),
    // the sample's purchases have a region and a channel (DOMAIN.md §8); the user's bring their unit columns in the link
    ...(data.sample ? { inputs: sampleInputsFor(parseDateText(values.end) as number), unitNames: SAMPLE_UNIT_NAMES } : { inputs: EMPTY_INPUTS, source: data.source }),
  };
}
