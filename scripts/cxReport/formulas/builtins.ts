/**
 * The built-in worksheet functions a report's formulas call, each as Microsoft's function reference
 * describes it (support.microsoft.com, "<NAME> function"): errors pass through unless the function
 * is there to catch them (IFERROR, ISNUMBER, ISTEXT); numbers in ranges are summed, counted and
 * compared while text and blanks there are skipped; criteria (SUMIFS, COUNTIFS, MAXIFS) read ">="&x,
 * "<>", text with * and ? wildcards, or a plain value. A function not here is refused by name, so a
 * new formula in the report is noticed rather than guessed at.
 */
import { columnName, sheetPrefix } from "../../../src/core/a1";
import { serialFromUtc } from "../../../src/core/dates";
import type { Node } from "./parse";
import { formatNumber } from "./textFormat";
import {
  compare, DIV0, firstOf, meets, isError, isMatrix, isReference, lift1, NA, NUM, REF, toBoolean, toNumber, toText, VALUE, XlError,
  type Matrix, type Scalar, type Value,
} from "./values";

/** What a function needs from the workbook it runs in. */
export interface Context {
  /** Evaluates an argument where the formula stands (a reference stays a reference). */
  evaluate(node: Node): Value;
  /** A value with any reference read: a cell's value, or a range's rows. */
  read(value: Value): Scalar | Matrix;
  /** The report's language, for the order SORT puts text in. */
  readonly locale: string;
}

type Builtin = (args: readonly Node[], cx: Context) => Value;

/** An argument read to its value (a reference's cells). */
const valueOf = (node: Node, cx: Context): Scalar | Matrix => (node.t === "missing" ? null : cx.read(cx.evaluate(node)));
/** An argument as one value (the top-left one of a range or an array). */
const scalarOf = (node: Node | undefined, cx: Context): Scalar => (node === undefined || node.t === "missing" ? null : firstOf(valueOf(node, cx)));
const numberOf = (node: Node | undefined, cx: Context): number | XlError => toNumber(scalarOf(node, cx));
const asMatrix = (value: Scalar | Matrix): Matrix => (Array.isArray(value) ? value : [[value]]);
const column = (value: Scalar | Matrix): Scalar[] => asMatrix(value).flat();

/** The numbers SUM, COUNT, MIN, MAX and AVERAGE take: a range's or an array's numbers alone, a typed value turned into one. */
function numbersOf(args: readonly Node[], cx: Context): number[] | XlError {
  const numbers: number[] = [];
  for (const node of args) {
    if (node.t === "missing") continue;
    const evaluated = cx.evaluate(node);
    const value = cx.read(evaluated);
    if (isReference(evaluated) || isMatrix(value)) {
      for (const cell of column(value)) {
        if (isError(cell)) return cell;
        if (typeof cell === "number") numbers.push(cell);
      }
    } else {
      const number = toNumber(value as Scalar);
      if (isError(number)) return number;
      numbers.push(number);
    }
  }
  return numbers;
}

/** A criterion of SUMIFS, COUNTIFS, MAXIFS and COUNTIF, as a test of a cell. */
export function criterion(value: Scalar): (cell: Scalar) => boolean {
  if (typeof value === "number" || typeof value === "boolean") return (cell) => cell === value;
  if (value === null) return (cell) => cell === null || cell === "";
  if (isError(value)) return (cell) => isError(cell) && cell.code === value.code;
  const [, op = "=", operand = ""] = /^(<>|<=|>=|<|>|=)?([\s\S]*)$/.exec(value) as unknown as [string, string?, string?];
  if (operand === "") return op === "<>" ? (cell) => !(cell === null || cell === "") : op === "=" ? (cell) => cell === null || cell === "" : () => false;
  const number = Number(operand);
  const test = (order: number): boolean => meets(op, order);
  if (operand.trim() !== "" && Number.isFinite(number)) return (cell) => (typeof cell === "number" ? test(cell - number) : op === "<>");
  const upper = operand.toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return (cell) => (typeof cell === "boolean" ? test(compare(cell, upper === "TRUE")) : op === "<>");
  if (op === "=" || op === "<>") {
    // * any run of characters, ? any one, ~ before either the character itself
    const pattern = new RegExp(`^${operand.replace(/~([*?~])|([*?])|([.+^${}()|[\]\\])/g, (_m, escaped: string, wild: string, special: string) => (escaped !== undefined ? `\\${escaped}` : wild === "*" ? "[\\s\\S]*" : wild === "?" ? "[\\s\\S]" : `\\${special}`))}$`, "i");
    return (cell) => (typeof cell === "string" && pattern.test(cell)) === (op === "=");
  }
  return (cell) => typeof cell === "string" && test(compare(cell, operand));
}

/** The rows SUMIFS, COUNTIFS and MAXIFS keep: those meeting every (range, criterion) pair from `from`. */
function matching(args: readonly Node[], from: number, cx: Context, size: number): boolean[] | XlError {
  const kept = new Array<boolean>(size).fill(true);
  for (let k = from; k + 1 < args.length; k += 2) {
    const cells = column(valueOf(args[k] as Node, cx));
    if (cells.length !== size) return VALUE();
    const wanted = scalarOf(args[k + 1], cx);
    if (isError(wanted)) return wanted;
    const test = criterion(wanted);
    for (let i = 0; i < size; i++) if (kept[i] && !test(cells[i] ?? null)) kept[i] = false;
  }
  return kept;
}

/** A function of the values in the rows the criteria keep. */
function ifs(reduce: (numbers: number[]) => number): Builtin {
  return (args, cx) => {
    const values = column(valueOf(args[0] as Node, cx));
    const kept = matching(args, 1, cx, values.length);
    if (isError(kept)) return kept;
    const numbers: number[] = [];
    for (let i = 0; i < values.length; i++) {
      const value = values[i] ?? null;
      if (!kept[i]) continue;
      if (isError(value)) return value;
      if (typeof value === "number") numbers.push(value);
    }
    return reduce(numbers);
  };
}

/** A function of numbers, lifted over arrays. */
const numeric = (apply: (x: number) => number | XlError): Builtin => (args, cx) =>
  lift1(valueOf(args[0] as Node, cx), (cell) => {
    const x = toNumber(cell);
    return isError(x) ? x : apply(x);
  });

const sum = (numbers: readonly number[]): number => numbers.reduce((total, x) => total + x, 0);

/** The cell of a reference or the element of an array at a row and column (1-based; 0 the whole column or row). */
function indexInto(target: Value, cx: Context, row: number, col: number | undefined): Value {
  if (isReference(target)) {
    const rows = target.bottom - target.top + 1;
    const cols = target.right - target.left + 1;
    // one index into a single row picks a column
    const [r, c] = col === undefined && rows === 1 ? [1, row] : [row, col ?? (cols === 1 ? 1 : 0)];
    if (r < 0 || c < 0 || r > rows || c > cols) return REF();
    return {
      kind: "reference", sheet: target.sheet,
      top: r === 0 ? target.top : target.top + r - 1, bottom: r === 0 ? target.bottom : target.top + r - 1,
      left: c === 0 ? target.left : target.left + c - 1, right: c === 0 ? target.right : target.left + c - 1,
    };
  }
  const matrix = asMatrix(cx.read(target));
  const [r, c] = col === undefined && matrix.length === 1 ? [1, row] : [row, col ?? 1];
  if (r < 1 || c < 1) return REF();
  return matrix[r - 1]?.[c - 1] ?? REF();
}

/** Unit names and other text in SORT's order: numbers, then text (in the report language's order, letter case aside), then logical values. */
function sortRows(rows: Matrix, by: number, descending: boolean, locale: string): Matrix {
  const collator = new Intl.Collator(locale, { sensitivity: "base", numeric: false });
  const key = (row: Scalar[]): Scalar => row[by] ?? null;
  const order = (a: Scalar[], b: Scalar[]): number => {
    const [x, y] = [key(a), key(b)];
    if (isError(x) || isError(y)) return 0;
    const result = typeof x === "string" && typeof y === "string" ? collator.compare(x, y) : compare(x, y);
    return descending ? -result : result;
  };
  return rows.map((row, k) => ({ row, k })).sort((a, b) => order(a.row, b.row) || a.k - b.k).map(({ row }) => row);
}

export const BUILTINS: Record<string, Builtin> = {
  IF: (args, cx) => {
    const test = cx.read(cx.evaluate(args[0] as Node));
    const decide = (condition: Scalar): boolean | XlError => toBoolean(condition);
    const branch = (node: Node | undefined, otherwise: Scalar): Value => (node === undefined ? otherwise : node.t === "missing" ? 0 : cx.evaluate(node));
    if (Array.isArray(test)) {
      const [yes, no] = [valueOf(args[1] ?? { t: "logical", value: true }, cx), args[2] === undefined ? false : valueOf(args[2], cx)];
      return test.map((row, r) => row.map((cell, c) => {
        const chosen = decide(cell);
        if (isError(chosen)) return chosen;
        const pick = chosen ? yes : no;
        return Array.isArray(pick) ? (pick[r]?.[c] ?? pick[0]?.[0] ?? null) : pick;
      }));
    }
    const chosen = decide(test);
    if (isError(chosen)) return chosen;
    return chosen ? branch(args[1], true) : branch(args[2], false);
  },
  IFERROR: (args, cx) => {
    const value = valueOf(args[0] as Node, cx);
    const fallback = (): Scalar | Matrix => valueOf(args[1] ?? { t: "text", value: "" }, cx);
    if (Array.isArray(value)) return value.map((row) => row.map((cell) => (isError(cell) ? firstOf(fallback()) : cell)));
    return isError(value) ? fallback() : value;
  },
  AND: (args, cx) => logical(args, cx, (values) => values.every(Boolean)),
  OR: (args, cx) => logical(args, cx, (values) => values.some(Boolean)),
  NOT: (args, cx) => lift1(valueOf(args[0] as Node, cx), (cell) => {
    const value = toBoolean(cell);
    return isError(value) ? value : !value;
  }),
  NA: () => NA(),
  ISNUMBER: (args, cx) => lift1(valueOf(args[0] as Node, cx), (cell) => typeof cell === "number"),
  ISTEXT: (args, cx) => lift1(valueOf(args[0] as Node, cx), (cell) => typeof cell === "string"),
  ISBLANK: (args, cx) => lift1(valueOf(args[0] as Node, cx), (cell) => cell === null),
  ISERROR: (args, cx) => lift1(valueOf(args[0] as Node, cx), (cell) => isError(cell)),
  ABS: numeric(Math.abs),
  INT: numeric(Math.floor),
  SQRT: numeric((x) => (x < 0 ? NUM() : Math.sqrt(x))),
  ROUND: (args, cx) => {
    const [x, digits] = [numberOf(args[0], cx), numberOf(args[1], cx)];
    if (isError(x)) return x;
    if (isError(digits)) return digits;
    const scale = 10 ** Math.trunc(digits);
    return (Math.sign(x) * Math.round(Number((Math.abs(x) * scale).toPrecision(15)))) / scale;
  },
  SUM: (args, cx) => {
    const numbers = numbersOf(args, cx);
    return isError(numbers) ? numbers : sum(numbers);
  },
  COUNT: (args, cx) => {
    let count = 0;
    for (const node of args) {
      const evaluated = cx.evaluate(node);
      const value = cx.read(evaluated);
      if (isReference(evaluated) || isMatrix(value)) count += column(value).filter((cell) => typeof cell === "number").length;
      else if (!isError(toNumber(value as Scalar)) && value !== null) count++;
    }
    return count;
  },
  MIN: (args, cx) => {
    const numbers = numbersOf(args, cx);
    return isError(numbers) ? numbers : numbers.length === 0 ? 0 : Math.min(...numbers);
  },
  MAX: (args, cx) => {
    const numbers = numbersOf(args, cx);
    return isError(numbers) ? numbers : numbers.length === 0 ? 0 : Math.max(...numbers);
  },
  AVERAGE: (args, cx) => {
    const numbers = numbersOf(args, cx);
    return isError(numbers) ? numbers : numbers.length === 0 ? DIV0() : sum(numbers) / numbers.length;
  },
  SUMIFS: ifs(sum),
  MAXIFS: ifs((numbers) => (numbers.length === 0 ? 0 : Math.max(...numbers))),
  MINIFS: ifs((numbers) => (numbers.length === 0 ? 0 : Math.min(...numbers))),
  COUNTIFS: (args, cx) => {
    const size = column(valueOf(args[0] as Node, cx)).length;
    const kept = matching(args, 0, cx, size);
    return isError(kept) ? kept : kept.filter(Boolean).length;
  },
  COUNTIF: (args, cx) => BUILTINS["COUNTIFS"]?.(args, cx) as Value,
  ROWS: (args, cx) => {
    const value = cx.evaluate(args[0] as Node);
    if (isReference(value)) return value.bottom - value.top + 1;
    return isError(value) ? value : asMatrix(cx.read(value)).length;
  },
  COLUMNS: (args, cx) => {
    const value = cx.evaluate(args[0] as Node);
    if (isReference(value)) return value.right - value.left + 1;
    return isError(value) ? value : (asMatrix(cx.read(value))[0]?.length ?? 0);
  },
  ROW: (args, cx) => {
    const value = cx.evaluate(args[0] as Node);
    return isReference(value) ? value.top + 1 : isError(value) ? value : VALUE();
  },
  COLUMN: (args, cx) => {
    const value = cx.evaluate(args[0] as Node);
    return isReference(value) ? value.left + 1 : isError(value) ? value : VALUE();
  },
  INDEX: (args, cx) => {
    const target = cx.evaluate(args[0] as Node);
    if (isError(target)) return target;
    const row = numberOf(args[1], cx);
    if (isError(row)) return row;
    const col = args[2] === undefined || args[2].t === "missing" ? undefined : numberOf(args[2], cx);
    if (isError(col)) return col;
    return indexInto(target, cx, Math.trunc(row), col === undefined ? undefined : Math.trunc(col));
  },
  OFFSET: (args, cx) => {
    const base = cx.evaluate(args[0] as Node);
    if (!isReference(base)) return isError(base) ? base : VALUE();
    const [rows, cols] = [numberOf(args[1], cx), numberOf(args[2], cx)];
    if (isError(rows)) return rows;
    if (isError(cols)) return cols;
    const height = args[3] === undefined ? base.bottom - base.top + 1 : numberOf(args[3], cx);
    const width = args[4] === undefined ? base.right - base.left + 1 : numberOf(args[4], cx);
    if (isError(height)) return height;
    if (isError(width)) return width;
    const top = base.top + rows;
    const left = base.left + cols;
    if (top < 0 || left < 0 || height < 1 || width < 1) return REF();
    return { kind: "reference", sheet: base.sheet, top, left, bottom: top + height - 1, right: left + width - 1 };
  },
  MATCH: (args, cx) => {
    const wanted = scalarOf(args[0], cx);
    if (isError(wanted)) return wanted;
    const cells = column(valueOf(args[1] as Node, cx));
    const type = args[2] === undefined ? 1 : numberOf(args[2], cx);
    if (isError(type)) return type;
    if (type === 0) {
      const found = cells.findIndex((cell) => !isError(cell) && cell !== null && typeof cell === typeof wanted && compare(cell, wanted) === 0);
      return found < 0 ? NA() : found + 1;
    }
    // sorted ascending (1) or descending (-1): the last cell not past the value
    let last = -1;
    cells.forEach((cell, k) => {
      if (!isError(cell) && cell !== null && typeof cell === typeof wanted && (type > 0 ? compare(cell, wanted) <= 0 : compare(cell, wanted) >= 0)) last = k;
    });
    return last < 0 ? NA() : last + 1;
  },
  DATE: (args, cx) => {
    const [y, m, d] = [numberOf(args[0], cx), numberOf(args[1], cx), numberOf(args[2], cx)];
    for (const part of [y, m, d]) if (isError(part)) return part;
    const year = Math.trunc(y as number) < 1900 ? Math.trunc(y as number) + 1900 : Math.trunc(y as number);
    return serialFromUtc(Date.UTC(year, Math.trunc(m as number) - 1, Math.trunc(d as number)));
  },
  TEXT: (args, cx) => {
    const value = scalarOf(args[0], cx);
    const format = toText(scalarOf(args[1], cx));
    if (isError(value)) return value;
    if (isError(format)) return format;
    if (typeof value === "string") return value;
    const number = toNumber(value);
    return isError(number) ? number : formatNumber(number, format);
  },
  MID: (args, cx) => {
    const text = toText(scalarOf(args[0], cx));
    const [start, count] = [numberOf(args[1], cx), numberOf(args[2], cx)];
    if (isError(text)) return text;
    if (isError(start)) return start;
    if (isError(count)) return count;
    if (start < 1 || count < 0) return VALUE();
    return [...text].slice(start - 1, start - 1 + count).join("");
  },
  LEN: (args, cx) => {
    const text = toText(scalarOf(args[0], cx));
    return isError(text) ? text : [...text].length;
  },
  ADDRESS: (args, cx) => {
    const [row, col] = [numberOf(args[0], cx), numberOf(args[1], cx)];
    if (isError(row)) return row;
    if (isError(col)) return col;
    const kind = args[2] === undefined || args[2].t === "missing" ? 1 : numberOf(args[2], cx);
    if (isError(kind)) return kind;
    if (row < 1 || col < 1) return VALUE();
    const [absoluteRow, absoluteColumn] = [kind === 1 || kind === 2, kind === 1 || kind === 3];
    const sheet = args[4] === undefined ? undefined : toText(scalarOf(args[4], cx));
    if (isError(sheet)) return sheet;
    const cell = `${absoluteColumn ? "$" : ""}${columnName(col - 1)}${absoluteRow ? "$" : ""}${row}`;
    return sheet === undefined ? cell : `${sheetPrefix(sheet)}!${cell}`;
  },
  FILTER: (args, cx) => {
    const rows = asMatrix(valueOf(args[0] as Node, cx));
    const include = column(valueOf(args[1] as Node, cx));
    if (include.length !== rows.length) return VALUE();
    const kept: Matrix = [];
    for (let r = 0; r < rows.length; r++) {
      const keep = toBoolean(include[r] ?? null);
      if (isError(keep)) return keep;
      if (keep) kept.push(rows[r] as Scalar[]);
    }
    if (kept.length > 0) return kept;
    return args[2] === undefined ? new XlError("#CALC!") : valueOf(args[2], cx);
  },
  UNIQUE: (args, cx) => {
    const seen = new Set<string>();
    const kept = asMatrix(valueOf(args[0] as Node, cx)).filter((row) => {
      const key = JSON.stringify(row.map((cell) => (typeof cell === "string" ? cell.toLowerCase() : isError(cell) ? cell.code : cell)));
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return kept;
  },
  SORT: (args, cx) => {
    const rows = asMatrix(valueOf(args[0] as Node, cx));
    const by = args[1] === undefined || args[1].t === "missing" ? 1 : numberOf(args[1], cx);
    const order = args[2] === undefined || args[2].t === "missing" ? 1 : numberOf(args[2], cx);
    if (isError(by)) return by;
    if (isError(order)) return order;
    return sortRows(rows, by - 1, order < 0, cx.locale);
  },
};

/** AND and OR: TRUE/FALSE of their arguments' logical values (text and blanks in ranges skipped), the first error if any. */
function logical(args: readonly Node[], cx: Context, combine: (values: boolean[]) => boolean): Scalar {
  const values: boolean[] = [];
  for (const node of args) {
    const evaluated = cx.evaluate(node);
    const value = cx.read(evaluated);
    const cells = isReference(evaluated) || isMatrix(value) ? column(value).filter((cell) => typeof cell !== "string" && cell !== null) : [value as Scalar];
    for (const cell of cells) {
      const truth = toBoolean(cell);
      if (isError(truth)) return truth;
      values.push(truth);
    }
  }
  return values.length === 0 ? VALUE() : combine(values);
}
