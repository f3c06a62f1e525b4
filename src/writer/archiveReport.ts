import { parseMarker, REPORT_MARKER, RefreshRefusedError, withoutNewSheets, type WriteResult } from "./writeReport";
import { asWritten, splitBlock, REQUEST_BUDGET_BYTES, uniqueSheetName } from "./planWrite";
import { readInChunks } from "./readInChunks";

/**
 * "Archive as issued": the dashboard of the report the active sheet belongs to, copied with its
 * formats, tables and charts into a new sheet named for its period ("Issued 2024-09"), every formula
 * replaced by the value it shows, and the sheet protected; so last month's report stays as it was
 * issued while the live one goes on with new data. The copy carries no report marker, so a refresh
 * leaves it alone. Round trips, 6 for a report of ordinary size: (1) the active sheet's marker and
 * the sheet names; (2) where the dashboard's used range is; (3) every cell's value, in slices that
 * keep each response under Excel on the web's 5 MB; (4) the copy, under its name; (5) its values, in
 * more requests only where the size limit demands; (6) protection. If Excel rejects any of it, the copy is deleted.
 *
 * @param nameFor the archive's sheet name from the report's stored settings
 * @throws RefreshRefusedError when the active sheet is not a report this add-in made; ReportWriteError after removing the copy
 */
export async function archiveReport(context: Excel.RequestContext, nameFor: (settings: unknown) => string | undefined): Promise<WriteResult> {
  const active = context.workbook.worksheets.getActiveWorksheet();
  const marker = active.names.getItemOrNullObject(REPORT_MARKER);
  marker.load("value");
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const stored = parseMarker(marker);
  const wanted = stored?.settings === undefined ? undefined : nameFor(stored.settings);
  const dashboard = stored?.sheets?.dashboard;
  if (wanted === undefined || dashboard === undefined) throw new RefreshRefusedError("notReport");
  if (!sheets.items.some((item) => item.name === dashboard)) throw new RefreshRefusedError("missingSheets", [dashboard]);
  const sheet = context.workbook.worksheets.getItem(dashboard);
  const used = sheet.getUsedRangeOrNullObject();
  used.load("address");
  await context.sync();
  if (used.isNullObject) throw new RefreshRefusedError("notReport");
  const archiveName = uniqueSheetName(wanted, sheets.items.map((item) => item.name));

  const read = await readInChunks(context, (local) => sheet.getRange(local), used.address, ["values"]);
  const local = used.address.split("!").at(-1) as string;
  const values = (read.rows.values ?? []).map((row) => row.map(asWritten));
  let syncs = 2 + read.syncs;
  try {
    // The copy takes its name in a request of its own: what follows finds it by that name.
    sheet.copy("After", sheet).name = archiveName;
    await context.sync();
    syncs++;
    const copy = context.workbook.worksheets.getItem(archiveName);
    copy.names.getItem(REPORT_MARKER).delete();
    for (const slice of splitBlock({ range: local, formulas: values }, REQUEST_BUDGET_BYTES)) {
      copy.getRange(slice.range).formulas = slice.formulas as unknown as string[][];
      await context.sync();
      syncs++;
    }
    copy.protection.protect({ allowFormatColumns: true, allowFormatRows: true, allowAutoFilter: true, allowSort: true });
    copy.activate();
    await context.sync();
    return { sheetName: archiveName, syncs: syncs + 1 };
  } catch (error) {
    throw await withoutNewSheets(context, [archiveName], error);
  }
}
