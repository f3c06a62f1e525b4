import { serialFromUtc } from "../core/dates";
import type { CustomerId } from "../core/prep/groupCustomers";
import { showNumber } from "../core/validate";
import type { Call } from "./call";
import { scratchFloat64, scratchInt32 } from "./scratch";
import { isBlank } from "../core/cells";

/** What Excel hands a function for a range: rows of cell values. */
export type Matrix = readonly (readonly unknown[])[];

const EXCEL_ERROR_TEXT = /^#(N\/A|VALUE!|DIV\/0!|NUM!|REF!|NAME\?|NULL!|SPILL!|CALC!|FIELD!|BUSY!|CONNECT!|BLOCKED!|UNKNOWN!|GETTING_DATA)$/;

export { isBlank };

/** The error a cell holds, as text ("#N/A"), if it holds one. */
export function errorValueOf(value: unknown): string | undefined {
  if (typeof value === "string") return EXCEL_ERROR_TEXT.test(value) ? value : undefined;
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    const code = record["code"] ?? record["errorCode"] ?? record["errorType"];
    if (typeof code === "string") return code.startsWith("#") ? code : `#${code}`;
    if (record["type"] === "Error") return "#VALUE!";
  }
  return undefined;
}

/** Quotes a cell's content for a message: text in quotes, numbers as typed, TRUE/FALSE in capitals. */
export function showValue(value: unknown): string {
  if (typeof value === "string") return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === "number") return showNumber(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return String(errorValueOf(value) ?? typeof value);
}

/** Normalises an argument to rows of cells: a single value becomes a 1×1 range. */
export function asMatrix(value: unknown): Matrix {
  if (Array.isArray(value)) {
    if (value.length === 0) return [];
    if (Array.isArray(value[0])) return value as Matrix;
    return [value];
  }
  return [[value]];
}

export function shapeOf(matrix: Matrix): { rows: number; columns: number } {
  return { rows: matrix.length, columns: matrix[0]?.length ?? 0 };
}

/** How a message writes a range's size: "3×1" ("3 rows × 1 column" reads heavy in a tooltip). */
export function showShape(matrix: Matrix): string {
  const { rows, columns } = shapeOf(matrix);
  return `${rows}×${columns}`;
}

/**
 * The number in one cell, or an error that names the argument and the cell. Text and TRUE/FALSE
 * are refused rather than guessed at (a number stored as text is a data problem to fix, not to hide).
 */
export function cellNumber(call: Call, argument: string, value: unknown, rangeIndex: number): number {
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    return call.fail("value", "notNumber", argument, { value: showNumber(value) }, rangeIndex);
  }
  const error = errorValueOf(value);
  if (error !== undefined) return call.fail("value", "errorValue", argument, { value: error }, rangeIndex);
  if (isBlank(value)) return call.fail("na", "blankValue", argument, {}, rangeIndex);
  const key = typeof value === "string" ? "textNotNumber" : "notNumber";
  return call.fail("value", key, argument, { value: showValue(value) }, rangeIndex);
}

export interface NumberColumn {
  readonly values: Float64Array;
  /** Row-major range index of each value; present only when blanks were skipped. */
  readonly sourceIndex?: Int32Array;
}

/**
 * Every number in a range, row by row. With `skipBlanks` blank cells are left out (a survey
 * respondent who did not answer); otherwise a blank is an error naming its cell.
 */
export function rangeNumbers(call: Call, argument: string, value: unknown, skipBlanks: boolean): NumberColumn {
  const matrix = asMatrix(value);
  const { rows, columns } = shapeOf(matrix);
  const values = scratchFloat64(rows * columns);
  call.noteShape(argument, rows, columns);
  // The index map back to the range is only needed once a blank has been skipped; until then
  // value i sits at range index i, and a million-answer survey without blanks allocates no map.
  let sourceIndex: Int32Array | undefined;
  let count = 0;
  for (let r = 0; r < rows; r++) {
    const row = matrix[r] as readonly unknown[];
    for (let c = 0; c < columns; c++) {
      const cell = row[c];
      const index = r * columns + c;
      if (typeof cell === "number" && Number.isFinite(cell)) {
        values[count] = cell;
      } else if (skipBlanks && isBlank(cell)) {
        if (sourceIndex === undefined) {
          sourceIndex = scratchInt32(rows * columns);
          for (let k = 0; k < count; k++) sourceIndex[k] = k;
        }
        continue;
      } else {
        values[count] = cellNumber(call, argument, cell, index);
      }
      if (sourceIndex !== undefined) sourceIndex[count] = index;
      count++;
    }
  }
  if (sourceIndex === undefined) return { values };
  const trimmedSource = sourceIndex.subarray(0, count);
  call.noteShape(argument, rows, columns, trimmedSource);
  return { values: values.subarray(0, count), sourceIndex: trimmedSource };
}

/** A single-value argument: undefined when omitted or blank (so the caller applies its default). */
export function optionalScalar(call: Call, argument: string, value: unknown): unknown {
  const matrix = asMatrix(value);
  const { rows, columns } = shapeOf(matrix);
  if (rows * columns > 1) return call.fail("value", "notSingleValue", argument, { shape: showShape(matrix) });
  const cell = matrix[0]?.[0];
  return isBlank(cell) ? undefined : cell;
}

export function optionalNumber(call: Call, argument: string, value: unknown): number | undefined {
  const cell = optionalScalar(call, argument, value);
  return cell === undefined ? undefined : cellNumber(call, argument, cell, 0);
}

export function requiredNumber(call: Call, argument: string, value: unknown): number {
  return cellNumber(call, argument, optionalScalar(call, argument, value), 0);
}

/**
 * A choice typed as text ("average", "moe"), matched without regard to case or spaces; `choices`
 * maps each accepted spelling (English and Chinese) to its meaning.
 */
export function optionalChoice<T>(call: Call, argument: string, value: unknown, choices: Readonly<Record<string, T>>): T | undefined {
  const cell = optionalScalar(call, argument, value);
  if (cell === undefined) return undefined;
  const key = String(cell).trim().toLowerCase();
  const choice = Object.prototype.hasOwnProperty.call(choices, key) ? choices[key] : undefined;
  if (choice === undefined) {
    const allowed = Object.keys(choices).filter((k) => /^[a-z]/.test(k)).map((k) => `"${k}"`).join(", ");
    return call.fail("value", "badOption", argument, { value: showValue(cell), allowed });
  }
  return choice;
}

/** Excel's last date, 9999-12-31. Serial 1 is 1900-01-01. */
export const MAX_DATE_SERIAL = 2958465;

/**
 * Excel serial of a date typed as text: 2024-03-31, 2024/3/31, 2024.3.31 or 2024年3月31日, with an
 * optional time that is kept as a fraction of the day. Undefined for anything else or an impossible
 * date (2024-02-30).
 */
export function parseDateText(text: string): number | undefined {
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const [hour, minute, second] = [Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0)];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  if (hour > 23 || minute > 59 || second > 59 || year < 1900 || (year === 1900 && month < 3)) return undefined;
  return serialFromUtc(ms) + (hour * 3600 + minute * 60 + second) / 86400;
}

/** A date cell as an Excel serial, or an error naming the cell. */
export function cellDate(call: Call, argument: string, value: unknown, rangeIndex: number): number {
  if (typeof value === "string" && errorValueOf(value) === undefined && !isBlank(value)) {
    const serial = parseDateText(value);
    if (serial === undefined) return call.fail("value", "badDate", argument, { value: showValue(value) }, rangeIndex);
    return serial;
  }
  const serial = cellNumber(call, argument, value, rangeIndex);
  if (serial < 1 || serial >= MAX_DATE_SERIAL + 1) {
    return call.fail("value", "dateOutOfRange", argument, { value: showNumber(serial) }, rangeIndex);
  }
  return serial;
}

export function optionalDate(call: Call, argument: string, value: unknown): number | undefined {
  const cell = optionalScalar(call, argument, value);
  return cell === undefined ? undefined : cellDate(call, argument, cell, 0);
}

/** A customer id cell: text or a number; blanks, errors and TRUE/FALSE are refused. */
export function cellCustomerId(call: Call, argument: string, value: unknown, rangeIndex: number): CustomerId {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string") {
    // Fast path for the usual id: text starting with a visible character other than "#".
    const first = value.charCodeAt(0);
    if (first > 32 && first !== 35) return value;
    if (value.trim() !== "" && errorValueOf(value) === undefined) return value;
  }
  const error = errorValueOf(value);
  if (error !== undefined) return call.fail("value", "errorValue", argument, { value: error }, rangeIndex);
  if (isBlank(value) || (typeof value === "string" && value.trim() === "")) {
    return call.fail("na", "blankValue", argument, {}, rangeIndex);
  }
  return call.fail("value", "notNumber", argument, { value: showValue(value) }, rangeIndex);
}
