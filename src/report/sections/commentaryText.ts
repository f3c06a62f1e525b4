/**
 * The commentary under the title (DOMAIN.md §10, 经营分析): a few sentences made by rule from the
 * dashboard's own figures, live formulas in the report's language, the first named Commentary:
 * revenue with its 环比, 同比 and achievement of budget; the customers and the bridge that moved them,
 * with churn and its change in points; the two largest movements of the revenue bridge; every figure
 * whose light is red, with its target (or budget), or that all are on target; whether NPS's change is
 * beyond its margin of error; the early-warning list's size and value. A comparison that does not
 * exist is left out of its sentence, and a sentence whose figures are not there is empty, never #N/A.
 *
 * Its rows are kept under the title by `commentary` (commentary.ts); this section writes them once every
 * other section has placed its figures and lights (built-in formulas, the same in both modes).
 */
import { fillTemplate } from "../../i18n/locale";
import { periodsBack, REVENUE_BRIDGE_STEPS } from "../figures";
import type { ReportBuilder, Section } from "../builder";
import type { ReportContext } from "../reportContext";
import { trafficLightRules, TEXT_RESULT, type TrafficLightSpec } from "../sheetSpec";
import { quote, signedText, textFormula, textOf } from "../textFormula";
import { CHART_RIGHT_COLUMN } from "./charts";
import { earlyWarning } from "./earlyWarning";

type Sentence = "revenue" | "customers" | "drivers" | "offTarget" | "nps" | "earlyWarning";

/** The sentences this report has: NPS's with the per-period survey, the early warning's with its list. */
export function sentences(ctx: ReportContext): Sentence[] {
  return [
    "revenue", "customers", "drivers", "offTarget",
    ...(ctx.sections.satisfaction && ctx.datedSurvey ? ["nps" as const] : []),
    ...(earlyWarning.when(ctx) ? ["earlyWarning" as const] : []),
  ];
}

export const commentaryText: Section = {
  id: "commentaryText",
  sheet: "dashboard",
  when: (ctx) => ctx.trend,
  build(b) {
    const { first } = b.at.commentary as { first: number };
    sentences(b.ctx).forEach((sentence, k) => {
      const text = SENTENCES[sentence](b);
      // (a sentence whose figures are errors, e.g. while a table's check reports a bad cell, is empty)
      b.put({ address: `A${first + k}`, formula: `=IFERROR(${text},"")`, numberFormat: TEXT_RESULT });
      // across the page, the list of figures off target on two lines
      b.paragraphs.push({ range: `A${first + k}:${CHART_RIGHT_COLUMN}${first + k}`, lines: sentence === "offTarget" ? 2 : 1 });
    });
    b.name("dashboard", "Commentary", `A${first}`);
  },
};

/** The cell of a dashboard name ("Revenue" → "B15"). */
const cellOf = (b: ReportBuilder, name: string): string => b.named("dashboard", name) as string;
/** The cell beside a figure's: its 环比 (C) or 同比 (D). */
const beside = (cell: string, column: "C" | "D"): string => cell.replace(/^[A-Z]+/, column);
/** An amount as a sentence writes it (ReportContext.moneyText), and the unit after it. */
const amountText = (ctx: ReportContext, expression: string): string => `TEXT(${expression},${quote(ctx.moneyText.format)})`;
const currencyWord = (ctx: ReportContext): string => quote(ctx.moneyText.unit);
/** A figure as a sentence writes it, by its cell's format: an amount as amountText, else textOf. */
const figureText = (ctx: ReportContext, expression: string, numberFormat: string | undefined): string =>
  (numberFormat?.startsWith(ctx.money) === true ? amountText(ctx, expression) : textOf(expression, numberFormat));
/** "month", "quarter" or "year": the period an English 环比 compares with. */
const periodWord = (ctx: ReportContext): string => ctx.kind;

const SENTENCES: Readonly<Record<Sentence, (b: ReportBuilder) => string>> = {
  revenue(b) {
    const { t } = b.ctx;
    const revenue = cellOf(b, "Revenue");
    const [mom, yoy] = [beside(revenue, "C"), beside(revenue, "D")];
    const previous = textFormula(fillTemplate(t("commentaryOnPrevious"), { period: periodWord(b.ctx) }), { change: signedText(mom, "relative") });
    const yearAgo = textFormula(t("commentaryOnYearAgo"), { change: signedText(yoy, "relative") });
    const [lead, and] = [textFormula(t("commentaryFirst"), {}), textFormula(t("commentaryAnd"), {})];
    // the changes that exist: both, one, or none
    const changes = `IF(ISNUMBER(${mom}),${lead}&${previous}&IF(ISNUMBER(${yoy}),${and}&${yearAgo},""),IF(ISNUMBER(${yoy}),${lead}&${yearAgo},""))`;
    const achievement = b.named("dashboard", "Revenue_Achievement");
    const budget = achievement === undefined ? '""' : `IF(ISNUMBER(${achievement}),${textFormula(t("commentaryBudget"), { achievement: `TEXT(${achievement},"0%")` })},"")`;
    return textFormula(t("commentaryRevenue"), { revenue: amountText(b.ctx, revenue), currency: currencyWord(b.ctx), changes, budget });
  },
  customers(b) {
    const { t } = b.ctx;
    const count = (name: string): string => textOf(cellOf(b, name), "#,##0");
    const churn = cellOf(b, "Period_Churn_Rate");
    const change = beside(churn, "C");
    const churnChange = `IF(ISNUMBER(${change}),${textFormula(t("commentaryChurnChange"), { change: signedText(change, "points") })},"")`;
    return textFormula(t("commentaryCustomers"), {
      end: count("Customers_End"), start: count("Customers_Start"), new: count("New_Customers"), reactivated: count("Reactivated_Customers"), lapsed: count("Lapsed_Customers"),
      churn: textOf(churn, "0.0%"), churnChange,
    });
  },
  drivers: (b) => drivers(b),
  offTarget: (b) => offTarget(b),
  nps(b) {
    const { t } = b.ctx;
    const nps = cellOf(b, "Net_Promoter_Score");
    const change = beside(nps, "C");
    // significant only beyond both periods' margins combined: |ΔNPS| > √(moe₁² + moe₂²) (DOMAIN.md §10)
    const margin = `SQRT(NPS_Margin_Of_Error^2+${periodsBack("Trend_NPS_Margin", 1)}^2)`;
    const verdict = `IF(ABS(${change})>${margin},"${t("commentarySignificant")}","${t("commentaryNotSignificant")}")`;
    return textFormula(fillTemplate(t("commentaryNps"), { period: periodWord(b.ctx) }), { nps: textOf(nps, "0.0"), change: signedText(change, "points"), verdict, margin: textOf(margin, "0.0") });
  },
  earlyWarning(b) {
    const { t } = b.ctx;
    const values = b.at.earlyWarningValues as string;
    return `IF(COUNT(${values})=0,"",${textFormula(t("commentaryEarlyWarning"), { count: `COUNT(${values})`, value: amountText(b.ctx, `SUM(${values})`), currency: currencyWord(b.ctx) })})`;
  },
};

/**
 * The two movements of the revenue bridge (new, returning, expansion, contraction, lost) largest in
 * size, largest first: each step's rank by size (ties in the bridge's order) is counted in one
 * formula of its amounts, and the sentence names the steps ranked 1 and 2 (the second only if not 0).
 */
function drivers(b: ReportBuilder): string {
  const { t } = b.ctx;
  // the bridge's rows on the dashboard, between the period before's revenue and this one's
  const bridge = b.at.bridge as { first: number };
  const steps = REVENUE_BRIDGE_STEPS.slice(1, -1).map(([label], k) => ({ label: t(label), amount: `B${bridge.first + 1 + k}` }));
  const size = (k: number): string => `ABS(${(steps[k] as { amount: string }).amount})`;
  const rank = (i: number): string => `1${steps.map((_, j) => (j === i ? "" : `+(${size(j)}${j < i ? ">=" : ">"}${size(i)})`)).join("")}`;
  /** The step ranked r: its label and amount, as a choice over the steps. */
  const ranked = (r: number, part: (step: { label: string; amount: string }) => string): string =>
    steps.reduceRight((otherwise, step, i) => `IF(${rank(i)}=${r},${part(step)},${otherwise})`, '""');
  const item = (r: number): string => textFormula(t("commentaryDriver"), { label: ranked(r, (step) => `"${step.label}"`), amount: amountText(b.ctx, ranked(r, (step) => step.amount)) });
  const second = `IF(${ranked(2, (step) => size(steps.indexOf(step)))}=0,"",${textFormula(t("commentaryDriverAnd"), {})}&${item(2)})`;
  return `IF(${ranked(1, (step) => size(steps.indexOf(step)))}=0,"",${textFormula(t("commentaryDrivers"), { first: item(1), second })})`;
}

/**
 * Every figure whose light is red (its value misses its target, or the budget standing in for it),
 * once: a light on a cell that refers to another lit figure (the budget lines, the KPI cards' churn)
 * is that figure's. "All figures on target" when none is red.
 */
function offTarget(b: ReportBuilder): string {
  const { t } = b.ctx;
  const dashboard = b.sheet("dashboard");
  const lights = b.lightsWithBudgets();
  const lit = new Set(lights.map((light) => light.range));
  const cell = (address: string) => dashboard.cells.find((each) => each.address === address);
  // (a reference by name, =Revenue, or by address, =B45)
  const own = lights.filter((light) => {
    const referred = /^=([A-Za-z_]\w*)$/.exec(cell(light.range)?.formula ?? "")?.[1];
    return referred === undefined || !lit.has(b.named("dashboard", referred) ?? referred);
  });
  const target = (light: TrafficLightSpec): string => (light.budgetAddress === undefined ? light.targetAddress : `IF(ISNUMBER(${light.budgetAddress}),${light.budgetAddress},${light.targetAddress})`);
  // what the figure is held against: its budget where the period has one, else its target
  const versus = (light: TrafficLightSpec): string => (light.budgetAddress === undefined ? `"${t("commentaryVersusTarget")}"` : `IF(ISNUMBER(${light.budgetAddress}),"${t("commentaryVersusBudget")}","${t("commentaryVersusTarget")}")`);
  const separator = t("commentaryOffTargetSeparator");
  const items = own.map((light) => {
    const label = cell(light.range.replace(/^[A-Z]+/, "A"))?.value;
    const format = cell(light.range)?.numberFormat;
    const item = textFormula(t("commentaryOffTargetItem"), { label: `"${String(label ?? "")}"`, actual: figureText(b.ctx, light.range, format), versus: versus(light), target: figureText(b.ctx, target(light), format) });
    return `IF(${trafficLightRules(light).bad},"${separator}"&${item},"")`;
  });
  if (items.length === 0) return `"${t("commentaryOnTarget")}"`;
  const red = own.map((light) => `(${trafficLightRules(light).bad})`).join("+");
  return `IF(${red}=0,"${t("commentaryOnTarget")}",${textFormula(t("commentaryOffTarget"), { list: `MID(${items.join("&")},${separator.length + 1},4000)` })})`;
}
