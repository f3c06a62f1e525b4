/**
 * The customer-metrics report as data (DESIGN.md "Report template"): three sheets (the dashboard a
 * manager reads and prints, the data to type or link, the workings behind the figures), built by the
 * sections below in order through the builder (builder.ts). Both formula modes compute the same
 * numbers for valid inputs, the portable one with built-in functions only (a zero denominator becomes
 * #N/A, as CX's errors do; out-of-scale answers are refused only by CX).
 *
 * A new section is one file in sections/ and one line in SECTIONS (docs/architecture.md).
 */
import { ReportBuilder, type Section, type SheetParts } from "./builder";
import { reportContext } from "./reportContext";
import type { ReportOptions } from "./reportOptions";
import type { ReportSpec, SheetRole } from "./sheetSpec";
import { TABLE_FIRST_COLUMN } from "./tables";
import { budget } from "./sections/budget";
import { budgetTable } from "./sections/budgetTable";
import { byUnit } from "./sections/byUnit";
import { channelTable } from "./sections/channelTable";
import { charts } from "./sections/charts";
import { commentary } from "./sections/commentary";
import { commentaryText } from "./sections/commentaryText";
import { customerSummary } from "./sections/customerSummary";
import { earlyWarning } from "./sections/earlyWarning";
import { cohortTriangle } from "./sections/cohort";
import { followUpLists } from "./sections/followUpLists";
import { engagementTable } from "./sections/engagementTable";
import { kpiCards } from "./sections/kpiCards";
import { lifecycle } from "./sections/lifecycle";
import { periodFigures } from "./sections/periodFigures";
import { periodTables } from "./sections/periodTables";
import { print } from "./sections/print";
import { revenueBridge } from "./sections/revenueBridge";
import { rfm } from "./sections/rfm";
import { satisfaction } from "./sections/satisfaction";
import { scalarInputs } from "./sections/scalarInputs";
import { surveyTable } from "./sections/surveyTable";
import { titleBlock } from "./sections/titleBlock";
import { transactions } from "./sections/transactions";
import { trendTables } from "./sections/trendTables";
import { unitSelector } from "./sections/unitSelector";
import { yearToDateFigures } from "./sections/yearToDate";

export * from "./reportOptions";
export { SAMPLE_INPUTS, SAMPLE_TARGETS, SAMPLE_UNIT_NAMES, sampleInputsFor } from "./sampleInputs";
export { FIGURE_NAMES, TARGET_KEYS } from "./figures";

/**
 * The report's sections in the order they build: the input tables of the data and workings sheets
 * first (their columns' names are what the dashboard's formulas read), then the dashboard from the
 * top down, its charts beside what they show, and how each sheet prints.
 */
export const SECTIONS: readonly Section[] = [
  titleBlock, surveyTable, channelTable, periodTables, transactions, followUpLists, customerSummary, engagementTable, budgetTable, scalarInputs,
  unitSelector, commentary, periodFigures, yearToDateFigures, budget, revenueBridge, kpiCards, satisfaction, lifecycle, rfm, earlyWarning, trendTables, cohortTriangle, byUnit, charts, commentaryText, print,
];

const newParts = (widths: (number | undefined)[], nextColumn: number): SheetParts => ({ cells: [], names: [], tables: [], widths, nextColumn });

export function buildReport(options: ReportOptions): ReportSpec {
  return buildReportBySection(options).report;
}

/**
 * The report, and which section put each cell (by sheet role and A1 address): for checks of the
 * formulas that name the section a problem is in.
 */
export function buildReportBySection(options: ReportOptions): { report: ReportSpec; sectionOf: (role: SheetRole, address: string) => string | undefined } {
  const ctx = reportContext(options);
  const parts: Record<SheetRole, SheetParts> = {
    dashboard: newParts([260, 120, 110, 110, 110], 0),
    data: newParts([220, 110, 24], TABLE_FIRST_COLUMN.data),
    workings: newParts([], TABLE_FIRST_COLUMN.workings),
  };
  const builder = new ReportBuilder(ctx, parts);
  const put = new Map<string, string>();
  for (const section of SECTIONS) {
    if (!section.when(ctx)) continue;
    const before = Object.fromEntries(Object.entries(parts).map(([role, part]) => [role, part.cells.length]));
    section.build(builder);
    for (const [role, part] of Object.entries(parts)) {
      for (const cell of part.cells.slice(before[role])) if (!put.has(`${role}!${cell.address}`)) put.set(`${role}!${cell.address}`, section.id);
    }
  }
  return { report: builder.finish(), sectionOf: (role, address) => put.get(`${role}!${address}`) };
}
