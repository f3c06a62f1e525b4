/**
 * Budget vs actual (DOMAIN.md §9, 预算完成) under the period's figures: for each budgeted figure the
 * report has, its actual (the figure where it stands), the period's budget from the data sheet's
 * budget table, the variance (actual − budget; a rate's in percentage points) and, where more is
 * better, the achievement (actual ÷ budget); then the year to date's budget, variance and achievement
 * for the additive figures. A light on each actual against its budget; the figure's own lights read
 * the budget where the period has one, else the typed target (ReportBuilder.budgets). The same
 * built-in formulas in both modes; a dash wherever the period has no budget, never 0 %.
 */
import { columnName } from "../../core/a1";
import type { ReportBuilder, Section } from "../builder";
import { BUDGET_FIGURES, budgetOver, type BudgetFigure } from "../budget";
import { dashAtRight, NO_CHANGE, pointsFormat, SCORE_CHANGE_FORMAT } from "../figures";
import { guarded } from "../inputChecks";
import { reportPeriodLabel } from "../reportOptions";
import type { ReportContext } from "../reportContext";
import { accountingFormat, widthFor } from "../sheetSpec";
import { dateOf, yearToDate } from "../yearToDate";

/** The budget's figures this report has: NPS with the satisfaction section, CAC with the KPI cards. */
export function budgetedFigures(ctx: ReportContext): readonly BudgetFigure[] {
  return BUDGET_FIGURES.filter((figure) => (figure.key === "nps" ? ctx.sections.satisfaction : figure.key === "cac" ? ctx.sections.dimensions : true));
}

/** An achievement: a share, a dash at the right where there is none. */
const ACHIEVEMENT_FORMAT = dashAtRight("0.0%");

function formats(b: ReportBuilder, figure: BudgetFigure): { value: string; variance: string } {
  const { formats, locale } = b.ctx;
  const format = formats[figure.format];
  switch (figure.format) {
    case "money": case "unitMoney": return { value: dashAtRight(format), variance: `${accountingFormat(format)};${format};* @` };
    case "count": return { value: dashAtRight(format), variance: `+${format};-${format};0;* @` };
    case "percent": return { value: dashAtRight(format), variance: pointsFormat(locale) };
    case "score": return { value: dashAtRight(format), variance: SCORE_CHANGE_FORMAT };
  }
}

/** Variance and achievement of `actual` against `budget` (cells), as formulas; a dash where either is not a number. */
function compared(figure: BudgetFigure, actual: string, budget: string): { variance: string; achievement?: string } {
  const difference = figure.format === "percent" ? `100*(${actual}-${budget})` : `${actual}-${budget}`;
  return {
    variance: `=IFERROR(${difference},"${NO_CHANGE}")`,
    // (a budget of 0 or below, e.g. an NPS of −10, makes no ratio)
    ...(figure.direction === "atLeast" ? { achievement: `=IFERROR(IF(${budget}>0,${actual}/${budget},"${NO_CHANGE}"),"${NO_CHANGE}")` } : {}),
  };
}

function build(b: ReportBuilder): void {
  const { t, options } = b.ctx;
  const span = yearToDate(b.ctx);
  const headers = [t("metric"), t("actual"), t("budget"), t("variance"), t("achievement"), ...(span === undefined ? [] : [t("budgetYearToDate"), t("varianceYearToDate"), t("achievementYearToDate")])];
  b.put({ address: `A${b.row}`, value: `${t("budgetVsActual")} ${reportPeriodLabel(options.periodStart, options.periodEnd)}`, style: "heading" });
  headers.forEach((header, i) => {
    b.put({ address: `${columnName(i)}${b.row + 1}`, value: header, style: i === 0 ? "label" : "numberHeader" });
    // (room for an amount in parentheses, or a change in 个百分点, under the shorter headers)
    b.widen("dashboard", i, Math.max(widthFor(header, 0), i === 0 ? 0 : 110));
  });
  b.row += 2;
  const budgetCell = (figure: BudgetFigure, from: string, to: string): string => guarded("Budget_Check", `=${budgetOver(figure, from, to, NO_CHANGE)}`);
  for (const figure of budgetedFigures(b.ctx)) {
    const row = b.row++;
    const format = formats(b, figure);
    const name = (suffix: string, column: string): void => b.name("dashboard", suffix, `${column}${row}`);
    b.put({ address: `A${row}`, value: t(figure.label), style: "label" });
    b.put({ address: `B${row}`, formula: `=${figure.actual}`, numberFormat: format.value, style: "kpi" });
    b.put({ address: `C${row}`, formula: budgetCell(figure, "Period_Start", "Period_End"), numberFormat: format.value });
    name(`Budget_${figure.stem}`, "C");
    const period = compared(figure, `B${row}`, `C${row}`);
    b.put({ address: `D${row}`, formula: period.variance, numberFormat: format.variance });
    name(`${figure.stem}_Variance`, "D");
    if (period.achievement !== undefined) {
      b.put({ address: `E${row}`, formula: period.achievement, numberFormat: ACHIEVEMENT_FORMAT });
      name(`${figure.stem}_Achievement`, "E");
    }
    b.trafficLights.push({ range: `B${row}`, targetAddress: `C${row}`, direction: figure.direction });
    for (const shown of [figure.actual, ...(figure.shownAs ?? [])]) b.budgets.set(shown, `C${row}`);
    // The year to date: the additive figures' budgets summed from the fiscal year's first month.
    if (span === undefined || figure.kind !== "additive" || figure.actualYearToDate === undefined) continue;
    b.put({ address: `F${row}`, formula: budgetCell(figure, dateOf(span.start), "Period_End"), numberFormat: format.value });
    name(`Budget_${figure.stem}_YTD`, "F");
    const ytd = compared(figure, figure.actualYearToDate, `F${row}`);
    b.put({ address: `G${row}`, formula: ytd.variance, numberFormat: format.variance });
    name(`${figure.stem}_YTD_Variance`, "G");
    if (ytd.achievement !== undefined) {
      b.put({ address: `H${row}`, formula: ytd.achievement, numberFormat: ACHIEVEMENT_FORMAT });
      name(`${figure.stem}_YTD_Achievement`, "H");
    }
  }
  b.row++;
}

export const budget: Section = {
  id: "budget",
  sheet: "dashboard",
  when: (ctx) => ctx.trend,
  build,
};
