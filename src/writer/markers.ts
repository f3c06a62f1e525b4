/**
 * The names that mark a sheet as a report this add-in made, and what they hold: its settings, the
 * cells it wrote and those holding its formulas (references Excel moves with the cells), the layout
 * a failed refresh puts back, and an issued copy's marker; with the long-text formulas they are written in.
 */
import { absoluteAddress, columnName, parseRange } from "../core/a1";
import { sheetQualifier, type ChartSpec, type ColorScaleSpec, type DataBarSpec, type ListValidationSpec, type PrintSpec, type SheetRole, type SheetSpec, type TrafficLightSpec } from "../report/sheetSpec";
import type { WritePlan } from "./planWrite";

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
export function areasReference(sheetName: string, addresses: readonly string[]): string | undefined {
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
  /** The unit selector's list validation, where the sheet has one. */
  readonly validations?: readonly ListValidationSpec[];
  readonly dataBars?: readonly DataBarSpec[];
  readonly colorScales?: readonly ColorScaleSpec[];
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

/** The part of a sheet's layout LAYOUT_RECORD keeps. */
export function layoutRecord(spec: SheetSpec, plan: WritePlan): LayoutRecord {
  return {
    charts: spec.charts, trafficLights: spec.trafficLights, columnWidths: spec.columnWidths.map((width) => width ?? null), styles: plan.styles,
    ...(spec.print === undefined ? {} : { print: spec.print }), ...(spec.showGridlines === undefined ? {} : { showGridlines: spec.showGridlines }),
    ...(spec.validations === undefined ? {} : { validations: spec.validations }),
    ...(spec.dataBars === undefined ? {} : { dataBars: spec.dataBars }),
    ...(spec.colorScales === undefined ? {} : { colorScales: spec.colorScales }),
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
