import type { CustomerId } from "../core/prep/groupCustomers";
import type { Call } from "./call";
import { asMatrix, cellCustomerId, cellDate, cellNumber, isBlank, shapeOf, showShape, type Matrix } from "./coerce";

export type ColumnKind = "number" | "date" | "id";

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
  readonly columns: readonly (Float64Array | CustomerId[])[];
  /** Per argument: how many values one record has. */
  readonly widths: readonly number[];
}

/**
 * Reads arguments that hold one record per row, side by side: a transaction table (customer,
 * date, amount), per-customer summaries, or one customer's measures per row. A row that is blank
 * in every argument is skipped, so whole-column references (A:A) work; a row blank in only some
 * arguments is an error naming the blank cell. A single row given for a plain column is read as a column.
 */
export function readRecords(call: Call, specs: readonly ColumnSpec[]): Records {
  const originalShapes = specs.map((spec) => shapeOf(asMatrix(spec.value)));
  const matrices: Matrix[] = specs.map((spec, i) => {
    const matrix = asMatrix(spec.value);
    const { rows, columns } = originalShapes[i] as { rows: number; columns: number };
    call.noteShape(spec.name, rows, columns);
    if (rows * columns === 0) call.fail("na", "emptyRange", spec.name, {});
    // A single row handed in for a plain column: read it as a column (row-major indices stay the same).
    if (!spec.wide && rows === 1 && columns > 1) return matrix[0]!.map((cell) => [cell]);
    if (!spec.wide && columns > 1) call.fail("value", "notSingleValue", spec.name, { shape: showShape(matrix) });
    return matrix;
  });
  const totalRows = matrices[0]?.length ?? 0;
  matrices.forEach((matrix, i) => {
    if (matrix.length !== totalRows) {
      call.fail("value", "shapeMismatch", (specs[i] as ColumnSpec).name, {
        shape: showShape(matrix), other: (specs[0] as ColumnSpec).name, otherShape: showShape(matrices[0] as Matrix),
      });
    }
  });
  const widths = matrices.map((matrix) => shapeOf(matrix).columns);
  const kept = new Int32Array(totalRows);
  let keptCount = 0;
  for (let r = 0; r < totalRows; r++) {
    let blank = true;
    for (let i = 0; i < matrices.length && blank; i++) {
      const row = (matrices[i] as Matrix)[r] as readonly unknown[];
      for (let c = 0; c < row.length; c++) {
        if (!isBlank(row[c])) {
          blank = false;
          break;
        }
      }
    }
    if (!blank) kept[keptCount++] = r;
  }
  const keptRows = kept.subarray(0, keptCount);
  const columns = specs.map((spec, i) => {
    const matrix = matrices[i] as Matrix;
    const width = widths[i] as number;
    if (keptCount < totalRows) {
      const sourceIndex = new Int32Array(keptCount * width);
      for (let j = 0; j < keptCount; j++) for (let c = 0; c < width; c++) sourceIndex[j * width + c] = (keptRows[j] as number) * width + c;
      const original = originalShapes[i] as { rows: number; columns: number };
      call.noteShape(spec.name, original.rows, original.columns, sourceIndex);
    }
    return readColumn(call, spec, matrix, keptRows, width);
  });
  return { keptRows, totalRows, columns, widths };
}

function readColumn(call: Call, spec: ColumnSpec, matrix: Matrix, keptRows: Int32Array, width: number): Float64Array | CustomerId[] {
  if (spec.kind === "id") {
    const ids: CustomerId[] = new Array<CustomerId>(keptRows.length);
    for (let j = 0; j < keptRows.length; j++) {
      const r = keptRows[j] as number;
      ids[j] = cellCustomerId(call, spec.name, (matrix[r] as readonly unknown[])[0], r);
    }
    return ids;
  }
  const values = new Float64Array(keptRows.length * width);
  const read = spec.kind === "date" ? cellDate : cellNumber;
  for (let j = 0; j < keptRows.length; j++) {
    const r = keptRows[j] as number;
    const row = matrix[r] as readonly unknown[];
    for (let c = 0; c < width; c++) {
      const cell = row[c];
      values[j * width + c] = spec.kind === "number" && typeof cell === "number" && Number.isFinite(cell) ? cell : read(call, spec.name, cell, r * width + c);
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
