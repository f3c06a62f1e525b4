/**
 * Writes a report SheetSpec to an .xlsx file with exceljs, for people without Excel (npm run demo)
 * and for checking portable formulas in a real spreadsheet program (LibreOffice, in the tests).
 * Node-only tooling: nothing in the add-in's bundles imports it.
 */
import ExcelJS from "exceljs";
import type { SheetSpec } from "../src/report/sheetSpec";

/**
 * Functions newer than Excel 2007 are stored in a file with the "_xlfn." prefix (Excel writes them so,
 * and other programs read them only so); Office.js formulas, like a user typing, name them plainly.
 */
const FUTURE_FUNCTIONS = /(?<![\w.])(PERCENTILE\.INC|PERCENTILE\.EXC|QUARTILE\.INC|STDEV\.S|STDEV\.P|MAXIFS|MINIFS|IFS|CONCAT|TEXTJOIN)\(/g;

/** A formula as an .xlsx file stores it: no leading "=", future functions prefixed (text literals left alone). */
export function fileFormula(formula: string): string {
  return formula.slice(1).split(/("(?:[^"]|"")*")/).map((part, i) => (i % 2 === 1 ? part : part.replace(FUTURE_FUNCTIONS, "_xlfn.$1("))).join("");
}

const FILLS: Record<string, string> = { heading: "FFDEEAF6", input: "FFFFF2CC", helper: "FFF2F2F2" };

/** A plain sheet of values beside the report, such as the user's data a report links to. */
export interface DataSheet {
  readonly name: string;
  readonly rows: readonly (readonly (string | number | null)[])[];
}

export async function specToXlsx(spec: SheetSpec, file: string, dataSheets: readonly DataSheet[] = []): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "CX customer metrics add-in";
  const sheet = workbook.addWorksheet(spec.name, spec.showGridlines === false ? { views: [{ showGridLines: false }] } : {});
  for (const data of dataSheets) workbook.addWorksheet(data.name).addRows(data.rows.map((row) => [...row]));
  for (const cell of spec.cells) {
    const target = sheet.getCell(cell.address);
    target.value = cell.formula !== undefined ? { formula: fileFormula(cell.formula) } : (cell.value ?? null);
    if (cell.numberFormat !== undefined) target.numFmt = cell.numberFormat;
    const name = spec.font === undefined ? {} : { name: spec.font };
    if (cell.style === "title") target.font = { ...name, bold: true, size: 16 };
    else if (cell.style === "heading" || cell.style === "kpi") target.font = { ...name, bold: true, size: 11 };
    else if (spec.font !== undefined) target.font = { ...name, size: 11 };
    const fill = cell.style === undefined ? undefined : FILLS[cell.style];
    if (fill !== undefined) target.fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill } };
  }
  const quoted = `'${spec.name.replace(/'/g, "''")}'`;
  for (const name of spec.names) {
    const absolute = name.range.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
    workbook.definedNames.add(name.external === true ? name.range : `${quoted}!${absolute}`, name.name);
  }
  for (const light of spec.trafficLights) {
    // Meeting the target exactly is green, as in the writer: OOXML's greaterThanOrEqual/lessThanOrEqual
    // operators, which exceljs writes through although its typings list only strict ones.
    const target = light.targetAddress.replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
    sheet.addConditionalFormatting({
      ref: light.range,
      rules: [
        { type: "cellIs", priority: 1, operator: light.direction === "atLeast" ? "greaterThanOrEqual" : "lessThanOrEqual", formulae: [target], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFC6EFCE" } } } } as unknown as ExcelJS.ConditionalFormattingRule,
        { type: "cellIs", priority: 2, operator: light.direction === "atLeast" ? "lessThan" : "greaterThan", formulae: [target], style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: "FFFFC7CE" } } } },
      ],
    });
  }
  spec.columnWidths.forEach((points, i) => {
    if (points !== undefined) sheet.getColumn(i + 1).width = points / 7; // exceljs widths are in characters of about 7 points
  });
  await workbook.xlsx.writeFile(file);
}
