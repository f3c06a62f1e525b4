import { CustomerIndex, type CustomerGroups, type CustomerId } from "../core/prep/groupCustomers";
import type { Call } from "./call";
import { scratchFloat64, scratchInt32 } from "./scratch";
import { denseCustomers } from "./denseCustomers";
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

/** Every row's index, in order. */
function everyRow(count: number): Int32Array {
  const rows = scratchInt32(count);
  for (let r = 0; r < count; r++) rows[r] = r;
  return rows;
}

/** The rows that hold a record: all but those blank in every argument (a whole row is looked at only when its first cell is blank). */
function recordRows(matrices: readonly Matrix[]): Int32Array {
  const first = matrices[0] as Matrix;
  const kept = scratchInt32(first.length);
  let count = 0;
  for (let r = 0; r < first.length; r++) {
    // (isBlank spelt out: called through its module's export once per cell, as the bench's runner
    // compiles it, it measured a fifth of a million-row read)
    const cell = (first[r] as readonly unknown[])[0];
    if (!(cell === null || cell === undefined || cell === "") || !rowIsBlank(matrices, r)) kept[count++] = r;
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

/** A table's ranges laid out side by side (layOut's checks made), and its customers where the fast way numbered them. */
export interface LaidOutRecords {
  readonly matrices: readonly Matrix[];
  /** Every row's index, when every row is a record; then also the first argument's customers, numbered. */
  readonly allRows?: Int32Array;
  readonly customers?: CustomerGroups;
  /** Whether the fast way was tried on every row (and, without customers, found the column not of its kind). */
  readonly triedEveryRow: boolean;
}

/**
 * readRecords' first step: the ranges laid out, and a customer column read the fast way on every row,
 * where that can work: then no id is blank, so every row is a record, and the pass that looks for
 * blank rows is saved (a tenth of RFM's time). Not where the last id is blank: a whole-column
 * reference (A:A) ends in blank rows.
 */
export function layOutRecords(call: Call, specs: readonly ColumnSpec[]): LaidOutRecords {
  const matrices = layOut(call, specs);
  const totalRows = matrices[0]?.length ?? 0;
  const first = specs[0]?.kind === "customer" ? (matrices[0] as Matrix) : undefined;
  if (first === undefined || isBlank((first[totalRows - 1] as readonly unknown[] | undefined)?.[0])) return { matrices, triedEveryRow: false };
  const allRows = everyRow(totalRows);
  const customers = denseCustomers(first, allRows);
  return customers === undefined ? { matrices, triedEveryRow: true } : { matrices, allRows, customers, triedEveryRow: true };
}

/**
 * Reads arguments that hold one record per row. A row blank in every argument is skipped, so
 * whole-column references (A:A) work; in any other row a blank cell is an error naming it. Each
 * argument is read in a pass of its own, the usual cell with one type check (a million-row table
 * reads in tens of milliseconds); anything else goes to the reader that explains what is wrong.
 */
export function readRecords(call: Call, specs: readonly ColumnSpec[], laidOut = layOutRecords(call, specs)): Records {
  const { matrices, customers } = laidOut;
  const totalRows = matrices[0]?.length ?? 0;
  const keptRows = laidOut.allRows ?? recordRows(matrices);
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
    if (spec.kind === "customer") {
      if (i === 0 && customers !== undefined) return customers;
      // (the fast way not tried twice on the same rows: only where blank rows were left out since)
      const tried = i === 0 && laidOut.triedEveryRow && keptRows.length === totalRows;
      return readCustomers(call, spec.name, matrix, keptRows, !tried);
    }
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
function readCustomers(call: Call, name: string, matrix: Matrix, keptRows: Int32Array, tryDense: boolean): CustomerGroups {
  const dense = tryDense ? denseCustomers(matrix, keptRows) : undefined;
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

function readNumbers(call: Call, spec: ColumnSpec, matrix: Matrix, keptRows: Int32Array, width: number): Float64Array {
  const values = scratchFloat64(keptRows.length * width);
  const low = spec.kind === "date" ? 1 : -Infinity;
  const high = spec.kind === "date" ? MAX_DATE_SERIAL + 1 : Infinity;
  const explain = spec.kind === "date" ? cellDate : cellNumber;
  if (width === 1 && keptRows.length === matrix.length) {
    // the usual column with no blank row to skip: no index to follow, no inner loop (a third of the time)
    for (let r = 0; r < matrix.length; r++) {
      const cell = (matrix[r] as readonly unknown[])[0];
      values[r] = typeof cell === "number" && cell >= low && cell < high ? cell : explain(call, spec.name, cell, r);
    }
    return values;
  }
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
