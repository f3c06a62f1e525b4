/**
 * A1-style address arithmetic for naming the cell that holds a bad value. Excel gives a function
 * its argument's range address ("Sheet1!$B$2:$B$40", "'Q1 data'!B2:C9"); the adapter adds the
 * offset of the offending value inside the range.
 */

import { columnIndex, columnName } from "../core/a1";

/**
 * The address of the cell `row` rows and `column` columns (0-based) from the top-left of `range`,
 * keeping its sheet prefix; undefined when `range` is not an A1 reference (a literal, a name).
 *
 * @example cellInRange("Sheet1!$B$2:$B$40", 3, 0) // "Sheet1!B5"
 */
export function cellInRange(range: string | undefined, row: number, column: number): string | undefined {
  if (range === undefined || range === "") return undefined;
  const bang = range.lastIndexOf("!");
  const sheet = bang >= 0 ? range.slice(0, bang + 1) : "";
  const first = (bang >= 0 ? range.slice(bang + 1) : range).split(":")[0] ?? "";
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(first);
  if (match === null) return undefined;
  return `${sheet}${columnName(columnIndex(match[1] as string) + column)}${Number(match[2]) + row}`;
}
