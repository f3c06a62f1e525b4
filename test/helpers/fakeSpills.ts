/**
 * Dynamic arrays in the fake workbook, as "Handle dynamic arrays and spilling using the Excel
 * JavaScript API" (learn.microsoft.com) and "Dynamic array formulas and spilled array behavior"
 * (support.microsoft.com) describe them: a formula that returns an array fills the cells below and
 * to the right of its anchor; those cells hold no formula of their own; a spill whose cells are not
 * all empty does not happen, and the anchor shows #SPILL!. Which formulas return which arrays is the
 * test's to say (a SpillModel), since the fake does not compute formulas.
 */
import { columnIndex, columnName } from "../../src/core/a1";

export type Cell = string | number | boolean;

export interface Area { top: number; left: number; bottom: number; right: number }

/** The array a formula returns, or undefined for one value (no spill). */
export type SpillModel = (formula: string, sheet: string, address: string) => readonly (readonly Cell[])[] | undefined;

/** An A1 address ("B7", "$A$1:$C$9", "'S'!B:B") as zero-based rows and columns. */
export function area(address: string): Area {
  const local = address.split("!").at(-1) as string;
  const [from, to = from] = local.replace(/\$/g, "").split(":") as [string, string?];
  const column = (a: string): number => columnIndex(a.replace(/\d+$/, ""));
  const row = (a: string): number => (/\d/.test(a) ? Number(a.replace(/^[A-Z]+/, "")) - 1 : -1);
  const whole = row(from) === -1; // a whole column "B:B"
  return { top: whole ? 0 : row(from), left: column(from), bottom: whole ? 1_048_575 : row(to as string), right: column(to as string) };
}

/** The keys of a sheet's cells that show something: its contents and its spilled values. */
export function* cellKeys(sheet: { cells: Map<string, Cell>; spilled: Map<string, Cell> }): Iterable<string> {
  yield* sheet.cells.keys();
  yield* sheet.spilled.keys();
}

interface SpillingSheet {
  name: string;
  cells: Map<string, Cell>;
  formulaCells: Set<string>;
  spilled: Map<string, Cell>;
  anchors: Map<string, Cell>;
}

/** Spills every anchor again from the sheets' contents, as Excel does after each calculation. */
export function recalculate(sheets: readonly SpillingSheet[], model: SpillModel | undefined): void {
  for (const sheet of sheets) {
    sheet.spilled.clear();
    sheet.anchors.clear();
    if (model === undefined) continue;
    for (const key of sheet.formulaCells) {
      const result = model(String(sheet.cells.get(key)), sheet.name, key);
      if (result === undefined) continue;
      const at = area(key);
      const footprint: string[] = [];
      result.forEach((row, r) => row.forEach((_, c) => {
        if (r > 0 || c > 0) footprint.push(`${columnName(at.left + c)}${at.top + r + 1}`);
      }));
      const blocked = footprint.some((cell) => sheet.cells.has(cell) || sheet.spilled.has(cell));
      sheet.anchors.set(key, blocked ? "#SPILL!" : (result[0]?.[0] ?? ""));
      if (blocked) continue;
      result.forEach((row, r) => row.forEach((value, c) => {
        if (r > 0 || c > 0) sheet.spilled.set(`${columnName(at.left + c)}${at.top + r + 1}`, value);
      }));
    }
  }
}

/** The area an anchor spills into now (its own cell included), or undefined when it spills nowhere. */
export function spillArea(sheet: SpillingSheet, key: string, model: SpillModel | undefined): Area | undefined {
  if (model === undefined || !sheet.formulaCells.has(key) || sheet.anchors.get(key) === "#SPILL!") return undefined;
  const result = model(String(sheet.cells.get(key)), sheet.name, key);
  if (result === undefined) return undefined;
  const at = area(key);
  return { top: at.top, left: at.left, bottom: at.top + result.length - 1, right: at.left + Math.max(...result.map((row) => row.length)) - 1 };
}
