/**
 * The revenue bridge as a true waterfall (issue 22, item 4): stacked columns over a small table on the
 * workings, one row per step of the bridge: an invisible base, the totals (the period before's revenue
 * and this one's) solid, each rise green and each fall red, floating from the level before the step to
 * the level after it. Stacked columns with an unfilled first series draw alike in Excel, WPS and
 * LibreOffice, which have no common waterfall type. The rises come first in the bridge (new,
 * returning, expansion) and the falls after (contraction, lost), so every level is at least this
 * period's revenue, never below 0, and the base never negative.
 */
import { columnName } from "../core/a1";
import type { ReportBuilder } from "./builder";
import type { ReportContext } from "./reportContext";
import { periodsBack, REVENUE_BRIDGE_STEPS } from "./figures";
import { trendName } from "./periodSheet";
import { sheetQualifier, type ChartSpec } from "./sheetSpec";

/** The waterfall's colours: totals blue, rises green, falls red (Excel's default accents). */
const COLOURS = { total: "#4472C4", rise: "#70AD47", fall: "#C00000" } as const;

/** The columns of the waterfall's table: the step's label, then base, total, rise, fall. */
const PARTS = ["waterfallBase", "waterfallTotal", "waterfallRise", "waterfallFall"] as const;

/** The workings' rows the waterfall's table takes under the tables per period: its title, its header and a row per step. */
export const WATERFALL_ROWS = 2 + REVENUE_BRIDGE_STEPS.length;

/** Whether the report has the waterfall (and so its table on the workings): with the trend's revenue bridge and the charts. */
export const hasWaterfall = (ctx: ReportContext): boolean => ctx.trend && ctx.sections.charts;

/**
 * Puts the waterfall's table on the workings under the tables per period (A:E) and returns its chart
 * (without its place): categories the dashboard's bridge labels, one series per part.
 */
export function waterfallChart(b: ReportBuilder, bridge: { readonly first: number; readonly last: number }): Omit<ChartSpec, "topLeft" | "bottomRight"> {
  const { t, sheetNames, money } = b.ctx;
  const letter = (j: number): string => columnName(j);
  const heading = (b.at.belowPeriodTables as number) + 1;
  const top = heading + 2;
  const last = top + REVENUE_BRIDGE_STEPS.length - 1;
  b.putOn("workings", { address: `A${heading}`, value: t("waterfallTable"), style: "heading" });
  [t("bridgeStep"), ...PARTS.map((part) => t(part))].forEach((header, j) => {
    b.putOn("workings", { address: `${letter(j)}${heading + 1}`, value: header, style: j === 0 ? "label" : "numberHeader" });
  });
  const amount = (k: number): string => periodsBack(trendName((REVENUE_BRIDGE_STEPS[k] as readonly [unknown, string])[1]), 0);
  REVENUE_BRIDGE_STEPS.forEach(([label], k) => {
    const row = top + k;
    const total = k === 0 || k === REVENUE_BRIDGE_STEPS.length - 1;
    // the level before the step: the period before's revenue and the steps above it
    const before = REVENUE_BRIDGE_STEPS.slice(0, k).map((_, j) => amount(j)).join("+") || "0";
    const step = amount(k);
    const formulas = total ? ["=0", `=${step}`, "=0", "=0"] : [`=${before}+MIN(0,${step})`, "=0", `=MAX(0,${step})`, `=MAX(0,-${step})`];
    b.putOn("workings", { address: `${letter(0)}${row}`, value: t(label) });
    formulas.forEach((formula, j) => b.putOn("workings", { address: `${letter(j + 1)}${row}`, formula, numberFormat: money, style: "helper" }));
  });
  const onWorkings = sheetQualifier(sheetNames.workings);
  const values = (j: number): string => `${onWorkings}${letter(j)}${top}:${letter(j)}${last}`;
  return {
    type: "ColumnStacked", title: t("revenueBridgeOf"), categories: `A${bridge.first}:A${bridge.last}`,
    series: [
      { name: t("waterfallBase"), values: values(1), color: "none" },
      { name: t("waterfallTotal"), values: values(2), color: COLOURS.total, labels: "#,##0;-#,##0;;" },
      { name: t("waterfallRise"), values: values(3), color: COLOURS.rise, labels: "+#,##0;-#,##0;;" },
      { name: t("waterfallFall"), values: values(4), color: COLOURS.fall, labels: "-#,##0;+#,##0;;" },
    ],
  };
}
