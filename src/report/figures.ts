/**
 * The report's figures as the dashboard names and compares them: the period's figures and its revenue
 * bridge, the typed targets, the KPI rows' names, and how a change on an earlier period is told.
 */
import type { Locale } from "../i18n/locale";
import type { ReportLabel } from "../i18n/reportLabels";
import type { MissingData } from "./missingData";
import type { FigureFormat } from "./reportContext";
import type { ReportTargets } from "./reportOptions";
import type { CellSpec, TrafficLightSpec } from "./sheetSpec";

/**
 * The report period's figures on the dashboard: label, the period table's column, its format, and
 * the sheet-scoped names of its cell (the inputs' old names too, so the KPI formulas read them).
 */
export const PERIOD_FIGURES: readonly (readonly [ReportLabel, string, FigureFormat, readonly string[], TrafficLightSpec["direction"]?])[] = [
  ["customersStart", "customersStart", "count", ["Customers_Start"]],
  ["newCustomersPeriod", "newCustomers", "count", ["New_Customers"], "atLeast"],
  ["reactivatedCustomers", "reactivated", "count", ["Reactivated_Customers"]],
  ["lapsedCustomers", "lapsed", "count", ["Lapsed_Customers", "Customers_Lost"]],
  ["customersEnd", "customersEnd", "count", ["Customers_End"], "atLeast"],
  ["churnRatePeriod", "churnRate", "percent", ["Period_Churn_Rate"], "atMost"],
  ["revenue", "revenue", "money", ["Revenue"], "atLeast"],
  ["orders", "orders", "count", ["Orders"]],
  ["averageOrderValuePeriod", "averageOrderValue", "unitMoney", ["Average_Order_Value", "Avg_Order_Value"], "atLeast"],
  ["repeatBuyerShare", "repeatBuyerShare", "percent", ["Repeat_Buyer_Share"], "atLeast"],
  ["netRevenueRetention", "netRevenueRetention", "percent", ["Net_Revenue_Retention"], "atLeast"],
];

/** The revenue bridge of the report period on the dashboard: each step's label and the period table's column. */
export const REVENUE_BRIDGE_STEPS: readonly (readonly [ReportLabel, string])[] = [
  ["bridgePrevious", "previousRevenue"], ["bridgeNew", "newRevenue"], ["bridgeReturning", "returningRevenue"],
  ["bridgeExpansion", "expansion"], ["bridgeContraction", "contraction"], ["bridgeLost", "lostRevenue"], ["bridgeRevenue", "periodRevenue"],
];


/** What a change shows when it has no value: a dash, not an error cell on the page a manager reads. */
export const NO_CHANGE = "–";

/**
 * A relative change (环比, 同比), signed; a change of a rate in percentage points. The fourth section
 * puts a dash (text) at the right of its cell, under the figures, by filling with spaces before it.
 */
const CHANGE_FORMAT = "+0.0%;-0.0%;0.0%;* @";
/** A score's change (NPS), in points. */
export const SCORE_CHANGE_FORMAT = "+0.0;-0.0;0.0;* @";
/** A one-section number format with a dash (text) at the right of its cell, as a change's. */
export const dashAtRight = (format: string): string => `${format};-${format};${format};* @`;
/** A rate's change in percentage points: "pp" in English, 个百分点 in Chinese. */
export const pointsFormat = (locale: Locale): string => {
  const unit = locale === "zh-CN" ? "个百分点" : "pp";
  return `+0.0" ${unit}";-0.0" ${unit}";0.0" ${unit}";* @`;
};

/** How a change is told: relative (counts, money), in percentage points (a rate), in points (a score such as NPS). */
export type ChangeKind = "relative" | "rate" | "score";

/**
 * A figure's change on an earlier one (环比 or 同比), with no address yet; a dash where it has no
 * value (the figure was 0 or had no value then), or where there is no earlier figure (`before` unset).
 */
export const changeCell = (value: string, before: string | undefined, kind: ChangeKind = "relative", locale: Locale = "en-US"): CellSpec => {
  if (before === undefined) return { address: "", formula: `="${NO_CHANGE}"`, numberFormat: CHANGE_FORMAT };
  const change = { relative: `${value}/${before}-1`, rate: `100*(${value}-${before})`, score: `${value}-${before}` }[kind];
  return { address: "", formula: `=IFERROR(${change},"${NO_CHANGE}")`, numberFormat: { relative: CHANGE_FORMAT, rate: pointsFormat(locale), score: SCORE_CHANGE_FORMAT }[kind] };
};

/** A column's figure `periods` before its last row (the report period's): INDEX(Trend_Revenue,ROWS(Trend_Revenue)-1). */
export const periodsBack = (column: string, periods: number): string => `INDEX(${column},ROWS(${column})-${periods})`;

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
export const TARGET_NAMES: Readonly<Partial<Record<ReportLabel, string>>> = Object.fromEntries(TARGET_CELLS.map(([label, name]) => [label, name]));
/** Which of ReportTargets each named target cell sets. */
export const TARGET_KEYS: Readonly<Record<string, keyof ReportTargets>> = Object.fromEntries(TARGET_CELLS.map(([, name, key]) => [name, key]));

/** A metric row: label, the CX formula, the built-in formula computing the same, format, target. */
export interface KpiRow {
  readonly label: ReportLabel;
  readonly cx: string;
  readonly portable: string;
  /** The workings' column of this figure per period, for its 环比 and 同比, and how they are told; unset: a dash. */
  readonly trendColumn?: { readonly name: string; readonly change?: ChangeKind };
  readonly format: KpiFormat;
  /**
   * A target typed in (an input cell) or derived from other cells by a built-in formula, unshaded,
   * with a `note` beside it (F) saying how it is derived.
   */
  readonly target?: { readonly value?: number; readonly formula?: string; readonly direction: TrafficLightSpec["direction"]; readonly needs?: readonly MissingData[]; readonly note?: ReportLabel };
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


/** How a KPI row's figure is shown. */
export type KpiFormat = "currency" | "percent" | "ratio" | "months" | "score";

/** Churn of the period from the customers at its start and those lost in it (DOMAIN.md §1), in both modes. */
export const CHURN_FORMULAS = {
  cx: "=CX.CHURN(Customers_Start,Customers_Lost)",
  portable: "=IF(OR(Customers_Start<=0,Customers_Lost>Customers_Start),NA(),Customers_Lost/Customers_Start)",
} as const;
