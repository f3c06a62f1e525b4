/**
 * The builder's tables: an input table of the data or workings sheet whose columns are named ranges,
 * its check, a working column, and a table of figures per period under the period tables.
 */
import { columnName } from "../core/a1";
import type { ReportLabel } from "../i18n/reportLabels";
import type { ReportBuilder, Rows } from "./builder";
import { linkedReference, type LinkedRange } from "./dataSource";
import { badRowFormula, CHECK_FORMAT, inputCheckFormula, type CheckedColumn, type InputRule } from "./inputChecks";
import { trendName } from "./periodSheet";
import { TEXT_RESULT, WHOLE_FORMAT, widthFor, type CellSpec, type SheetRole } from "./sheetSpec";

/** A column of an input table: its header, the name its body gets, and each row's content. */
export interface TableColumn {
  readonly header: string;
  readonly name?: string;
  readonly width: number;
  readonly format?: string;
  readonly style: CellSpec["style"];
  /** The cell of body row i (0-based): a value, a formula (`at(j)` is column j's cell on that row), or nothing. */
  readonly content: (i: number, at: (j: number) => string) => { value?: string | number; formula?: string } | undefined;
  /** Whether an empty table still has this column's first row (an input check's working column, for the row the user types into). */
  readonly whenEmpty?: boolean;
}

/** A checked column of an input table: its name, its header, and what it must hold (inputChecks). */
export type InputColumn = readonly [name: string, header: ReportLabel, rule: InputRule];

/** Where the tables of the data and workings sheets start: heading row, header row, and the first column (data: D, right of the scalar inputs; workings: A). */
export const TABLE_HEADING_ROW = 3;
export const TABLE_HEADER_ROW = 4;
export const TABLE_FIRST_COLUMN: Readonly<Record<Exclude<SheetRole, "dashboard">, number>> = { data: 3, workings: 0 };

/** A placed table: its body rows and the letters of its j-th column. */
export type PlacedTable = Rows & { readonly column: (j: number) => string };

/**
 * An Excel table at the sheet's next free column: a heading, a header row and `rows` rows of body,
 * each named column a named range over its body.
 */
export function addTable(b: ReportBuilder, role: Exclude<SheetRole, "dashboard">, tableName: string, heading: string, rows: number, columns: readonly TableColumn[]): PlacedTable {
  const sheet = b.sheet(role);
  const put = (cell: CellSpec): void => b.putOn(role, cell);
  const left = sheet.nextColumn;
  const first = TABLE_HEADER_ROW + 1;
  const last = TABLE_HEADER_ROW + Math.max(rows, 1);
  put({ address: `${columnName(left)}${TABLE_HEADING_ROW}`, value: heading, style: "heading" });
  columns.forEach((column, j) => {
    const letters = columnName(left + j);
    sheet.widths[left + j] = widthFor(column.header, column.width);
    put({ address: `${letters}${TABLE_HEADER_ROW}`, value: column.header, style: "label" });
    for (let i = 0; i < rows; i++) {
      const content = column.content(i, (k) => `${columnName(left + k)}${first + i}`);
      if (content === undefined) continue;
      put({
        address: `${letters}${first + i}`, ...content,
        ...(column.format === undefined ? {} : { numberFormat: column.format }),
        ...(column.style === undefined ? {} : { style: column.style }),
      });
    }
    // An empty table still shows, marked, the row where the user's data goes, and checks it.
    if (rows === 0 && column.style === "input") put({ address: `${letters}${first}`, value: "", style: "input" });
    const empty = rows === 0 && column.whenEmpty === true ? column.content(0, (k) => `${columnName(left + k)}${first}`) : undefined;
    if (empty !== undefined) put({ address: `${letters}${first}`, ...empty, ...(column.format === undefined ? {} : { numberFormat: column.format }), ...(column.style === undefined ? {} : { style: column.style }) });
    if (column.name !== undefined) b.name(role, column.name, `${letters}${first}:${letters}${last}`);
  });
  sheet.tables.push({ name: tableName, range: `${columnName(left)}${TABLE_HEADER_ROW}:${columnName(left + columns.length - 1)}${last}` });
  sheet.nextColumn = left + columns.length + 1;
  return { first, last, column: (j) => columnName(left + j) };
}

/** A table's check (inputChecks): in row 2 of the data sheet over the table's first column (A for a linked survey), named. */
export function addInputCheck(b: ReportBuilder, column: string, name: string, checked: readonly CheckedColumn[]): void {
  b.putOn("data", { address: `${column}2`, formula: inputCheckFormula(checked, b.ctx.locale), numberFormat: CHECK_FORMAT });
  b.name("data", name, `${column}2`);
}

/**
 * The columns a check reads, with their headers and rules: the report's named columns, or a linked
 * table's j-th column on the user's sheet (from its `offset`-th).
 */
export function checkedColumns(b: ReportBuilder, columns: readonly InputColumn[], linked?: LinkedRange, offset = 0): CheckedColumn[] {
  return columns.map(([name, header, rule], j) => ({
    header: b.ctx.t(header), rule, badRows: `${name}_Bad`, ...(linked === undefined ? { name } : { name: linkedReference(linked, j + offset), sheet: linked.sheet }),
  }));
}

/**
 * The check's grey working columns, one per checked column, named by its `badRows`: on each row, the
 * row of the checked cell where it is bad (badRowFormula). `cell(j, i, at)` is checked column j's cell
 * on body row i: a cell of the same table (`at`), or the user's linked cell.
 */
export function badRowColumns(b: ReportBuilder, checked: readonly CheckedColumn[], cell: (j: number, i: number, at: (k: number) => string) => string): TableColumn[] {
  return checked.map((column, j) => ({
    header: `${b.ctx.t("checkRow")} · ${column.header}`, name: column.badRows, width: 80, style: "helper", format: WHOLE_FORMAT, whenEmpty: true,
    content: (i, at) => ({ formula: badRowFormula(column.rule, cell(j, i, at)) }),
  }));
}

/** A column's typed content: row i's value, or nothing. */
export const typed = (value: (i: number) => string | number | undefined) => (i: number): { value: string | number } | undefined => {
  const v = value(i);
  return v === undefined ? undefined : { value: v };
};

/** A mirrored cell of the user's that may be blank: a blank stays blank (a plain reference would make it 0). */
export const keepingBlank = (cell: string): { formula: string } => ({ formula: `=IF(ISBLANK(${cell}),"",${cell})` });

/** A cell of a mirrored (linked) table: a live reference to the user's cell. */
export const link = (range: LinkedRange, j: number) => (i: number): { formula: string } => ({ formula: `=${linkedReference(range, j, i)}` });

/** A grey working column of an input table: each row's formula from the row's cells (`at(j)`), with its number format. */
export function workingColumn(header: string, name: string | undefined, formula: (at: (j: number) => string) => string, format: string): TableColumn {
  return { header, width: 80, style: "helper", format, ...(name === undefined ? {} : { name }), content: (_i, at) => ({ formula: formula(at) }) };
}

/** COUNTIFS/SUMIFS criteria keeping the rows whose `dates` fall in the period tables' i-th period. */
export function datedIn(dates: string, i: number): string {
  return `${dates},">="&INDEX(${trendName("firstDay")},${i}),${dates},"<="&INDEX(${trendName("lastDay")},${i})`;
}

/**
 * A table of figures per period under the period tables (A:…), one row for each of their periods:
 * a heading, the period's label and each named column's formula for the period's row i (sheet row r).
 * @returns the first row below it
 */
export function addPerPeriodTable(b: ReportBuilder, top: number, heading: string, columns: readonly (readonly [header: string, name: string, format: string])[], formulas: (i: number, r: number) => readonly string[]): number {
  const { t, tableCount } = b.ctx;
  const put = (cell: CellSpec): void => b.putOn("workings", cell);
  put({ address: `A${top}`, value: heading, style: "heading" });
  const header = top + 1;
  put({ address: `A${header}`, value: t("trendPeriod"), style: "label" });
  columns.forEach(([text, name], k) => {
    const column = columnName(k + 1);
    put({ address: `${column}${header}`, value: text, style: "numberHeader" });
    b.name("workings", name, `${column}${header + 1}:${column}${header + tableCount}`);
  });
  for (let i = 1; i <= tableCount; i++) {
    const r = header + i;
    put({ address: `A${r}`, formula: `=${b.periodLabelCell(i)}`, numberFormat: TEXT_RESULT });
    formulas(i, r).forEach((formula, k) => put({ address: `${columnName(k + 1)}${r}`, formula, numberFormat: columns[k]?.[2] as string }));
  }
  return header + tableCount + 1;
}
