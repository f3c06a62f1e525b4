import { columnName } from "../core/a1";
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

/**
 * Writes a report sheet into the workbook in at most three round trips: (1) read the sheet and table names;
 * (2) with calculation suspended, add a new sheet under a unique name and write everything; and
 * only if (2) failed, (3) delete that sheet again. It never touches an existing sheet or cell.
 * Names are scoped to the new sheet, so several reports in one workbook do not clash.
 *
 * @throws ReportWriteError after rolling back, when Excel rejects the write
 */
export async function writeReport(context: Excel.RequestContext, spec: SheetSpec): Promise<WriteResult> {
  const plan = planWrite(spec);
  const sheets = context.workbook.worksheets;
  sheets.load("items");
  const existingTables = context.workbook.tables;
  existingTables.load("items");
  await context.sync();
  const sheetName = uniqueSheetName(spec.name, sheets.items.map((sheet) => sheet.name));
  const tableNames = existingTables.items.map((table) => table.name);

  context.application.suspendApiCalculationUntilNextSync();
  const sheet = sheets.add(sheetName);
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
  for (const name of spec.names) sheet.names.add(name.name, sheet.getRange(name.range));
  for (const table of spec.tables) {
    const name = uniqueTableName(table.name, tableNames);
    tableNames.push(name);
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
  sheet.activate();
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
