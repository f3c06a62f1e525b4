/** Evaluates a report's CX-mode formulas with the add-in's own functions, as Excel with the add-in would. */
import { columnIndex, columnName } from "../../src/core/a1";
import * as cx from "../../src/functions/functions";
import type { SheetSpec } from "../../src/report/sheetSpec";
import { invocation } from "./excel";

export const cellAt = (spec: SheetSpec, address: string) => spec.cells.find((cell) => cell.address === address);

const split = (address: string): { column: number; row: number } => ({
  column: columnIndex(address.replace(/\d+$/, "")),
  row: Number(address.replace(/^[A-Z]+/, "")),
});

/** The cells of an A1 range ("E8:E47", "AH8:AK37" or "B7") of the spec as a 2-D array of values (formulas evaluated). */
function rangeValues(spec: SheetSpec, range: string): unknown[][] {
  const [from, to = from] = range.split(":") as [string, string?];
  const start = split(from);
  const end = split(to as string);
  const values: unknown[][] = [];
  for (let r = start.row; r <= end.row; r++) {
    const row: unknown[] = [];
    for (let c = start.column; c <= end.column; c++) {
      const cell = cellAt(spec, `${columnName(c)}${r}`);
      row.push(cell?.formula !== undefined ? evaluateCx(spec, cell.formula) : (cell?.value ?? ""));
    }
    values.push(row);
  }
  return values;
}

/** The whole (possibly spilled) result of =CX.NAME(arg, …), each argument a text literal, a name or a range of the spec. */
const evaluated = new WeakMap<SheetSpec, Map<string, unknown[][]>>();

export function evaluateCxTable(spec: SheetSpec, formula: string): unknown[][] {
  const cache = evaluated.get(spec) ?? new Map<string, unknown[][]>();
  evaluated.set(spec, cache);
  const known = cache.get(formula);
  if (known !== undefined) return known;
  const match = /^=CX\.([A-Z_]+)\((.*)\)$/.exec(formula);
  if (match === null) throw new Error(`not a CX formula: ${formula}`);
  const args = (match[2] as string).split(",").map((argument) => {
    if (argument.startsWith('"')) return argument.slice(1, -1);
    const named = spec.names.find((name) => name.name === argument);
    return rangeValues(spec, named?.range ?? argument);
  });
  const fn = (cx as Record<string, (...a: unknown[]) => unknown[][]>)[match[1] as string] as (...a: unknown[]) => unknown[][];
  const padded = [...args, ...new Array(fn.length - 1 - args.length).fill(null)];
  const result = fn(...padded, invocation());
  cache.set(formula, result);
  return result;
}

/** A report formula's value: a cell reference, =SUM(name), =AVERAGE(CX…) or a CX call (its top-left value). */
export function evaluateCx(spec: SheetSpec, formula: string): number {
  const reference = /^=([A-Z]+\d+)$/.exec(formula);
  if (reference !== null) return rangeValues(spec, reference[1] as string)[0]?.[0] as number;
  const sum = /^=SUM\((\w+)\)$/.exec(formula);
  if (sum !== null) {
    const named = spec.names.find((name) => name.name === sum[1]);
    return rangeValues(spec, named?.range ?? (sum[1] as string)).reduce((total, [value]) => total + (value as number), 0);
  }
  const average = /^=AVERAGE\((CX\..*)\)$/.exec(formula);
  if (average !== null) {
    const values = evaluateCxTable(spec, `=${average[1] as string}`).map(([value]) => value as number);
    return values.reduce((total, value) => total + value, 0) / values.length;
  }
  return evaluateCxTable(spec, formula)[0]?.[0] as number;
}

/** What a cell of a CX-mode spec shows: its own formula's value, or its place in a table spilled from above-left. */
export function cxValueAt(spec: SheetSpec, address: string): unknown {
  const own = cellAt(spec, address);
  if (own?.formula !== undefined) return evaluateCx(spec, own.formula);
  const at = split(address);
  for (const cell of spec.cells) {
    if (cell.formula === undefined || !cell.formula.startsWith("=CX.")) continue;
    const anchor = split(cell.address);
    if (anchor.row > at.row || anchor.column > at.column) continue;
    const table = evaluateCxTable(spec, cell.formula);
    const value = table[at.row - anchor.row]?.[at.column - anchor.column];
    if (value !== undefined && (table.length > 1 || (table[0]?.length ?? 0) > 1)) return value;
  }
  return own?.value;
}
