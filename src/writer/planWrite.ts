import type { CellSpec, SheetSpec } from "../report/sheetSpec";

/** The batched writes for one sheet: every cell in one formulas block and one number-format block. */
export interface WritePlan {
  /** The block's address, e.g. "A1:C23". */
  readonly range: string;
  /** Row-major values and formulas for the block ("" where the spec has nothing). */
  readonly formulas: (string | number | boolean)[][];
  readonly numberFormats: string[][];
  /** Cells of each style, as comma-joined address lists for one format call per style. */
  readonly styles: Readonly<Partial<Record<NonNullable<CellSpec["style"]>, string>>>;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function columnLetters(index: number): string {
  let letters = "";
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

function parseAddress(address: string): { row: number; column: number } {
  const match = /^([A-Z]{1,3})(\d+)$/.exec(address);
  if (match === null) throw new Error(`the report spec has a bad cell address: ${address}`);
  return { row: Number(match[2]) - 1, column: columnIndex(match[1] as string) };
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
  const styles: Partial<Record<NonNullable<CellSpec["style"]>, string[]>> = {};
  spec.cells.forEach((cell, i) => {
    const { row, column } = positions[i] as { row: number; column: number };
    const content = cell.formula ?? cell.value ?? "";
    (formulas[row] as (string | number | boolean)[])[column] = content;
    if (cell.numberFormat !== undefined) (numberFormats[row] as string[])[column] = cell.numberFormat;
    if (cell.style !== undefined) (styles[cell.style] ??= []).push(cell.address);
  });
  return {
    range: `A1:${columnLetters(columns - 1)}${rows}`,
    formulas,
    numberFormats,
    styles: Object.fromEntries(Object.entries(styles).map(([style, addresses]) => [style, addresses.join(",")])),
  };
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
