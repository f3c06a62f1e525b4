import { columnName, formatRange, parseRange } from "../core/a1";
import type { CellSpec, SheetSpec } from "../report/sheetSpec";

type Content = string | number | boolean;

/** One rectangle of cells written with one `formulas` call (and one `numberFormat` call where any cell has a format). */
export interface WriteBlock {
  /** The block's address, e.g. "A7:C19". */
  readonly range: string;
  /** Row-major contents: formulas, numbers, and text escaped so that Excel keeps it as text. */
  readonly formulas: Content[][];
  /** Row-major formats ("General" where a cell has none); absent when no cell of the block has one. */
  readonly numberFormats?: string[][];
}

/** The writes for one sheet: its cells as rectangles of cells that hold something, and one address list per style. */
export interface WritePlan {
  readonly blocks: readonly WriteBlock[];
  /** Cells of each style, as comma-joined address lists (runs down a column merged) for one format call per style. */
  readonly styles: Readonly<Partial<Record<NonNullable<CellSpec["style"]>, string>>>;
}

/**
 * What one request to Excel may carry: Excel on the web refuses a request or response over 5 MB
 * ("Resource limits and performance optimization for Office Add-ins"), so the writer keeps each
 * under 4 MB, leaving room for the request's own envelope.
 */
export const REQUEST_BUDGET_BYTES = 4_000_000;

function parseAddress(address: string): { row: number; column: number } {
  const range = /^[A-Z]{1,3}\d+$/.test(address) ? parseRange(address) : undefined;
  if (range === undefined) {
    throw new Error(`the report spec has a bad cell address: ${address}`);
  }
  return { row: range.top, column: range.left };
}

/**
 * What to hand Excel's `formulas` for a cell. Text goes in behind an apostrophe, as a user types it,
 * so that a title such as "=Q3 results", "+86 sales" or "2024" stays the text it is instead of
 * becoming a formula (which fails the whole batch when it does not parse) or a number.
 */
export function cellContent(cell: CellSpec): Content {
  if (cell.formula !== undefined) return cell.formula;
  const value = cell.value ?? "";
  return typeof value === "string" && value !== "" ? `'${value}` : value;
}

/**
 * Every error value a cell can show ("Excel.ErrorCellValue", learn.microsoft.com: the error types,
 * #BUSY! and #GETTING_DATA while a custom function or a linked data type is still working).
 */
const ERROR_VALUES = new Set(["#N/A", "#DIV/0!", "#VALUE!", "#NUM!", "#REF!", "#NAME?", "#NULL!", "#SPILL!", "#CALC!", "#BUSY!", "#GETTING_DATA", "#FIELD!", "#CONNECT!", "#BLOCKED!", "#UNKNOWN!", "#PYTHON!"]);

/** Whether a value read from a cell is an error value. */
export const isErrorValue = (value: unknown): boolean => typeof value === "string" && ERROR_VALUES.has(value);

/** Whether a value read from a cell says its formula is still being calculated (a custom function, a linked data type). */
export const isPending = (value: unknown): boolean => value === "#BUSY!" || value === "#GETTING_DATA";

/** A computed value as `formulas` must be given it to stay that value: text behind an apostrophe (so "=…" or "2024" stays text), errors as typed. */
export function asWritten(value: unknown): string | number | boolean {
  if (typeof value === "number" || typeof value === "boolean") return value;
  const text = String(value ?? "");
  if (text === "" || ERROR_VALUES.has(text)) return text;
  return `'${text}`;
}

/**
 * What to hand Excel's `formulas` to put back a cell as it was read: its formula where it has one,
 * else its value as asWritten gives it (text read back from `formulas` has lost the apostrophe that
 * kept "+ New customers" or "2024" text, and would come back as a formula or a number).
 */
export function restoredContent(formula: unknown, value: unknown): string | number | boolean {
  return typeof formula === "string" && formula.startsWith("=") ? formula : asWritten(value);
}

/**
 * Turns a SheetSpec into a few large writes instead of one per cell (a round trip to Excel per cell
 * would take seconds on Excel on the web), without the blank cells between sections: each row's
 * runs of adjacent cells, stacked into one rectangle while the rows below have the same run (so a
 * table is one block). Blank cells and cells without a format are not sent.
 */
export function planWrite(spec: SheetSpec): WritePlan {
  const byRow = new Map<number, { column: number; cell: CellSpec }[]>();
  const styles: Partial<Record<NonNullable<CellSpec["style"]>, { row: number; column: number }[]>> = {};
  for (const cell of spec.cells) {
    const position = parseAddress(cell.address);
    if (cell.style !== undefined) (styles[cell.style] ??= []).push(position);
    if (cell.formula === undefined && (cell.value === undefined || cell.value === "") && cell.numberFormat === undefined) continue;
    let row = byRow.get(position.row);
    if (row === undefined) byRow.set(position.row, (row = []));
    row.push({ column: position.column, cell });
  }
  interface Open { top: number; left: number; right: number; rows: CellSpec[][] }
  const blocks: WriteBlock[] = [];
  let open = new Map<string, Open>();
  let previousRow = -2;
  const close = (block: Open): void => {
    const hasFormat = block.rows.some((cells) => cells.some((cell) => cell.numberFormat !== undefined));
    blocks.push({
      range: formatRange({ top: block.top, left: block.left, bottom: block.top + block.rows.length - 1, right: block.right }),
      formulas: block.rows.map((cells) => cells.map(cellContent)),
      ...(hasFormat ? { numberFormats: block.rows.map((cells) => cells.map((cell) => cell.numberFormat ?? "General")) } : {}),
    });
  };
  for (const rowIndex of [...byRow.keys()].sort((a, b) => a - b)) {
    const cells = (byRow.get(rowIndex) ?? []).sort((a, b) => a.column - b.column);
    const runs: { left: number; right: number; cells: CellSpec[] }[] = [];
    for (const { column, cell } of cells) {
      const last = runs.at(-1);
      if (last !== undefined && column === last.right + 1) {
        last.right = column;
        last.cells.push(cell);
      } else runs.push({ left: column, right: column, cells: [cell] });
    }
    const next = new Map<string, Open>();
    for (const run of runs) {
      const key = `${run.left}:${run.right}`;
      const continued = rowIndex === previousRow + 1 ? open.get(key) : undefined;
      if (continued !== undefined) {
        continued.rows.push(run.cells);
        open.delete(key);
        next.set(key, continued);
      } else next.set(key, { top: rowIndex, left: run.left, right: run.right, rows: [run.cells] });
    }
    open.forEach(close);
    open = next;
    previousRow = rowIndex;
  }
  open.forEach(close);
  return {
    blocks,
    styles: Object.fromEntries(Object.entries(styles).map(([style, cells]) => [style, columnRuns(cells)])),
  };
}

/**
 * A value's size in bytes as JSON on its way to Excel: the 5 MB limit counts bytes, not characters,
 * and a character outside ASCII may travel as a \u escape of 6 bytes (more than its 2–3 bytes in
 * UTF-8), so each is counted at 6: an upper bound whichever way it is sent.
 */
export function payloadBytes(value: unknown): number {
  const json = JSON.stringify(value) ?? "";
  let bytes = json.length;
  for (let i = 0; i < json.length; i++) if (json.charCodeAt(i) > 0x7f) bytes += 5;
  return bytes;
}

/** A write's size as Excel receives it (JSON bytes), near enough to keep requests under the limit. */
export function blockBytes(block: WriteBlock): number {
  return payloadBytes(block.formulas) + (block.numberFormats === undefined ? 0 : payloadBytes(block.numberFormats)) + block.range.length + 200;
}

/**
 * The blocks in requests of at most `budget` bytes each, in order; a block too large for one request
 * is cut into slices of whole rows. `reserve` bytes of the last request are kept for what goes
 * with it (names, tables, charts, styles). A report of ordinary size is one request.
 */
export function batchBlocks(blocks: readonly WriteBlock[], budget = REQUEST_BUDGET_BYTES, reserve = 0): WriteBlock[][] {
  return batchPieces(blocks.flatMap((block) => splitBlock(block, budget)), blockBytes, budget, reserve);
}

/** Pieces (blocks already cut to fit, perhaps tagged with their sheet) in requests of at most `budget` bytes, in order, as batchBlocks. */
export function batchPieces<T>(pieces: readonly T[], bytesOf: (piece: T) => number, budget = REQUEST_BUDGET_BYTES, reserve = 0): T[][] {
  const batches: T[][] = [[]];
  let used = 0;
  for (const piece of pieces) {
    const bytes = bytesOf(piece);
    if (used + bytes > budget && (batches.at(-1) as T[]).length > 0) {
      batches.push([]);
      used = 0;
    }
    (batches.at(-1) as T[]).push(piece);
    used += bytes;
  }
  if (used + reserve > budget && (batches.at(-1) as T[]).length > 0) batches.push([]);
  return batches;
}

/** A block as slices of whole rows, each at most `budget` bytes (a single row always goes whole). */
export function splitBlock(block: WriteBlock, budget: number): WriteBlock[] {
  if (blockBytes(block) <= budget) return [block];
  const box = parseRange(block.range);
  if (box === undefined) throw new Error(`bad block address ${block.range}`);
  const slices: WriteBlock[] = [];
  let from = 0;
  while (from < block.formulas.length) {
    let to = from;
    let bytes = 200 + block.range.length;
    while (to < block.formulas.length) {
      const row = payloadBytes(block.formulas[to]) + 1 + (block.numberFormats === undefined ? 0 : payloadBytes(block.numberFormats[to]) + 1);
      if (to > from && bytes + row > budget) break;
      bytes += row;
      to++;
    }
    slices.push({
      range: formatRange({ top: box.top + from, left: box.left, bottom: box.top + to - 1, right: box.right }),
      formulas: block.formulas.slice(from, to),
      ...(block.numberFormats === undefined ? {} : { numberFormats: block.numberFormats.slice(from, to) }),
    });
    from = to;
  }
  return slices;
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
