/**
 * "Archive as issued", each unit (DOMAIN.md §8): beside the whole report's issued sheet, one issued
 * sheet per unit of the dashboard's selector ("Issued 2024-09 East"), each frozen with the selector
 * set to its unit: the selector is set, the figures settle, the dashboard is issued as archiveReport
 * does; then the selector goes back to what the user had chosen. If any step fails, the sheets this
 * run made are deleted and the selector put back.
 */
import type { WriteResult } from "./errors";
import { archiveReport, type ArchiveOptions } from "./archiveReport";
import { REPORT_MARKER, parseMarker } from "./markers";
import { RefreshRefusedError } from "./errors";

/** The most unit sheets one run issues: a workbook of a few dozen, not a sheet per store of a chain. */
export const MOST_ISSUED_UNITS = 50;

export interface ArchivedUnits extends WriteResult {
  /** The issued sheets, one per unit, in the selector's order. */
  readonly sheetNames: readonly string[];
}

/**
 * @param nameFor the issued sheet's name for a unit, from the report's stored settings
 * @throws RefreshRefusedError when the active sheet's report has no unit selector, or too many units; as archiveReport otherwise
 */
export async function archiveEachUnit(context: Excel.RequestContext, nameFor: (settings: unknown, unit: string) => string | undefined, options: ArchiveOptions = {}): Promise<ArchivedUnits> {
  const marker = context.workbook.worksheets.getActiveWorksheet().names.getItemOrNullObject(REPORT_MARKER);
  marker.load("value");
  await context.sync();
  const dashboardName = parseMarker(marker)?.sheets?.dashboard;
  if (dashboardName === undefined) throw new RefreshRefusedError("notReport");
  const dashboard = context.workbook.worksheets.getItem(dashboardName);
  const selector = dashboard.names.getItemOrNullObject("Selected_Unit").getRangeOrNullObject();
  const list = dashboard.names.getItemOrNullObject("Unit_List_Area").getRangeOrNullObject();
  selector.load("values");
  list.load("values");
  await context.sync();
  if (selector.isNullObject || list.isNullObject) throw new RefreshRefusedError("noUnits");
  const chosen = selector.values[0]?.[0] as string | number;
  // the list's first entry is All (the whole report, issued on its own)
  const units = list.values.slice(1).map((row) => String(row[0] ?? "")).filter((unit) => unit !== "");
  if (units.length === 0) throw new RefreshRefusedError("noUnits");
  if (units.length > MOST_ISSUED_UNITS) throw new RefreshRefusedError("tooManyUnits", [String(units.length), String(MOST_ISSUED_UNITS)]);
  const made: string[] = [];
  let syncs = 2;
  try {
    for (const unit of units) {
      selector.values = [[unit]];
      dashboard.activate();
      await context.sync();
      const issued = await archiveReport(context, (settings) => nameFor(settings, unit), options);
      made.push(issued.sheetName);
      syncs += 1 + issued.syncs;
    }
  } catch (error) {
    for (const name of made) context.workbook.worksheets.getItem(name).delete();
    selector.values = [[chosen]];
    dashboard.activate();
    await context.sync().catch(() => undefined);
    throw error;
  }
  selector.values = [[chosen]];
  dashboard.activate();
  await context.sync();
  return { sheetName: made[0] ?? dashboardName, sheetNames: made, syncs: syncs + 1 };
}
