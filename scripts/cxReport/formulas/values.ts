/**
 * The values a worksheet formula computes with, as Excel defines them: numbers, text, TRUE/FALSE, a
 * blank, an error; arrays of them; and references to boxes of cells. With Excel's rules for turning
 * one into another ("How Excel converts values in formulas") and for comparing them (numbers before
 * text before logical values, text without regard to letter case).
 */

/** An Excel error value (#N/A, #VALUE!, …), with the message a CX function gave it, if any. */
export class XlError {
  constructor(readonly code: string, readonly message?: string) {}
}

/** A cell's value: null is a blank cell. */
export type Scalar = number | string | boolean | null | XlError;

/** An array: rows of values (a range's values, a dynamic array, a CX table). */
export type Matrix = Scalar[][];

/** A box of cells on a sheet (zero-based rows and columns, inclusive). */
export interface Reference {
  readonly kind: "reference";
  readonly sheet: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/** What an expression evaluates to before it lands in a cell. */
export type Value = Scalar | Matrix | Reference;

export const isError = (value: unknown): value is XlError => value instanceof XlError;

/** The code of an error value: an XlError, a CX function's CustomFunctions.Error, anything with an Excel error code. */
export const errorCodeOf = (value: unknown): string | undefined =>
  (typeof value === "object" && value !== null && typeof (value as { code?: unknown }).code === "string" ? (value as { code: string }).code : undefined);
export const isReference = (value: Value): value is Reference => typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof XlError);
export const isMatrix = (value: Value): value is Matrix => Array.isArray(value);

export const NA = (): XlError => new XlError("#N/A");
export const VALUE = (): XlError => new XlError("#VALUE!");
export const DIV0 = (): XlError => new XlError("#DIV/0!");
export const NUM = (): XlError => new XlError("#NUM!");
export const REF = (): XlError => new XlError("#REF!");

/** A value turned into a number as arithmetic does: a blank is 0, TRUE 1, text that reads as a number that number, other text #VALUE!. */
export function toNumber(value: Scalar): number | XlError {
  if (typeof value === "number") return value;
  if (value === null) return 0;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof XlError) return value;
  const text = value.trim();
  if (text === "") return VALUE();
  const number = Number(text.replace(/,/g, ""));
  return Number.isFinite(number) ? number : VALUE();
}

/** A number as Excel's General format writes it into text: up to 15 significant digits, no trailing zeros. */
export function generalText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  const digits = Number(value.toPrecision(15));
  return String(digits);
}

/** A value turned into text as & does: numbers in General format, TRUE/FALSE in capitals, a blank as no text. */
export function toText(value: Scalar): string | XlError {
  if (value instanceof XlError) return value;
  if (value === null) return "";
  if (typeof value === "number") return generalText(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return value;
}

/** A value as a condition (IF, AND, OR, FILTER): a number is true unless 0, a blank false, text #VALUE!. */
export function toBoolean(value: Scalar): boolean | XlError {
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (value === null) return false;
  if (value instanceof XlError) return value;
  const upper = value.toUpperCase();
  return upper === "TRUE" ? true : upper === "FALSE" ? false : VALUE();
}

/** Excel's order of kinds in a comparison: numbers, then text, then logical values. */
const rank = (value: number | string | boolean): number => (typeof value === "number" ? 0 : typeof value === "string" ? 1 : 2);

/**
 * Compares two values as =, <, > do: a blank takes the other side's kind (0, "" or FALSE); text
 * without regard to letter case. Negative, zero or positive.
 */
export function compare(a: Exclude<Scalar, XlError>, b: Exclude<Scalar, XlError>): number {
  const blankLike = (other: Exclude<Scalar, XlError>): number | string | boolean => (typeof other === "string" ? "" : typeof other === "boolean" ? false : 0);
  const left = a === null ? blankLike(b) : a;
  const right = b === null ? blankLike(a) : b;
  if (rank(left) !== rank(right)) return rank(left) - rank(right);
  if (typeof left === "string") {
    const [x, y] = [left.toLowerCase(), (right as string).toLowerCase()];
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return Number(left) - Number(right);
}

/** Whether two values in the order `compare` gave (negative, zero or positive) meet a comparison: =, <>, <, >, <= or >=. */
export function meets(op: string, order: number): boolean {
  switch (op) {
    case "=": return order === 0;
    case "<>": return order !== 0;
    case "<": return order < 0;
    case ">": return order > 0;
    case "<=": return order <= 0;
    case ">=": return order >= 0;
    default: return false;
  }
}

/** The shape of a value: a scalar is 1 × 1. */
export function shapeOf(value: Scalar | Matrix): { rows: number; columns: number } {
  return Array.isArray(value) ? { rows: value.length, columns: value[0]?.length ?? 0 } : { rows: 1, columns: 1 };
}

/**
 * Applies a scalar operation to two values element by element, as Excel lifts an operator over
 * arrays: a scalar (or a single row or column) is repeated to the other's size; where one array is
 * shorter than the other, the cells beyond it are #N/A.
 */
export function lift2(a: Scalar | Matrix, b: Scalar | Matrix, op: (x: Scalar, y: Scalar) => Scalar): Scalar | Matrix {
  if (!Array.isArray(a) && !Array.isArray(b)) return op(a, b);
  const [sa, sb] = [shapeOf(a), shapeOf(b)];
  const rows = Math.max(sa.rows, sb.rows);
  const columns = Math.max(sa.columns, sb.columns);
  const at = (value: Scalar | Matrix, shape: { rows: number; columns: number }, r: number, c: number): Scalar => {
    if (!Array.isArray(value)) return value;
    const row = shape.rows === 1 ? 0 : r;
    const column = shape.columns === 1 ? 0 : c;
    return row < shape.rows && column < shape.columns ? (value[row]?.[column] ?? null) : NA();
  };
  const out: Matrix = [];
  for (let r = 0; r < rows; r++) {
    const row: Scalar[] = new Array(columns);
    for (let c = 0; c < columns; c++) row[c] = op(at(a, sa, r, c), at(b, sb, r, c));
    out.push(row);
  }
  return out;
}

/** A one-argument operation over a value, element by element. */
export function lift1(a: Scalar | Matrix, op: (x: Scalar) => Scalar): Scalar | Matrix {
  return Array.isArray(a) ? a.map((row) => row.map(op)) : op(a);
}

/** The top-left value of a value (a cell shows it where an array cannot spill). */
export const firstOf = (value: Scalar | Matrix): Scalar => (Array.isArray(value) ? (value[0]?.[0] ?? null) : value);
