/**
 * Reading a report back for refresh and roll forward: what it was made from, its sheets, what they
 * hold now, and everything a failed refresh needs to put them back as they were.
 */
import { columnName, parseRange } from "../core/a1";
import { SCALAR_INPUT_NAMES, DASHBOARD_INPUT_NAMES, type SheetContents } from "../report/readBack";
import type { SheetRole } from "../report/sheetSpec";
import { RefreshRefusedError, ReportWriteError } from "./errors";
import { FORMULA_CELLS, LAYOUT_RECORD, parseLayout, parseMarker, REPORT_MARKER, textOfFormula, WRITTEN_CELLS, writtenAreas, type LayoutRecord, type ReportMarker } from "./markers";
import { readAreasInChunks } from "./readInChunks";

/** One sheet of a report as read for a rebuild. */
export interface ReadSheet {
  readonly sheet: Excel.Worksheet;
  readonly name: string;
  /** The areas the report wrote on the sheet (WRITTEN_CELLS), where they are now; unset for a report from before it was kept. */
  readonly written?: readonly string[];
  /** The areas where the report wrote formulas (FORMULA_CELLS), where they are now; unset for a report from before it was kept. */
  readonly formulaAreas?: readonly string[];
  /** Its layout as the report wrote it (LAYOUT_RECORD); unset for a report from before it was kept. */
  readonly layout?: LayoutRecord;
  /** The used range's address, and its cells' formulas, values and number formats. */
  readonly before: {
    readonly address: string;
    readonly formulas: readonly (readonly unknown[])[];
    readonly values: readonly (readonly unknown[])[];
    readonly numberFormats: readonly (readonly unknown[])[];
  };
  /** The sheet's names and their formulas, as Excel keeps them. */
  readonly names: readonly { readonly name: string; readonly formula: string }[];
  /** The report's tables on this sheet: their names and ranges now (local addresses). */
  readonly tables: readonly { readonly name: string; readonly range: string }[];
  /** The areas its dynamic arrays spill into now, anchors included (local addresses). */
  readonly spills: readonly string[];
}

/** A report as read for a rebuild: what it was made from, its sheets and what they hold now. */
export interface ReadReport {
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
 * Cells per request (values, formulas and number formats counted apart, over each sheet's used range)
 * when reading a report back: the three sheets of an ordinary CX report (the sample, 100 customers over
 * three years, by unit too) are one request, a portable one's two. A larger one is read in slices from
 * LARGE_REPORT_CELLS_PER_READ on, which a read scales down where cells take many bytes (readInChunks),
 * so the largest report the pane allows (portable, 5,000 linked rows, whose working columns' formulas
 * take some 53 bytes a cell) is read in responses under 4 MB from the first (test/writer/excelLimits.test.ts).
 */
const REPORT_CELLS_PER_READ = 90_000;
const LARGE_REPORT_CELLS_PER_READ = 72_000;

/** Formulas whose result may be an array that spills: the CX functions' tables and Excel's dynamic-array functions. */
const MAY_SPILL = /^=(?:CX\.[A-Z_]+|FILTER|SORT|SORTBY|UNIQUE|SEQUENCE|_xlfn\.[A-Z_.]+)\(/i;

export const localAddress = (address: string): string => address.split("!").at(-1) as string;

/** The part of `rows` (read from `area`) that lies in `part`, both A1 addresses on one sheet. */
function cutOut(area: string, rows: readonly (readonly unknown[])[], part: string): unknown[][] {
  const outer = parseRange(area);
  const inner = parseRange(part);
  if (outer === undefined || inner === undefined || (inner.sheet !== undefined && outer.sheet !== undefined && inner.sheet !== outer.sheet)) return [];
  return rows.slice(inner.top - outer.top, inner.bottom - outer.top + 1).map((row) => row.slice(inner.left - outer.left, inner.right - outer.left + 1));
}

/**
 * Reads the report the active sheet belongs to (it may be the dashboard, the data or the workings).
 * Round trips, 3 for one of ordinary size in portable mode and 4 in CX mode: (1) the active sheet's
 * marker, which names the report's sheets and tables, and every sheet and table name; (2) each of the
 * report's sheets' names with their formulas, charts, protection, used range, the cells it wrote and
 * its layout record, the input cells, where the report's tables and the user's linked Excel tables
 * are now (so links follow rows added to them); (3) every cell's value, formula and number format of
 * all three sheets, in slices that keep each response under the 5 MB Excel on the web allows; (4) in
 * CX mode, where each dynamic array spills (ExcelApi 1.12), since a spilled cell reads back its value
 * as if typed (Excel.Range.formulas) and is the report's all the same.
 *
 * @param options.spills whether to ask where arrays spill (false where ExcelApi 1.12 is missing: no dynamic arrays there)
 * @param options.toRewrite whether the sheets are to be rewritten, so that a protected one is refused
 * @throws RefreshRefusedError when it is not such a report, a sheet of it is gone, or (to rewrite) protected;
 *   ReportWriteError (untouched) when Excel fails the read, which changes nothing
 */
export async function readReport(context: Excel.RequestContext, options: { readonly spills?: boolean; readonly toRewrite?: boolean } = {}): Promise<ReadReport> {
  try {
    return await read(context, options.spills ?? true, options.toRewrite ?? false);
  } catch (error) {
    if (error instanceof RefreshRefusedError) throw error;
    throw new ReportWriteError(error, true, true);
  }
}

async function read(context: Excel.RequestContext, spills: boolean, toRewrite: boolean): Promise<ReadReport> {
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
    sheet.names.load("items/name,items/formula");
    sheet.charts.load("items/name");
    sheet.protection.load("protected");
    const used = sheet.getUsedRangeOrNullObject();
    used.load("address");
    const written = sheet.names.getItemOrNullObject(WRITTEN_CELLS);
    written.load("formula");
    const formulaCells = sheet.names.getItemOrNullObject(FORMULA_CELLS);
    formulaCells.load("formula");
    const layout = sheet.names.getItemOrNullObject(LAYOUT_RECORD);
    layout.load("formula");
    return { sheet, name, used, written, formulaCells, layout };
  });
  const dataSheet = context.workbook.worksheets.getItem(group.data ?? group.dashboard);
  // The data sheet's inputs, and the targets typed on the dashboard.
  const dashboardSheet = context.workbook.worksheets.getItem(group.dashboard);
  const scalarRanges = [...SCALAR_INPUT_NAMES.map((name) => [name, dataSheet] as const), ...DASHBOARD_INPUT_NAMES.map((name) => [name, dashboardSheet] as const)].map(([name, sheet]) => {
    const range = sheet.names.getItemOrNullObject(name).getRangeOrNullObject();
    range.load("values");
    return [name, range] as const;
  });
  const ownTables = new Set(Object.values(stored.tables).map((name) => name.toLowerCase()));
  const bodies = Object.entries(stored.tables).map(([wanted, actual]) => {
    const table = context.workbook.tables.getItemOrNullObject(actual);
    const body = table.getDataBodyRange();
    body.load("address");
    const whole = table.getRange();
    whole.load("address");
    return { wanted, actual, body, whole };
  });
  const linked = (stored.linkedTables ?? []).map((name) => {
    const body = context.workbook.tables.getItemOrNullObject(name).getDataBodyRange();
    body.load("address");
    return [name, body] as const;
  });
  await context.sync();
  const locked = parts.filter(({ sheet }) => sheet.protection.protected).map(({ name }) => name);
  if (toRewrite && locked.length > 0) throw new RefreshRefusedError("protected", locked);

  // (3) every cell of every sheet, values, formulas and formats, in slices that keep each response
  // under Excel on the web's size limit; the tables' bodies are read out of it
  const areas = parts.filter((part) => !part.used.isNullObject);
  const cellCount = areas.reduce((sum, { used }) => {
    const box = parseRange(used.address);
    return sum + (box === undefined ? 0 : (box.bottom - box.top + 1) * (box.right - box.left + 1) * 3);
  }, 0);
  const reads = await readAreasInChunks(context, areas.map(({ sheet, used }) => ({ address: used.address, rangeAt: (local: string) => sheet.getRange(local) })), ["values", "formulas", "numberFormat"],
    cellCount <= REPORT_CELLS_PER_READ ? REPORT_CELLS_PER_READ : LARGE_REPORT_CELLS_PER_READ);
  const rowsOf = (name: string) => reads[areas.findIndex((area) => area.name === name)]?.rows;

  // (4) where the arrays spill
  const anchors = spills ? areas.flatMap(({ sheet, name, used }) => {
    const origin = parseRange(used.address) ?? { top: 0, left: 0 };
    return (rowsOf(name)?.formulas ?? []).flatMap((row, r) => row.flatMap((formula, c) => {
      if (typeof formula !== "string" || !MAY_SPILL.test(formula)) return [];
      const spill = sheet.getRange(`${columnName(origin.left + c)}${origin.top + r + 1}`).getSpillingToRangeOrNullObject();
      spill.load("address");
      return [{ name, spill }];
    }));
  }) : [];
  if (anchors.length > 0) await context.sync();

  const sheets: ReadSheet[] = parts.map(({ sheet, name, used, written, formulaCells, layout }) => {
    const rows = used.isNullObject ? undefined : rowsOf(name);
    const areasWritten = written.isNullObject ? undefined : writtenAreas(written.formula);
    const formulaAreas = formulaCells.isNullObject ? undefined : writtenAreas(formulaCells.formula);
    const record = layout.isNullObject ? undefined : parseLayout(textOfFormula(layout.formula));
    return {
      sheet, name,
      before: { address: used.isNullObject ? `'${name}'!A1` : used.address, formulas: rows?.formulas ?? [], values: rows?.values ?? [], numberFormats: rows?.numberFormat ?? [] },
      ...(areasWritten === undefined ? {} : { written: areasWritten }),
      ...(formulaAreas === undefined ? {} : { formulaAreas }),
      ...(record === undefined ? {} : { layout: record }),
      names: sheet.names.items.map((item) => ({ name: item.name, formula: String(item.formula) })),
      tables: bodies.filter(({ whole }) => !whole.isNullObject && parseRange(whole.address)?.sheet === name).map(({ actual, whole }) => ({ name: actual, range: localAddress(whole.address) })),
      spills: anchors.filter((anchor) => anchor.name === name && !anchor.spill.isNullObject).map(({ spill }) => localAddress(spill.address)),
    };
  });
  const valuesOf = (address: string): unknown[][] => {
    const box = parseRange(address);
    const k = areas.findIndex((area) => parseRange(area.used.address)?.sheet === box?.sheet);
    return k < 0 ? [] : cutOut((areas[k] as { used: Excel.Range }).used.address, reads[k]?.rows.values ?? [], address);
  };
  const contents: SheetContents = {
    scalars: Object.fromEntries(scalarRanges.map(([name, range]) => [name, range.isNullObject ? "" : range.values[0]?.[0]])),
    tables: Object.fromEntries(bodies.map(({ wanted, body }) => [wanted, body.isNullObject ? [] : valuesOf(body.address)])),
    linkedTables: Object.fromEntries(linked.map(([name, body]) => [name, body.address])),
  };
  const taken = allTables.items.map((table) => table.name).filter((name) => !ownTables.has(name.toLowerCase()));
  return { stored, sheets, contents, taken, syncs: 2 + (reads[0]?.syncs ?? 0) + (anchors.length > 0 ? 1 : 0) };
}
