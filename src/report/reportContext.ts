/**
 * What every section of a report reads and none changes: the options with the facts that follow from
 * them (the formula mode, the language's labels and formats, which data is linked or missing, the
 * trend's periods), worked out once before the first section builds.
 */
import { defaultLapseDays } from "../core/periodTables";
import { PERIODS_PER_YEAR, periodIndex, periodStart as firstDayOf } from "../core/periods";
import type { Locale } from "../i18n/locale";
import { reportLabels, type ReportLabel } from "../i18n/reportLabels";
import type { DataSource, PickKind } from "./dataSource";
import type { KpiFormat } from "./figures";
import { missingData, type MissingData } from "./missingData";
import {
  ALL_SECTIONS, dataNeeded, DEFAULT_TREND_PERIODS, reportPeriodKind, reportSheetNames,
  type ChannelInput, type ReportInputs, type ReportOptions, type ReportSections,
} from "./reportOptions";
import type { CellValue } from "./sampleData";
import { COUNT_FORMAT, currencyFormat, PERCENT_FORMAT, type SheetRole } from "./sheetSpec";

/** How a figure of the period tables is shown: a count, a total amount, a per-customer amount (never in 万), a share. */
export type FigureFormat = "count" | "money" | "unitMoney" | "percent";

export interface ReportContext {
  readonly options: ReportOptions;
  readonly sections: ReportSections;
  /** CX formulas (the add-in's functions); else portable, built-in functions only. */
  readonly cx: boolean;
  readonly locale: Locale;
  /** A label in the report's language. */
  readonly t: (key: ReportLabel) => string;
  /** The currency's number format, and each KPI format's. */
  readonly money: string;
  /** A per-customer (or per-purchase) amount's format: AOV, CAC, CLV, a customer's value; always in units, never in 万. */
  readonly unitMoney: string;
  /**
   * An amount in a sentence (the commentary): TEXT's format and the unit written after it (" CNY",
   * " 元"; none in 万元, whose format says it).
   */
  readonly moneyText: { readonly format: string; readonly unit: string };
  readonly formats: Readonly<Record<KpiFormat | FigureFormat, string>>;
  readonly sheetNames: Readonly<Record<SheetRole, string>>;
  readonly inputs: ReportInputs;
  /** The user's own ranges ("my data"), none when the report holds its own. */
  readonly source: DataSource;
  readonly missing: readonly MissingData[];
  /** Whether the report reads a database's query results (a customer summary or bridge). */
  readonly fromQueries: boolean;
  /** The kinds of data the chosen sections read (dataNeeded). */
  readonly needed: readonly PickKind[];
  /** The kind of the report period, and how many of them make a year (the 同比's distance). */
  readonly kind: ReturnType<typeof reportPeriodKind>;
  readonly yearBack: number;
  /** Whether the report has its trend: the period tables on the workings, and the period's figures from them. */
  readonly trend: boolean;
  /** The periods the trend shows, and those the period tables hold (a year more), from `trendFrom`. */
  readonly trendCount: number;
  readonly tableCount: number;
  readonly trendFrom: number;
  readonly defaultLapseDays: number;
  readonly needSurvey: boolean;
  /** Whether the survey answers have dates (then each counts for its period). */
  readonly datedSurvey: boolean;
  /** The names of the input checks the figures heed: the survey's (when it has one) and the channels'. */
  readonly surveyCheck: string | undefined;
  readonly channelCheck: string;
  /** Whether the channel rows have months: the report period's spend is then the rows of its months. */
  readonly channelMonths: boolean;
  /** A channel's or budget's row's month as the table holds it: typed, or counted back from the report period's end month. */
  readonly monthOf: (row: Pick<ChannelInput, "month" | "monthsBeforeEnd"> | undefined) => CellValue | undefined;
  /** The transactions' unit columns by their headers, in the report's language (none: the report is the company's alone). */
  readonly unitNames: readonly string[];
  /** The unit column the dashboard follows (an index into unitNames). */
  readonly unitColumn: number;
}

/** The most periods a trend may show. */
const MOST_TREND_PERIODS = 120;

export function reportContext(options: ReportOptions): ReportContext {
  const sections = options.sections ?? ALL_SECTIONS;
  const money = currencyFormat(options.currency, options.locale, options.moneyInTenThousands === true);
  const unitMoney = currencyFormat(options.currency, options.locale);
  const source = options.source ?? {};
  const fromQueries = source.customerSummary !== undefined || source.periodTable !== undefined;
  const needed = dataNeeded(sections, fromQueries);
  const kind = reportPeriodKind(options.periodStart, options.periodEnd);
  const trendCount = Math.max(1, Math.min(MOST_TREND_PERIODS, Math.floor(options.trendPeriods ?? DEFAULT_TREND_PERIODS)));
  const yearBack = PERIODS_PER_YEAR[kind];
  const tableCount = trendCount + yearBack;
  const needSurvey = needed.includes("survey");
  const costs = source.costs;
  const linkedUnits = source.transactions?.units?.map((unit) => unit.name) ?? [];
  const unitNames = !needed.includes("transactions") ? [] : source.transactions !== undefined ? linkedUnits : (options.unitNames ?? []).map((name) => name[options.locale]);
  return {
    options, sections, cx: options.formulaMode === "cx", locale: options.locale,
    t: (key) => reportLabels[key][options.locale],
    money, unitMoney, moneyText: moneyText(options), formats: { currency: unitMoney, money, unitMoney, count: COUNT_FORMAT, percent: PERCENT_FORMAT, ratio: "0.00\"x\"", months: "0.0", score: "0.0" },
    sheetNames: reportSheetNames(options.periodStart, options.periodEnd, options.locale),
    inputs: options.inputs, source, missing: missingData(options.inputs, source), fromQueries, needed,
    kind, yearBack, trend: sections.trend && needed.includes("transactions"), trendCount, tableCount,
    trendFrom: firstDayOf(periodIndex(options.periodEnd, kind) - tableCount + 1, kind),
    defaultLapseDays: defaultLapseDays(kind),
    needSurvey,
    // The report's own survey table has a date column; a linked one may have it as a fourth column.
    datedSurvey: needSurvey && (source.survey === undefined || source.survey.columns > 3),
    surveyCheck: needSurvey ? "Survey_Check" : undefined, channelCheck: "Channel_Check",
    channelMonths: costs === undefined || costs.columns > 3,
    unitNames, unitColumn: Math.max(0, Math.min(unitNames.length - 1, Math.floor(options.unitColumn ?? 0))),
    monthOf: (channel) => channel?.month ?? (channel?.monthsBeforeEnd === undefined ? undefined : firstDayOf(periodIndex(options.periodEnd, "month") - channel.monthsBeforeEnd, "month")),
  };
}

/** How a sentence writes an amount: whole units with the currency's code (元 for CNY in Chinese), or in 万元 as the cells show it. */
function moneyText(options: ReportOptions): ReportContext["moneyText"] {
  if (options.moneyInTenThousands === true) return { format: currencyFormat(options.currency, options.locale, true), unit: "" };
  return { format: "#,##0", unit: ` ${options.locale === "zh-CN" && options.currency === "CNY" ? "元" : options.currency}` };
}
