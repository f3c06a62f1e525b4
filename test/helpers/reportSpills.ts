/**
 * A SpillModel for the fake workbook (fakeSpills.ts) that knows a report's dynamic arrays: each
 * top-level =CX.… formula of the reports registered, evaluated with the add-in's own functions
 * (evaluateReport.ts), spills the table it returns, as in Excel with the add-in.
 */
import type { ReportSpec } from "../../src/report/sheetSpec";
import { evaluateCxTable, isError } from "./evaluateReport";
import type { Cell, SpillModel } from "./fakeSpills";

/** The functions whose results are tables (a header row and rows), which spill. */
const TABLES = /^=CX\.(CUSTOMER_BRIDGE|REVENUE_BRIDGE|PERIOD_KPIS|RFM_SUMMARY|RFM_SEGMENT_SUMMARY|AT_RISK|RFM|COHORT|BY_UNIT)\(/;

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
