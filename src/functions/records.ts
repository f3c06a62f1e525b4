import { CustomerIndex, type CustomerGroups, type CustomerId } from "../core/prep/groupCustomers";
import type { Call } from "./call";
import { scratchFloat64, scratchInt32 } from "./scratch";
import { asMatrix, cellCustomerId, cellDate, cellNumber, errorValueOf, isBlank, MAX_DATE_SERIAL, shapeOf, showShape, type Matrix } from "./coerce";

/**
 * "customer": ids numbered as they are read (CustomerIndex), for tables summarised per customer;
 * "unit": the same for a unit column (region, channel, …), where a blank cell is a unit of its own.
 */
export type ColumnKind = "number" | "date" | "id" | "customer" | "unit";

export interface ColumnSpec {
  readonly name: string;
  readonly value: unknown;
  readonly kind: ColumnKind;
  /** How many columns one record takes in this argument; 1 for a plain column (a row is turned). */
  readonly wide?: boolean;
}

export interface Records {
  /** Rows of the original ranges that hold a record (fully blank rows are skipped). */
  readonly keptRows: Int32Array;
  readonly totalRows: number;
  /** Per argument: its values, record by record (row-major for a wide argument). */
  readonly columns: readonly (Float64Array | CustomerId[] | CustomerGroups)[];
  /** Per argument: how many values one record has. */
  readonly widths: readonly number[];
}

/**
 * Lays out arguments that hold one record per row side by side: a transaction table (customer,
 * date, amount), per-customer summaries, or one customer's measures per row. A single row given
 * for a plain column is read as a column. Ranges of different lengths are refused.
 */
function layOut(call: Call, specs: readonly ColumnSpec[]): Matrix[] {
  const matrices: Matrix[] = specs.map((spec) => {
    const matrix = asMatrix(spec.value);
    const { rows, columns } = shapeOf(matrix);
    call.noteShape(spec.name, rows, columns);
    if (rows * columns === 0) call.fail("na", "emptyRange", spec.name, {});
    // A single row handed in for a plain column: read it as a column (row-major indices stay the same).
    if (!spec.wide && rows === 1 && columns > 1) return (matrix[0] as readonly unknown[]).map((cell) => [cell]);
    if (!spec.wide && columns > 1) call.fail("value", "notSingleValue", spec.name, { shape: showShape(matrix) });
    return matrix;
  });
  const totalRows = matrices[0]?.length ?? 0;
  // Ranges of different sizes where one is a single error cell (#N/A, #REF!, …): say that, not that it is the wrong size.
  if (matrices.some((matrix) => matrix.length !== totalRows)) {
    matrices.forEach((matrix, i) => {
      const lone = matrix.length === 1 && (matrix[0] as readonly unknown[]).length === 1 ? errorValueOf((matrix[0] as readonly unknown[])[0]) : undefined;
      if (lone !== undefined) call.fail("value", "errorValue", (specs[i] as ColumnSpec).name, { value: lone }, 0);
    });
  }
  matrices.forEach((matrix, i) => {
    if (matrix.length !== totalRows) {
      call.fail("value", "shapeMismatch", (specs[i] as ColumnSpec).name, {
        shape: showShape(matrix), other: (specs[0] as ColumnSpec).name, otherShape: showShape(matrices[0] as Matrix),
      });
    }
  });
  return matrices;
}

/** The rows that hold a record: all but those blank in every argument (a whole row is looked at only when its first cell is blank). */
function recordRows(matrices: readonly Matrix[]): Int32Array {
  const first = matrices[0] as Matrix;
  const kept = scratchInt32(first.length);
  let count = 0;
  for (let r = 0; r < first.length; r++) {
    if (!isBlank((first[r] as readonly unknown[])[0]) || !rowIsBlank(matrices, r)) kept[count++] = r;
  }
  return kept.subarray(0, count);
}

function rowIsBlank(matrices: readonly Matrix[], r: number): boolean {
  for (const matrix of matrices) {
    const row = matrix[r] as readonly unknown[];
    for (let c = 0; c < row.length; c++) if (!isBlank(row[c])) return false;
  }
  return true;
}

/**
 * Reads arguments that hold one record per row. A row blank in every argument is skipped, so
 * whole-column references (A:A) work; in any other row a blank cell is an error naming it. Each
 * argument is read in a pass of its own, the usual cell with one type check (a million-row table
 * reads in tens of milliseconds); anything else goes to the reader that explains what is wrong.
 */
export function readRecords(call: Call, specs: readonly ColumnSpec[]): Records {
  const matrices = layOut(call, specs);
  const totalRows = matrices[0]?.length ?? 0;
  const keptRows = recordRows(matrices);
  // Every row blank: the user's input is empty, not a fault of the add-in's; say which argument.
  if (keptRows.length === 0) call.fail("na", "emptyRange", (specs[0] as ColumnSpec).name, {});
  const widths = matrices.map((matrix) => shapeOf(matrix).columns);
  const columns = specs.map((spec, i) => {
    const matrix = matrices[i] as Matrix;
    const width = widths[i] as number;
    if (keptRows.length < totalRows) {
      // Values handed to the core skip blank rows; map their indices back to the range for messages.
      const sourceIndex = new Int32Array(keptRows.length * width);
      for (let j = 0; j < keptRows.length; j++) for (let c = 0; c < width; c++) sourceIndex[j * width + c] = (keptRows[j] as number) * width + c;
      const original = shapeOf(asMatrix(spec.value));
      call.noteShape(spec.name, original.rows, original.columns, sourceIndex);
    }
    if (spec.kind === "customer") return readCustomers(call, spec.name, matrix, keptRows);
    if (spec.kind === "unit") return readUnits(call, spec.name, matrix, keptRows);
    return spec.kind === "id" ? readIds(call, spec.name, matrix, keptRows) : readNumbers(call, spec, matrix, keptRows, width);
  });
  return { keptRows, totalRows, columns, widths };
}

function readIds(call: Call, name: string, matrix: Matrix, keptRows: Int32Array): CustomerId[] {
  const ids: CustomerId[] = new Array<CustomerId>(keptRows.length);
  for (let j = 0; j < keptRows.length; j++) {
    const r = keptRows[j] as number;
    ids[j] = cellCustomerId(call, name, (matrix[r] as readonly unknown[])[0], r);
  }
  return ids;
}

/**
 * Reads an id column and numbers its customers in the same pass: each id is looked up while its
 * text is still in the processor's cache from being checked, which a second pass over a million
 * ids would have to fetch again (measured ~25 % of RFM's time on text ids).
 */
function readCustomers(call: Call, name: string, matrix: Matrix, keptRows: Int32Array): CustomerGroups {
  const dense = denseCustomers(matrix, keptRows);
  if (dense !== undefined) return dense;
  const index = new CustomerIndex();
  const groupOf = new Int32Array(keptRows.length);
  for (let j = 0; j < keptRows.length; j++) {
    const r = keptRows[j] as number;
    groupOf[j] = index.indexOf(cellCustomerId(call, name, (matrix[r] as readonly unknown[])[0], r));
  }
  return { groupOf, labels: index.labels };
}

/** A unit column, numbered as customers are (letter case and spaces do not matter); a blank cell is the unit "" (none given). */
function readUnits(call: Call, name: string, matrix: Matrix, keptRows: Int32Array): CustomerGroups {
  const index = new CustomerIndex();
  const groupOf = new Int32Array(keptRows.length);
  for (let j = 0; j < keptRows.length; j++) {
    const r = keptRows[j] as number;
    const value = (matrix[r] as readonly unknown[])[0];
    const blank = isBlank(value) || (typeof value === "string" && value.trim() === "");
    groupOf[j] = index.indexOf(blank ? "" : cellCustomerId(call, name, value, r));
  }
  return { groupOf, labels: index.labels };
}

/**
 * The fast way to number customers, for the id columns most tables have: every id a whole number,
 * or every id text of a few prefixes and digits, under each prefix either a fixed count of them
 * ("C012345") or any count without leading zeros ("C7", "C12345", "A-1000093"). Then an id is its number
 * (text: the number its digits spell, which tells the ids apart exactly), and customers are numbered
 * through a plain array indexed by it instead of a hash table: one memory access per row instead of
 * hashing the text and comparing it with the stored key (most of RFM's time on a million rows). Any
 * other column, or numbers spread too thinly for the array, returns undefined: the general path
 * (CustomerIndex) then reads it, matching ids as it describes. Both number customers in order of
 * first appearance and keep each one's id as first seen, so the results are the same.
 */
function denseCustomers(matrix: Matrix, keptRows: Int32Array): CustomerGroups | undefined {
  const count = keptRows.length;
  if (count < 1024) return undefined;
  const cellAt = (j: number): unknown => (matrix[keptRows[j] as number] as readonly unknown[])[0];
  const codes = scratchInt32(count);
  // Ids are numbered within runs: one run for whole numbers, or one per prefix of text ids ("C" for
  // C7, "A-" for A-1000093). Each run's numbers get their own stretch of the array.
  const runOf = new Uint8Array(count);
  const runs = typeof cellAt(0) === "number" ? numberRun(matrix, keptRows, codes) : textRuns(matrix, keptRows, codes, runOf);
  if (runs === undefined) return undefined;
  const offsets: number[] = [];
  let span = 0;
  for (const run of runs) {
    offsets.push(span - run.low);
    span += run.high - run.low + 1;
  }
  if (span > 4 * count + 1024 || span > 1 << 24) return undefined;
  // Scratch buffers: the groups are used only within this call (see scratch.ts).
  const groupBySlot = scratchInt32(span).fill(-1);
  const groupOf = scratchInt32(count);
  const labels: CustomerId[] = [];
  for (let j = 0; j < count; j++) {
    const slot = (codes[j] as number) + (offsets[runOf[j] as number] as number);
    let group = groupBySlot[slot] as number;
    if (group < 0) {
      group = labels.length;
      groupBySlot[slot] = group;
      labels.push(cellAt(j) as CustomerId);
    }
    groupOf[j] = group;
  }
  return { groupOf, labels };
}

interface Run {
  low: number;
  high: number;
}

/** Whole-number ids: one run of their values. */
function numberRun(matrix: Matrix, keptRows: Int32Array, codes: Int32Array): Run[] | undefined {
  const run: Run = { low: Infinity, high: -Infinity };
  for (let j = 0; j < keptRows.length; j++) {
    const id = (matrix[keptRows[j] as number] as readonly unknown[])[0];
    if (typeof id !== "number" || !Number.isInteger(id) || id < -0x80000000 || id > 0x7fffffff) return undefined;
    codes[j] = id;
    if (id < run.low) run.low = id;
    if (id > run.high) run.high = id;
  }
  return [run];
}

/** A few distinct prefixes at most: more is not the kind of column this path is for. */
const MAX_PREFIXES = 8;

/**
 * Text ids of a prefix and up to nine digits: a run per prefix, each id the number its digits spell.
 * Undefined for anything else, and where numbers would not tell ids apart: digits of different
 * lengths with a leading zero under one prefix ("C07" and "C7" are two ids but one number), or two
 * prefixes equal but for letter case ("c7" and "C7" are one customer, as COUNTIF matches them).
 */
function textRuns(matrix: Matrix, keptRows: Int32Array, codes: Int32Array, runOf: Uint8Array): Run[] | undefined {
  // Per run (prefix): its text, lowest and highest number, the length of its first id, whether all
  // its ids have that length, and whether any digit run starts with a zero. Typed arrays, not
  // objects: ids of two styles alternate row by row, and switching runs must cost nothing.
  const prefixes: string[] = [];
  const low = new Float64Array(MAX_PREFIXES).fill(Infinity);
  const high = new Float64Array(MAX_PREFIXES).fill(-Infinity);
  const firstLength = new Int32Array(MAX_PREFIXES);
  const mixedLength = new Uint8Array(MAX_PREFIXES);
  const leadingZero = new Uint8Array(MAX_PREFIXES);
  // The prefix of an id is found from its first character: a table from character code to the one
  // prefix that starts with it (-1: none yet; -2: several, then they are searched).
  const prefixByLead = new Int8Array(128).fill(-1);
  for (let j = 0; j < keptRows.length; j++) {
    const id = (matrix[keptRows[j] as number] as readonly unknown[])[0];
    if (typeof id !== "string") return undefined;
    const lead = id.charCodeAt(0);
    if (lead <= 32 || isDigit(lead)) return undefined;
    let current = lead < 128 ? (prefixByLead[lead] as number) : -2;
    if (current >= 0 && !hasPrefix(id, prefixes[current] as string)) current = -2;
    if (current < 0) {
      // Look among the known prefixes before cutting a new one.
      current = prefixes.findIndex((prefix) => hasPrefix(id, prefix));
      if (current < 0) {
        if (prefixes.length === MAX_PREFIXES) return undefined;
        let cut = 0;
        while (cut < id.length && !isDigit(id.charCodeAt(cut))) cut++;
        current = prefixes.length;
        prefixes.push(id.slice(0, cut));
        firstLength[current] = id.length;
        if (lead < 128) prefixByLead[lead] = prefixByLead[lead] === -1 ? current : -2;
      }
    }
    const prefixLength = (prefixes[current] as string).length;
    const digits = id.length - prefixLength;
    if (digits < 1 || digits > 9) return undefined;
    let code = 0;
    for (let k = prefixLength; k < id.length; k++) {
      const c = id.charCodeAt(k);
      if (!isDigit(c)) return undefined;
      code = code * 10 + (c - 48);
    }
    if (id.length !== firstLength[current]) mixedLength[current] = 1;
    if (digits > 1 && id.charCodeAt(prefixLength) === 48) leadingZero[current] = 1;
    if (code < (low[current] as number)) low[current] = code;
    if (code > (high[current] as number)) high[current] = code;
    codes[j] = code;
    runOf[j] = current;
  }
  for (let r = 0; r < prefixes.length; r++) if (mixedLength[r] === 1 && leadingZero[r] === 1) return undefined;
  if (new Set(prefixes.map((prefix) => prefix.toLowerCase())).size < prefixes.length) return undefined;
  return prefixes.map((_, r) => ({ low: low[r] as number, high: high[r] as number }));
}

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** Whether the id starts with the prefix and a digit follows it. */
function hasPrefix(id: string, prefix: string): boolean {
  if (id.length <= prefix.length || !isDigit(id.charCodeAt(prefix.length))) return false;
  for (let k = 0; k < prefix.length; k++) if (id.charCodeAt(k) !== prefix.charCodeAt(k)) return false;
  return true;
}

function readNumbers(call: Call, spec: ColumnSpec, matrix: Matrix, keptRows: Int32Array, width: number): Float64Array {
  const values = scratchFloat64(keptRows.length * width);
  const low = spec.kind === "date" ? 1 : -Infinity;
  const high = spec.kind === "date" ? MAX_DATE_SERIAL + 1 : Infinity;
  const explain = spec.kind === "date" ? cellDate : cellNumber;
  for (let j = 0; j < keptRows.length; j++) {
    const r = keptRows[j] as number;
    const row = matrix[r] as readonly unknown[];
    for (let c = 0; c < width; c++) {
      const cell = row[c];
      values[j * width + c] = typeof cell === "number" && cell >= low && cell < high ? cell : explain(call, spec.name, cell, r * width + c);
    }
  }
  return values;
}

/** Spreads per-record results back over the original rows; skipped rows get blank cells. */
export function alignToRows(records: Records, resultRows: readonly unknown[][], width: number): unknown[][] {
  if (records.keptRows.length === records.totalRows) return resultRows as unknown[][];
  const blankRow = new Array<unknown>(width).fill("");
  const aligned: unknown[][] = Array.from({ length: records.totalRows }, () => blankRow);
  records.keptRows.forEach((row, j) => {
    aligned[row] = resultRows[j] as unknown[];
  });
  return aligned;
}
