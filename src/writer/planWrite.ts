import { columnName, parseRange } from "../core/a1";
import type { CellSpec, SheetSpec } from "../report/sheetSpec";

/** The batched writes for one sheet: every cell in one formulas block and one number-format block. */
export interface WritePlan {
  /** The block's address, e.g. "A1:C23". */
  readonly range: string;
  /** Row-major values and formulas for the block ("" where the spec has nothing). */
  readonly formulas: (string | number | boolean)[][];
  readonly numberFormats: string[][];
  /** Cells of each style, as comma-joined address lists (runs down a column merged) for one format call per style. */
  readonly styles: Readonly<Partial<Record<NonNullable<CellSpec["style"]>, string>>>;
}

function parseAddress(address: string): { row: number; column: number } {
  const range = /^[A-Z]{1,3}\d+$/.test(address) ? parseRange(address) : undefined;
  if (range === undefined) {
    throw new Error(`the report spec has a bad cell address: ${address}`);
  }
  return { row: range.top, column: range.left };
}

/**
 * Turns a SheetSpec into a few large writes instead of one per cell (a round trip to Excel per
 * cell would take seconds on Excel on the web): the bounding block of all cells as one formulas
 * array and one number-format array, and one address list per style.
 */
export function planWrite(spec: SheetSpec): WritePlan {
  const positions = spec.cells.map((cell) => parseAddress(cell.address));
  const rows = Math.max(...positions.map((p) => p.row)) + 1;
  const columns = Math.max(...positions.map((p) => p.column)) + 1;
  const formulas = Array.from({ length: rows }, () => new Array<string | number | boolean>(columns).fill(""));
  const numberFormats = Array.from({ length: rows }, () => new Array<string>(columns).fill("General"));
  const styles: Partial<Record<NonNullable<CellSpec["style"]>, { row: number; column: number }[]>> = {};
  spec.cells.forEach((cell, i) => {
    const position = positions[i] as { row: number; column: number };
    const content = cell.formula ?? cell.value ?? "";
    (formulas[position.row] as (string | number | boolean)[])[position.column] = content;
    if (cell.numberFormat !== undefined) (numberFormats[position.row] as string[])[position.column] = cell.numberFormat;
    if (cell.style !== undefined) (styles[cell.style] ??= []).push(position);
  });
  return {
    range: `A1:${columnName(columns - 1)}${rows}`,
    formulas,
    numberFormats,
    styles: Object.fromEntries(Object.entries(styles).map(([style, cells]) => [style, columnRuns(cells)])),
  };
}

/**
 * Cells as a short address list: each column's consecutive cells become one range ("X8:X127"), so
 * a long input table is a handful of areas, not thousands of addresses in one getRanges call.
 */
function columnRuns(cells: readonly { row: number; column: number }[]): string {
  const sorted = [...cells].sort((a, b) => a.column - b.column || a.row - b.row);
  const runs: string[] = [];
  let start = sorted[0];
  let end = start;
  const flush = (): void => {
    if (start === undefined || end === undefined) return;
    const from = `${columnName(start.column)}${start.row + 1}`;
    runs.push(end.row === start.row ? from : `${from}:${columnName(end.column)}${end.row + 1}`);
  };
  for (const cell of sorted.slice(1)) {
    if (end !== undefined && cell.column === end.column && cell.row === end.row + 1) {
      end = cell;
      continue;
    }
    flush();
    start = cell;
    end = cell;
  }
  flush();
  return runs.join(",");
}

/** The first of "name", "name (2)", "name (3)", … that is not taken (sheet names compare without case). */
export function uniqueSheetName(wanted: string, taken: readonly string[]): string {
  const used = new Set(taken.map((name) => name.toLowerCase()));
  // Excel sheet names: at most 31 characters, none of : \ / ? * [ ]
  const base = wanted.replace(/[:\\/?*[\]]/g, " ").slice(0, 25).trim() || "Report";
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}

/** A workbook-unique Excel table name: "name", "name_2", … (table names are global and compare without case). */
export function uniqueTableName(wanted: string, taken: readonly string[]): string {
  const used = new Set(taken.map((name) => name.toLowerCase()));
  const base = wanted.replace(/[^A-Za-z0-9_]/g, "_").replace(/^([^A-Za-z_])/, "_$1").slice(0, 200) || "Table";
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}_${n}`;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}
