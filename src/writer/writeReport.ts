/**
 * Writing a report into new sheets; and the writer's surface for the task pane's gateway, which
 * reaches the month-end steps through it: roll forward (rollForward.ts, the next period's report
 * written the same way) and refresh (refreshReport.ts); archive is archiveReport.ts.
 */
import type { ReportSpec } from "../report/sheetSpec";
import { ReportWriteError, type WriteProgress, type WriteResult } from "./errors";
import { applySpecs, withSheetNames } from "./applySpecs";

export { RefreshRefusedError, ReportWriteError, type WriteProgress, type WriteResult } from "./errors";
export { withSheetNames } from "./applySpecs";
export { cellAreas, LAYOUT_RECORD, parseMarker, REPORT_MARKER, textFormula, WRITTEN_CELLS, type ReportMarker } from "./markers";
export { refreshReport, type RefreshOptions } from "./refreshReport";
export { rollForwardReport } from "./rollForward";

/**
 * Writes a report into the workbook: (1) read the sheet and table names; (2) with calculation
 * suspended, add its sheets (the dashboard, its data and its workings) under unique names and write
 * everything, in one request for a report of ordinary size and in more only where the 5 MB request
 * limit demands (thousands of linked rows in portable mode); and only if that failed, one more to
 * delete the new sheets again. 2 round trips, however many sheets and rows; it never touches an
 * existing sheet or cell. Names are scoped to their sheet, so several reports in one workbook do not clash.
 *
 * @throws ReportWriteError after rolling back, when Excel rejects the write (untouched when it rejected the first look)
 */
export async function writeReport(context: Excel.RequestContext, report: ReportSpec, progress?: WriteProgress): Promise<WriteResult> {
  const sheets = context.workbook.worksheets;
  sheets.load("items");
  const existingTables = context.workbook.tables;
  existingTables.load("items");
  try {
    await context.sync();
  } catch (error) {
    throw new ReportWriteError(error, true, true);
  }
  const before = sheets.items.map((sheet) => sheet.name);
  const named = withSheetNames(report, before);
  const sheetNames = named.sheets.map((spec) => spec.name);
  try {
    const targets = named.sheets.map((spec) => ({ sheet: sheets.add(spec.name), spec }));
    const writes = await applySpecs(context, targets, existingTables.items.map((table) => table.name), progress);
    return { sheetName: sheetNames[0] as string, sheetNames, syncs: 1 + writes };
  } catch (error) {
    throw await withoutNewSheets(context, sheetNames, error);
  }
}

/**
 * After a failed write: removes the sheets this run made (and with them their names, tables and
 * formats), and gives the error to throw, which says whether the workbook is as it was.
 */
export async function withoutNewSheets(context: Excel.RequestContext, sheetNames: readonly string[], cause: unknown): Promise<ReportWriteError> {
  return cleanedUp(cause, async () => {
    for (const name of sheetNames) context.workbook.worksheets.getItemOrNullObject(name).delete();
    await context.sync();
  });
}

/**
 * After a failed copy: removes every sheet that was not in the workbook before the run, whatever
 * Excel named it (a copy it named "Report (2)" before the rename to its own name was refused).
 *
 * @param before the names of the sheets the workbook had when the run began
 */
export async function withoutSheetsSince(context: Excel.RequestContext, before: readonly string[], cause: unknown): Promise<ReportWriteError> {
  return cleanedUp(cause, async () => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    const had = new Set(before);
    for (const sheet of sheets.items) if (!had.has(sheet.name)) context.workbook.worksheets.getItem(sheet.name).delete();
    await context.sync();
  });
}

/** The error to throw after a clean-up: rolled back when it went through; when the workbook refused even that, said so rather than pretended. */
async function cleanedUp(cause: unknown, cleanUp: () => Promise<void>): Promise<ReportWriteError> {
  try {
    await cleanUp();
    return new ReportWriteError(cause, true);
  } catch {
    return new ReportWriteError(cause, false);
  }
}
