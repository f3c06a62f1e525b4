import { columnName, parseRange, type RangeAddress } from "../core/a1";
import { calendarMonths, utcDateOfSerial } from "../core/dates";
import { defaultLapseDays } from "../core/periodTables";
import { PERIODS_PER_YEAR, periodIndex, periodLabel, periodStart as firstDayOf, type Period } from "../core/periods";
import { HELPER_LABELS, HELPERS, helperFormula, periodTables, trendName, txFormats, type TxColumn } from "./periodSheet";
import { RFM_SEGMENT_RULES, type Span } from "../core/rfmScores";
import { label as tableLabel, RFM_SEGMENTS, segmentNames } from "../i18n/labels";
import { reportLabels, type ReportLabel } from "../i18n/reportLabels";
import { fillTemplate, type Locale, type Localized } from "../i18n/locale";
import { CHECK_FORMAT, guarded, inputCheckFormula, type CheckedColumn, type InputRule } from "./inputChecks";
import { linkedAddress, linkedReference, type DataSource, type LinkedRange, type PickKind } from "./dataSource";
import { dashedWhileMissing, missingData, missingDataNote, type MissingData } from "./missingData";
import { sampleChannels, sampleCustomers, sampleFigures, sampleSurvey, type CellValue, type EngagementInput, type TransactionInput } from "./sampleData";
import { COUNT_FORMAT, currencyFormat, DATE_FORMAT, MONTH_FORMAT, PERCENT_FORMAT, TEXT_RESULT, WHOLE_FORMAT, widthFor, type CellSpec, type ChartSpec, type NameSpec, type PrintSpec, type ReportSpec, type SheetRole, type SheetSpec, type TableSpec, type TrafficLightSpec, qualifyNames, sheetQualifier } from "./sheetSpec";

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
 * customer bridge for the customers at the start and lapsed.
 */
export function dataNeeded(sections: ReportSections, fromQueries = false): PickKind[] {
  return [
    ...(sections.rfm ? [fromQueries ? "customerSummary" as const : "transactions" as const] : []),
    ...(sections.trend && !sections.rfm && !fromQueries ? ["transactions" as const] : []),
    ...(fromQueries && sections.dimensions ? ["periodTable" as const] : []),
    ...(sections.dimensions || sections.satisfaction ? ["survey" as const] : []),
    "costs",
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

// 100 customers over 37 months: a 13-month trend, the year before it (its 同比), and a year before that, so every month of the tables has customers at its start.
const SAMPLE_CUSTOMERS = sampleCustomers(20_241, 100, 1130);

const SAMPLE_FIGURES = sampleFigures(SAMPLE_CUSTOMERS.transactions);
const SAMPLE_SURVEY = sampleSurvey(20_242, 24, 12);

/**
 * A small, realistic demo: what the sheet holds until the user types in their own figures. Every
 * typed figure comes from the sample transactions (sampleFigures, sampleChannels), so inputs and
 * tables agree: each month's channel rows add up to the customers first buying in it, and the
 * conversion is the last month's new customers of 40 prospects each.
 */
export const SAMPLE_INPUTS: ReportInputs = {
  // Acquisition by channel and month over the last 25 months (a 13-month trend and the year before it).
  channels: sampleChannels(SAMPLE_CUSTOMERS.transactions, 25).map(({ channel, monthsBeforeEnd, spend, newCustomers }) => ({
    name: channel === "search" ? { "en-US": "Search ads", "zh-CN": "搜索广告" } : { "en-US": "Social media", "zh-CN": "社交媒体" }, spend, newCustomers, monthsBeforeEnd,
  })),
  customersStart: SAMPLE_FIGURES.customersStart,
  customersLost: SAMPLE_FIGURES.customersLost,
  averageOrderValue: SAMPLE_FIGURES.averageOrderValue,
  purchasesPerYear: SAMPLE_FIGURES.purchasesPerYear,
  lifespanYears: 3,
  grossMargin: 0.4,
  monthlyRevenuePerCustomer: SAMPLE_FIGURES.monthlyRevenuePerCustomer,
  prospects: 40 * SAMPLE_FIGURES.newCustomers,
  converted: SAMPLE_FIGURES.newCustomers,
  revenue: SAMPLE_FIGURES.revenue,
  orders: SAMPLE_FIGURES.orders,
  buyingCustomers: SAMPLE_FIGURES.buyingCustomers,
  repeatCustomers: SAMPLE_FIGURES.repeatCustomers,
  // The last month's 40 respondents: 18 promoters, 12 passives, 10 detractors (NPS 20); 29 of 40 answer
  // 4 or 5 (CSAT 72.5 %); CSI mean 7.3 on the 1–10 scale, (7.3 − 1) / 9 × 100 = 70. Then 12 a month
  // over the 24 months before, dated, with fewer promoters the further back (sampleSurvey).
  npsAnswers: [10, 9, 8, 7, 10, 6, 9, 8, 10, 3, 9, 7, 8, 10, 5, 9, 10, 7, 2, 9, 8, 10, 6, 9, 4, 10, 8, 7, 9, 0, 10, 8, 6, 9, 7, 5, 10, 8, 6, 9, ...SAMPLE_SURVEY.nps],
  csatAnswers: [5, 4, 4, 3, 5, 2, 5, 4, 5, 1, 4, 4, 4, 5, 3, 5, 5, 4, 2, 5, 4, 5, 3, 4, 2, 5, 4, 4, 5, 1, 5, 4, 3, 5, 4, 3, 5, 4, 3, 5, ...SAMPLE_SURVEY.csat],
  csiAnswers: [8, 8, 8, 6, 8, 4, 9, 8, 10, 2, 8, 7, 8, 8, 5, 9, 10, 7, 3, 9, 8, 10, 6, 8, 4, 10, 8, 7, 9, 1, 9, 8, 6, 9, 7, 5, 10, 8, 6, 8, ...SAMPLE_SURVEY.csi],
  surveyDaysBeforeEnd: [...Array.from({ length: 40 }, (_, i) => i % 28), ...SAMPLE_SURVEY.daysBeforeEnd],
  transactions: SAMPLE_CUSTOMERS.transactions,
  engagement: SAMPLE_CUSTOMERS.engagement,
};

/** The named input cells of the report (A:B): label, name, the input it holds, and its format. */
export const SCALAR_INPUTS = [
  ["customersStart", "Customers_Start", "customersStart", "count"],
  ["customersLost", "Customers_Lost", "customersLost", "count"],
  ["averageOrderValue", "Avg_Order_Value", "averageOrderValue", "money"],
  ["purchasesPerYear", "Purchases_Per_Year", "purchasesPerYear", "decimal"],
  ["lifespanYears", "Lifespan_Years", "lifespanYears", "years"],
  ["grossMargin", "Gross_Margin", "grossMargin", "percent"],
  ["monthlyRevenue", "Monthly_Revenue", "monthlyRevenuePerCustomer", "money"],
  ["prospects", "Prospects", "prospects", "count"],
  ["converted", "Converted", "converted", "count"],
  ["revenue", "Revenue", "revenue", "money"],
  ["orders", "Orders", "orders", "count"],
  ["buyingCustomers", "Buying_Customers", "buyingCustomers", "count"],
  ["repeatCustomers", "Repeat_Customers", "repeatCustomers", "count"],
] as const satisfies readonly (readonly [ReportLabel, string, ScalarInput, string])[];

/** The inputs that are one number each. */
export type ScalarInput = Exclude<keyof ReportInputs, "channels" | "npsAnswers" | "csatAnswers" | "csiAnswers" | "surveyDates" | "surveyDaysBeforeEnd" | "transactions" | "engagement">;

/** The inputs of a report on the user's own data: every typed-in input left empty for the user to fill. */
export const EMPTY_INPUTS: ReportInputs = {
  ...(Object.fromEntries(SCALAR_INPUTS.map(([, , key]) => [key, ""])) as Record<ScalarInput, CellValue>),
  channels: [], npsAnswers: [], csatAnswers: [], csiAnswers: [], transactions: [], engagement: [],
};

export const DEFAULT_TARGETS: ReportTargets = { ltvCac: 3, churn: 0.05, nps: 30, csat: 0.8, engagement: 50, paybackMonths: 12 };

/**
 * The demo's targets: the defaults, and a plan for the month's figures that the sample meets in part
 * (active customers, revenue and repeat buyers on plan; new customers, AOV and NRR short of it), so
 * the dashboard shows green and red as a real month does.
 */
export const SAMPLE_TARGETS: ReportTargets = {
  ...DEFAULT_TARGETS, customersEnd: 25, newCustomers: 4, revenue: 4_000, averageOrderValue: 250, repeatBuyerShare: 0.25, netRevenueRetention: 0.5,
};



/** The scalar inputs that come from the transactions when the report has its trend (the period tables give them). */
const FROM_TRANSACTIONS: ReadonlySet<string> = new Set(["Customers_Start", "Customers_Lost", "Revenue", "Orders", "Buying_Customers", "Repeat_Customers", "Avg_Order_Value"]);

/** With the trend, the inputs that are the report period's row of the workings' value per period (the last row). */
const FROM_VALUE_TABLE: Readonly<Partial<Record<string, string>>> = { Purchases_Per_Year: "Trend_Purchases_Per_Year", Monthly_Revenue: "Trend_Monthly_Revenue" };

/**
 * The report period's figures on the dashboard: label, the period table's column, its format, and
 * the sheet-scoped names of its cell (the inputs' old names too, so the KPI formulas read them).
 */
const PERIOD_FIGURES: readonly (readonly [ReportLabel, string, "count" | "money" | "percent", readonly string[], TrafficLightSpec["direction"]?])[] = [
  ["customersStart", "customersStart", "count", ["Customers_Start"]],
  ["newCustomersPeriod", "newCustomers", "count", ["New_Customers"], "atLeast"],
  ["reactivatedCustomers", "reactivated", "count", ["Reactivated_Customers"]],
  ["lapsedCustomers", "lapsed", "count", ["Lapsed_Customers", "Customers_Lost"]],
  ["customersEnd", "customersEnd", "count", ["Customers_End"], "atLeast"],
  ["churnRatePeriod", "churnRate", "percent", ["Period_Churn_Rate"], "atMost"],
  ["revenue", "revenue", "money", ["Revenue"], "atLeast"],
  ["orders", "orders", "count", ["Orders"]],
  ["averageOrderValuePeriod", "averageOrderValue", "money", ["Average_Order_Value", "Avg_Order_Value"], "atLeast"],
  ["repeatBuyerShare", "repeatBuyerShare", "percent", ["Repeat_Buyer_Share"], "atLeast"],
  ["netRevenueRetention", "netRevenueRetention", "percent", ["Net_Revenue_Retention"], "atLeast"],
];

/** The revenue bridge of the report period on the dashboard: each step's label and the period table's column. */
const REVENUE_BRIDGE_STEPS: readonly (readonly [ReportLabel, string])[] = [
  ["bridgePrevious", "previousRevenue"], ["bridgeNew", "newRevenue"], ["bridgeReturning", "returningRevenue"],
  ["bridgeExpansion", "expansion"], ["bridgeContraction", "contraction"], ["bridgeLost", "lostRevenue"], ["bridgeRevenue", "periodRevenue"],
];

/** How many customers the early-warning table lists, and its column: G, beside the RFM table, under its chart. */
const EARLY_WARNING_ROWS = 10;
const EARLY_WARNING_COLUMN = 6;

/** A text as a formula writes it, quotes doubled. */
const quote = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/** The columns the period tables take on the workings sheet: the period and at most 8 figures. */
const PERIOD_TABLE_COLUMNS = 9;

/** What a change shows when it has no value: a dash, not an error cell on the page a manager reads. */
const NO_CHANGE = "–";

/**
 * A relative change (环比, 同比), signed; a change of a rate in percentage points. The fourth section
 * puts a dash (text) at the right of its cell, under the figures, by filling with spaces before it.
 */
const CHANGE_FORMAT = "+0.0%;-0.0%;0.0%;* @";
/** A score's change (NPS), in points. */
const SCORE_CHANGE_FORMAT = "+0.0;-0.0;0.0;* @";
/** A one-section number format with a dash (text) at the right of its cell, as a change's. */
const dashAtRight = (format: string): string => `${format};-${format};${format};* @`;
const POINTS_FORMAT = '+0.0" pp";-0.0" pp";0.0" pp";* @';

/** How a change is told: relative (counts, money), in percentage points (a rate), in points (a score such as NPS). */
type ChangeKind = "relative" | "rate" | "score";

/**
 * A figure's change on an earlier one (环比 or 同比), with no address yet; a dash where it has no
 * value (the figure was 0 or had no value then), or where there is no earlier figure (`before` unset).
 */
const changeCell = (value: string, before: string | undefined, kind: ChangeKind = "relative"): CellSpec => {
  if (before === undefined) return { address: "", formula: `="${NO_CHANGE}"`, numberFormat: CHANGE_FORMAT };
  const change = { relative: `${value}/${before}-1`, rate: `100*(${value}-${before})`, score: `${value}-${before}` }[kind];
  return { address: "", formula: `=IFERROR(${change},"${NO_CHANGE}")`, numberFormat: { relative: CHANGE_FORMAT, rate: POINTS_FORMAT, score: SCORE_CHANGE_FORMAT }[kind] };
};

/** A column's figure `periods` before its last row (the report period's): INDEX(Trend_Revenue,ROWS(Trend_Revenue)-1). */
const periodsBack = (column: string, periods: number): string => `INDEX(${column},ROWS(${column})-${periods})`;

/**
 * The typed-in targets on the dashboard: the KPI they stand beside, the sheet-scoped name of their
 * cell (refresh reads it back), and the target it sets.
 */
const TARGET_CELLS: readonly (readonly [ReportLabel, string, keyof ReportTargets])[] = [
  ["churn", "Target_Churn", "churn"], ["csat", "Target_CSAT", "csat"], ["engagement", "Target_Engagement", "engagement"],
  ["ltvCac", "Target_LTV_CAC", "ltvCac"], ["payback", "Target_Payback_Months", "paybackMonths"], ["nps", "Target_NPS", "nps"],
  // The report period's figures (with the trend); its churn rate is the KPI's churn, one target typed once.
  ["churnRatePeriod", "Target_Churn", "churn"], ["customersEnd", "Target_Customers_End", "customersEnd"], ["newCustomersPeriod", "Target_New_Customers", "newCustomers"],
  ["revenue", "Target_Revenue", "revenue"], ["averageOrderValuePeriod", "Target_Average_Order_Value", "averageOrderValue"],
  ["repeatBuyerShare", "Target_Repeat_Buyer_Share", "repeatBuyerShare"], ["netRevenueRetention", "Target_Net_Revenue_Retention", "netRevenueRetention"],
];
const TARGET_NAMES: Readonly<Partial<Record<ReportLabel, string>>> = Object.fromEntries(TARGET_CELLS.map(([label, name]) => [label, name]));
/** Which of ReportTargets each named target cell sets. */
export const TARGET_KEYS: Readonly<Record<string, keyof ReportTargets>> = Object.fromEntries(TARGET_CELLS.map(([, name, key]) => [name, key]));

/** A metric row: label, the CX formula, the built-in formula computing the same, format, target. */
interface KpiRow {
  readonly label: ReportLabel;
  readonly cx: string;
  readonly portable: string;
  /** The workings' column of this figure per period, for its 环比 and 同比, and how they are told; unset: a dash. */
  readonly trendColumn?: { readonly name: string; readonly change?: ChangeKind };
  readonly format: "currency" | "percent" | "ratio" | "months" | "score";
  /** A target typed in (an input cell) or derived from other cells by a built-in formula. */
  readonly target?: { readonly value?: number; readonly formula?: string; readonly direction: TrafficLightSpec["direction"]; readonly needs?: readonly MissingData[] };
  /** The data the figure is computed from beyond the transactions: while the report was given none of it, the figure shows a dash. */
  readonly needs?: readonly MissingData[];
}

/**
 * The sheet-scoped names of the report's figures, so that other sheets can build on them
 * (='Customer Metrics'!Churn_Rate): one per KPI row, by its label.
 */
export const FIGURE_NAMES: Readonly<Partial<Record<ReportLabel, string>>> = {
  cac: "Acquisition_Cost", clv: "Lifetime_Value", churn: "Churn_Rate", csat: "CSAT_Score", engagement: "Engagement_Score",
  ltvCac: "LTV_To_CAC", payback: "Payback_Months", nps: "Net_Promoter_Score", npsMargin: "NPS_Margin_Of_Error", csi: "Satisfaction_Index",
};

/** A column of an input table: its header, the name its body gets, and each row's content. */
interface TableColumn {
  readonly header: string;
  readonly name?: string;
  readonly width: number;
  readonly format?: string;
  readonly style: CellSpec["style"];
  /** The cell of body row i (0-based): a value, a formula (`at(j)` is column j's cell on that row), or nothing. */
  readonly content: (i: number, at: (j: number) => string) => { value?: string | number; formula?: string } | undefined;
}

/** A checked column of an input table: its name, its header, and what it must hold (inputChecks). */
type InputColumn = readonly [name: string, header: ReportLabel, rule: InputRule];
/** The survey table's answer and date columns, in the order of the table and of a linked survey's columns. */
const SURVEY_COLUMNS: readonly InputColumn[] = [
  ["Survey_NPS", "npsAnswer", { kind: "scale", from: 0, to: 10 }], ["Survey_CSAT", "csatAnswer", { kind: "scale", from: 1, to: 5 }],
  ["Survey_CSI", "csiAnswer", { kind: "between", from: 1, to: 10 }], ["Survey_Date", "surveyDate", { kind: "date" }],
];
/** The channel table's figure and month columns (after the channel's name, in a linked cost table). */
const CHANNEL_COLUMNS: readonly InputColumn[] = [["Channel_Spend", "spend", { kind: "amount" }], ["Channel_New_Customers", "newCustomers", { kind: "amount" }], ["Channel_Month", "channelMonth", { kind: "date" }]];

/** A text set off by two spaces from the figure at the right edge of the cell before it (a text format). */
const SET_OFF_TEXT = '"  "@';

/** Where the tables of the data and workings sheets start: heading row, header row, and the first column (data: D, right of the scalar inputs; workings: A). */
const TABLE_HEADING_ROW = 3;
const TABLE_HEADER_ROW = 4;
const TABLE_FIRST_COLUMN: Readonly<Record<Exclude<SheetRole, "dashboard">, number>> = { data: 3, workings: 0 };
/** Charts sit beside the report block (A:E) of the dashboard, in G:M, four at most. */
const CHART_SLOTS = [["G6", "M20"], ["G22", "M36"], ["G38", "M52"]] as const;
/** How many rows a chart takes. */
const CHART_ROWS = 15;
const CHART_RIGHT_COLUMN = "M";

/** What a report's sheet holds while it is built. */
interface SheetParts {
  readonly cells: CellSpec[];
  readonly names: NameSpec[];
  readonly tables: TableSpec[];
  readonly widths: (number | undefined)[];
  nextColumn: number;
}

const newParts = (widths: (number | undefined)[], nextColumn: number): SheetParts => ({ cells: [], names: [], tables: [], widths, nextColumn });

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

/** PERCENTILE.INC's quintile cut points, as an array constant for built-in formulas. */
const QUINTILES = "{0.2,0.4,0.6,0.8}";

/** A grey working column of an input table: each row's formula from the row's cells (`at(j)`), with its number format. */
function workingColumn(header: string, name: string | undefined, formula: (at: (j: number) => string) => string, format: string): TableColumn {
  return { header, width: 80, style: "helper", format, ...(name === undefined ? {} : { name }), content: (_i, at) => ({ formula: formula(at) }) };
}

/** The nested IF giving a segment number's name from R, F, M score cells, written from the core's rule table. */
function segmentFormula(r: string, f: string, m: string, locale: Locale): string {
  const span = (cell: string, [low, high]: Span): string[] =>
    low === high ? [`${cell}=${low}`] : [...(low > 1 ? [`${cell}>=${low}`] : []), ...(high < 5 ? [`${cell}<=${high}`] : [])];
  let formula = quote(segmentNames.Others[locale]);
  for (const [segment, rs, fs, ms] of [...RFM_SEGMENT_RULES].reverse()) {
    const tests = [...span(r, rs), ...span(f, fs), ...span(m, ms)];
    const condition = tests.length === 1 ? tests[0] : `AND(${tests.join(",")})`;
    formula = `IF(${condition},${quote(segmentNames[segment][locale])},${formula})`;
  }
  return formula;
}

/**
 * The customer-metrics report sheet as data (DESIGN.md "Report template"): the title block, named
 * inputs and input tables (survey answers, channels, transactions, engagement), the five dimensions
 * with LTV:CAC and payback, NPS / CSI with the NPS breakdown, the lifecycle table, the RFM segment
 * summary, charts and traffic lights. Both formula modes compute the same numbers for valid inputs,
 * the portable one with built-in functions only (a zero denominator becomes #N/A, as CX's errors
 * do; out-of-scale answers are refused only by CX).
 */
export function buildReport(options: ReportOptions): ReportSpec {
  const sections = options.sections ?? ALL_SECTIONS;
  const cx = options.formulaMode === "cx";
  const t = (key: ReportLabel): string => reportLabels[key][options.locale];
  const money = currencyFormat(options.currency);
  const formats = { currency: money, percent: PERCENT_FORMAT, ratio: "0.00\"x\"", months: "0.0", score: "0.0" };
  const sheetNames = reportSheetNames(options.periodStart, options.periodEnd, options.locale);
  const parts: Record<SheetRole, SheetParts> = {
    dashboard: newParts([260, 120, 110, 110, 110], 0),
    data: newParts([220, 110, 24], TABLE_FIRST_COLUMN.data),
    workings: newParts([], TABLE_FIRST_COLUMN.workings),
  };
  // The dashboard's own cells, names and widths, as the sections below fill them.
  const { cells, names } = parts.dashboard;
  const trafficLights: TrafficLightSpec[] = [];
  const charts: ChartSpec[] = [];
  const put = (cell: CellSpec): void => void cells.push(cell);
  const putOn = (role: SheetRole, cell: CellSpec): void => void parts[role].cells.push(cell);
  putOn("data", { address: "A1", value: `${options.title}: ${t("dataSheetTitle")}`, style: "title" });
  putOn("workings", { address: "A1", value: `${options.title}: ${t("workingsSheetTitle")}`, style: "title" });

  put({ address: "A1", value: options.title, style: "title" });
  put({ address: "A2", value: t("period"), style: "label" });
  put({ address: "B2", value: options.periodStart, numberFormat: DATE_FORMAT });
  put({ address: "C2", value: options.periodEnd, numberFormat: DATE_FORMAT });
  names.push({ name: "Period_Start", range: "B2" }, { name: "Period_End", range: "C2" });
  put({ address: "A3", value: t("currency"), style: "label" });
  put({ address: "B3", value: options.currency });
  put({ address: "A4", value: t("generatedOn"), style: "label" });
  put({ address: "B4", value: options.generatedOn, numberFormat: DATE_FORMAT });

  // Input tables on the data sheet, the transaction and summary tables with their working columns
  // on the workings sheet, side by side; each is an Excel table whose columns are named ranges.
  const addTable = (role: Exclude<SheetRole, "dashboard">, tableName: string, heading: string, rows: number, columns: readonly TableColumn[]): { first: number; last: number; column: (header: number) => string } => {
    const sheet = parts[role];
    const put = (cell: CellSpec): void => void sheet.cells.push(cell);
    const left = sheet.nextColumn;
    const first = TABLE_HEADER_ROW + 1;
    const last = TABLE_HEADER_ROW + Math.max(rows, 1);
    put({ address: `${columnName(left)}${TABLE_HEADING_ROW}`, value: heading, style: "heading" });
    columns.forEach((column, j) => {
      const letters = columnName(left + j);
      sheet.widths[left + j] = widthFor(column.header, column.width);
      put({ address: `${letters}${TABLE_HEADER_ROW}`, value: column.header, style: "label" });
      for (let i = 0; i < rows; i++) {
        const content = column.content(i, (k) => `${columnName(left + k)}${first + i}`);
        if (content === undefined) continue;
        put({
          address: `${letters}${first + i}`, ...content,
          ...(column.format === undefined ? {} : { numberFormat: column.format }),
          ...(column.style === undefined ? {} : { style: column.style }),
        });
      }
      // An empty table still shows, marked, the row where the user's data goes.
      if (rows === 0 && column.style === "input") put({ address: `${letters}${first}`, value: "", style: "input" });
      if (column.name !== undefined) sheet.names.push({ name: column.name, range: `${letters}${first}:${letters}${last}` });
    });
    sheet.tables.push({ name: tableName, range: `${columnName(left)}${TABLE_HEADER_ROW}:${columnName(left + columns.length - 1)}${last}` });
    sheet.nextColumn = left + columns.length + 1;
    return { first, last, column: (j) => columnName(left + j) };
  };
  /** A table's check (inputChecks): in row 2 of the data sheet over the table's first column (A for a linked survey), named. */
  const addInputCheck = (column: string, name: string, checked: readonly CheckedColumn[]): void => {
    putOn("data", { address: `${column}2`, formula: inputCheckFormula(checked, options.locale), numberFormat: CHECK_FORMAT });
    parts.data.names.push({ name, range: `${column}2` });
  };
  /**
   * The columns a check reads, with their headers and rules: the report's named columns, or a linked
   * table's j-th column on the user's sheet.
   */
  const checkedColumns = (columns: readonly InputColumn[], linked?: LinkedRange, offset = 0): CheckedColumn[] =>
    columns.map(([name, header, rule], j) => ({ header: t(header), rule, ...(linked === undefined ? { name } : { name: linkedReference(linked, j + offset), sheet: linked.sheet }) }));
  const input = (value: (i: number) => string | number | undefined) => (i: number) => {
    const v = value(i);
    return v === undefined ? undefined : { value: v };
  };

  const { inputs } = options;
  const source = options.source ?? {};
  const missing = missingData(inputs, source);
  // The user's own data ("my data"): listed under the title, and read through links, not copied.
  const fromQueries = source.customerSummary !== undefined || source.periodTable !== undefined;
  (fromQueries ? (["customerSummary", "periodTable", "survey", "costs"] as const) : (["transactions", "survey", "costs"] as const)).forEach((kind, i) => {
    const range = source[kind];
    if (range === undefined) return;
    put({ address: `D${2 + i}`, value: t(`linked_${kind}`), style: "label" });
    put({ address: `E${2 + i}`, value: linkedAddress(range) });
  });
  // The definitions note: where the figures come from when a database counted them.
  if (fromQueries) put({ address: "A5", value: t("fromQueriesNote") });
  /** A cell of a mirrored (linked) table: a live reference to the user's cell. */
  const link = (range: LinkedRange, j: number) => (i: number) => ({ formula: `=${linkedReference(range, j, i)}` });
  const needed = dataNeeded(sections, fromQueries);
  // The trend: the report period's kind of period, the report period the last of `trendCount`.
  const kind = reportPeriodKind(options.periodStart, options.periodEnd);
  const trend = sections.trend && needed.includes("transactions");
  const trendCount = Math.max(1, Math.min(120, Math.floor(options.trendPeriods ?? DEFAULT_TREND_PERIODS)));
  // The period tables hold a year more than the trend shows, so every period of the trend has its 同比.
  const yearBack = PERIODS_PER_YEAR[kind];
  const tableCount = trendCount + yearBack;
  const trendFrom = firstDayOf(periodIndex(options.periodEnd, kind) - tableCount + 1, kind);
  const needSurvey = needed.includes("survey");
  // The report's own survey table has a date column; a linked one may have it as a fourth column (its
  // answers then count by date too), else they all count for the report period.
  const datedSurvey = needSurvey && (source.survey === undefined || source.survey.columns > 3);
  if (needSurvey && source.survey !== undefined) {
    const survey = source.survey;
    const linkedColumns = SURVEY_COLUMNS.slice(0, survey.columns);
    linkedColumns.forEach(([name], j) => parts.data.names.push({ name, range: linkedReference(survey, j), external: true }));
    // The user's answers were checked when picked; the check keeps watch as they change.
    addInputCheck("A", "Survey_Check", checkedColumns(linkedColumns, survey));
  } else if (needSurvey) {
    const survey = addTable("data", "CX_Survey", t("survey"), Math.max(inputs.npsAnswers.length, inputs.csatAnswers.length, inputs.csiAnswers.length), [
      { header: t("npsAnswer"), name: "Survey_NPS", width: 100, format: WHOLE_FORMAT, style: "input", content: input((i) => inputs.npsAnswers[i]) },
      { header: t("csatAnswer"), name: "Survey_CSAT", width: 100, format: WHOLE_FORMAT, style: "input", content: input((i) => inputs.csatAnswers[i]) },
      { header: t("csiAnswer"), name: "Survey_CSI", width: 100, format: "0.0", style: "input", content: input((i) => inputs.csiAnswers[i]) },
      {
        header: t("surveyDate"), name: "Survey_Date", width: 90, format: DATE_FORMAT, style: "input",
        content: input((i) => inputs.surveyDates?.[i] ?? (inputs.surveyDaysBeforeEnd?.[i] === undefined ? undefined : options.periodEnd - (inputs.surveyDaysBeforeEnd[i] as number))),
      },
    ]);
    addInputCheck(survey.column(0), "Survey_Check", checkedColumns(SURVEY_COLUMNS));
  }
  // The checks of the survey and channel tables, which the figures read from them heed.
  const surveyCheck = needSurvey ? "Survey_Check" : undefined;
  const channelCheck = "Channel_Check";
  // The channel table is always there: the spend and new-customer totals of the inputs are its sums.
  const costs = source.costs;
  // A row's month as the table holds it: typed, or counted back from the report period's end month.
  const monthOf = (channel: ChannelInput | undefined): CellValue | undefined =>
    channel?.month ?? (channel?.monthsBeforeEnd === undefined ? undefined : firstDayOf(periodIndex(options.periodEnd, "month") - channel.monthsBeforeEnd, "month"));
  const channels = addTable("data", "CX_Channels", costs === undefined ? t("channels") : `${t("channelsLinked")} ${linkedAddress(costs)}`, costs?.rows ?? inputs.channels.length, [
    { header: t("channel"), width: 120, ...(costs === undefined ? { style: "input" as const } : { style: "helper" as const, format: TEXT_RESULT }), content: costs === undefined ? input((i) => inputs.channels[i]?.name[options.locale]) : link(costs, 0) },
    {
      header: t("cacShort"), width: 100, format: money, style: "kpi",
      content: (_i, at) => ({ formula: cx ? `=CX.CAC(${at(2)},${at(3)})` : `=IF(${at(3)}=0,NA(),${at(2)}/${at(3)})` }),
    },
    { header: t("spend"), name: "Channel_Spend", width: 110, format: money, style: costs === undefined ? "input" : "helper", content: costs === undefined ? input((i) => inputs.channels[i]?.spend) : link(costs, 1) },
    { header: t("newCustomers"), name: "Channel_New_Customers", width: 100, format: COUNT_FORMAT, style: costs === undefined ? "input" : "helper", content: costs === undefined ? input((i) => inputs.channels[i]?.newCustomers) : link(costs, 2) },
    // The month of each row: typed in the report's own table, mirrored from a linked table's fourth
    // column (without it, a linked table counts for the report period as a whole).
    ...(costs === undefined ? [{ header: t("channelMonth"), name: "Channel_Month", width: 80, format: MONTH_FORMAT, style: "input" as const, content: input((i) => monthOf(inputs.channels[i])) }]
      : costs.columns > 3 ? [{
        header: t("channelMonth"), name: "Channel_Month", width: 80, format: MONTH_FORMAT, style: "helper" as const,
        // a blank month stays blank (a plain reference would make it 0, a month before every period)
        content: (i: number) => ({ formula: `=IF(ISBLANK(${linkedReference(costs, 3, i)}),"",${linkedReference(costs, 3, i)})` }),
      }] : []),
  ]);
  // Whether the channel rows have months: the report period's spend is then the rows of its months.
  const channelMonths = costs === undefined || costs.columns > 3;
  // The channel table's check: of the typed rows, or of the user's linked cells (not their mirror, so
  // the message names the user's cell).
  addInputCheck(channels.column(0), "Channel_Check", costs === undefined ? checkedColumns(CHANNEL_COLUMNS) : checkedColumns(CHANNEL_COLUMNS.slice(0, costs.columns - 1), costs, 1));
  if (trend) {
    // The period tables first on the workings sheet (A:I), the transaction table to their right: the
    // tables then stand in the same cells in both formula modes, whose transaction tables differ in width.
    const below = periodTables({
      formulaMode: options.formulaMode, locale: options.locale, currency: options.currency, period: kind, from: trendFrom, to: options.periodEnd,
      lapse: "Lapse_Days", tableFrom: "Trend_From", tableTo: "Trend_To", left: 0, top: TABLE_HEADING_ROW,
    }, (cell) => putOn("workings", cell), parts.workings.names, parts.workings.widths);
    parts.workings.nextColumn = PERIOD_TABLE_COLUMNS + 1;
    const belowValue = addValueTable(below + 1);
    const belowAcquisition = channelMonths && sections.dimensions ? addAcquisitionTable(belowValue + 1) : belowValue;
    if (datedSurvey && sections.satisfaction) addSatisfactionTable(belowAcquisition + 1);
  }

  /** The range a name of the workings stands for (a period table's column: 'Trend_Revenue' → "G5:G29"). */
  function workingsRange(name: string): RangeAddress {
    return parseRange(parts.workings.names.find((each) => each.name === name)?.range as string) as RangeAddress;
  }
  /** The workings' cell of the label of the period tables' i-th period (1: the first). */
  function periodLabelCell(i: number): string {
    return `A${workingsRange(trendName("firstDay")).top + i}`;
  }
  /** COUNTIFS/SUMIFS criteria keeping the rows whose `dates` fall in the period tables' i-th period. */
  function datedIn(dates: string, i: number): string {
    return `${dates},">="&INDEX(${trendName("firstDay")},${i}),${dates},"<="&INDEX(${trendName("lastDay")},${i})`;
  }

  /**
   * A table of figures per period under the period tables (A:…), one row for each of their periods:
   * a heading, the period's label and each named column's formula for the period's row i (sheet row r).
   * @returns the first row below it
   */
  function addPerPeriodTable(top: number, heading: string, columns: readonly (readonly [header: string, name: string, format: string])[], formulas: (i: number, r: number) => readonly string[]): number {
    putOn("workings", { address: `A${top}`, value: heading, style: "heading" });
    const header = top + 1;
    putOn("workings", { address: `A${header}`, value: t("trendPeriod"), style: "label" });
    columns.forEach(([text, name], k) => {
      const column = columnName(k + 1);
      putOn("workings", { address: `${column}${header}`, value: text, style: "numberHeader" });
      parts.workings.names.push({ name, range: `${column}${header + 1}:${column}${header + tableCount}` });
    });
    for (let i = 1; i <= tableCount; i++) {
      const r = header + i;
      putOn("workings", { address: `A${r}`, formula: `=${periodLabelCell(i)}`, numberFormat: TEXT_RESULT });
      formulas(i, r).forEach((formula, k) => putOn("workings", { address: `${columnName(k + 1)}${r}`, formula, numberFormat: columns[k]?.[2] as string }));
    }
    return header + tableCount + 1;
  }

  // Satisfaction per period: each period's dated answers, its NPS and CSAT (undated answers count for
  // the report period only); the NPS and CSAT cards' 环比 and 同比 read it.
  function addSatisfactionTable(top: number): void {
    const columns = [[t("surveyAnswers"), "Trend_Survey_Answers", COUNT_FORMAT], ["NPS", "Trend_NPS", "0.0"], ["CSAT", "Trend_CSAT", PERCENT_FORMAT]] as const;
    addPerPeriodTable(top, t("satisfactionTable"), columns.map(([text, name, format]) => [text, name, dashAtRight(format)] as const), (i, r) => {
      const dated = datedIn("Survey_Date", i);
      const csatAnswers = `COUNTIFS(Survey_CSAT,">=0",${dated})`;
      // The answers' count is #N/A while the survey's check reports a bad cell, and so is the NPS beside it.
      return [
        guarded(surveyCheck, `=COUNTIFS(Survey_NPS,">=0",${dated})`),
        `=IF(B${r}=0,"${NO_CHANGE}",100*(COUNTIFS(Survey_NPS,">=9",${dated})-COUNTIFS(Survey_NPS,"<=6",${dated}))/B${r})`,
        guarded(surveyCheck, `=IF(${csatAnswers}=0,"${NO_CHANGE}",COUNTIFS(Survey_CSAT,">=4",${dated})/${csatAnswers})`),
      ];
    });
  }

  // Customer value per period, from the period tables: purchases per active customer (the active base at
  // the period's end) a year, revenue per active customer a month, and the CLV of DOMAIN.md §1 with the
  // period's AOV and purchases, the lifespan and margin typed in. The report period's row feeds the
  // CLV card (through Avg_Order_Value and Purchases_Per_Year) and CAC payback (Monthly_Revenue); the
  // other rows, their 环比 and 同比. A dash for a period without active customers.
  function addValueTable(top: number): number {
    const perYear = PERIODS_PER_YEAR[kind];
    const columns = [
      [t("purchasesPerYear"), "Trend_Purchases_Per_Year", "0.00"], [t("monthlyRevenue"), "Trend_Monthly_Revenue", money], [t("clv"), "Trend_CLV", money],
    ] as const;
    const at = (key: string, i: number): string => `INDEX(${trendName(key)},${i})`;
    return addPerPeriodTable(top, t("valueTable"), columns.map(([text, name, format]) => [text, name, dashAtRight(format)] as const), (i, r) => [
      `=IF(${at("customersEnd", i)}=0,"${NO_CHANGE}",${at("orders", i)}/${at("customersEnd", i)}*${perYear})`,
      `=IF(${at("customersEnd", i)}=0,"${NO_CHANGE}",${at("revenue", i)}/${at("customersEnd", i)}*${perYear}/12)`,
      `=IFERROR(${at("averageOrderValue", i)}*B${r}*Lifespan_Years*Gross_Margin,"${NO_CHANGE}")`,
    ]);
  }

  // Acquisition per period: each period's spend and new customers from the channel rows of its months,
  // its CAC, LTV:CAC and CAC payback; the CAC cards' 环比 and 同比 read it. The same built-in formulas
  // in both modes; a dash where a period has no spend or no new customers.
  function addAcquisitionTable(top: number): number {
    const columns = [
      [t("spend"), "Trend_Marketing_Spend", money], [t("newCustomers"), "Trend_Acquired_Customers", COUNT_FORMAT],
      [t("cacShort"), "Trend_CAC", money], [t("ltvCac"), "Trend_LTV_CAC", formats.ratio], [t("payback"), "Trend_Payback_Months", formats.months],
    ] as const;
    return addPerPeriodTable(top, t("acquisitionTable"), columns, (i, r) => [
      guarded(channelCheck, `=SUMIFS(Channel_Spend,${datedIn("Channel_Month", i)})`), guarded(channelCheck, `=SUMIFS(Channel_New_Customers,${datedIn("Channel_Month", i)})`),
      `=IF(OR(B${r}=0,C${r}=0),"${NO_CHANGE}",B${r}/C${r})`, `=IFERROR(INDEX(Trend_CLV,${i})/D${r},"${NO_CHANGE}")`, `=IFERROR(D${r}/(INDEX(Trend_Monthly_Revenue,${i})*Gross_Margin),"${NO_CHANGE}")`,
    ]);
  }
  if (needed.includes("transactions")) addTransactions();
  if (needed.includes("customerSummary")) addCustomerSummary();
  if (sections.dimensions) {
    addTable("data", "CX_Engagement", t("engagementTable"), inputs.engagement.length, [
      { header: t("customer"), width: 90, style: "input", content: input((i) => inputs.engagement[i]?.customer) },
      { header: t("visits"), name: "Engagement_Visits", width: 80, format: COUNT_FORMAT, style: "input", content: input((i) => inputs.engagement[i]?.visits) },
      { header: t("interactions"), name: "Engagement_Interactions", width: 80, format: COUNT_FORMAT, style: "input", content: input((i) => inputs.engagement[i]?.interactions) },
      { header: t("usageHours"), name: "Engagement_Usage", width: 90, format: "0.0", style: "input", content: input((i) => inputs.engagement[i]?.usageHours) },
    ]);
    const measures = parts.data.names.filter((name) => name.name.startsWith("Engagement_"));
    parts.data.names.push({ name: "Engagement_Measures", range: `${(measures[0] as NameSpec).range.split(":")[0]}:${(measures[2] as NameSpec).range.split(":")[1]}` });
  }

  // The transaction table; in portable mode with working columns that compute each customer's R, F,
  // M and segment on the customer's first row (DOMAIN.md §4 with built-in functions only).
  function addTransactions(): void {
    const linked = source.transactions;
    if (linked !== undefined && cx) {
      // CX reads the user's columns directly, however long.
      ["Tx_Customer", "Tx_Date", "Tx_Amount"].forEach((name, j) => parts.data.names.push({ name, range: linkedReference(linked, j), external: true }));
      return;
    }
    const first = TABLE_HEADER_ROW + 1;
    const left = parts.workings.nextColumn;
    const fromFirst = (j: number, at: (j: number) => string): string => `$${columnName(left + j)}$${first}:${at(j)}`;
    const inScope = (dates: string): string => `(INT(${dates})<=As_Of)`;
    const quintiles = QUINTILES;
    const helper = workingColumn;
    // Columns: 0 customer, 1 date, 2 amount; 3 first in-scope row of its customer (1/0), 4 recency,
    // 5 frequency, 6 monetary, 7–9 R F M, 10 segment; 4–10 only on a customer's first row, else "".
    const ifFirst = (at: (j: number) => string, formula: string): string => `=IF(${at(3)}=1,${formula},"")`;
    const workings: TableColumn[] = cx || !sections.rfm ? [] : [
      helper(t("firstRow"), undefined, (at) => `=IF(AND(ISNUMBER(${at(1)}),INT(${at(1)})<=As_Of,SUMPRODUCT((${fromFirst(0, at)}=${at(0)})*${inScope(fromFirst(1, at))})=1),1,0)`, WHOLE_FORMAT),
      helper(t("recencyDays"), "Tx_Recency", (at) => ifFirst(at, `As_Of-SUMPRODUCT(MAX((Tx_Customer=${at(0)})*${inScope("Tx_Date")}*INT(Tx_Date)))`), WHOLE_FORMAT),
      helper(t("frequency"), "Tx_Frequency", (at) => ifFirst(at, `SUMPRODUCT((Tx_Customer=${at(0)})*${inScope("Tx_Date")})`), WHOLE_FORMAT),
      helper(t("monetary"), "Tx_Monetary", (at) => ifFirst(at, `SUMPRODUCT((Tx_Customer=${at(0)})*${inScope("Tx_Date")}*Tx_Amount)`), money),
      helper("R", undefined, (at) => ifFirst(at, `1+SUMPRODUCT(--(${at(4)}<PERCENTILE.INC(Tx_Recency,${quintiles})))`), WHOLE_FORMAT),
      helper("F", undefined, (at) => ifFirst(at, `1+SUMPRODUCT(--(${at(5)}>PERCENTILE.INC(Tx_Frequency,${quintiles})))`), WHOLE_FORMAT),
      helper("M", undefined, (at) => ifFirst(at, `1+SUMPRODUCT(--(${at(6)}>PERCENTILE.INC(Tx_Monetary,${quintiles})))`), WHOLE_FORMAT),
      helper(t("segment"), "Tx_Segment", (at) => ifFirst(at, segmentFormula(at(7), at(8), at(9), options.locale)), TEXT_RESULT),
      // The early-warning ranking: a customer of Can't Lose Them or At Risk by monetary value, its row
      // added in billionths so that equal values rank apart (LARGE, then MATCH finds the row).
      helper(t("riskRank"), "Tx_Risk_Rank", (at) => `=IF(OR(${at(10)}=${quote(segmentNames["Can't Lose Them"][options.locale])},${at(10)}=${quote(segmentNames["At Risk"][options.locale])}),${at(6)}+ROW()/1E9,"")`, "0.00"),
    ];
    // Portable with the user's transactions: a mirror of their rows, live, beside the working columns.
    const style = linked === undefined ? "input" : "helper";
    addTable("workings", "CX_Transactions", linked === undefined ? t("transactions") : `${t("transactionsLinked")} ${linkedAddress(linked)}`, linked?.rows ?? inputs.transactions.length, [
      { header: t("customer"), name: "Tx_Customer", width: 90, style, ...(linked === undefined ? {} : { format: TEXT_RESULT }), content: linked === undefined ? input((i) => inputs.transactions[i]?.customer) : link(linked, 0) },
      { header: t("date"), name: "Tx_Date", width: 90, format: DATE_FORMAT, style, content: linked === undefined ? input((i) => { const tx = inputs.transactions[i]; return tx === undefined ? undefined : (tx.date ?? options.periodEnd - (tx.daysBeforeEnd ?? 0)); }) : link(linked, 1) },
      { header: t("amount"), name: "Tx_Amount", width: 90, format: money, style, content: linked === undefined ? input((i) => inputs.transactions[i]?.amount) : link(linked, 2) },
      ...workings,
      ...(cx || !trend ? [] : periodWorkings(3 + workings.length)),
    ]);
  }

  // The working columns the period tables read (DOMAIN.md §7 with built-in functions only), after
  // the table's first `offset` columns: each purchase's day, the customer's purchase before and
  // after it, its period, and its share of the period's figures.
  function periodWorkings(offset: number): TableColumn[] {
    const first = TABLE_HEADER_ROW + 1;
    const indexOf = (column: TxColumn): number => (column === "Tx_Customer" ? 0 : column === "Tx_Date" ? 1 : column === "Tx_Amount" ? 2 : offset + HELPERS.indexOf(column));
    const formats = txFormats(money);
    return HELPERS.map((helper) => workingColumn(t(HELPER_LABELS[helper]), helper, (at) => {
      const row = Number(at(0).replace(/^[A-Z]+/, ""));
      const letters = (column: TxColumn): string => at(indexOf(column)).replace(/\d+$/, "");
      return helperFormula(helper, kind, options.locale, (column) => at(indexOf(column)), (column) => `$${letters(column)}$${first}:${letters(column)}${row}`);
    }, formats[helper] ?? "General"));
  }

  // RFM from a database's per-customer summary (sql/customer_summary.sql): CX reads its columns
  // directly; portable mode mirrors days since the last purchase, orders and revenue beside working
  // columns that score each customer and name its segment (DOMAIN.md §4 with built-in functions only).
  function addCustomerSummary(): void {
    const summary = source.customerSummary as LinkedRange;
    const [days, orders, revenue] = [3, 4, 5].map((j) => linkedReference(summary, j));
    if (cx) {
      parts.data.names.push({ name: "Sum_Recency", range: days as string, external: true }, { name: "Sum_Orders", range: orders as string, external: true }, { name: "Sum_Revenue", range: revenue as string, external: true });
      return;
    }
    const quintiles = QUINTILES;
    const helper = workingColumn;
    addTable("workings", "CX_Customer_Summary", `${t("summaryLinked")} ${linkedAddress(summary)}`, summary.rows, [
      { header: t("customer"), width: 90, style: "helper", format: TEXT_RESULT, content: link(summary, 0) },
      { header: t("recencyDays"), name: "Sum_Recency", width: 80, style: "helper", format: WHOLE_FORMAT, content: link(summary, 3) },
      { header: t("frequency"), name: "Sum_Orders", width: 80, style: "helper", format: WHOLE_FORMAT, content: link(summary, 4) },
      { header: t("monetary"), name: "Sum_Revenue", width: 90, style: "helper", format: money, content: link(summary, 5) },
      helper("R", undefined, (at) => `=1+SUMPRODUCT(--(${at(1)}<PERCENTILE.INC(Sum_Recency,${quintiles})))`, WHOLE_FORMAT),
      helper("F", undefined, (at) => `=1+SUMPRODUCT(--(${at(2)}>PERCENTILE.INC(Sum_Orders,${quintiles})))`, WHOLE_FORMAT),
      helper("M", undefined, (at) => `=1+SUMPRODUCT(--(${at(3)}>PERCENTILE.INC(Sum_Revenue,${quintiles})))`, WHOLE_FORMAT),
      helper(t("segment"), "Sum_Segment", (at) => `=${segmentFormula(at(4), at(5), at(6), options.locale)}`, TEXT_RESULT),
    ]);
  }

  // Scalar inputs (A:B of the data sheet), each a named cell.
  const data = (cell: CellSpec): void => putOn("data", cell);
  data({ address: "A3", value: t("inputs"), style: "heading" });
  data({ address: "A4", value: t("marketingSpendTotal"), style: "label" });
  // The report period's spend and new customers: the channel rows of its months (and those without a month).
  const inPeriod = (name: string): string => guarded(channelCheck, channelMonths ? `=SUM(${name})-SUMIFS(${name},Channel_Month,"<"&Period_Start)-SUMIFS(${name},Channel_Month,">"&Period_End)` : `=SUM(${name})`);
  data({ address: "B4", formula: inPeriod("Channel_Spend"), numberFormat: money });
  data({ address: "A5", value: t("newCustomersTotal"), style: "label" });
  parts.data.widths[0] = Math.max(widthFor(t("marketingSpendTotal"), 0), widthFor(t("newCustomersTotal"), 0), widthFor(t("asOf"), 0), parts.data.widths[0] ?? 0);
  data({ address: "B5", formula: inPeriod("Channel_New_Customers"), numberFormat: COUNT_FORMAT });
  parts.data.names.push({ name: "Marketing_Spend", range: "B4" }, { name: "Acquired_Customers", range: "B5" });
  const scalarFormats: Record<(typeof SCALAR_INPUTS)[number][3], string> = { count: COUNT_FORMAT, money, decimal: "0.00", years: "0.0", percent: PERCENT_FORMAT };
  let row = 6;
  // From a database's customer bridge (sql/customer_bridge.sql): the customers active at the start
  // of the report period (its first period's row) and those lapsed in it (its periods' rows).
  const bridge = source.periodTable;
  const fromBridge: Partial<Record<string, string>> = bridge === undefined ? {} : {
    Customers_Start: `=INDEX(${linkedReference(bridge, 3)},MATCH(Period_Start,${linkedReference(bridge, 1)},0))`,
    Customers_Lost: `=SUMIFS(${linkedReference(bridge, 6)},${linkedReference(bridge, 1)},">="&Period_Start,${linkedReference(bridge, 2)},"<="&Period_End)`,
  };
  for (const [label, name, key, format] of SCALAR_INPUTS) {
    // With the trend, the customer figures are the report period's row of the period tables, on the dashboard.
    if (trend && FROM_TRANSACTIONS.has(name)) continue;
    data({ address: `A${row}`, value: t(label), style: "label" });
    parts.data.widths[0] = widthFor(t(label), parts.data.widths[0] ?? 0);
    const valueColumn = trend ? FROM_VALUE_TABLE[name] : undefined;
    const linkedFormula = valueColumn === undefined ? fromBridge[name] : `=${periodsBack(valueColumn, 0)}`;
    // (a figure of the workings is computed as the spend totals above are; a database's, shaded as a link)
    if (linkedFormula !== undefined) data({ address: `B${row}`, formula: linkedFormula, numberFormat: scalarFormats[format], ...(valueColumn === undefined ? { style: "helper" as const } : {}) });
    else data({ address: `B${row}`, value: inputs[key], numberFormat: scalarFormats[format], style: "input" });
    parts.data.names.push({ name, range: `B${row}` });
    row++;
  }
  if (sections.rfm) {
    // RFM is measured at the period end: purchases after it are left out, one on it has recency 0.
    data({ address: `A${row}`, value: t("asOf"), style: "label" });
    data({ address: `B${row}`, formula: "=Period_End", numberFormat: DATE_FORMAT });
    parts.data.names.push({ name: "As_Of", range: `B${row}` });
    row++;
  }
  if (trend) {
    // The lapse window is an input; the trend's first and last day follow the report period.
    const trendInputs: [ReportLabel, string, CellSpec][] = [
      ["lapseDays", "Lapse_Days", { address: "", value: inputs.lapseDays ?? defaultLapseDays(kind), numberFormat: COUNT_FORMAT, style: "input" }],
      ["trendFrom", "Trend_From", { address: "", value: trendFrom, numberFormat: DATE_FORMAT }],
      ["trendTo", "Trend_To", { address: "", formula: "=Period_End", numberFormat: DATE_FORMAT }],
    ];
    for (const [label, name, cell] of trendInputs) {
      data({ address: `A${row}`, value: t(label), style: "label" });
      data({ ...cell, address: `B${row}` });
      parts.data.names.push({ name, range: `B${row}` });
      row++;
    }
  }
  // The definitions note under the title block: what active, churn and the changes mean, with the
  // lapse window as typed on the data sheet, and where the figures come from.
  if (trend) {
    const [before, after = ""] = t("definitionsNote").split("{days}") as [string, string?];
    put({ address: "A5", formula: `="${before}"&Lapse_Days&"${after}"`, numberFormat: TEXT_RESULT });
    put({ address: "A6", value: missing.length === 0 ? t("sourcesNote") : `${t("sourcesNote")} · ${missingDataNote(missing, options.locale)}` });
  }
  // The dashboard's sections start under its title block.
  row = 7;
  // Where the report period's revenue bridge stands on the dashboard, for its chart.
  let bridgeRows: { first: number; last: number } | undefined;
  if (trend) addPeriodFigures();

  // The report period's figures from the period tables (its row is the last of the trend), with the
  // change on the period before (环比) and on the same period a year before (同比); each named.
  function addPeriodFigures(): void {
    const headers = [t("metric"), t("value"), t("versusPrevious"), t("versusYearAgo"), t("target")];
    put({ address: `A${row}`, value: `${t("periodFigures")} ${reportPeriodLabel(options.periodStart, options.periodEnd)}`, style: "heading" });
    headers.forEach((header, i) => {
      put({ address: `${columnName(i)}${row + 1}`, value: header, style: i === 0 ? "label" : "numberHeader" });
      parts.dashboard.widths[i] = widthFor(header, parts.dashboard.widths[i] ?? 0);
    });
    row += 2;
    for (const [label, key, format, figureNames, direction] of PERIOD_FIGURES) {
      const column = trendName(key);
      const change: ChangeKind = format === "percent" ? "rate" : "relative";
      const numberFormat = format === "money" ? money : format === "percent" ? PERCENT_FORMAT : COUNT_FORMAT;
      put({ address: `A${row}`, value: t(label), style: "label" });
      put({ address: `B${row}`, formula: `=${periodsBack(column, 0)}`, numberFormat, style: "kpi" });
      // A target to type (blank unless set: no light until there is one), named so refresh keeps it.
      const targetName = TARGET_NAMES[label];
      if (direction !== undefined && targetName !== undefined) {
        const value = options.targets[TARGET_KEYS[targetName] as keyof ReportTargets];
        put({ address: `E${row}`, numberFormat, style: "input", ...(value === undefined ? {} : { value }) });
        names.push({ name: targetName, range: `E${row}` });
        trafficLights.push({ range: `B${row}`, targetAddress: `E${row}`, direction });
      }
      put({ ...changeCell(`B${row}`, periodsBack(column, 1), change), address: `C${row}` });
      put({ ...changeCell(`B${row}`, periodsBack(column, yearBack), change), address: `D${row}` });
      for (const name of figureNames) names.push({ name, range: `B${row}` });
      row++;
    }
    // The inactive share at the period's end (DOMAIN.md §1) with the lapse window as its threshold, so
    // that it is 1 − active ÷ all who have bought: more than W − 1 whole days since the last purchase is
    // W or more. CX: CX.INACTIVE_SHARE; built-in: each customer's first purchase day, counted up to the end.
    const everBought = `COUNTIFS(Tx_Previous,0,Tx_First_Of_Day,1,Tx_Day,"<="&Period_End)`;
    put({ address: `A${row}`, value: t("inactiveShare"), style: "label" });
    put({ address: `B${row}`, formula: cx ? "=CX.INACTIVE_SHARE(Tx_Customer,Tx_Date,Period_End,Lapse_Days-1)" : `=IF(${everBought}=0,NA(),1-Customers_End/${everBought})`, numberFormat: PERCENT_FORMAT, style: "kpi" });
    for (const letter of ["C", "D"]) put({ ...changeCell(`B${row}`, undefined), address: `${letter}${row}` });
    names.push({ name: "Inactive_Share", range: `B${row}` });
    row += 2;
    // The revenue bridge of the report period: from the period before's revenue to this one's.
    put({ address: `A${row}`, value: `${t("revenueBridgeOf")} ${reportPeriodLabel(options.periodStart, options.periodEnd)}`, style: "heading" });
    row++;
    bridgeRows = { first: row, last: row + REVENUE_BRIDGE_STEPS.length - 1 };
    for (const [label, key] of REVENUE_BRIDGE_STEPS) {
      put({ address: `A${row}`, value: t(label), style: "label" });
      put({ address: `B${row}`, formula: `=${periodsBack(trendName(key), 0)}`, numberFormat: money, style: "kpi" });
      row++;
    }
    row++;
  }

  // A KPI card's row: metric, value, 环比, 同比, target (E) and its light, as the period figures'.
  const withTrend = (name: string): boolean => parts.workings.names.some((each) => each.name === name);
  const addKpi = (kpi: KpiRow, at: number): void => {
    put({ address: `A${at}`, value: t(kpi.label), style: "label" });
    put({ address: `B${at}`, formula: dashedWhileMissing(cx ? kpi.cx : kpi.portable, kpi.needs, missing), numberFormat: formats[kpi.format], style: "kpi" });
    const column = kpi.trendColumn !== undefined && withTrend(kpi.trendColumn.name) ? kpi.trendColumn : undefined;
    for (const [letter, periods] of [["C", 1], ["D", yearBack]] as const) {
      put({ ...changeCell(`B${at}`, column === undefined ? undefined : periodsBack(column.name, periods), column?.change), address: `${letter}${at}` });
    }
    const figure = FIGURE_NAMES[kpi.label];
    // A figure shown in two sections (CSAT) is named where it first stands.
    if (figure !== undefined && !names.some((name) => name.name === figure)) names.push({ name: figure, range: `B${at}` });
    if (kpi.target !== undefined) {
      // A typed target is a named input cell (refresh reads it back); a target shown twice (CSAT) is typed where it first stands.
      const targetName = TARGET_NAMES[kpi.label];
      const first = targetName === undefined ? undefined : names.find((name) => name.name === targetName);
      put({
        address: `E${at}`, numberFormat: formats[kpi.format],
        ...(kpi.target.formula !== undefined ? { formula: dashedWhileMissing(kpi.target.formula, kpi.target.needs, missing) }
          : first !== undefined ? { formula: `=${first.range}` }
            : { value: kpi.target.value as number, style: "input" as const }),
      });
      if (targetName !== undefined && first === undefined && kpi.target.formula === undefined) names.push({ name: targetName, range: `E${at}` });
      trafficLights.push({ range: `B${at}`, targetAddress: `E${at}`, direction: kpi.target.direction });
    }
  };
  const heading = (key: ReportLabel, headers: readonly string[] = []): void => {
    put({ address: `A${row}`, value: t(key), style: "heading" });
    // The value and target columns hold figures: their headers align right over them.
    headers.forEach((header, i) => put({
      address: `${columnName(i)}${row + 1}`, value: header, style: [t("value"), t("target"), t("versusPrevious"), t("versusYearAgo")].includes(header) ? "numberHeader" : "label",
      ...(header === t("mainMetric") ? { numberFormat: SET_OFF_TEXT } : {}),
    }));
    row += headers.length === 0 ? 1 : 2;
  };
  // The report period's answers: dated in it, or undated. CX: the answers filtered (blanks left out, as
  // CX.NPS skips them in a range); built-in: each count less those dated before or after the period.
  const answers = (name: string): string => (datedSurvey ? `FILTER(${name},(${name}<>"")*((Survey_Date="")+(Survey_Date>=Period_Start)*(Survey_Date<=Period_End)))` : name);
  const count = (criteria: string): string => {
    const all = `COUNTIFS(${criteria})`;
    return datedSurvey ? `(${all}-COUNTIFS(${criteria},Survey_Date,"<"&Period_Start)-COUNTIFS(${criteria},Survey_Date,">"&Period_End))` : all;
  };
  const sum = (name: string): string => (datedSurvey ? `(SUM(${name})-SUMIFS(${name},Survey_Date,"<"&Period_Start)-SUMIFS(${name},Survey_Date,">"&Period_End))` : `SUM(${name})`);
  const answered = (name: string): string => count(`${name},">=0"`);
  /** A figure of the survey: #N/A while the survey table's check reports a bad cell. */
  const fromSurvey = (formula: string): string => guarded(surveyCheck, formula);
  const csat: KpiRow = {
    label: "csat", cx: fromSurvey(`=CX.CSAT(${answers("Survey_CSAT")})`), portable: fromSurvey(`=IF(${answered("Survey_CSAT")}=0,NA(),${count('Survey_CSAT,">=4"')}/${answered("Survey_CSAT")})`), format: "percent",
    trendColumn: { name: "Trend_CSAT", change: "rate" }, needs: ["survey"],
  };
  const churnFormulas = {
    cx: "=CX.CHURN(Customers_Start,Customers_Lost)",
    portable: "=IF(OR(Customers_Start<=0,Customers_Lost>Customers_Start),NA(),Customers_Lost/Customers_Start)",
  };
  const chartSlots = [...CHART_SLOTS];
  /** A chart in the next free slot beside the report block, or at `at` (top-left, bottom-right). */
  const chart = (spec: Omit<ChartSpec, "topLeft" | "bottomRight">, at?: readonly [string, string]): void => {
    const slot = at ?? chartSlots.shift();
    if (sections.charts && slot !== undefined) charts.push({ ...spec, topLeft: slot[0], bottomRight: slot[1] });
  };
  const rowNumber = (address: string): number => Number(address.replace(/^[A-Z]+/, ""));
  /** Rows that start a new page of the dashboard. */
  const pageBreaks: number[] = [];
  /** The row under the early-warning table, once it is placed. */
  let belowEarlyWarning = 0;
  if (trend && bridgeRows !== undefined) {
    // The trend: customers at the end of each period, with the new and the lapsed, from the workings.
    const onWorkings = sheetQualifier(sheetNames.workings);
    // The trend's periods: the last `trendCount` rows of the period tables (which hold a year more).
    const trendColumn = (key: string): string => {
      const { bottom, left } = workingsRange(trendName(key));
      return `${onWorkings}${columnName(left)}${bottom - trendCount + 2}:${columnName(left)}${bottom + 1}`;
    };
    const labels = trendColumn("firstDay").replace(/!B(\d+):B(\d+)$/, "!A$1:A$2");
    chart({
      type: "ColumnClustered", categories: labels, title: t("customerTrend"),
      series: ([["customersEnd", "customersEnd"], ["newCustomersPeriod", "newCustomers"], ["lapsedCustomers", "lapsed"]] as const).map(([label, key]) => ({ name: t(label), values: trendColumn(key) })),
    });
    chart({ type: "ColumnClustered", categories: `A${bridgeRows.first}:A${bridgeRows.last}`, series: [{ name: t("revenueBridgeOf"), values: `B${bridgeRows.first}:B${bridgeRows.last}` }], title: t("revenueBridgeOf") });
  }

  if (sections.dimensions) {
    heading("kpis", [t("metric"), t("value"), t("versusPrevious"), t("versusYearAgo"), t("target")]);
    const cac = `B${row}`;
    const clv = `B${row + 1}`;
    const ltvCacTarget = `E${row + 5}`;
    // Engagement: the mean of each measure's min-max normalised values, averaged over the measures that
    // vary (a constant measure tells customers apart in no way), × 100: the mean of CX.ENGAGEMENT's scores.
    const measureNames = ["Engagement_Visits", "Engagement_Interactions", "Engagement_Usage"];
    const varies = (m: string): string => `(MAX(${m})>MIN(${m}))`;
    const varying = measureNames.map(varies).join("+");
    const normalisedMean = measureNames.map((m) => `IF(${varies(m)},(AVERAGE(${m})-MIN(${m}))/(MAX(${m})-MIN(${m})),0)`).join("+");
    const kpis: KpiRow[] = [
      // CAC and CLV have no target of their own: each is held against the other through the LTV:CAC
      // target (the most a customer may cost for the CLV, the least a customer must be worth for the CAC).
      {
        label: "cac", cx: "=CX.CAC(Marketing_Spend,Acquired_Customers)", portable: "=IF(Acquired_Customers=0,NA(),Marketing_Spend/Acquired_Customers)", format: "currency", trendColumn: { name: "Trend_CAC" }, needs: ["costs"],
        // (a dash while the CLV it derives from is one)
        target: { formula: `=IF(${ltvCacTarget}=0,NA(),${clv}/${ltvCacTarget})`, direction: "atMost", needs: ["lifespan", "margin"] },
      },
      {
        label: "clv", cx: "=CX.CLV(Avg_Order_Value,Purchases_Per_Year,Lifespan_Years,Gross_Margin)", portable: "=Avg_Order_Value*Purchases_Per_Year*Lifespan_Years*Gross_Margin", format: "currency", needs: ["lifespan", "margin"],
        trendColumn: { name: "Trend_CLV" },
        target: { formula: `=${ltvCacTarget}*${cac}`, direction: "atLeast", needs: ["costs"] },
      },
      { label: "churn", ...churnFormulas, format: "percent", trendColumn: { name: trendName("churnRate"), change: "rate" }, target: { value: options.targets.churn, direction: "atMost" } },
      { ...csat, target: { value: options.targets.csat, direction: "atLeast" } },
      { label: "engagement", cx: "=AVERAGE(CX.ENGAGEMENT(Engagement_Measures))", portable: `=IF(${varying}=0,NA(),100*(${normalisedMean})/(${varying}))`, format: "score", target: { value: options.targets.engagement, direction: "atLeast" }, needs: ["engagement"] },
      { label: "ltvCac", cx: `=CX.LTV_CAC(${clv},${cac})`, portable: `=IF(${cac}=0,NA(),${clv}/${cac})`, format: "ratio", trendColumn: { name: "Trend_LTV_CAC" }, target: { value: options.targets.ltvCac, direction: "atLeast" }, needs: ["costs", "lifespan", "margin"] },
      { label: "payback", cx: `=CX.CAC_PAYBACK(${cac},Monthly_Revenue,Gross_Margin)`, portable: `=IF(Monthly_Revenue*Gross_Margin=0,NA(),${cac}/(Monthly_Revenue*Gross_Margin))`, format: "months", trendColumn: { name: "Trend_Payback_Months" }, target: { value: options.targets.paybackMonths, direction: "atMost" }, needs: ["costs", "margin"] },
    ];
    kpis.forEach((kpi) => addKpi(kpi, row++));
    row++;
    const onData = sheetQualifier(sheetNames.data);
    // With the trend, its charts take the first slots; without it, CAC by channel (the data sheet's
    // table), when its rows are one per channel (no month: a bar per row would repeat each channel).
    const monthly = costs === undefined ? inputs.channels.some((channel) => monthOf(channel) !== undefined) : channelMonths;
    if (!trend && !monthly) chart({ type: "BarClustered", categories: `${onData}${channels.column(0)}${channels.first}:${channels.column(0)}${channels.last}`, series: [{ name: t("cacByChannel"), values: `${onData}${channels.column(1)}${channels.first}:${channels.column(1)}${channels.last}` }], title: t("cacByChannel") });
  }

  if (sections.satisfaction) {
    // Portable NPS and its margin write out DOMAIN.md §2's formulas with COUNTIF (no LET: LibreOffice 7
    // lacks it); blank answers are skipped in both modes.
    heading("satisfaction", [t("metric"), t("value"), t("versusPrevious"), t("versusYearAgo"), t("target")]);
    const n = answered("Survey_NPS");
    const p = `${count('Survey_NPS,">=9"')}/${n}`;
    const d = `${count('Survey_NPS,"<=6"')}/${n}`;
    const satisfaction: KpiRow[] = [
      {
        label: "nps", cx: fromSurvey(`=CX.NPS(${answers("Survey_NPS")})`), portable: fromSurvey(`=IF(${n}=0,NA(),100*(${p}-${d}))`), format: "score", needs: ["survey"],
        trendColumn: { name: "Trend_NPS", change: "score" }, target: { value: options.targets.nps, direction: "atLeast" },
      },
      { label: "npsMargin", cx: fromSurvey(`=CX.NPS(${answers("Survey_NPS")},"moe")`), portable: fromSurvey(`=IF(${n}=0,NA(),1.96*100*SQRT((${p}+${d}-(${p}-${d})^2)/${n}))`), format: "score", needs: ["survey"] },
      { ...csat, target: { value: options.targets.csat, direction: "atLeast" } },
      { label: "csi", cx: fromSurvey(`=CX.CSI(${answers("Survey_CSI")})`), portable: fromSurvey(`=IF(${answered("Survey_CSI")}=0,NA(),(${sum("Survey_CSI")}/${answered("Survey_CSI")}-1)/9*100)`), format: "score", needs: ["survey"] },
    ];
    satisfaction.forEach((kpi) => addKpi(kpi, row++));
    // The NPS breakdown the pie chart shows: built-in counts in both modes.
    const counts: [ReportLabel, string][] = [
      ["promoters", `=${count('Survey_NPS,">=9"')}`],
      ["passives", `=${count('Survey_NPS,">=7",Survey_NPS,"<=8"')}`],
      ["detractors", `=${count('Survey_NPS,"<=6"')}`],
    ];
    const breakdownTop = row;
    for (const [key, formula] of counts) {
      put({ address: `A${row}`, value: t(key), style: "label" });
      put({ address: `B${row}`, formula: fromSurvey(formula), numberFormat: COUNT_FORMAT });
      row++;
    }
    row++;
    chart({ type: "Pie", categories: `A${breakdownTop}:A${breakdownTop + 2}`, series: [{ name: t("npsBreakdown"), values: `B${breakdownTop}:B${breakdownTop + 2}` }], title: t("npsBreakdown") });
  }

  if (sections.lifecycle) {
    // DOMAIN.md §3: stage and goal, the main metric's value and name.
    heading("lifecycle", [t("stageAndGoal"), t("value"), t("mainMetric")]);
    const stages: [ReportLabel, ReportLabel, ReportLabel, string, string, string][] = [
      ["stageAcquisition", "goalAcquisition", "metricConversion", "=CX.CONVERSION(Converted,Prospects)", "=IF(OR(Prospects<=0,Converted>Prospects),NA(),Converted/Prospects)", PERCENT_FORMAT],
      ["stageConversion", "goalConversion", "metricAov", "=CX.AOV(Revenue,Orders)", "=IF(Orders=0,NA(),Revenue/Orders)", money],
      trend
        ? ["stageRetention", "goalRetention", "metricRepurchase", "=Repeat_Buyer_Share", "=Repeat_Buyer_Share", PERCENT_FORMAT]
        : ["stageRetention", "goalRetention", "metricRepurchase", "=CX.CONVERSION(Repeat_Customers,Buying_Customers)", "=IF(OR(Buying_Customers<=0,Repeat_Customers>Buying_Customers),NA(),Repeat_Customers/Buying_Customers)", PERCENT_FORMAT],
      ["stageChurn", "goalChurn", "metricChurn", churnFormulas.cx, churnFormulas.portable, PERCENT_FORMAT],
    ];
    for (const [stage, goal, metric, cxFormula, portableFormula, format] of stages) {
      const label = fillTemplate(t("stageWithGoal"), { stage: t(stage), goal: t(goal) });
      put({ address: `A${row}`, value: label, style: "label" });
      parts.dashboard.widths[0] = widthFor(label, parts.dashboard.widths[0] ?? 0);
      put({ address: `B${row}`, formula: dashedWhileMissing(cx ? cxFormula : portableFormula, stage === "stageAcquisition" ? ["prospects"] : [], missing), numberFormat: format, style: "kpi" });
      // the metric's name stands right of its value, set off from it by two spaces (a text format), its
      // text free to run on over the empty cells beside
      put({ address: `C${row}`, value: t(metric), numberFormat: SET_OFF_TEXT });
      row++;
    }
    row++;
  }

  if (sections.rfm) {
    // Customers and revenue per segment: CX.RFM_SUMMARY spills the 12×5 table; the portable sheet
    // counts the working columns of the transaction table.
    const rfmHeading = row;
    // With the trend, the dashboard's second page starts here: the customers by segment, the early
    // warning and the trend table; the first holds the period's figures, bridge, KPIs and lifecycle.
    if (trend) pageBreaks.push(rfmHeading);
    put({ address: `A${row}`, value: t("rfmSegments"), style: "heading" });
    row++;
    const top = row;
    const first = top + 1;
    const last = top + RFM_SEGMENTS.length;
    const columnFormats = [undefined, COUNT_FORMAT, PERCENT_FORMAT, money, PERCENT_FORMAT];
    const summary = source.customerSummary !== undefined;
    if (cx) {
      const formula = summary ? `=CX.RFM_SEGMENT_SUMMARY(Sum_Recency,Sum_Orders,Sum_Revenue,"${options.locale}")` : `=CX.RFM_SUMMARY(Tx_Customer,Tx_Date,Tx_Amount,As_Of,"${options.locale}")`;
      put({ address: `A${top}`, formula, numberFormat: TEXT_RESULT, style: "label" });
      // Every cell of the spill is part of the report (refresh must not take it for the user's), and
      // gets its format ahead of the spill; the header row keeps the label style.
      for (let r = top; r <= last; r++) {
        columnFormats.forEach((format, j) => {
          if (r === top && j === 0) return;
          put({ address: `${columnName(j)}${r}`, numberFormat: r === top ? "General" : (format ?? "General"), ...(r === top ? { style: "numberHeader" as const } : {}) });
        });
      }
    } else {
      (["segment", "customers", "share", "revenue", "revenueShare"] as const).forEach((key, j) => put({ address: `${columnName(j)}${top}`, value: tableLabel(key, options.locale), style: j === 0 ? "label" : "numberHeader" }));
      RFM_SEGMENTS.forEach((segment, i) => {
        const r = first + i;
        put({ address: `A${r}`, value: segmentNames[segment][options.locale] });
        put({ address: `B${r}`, formula: `=COUNTIF(${summary ? "Sum_Segment" : "Tx_Segment"},A${r})`, numberFormat: COUNT_FORMAT });
        put({ address: `C${r}`, formula: `=IF(SUM(B$${first}:B$${last})=0,NA(),B${r}/SUM(B$${first}:B$${last}))`, numberFormat: PERCENT_FORMAT });
        put({ address: `D${r}`, formula: summary ? `=SUMIF(Sum_Segment,A${r},Sum_Revenue)` : `=SUMIF(Tx_Segment,A${r},Tx_Monetary)`, numberFormat: money });
        put({ address: `E${r}`, formula: `=IF(SUM(D$${first}:D$${last})=0,0,D${r}/SUM(D$${first}:D$${last}))`, numberFormat: PERCENT_FORMAT });
      });
    }
    row = last + 2;
    // The segments' chart beside their table (below any chart above it), the early warning under it.
    // (a row below the page break, so that no edge of it prints at the foot of the page before)
    const chartTop = Math.max(rfmHeading + 1, ...charts.map((each) => rowNumber(each.bottomRight) + 2));
    chart({ type: "ColumnClustered", categories: `A${first}:A${last}`, series: [{ name: t("customersBySegment"), values: `B${first}:B${last}` }], title: t("customersBySegment") },
      [`G${chartTop}`, `${CHART_RIGHT_COLUMN}${chartTop + CHART_ROWS - 1}`]);
    if (needed.includes("transactions")) addEarlyWarning(sections.charts ? chartTop + CHART_ROWS + 1 : chartTop);
  }

  // Early warning: the valuable customers most at risk. CX: (1 − P(alive)) × historical value from the
  // BG/NBD fit (CX.AT_RISK); portable: the RFM segments Can't Lose Them and At Risk ranked by monetary value.
  function addEarlyWarning(heading: number): void {
    // Beside the RFM table, under its chart (G:J), so the dashboard still prints on two pages.
    const left = EARLY_WARNING_COLUMN;
    const column = (j: number): string => columnName(left + j);
    belowEarlyWarning = heading + EARLY_WARNING_ROWS + 2;
    put({ address: `${column(0)}${heading}`, value: t(cx ? "earlyWarning" : "earlyWarningPortable"), style: "heading" });
    const top = heading + 1;
    const rows = EARLY_WARNING_ROWS;
    [110, 110, 90, 110].forEach((width, j) => (parts.dashboard.widths[left + j] = width));
    if (cx) {
      put({ address: `${column(0)}${top}`, formula: `=CX.AT_RISK(Tx_Customer,Tx_Date,Tx_Amount,${rows},As_Of,"${options.locale}")`, numberFormat: TEXT_RESULT, style: "label" });
      const columnFormats = [TEXT_RESULT, money, PERCENT_FORMAT, money];
      for (let r = top; r <= top + rows; r++) {
        columnFormats.forEach((format, j) => {
          if (r === top && j === 0) return;
          put({ address: `${column(j)}${r}`, numberFormat: r === top ? TEXT_RESULT : format, ...(r === top ? { style: "numberHeader" as const } : {}) });
        });
      }
    } else {
      (["customer", "monetary", "recencyDays", "segment"] as const).forEach((key, j) => put({ address: `${column(j)}${top}`, value: tableLabel(key, options.locale), style: j === 1 || j === 2 ? "numberHeader" : "label" }));
      for (let k = 1; k <= rows; k++) {
        const r = top + k;
        // The k-th largest ranking key and its row in the table; blank below the last customer at risk.
        const at = `MATCH(LARGE(Tx_Risk_Rank,${k}),Tx_Risk_Rank,0)`;
        const pick = (name: string): string => `=IFERROR(INDEX(${name},${at}),"")`;
        put({ address: `${column(0)}${r}`, formula: pick("Tx_Customer"), numberFormat: TEXT_RESULT });
        put({ address: `${column(1)}${r}`, formula: pick("Tx_Monetary"), numberFormat: money });
        put({ address: `${column(2)}${r}`, formula: pick("Tx_Recency"), numberFormat: "0_)_)_)" }) // whole days, with room before the segment beside them;
        put({ address: `${column(3)}${r}`, formula: pick("Tx_Segment"), numberFormat: TEXT_RESULT });
      }
    }
  }

  if (trend) addTrendTable();

  // The trend table: the trend's periods (the report period last, in bold), each with its active
  // customers, new and lapsed, churn, revenue, AOV, repeat-buyer share and NRR, from the period tables;
  // active customers and revenue with their 环比 and 同比. Under the report block and the early
  // warning, across the page (A:M).
  function addTrendTable(): void {
    row = Math.max(row, belowEarlyWarning + 1);
    // The customer figures of the period tables; then, from the workings' tables per period, the value,
    // acquisition and satisfaction figures there are (a linked cost table without months has none).
    addTrendBlock(fillTemplate(t("trendTable"), { count: String(trendCount) }), [
      ["trendActive", trendName("customersEnd"), "count", true], ["trendNew", trendName("newCustomers"), "count", false], ["trendLapsed", trendName("lapsed"), "count", false],
      ["trendChurn", trendName("churnRate"), "percent", false], ["trendRevenue", trendName("revenue"), "money", true], ["trendAov", trendName("averageOrderValue"), "money", false],
      ["trendRepeat", trendName("repeatBuyerShare"), "percent", false], ["trendNrr", trendName("netRevenueRetention"), "percent", false],
    ]);
    const perPeriod = ([
      ["trendClv", "Trend_CLV", "money", true], ["trendAcquired", "Trend_Acquired_Customers", "count", false], ["cacShort", "Trend_CAC", "money", true],
      ["ltvCac", "Trend_LTV_CAC", "ratio", false], ["trendPayback", "Trend_Payback_Months", "months", false],
      ["trendAnswers", "Trend_Survey_Answers", "count", false], ["trendNps", "Trend_NPS", "score", false], ["trendCsat", "Trend_CSAT", "percent", false],
    ] as const).filter(([, name]) => withTrend(name));
    if (perPeriod.length > 0) addTrendBlock(t("trendValueTable"), perPeriod);
  }

  /**
   * A table of the trend's periods on the dashboard, the report period last and in bold. Each column:
   * its header, the workings' column per period, its format, and whether 环比 and 同比 follow it.
   */
  function addTrendBlock(heading: string, columns: readonly (readonly [ReportLabel, string, "count" | "money" | "percent" | "ratio" | "months" | "score", boolean])[]): void {
    put({ address: `A${row}`, value: heading, style: "heading" });
    const header = row + 1;
    const formatOf = { ...formats, count: COUNT_FORMAT, money } as const;
    put({ address: `A${header}`, value: t("trendPeriod"), style: "label" });
    for (let k = 0; k < trendCount; k++) {
      const r = header + 1 + k;
      // The row of the period tables: a year of earlier periods comes first.
      const i = yearBack + k + 1;
      const style = k === trendCount - 1 ? { style: "kpi" as const } : {};
      // The period's label, from the workings' first column.
      put({ address: `A${r}`, formula: `=${sheetQualifier(sheetNames.workings)}${periodLabelCell(i)}`, numberFormat: TEXT_RESULT, ...style });
      let j = 1;
      for (const [label, name, format, changes] of columns) {
        const figure = `INDEX(${name},${i})`;
        if (k === 0) {
          put({ address: `${columnName(j)}${header}`, value: t(label), style: "numberHeader" });
          // Wide enough for its header and its figures (money is the widest), as the chart columns may not be.
          parts.dashboard.widths[j] = widthFor(t(label), Math.max(parts.dashboard.widths[j] ?? 0, format === "money" ? 100 : 64));
        }
        // A dash where the period has no such figure (no customers yet, no orders), as for a change.
        put({ address: `${columnName(j)}${r}`, formula: `=IFERROR(${figure},"${NO_CHANGE}")`, numberFormat: dashAtRight(formatOf[format]), ...style });
        const value = `${columnName(j)}${r}`;
        j++;
        if (!changes) continue;
        for (const [heading, back] of [["trendMom", 1], ["trendYoy", yearBack]] as const) {
          if (k === 0) {
            put({ address: `${columnName(j)}${header}`, value: t(heading), style: "numberHeader" });
            parts.dashboard.widths[j] = Math.max(parts.dashboard.widths[j] ?? 0, 64);
          }
          put({ ...changeCell(value, `INDEX(${name},${i - back})`, format === "percent" ? "rate" : "relative"), address: `${columnName(j)}${r}`, ...style });
          j++;
        }
      }
    }
    row = header + trendCount + 2;
  }

  // How each sheet prints: the dashboard on A4 landscape, one page wide, its title rows on every page,
  // the report's title and the sheet's name on top and the page count below; the others fit to width.
  const lastRow = (sheet: SheetParts, extra: readonly string[] = []): number =>
    Math.max(1, ...[...sheet.cells.map((cell) => cell.address), ...extra].map(rowNumber));
  const printOf = (role: SheetRole): PrintSpec => ({
    orientation: role === "data" ? "Portrait" : "Landscape",
    ...(role === "dashboard" ? { area: `A1:${CHART_RIGHT_COLUMN}${lastRow(parts.dashboard, charts.map((chart) => chart.bottomRight))}`, titleRows: "$1:$2" } : {}),
    ...(role === "dashboard" && pageBreaks.length > 0 ? { rowBreaks: pageBreaks } : {}),
    leftHeader: options.title.replace(/&/g, "&&"), rightHeader: "&A", centerFooter: t("pageOfPages"),
  });
  // Names are scoped to their sheet: a formula on another sheet names the sheet too.
  const sheetOfName = new Map<string, string>();
  for (const role of ROLES) for (const name of parts[role].names) sheetOfName.set(name.name, sheetNames[role]);
  const settings = JSON.stringify(reportSettings(options));
  const linkedTables = Object.values(source).flatMap((range) => (range?.table === undefined ? [] : [range.table]));
  return {
    sheets: ROLES.map((role): SheetSpec => {
      const sheet = parts[role];
      const qualified = sheet.cells.map((cell) => (cell.formula === undefined ? cell : { ...cell, formula: qualifyNames(cell.formula, sheetOfName, sheetNames[role]) }));
      return {
        name: sheetNames[role], role, cells: qualified, tables: sheet.tables, names: sheet.names,
        trafficLights: role === "dashboard" ? trafficLights : [], charts: role === "dashboard" ? charts : [],
        settings, linkedTables, columnWidths: sheet.widths, font: REPORT_FONTS[options.locale], print: printOf(role),
        // The dashboard is a page to read and print; the others are grids to type into.
        ...(role === "dashboard" ? { showGridlines: false } : {}),
      };
    }),
  };
}

/** The sheets of a report in the order they are made: the dashboard first. */
export const ROLES: readonly SheetRole[] = ["dashboard", "data", "workings"];

/** Fonts named in files the report is exported to: Calibri, and for Chinese the usual Chinese UI font (a file whose fonts have no name opens in a serif font). */
export const REPORT_FONTS: Readonly<Record<Locale, string>> = { "en-US": "Calibri", "zh-CN": "Microsoft YaHei" };
