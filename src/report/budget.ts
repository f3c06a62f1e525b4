/**
 * The budget (DOMAIN.md §9, 预算): its figures, how the data sheet's budget table names them, and the
 * built-in formulas that read a period's budget from the table, the same in both formula modes.
 *
 * The table has one row per month. A period's budget of an additive figure (revenue, orders, new
 * customers) is the sum of the rows dated in it, so monthly rows serve a quarter's report too; a
 * level (customers at the end) is the row of the period's last budgeted month; a rate (churn, NPS,
 * CAC) is the period's row when exactly one row is dated in it (monthly rows do not make a quarter's
 * rate). A period with no budget set for a figure shows a dash, never 0.
 */
import type { ReportLabel } from "../i18n/reportLabels";
import type { InputRule } from "./inputChecks";
import type { FigureFormat } from "./reportContext";
import type { BudgetInput } from "./reportOptions";
import type { TrafficLightSpec } from "./sheetSpec";

export type BudgetKey = Exclude<keyof BudgetInput, "month" | "monthsBeforeEnd">;

export interface BudgetFigure {
  readonly key: BudgetKey;
  /** The figure's label on the dashboard and the table's header. */
  readonly label: ReportLabel;
  /** The budget table's column (on the data sheet). */
  readonly column: string;
  /** The dashboard's name of the actual figure, and of its year to date where the report has one. */
  readonly actual: string;
  readonly actualYearToDate?: string;
  /** Other names of cells that show the same figure by reference (the KPI cards' churn): their lights read the budget too. */
  readonly shownAs?: readonly string[];
  /** The stem of the dashboard's names: Budget_<stem>, <stem>_Variance, <stem>_Achievement. */
  readonly stem: string;
  readonly kind: "additive" | "level" | "rate";
  /** Whether more is better (an achievement ratio) or less (the variance only; green when actual ≤ budget). */
  readonly direction: TrafficLightSpec["direction"];
  readonly format: FigureFormat | "score";
  readonly rule: InputRule;
}

/** The budget's figures, in the table's and the dashboard's order. */
export const BUDGET_FIGURES: readonly BudgetFigure[] = [
  { key: "revenue", label: "revenue", column: "Plan_Revenue", actual: "Revenue", actualYearToDate: "Revenue_YTD", stem: "Revenue", kind: "additive", direction: "atLeast", format: "money", rule: { kind: "amount" } },
  { key: "orders", label: "orders", column: "Plan_Orders", actual: "Orders", actualYearToDate: "Orders_YTD", stem: "Orders", kind: "additive", direction: "atLeast", format: "count", rule: { kind: "amount" } },
  { key: "newCustomers", label: "newCustomersPeriod", column: "Plan_New_Customers", actual: "New_Customers", actualYearToDate: "New_Customers_YTD", stem: "New_Customers", kind: "additive", direction: "atLeast", format: "count", rule: { kind: "amount" } },
  { key: "customersEnd", label: "customersEnd", column: "Plan_Customers_End", actual: "Customers_End", stem: "Customers_End", kind: "level", direction: "atLeast", format: "count", rule: { kind: "amount" } },
  { key: "churnRate", label: "churnRatePeriod", column: "Plan_Churn_Rate", actual: "Period_Churn_Rate", shownAs: ["Churn_Rate"], stem: "Churn_Rate", kind: "rate", direction: "atMost", format: "percent", rule: { kind: "between", from: 0, to: 1 } },
  { key: "nps", label: "nps", column: "Plan_NPS", actual: "Net_Promoter_Score", stem: "NPS", kind: "rate", direction: "atLeast", format: "score", rule: { kind: "between", from: -100, to: 100 } },
  { key: "cac", label: "cac", column: "Plan_CAC", actual: "Acquisition_Cost", stem: "CAC", kind: "rate", direction: "atMost", format: "unitMoney", rule: { kind: "amount" } },
];

/** The budget table's month column. */
export const BUDGET_MONTH = "Plan_Month";

/** COUNTIFS/SUMIFS criteria: the budget rows dated from `from` to `to` (formulas or names) with a number in `column`. */
const rowsIn = (column: string, from: string, to: string): string => `${BUDGET_MONTH},">="&${from},${BUDGET_MONTH},"<="&${to},${column},">=-1E+307"`;

/**
 * A figure's budget over [from, to] as a formula without "=": a dash (text) where no row in it holds
 * one (or, for a rate, where not exactly one does).
 */
export function budgetOver(figure: BudgetFigure, from: string, to: string, dash: string): string {
  const criteria = rowsIn(figure.column, from, to);
  const count = `COUNTIFS(${criteria})`;
  switch (figure.kind) {
    case "additive": return `IF(${count}=0,"${dash}",SUMIFS(${figure.column},${criteria}))`;
    case "rate": return `IF(${count}<>1,"${dash}",SUMIFS(${figure.column},${criteria}))`;
    // the row of the last month budgeted (MAXIFS counted first: over no cell some engines give an error)
    case "level": return `IF(${count}=0,"${dash}",SUMIFS(${figure.column},${BUDGET_MONTH},MAXIFS(${BUDGET_MONTH},${criteria}),${figure.column},">=-1E+307"))`;
  }
}
