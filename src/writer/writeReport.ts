import { columnName, parseRange } from "../core/a1";
import { cellsOutsideReport, SCALAR_INPUT_NAMES, type SheetContents } from "../report/readBack";
import type { SheetSpec } from "../report/sheetSpec";
import { batchBlocks, planWrite, REQUEST_BUDGET_BYTES, splitBlock, uniqueSheetName, uniqueTableName, type WritePlan } from "./planWrite";
import { readInChunks } from "./readInChunks";

export interface WriteResult {
  readonly sheetName: string;
  /** context.sync round trips used: 2 for a report of ordinary size (look, write); more only for requests over the size limit. */
  readonly syncs: number;
}

/** A failed write after which everything the run created has been removed again. */
export class ReportWriteError extends Error {
  readonly rolledBack: boolean;
  constructor(cause: unknown, rolledBack: boolean) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "ReportWriteError";
    this.rolledBack = rolledBack;
  }
}

const STYLE_FORMATS = {
  title: { bold: true, size: 16, fill: undefined },
  heading: { bold: true, size: 12, fill: "#DEEAF6" }, // a light blue band, as Excel's "Accent 1, 40%" heading
  label: { bold: false, size: 11, fill: undefined },
  input: { bold: false, size: 11, fill: "#FFF2CC" }, // Excel's "Input" cell-style yellow
  kpi: { bold: true, size: 11, fill: undefined },
  helper: { bold: false, size: 11, fill: "#F2F2F2" }, // light grey: working columns, not for typing into
} as const;

/** The sheet-scoped name that marks a sheet as a report this add-in made, holding what refresh needs. */
export const REPORT_MARKER = "CX_Report";

/** What the marker holds: the report's settings and the actual names of its tables, by the names the spec wanted. */
export interface ReportMarker {
  readonly settings: unknown;
  readonly tables: Readonly<Record<string, string>>;
  /** The user's Excel tables the report links to, whose size refresh reads again. */
  readonly linkedTables?: readonly string[];
}

/**
 * A name's formula holding a long text: Excel caps a text literal at 255 characters, so the text is
 * written as literals of at most 200 joined with &.
 */
export function textFormula(text: string): string {
  const parts: string[] = [];
  for (let i = 0; i < text.length || parts.length === 0; i += 200) parts.push(`"${text.slice(i, i + 200).replace(/"/g, '""')}"`);
  return `=${parts.join("&")}`;
}

/**
 * Writes a spec onto a sheet: the cells in as few requests as the 5 MB limit of Excel on the web
 * allows (one for a report of ordinary size), each with calculation suspended, and with the last of
 * them formats, names, tables under workbook-unique names, charts, traffic lights, widths and the
 * marker. Whatever the caller queued before (a new sheet, a clear) goes with the first request.
 *
 * @returns the number of context.sync calls made
 */
async function applySpec(context: Excel.RequestContext, sheet: Excel.Worksheet, spec: SheetSpec, takenTableNames: string[]): Promise<number> {
  const plan = planWrite(spec);
  const rest = JSON.stringify([plan.styles, spec.names, spec.tables, spec.charts, spec.trafficLights, spec.settings ?? ""]).length + 64 * 1024;
  const batches = batchBlocks(plan.blocks, REQUEST_BUDGET_BYTES, rest);
  for (const [i, batch] of batches.entries()) {
    context.application.suspendApiCalculationUntilNextSync();
    for (const block of batch) {
      const range = sheet.getRange(block.range);
      if (block.numberFormats !== undefined) range.numberFormat = block.numberFormats;
      range.formulas = block.formulas as unknown as string[][];
    }
    if (i === batches.length - 1) applyLayout(sheet, spec, plan, takenTableNames);
    await context.sync();
  }
  return batches.length;
}

/** Queues what is not cell contents: styles, names, tables, charts, traffic lights, widths, the marker. */
function applyLayout(sheet: Excel.Worksheet, spec: SheetSpec, plan: WritePlan, takenTableNames: string[]): void {
  for (const [style, addresses] of Object.entries(plan.styles)) {
    const look = STYLE_FORMATS[style as keyof typeof STYLE_FORMATS];
    const cells = sheet.getRanges(addresses);
    cells.format.font.bold = look.bold;
    cells.format.font.size = look.size;
    if (look.fill !== undefined) cells.format.fill.color = look.fill;
  }
  for (const name of spec.names) sheet.names.add(name.name, name.external === true ? `=${name.range}` : sheet.getRange(name.range));
  const tables: Record<string, string> = {};
  for (const table of spec.tables) {
    const name = uniqueTableName(table.name, takenTableNames);
    takenTableNames.push(name);
    tables[table.name] = name;
    sheet.tables.add(table.range, true).name = name;
  }
  for (const chart of spec.charts) {
    // The values are uncalculated while the writer runs (calculation is suspended, and custom
    // functions return later), and Excel makes no series from an empty range. So the chart is
    // anchored at its own top-left cell, which the report leaves empty, and gets its one series
    // explicitly (ExcelApi 1.7): never a series Excel may or may not have made.
    const added = sheet.charts.add(chart.type, sheet.getRange(chart.topLeft), "Columns");
    added.title.text = chart.title;
    added.legend.visible = chart.type === "Pie";
    const series = added.series.add(chart.title);
    series.setValues(sheet.getRange(chart.values));
    series.setXAxisValues(sheet.getRange(chart.categories));
    added.setPosition(chart.topLeft, chart.bottomRight);
  }
  for (const light of spec.trafficLights) {
    const target = `=$${light.targetAddress.replace(/(\d+)$/, "$$$1")}`;
    const good = sheet.getRange(light.range).conditionalFormats.add("CellValue");
    good.cellValue.format.fill.color = "#C6EFCE"; // Excel's "Good" green
    good.cellValue.rule = { formula1: target, operator: light.direction === "atLeast" ? "GreaterThanOrEqual" : "LessThanOrEqual" };
    const bad = sheet.getRange(light.range).conditionalFormats.add("CellValue");
    bad.cellValue.format.fill.color = "#FFC7CE"; // Excel's "Bad" red
    bad.cellValue.rule = { formula1: target, operator: light.direction === "atLeast" ? "LessThan" : "GreaterThan" };
  }
  if (spec.showGridlines === false) sheet.showGridlines = false;
  spec.columnWidths.forEach((width, i) => {
    if (width !== undefined) sheet.getRange(`${columnName(i)}:${columnName(i)}`).format.columnWidth = width;
  });
  if (spec.settings !== undefined) {
    const marker = `{"settings":${spec.settings},"tables":${JSON.stringify(tables)},"linkedTables":${JSON.stringify(spec.linkedTables ?? [])}}`;
    sheet.names.add(REPORT_MARKER, textFormula(marker));
  }
  sheet.activate();
}

/**
 * Writes a report sheet into the workbook: (1) read the sheet and table names; (2) with calculation
 * suspended, add a new sheet under a unique name and write everything, in one request for a report
 * of ordinary size and in more only where the 5 MB request limit demands (thousands of linked rows in
 * portable mode); and only if that failed, one more to delete the new sheet again. It never touches an existing sheet or cell.
 * Names are scoped to the new sheet, so several reports in one workbook do not clash.
 *
 * @throws ReportWriteError after rolling back, when Excel rejects the write
 */
export async function writeReport(context: Excel.RequestContext, spec: SheetSpec): Promise<WriteResult> {
  const sheets = context.workbook.worksheets;
  sheets.load("items");
  const existingTables = context.workbook.tables;
  existingTables.load("items");
  await context.sync();
  const sheetName = uniqueSheetName(spec.name, sheets.items.map((sheet) => sheet.name));
  try {
    const writes = await applySpec(context, sheets.add(sheetName), spec, existingTables.items.map((table) => table.name));
    return { sheetName, syncs: 1 + writes };
  } catch (error) {
    throw await withoutNewSheet(context, sheetName, error);
  }
}

/**
 * After a failed write: removes the sheet this run made (and with it its names, tables and formats),
 * and gives the error to throw, which says whether the workbook is as it was.
 */
export async function withoutNewSheet(context: Excel.RequestContext, sheetName: string, cause: unknown): Promise<ReportWriteError> {
  try {
    context.workbook.worksheets.getItemOrNullObject(sheetName).delete();
    await context.sync();
    return new ReportWriteError(cause, true);
  } catch {
    // The workbook refused even the clean-up; say so rather than pretend.
    return new ReportWriteError(cause, false);
  }
}

/** The part of `rows` (read from `area`) that lies in `part`, both A1 addresses on one sheet. */
function cutOut(area: string, rows: readonly (readonly unknown[])[], part: string): unknown[][] {
  const outer = parseRange(area);
  const inner = parseRange(part);
  if (outer === undefined || inner === undefined) return [];
  return rows.slice(inner.top - outer.top, inner.bottom - outer.top + 1).map((row) => row.slice(inner.left - outer.left, inner.right - outer.left + 1));
}

/** Why a refresh did not start: the active sheet is not a report this add-in made, or it holds cells of the user's. */
export class RefreshRefusedError extends Error {
  readonly reason: "notReport" | "userCells";
  /** The user's cells outside the report (first few), for "userCells". */
  readonly cells: readonly string[];
  constructor(reason: "notReport" | "userCells", cells: readonly string[] = []) {
    super(reason === "notReport" ? "the active sheet is not a report made by this add-in" : `cells outside the report are not empty: ${cells.join(", ")}`);
    this.name = "RefreshRefusedError";
    this.reason = reason;
    this.cells = cells;
  }
}

/** A report sheet as read for a rebuild: what it was made from and what it holds now. */
interface ReadReport {
  readonly sheet: Excel.Worksheet;
  readonly stored: ReportMarker;
  readonly contents: SheetContents;
  /** The used range's address and formulas, and the tables of other reports (for unique names). */
  readonly before: { readonly address: string; readonly formulas: readonly (readonly unknown[])[] };
  readonly taken: readonly string[];
  readonly syncs: number;
}

/**
 * Reads the active sheet if it is a report this add-in made, in 3 round trips for one of ordinary
 * size: (1) the marker, names, tables, charts and where the used range is; (2) the input cells, where
 * the tables' bodies are, and where the user's linked Excel tables are now (so links follow rows added
 * to them); (3) every cell's value and formula, in slices that keep each response under the 5 MB
 * Excel on the web allows, the table bodies among them.
 *
 * @throws RefreshRefusedError when it is not such a report
 */
async function readReport(context: Excel.RequestContext): Promise<ReadReport> {
  const sheet = context.workbook.worksheets.getActiveWorksheet();
  sheet.load("name");
  const marker = sheet.names.getItemOrNullObject(REPORT_MARKER);
  marker.load("value");
  sheet.names.load("items/name");
  sheet.tables.load("items/name");
  sheet.charts.load("items/name");
  const allTables = context.workbook.tables;
  allTables.load("items/name");
  const used = sheet.getUsedRangeOrNullObject();
  used.load("address");
  await context.sync();
  let stored: ReportMarker | undefined;
  try {
    stored = marker.isNullObject ? undefined : (JSON.parse(String(marker.value)) as ReportMarker);
  } catch {
    stored = undefined;
  }
  if (stored === undefined || typeof stored.tables !== "object" || stored.tables === null) throw new RefreshRefusedError("notReport");

  // (2) the input cells, where the report's tables are now, and where the user's linked tables are
  const scalarRanges = SCALAR_INPUT_NAMES.map((name) => {
    const item = sheet.names.getItemOrNullObject(name);
    const range = item.getRangeOrNullObject();
    range.load("values");
    return [name, range] as const;
  });
  const ownTables = new Set(Object.values(stored.tables).map((name) => name.toLowerCase()));
  const bodies = Object.entries(stored.tables).map(([wanted, actual]) => {
    const body = sheet.tables.getItemOrNullObject(actual).getDataBodyRange();
    body.load("address");
    return [wanted, body] as const;
  });
  const linked = (stored.linkedTables ?? []).map((name) => {
    const body = context.workbook.tables.getItemOrNullObject(name).getDataBodyRange();
    body.load("address");
    return [name, body] as const;
  });
  await context.sync();
  // (3) every cell, values and formulas, in slices that keep each response under Excel on the web's
  // size limit; the tables' bodies are read out of it
  const read = used.isNullObject
    ? { rows: { values: [[""]], formulas: [[""]] }, syncs: 0 }
    : await readInChunks(context, (local) => sheet.getRange(local), used.address, ["values", "formulas"]);
  const before = { address: used.isNullObject ? "A1" : used.address, formulas: read.rows.formulas ?? [] };
  const contents: SheetContents = {
    scalars: Object.fromEntries(scalarRanges.map(([name, range]) => [name, range.isNullObject ? "" : range.values[0]?.[0]])),
    tables: Object.fromEntries(bodies.map(([wanted, body]) => [wanted, cutOut(before.address, read.rows.values ?? [], body.address)])),
    linkedTables: Object.fromEntries(linked.map(([name, body]) => [name, body.address])),
  };
  const taken = allTables.items.map((table) => table.name).filter((name) => !ownTables.has(name.toLowerCase()));
  return { sheet, stored, contents, before, taken, syncs: 2 + read.syncs };
}

/**
 * Rebuilds the active sheet if it is a report this add-in made: its settings come from the marker,
 * its data from its input cells and tables as they are now (typed-over figures and added table rows
 * included), and the sheet is rewritten in place, so formulas elsewhere that point into it keep
 * working. Round trips, 4 for a report of ordinary size: (1) read the marker, names, tables, charts
 * and where the used range is; (2) read the input cells, where the tables' bodies are, and where the
 * user's linked Excel tables are now (so links follow rows added to them); (3) read every cell's value
 * and formula, in slices of rows that keep each response under the 5 MB Excel on the web allows, the
 * table bodies among them; (4) clear and rewrite with
 * calculation suspended, in more requests only where the size limit demands; and only if that
 * failed, put every cell's formula or value back as it was.
 *
 * It refuses, before changing anything, when the sheet is not such a report or when it holds
 * non-empty cells outside the rebuilt report (the user's own notes would be lost).
 *
 * @param rebuild turns the stored settings and the sheet's current contents into the new spec
 * @throws RefreshRefusedError before writing; ReportWriteError after restoring the cells
 */
export async function refreshReport(
  context: Excel.RequestContext,
  rebuild: (settings: unknown, contents: SheetContents) => SheetSpec | undefined,
): Promise<WriteResult> {
  const { sheet, stored, contents, before, taken, syncs } = await readReport(context);
  const spec = rebuild(stored.settings, contents);
  if (spec === undefined) throw new RefreshRefusedError("notReport");
  const outside = cellsOutsideReport(spec, before.address, before.formulas);
  if (outside.length > 0) throw new RefreshRefusedError("userCells", outside.slice(0, 5));

  // (4) clear what the report had (charts, tables, names, cells and formats) and write the new one
  for (const chart of sheet.charts.items) chart.delete();
  for (const table of sheet.tables.items) table.delete();
  for (const name of sheet.names.items) name.delete();
  const area = sheet.getRange(before.address);
  area.conditionalFormats.clearAll();
  area.clear("All");
  try {
    const writes = await applySpec(context, sheet, spec, [...taken]);
    return { sheetName: sheet.name, syncs: syncs + writes };
  } catch (error) {
    // Put every cell back as it was; formats, tables and charts may not come back, which the message says.
    let rolledBack = false;
    try {
      sheet.getRange(before.address).clear("Contents");
      const local = before.address.split("!").at(-1) as string;
      for (const slice of splitBlock({ range: local, formulas: before.formulas as (string | number | boolean)[][] }, REQUEST_BUDGET_BYTES)) {
        sheet.getRange(slice.range).formulas = slice.formulas as unknown as string[][];
        await context.sync();
      }
      rolledBack = true;
    } catch {
      // The workbook refused even that; say so rather than pretend.
    }
    throw new ReportWriteError(error, rolledBack);
  }
}

/**
 * "Roll forward": the active report rebuilt for its next period into a new sheet, with the same
 * settings, the same links to the user's data and the figures typed into it; the report it came from
 * is left as it is (archive it as issued first, if it is to be kept as sent). Round trips: the 3 of
 * reading the report, then the 2 of writing a new one (more only for requests over the size limit).
 *
 * @param next the next period's spec from the stored settings and the sheet's contents
 * @throws RefreshRefusedError when the active sheet is not a report this add-in made; ReportWriteError after removing the new sheet
 */
export async function rollForwardReport(
  context: Excel.RequestContext,
  next: (settings: unknown, contents: SheetContents) => SheetSpec | undefined,
): Promise<WriteResult> {
  const { stored, contents, syncs } = await readReport(context);
  const spec = next(stored.settings, contents);
  if (spec === undefined) throw new RefreshRefusedError("notReport");
  const written = await writeReport(context, spec);
  return { sheetName: written.sheetName, syncs: syncs + written.syncs };
}
