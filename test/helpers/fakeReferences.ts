/**
 * How Excel rewrites the references in formulas, defined names and chart series when the cells they
 * point at move or go: the fake workbook (fakeWorkbook.ts) applies these as Excel does.
 *
 * - Inserting or deleting whole rows shifts every reference below them, on every sheet that points
 *   at the sheet ("Insert or delete rows and columns", support.microsoft.com: "references adjust");
 *   a reference to a deleted cell becomes #REF!.
 * - Renaming a sheet rewrites every reference to it ("Rename a worksheet": formulas update).
 * - Deleting a sheet turns every reference to it into #REF! ("Delete a worksheet").
 *
 * Text in quotes is never taken for a reference.
 */
import { columnIndex } from "../../src/core/a1";

/** A sheet's name as a reference writes it: quoted where Excel quotes it. */
export const qualified = (sheet: string): string => (/^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? `${sheet}!` : `'${sheet.replace(/'/g, "''")}'!`);

// a sheet prefix (quoted or not), then a cell or a range of cells, or whole rows ($5:$9)
const REFERENCE = /((?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?|\$?\d+:\$?\d+)(?![\w(])/g;

/** Applies `change` to the parts of a formula outside its text literals. */
function outsideQuotes(formula: string, change: (part: string) => string): string {
  return formula.split(/("(?:[^"]|"")*")/).map((part, i) => (i % 2 === 1 ? part : change(part))).join("");
}

const unquote = (prefix: string): string => prefix.slice(0, -1).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");

/**
 * Each reference of a formula to `sheet` (qualified by it, or unqualified on `own`) through `move`,
 * which gets its rows (1-based, inclusive) and returns them moved, or undefined for #REF!.
 */
function moveRows(formula: string, own: string, sheet: string, move: (top: number, bottom: number) => [number, number] | undefined): string {
  return outsideQuotes(formula, (part) => part.replace(REFERENCE, (whole: string, prefix: string | undefined, local: string, offset: number, text: string) => {
    if ((prefix === undefined ? own : unquote(prefix)) !== sheet) return whole;
    if (prefix === undefined && /[\w.]$/.test(text.slice(0, offset))) return whole; // part of a name such as LOG10 or Tx_1
    const ends = local.split(":");
    const rowOf = (end: string): number => Number(end.replace(/^\$?[A-Z]*\$?/, ""));
    const top = rowOf(ends[0] as string);
    const bottom = rowOf((ends[1] ?? ends[0]) as string);
    const moved = move(top, bottom);
    if (moved === undefined) return `${prefix ?? ""}#REF!`;
    const withRow = (end: string, row: number): string => end.replace(/(\$?)\d+$/, `$1${row}`);
    return `${prefix ?? ""}${ends.length === 1 ? withRow(ends[0] as string, moved[0]) : `${withRow(ends[0] as string, moved[0])}:${withRow(ends[1] as string, moved[1])}`}`;
  }));
}

/** A formula after `count` whole rows were inserted at row `at` (1-based) of `sheet`; negative `count` deletes rows at..at-count-1. */
export function shiftRows(formula: string, own: string, sheet: string, at: number, count: number): string {
  if (count >= 0) return moveRows(formula, own, sheet, (top, bottom) => [top >= at ? top + count : top, bottom >= at ? bottom + count : bottom]);
  const last = at - count - 1;
  return moveRows(formula, own, sheet, (top, bottom) => {
    if (top >= at && bottom <= last) return undefined; // every cell it named is gone
    const shift = (row: number): number => (row > last ? row + count : row >= at ? at : row);
    return [shift(top), bottom > last ? bottom + count : bottom >= at ? at - 1 : bottom];
  });
}

/** A formula with the references to sheet `from` now naming `to` (a renamed sheet). */
export function renameSheetIn(formula: string, from: string, to: string): string {
  return outsideQuotes(formula, (part) => part.replace(/('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!/g, (whole, prefix: string) => (unquote(`${prefix}!`) === from ? qualified(to) : whole)));
}

/** A formula with every reference to the deleted `sheet` turned into #REF!. */
export function deleteSheetIn(formula: string, sheet: string): string {
  return outsideQuotes(formula, (part) => part.replace(/('(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?|[A-Za-z_][A-Za-z0-9_]*)/g, (whole, prefix: string) => (unquote(`${prefix}!`) === sheet ? "#REF!" : whole)));
}

/** The row (1-based) and column (0-based) of a cell key such as "B12". */
export function keyPosition(key: string): { row: number; column: number } {
  return { row: Number(key.replace(/^[A-Z]+/, "")), column: columnIndex(key.replace(/\d+$/, "")) };
}
