/** Evaluates a report's CX-mode formulas with the add-in's own functions, as Excel with the add-in would. */
import * as cx from "../../src/functions/functions";
import type { SheetSpec } from "../../src/report/sheetSpec";
import { invocation } from "./excel";

export const cellAt = (spec: SheetSpec, address: string) => spec.cells.find((cell) => cell.address === address);

/** The cells of an A1 range ("E8:E47" or "B7") of the spec as a 2-D array of values (formulas evaluated). */
function rangeValues(spec: SheetSpec, range: string): unknown[][] {
  const [from, to = from] = range.split(":") as [string, string?];
  const column = (address: string): string => address.replace(/\d+$/, "");
  const row = (address: string): number => Number(address.replace(/^[A-Z]+/, ""));
  const values: unknown[][] = [];
  for (let r = row(from); r <= row(to as string); r++) {
    const cell = cellAt(spec, `${column(from)}${r}`);
    values.push([cell?.formula !== undefined ? evaluateCx(spec, cell.formula) : (cell?.value ?? "")]);
  }
  return values;
}

/** =CX.NAME(arg, …) with each argument a text literal, a name or a cell of the spec (which may hold another CX formula). */
export function evaluateCx(spec: SheetSpec, formula: string): number {
  const reference = /^=([A-Z]+\d+)$/.exec(formula);
  if (reference !== null) return rangeValues(spec, reference[1] as string)[0]?.[0] as number;
  const sum = /^=SUM\((\w+)\)$/.exec(formula);
  if (sum !== null) {
    const named = spec.names.find((name) => name.name === sum[1]);
    return rangeValues(spec, named?.range ?? (sum[1] as string)).reduce((total, [value]) => total + (value as number), 0);
  }
  const match = /^=CX\.([A-Z_]+)\((.*)\)$/.exec(formula);
  if (match === null) throw new Error(`not a CX formula: ${formula}`);
  const args = (match[2] as string).split(",").map((argument) => {
    if (argument.startsWith('"')) return argument.slice(1, -1);
    const named = spec.names.find((name) => name.name === argument);
    return rangeValues(spec, named?.range ?? argument);
  });
  const fn = (cx as Record<string, (...a: unknown[]) => unknown[][]>)[match[1] as string] as (...a: unknown[]) => unknown[][];
  const padded = [...args, ...new Array(fn.length - 1 - args.length).fill(null)];
  return fn(...padded, invocation())[0]?.[0] as number;
}

/** The metric cells of a spec: every formula cell except the built-in counts (COUNTIF), which are the same in both modes. */
export function kpiAddresses(spec: SheetSpec): string[] {
  return spec.cells.filter((cell) => cell.formula !== undefined && !cell.formula.startsWith("=COUNTIF")).map((cell) => cell.address);
}
