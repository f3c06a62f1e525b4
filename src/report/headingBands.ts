/**
 * A section's title band across the section (issue 22, item 13): the heading style's blue fill on
 * the empty cells of the title's row, from its title in A to the section's right edge, so the band is
 * as wide as the table under it, not one column. A section is the block of rows from its title to the
 * first empty row; its right edge the last of the columns from A that some row of it fills without a
 * gap (the early warning beside the RFM table, across empty columns, is not the RFM's). A title right
 * of A (the follow-up lists) bands across its own columns, over the rows that fill its first column.
 * The band stops at another title in the row (the year to date's beside the period figures').
 */
import { columnIndex, columnName } from "../core/a1";
import type { CellSpec, ParagraphSpec } from "./sheetSpec";

const rowOf = (address: string): number => Number(address.replace(/^[A-Z]+/, ""));
const columnOf = (address: string): number => columnIndex(address.replace(/\d+$/, ""));

/** The style-only cells that widen each title's band; `paragraphs` fill their rows across. */
export function headingBands(cells: readonly CellSpec[], paragraphs: readonly ParagraphSpec[] = []): CellSpec[] {
  const filled = new Map<number, Set<number>>();
  const fill = (row: number, column: number): void => {
    (filled.get(row) ?? filled.set(row, new Set()).get(row) as Set<number>).add(column);
  };
  for (const cell of cells) fill(rowOf(cell.address), columnOf(cell.address));
  for (const paragraph of paragraphs) {
    const [from, to = from] = paragraph.range.split(":") as [string, string?];
    for (let c = columnOf(from); c <= columnOf(to); c++) fill(rowOf(from), c);
  }
  const bands: CellSpec[] = [];
  for (const title of cells.filter((cell) => cell.style === "heading")) {
    const [top, left] = [rowOf(title.address), columnOf(title.address)];
    // A title in A heads the rows to the first empty one; a title further right (the follow-up lists
    // beside the RFM table) the rows that fill its own column.
    const inSection = (row: number): boolean => (left === 0 ? filled.has(row) : (filled.get(row)?.has(left) ?? false));
    const used = new Set<number>();
    for (let row = top; inSection(row); row++) for (const column of filled.get(row) as Set<number>) used.add(column);
    let right = left;
    while (used.has(right + 1)) right++;
    const inRow = filled.get(top) as Set<number>;
    for (let column = left + 1; column <= right && !inRow.has(column); column++) bands.push({ address: `${columnName(column)}${top}`, style: "heading" });
  }
  return bands;
}
