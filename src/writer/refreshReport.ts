/**
 * Refresh: a report's three sheets rebuilt in place from the settings stored with them and the data
 * they hold now; and, when Excel rejects the rewrite halfway, the sheets put back exactly as they were.
 */
import { formatRange, parseRange, type RangeAddress } from "../core/a1";
import { isBlank } from "../core/cells";
import { cellsOutsideReport, editedCells, SCALAR_INPUT_NAMES, DASHBOARD_INPUT_NAMES, type SheetContents } from "../report/readBack";
import type { CellSpec, ReportSpec, SheetSpec } from "../report/sheetSpec";
import { RefreshRefusedError, ReportWriteError, type WriteResult } from "./errors";
import { applySpecs, renamedReport } from "./applySpecs";
import { localAddress, readReport, type ReadSheet } from "./readReport";

export interface RefreshOptions {
  /** Overwrite cells where the user typed over the report's formulas (the pane asks first). */
  readonly discardEdits?: boolean;
  /** Whether Excel has dynamic arrays to ask about (ExcelApi 1.12); true unless said otherwise. */
  readonly spills?: boolean;
}

/**
 * Rebuilds the report the active sheet belongs to, all three of its sheets: its settings come from
 * the marker, its data from its input cells and tables as they are now (typed-over figures and added
 * table rows included), and each sheet is rewritten in place under its name, so formulas elsewhere
 * that point into it keep working. Round trips, 4 for a report of ordinary size (5 in CX mode): those
 * of reading it (readReport), then clear and rewrite with calculation suspended, in more requests
 * only where the size limit demands.
 *
 * It refuses, before changing anything, when the sheet is not such a report, a sheet of it is gone or
 * protected, a sheet holds non-empty cells outside the rebuilt report (the user's own notes would be
 * lost), or the user typed over the report's formulas (unless `discardEdits`). When Excel rejects the
 * rewrite, every sheet is put back as it was read: cells, formulas, number formats and styles, names
 * (the marker among them), tables, charts, traffic lights, page setup and breaks.
 *
 * @param rebuild turns the stored settings and the sheets' current contents into the new report
 * @throws RefreshRefusedError before writing; ReportWriteError untouched (the read failed), rolled back, or not
 */
export async function refreshReport(
  context: Excel.RequestContext,
  rebuild: (settings: unknown, contents: SheetContents) => ReportSpec | undefined,
  options: RefreshOptions = {},
): Promise<WriteResult> {
  const { stored, sheets, contents, taken, syncs } = await readReport(context, { spills: options.spills ?? true, toRewrite: true });
  const built = rebuild(stored.settings, contents);
  if (built === undefined) throw new RefreshRefusedError("notReport");
  // Each sheet keeps its name; the rebuilt report's references follow them.
  const group = stored.sheets ?? {};
  const renames = new Map(built.sheets.map((spec) => [spec.name, group[spec.role ?? "dashboard"] ?? spec.name]));
  const report = renamedReport(built, renames);
  const pairs = report.sheets.flatMap((spec) => {
    const read = sheets.find((candidate) => candidate.name === spec.name);
    return read === undefined ? [] : [{ read, spec }];
  });
  // The user's own cells: neither the rebuilt report's nor those the report wrote, spilled or holds as tables now.
  const outside = pairs.flatMap(({ read, spec }) => cellsOutsideReport(spec, read.before.address, read.before.formulas, [...(read.written ?? []), ...read.spills, ...read.tables.map((table) => table.range)], read.written !== undefined)
    .map((address) => `'${read.name}'!${address}`));
  // A report from before the sheets listed their cells: those cells may be its own, laid out by an
  // earlier version of the add-in, or the user's; refresh cannot tell, and says so.
  if (outside.length > 0) throw new RefreshRefusedError(sheets.some((each) => each.written === undefined) ? "earlierLayout" : "userCells", outside.slice(0, 5));
  // Values typed over the report's formulas (the named inputs are typed over on purpose, and read back).
  const inputs = new Set([...SCALAR_INPUT_NAMES, ...DASHBOARD_INPUT_NAMES]);
  const edited = sheets.flatMap((read) => {
    const inputCells = read.names.filter(({ name }) => inputs.has(name)).map(({ formula }) => localAddress(formula));
    return editedCells(read.before.address, read.before.formulas, read.formulaAreas ?? [], [...read.spills, ...inputCells]).map((address) => `'${read.name}'!${address}`);
  });
  if (edited.length > 0 && options.discardEdits !== true) throw new RefreshRefusedError("editedCells", edited.slice(0, 5));

  clearSheets(context, sheets, report);
  try {
    const writes = await applySpecs(context, pairs.map(({ read, spec }) => ({ sheet: read.sheet, spec })), [...taken]);
    return { sheetName: sheets[0]?.name as string, sheetNames: sheets.map((sheet) => sheet.name), syncs: syncs + writes };
  } catch (error) {
    throw await restoreSheets(context, sheets, report, taken, error);
  }
}

/** The bounding box of a sheet's old used range and of the new report's cells on it, which a clear must cover. */
function extent(read: ReadSheet, spec: SheetSpec | undefined): string {
  const boxes = [read.before.address, ...(spec?.cells.map((cell) => cell.address) ?? []), ...(spec?.tables.map((table) => table.range) ?? [])]
    .map((address) => parseRange(localAddress(address))).filter((box): box is RangeAddress => box !== undefined);
  const box = boxes.reduce((all, each) => ({ top: Math.min(all.top, each.top), left: Math.min(all.left, each.left), bottom: Math.max(all.bottom, each.bottom), right: Math.max(all.right, each.right) }));
  return formatRange(box);
}

/**
 * Queues the removal of everything a report has on its sheets: charts, tables, names, traffic lights,
 * page breaks (else each refresh adds its breaks again: Excel keeps manual breaks until removed), cells
 * and their formats, over the old used range and the new report's cells.
 *
 * @param loaded each sheet's charts, tables and names as loaded now (after a rejected write); by default those read with the report
 */
function clearSheets(context: Excel.RequestContext, sheets: readonly ReadSheet[], report: ReportSpec, loaded?: readonly { charts: readonly { delete(): void }[]; tables: readonly { delete(): void }[]; names: readonly { delete(): void }[] }[]): void {
  sheets.forEach((read, k) => {
    const { sheet } = read;
    const now = loaded?.[k];
    for (const chart of now?.charts ?? sheet.charts.items) chart.delete();
    if (now === undefined) for (const table of read.tables) context.workbook.tables.getItem(table.name).delete();
    else for (const table of now.tables) table.delete();
    for (const name of now?.names ?? sheet.names.items) name.delete();
    sheet.horizontalPageBreaks.removePageBreaks();
    const area = sheet.getRange(extent(read, report.sheets.find((spec) => spec.name === read.name)));
    area.conditionalFormats.clearAll();
    area.dataValidation.clear();
    // (the commentary's merged rows: unmerged, so the new report's cells can be written anywhere)
    area.unmerge();
    area.clear("All");
  });
}

/**
 * After a rejected rewrite: clears what the failed requests left (parts of the new report) and writes
 * each sheet again as it was read (snapshotSpec), through the same writer.
 *
 * @returns the error to throw: rolled back when every sheet came back whole (its layout was recorded)
 */
async function restoreSheets(context: Excel.RequestContext, sheets: readonly ReadSheet[], report: ReportSpec, taken: readonly string[], cause: unknown): Promise<ReportWriteError> {
  try {
    const loaded = sheets.map(({ sheet }) => {
      sheet.charts.load("items/name");
      sheet.tables.load("items/name");
      sheet.names.load("items/name");
      return sheet;
    });
    await context.sync();
    clearSheets(context, sheets, report, loaded.map((sheet) => ({ charts: sheet.charts.items, tables: sheet.tables.items, names: sheet.names.items })));
    await applySpecs(context, sheets.map((read) => ({ sheet: read.sheet, spec: snapshotSpec(read) })), [...taken]);
    return new ReportWriteError(cause, sheets.every((read) => read.layout !== undefined));
  } catch {
    // The workbook refused even that; say so rather than pretend.
    return new ReportWriteError(cause, false);
  }
}

/**
 * A sheet as it was read, as a spec the writer can apply: every cell's formula (or value where it has
 * none) and number format, but nothing in the cells an array spilled into (its anchor fills them
 * again; a value there would block it with #SPILL!); its names with their formulas, its tables, and
 * the charts, traffic lights, page setup, widths and styles its layout record keeps.
 */
export function snapshotSpec(read: ReadSheet): SheetSpec {
  const origin = parseRange(localAddress(read.before.address)) ?? { top: 0, left: 0 };
  const spills = read.spills.map((address) => parseRange(address)).filter((box): box is RangeAddress => box !== undefined);
  const spilled = (row: number, column: number): boolean => spills.some((box) => row >= box.top && row <= box.bottom && column >= box.left && column <= box.right && (row !== box.top || column !== box.left));
  const styles = new Map<string, NonNullable<CellSpec["style"]>>();
  for (const [style, list] of Object.entries(read.layout?.styles ?? {})) {
    for (const part of list.split(",")) {
      const box = parseRange(part);
      if (box !== undefined) for (let r = box.top; r <= box.bottom; r++) for (let c = box.left; c <= box.right; c++) styles.set(formatRange({ top: r, left: c, bottom: r, right: c }), style as NonNullable<CellSpec["style"]>);
    }
  }
  const cells = new Map<string, CellSpec>();
  read.before.formulas.forEach((row, r) => row.forEach((formula, c) => {
    const [top, left] = [origin.top + r, origin.left + c];
    const address = formatRange({ top, left, bottom: top, right: left });
    const value = read.before.values[r]?.[c];
    const format = read.before.numberFormats[r]?.[c];
    const content = spilled(top, left) ? {} : typeof formula === "string" && formula.startsWith("=") ? { formula } : isBlank(value) ? {} : { value: value as string | number | boolean };
    const style = styles.get(address);
    const cell: CellSpec = { address, ...content, ...(typeof format === "string" && format !== "General" ? { numberFormat: format } : {}), ...(style === undefined ? {} : { style }) };
    if (Object.keys(cell).length > 1) cells.set(address, cell);
  }));
  for (const [address, style] of styles) if (!cells.has(address)) cells.set(address, { address, style });
  const layout = read.layout;
  return {
    name: read.name,
    cells: [...cells.values()],
    names: read.names.map(({ name, formula }) => ({ name, range: formula.replace(/^=/, ""), external: true })),
    tables: read.tables,
    charts: layout?.charts ?? [],
    trafficLights: layout?.trafficLights ?? [],
    columnWidths: layout?.columnWidths.map((width) => width ?? undefined) ?? [],
    ...(layout?.print === undefined ? {} : { print: layout.print }),
    ...(layout?.showGridlines === undefined ? {} : { showGridlines: layout.showGridlines }),
    ...(layout?.validations === undefined ? {} : { validations: layout.validations }),
    ...(layout?.dataBars === undefined ? {} : { dataBars: layout.dataBars }),
    ...(layout?.colorScales === undefined ? {} : { colorScales: layout.colorScales }),
  };
}
