import { columnName, formatRange, parseRange } from "../core/a1";
import { cellsOutsideReport, SCALAR_INPUT_NAMES, TARGET_INPUT_NAMES, type SheetContents } from "../report/readBack";
import { renameSheets, trafficLightRules, type ReportSpec, type SheetRole, type SheetSpec } from "../report/sheetSpec";
import { batchPieces, blockBytes, payloadBytes, planWrite, REQUEST_BUDGET_BYTES, restoredContent, splitBlock, uniqueSheetName, uniqueTableName, type WriteBlock, type WritePlan } from "./planWrite";
import { readAreasInChunks } from "./readInChunks";

export interface WriteResult {
  /** The sheet the user lands on: the report's dashboard (or the archive). */
  readonly sheetName: string;
  /** Every sheet written, the dashboard first. */
  readonly sheetNames?: readonly string[];
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
  numberHeader: { bold: false, size: 11, fill: undefined, align: "Right" }, // over figures, which Excel aligns right
  input: { bold: false, size: 11, fill: "#FFF2CC" }, // Excel's "Input" cell-style yellow
  kpi: { bold: true, size: 11, fill: undefined },
  helper: { bold: false, size: 11, fill: "#F2F2F2" }, // light grey: working columns, not for typing into
} as const;

/** The sheet-scoped name that marks a sheet as a report this add-in made, holding what refresh needs. */
export const REPORT_MARKER = "CX_Report";

/**
 * The sheet-scoped name that lists the cells a report wrote on its sheet, as areas ("A1:A7,B2:C4"):
 * refresh tells the user's own cells from the report's by it, even when a later version of the add-in
 * lays the report out differently. Left out when the list would not fit a name's formula.
 */
export const WRITTEN_CELLS = "CX_Report_Cells";
/** The longest list of areas kept (a name's formula holds at most 8,192 characters). */
const WRITTEN_CELLS_LIMIT = 7_000;

/** What the marker holds: the report's settings and the actual names of its tables, by the names the spec wanted. */
export interface ReportMarker {
  readonly settings: unknown;
  readonly tables: Readonly<Record<string, string>>;
  /** The user's Excel tables the report links to, whose size refresh reads again. */
  readonly linkedTables?: readonly string[];
  /** The report's sheets by role, as named in the workbook: from any of them, refresh finds the others. */
  readonly sheets?: Readonly<Partial<Record<SheetRole, string>>>;
  /** The role of the sheet this marker is on. */
  readonly role?: SheetRole;
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

/** A sheet of the workbook and the spec to write onto it. */
interface Target {
  readonly sheet: Excel.Worksheet;
  readonly spec: SheetSpec;
}

/**
 * Writes specs onto their sheets: the cells of all of them in as few requests as the 5 MB limit of
 * Excel on the web allows (one for a report of ordinary size), each with calculation suspended, and
 * with the last of them each sheet's formats, names, tables under workbook-unique names, charts,
 * traffic lights, widths and marker. Whatever the caller queued before (new sheets, a clear) goes
 * with the first request.
 *
 * @returns the number of context.sync calls made
 */
async function applySpecs(context: Excel.RequestContext, targets: readonly Target[], takenTableNames: string[]): Promise<number> {
  const plans = targets.map((target) => planWrite(target.spec));
  const rest = targets.reduce((bytes, { spec }, k) => bytes + payloadBytes([(plans[k] as WritePlan).styles, spec.names, spec.tables, spec.charts, spec.trafficLights, spec.settings ?? ""]) + 64 * 1024, 0);
  const pieces = targets.flatMap((target, k) => (plans[k] as WritePlan).blocks.flatMap((block) => splitBlock(block, REQUEST_BUDGET_BYTES)).map((block) => ({ target, block })));
  const batches = batchPieces(pieces, (piece: { block: WriteBlock }) => blockBytes(piece.block), REQUEST_BUDGET_BYTES, rest);
  // The actual names of every table of the report, by the names wanted, for the markers.
  const tables: Record<string, string> = {};
  for (const { spec } of targets) {
    for (const table of spec.tables) {
      const name = uniqueTableName(table.name, takenTableNames);
      takenTableNames.push(name);
      tables[table.name] = name;
    }
  }
  const roles = Object.fromEntries(targets.flatMap(({ spec }) => (spec.role === undefined ? [] : [[spec.role, spec.name]])));
  for (const [i, batch] of batches.entries()) {
    context.application.suspendApiCalculationUntilNextSync();
    for (const { target, block } of batch) {
      const range = target.sheet.getRange(block.range);
      if (block.numberFormats !== undefined) range.numberFormat = block.numberFormats;
      range.formulas = block.formulas as unknown as string[][];
    }
    if (i === batches.length - 1) {
      targets.forEach((target, k) => applyLayout(context, target, plans[k] as WritePlan, tables, roles));
      (targets[0] as Target).sheet.activate();
    }
    await context.sync();
  }
  return batches.length;
}

/** A range of the report by its address: on the sheet itself, or on another sheet of it ('Data 2026-10'!D5:D8). */
function rangeOf(context: Excel.RequestContext, sheet: Excel.Worksheet, address: string): Excel.Range {
  const box = parseRange(address);
  if (box?.sheet === undefined) return sheet.getRange(address);
  return context.workbook.worksheets.getItem(box.sheet).getRange(formatRange(box));
}

/** Queues what is not cell contents: styles, names, tables, charts, traffic lights, widths, the marker. */
function applyLayout(context: Excel.RequestContext, { sheet, spec }: Target, plan: WritePlan, tables: Readonly<Record<string, string>>, roles: Readonly<Record<string, string>>): void {
  for (const [style, addresses] of Object.entries(plan.styles)) {
    const look = STYLE_FORMATS[style as keyof typeof STYLE_FORMATS];
    const cells = sheet.getRanges(addresses);
    cells.format.font.bold = look.bold;
    cells.format.font.size = look.size;
    if (look.fill !== undefined) cells.format.fill.color = look.fill;
    if ("align" in look) cells.format.horizontalAlignment = look.align;
  }
  for (const name of spec.names) sheet.names.add(name.name, name.external === true ? `=${name.range}` : sheet.getRange(name.range));
  for (const table of spec.tables) sheet.tables.add(table.range, true).name = tables[table.name] as string;
  for (const chart of spec.charts) {
    // The values are uncalculated while the writer runs (calculation is suspended, and custom
    // functions return later), and Excel makes no series from an empty range. So the chart is
    // anchored at its own top-left cell, which the report leaves empty, and gets its one series
    // explicitly (ExcelApi 1.7): never a series Excel may or may not have made.
    const added = sheet.charts.add(chart.type, sheet.getRange(chart.topLeft), "Columns");
    added.title.text = chart.title;
    added.legend.visible = chart.type === "Pie" || chart.series.length > 1;
    for (const each of chart.series) {
      const series = added.series.add(each.name);
      series.setValues(rangeOf(context, sheet, each.values));
      series.setXAxisValues(rangeOf(context, sheet, chart.categories));
    }
    added.setPosition(chart.topLeft, chart.bottomRight);
  }
  for (const light of spec.trafficLights) {
    const rules = trafficLightRules(light);
    for (const [formula, color] of [[rules.good, "#C6EFCE"], [rules.bad, "#FFC7CE"]] as const) { // Excel's "Good" green, "Bad" red
      const format = sheet.getRange(light.range).conditionalFormats.add("Custom");
      format.custom.rule.formula = `=${formula}`;
      format.custom.format.fill.color = color;
    }
  }
  if (spec.showGridlines === false) sheet.showGridlines = false;
  if (spec.print !== undefined) {
    // A4, one page wide and as many tall as it takes (0: no limit, as a file's fitToHeight="0").
    const layout = sheet.pageLayout;
    layout.paperSize = "A4";
    layout.orientation = spec.print.orientation;
    layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    if (spec.print.area !== undefined) layout.setPrintArea(spec.print.area);
    if (spec.print.titleRows !== undefined) layout.setPrintTitleRows(spec.print.titleRows);
    for (const row of spec.print.rowBreaks ?? []) sheet.horizontalPageBreaks.add(`A${row}`);
    const pages = layout.headersFooters.defaultForAllPages;
    pages.leftHeader = spec.print.leftHeader;
    pages.rightHeader = spec.print.rightHeader;
    pages.centerFooter = spec.print.centerFooter;
  }
  spec.columnWidths.forEach((width, i) => {
    if (width !== undefined) sheet.getRange(`${columnName(i)}:${columnName(i)}`).format.columnWidth = width;
  });
  if (spec.settings !== undefined) {
    const marker = `{"settings":${spec.settings},"tables":${JSON.stringify(tables)},"linkedTables":${JSON.stringify(spec.linkedTables ?? [])},"sheets":${JSON.stringify(roles)},"role":${JSON.stringify(spec.role ?? "dashboard")}}`;
    sheet.names.add(REPORT_MARKER, textFormula(marker));
    const areas = cellAreas(spec.cells.map((cell) => cell.address));
    if (areas.length <= WRITTEN_CELLS_LIMIT) sheet.names.add(WRITTEN_CELLS, textFormula(areas));
  }
}

/** Cell addresses as areas, one run of rows down each column at a time ("A1:A7,B2"), columns in order. */
export function cellAreas(addresses: readonly string[]): string {
  const byColumn = new Map<number, number[]>();
  for (const address of addresses) {
    const at = parseRange(address);
    if (at === undefined) continue;
    const rows = byColumn.get(at.left);
    if (rows === undefined) byColumn.set(at.left, [at.top]);
    else rows.push(at.top);
  }
  const areas: string[] = [];
  for (const [column, rows] of [...byColumn].sort(([a], [b]) => a - b)) {
    const sorted = [...new Set(rows)].sort((a, b) => a - b);
    for (let k = 0; k < sorted.length;) {
      let end = k;
      while (end + 1 < sorted.length && (sorted[end + 1] as number) === (sorted[end] as number) + 1) end++;
      const [from, to] = [`${columnName(column)}${(sorted[k] as number) + 1}`, `${columnName(column)}${(sorted[end] as number) + 1}`];
      areas.push(from === to ? from : `${from}:${to}`);
      k = end + 1;
    }
  }
  return areas.join(",");
}

/**
 * The report as it is written: each sheet under the name it gets (unique in the workbook, sheet
 * names compared without case), and every reference from one of its sheets to another renamed
 * to match ('Report 2026-10'!Period_End → 'Report 2026-10 (2)'!Period_End).
 */
export function withSheetNames(report: ReportSpec, taken: readonly string[]): ReportSpec {
  const used = [...taken];
  const renames = new Map<string, string>();
  for (const spec of report.sheets) {
    const name = uniqueSheetName(spec.name, used);
    used.push(name);
    renames.set(spec.name, name);
  }
  return renamedReport(report, renames);
}

/**
 * Writes a report into the workbook: (1) read the sheet and table names; (2) with calculation
 * suspended, add its sheets (the dashboard, its data and its workings) under unique names and write
 * everything, in one request for a report of ordinary size and in more only where the 5 MB request
 * limit demands (thousands of linked rows in portable mode); and only if that failed, one more to
 * delete the new sheets again. 2 round trips, however many sheets and rows; it never touches an
 * existing sheet or cell. Names are scoped to their sheet, so several reports in one workbook do not clash.
 *
 * @throws ReportWriteError after rolling back, when Excel rejects the write
 */
export async function writeReport(context: Excel.RequestContext, report: ReportSpec): Promise<WriteResult> {
  const sheets = context.workbook.worksheets;
  sheets.load("items");
  const existingTables = context.workbook.tables;
  existingTables.load("items");
  await context.sync();
  const named = withSheetNames(report, sheets.items.map((sheet) => sheet.name));
  const sheetNames = named.sheets.map((spec) => spec.name);
  try {
    const targets = named.sheets.map((spec) => ({ sheet: sheets.add(spec.name), spec }));
    const writes = await applySpecs(context, targets, existingTables.items.map((table) => table.name));
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
  try {
    for (const name of sheetNames) context.workbook.worksheets.getItemOrNullObject(name).delete();
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
  if (outer === undefined || inner === undefined || (inner.sheet !== undefined && outer.sheet !== undefined && inner.sheet !== outer.sheet)) return [];
  return rows.slice(inner.top - outer.top, inner.bottom - outer.top + 1).map((row) => row.slice(inner.left - outer.left, inner.right - outer.left + 1));
}

/**
 * Why a refresh did not start: the active sheet is not a report this add-in made, a sheet of it is
 * gone, it holds cells of the user's, or (a report from before the sheets listed their cells) cells
 * that may be the user's or the report's as an earlier version laid it out.
 */
export class RefreshRefusedError extends Error {
  readonly reason: "notReport" | "missingSheets" | "userCells" | "earlierLayout";
  /** The cells outside the report (first few), for "userCells" and "earlierLayout"; the sheets not found, for "missingSheets". */
  readonly cells: readonly string[];
  constructor(reason: "notReport" | "missingSheets" | "userCells" | "earlierLayout", cells: readonly string[] = []) {
    super(reason === "notReport" ? "the active sheet is not a report made by this add-in"
      : reason === "missingSheets" ? `sheets of the report are missing: ${cells.join(", ")}`
        : `cells outside the report are not empty: ${cells.join(", ")}`);
    this.name = "RefreshRefusedError";
    this.reason = reason;
    this.cells = cells;
  }
}

/** One sheet of a report as read for a rebuild. */
interface ReadSheet {
  readonly sheet: Excel.Worksheet;
  readonly name: string;
  /** The cells the report wrote on the sheet, as areas (WRITTEN_CELLS); unset for a report from before it was kept. */
  readonly written?: string;
  /** The used range's address, formulas and values. */
  readonly before: { readonly address: string; readonly formulas: readonly (readonly unknown[])[]; readonly values: readonly (readonly unknown[])[] };
}

/** A report as read for a rebuild: what it was made from, its sheets and what they hold now. */
interface ReadReport {
  readonly stored: ReportMarker;
  /** The report's sheets, the dashboard first. */
  readonly sheets: readonly ReadSheet[];
  readonly contents: SheetContents;
  /** The tables of other reports and the user's (for unique names). */
  readonly taken: readonly string[];
  readonly syncs: number;
}

const ROLE_ORDER: readonly SheetRole[] = ["dashboard", "data", "workings"];

/**
 * Cells per request (values and formulas counted apart) when reading a report back: fewer than the
 * CELLS_PER_READ of a pick, since the working columns hold formulas of 100–200 characters. The
 * largest report the pane allows (portable, 5,000 linked rows) is then read in responses under 4 MB
 * (test/writer/excelLimits.test.ts), and the three sheets of an ordinary one (the sample, 100 customers
 * over three years) in one request.
 */
const REPORT_CELLS_PER_READ = 60_000;

/** The marker a sheet holds, or undefined when it holds none this version can read. */
export function parseMarker(marker: Excel.NamedItem): ReportMarker | undefined {
  try {
    const stored = marker.isNullObject ? undefined : (JSON.parse(String(marker.value)) as ReportMarker);
    return stored !== undefined && typeof stored.tables === "object" && stored.tables !== null && typeof stored.sheets === "object" && stored.sheets !== null ? stored : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads the report the active sheet belongs to (it may be the dashboard, the data or the workings),
 * in 3 round trips for one of ordinary size: (1) the active sheet's marker, which names the report's
 * sheets and tables, and every sheet and table name; (2) each of the report's sheets' names, tables,
 * charts and used range, the input cells, where the tables' bodies are, and where the user's linked
 * Excel tables are now (so links follow rows added to them); (3) every cell's value and formula of
 * all three sheets, in slices that keep each response under the 5 MB Excel on the web allows.
 *
 * @throws RefreshRefusedError when it is not such a report, or a sheet of it is gone
 */
export async function readReport(context: Excel.RequestContext): Promise<ReadReport> {
  const active = context.workbook.worksheets.getActiveWorksheet();
  const marker = active.names.getItemOrNullObject(REPORT_MARKER);
  marker.load("value");
  const all = context.workbook.worksheets;
  all.load("items/name");
  const allTables = context.workbook.tables;
  allTables.load("items/name");
  await context.sync();
  const stored = parseMarker(marker);
  if (stored === undefined) throw new RefreshRefusedError("notReport");
  const group = stored.sheets as Readonly<Partial<Record<SheetRole, string>>>;
  const names = ROLE_ORDER.flatMap((role) => (group[role] === undefined ? [] : [group[role] as string]));
  const present = new Set(all.items.map((sheet) => sheet.name));
  const missing = names.filter((name) => !present.has(name));
  if (missing.length > 0 || group.dashboard === undefined) throw new RefreshRefusedError("missingSheets", missing);

  // (2) each sheet's parts, the input cells, where the report's tables are now, and where the user's linked tables are
  const parts = names.map((name) => {
    const sheet = context.workbook.worksheets.getItem(name);
    sheet.names.load("items/name");
    sheet.tables.load("items/name");
    sheet.charts.load("items/name");
    const used = sheet.getUsedRangeOrNullObject();
    used.load("address");
    const written = sheet.names.getItemOrNullObject(WRITTEN_CELLS);
    written.load("value");
    return { sheet, name, used, written };
  });
  const dataSheet = context.workbook.worksheets.getItem(group.data ?? group.dashboard);
  // The data sheet's inputs, and the targets typed on the dashboard.
  const dashboardSheet = context.workbook.worksheets.getItem(group.dashboard);
  const scalarRanges = [...SCALAR_INPUT_NAMES.map((name) => [name, dataSheet] as const), ...TARGET_INPUT_NAMES.map((name) => [name, dashboardSheet] as const)].map(([name, sheet]) => {
    const range = sheet.names.getItemOrNullObject(name).getRangeOrNullObject();
    range.load("values");
    return [name, range] as const;
  });
  const ownTables = new Set(Object.values(stored.tables).map((name) => name.toLowerCase()));
  const bodies = Object.entries(stored.tables).map(([wanted, actual]) => {
    const body = context.workbook.tables.getItemOrNullObject(actual).getDataBodyRange();
    body.load("address");
    return [wanted, body] as const;
  });
  const linked = (stored.linkedTables ?? []).map((name) => {
    const body = context.workbook.tables.getItemOrNullObject(name).getDataBodyRange();
    body.load("address");
    return [name, body] as const;
  });
  await context.sync();
  // (3) every cell of every sheet, values and formulas, in slices that keep each response under
  // Excel on the web's size limit; the tables' bodies are read out of it
  const areas = parts.filter((part) => !part.used.isNullObject);
  const reads = await readAreasInChunks(context, areas.map(({ sheet, used }) => ({ address: used.address, rangeAt: (local: string) => sheet.getRange(local) })), ["values", "formulas"], REPORT_CELLS_PER_READ);
  const sheets: ReadSheet[] = parts.map(({ sheet, name, used, written }) => {
    const read = used.isNullObject ? undefined : reads[areas.findIndex((area) => area.name === name)];
    return {
      sheet, name, before: { address: used.isNullObject ? `'${name}'!A1` : used.address, formulas: read?.rows.formulas ?? [], values: read?.rows.values ?? [] },
      ...(written.isNullObject || typeof written.value !== "string" ? {} : { written: written.value }),
    };
  });
  const valuesOf = (address: string): unknown[][] => {
    const box = parseRange(address);
    const k = areas.findIndex((area) => parseRange(area.used.address)?.sheet === box?.sheet);
    return k < 0 ? [] : cutOut((areas[k] as { used: Excel.Range }).used.address, reads[k]?.rows.values ?? [], address);
  };
  const contents: SheetContents = {
    scalars: Object.fromEntries(scalarRanges.map(([name, range]) => [name, range.isNullObject ? "" : range.values[0]?.[0]])),
    tables: Object.fromEntries(bodies.map(([wanted, body]) => [wanted, body.isNullObject ? [] : valuesOf(body.address)])),
    linkedTables: Object.fromEntries(linked.map(([name, body]) => [name, body.address])),
  };
  const taken = allTables.items.map((table) => table.name).filter((name) => !ownTables.has(name.toLowerCase()));
  return { stored, sheets, contents, taken, syncs: 2 + (reads[0]?.syncs ?? 0) };
}

/**
 * Rebuilds the report the active sheet belongs to, all three of its sheets: its settings come from
 * the marker, its data from its input cells and tables as they are now (typed-over figures and added
 * table rows included), and each sheet is rewritten in place under its name, so formulas elsewhere
 * that point into it keep working. Round trips, 4 for a report of ordinary size: the 3 of reading
 * it (readReport), then (4) clear and rewrite with calculation suspended, in more requests only
 * where the size limit demands; and only if that failed, put every cell's formula or value back as it was.
 *
 * It refuses, before changing anything, when the sheet is not such a report, when a sheet of it is
 * gone, or when a sheet holds non-empty cells outside the rebuilt report (the user's own notes would be lost).
 *
 * @param rebuild turns the stored settings and the sheets' current contents into the new report
 * @throws RefreshRefusedError before writing; ReportWriteError after restoring the cells
 */
export async function refreshReport(
  context: Excel.RequestContext,
  rebuild: (settings: unknown, contents: SheetContents) => ReportSpec | undefined,
): Promise<WriteResult> {
  const { stored, sheets, contents, taken, syncs } = await readReport(context);
  const built = rebuild(stored.settings, contents);
  if (built === undefined) throw new RefreshRefusedError("notReport");
  // Each sheet keeps its name; the rebuilt report's references follow them.
  const group = stored.sheets ?? {};
  const renames = new Map(built.sheets.map((spec) => [spec.name, group[spec.role ?? "dashboard"] ?? spec.name]));
  const report = renamedReport(built, renames);
  // The user's own cells: neither the rebuilt report's nor (when the sheet lists them) the ones the report wrote.
  const outside = sheets.flatMap(({ name, before, written }) => {
    const spec = report.sheets.find((candidate) => candidate.name === name);
    return spec === undefined ? [] : cellsOutsideReport(spec, before.address, before.formulas, written).map((address) => `'${name}'!${address}`);
  });
  // A report from before the sheets listed their cells: those cells may be its own, laid out by an
  // earlier version of the add-in, or the user's; refresh cannot tell, and says so.
  if (outside.length > 0) throw new RefreshRefusedError(sheets.some((each) => each.written === undefined) ? "earlierLayout" : "userCells", outside.slice(0, 5));
  const targets = report.sheets.flatMap((spec) => {
    const read = sheets.find((candidate) => candidate.name === spec.name);
    return read === undefined ? [] : [{ sheet: read.sheet, spec }];
  });

  // (4) clear what the report had (charts, tables, names, cells and formats) and write the new one
  for (const { sheet, before } of sheets) {
    for (const chart of sheet.charts.items) chart.delete();
    for (const table of sheet.tables.items) table.delete();
    for (const name of sheet.names.items) name.delete();
    const area = sheet.getRange(localAddress(before.address));
    area.conditionalFormats.clearAll();
    area.clear("All");
  }
  try {
    const writes = await applySpecs(context, targets, [...taken]);
    return { sheetName: sheets[0]?.name as string, sheetNames: sheets.map((sheet) => sheet.name), syncs: syncs + writes };
  } catch (error) {
    // Put every cell back as it was; formats, tables and charts may not come back, which the message says.
    let rolledBack = false;
    try {
      for (const { sheet, before } of sheets) {
        const local = localAddress(before.address);
        sheet.getRange(local).clear("Contents");
        const contents = before.formulas.map((row, r) => row.map((formula, c) => restoredContent(formula, before.values[r]?.[c])));
        for (const slice of splitBlock({ range: local, formulas: contents }, REQUEST_BUDGET_BYTES)) {
          sheet.getRange(slice.range).formulas = slice.formulas as unknown as string[][];
          await context.sync();
        }
      }
      rolledBack = true;
    } catch {
      // The workbook refused even that; say so rather than pretend.
    }
    throw new ReportWriteError(error, rolledBack);
  }
}

const localAddress = (address: string): string => address.split("!").at(-1) as string;

/** A report with its sheets renamed as `renames` says, references between them included. */
function renamedReport(report: ReportSpec, renames: ReadonlyMap<string, string>): ReportSpec {
  const changed = new Map([...renames].filter(([from, to]) => from !== to));
  if (changed.size === 0) return report;
  const rename = (text: string): string => renameSheets(text, changed);
  return {
    sheets: report.sheets.map((spec) => ({
      ...spec,
      name: changed.get(spec.name) ?? spec.name,
      cells: spec.cells.map((cell) => (cell.formula === undefined ? cell : { ...cell, formula: rename(cell.formula) })),
      names: spec.names.map((name) => (name.external === true ? { ...name, range: rename(name.range) } : name)),
      charts: spec.charts.map((chart) => ({ ...chart, categories: rename(chart.categories), series: chart.series.map((each) => ({ ...each, values: rename(each.values) })) })),
    })),
  };
}

/**
 * "Roll forward": the active report rebuilt for its next period into new sheets, with the same
 * settings, the same links to the user's data and the figures typed into it; the report it came from
 * is left as it is (archive it as issued first, if it is to be kept as sent). Round trips: the 3 of
 * reading the report, then the 2 of writing a new one (more only for requests over the size limit).
 *
 * @param next the next period's report from the stored settings and the sheets' contents
 * @throws RefreshRefusedError when the active sheet is not a report this add-in made; ReportWriteError after removing the new sheets
 */
export async function rollForwardReport(
  context: Excel.RequestContext,
  next: (settings: unknown, contents: SheetContents) => ReportSpec | undefined,
): Promise<WriteResult> {
  const { stored, contents, syncs } = await readReport(context);
  const report = next(stored.settings, contents);
  if (report === undefined) throw new RefreshRefusedError("notReport");
  const written = await writeReport(context, report);
  return { ...written, syncs: syncs + written.syncs };
}
