import type { Call } from "./call";
import { asMatrix, cellNumber, isBlank, shapeOf, showShape, type Matrix } from "./coerce";

export interface ElementArgument {
  readonly name: string;
  readonly value: unknown;
  /** An optional argument may be omitted or blank; the compute function then gets undefined. */
  readonly optional?: boolean;
}

/**
 * Failing cells that carry their message, in a spilled result: past them, a cell gets its error code
 * alone (200,000 failing cells formatted 200,000 messages in about 2 s; nobody reads the thousandth).
 */
const MESSAGES_PER_RESULT = 1_000;

/** V8's (and so Excel's JavaScript runtimes') setting of how many frames an error records. */
const v8Errors = Error as unknown as { stackTraceLimit?: number };

/**
 * Applies a scalar metric cell by cell over arguments that are single values or ranges of one
 * common shape (e.g. spend and new customers per channel → CAC per channel). A single value pairs
 * with every cell. A failing cell becomes that cell's error, as in a spreadsheet; a 1×1 result's
 * error is thrown so that Excel shows its message.
 */
export function elementwise(
  call: Call,
  argumentsGiven: readonly ElementArgument[],
  compute: (values: readonly (number | undefined)[]) => number | string,
): unknown[][] {
  const matrices: (Matrix | undefined)[] = argumentsGiven.map((argument) =>
    argument.optional && isBlank(argument.value) ? undefined : asMatrix(argument.value),
  );
  let rows = 1;
  let columns = 1;
  let shapeSource = -1;
  matrices.forEach((matrix, i) => {
    if (matrix === undefined) return;
    const shape = shapeOf(matrix);
    const argument = argumentsGiven[i] as ElementArgument;
    call.noteShape(argument.name, shape.rows, shape.columns);
    if (shape.rows * shape.columns === 0) call.fail("na", "emptyRange", argument.name, {});
    if (shape.rows * shape.columns === 1) return;
    if (shapeSource < 0) {
      [rows, columns, shapeSource] = [shape.rows, shape.columns, i];
    } else if (shape.rows !== rows || shape.columns !== columns) {
      const other = argumentsGiven[shapeSource] as ElementArgument;
      call.fail("value", "shapeMismatch", argument.name, {
        shape: showShape(matrix), other: other.name, otherShape: showShape(matrices[shapeSource] as Matrix),
      });
    }
  });
  const result: unknown[][] = [];
  const values: (number | undefined)[] = new Array<number | undefined>(argumentsGiven.length);
  let failures = 0;
  let stackLimit: number | undefined;
  for (let r = 0; r < rows; r++) {
    const row: unknown[] = [];
    for (let c = 0; c < columns; c++) {
      const elementIndex = r * columns + c;
      try {
        for (let i = 0; i < argumentsGiven.length; i++) {
          const matrix = matrices[i];
          const argument = argumentsGiven[i] as ElementArgument;
          if (matrix === undefined) {
            values[i] = undefined;
            continue;
          }
          const single = matrix.length === 1 && matrix[0]?.length === 1;
          const cell = single ? matrix[0]?.[0] : matrix[r]?.[c];
          const index = single ? 0 : elementIndex;
          values[i] = argument.optional && isBlank(cell) ? undefined : cellNumber(call, argument.name, cell, index);
        }
        row.push(compute(values));
      } catch (error) {
        const excelError = call.toExcelError(error, elementIndex);
        if (++failures === MESSAGES_PER_RESULT) {
          call.quiet = true;
          // and the errors thrown for the cells after carry no stack trace either (most of a throw's cost)
          stackLimit = v8Errors.stackTraceLimit ?? 10;
          v8Errors.stackTraceLimit = 0;
        }
        if (rows * columns === 1) throw excelError;
        row.push(excelError);
      }
    }
    result.push(row);
  }
  call.quiet = false;
  if (stackLimit !== undefined) v8Errors.stackTraceLimit = stackLimit;
  return result;
}
