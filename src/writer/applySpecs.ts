/**
 * Applying specs to sheets: the cells in as few requests as the size limit allows, then each sheet's
 * styles, names, tables and page (pageLayout.ts), and the names that mark it as a report (markers.ts).
 */
import { renameSheets, type ReportSpec, type SheetSpec } from "../report/sheetSpec";
import type { WriteProgress } from "./errors";
import { areasReference, FORMULA_CELLS, LAYOUT_RECORD, layoutRecord, REPORT_MARKER, textFormula, WRITTEN_CELLS } from "./markers";
import { applyPage, applyStyles } from "./pageLayout";
import { batchPieces, blockBytes, payloadBytes, planWrite, REQUEST_BUDGET_BYTES, splitBlock, uniqueSheetName, uniqueTableName, type WriteBlock, type WritePlan } from "./planWrite";

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

/** Queues what is not cell contents: styles, names, tables, the page, the marker. */
function applyLayout(context: Excel.RequestContext, { sheet, spec }: Target, plan: WritePlan, tables: Readonly<Record<string, string>>, roles: Readonly<Record<string, string>>): void {
  applyStyles(sheet, plan);
  for (const name of spec.names) sheet.names.add(name.name, name.external === true ? `=${name.range}` : sheet.getRange(name.range));
  for (const table of spec.tables) sheet.tables.add(table.range, true).name = tables[table.name] as string;
  applyPage(context, sheet, spec);
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
