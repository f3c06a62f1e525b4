/**
 * Applying specs to sheets: the cells in as few requests as the size limit allows, then each sheet's
 * formats, names, tables, charts, traffic lights, page setup, widths and the names that mark it as a
 * report (its settings, the cells it wrote, and the layout a failed refresh puts back).
 */
import { absoluteAddress, columnName, formatRange, parseRange } from "../core/a1";
import { renameSheets, sheetQualifier, trafficLightRules, type ChartSpec, type PrintSpec, type ReportSpec, type SheetRole, type SheetSpec, type TrafficLightSpec } from "../report/sheetSpec";
import type { WriteProgress } from "./errors";
import { batchPieces, blockBytes, payloadBytes, planWrite, REQUEST_BUDGET_BYTES, splitBlock, uniqueSheetName, uniqueTableName, type WriteBlock, type WritePlan } from "./planWrite";

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
 * The sheet-scoped name that lists the cells a report wrote on its sheet, as a reference to their
 * areas ('Report'!$A$1:$A$7,'Report'!$B$2:$C$4): refresh tells the user's own cells from the report's
 * by it, even when a later version of the add-in lays the report out differently, and, since Excel
 * moves a name's reference with the cells, after rows were inserted or deleted inside the report.
 * (Reports before it was a reference kept the areas as text, ="A1:A7,B2:C4", which is read too.)
 * Left out when the list would not fit a name's formula.
 */
export const WRITTEN_CELLS = "CX_Report_Cells";
/**
 * The sheet-scoped name that lists the cells where the report wrote a formula, as WRITTEN_CELLS
 * lists all it wrote: a value found there later was typed over the report's formula by the user,
 * which a refresh would lose (refreshReport asks before it does).
 */
export const FORMULA_CELLS = "CX_Report_Formulas";
/** The longest list of areas kept (a name's formula holds at most 8,192 characters). */
const AREAS_LIMIT = 7_800;

/** A reference to the areas of some cells of a sheet ('Report'!$A$1:$A$7,'Report'!$B$2), or undefined when there are none or it would not fit a name. */
function areasReference(sheetName: string, addresses: readonly string[]): string | undefined {
  const areas = cellAreas(addresses).split(",").filter((part) => part !== "");
  const formula = `=${areas.map((part) => `${sheetQualifier(sheetName)}${part.split(":").map(absoluteAddress).join(":")}`).join(",")}`;
  return areas.length > 0 && formula.length <= AREAS_LIMIT ? formula : undefined;
}

/**
 * The sheet-scoped name that keeps, as text, the part of the sheet's layout that Excel cannot be
 * asked for: its charts, traffic lights, page setup, widths and cell styles (LayoutRecord). A refresh
 * that Excel rejects halfway puts the sheet back with it; an issued copy redraws its charts from it.
 */
export const LAYOUT_RECORD = "CX_Report_Layout";

/**
 * The sheet-scoped name that marks an issued copy ("Issued 2024-09"): its period and the live
 * report's dashboard, as JSON text, so the task pane can say what the sheet is and point to the live one.
 */
export const ISSUED_MARKER = "CX_Issued";

/** What LAYOUT_RECORD holds. */
export interface LayoutRecord {
  readonly charts: readonly ChartSpec[];
  readonly trafficLights: readonly TrafficLightSpec[];
  readonly print?: PrintSpec;
  readonly columnWidths: readonly (number | null)[];
  readonly showGridlines?: boolean;
  readonly styles: WritePlan["styles"];
}

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

/** The text a textFormula holds (its literals joined), or undefined for a formula that is not one. */
export function textOfFormula(formula: unknown): string | undefined {
  if (typeof formula !== "string" || !formula.startsWith('="')) return undefined;
  return [...formula.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] as string).replace(/""/g, '"')).join("");
}

/** The marker a sheet holds, or undefined when it holds none this version can read. */
export function parseMarker(marker: Excel.NamedItem): ReportMarker | undefined {
  try {
    const stored = marker.isNullObject ? undefined : (JSON.parse(String(marker.value)) as ReportMarker);
    return stored !== undefined && typeof stored.tables === "object" && stored.tables !== null && typeof stored.sheets === "object" && stored.sheets !== null ? stored : undefined;
  } catch {
    return undefined;
  }
}

/** The layout a sheet keeps in LAYOUT_RECORD, or undefined where it keeps none this version can read. */
export function parseLayout(value: unknown): LayoutRecord | undefined {
  try {
    const parsed = typeof value === "string" ? (JSON.parse(value) as LayoutRecord) : undefined;
    return parsed !== undefined && Array.isArray(parsed.charts) && Array.isArray(parsed.trafficLights) && typeof parsed.styles === "object" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The areas (local, "A1:A7") a WRITTEN_CELLS or FORMULA_CELLS name lists, from its formula: a reference Excel keeps
 * moving with the cells (areas whose cells were deleted, #REF!, are left out), or the text of a report
 * from before; undefined where the name holds neither.
 */
export function writtenAreas(formula: unknown): string[] | undefined {
  const text = textOfFormula(formula);
  if (text !== undefined) return text === "" ? [] : text.split(",");
  if (typeof formula !== "string" || !formula.startsWith("=")) return undefined;
  return formula.slice(1).split(/,(?=(?:[^']*'[^']*')*[^']*$)/)
    .map((part) => part.split("!").at(-1) as string)
    .filter((part) => !part.includes("#REF!") && parseRange(part) !== undefined)
    .map((part) => part.replace(/\$/g, ""));
}

/** A sheet of the workbook and the spec to write onto it. */
export interface Target {
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
export async function applySpecs(context: Excel.RequestContext, targets: readonly Target[], takenTableNames: string[], progress?: WriteProgress): Promise<number> {
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
    progress?.(i + 1, batches.length);
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

/**
 * Adds a chart. The values are uncalculated while the writer runs (calculation is suspended, and
 * custom functions return later), and Excel makes no series from an empty range. So the chart is
 * anchored at its own top-left cell, which the report leaves empty, and gets its series explicitly
 * (ExcelApi 1.7): never a series Excel may or may not have made.
 */
export function addChart(context: Excel.RequestContext, sheet: Excel.Worksheet, chart: ChartSpec): void {
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
  for (const chart of spec.charts) addChart(context, sheet, chart);
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
    if (width !== undefined && width !== null) sheet.getRange(`${columnName(i)}:${columnName(i)}`).format.columnWidth = width;
  });
  if (spec.settings !== undefined) {
    const marker = `{"settings":${spec.settings},"tables":${JSON.stringify(tables)},"linkedTables":${JSON.stringify(spec.linkedTables ?? [])},"sheets":${JSON.stringify(roles)},"role":${JSON.stringify(spec.role ?? "dashboard")}}`;
    sheet.names.add(REPORT_MARKER, textFormula(marker));
    const written = areasReference(spec.name, spec.cells.map((cell) => cell.address));
    if (written !== undefined) sheet.names.add(WRITTEN_CELLS, written);
    const formulas = areasReference(spec.name, spec.cells.filter((cell) => cell.formula !== undefined).map((cell) => cell.address));
    if (formulas !== undefined) sheet.names.add(FORMULA_CELLS, formulas);
    sheet.names.add(LAYOUT_RECORD, textFormula(JSON.stringify(layoutRecord(spec, plan))));
  }
}

/** The part of a sheet's layout LAYOUT_RECORD keeps. */
export function layoutRecord(spec: SheetSpec, plan: WritePlan): LayoutRecord {
  return {
    charts: spec.charts, trafficLights: spec.trafficLights, columnWidths: spec.columnWidths.map((width) => width ?? null), styles: plan.styles,
    ...(spec.print === undefined ? {} : { print: spec.print }), ...(spec.showGridlines === undefined ? {} : { showGridlines: spec.showGridlines }),
  };
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

/** A report with its sheets renamed as `renames` says, references between them included. */
export function renamedReport(report: ReportSpec, renames: ReadonlyMap<string, string>): ReportSpec {
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
