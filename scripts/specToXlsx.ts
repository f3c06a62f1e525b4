/**
 * Writes a report SheetSpec to an .xlsx file with exceljs, for people without Excel (npm run demo)
 * and for checking portable formulas in a real spreadsheet program (LibreOffice, in the tests).
 * Node-only tooling: nothing in the add-in's bundles imports it.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { writeFileSync } from "node:fs";
import { LINE_HEIGHT, outsideText, sheetQualifier, trafficLightRules, type ReportSpec, type SheetSpec } from "../src/report/sheetSpec";
import { absoluteAddress, columnName, formatRange, parseRange, type RangeAddress } from "../src/core/a1";
import { addCharts, escapeXml } from "./xlsxCharts";
import { fileCustomFunctions, markDynamicArrays } from "./xlsxDynamicArrays";
import { errorCodeOf } from "./cxReport/formulas/values";

/**
 * Functions newer than Excel 2007 are stored in a file with the "_xlfn." prefix (Excel writes them so,
 * and other programs read them only so); Office.js formulas, like a user typing, name them plainly.
 */
const FUTURE_FUNCTIONS = /(?<![\w.])(PERCENTILE\.INC|PERCENTILE\.EXC|QUARTILE\.INC|STDEV\.S|STDEV\.P|MAXIFS|MINIFS|IFS|CONCAT|TEXTJOIN)\(/g;
/** The dynamic-array functions a file names with a second prefix (a CX-mode report's FILTER of the dated answers). */
const WORKSHEET_FUNCTIONS = /(?<![\w.])(FILTER|SORT)\(/g;

/** A formula as an .xlsx file stores it: no leading "=", future functions prefixed (text literals left alone). */
export function fileFormula(formula: string): string {
  return outsideText(formula.slice(1), (part) => fileCustomFunctions(part.replace(FUTURE_FUNCTIONS, "_xlfn.$1(").replace(WORKSHEET_FUNCTIONS, "_xlfn._xlws.$1(")));
}

const FILLS: Record<string, string> = { heading: "FFDEEAF6", input: "FFFFF2CC", helper: "FFF2F2F2" };

/** A plain sheet of values beside the report, such as the user's data a report links to. */
export interface DataSheet {
  readonly name: string;
  readonly rows: readonly (readonly (string | number | null)[])[];
}

/** A name as the file's workbook part lists it: scoped to one sheet (by its position), as the writer scopes names in Excel. */
interface FileName {
  readonly name: string;
  readonly sheet: number;
  readonly reference: string;
}


/**
 * Writes a report (its sheets, the dashboard first) or a single sheet to an .xlsx file, with its
 * charts (xlsxCharts) and any plain data sheets after them, each formula's result where `results` has it. Names are scoped to their sheet, as in Excel: exceljs writes only
 * workbook-wide names, so the file's list of names is written here.
 */
export async function specToXlsx(report: ReportSpec | SheetSpec, file: string, dataSheets: readonly DataSheet[] = [], results?: StoredResults, options: WriteOptions = {}): Promise<void> {
  const specs = "sheets" in report ? report.sheets : [report];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "CX customer metrics add-in";
  // A spreadsheet program recalculates on opening: stored results are for readers that do not calculate.
  workbook.calcProperties = { ...workbook.calcProperties, fullCalcOnLoad: true };
  // (onlyFirstVisible: the dashboard alone shows, as cx-report prints it to PDF; a hidden sheet is not printed)
  const sheets = specs.map((spec, k) => workbook.addWorksheet(spec.name, { ...(spec.showGridlines === false ? { views: [{ showGridLines: false }] } : {}), ...(options.onlyFirstVisible === true && k > 0 ? { state: "hidden" as const } : {}) }));
  // (a data sheet's rows are written into its part below, not as exceljs cells: a million customers
  // of query results are ten million cells, more than exceljs holds in memory)
  const dataParts = dataSheets.map((data) => ({ data, id: workbook.addWorksheet(data.name, options.onlyFirstVisible === true ? { state: "hidden" } : {}).id }));
  const names: FileName[] = [];
  const anchors = new Map(specs.map((spec, k) => [(sheets[k] as ExcelJS.Worksheet).id, writeSheet(sheets[k] as ExcelJS.Worksheet, spec, k, names, results, options.valuesOnly === true)]));
  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  await markDynamicArrays(zip, anchors);
  const total = dataSheets.reduce((sum, data) => sum + data.rows.length, 0);
  let before = 0;
  for (const { data, id } of dataParts) {
    zip.file(`xl/worksheets/sheet${id}.xml`, dataSheetXml(data, (done) => options.onDataRows?.(before + done, total)));
    before += data.rows.length;
  }
  const part = zip.file("xl/workbook.xml");
  if (part === null) throw new Error("exceljs wrote no workbook part");
  // (with the other sheets hidden, the charts plot the hidden cells their series read)
  await addCharts(zip, specs.map((spec) => ({ sheetName: spec.name, charts: spec.charts })), options.onlyFirstVisible === true);
  // The report's names join those exceljs wrote itself (each sheet's print area and print titles).
  const list = names.map((name) => `<definedName name="${escapeXml(name.name)}" localSheetId="${name.sheet}">${escapeXml(name.reference)}</definedName>`).join("");
  const xml = await part.async("string");
  const own = /<definedNames>([\s\S]*?)<\/definedNames>/.exec(xml)?.[1] ?? "";
  const all = own + list;
  const withoutNames = xml.replace(/<definedNames>[\s\S]*?<\/definedNames>|<definedNames\/>/, "");
  zip.file("xl/workbook.xml", withoutNames.replace("</sheets>", `</sheets>${all === "" ? "" : `<definedNames>${all}</definedNames>`}`));
  writeFileSync(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

/**
 * A data sheet's part: its rows as numbers and inline text (no shared-strings table to grow), built in
 * chunks of a few megabytes so that a sheet of a million rows stays one buffer, not one string.
 */
function dataSheetXml(data: DataSheet, onRows?: (done: number) => void): Buffer {
  const chunks: Buffer[] = [Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')];
  let text = "";
  data.rows.forEach((row, r) => {
    text += `<row r="${r + 1}">`;
    row.forEach((value, c) => {
      if (value === null || value === "") return;
      const ref = `${columnName(c)}${r + 1}`;
      text += typeof value === "number" ? (Number.isFinite(value) ? `<c r="${ref}"><v>${value}</v></c>` : "") : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, ""))}</t></is></c>`;
    });
    text += "</row>";
    if (text.length > 4_000_000) {
      onRows?.(r + 1);
      chunks.push(Buffer.from(text));
      text = "";
    }
  });
  chunks.push(Buffer.from(`${text}</sheetData></worksheet>`));
  return Buffer.concat(chunks);
}

/** The area a formula's array spills into from its cell ("A4" and 26 rows of 9: "A4:I29"). */
function spillArea(address: string, values: readonly (readonly unknown[])[]): string {
  const at = parseRange(address) as RangeAddress;
  return formatRange({ top: at.top, left: at.left, bottom: at.top + values.length - 1, right: at.left + (values[0]?.length ?? 1) - 1 });
}

/** How specToXlsx writes: the dashboard alone visible, progress on the data rows, and (for a PDF of a CX report) results in place of formulas. */
interface WriteOptions {
  readonly onlyFirstVisible?: boolean;
  readonly onDataRows?: (done: number, total: number) => void;
  readonly valuesOnly?: boolean;
}

/**
 * What each formula computes, by 'Sheet name!A1' (as recalculate in ./libreOffice returns them, or
 * cx-report computes a CX report): stored with the formula, so that e-mail and phone previewers, which
 * do not calculate, show the figures. An array (rows of values) is what a dynamic array spills.
 */
export type StoredResults = ReadonlyMap<string, unknown>;

/**
 * A computed value as a file stores it: numbers (dates as serials), text and booleans, and an error a
 * CX report computed (an object with its code); anything else (LibreOffice's errors) is not stored.
 */
function storable(value: unknown): number | string | boolean | ExcelJS.CellErrorValue | undefined {
  if (value instanceof Date) return (value.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
  const code = errorCodeOf(value);
  if (code !== undefined) return { error: code } as ExcelJS.CellErrorValue;
  return typeof value === "number" || typeof value === "string" || typeof value === "boolean" ? value : undefined;
}

/** Writes a sheet's cells, formats, names and print setup; the addresses of its formulas that spill. */
function writeSheet(sheet: ExcelJS.Worksheet, spec: SheetSpec, position: number, names: FileName[], results: StoredResults | undefined, valuesOnly: boolean): string[] {
  const spilled: { address: string; values: readonly (readonly unknown[])[] }[] = [];
  for (const cell of spec.cells) {
    const target = sheet.getCell(cell.address);
    const computed = results?.get(`${spec.name}!${cell.address}`);
    const array = Array.isArray(computed) ? (computed as unknown[][]) : undefined;
    const result = storable(array === undefined ? computed : array[0]?.[0]);
    // An empty input cell ("") is left empty, as Excel does with a value of "" ("a blank value for the
    // values property clears the range's content": learn.microsoft.com/office/dev/add-ins/excel/
    // excel-add-ins-blank-null-values), not a text of no characters, which ISTEXT counts in Gnumeric.
    const value = cell.value === "" ? null : (cell.value ?? null);
    // a formula that spills is an array formula over its area (xlsxDynamicArrays marks it dynamic)
    const area = array === undefined ? {} : { shareType: "array", ref: spillArea(cell.address, array) };
    if (array !== undefined) spilled.push({ address: cell.address, values: array });
    if (cell.formula !== undefined && valuesOnly) target.value = result ?? null;
    else target.value = cell.formula !== undefined ? { formula: fileFormula(cell.formula), ...(result === undefined ? {} : { result }), ...area } as ExcelJS.CellFormulaValue : value;
    if (cell.numberFormat !== undefined) target.numFmt = cell.numberFormat;
    const name = spec.font === undefined ? {} : { name: spec.font };
    if (cell.style === "title") target.font = { ...name, bold: true, size: 16 };
    else if (cell.style === "heading" || cell.style === "kpi") target.font = { ...name, bold: true, size: 11 };
    else if (spec.font !== undefined) target.font = { ...name, size: 11 };
    if (cell.style === "numberHeader") target.alignment = { horizontal: "right" };
    const fill = cell.style === undefined ? undefined : FILLS[cell.style];
    if (fill !== undefined) target.fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill } };
  }
  // each spilled cell holds its value (its format stays the report's)
  for (const { address, values } of spilled) {
    const anchor = parseRange(address) as RangeAddress;
    values.forEach((row, r) => row.forEach((value, c) => {
      if (r > 0 || c > 0) sheet.getCell(anchor.top + r + 1, anchor.left + c + 1).value = storable(value) ?? null;
    }));
  }
  const quoted = sheetQualifier(spec.name);
  for (const name of spec.names) {
    const absolute = absoluteAddress(name.range);
    names.push({ name: name.name, sheet: position, reference: name.external === true ? name.range : `${quoted}${absolute}` });
  }
  for (const light of spec.trafficLights) {
    const rules = trafficLightRules(light);
    sheet.addConditionalFormatting({
      ref: light.range,
      rules: [
        { type: "expression", priority: 1, formulae: [rules.good], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFC6EFCE" } } } },
        { type: "expression", priority: 2, formulae: [rules.bad], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } } } },
      ],
    });
  }
  for (const bar of spec.dataBars ?? []) {
    // (exceljs writes the bar's colour, which its types leave out)
    const rule: ExcelJS.DataBarRuleType & { color: { argb: string } } = {
      type: "dataBar", priority: 3, minLength: 0, maxLength: 100, showValue: true, cfvo: [{ type: "min" }, { type: "max" }], color: { argb: `FF${bar.color.replace("#", "")}` },
    };
    sheet.addConditionalFormatting({ ref: bar.range, rules: [rule] });
  }
  for (const scale of spec.colorScales ?? []) {
    const argb = (color: string): { argb: string } => ({ argb: `FF${color.replace("#", "")}` });
    sheet.addConditionalFormatting({ ref: scale.range, rules: [{ type: "colorScale", priority: 4, cfvo: [{ type: "num", value: scale.min }, { type: "num", value: scale.max }], color: [argb(scale.low), argb(scale.high)] }] });
  }
  // The unit selector: an in-cell list (its source a name, "=Unit_List", written without the "=").
  for (const validation of spec.validations ?? []) {
    sheet.getCell(validation.range).dataValidation = { type: "list", allowBlank: true, showErrorMessage: true, formulae: [validation.source.replace(/^=/, "")] };
  }
  for (const paragraph of spec.paragraphs ?? []) {
    sheet.mergeCells(paragraph.range);
    const first = sheet.getCell(paragraph.range.split(":")[0] as string);
    first.alignment = { ...first.alignment, wrapText: true, vertical: "top" };
    sheet.getRow(Number(paragraph.range.replace(/^[A-Z]+/, "").split(":")[0])).height = LINE_HEIGHT * paragraph.lines;
  }
  spec.columnWidths.forEach((points, i) => {
    if (points !== undefined) sheet.getColumn(i + 1).width = points / 7; // exceljs widths are in characters of about 7 points
  });
  if (spec.print !== undefined) {
    // A4 (paper size 9), one page wide and as many tall as it takes (fitToHeight 0).
    sheet.pageSetup = {
      ...sheet.pageSetup, paperSize: 9, orientation: spec.print.orientation === "Landscape" ? "landscape" : "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0,
      ...(spec.print.area === undefined ? {} : { printArea: spec.print.area }),
      ...(spec.print.titleRows === undefined ? {} : { printTitlesRow: spec.print.titleRows.replace(/\$/g, "") }),
    };
    // A manual page break above each row that starts a page (exceljs marks the row before it).
    for (const row of spec.print.rowBreaks ?? []) sheet.getRow(row - 1).addPageBreak();
    sheet.headerFooter = { ...sheet.headerFooter, oddHeader: `&L${spec.print.leftHeader}&R${spec.print.rightHeader}`, oddFooter: `&C${spec.print.centerFooter}` };
  }
  return valuesOnly ? [] : spilled.map(({ address }) => address);
}
