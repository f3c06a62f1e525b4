/**
 * Finding one's way about a report spec, as the tests read it: a report is several sheets whose names
 * are scoped to their sheet; an address or a name may be qualified by its sheet ('Data 2026-10'!B7).
 */
import { columnIndex } from "../../src/core/a1";
import type { CellSpec, NameSpec, ReportSpec, SheetRole, SheetSpec, TableSpec } from "../../src/report/sheetSpec";

/** A whole report, or one sheet of it. */
export type Book = ReportSpec | SheetSpec;

export const sheetsOf = (book: Book): readonly SheetSpec[] => ("sheets" in book ? book.sheets : [book]);

/** A reference split into its sheet (the first, the dashboard, when it names none) and the rest. */
export function locate(book: Book, reference: string, on?: SheetSpec): { sheet: SheetSpec; local: string } {
  const sheets = sheetsOf(book);
  const qualified = /^'((?:[^']|'')+)'!(.+)$/.exec(reference);
  if (qualified === null) return { sheet: on ?? (sheets[0] as SheetSpec), local: reference };
  const name = (qualified[1] as string).replace(/''/g, "'");
  const sheet = sheets.find((candidate) => candidate.name === name);
  if (sheet === undefined) throw new Error(`no sheet ${name} in the report`);
  return { sheet, local: qualified[2] as string };
}

/** The cell at an address ("B7" on the dashboard, or "'Data 2026-10'!B7"). */
export function cellAt(book: Book, address: string, on?: SheetSpec): CellSpec | undefined {
  const { sheet, local } = locate(book, address, on);
  return sheet.cells.find((cell) => cell.address === local);
}

/** Every cell of the report with its sheet, the dashboard's first. */
export function allCells(book: Book): { sheet: SheetSpec; cell: CellSpec; address: string }[] {
  return sheetsOf(book).flatMap((sheet, k) => sheet.cells.map((cell) => ({ sheet, cell, address: k === 0 ? cell.address : `'${sheet.name.replace(/'/g, "''")}'!${cell.address}` })));
}

export const split = (address: string): { column: number; row: number } => ({
  column: columnIndex(address.replace(/\d+$/, "")),
  row: Number(address.replace(/^[A-Z]+/, "")),
});

/** A name or an A1 range, either perhaps qualified by its sheet, as the sheet and range it stands for. */
export function resolve(book: Book, reference: string, on: SheetSpec): { sheet: SheetSpec; range: string } {
  const { sheet, local } = locate(book, reference, on);
  const named = sheet.names.find((name) => name.name === local);
  if (named === undefined) return { sheet, range: local };
  if (named.external === true) throw new Error(`${local} links outside the report: ${named.range}`);
  return { sheet, range: named.range };
}

/** The sheet of a report with a role. */
export function sheetOf(report: ReportSpec, role: SheetRole): SheetSpec {
  const sheet = report.sheets.find((candidate) => candidate.role === role);
  if (sheet === undefined) throw new Error(`the report has no ${role} sheet`);
  return sheet;
}

/** Every name of the report, on whichever sheet it is defined. */
export const allNames = (report: ReportSpec): NameSpec[] => report.sheets.flatMap((sheet) => sheet.names);

/** Every table of the report, on whichever sheet it is. */
export const allTables = (report: ReportSpec): TableSpec[] => report.sheets.flatMap((sheet) => sheet.tables);
