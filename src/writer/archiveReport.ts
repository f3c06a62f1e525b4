import { columnName, formatRange, parseRange } from "../core/a1";
import type { ChartSpec } from "../report/sheetSpec";
import { RefreshRefusedError, ReportWriteError, type WriteResult } from "./errors";
import { isoDateOfSerial } from "../core/dates";
import { reportSummary } from "../report/readBack";
import { FORMULA_CELLS, ISSUED_MARKER, LAYOUT_RECORD, parseLayout, parseMarker, REPORT_MARKER, textFormula, textOfFormula, WRITTEN_CELLS } from "./markers";
import { addChart } from "./pageLayout";
import { asWritten, batchBlocks, isErrorValue, isPending, uniqueSheetName } from "./planWrite";
import { readAreasInChunks, type ReadArea } from "./readInChunks";
import { localAddress } from "./readReport";
import { withoutSheetsSince } from "./writeReport";

export interface ArchiveOptions {
  /** Waits between reads while custom functions still calculate; a timer unless a test says otherwise. */
  readonly wait?: (ms: number) => Promise<void>;
  /** The waits before it gives up, in milliseconds (about 30 s in all by default). */
  readonly waits?: readonly number[];
  /** Today (an Excel serial): a report whose period has not ended by then is refused ("notEnded"). */
  readonly today?: number;
}

const WAITS = [250, 500, 1000, 2000, 2000, 4000, 4000, 8000, 8000];
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The error a chart shows as a gap (a period without the figure: churn with nobody at the start). */
const NO_VALUE = "#N/A";

/** The ranges a chart reads on other sheets than its own: an issued copy must hold their values itself. */
const chartRanges = (chart: ChartSpec): string[] => [chart.categories, ...chart.series.map((each) => each.values)];

/**
 * "Archive as issued": the dashboard of the report the active sheet belongs to, copied with its
 * formats, tables and charts into a new sheet named for its period ("Issued 2024-09") and placed
 * after the report's sheets, every formula replaced by the value it shows, and the sheet protected;
 * so last month's report stays as it was issued while the live one goes on with new data. Its charts
 * plot values kept on the issued sheet itself (beside its print area), never the live workings. The
 * copy carries no report marker, so a refresh leaves it alone.
 *
 * It issues only settled figures: while any cell reads #BUSY! (custom functions still calculating,
 * office-js #6930), it reads again after a wait, and refuses ("notSettled") if they never settle; a
 * dashboard that shows error values ("errorCells", e.g. #REF! after its data sheet was deleted) or is
 * protected is refused, naming them. Round trips, 7 for a report of ordinary size: (1) the marker and
 * sheet names; (2) the dashboard's used range, protection and layout record; (3) its values and those
 * its charts read, again while they are busy; (4) the copy, under its name; (5) the copy's names and
 * charts; (6) its values, chart data and charts, in more requests only where the size limit demands;
 * (7) protection. If Excel rejects any
 * of it, every sheet the run made is deleted, whatever Excel had named it.
 *
 * @param nameFor the archive's sheet name from the report's stored settings
 * @throws RefreshRefusedError before anything is made; ReportWriteError after removing the copy (untouched when a read failed)
 */
export async function archiveReport(context: Excel.RequestContext, nameFor: (settings: unknown) => string | undefined, options: ArchiveOptions = {}): Promise<WriteResult> {
  let read: Awaited<ReturnType<typeof readDashboard>>;
  try {
    read = await readDashboard(context, nameFor, options);
  } catch (error) {
    if (error instanceof RefreshRefusedError) throw error;
    throw new ReportWriteError(error, true, true);
  }
  const { sheet, dashboard, before, archiveName, after, used, values, charts, chartData, period, syncs: readSyncs } = read;
  let syncs = readSyncs;
  try {
    // The copy takes its name in a request of its own: what follows finds it by that name.
    sheet.copy("After", context.workbook.worksheets.getItem(after)).name = archiveName;
    await context.sync();
    const copy = context.workbook.worksheets.getItem(archiveName);
    copy.names.load("items/name");
    copy.charts.load("items/name");
    await context.sync();
    syncs += 2;
    // Not a report: without the names that mark one. Its charts read the live report's other
    // sheets, so they are drawn again on values the issued sheet holds itself.
    for (const name of copy.names.items) if ([REPORT_MARKER, WRITTEN_CELLS, FORMULA_CELLS, LAYOUT_RECORD].includes(name.name)) name.delete();
    // Marked as issued, with its period and the live report, for the task pane.
    copy.names.add(ISSUED_MARKER, textFormula(JSON.stringify({ period: period ?? archiveName, report: dashboard })));
    if (charts !== undefined) {
      for (const chart of copy.charts.items) chart.delete();
      const moved = new Map(chartData.map((data) => [data.from, data.at]));
      const own = (address: string): string => moved.get(address) ?? localAddress(address);
      for (const chart of charts) addChart(context, copy, { ...chart, categories: own(chart.categories), series: chart.series.map((each) => ({ ...each, values: own(each.values) })) });
    }
    // Frozen as issued: a list to choose a unit from (the unit selector) would change nothing on values.
    copy.getRange(localAddress(used)).dataValidation.clear();
    const blocks = [{ range: localAddress(used), formulas: values }, ...chartData.map((data) => ({ range: data.at, formulas: data.values }))];
    for (const batch of batchBlocks(blocks)) {
      for (const slice of batch) copy.getRange(slice.range).formulas = slice.formulas as unknown as string[][];
      await context.sync();
      syncs++;
    }
    copy.protection.protect({ allowFormatColumns: true, allowFormatRows: true, allowAutoFilter: true, allowSort: true });
    copy.activate();
    await context.sync();
    return { sheetName: archiveName, syncs: syncs + 1 };
  } catch (error) {
    throw await withoutSheetsSince(context, before, error);
  }
}

/** Reads what an archive needs, refusing before anything is made where it must. */
async function readDashboard(context: Excel.RequestContext, nameFor: (settings: unknown) => string | undefined, options: ArchiveOptions) {
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
  const summary = reportSummary(stored?.settings);
  if (options.today !== undefined && summary !== undefined && summary.periodEnd >= options.today) throw new RefreshRefusedError("notEnded", [summary.period, isoDateOfSerial(summary.periodEnd)]);
  const before = sheets.items.map((item) => item.name);
  if (!before.includes(dashboard)) throw new RefreshRefusedError("missingSheets", [dashboard]);
  const sheet = context.workbook.worksheets.getItem(dashboard);
  const used = sheet.getUsedRangeOrNullObject();
  used.load("address");
  sheet.protection.load("protected");
  const layout = sheet.names.getItemOrNullObject(LAYOUT_RECORD);
  layout.load("formula");
  await context.sync();
  if (used.isNullObject) throw new RefreshRefusedError("notReport");
  if (sheet.protection.protected) throw new RefreshRefusedError("protected", [dashboard]);
  const charts = layout.isNullObject ? undefined : parseLayout(textOfFormula(layout.formula))?.charts;
  // The issued sheet goes after the report's last sheet, not between them.
  const ours = new Set(Object.values(stored?.sheets ?? {}));
  const after = before.filter((name) => ours.has(name)).at(-1) ?? dashboard;
  const archiveName = uniqueSheetName(wanted, before);

  // The dashboard's values and those its charts read on other sheets, read again while any is still calculating.
  const external = [...new Set((charts ?? []).flatMap(chartRanges).filter((address) => parseRange(address)?.sheet !== undefined && parseRange(address)?.sheet !== dashboard))];
  const areas: ReadArea[] = [
    { address: used.address, rangeAt: (local) => sheet.getRange(local) },
    ...external.map((address) => ({ address, rangeAt: (local: string) => context.workbook.worksheets.getItem((parseRange(address) as { sheet: string }).sheet).getRange(local) })),
  ];
  let syncs = 2;
  let reads = await readAreasInChunks(context, areas, ["values"]);
  syncs += reads[0]?.syncs ?? 0;
  /** The cells read whose values pass `test`, by address (the dashboard's plain, others' with their sheet). */
  const cellsWhere = (test: (value: unknown, onChart: boolean) => boolean): string[] => reads.flatMap((each, k) => {
    const origin = parseRange((areas[k] as ReadArea).address) ?? { top: 0, left: 0, sheet: undefined };
    const prefix = k === 0 ? "" : `'${origin.sheet ?? ""}'!`;
    const found: string[] = [];
    (each.rows.values ?? []).forEach((row, r) => row.forEach((value, c) => {
      if (test(value, k > 0)) found.push(`${prefix}${columnName(origin.left + c)}${origin.top + r + 1}`);
    }));
    return found;
  });
  let pending = cellsWhere(isPending);
  for (const ms of options.waits ?? WAITS) {
    if (pending.length === 0) break;
    await (options.wait ?? sleep)(ms);
    reads = await readAreasInChunks(context, areas, ["values"]);
    syncs += reads[0]?.syncs ?? 0;
    pending = cellsWhere(isPending);
  }
  if (pending.length > 0) throw new RefreshRefusedError("notSettled", pending.slice(0, 5));
  // (a chart's #N/A is a period without the figure, a gap in the line: it stays one in the issued copy)
  const errors = cellsWhere((value, onChart) => isErrorValue(value) && !(onChart && value === NO_VALUE));
  if (errors.length > 0) throw new RefreshRefusedError("errorCells", errors.slice(0, 5));

  // Where the charts' other-sheet values go on the issued sheet: side by side, two columns right of the used range.
  const box = parseRange(used.address) as { right: number };
  let column = box.right + 2;
  const chartData = external.map((from, k) => {
    const rows = (reads[k + 1]?.rows.values ?? []).map((row) => row.map((value) => (value === NO_VALUE ? "=NA()" : asWritten(value))));
    const width = Math.max(1, ...rows.map((row) => row.length));
    const at = formatRange({ top: 0, left: column, bottom: Math.max(0, rows.length - 1), right: column + width - 1 });
    column += width;
    return { from, at, values: rows };
  });
  const values = (reads[0]?.rows.values ?? []).map((row) => row.map(asWritten));
  return { sheet, dashboard, before, archiveName, after, used: used.address, values, charts, chartData, period: summary?.period, syncs };
}
