/**
 * What a report is made from: its options, inputs, targets and sections, with the facts that follow
 * from them alone (the kind of period, its label, the sheets' names, the data the sections read).
 */
import { calendarMonths, utcDateOfSerial } from "../core/dates";
import { periodIndex, periodLabel, type Period } from "../core/periods";
import { reportLabels, type ReportLabel } from "../i18n/reportLabels";
import { fillTemplate, type Locale, type Localized } from "../i18n/locale";
import type { DataSource, PickKind } from "./dataSource";
import type { CellValue, EngagementInput, TransactionInput } from "./sampleData";
import type { SheetRole } from "./sheetSpec";

export type { CellValue, EngagementInput, TransactionInput } from "./sampleData";

/** What a report is made from besides its data: kept with the sheet, so that refresh rebuilds it the same way. */
export type ReportSettings = Omit<ReportOptions, "inputs" | "generatedOn"> & { readonly sections: ReportSections };

export function reportSettings(options: ReportOptions): ReportSettings {
  const { inputs: _inputs, generatedOn: _generatedOn, ...settings } = options;
  return { ...settings, sections: options.sections ?? ALL_SECTIONS };
}

/** "cx": formulas use the add-in's CX.* functions; "portable": built-in functions only. */
export type FormulaMode = "cx" | "portable";

/** One acquisition channel: its name in both languages, spend and new customers in the period. */
export interface ChannelInput {
  readonly name: Localized;
  readonly spend: CellValue;
  readonly newCustomers: CellValue;
  /**
   * The month the spend and new customers belong to: a date in it (its first day), or for sample
   * rows the months before the report period's end month (0: that month). Unset: the report period.
   */
  readonly month?: CellValue;
  readonly monthsBeforeEnd?: number;
}

/**
 * One row of the budget (DOMAIN.md §9, 预算): a month (a date in it, its first day; or for sample rows
 * the months before the report period's end month) and the figures planned for it, each optional.
 */
export interface BudgetInput {
  readonly month?: CellValue;
  readonly monthsBeforeEnd?: number;
  readonly revenue?: CellValue;
  readonly orders?: CellValue;
  readonly newCustomers?: CellValue;
  readonly customersEnd?: CellValue;
  readonly churnRate?: CellValue;
  readonly nps?: CellValue;
  readonly cac?: CellValue;
}

export interface ReportInputs {
  /** Marketing and sales spend and new customers per channel; the report's totals are their sums. */
  readonly channels: readonly ChannelInput[];
  readonly customersStart: CellValue;
  readonly customersLost: CellValue;
  readonly averageOrderValue: CellValue;
  readonly purchasesPerYear: CellValue;
  readonly lifespanYears: CellValue;
  readonly grossMargin: CellValue;
  readonly monthlyRevenuePerCustomer: CellValue;
  readonly prospects: CellValue;
  readonly converted: CellValue;
  readonly revenue: CellValue;
  readonly orders: CellValue;
  readonly buyingCustomers: CellValue;
  readonly repeatCustomers: CellValue;
  /** Survey answers, one respondent per row: NPS on 0–10, CSAT on 1–5, CSI on 1–10. */
  readonly npsAnswers: readonly (CellValue | undefined)[];
  readonly csatAnswers: readonly (CellValue | undefined)[];
  readonly csiAnswers: readonly (CellValue | undefined)[];
  /**
   * Each respondent's answer date (optional): typed, or for the sample counted back in days from the
   * period end. The report period's NPS, CSAT and CSI read its answers (dated in it, or undated), and
   * the workings count each period's, so NPS and CSAT trend.
   */
  readonly surveyDates?: readonly (CellValue | undefined)[];
  readonly surveyDaysBeforeEnd?: readonly number[];
  /** Purchases (customer, date, amount) for the RFM segments. */
  readonly transactions: readonly TransactionInput[];
  /** Interaction counts per customer for the engagement score. */
  readonly engagement: readonly EngagementInput[];
  /** The lapse window of the period tables as typed in (days); unset: the default for the period (defaultLapseDays). */
  readonly lapseDays?: CellValue;
  /** The budget, one row per month (DOMAIN.md §9); unset or empty: a table left for the user to type into. */
  readonly budget?: readonly BudgetInput[];
}

export interface ReportTargets {
  /** LTV:CAC at least this (default 3). */
  readonly ltvCac: number;
  /** Churn at most this (default 0.05). */
  readonly churn: number;
  /** NPS at least this (default 30). */
  readonly nps: number;
  /** CSAT at least this share (default 0.8). */
  readonly csat: number;
  /** Mean engagement score at least this (default 50 of 100). */
  readonly engagement: number;
  /** CAC paid back within this many months (default 12). */
  readonly paybackMonths: number;
  /**
   * Targets for the report period's figures, each optional: active customers at the end, new
   * customers, revenue, average order value (at least these), repeat-buyer share and net revenue
   * retention (at least these shares). Unset: the target cell is left blank for the user, with no light.
   */
  readonly customersEnd?: number;
  readonly newCustomers?: number;
  readonly revenue?: number;
  readonly averageOrderValue?: number;
  readonly repeatBuyerShare?: number;
  readonly netRevenueRetention?: number;
}

/** The sections a report can hold; each can be left out (DESIGN.md "Report template"). */
export interface ReportSections {
  /** The five dimensions (CAC, CLV, churn, satisfaction, engagement) with LTV:CAC and payback. */
  readonly dimensions: boolean;
  /** NPS with its margin of error and breakdown, and CSI. */
  readonly satisfaction: boolean;
  readonly lifecycle: boolean;
  /** The RFM segment summary: customers and revenue per segment. */
  readonly rfm: boolean;
  readonly charts: boolean;
  /**
   * The report period's figures from the transactions (DOMAIN.md §7), with 环比 and 同比: the period
   * tables on the workings sheet over the trend's periods, and their figures on the dashboard, where
   * the customer figures (customers at the start, lost, revenue, orders, repeat buyers) then come from.
   */
  readonly trend: boolean;
}

export const ALL_SECTIONS: ReportSections = { dimensions: true, satisfaction: true, lifecycle: true, rfm: true, charts: true, trend: true };

/**
 * The kinds of data the chosen sections read: acquisition costs always (the CAC totals are sums of
 * the channel table), survey answers for the dimensions (CSAT) and NPS / CSI, transactions for RFM;
 * or, from database queries (README, "Data in a database"), the per-customer summary for RFM and the
 * customer bridge for the customers at the start and lapsed; with the trend, the budget (optional).
 */
export function dataNeeded(sections: ReportSections, fromQueries = false): PickKind[] {
  return [
    ...(sections.rfm ? [fromQueries ? "customerSummary" as const : "transactions" as const] : []),
    ...(sections.trend && !sections.rfm && !fromQueries ? ["transactions" as const] : []),
    ...(fromQueries && sections.dimensions ? ["periodTable" as const] : []),
    ...(sections.dimensions || sections.satisfaction ? ["survey" as const] : []),
    "costs",
    // the budget beside the period's figures, which come from the transactions
    ...(sections.trend && !fromQueries ? ["budget" as const] : []),
  ];
}

export interface ReportOptions {
  readonly title: string;
  /** Excel date serials. */
  readonly periodStart: number;
  readonly periodEnd: number;
  /** ISO currency code shown in the currency formats, e.g. "CNY". */
  readonly currency: string;
  readonly locale: Locale;
  readonly formulaMode: FormulaMode;
  readonly targets: ReportTargets;
  /** The generation date, passed in so that the spec is a pure function of its options. */
  readonly generatedOn: number;
  readonly inputs: ReportInputs;
  /** Default: every section. */
  readonly sections?: ReportSections;
  /** The user's own ranges the report links to ("my data"); what is not linked comes from `inputs`. */
  readonly source?: DataSource;
  /** How many periods the trend shows, the report period the last of them (default 13: 同比 needs 13 months). */
  readonly trendPeriods?: number;
  /** Amounts shown in 万 (ten thousands, 万元) by their number format alone (currencyFormat); default: in units. */
  readonly moneyInTenThousands?: boolean;
  /** The month (1–12) the fiscal year starts in, for the year to date (DOMAIN.md §9); default 1, January. */
  readonly fiscalYearStart?: number;
  /**
   * The unit columns of the report's own transaction table (region, channel, …; DOMAIN.md §8), by
   * their headers, each purchase's units in TransactionInput.units; linked transactions bring their
   * own (LinkedRange.units).
   */
  readonly unitNames?: readonly Localized[];
  /** The unit column the dashboard's selector and by-unit table follow (0, the default: the first). */
  readonly unitColumn?: number;
  /** The unit the dashboard shows (Selected_Unit): one of the unit column's, as its list names it; unset: all. */
  readonly selectedUnit?: string;
}

/** The trend's length by default: this month and the twelve before it, so the same month last year is in it. */
export const DEFAULT_TREND_PERIODS = 13;

/**
 * The kind of period a report is about: a calendar quarter or year when its period is one, else a
 * month (the month its period ends in, for a period that is not whole months).
 */
export function reportPeriodKind(periodStart: number, periodEnd: number): Extract<Period, "month" | "quarter" | "year"> {
  const months = calendarMonths(periodStart, periodEnd);
  const firstMonth = utcDateOfSerial(periodStart).getUTCMonth();
  if (months === 12 && firstMonth === 0) return "year";
  return months === 3 && firstMonth % 3 === 0 ? "quarter" : "month";
}

/** The report period's name: "2026-10", "2026-Q3" or "2026" by its kind (reportPeriodKind), the period holding its end. */
export function reportPeriodLabel(periodStart: number, periodEnd: number): string {
  const kind = reportPeriodKind(periodStart, periodEnd);
  return periodLabel(periodIndex(periodEnd, kind), kind);
}

/** The named input cells of the report (A:B): label, name, the input it holds, and its format. */
export const SCALAR_INPUTS = [
  ["customersStart", "Customers_Start", "customersStart", "count"],
  ["customersLost", "Customers_Lost", "customersLost", "count"],
  ["averageOrderValue", "Avg_Order_Value", "averageOrderValue", "unitMoney"],
  ["purchasesPerYear", "Purchases_Per_Year", "purchasesPerYear", "decimal"],
  ["lifespanYears", "Lifespan_Years", "lifespanYears", "years"],
  ["grossMargin", "Gross_Margin", "grossMargin", "percent"],
  ["monthlyRevenue", "Monthly_Revenue", "monthlyRevenuePerCustomer", "unitMoney"],
  ["prospects", "Prospects", "prospects", "count"],
  ["converted", "Converted", "converted", "count"],
  ["revenue", "Revenue", "revenue", "money"],
  ["orders", "Orders", "orders", "count"],
  ["buyingCustomers", "Buying_Customers", "buyingCustomers", "count"],
  ["repeatCustomers", "Repeat_Customers", "repeatCustomers", "count"],
] as const satisfies readonly (readonly [ReportLabel, string, ScalarInput, string])[];

/** The inputs that are one number each. */
export type ScalarInput = Exclude<keyof ReportInputs, "channels" | "npsAnswers" | "csatAnswers" | "csiAnswers" | "surveyDates" | "surveyDaysBeforeEnd" | "transactions" | "engagement" | "budget">;

/** The inputs of a report on the user's own data: every typed-in input left empty for the user to fill. */
export const EMPTY_INPUTS: ReportInputs = {
  ...(Object.fromEntries(SCALAR_INPUTS.map(([, , key]) => [key, ""])) as Record<ScalarInput, CellValue>),
  channels: [], npsAnswers: [], csatAnswers: [], csiAnswers: [], transactions: [], engagement: [],
};

export const DEFAULT_TARGETS: ReportTargets = { ltvCac: 3, churn: 0.05, nps: 30, csat: 0.8, engagement: 50, paybackMonths: 12 };

/**
 * The report's sheet names for its period: "Report 2026-10", "Data 2026-10", "Workings 2026-10"
 * (管报, 数据, 底稿), by the month of a one-month period, the quarter of a calendar quarter
 * ("2026-Q3"), else the month of the period's end.
 */
export function reportSheetNames(periodStart: number, periodEnd: number, locale: Locale): Readonly<Record<SheetRole, string>> {
  const period = reportPeriodLabel(periodStart, periodEnd);
  const name = (key: ReportLabel): string => fillTemplate(reportLabels[key][locale], { period });
  return { dashboard: name("dashboardSheet"), data: name("dataSheet"), workings: name("workingsSheet") };
}

/** The sheets of a report in the order they are made: the dashboard first. */
export const ROLES: readonly SheetRole[] = ["dashboard", "data", "workings"];

/** Fonts named in files the report is exported to: Calibri, and for Chinese the usual Chinese UI font (a file whose fonts have no name opens in a serif font). */
export const REPORT_FONTS: Readonly<Record<Locale, string>> = { "en-US": "Calibri", "zh-CN": "Microsoft YaHei" };
