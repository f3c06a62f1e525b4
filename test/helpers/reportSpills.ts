/**
 * A SpillModel for the fake workbook (fakeSpills.ts) that knows a report's dynamic arrays: each
 * top-level =CX.… formula of the reports registered, evaluated with the add-in's own functions
 * (evaluateReport.ts), spills the table it returns, as in Excel with the add-in.
 */
import type { ReportSpec } from "../../src/report/sheetSpec";
import { evaluateCxTable, isError, referenceValues } from "./evaluateReport";
import type { Cell, SpillModel } from "./fakeSpills";

/** The functions whose results are tables (a header row and rows), which spill. */
const TABLES = /^=CX\.(CUSTOMER_BRIDGE|REVENUE_BRIDGE|PERIOD_KPIS|RFM_SUMMARY|RFM_SEGMENT_SUMMARY|AT_RISK|WIN_BACK|NEW_CUSTOMERS|RFM|COHORT|BY_UNIT)\(/;

export interface ReportSpills {
  readonly model: SpillModel;
  /** Learns the arrays of a report's formulas (a report written, refreshed or rolled forward). */
  register(report: ReportSpec | undefined): ReportSpec | undefined;
}

export function reportSpills(): ReportSpills {
  const arrays = new Map<string, Cell[][]>();
  return {
    model: (formula) => arrays.get(formula),
    register(report) {
      for (const sheet of report?.sheets ?? []) {
        for (const cell of sheet.cells) {
          // The unit selector's list: SORT(UNIQUE(the unit labels)), as Excel spills it (UNIQUE ignores letter
          // case; SORT orders text as the user's language does: Chinese by pinyin, as a zh-CN Excel).
          const list = cell.formula === undefined ? null : /^=SORT\(UNIQUE\(IF\(((?:'(?:[^']|'')+'!)?\w+)="","([^"]*)",\1&""\)\)\)$/.exec(cell.formula);
          if (list !== null && cell.formula !== undefined && !arrays.has(cell.formula)) {
            const labels = referenceValues(report as ReportSpec, list[1] as string, sheet).map(([value]) => (value === "" || value === undefined ? (list[2] as string) : String(value)));
            const unique = [...new Map(labels.map((label) => [label.toLowerCase(), label])).values()].sort((a, b) => a.localeCompare(b, "zh-CN"));
            arrays.set(cell.formula, unique.map((label) => [label]));
            continue;
          }
          if (cell.formula === undefined || !TABLES.test(cell.formula) || arrays.has(cell.formula)) continue;
          const result = evaluateCxTable(report as ReportSpec, cell.formula, sheet);
          const shown = result.map((row) => row.map((value): Cell => (isError(value) ? "#N/A" : typeof value === "number" || typeof value === "string" || typeof value === "boolean" ? value : "")));
          if (shown.length > 1 || (shown[0]?.length ?? 0) > 1) arrays.set(cell.formula, shown);
        }
      }
      return report;
    },
  };
}
