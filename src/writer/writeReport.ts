import { columnName } from "../core/a1";
import { cellsOutsideReport, SCALAR_INPUT_NAMES, type SheetContents } from "../report/readBack";
import type { SheetSpec } from "../report/sheetSpec";
import { planWrite, uniqueSheetName, uniqueTableName } from "./planWrite";

export interface WriteResult {
  readonly sheetName: string;
  /** context.sync round trips used (at most 3: look, write, and roll back only on failure). */
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
 * Queues everything of a spec onto a sheet (one batch; the caller syncs): cells, formats, names,
 * tables under workbook-unique names, charts, traffic lights, widths and the marker.
 */
function applySpec(context: Excel.RequestContext, sheet: Excel.Worksheet, spec: SheetSpec, takenTableNames: string[]): void {
  const plan = planWrite(spec);
  context.application.suspendApiCalculationUntilNextSync();
  const block = sheet.getRange(plan.range);
  block.numberFormat = plan.numberFormats;
  block.formulas = plan.formulas as unknown as string[][];
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
    // One series with its categories set explicitly: the values are still uncalculated (calculation is
    // suspended), so Excel could not tell labels from numbers on its own.
    const added = sheet.charts.add(chart.type, sheet.getRange(chart.values), "Columns");
    added.title.text = chart.title;
    added.legend.visible = chart.type === "Pie";
    const series = added.series.getItemAt(0);
    series.setXAxisValues(sheet.getRange(chart.categories));
    series.name = chart.title;
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
 * Writes a report sheet into the workbook in at most three round trips: (1) read the sheet and table names;
 * (2) with calculation suspended, add a new sheet under a unique name and write everything; and
 * only if (2) failed, (3) delete that sheet again. It never touches an existing sheet or cell.
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
  applySpec(context, sheets.add(sheetName), spec, existingTables.items.map((table) => table.name));
  try {
    await context.sync();
    return { sheetName, syncs: 2 };
  } catch (error) {
    // Remove what this run created: the new sheet, and with it its names, tables and formats.
    let rolledBack = false;
    try {
      context.workbook.worksheets.getItemOrNullObject(sheetName).delete();
      await context.sync();
      rolledBack = true;
    } catch {
      // The workbook refused even the clean-up; say so rather than pretend.
    }
    throw new ReportWriteError(error, rolledBack);
  }
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

/**
 * Rebuilds the active sheet if it is a report this add-in made: its settings come from the marker,
 * its data from its input cells and tables as they are now (typed-over figures and added table rows
 * included), and the sheet is rewritten in place, so formulas elsewhere that point into it keep
 * working. Round trips: (1) read the marker, names, tables, charts and every cell; (2) read the
 * input cells and table bodies, and where the user's linked Excel tables are now (so links follow
 * rows added to them); (3) clear and rewrite with calculation suspended; and only if (3) failed,
 * (4) put every cell's formula or value back as it was.
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
  used.load("address,formulas");
  await context.sync();
  let stored: ReportMarker | undefined;
  try {
    stored = marker.isNullObject ? undefined : (JSON.parse(String(marker.value)) as ReportMarker);
  } catch {
    stored = undefined;
  }
  if (stored === undefined || typeof stored.tables !== "object" || stored.tables === null) throw new RefreshRefusedError("notReport");

  // (2) the input cells and the bodies of the report's tables, as they are now
  const scalarRanges = SCALAR_INPUT_NAMES.map((name) => {
    const item = sheet.names.getItemOrNullObject(name);
    const range = item.getRangeOrNullObject();
    range.load("values");
    return [name, range] as const;
  });
  const ownTables = new Set(Object.values(stored.tables).map((name) => name.toLowerCase()));
  const bodies = Object.entries(stored.tables).map(([wanted, actual]) => {
    const body = sheet.tables.getItemOrNullObject(actual).getDataBodyRange();
    body.load("values");
    return [wanted, body] as const;
  });
  const linked = (stored.linkedTables ?? []).map((name) => {
    const body = context.workbook.tables.getItemOrNullObject(name).getDataBodyRange();
    body.load("address");
    return [name, body] as const;
  });
  await context.sync();
  const contents: SheetContents = {
    scalars: Object.fromEntries(scalarRanges.map(([name, range]) => [name, range.isNullObject ? "" : range.values[0]?.[0]])),
    tables: Object.fromEntries(bodies.map(([wanted, body]) => [wanted, body.values])),
    linkedTables: Object.fromEntries(linked.map(([name, body]) => [name, body.address])),
  };
  const spec = rebuild(stored.settings, contents);
  if (spec === undefined) throw new RefreshRefusedError("notReport");
  const before = used.isNullObject ? { address: "A1", formulas: [[""]] } : { address: used.address, formulas: used.formulas };
  const outside = cellsOutsideReport(spec, before.address, before.formulas);
  if (outside.length > 0) throw new RefreshRefusedError("userCells", outside.slice(0, 5));

  // (3) clear what the report had (charts, tables, names, cells and formats) and write the new one
  for (const chart of sheet.charts.items) chart.delete();
  for (const table of sheet.tables.items) table.delete();
  for (const name of sheet.names.items) name.delete();
  const area = sheet.getRange(before.address);
  area.conditionalFormats.clearAll();
  area.clear("All");
  const taken = allTables.items.map((table) => table.name).filter((name) => !ownTables.has(name.toLowerCase()));
  applySpec(context, sheet, spec, taken);
  try {
    await context.sync();
    return { sheetName: sheet.name, syncs: 3 };
  } catch (error) {
    // Put every cell back as it was; formats, tables and charts may not come back, which the message says.
    let rolledBack = false;
    try {
      const restore = sheet.getRange(before.address);
      restore.clear("Contents");
      restore.formulas = before.formulas as string[][];
      await context.sync();
      rolledBack = true;
    } catch {
      // The workbook refused even that; say so rather than pretend.
    }
    throw new ReportWriteError(error, rolledBack);
  }
}
