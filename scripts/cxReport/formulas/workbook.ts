/**
 * A report's formulas computed in Node, as Excel with the add-in computes them: the built-in
 * functions of ./builtins, the CX functions themselves (src/functions) with the values and addresses
 * Excel hands them, names scoped to their sheet, and dynamic arrays that spill from their cell down
 * and right, or show #SPILL! where a cell in the way holds something ("Dynamic array formulas and
 * spilled array behavior", support.microsoft.com). cx-report stores what it computes with each
 * formula, so that a CX-mode file shows its figures before Excel opens it.
 */
import "../../customFunctionsRuntime";
import { columnName, formatRange, parseRange, sheetPrefix } from "../../../src/core/a1";
import * as cx from "../../../src/functions/functions";
import type { ReportSpec } from "../../../src/report/sheetSpec";
import type { DataSheet } from "../../specToXlsx";
import { BUILTINS, type Context } from "./builtins";
import { parseFormula, type Node } from "./parse";
import {
  compare, DIV0, errorCodeOf, isError, isReference, meets, NUM, lift1, lift2, toNumber, toText, VALUE, XlError,
  type Matrix, type Reference, type Scalar, type Value,
} from "./values";

/** A cell's A1 name (zero-based row and column). */
const cellName = (row: number, column: number): string => `${columnName(column)}${row + 1}`;

/** A cell's key on its sheet: row and column (zero-based) in one number. */
const keyOf = (row: number, column: number): number => row * 16_384 + column;

interface Formula {
  readonly row: number;
  readonly column: number;
  readonly text: string;
}

/** One sheet: its typed values, its formulas and its names, or a plain data sheet's rows. */
interface Sheet {
  readonly name: string;
  /** Typed values by column, then row (arrays: a table of a million rows is read fast and kept small). */
  readonly values: Map<number, Scalar[]>;
  readonly formulas: Map<number, Formula>;
  readonly names: ReadonlyMap<string, string>;
  readonly rows?: DataSheet["rows"];
  /** Formulas that may spill and are not yet computed, in order of rows (the anchors above and left of a cell). */
  pending: Formula[];
  /** The areas arrays spill into. */
  readonly spills: { top: number; left: number; bottom: number; right: number; values: Matrix }[];
}

/** A formula's whole result: one value, or the array an anchor spills. */
export type Result = Scalar | Matrix;

/** A CX function as the add-in registers it: its arguments, then the invocation. */
type CxFunction = (...args: unknown[]) => unknown;


/** What a CX function returned, as cell values. */
function fromCx(value: unknown): Scalar {
  const code = errorCodeOf(value);
  if (code !== undefined) return new XlError(code, (value as { message?: string }).message);
  if (typeof value === "number") return Number.isFinite(value) ? value : NUM();
  if (typeof value === "string" || typeof value === "boolean") return value;
  return "";
}

/** A formula that names a cell whose value depends on the formula itself. */
class CircularReference extends Error {}

/** The functions whose result may be an array that spills. */
const ARRAY_FUNCTIONS = new Set(["FILTER", "SORT", "UNIQUE", "OFFSET"]);

/**
 * Whether a formula may spill: a CX function, FILTER, SORT, UNIQUE or OFFSET, a range or a name,
 * arithmetic on them, or an IF or IFERROR that may give one. Only these are computed before a blank cell is read below or right of them.
 */
function maySpill(node: Node): boolean {
  switch (node.t) {
    case "cells": return node.address.includes(":");
    case "name": return true;
    case "call": return node.name.startsWith("CX.") || ARRAY_FUNCTIONS.has(node.name) || ((node.name === "IF" || node.name === "IFERROR") && node.args.slice(1).some(maySpill));
    case "unary": return maySpill(node.arg);
    case "binary": return maySpill(node.left) || maySpill(node.right);
    default: return false;
  }
}

export class ReportWorkbook {
  private readonly sheets = new Map<string, Sheet>();
  private readonly results = new Map<string, Map<number, Result>>();
  private readonly busy = new Set<string>();
  private readonly parsed = new Map<string, Node>();
  /** The boxes of typed values read so far (rangeValues). */
  private readonly constantRanges = new Map<string, Matrix>();
  /** How many formulas are being computed ahead of their turn (anchorsBefore). */
  private ahead = 0;

  constructor(report: ReportSpec, dataSheets: readonly DataSheet[] = [], readonly locale: string = "en-US") {
    for (const spec of report.sheets) {
      const values = new Map<number, Scalar[]>();
      const formulas = new Map<number, Formula>();
      for (const cell of spec.cells) {
        const at = parseRange(cell.address);
        if (at === undefined) throw new Error(`not a cell address: ${cell.address}`);
        if (cell.formula !== undefined) formulas.set(keyOf(at.top, at.left), { row: at.top, column: at.left, text: cell.formula });
        else if (cell.value !== undefined && cell.value !== "") {
          const column = values.get(at.left) ?? [];
          values.set(at.left, column);
          column[at.top] = cell.value;
        }
      }
      const pending = [...formulas.values()].filter((formula) => maySpill(this.parse(formula.text))).sort((a, b) => a.row - b.row || a.column - b.column);
      this.sheets.set(spec.name, { name: spec.name, values, formulas, names: new Map(spec.names.map((name) => [name.name, name.range])), pending, spills: [] });
    }
    for (const data of dataSheets) this.sheets.set(data.name, { name: data.name, values: new Map(), formulas: new Map(), names: new Map(), rows: data.rows, pending: [], spills: [] });
  }

  /** Computes every formula; its results by 'Sheet name!A1' (specToXlsx's StoredResults; an anchor's whole array). */
  computeAll(): Map<string, Result> {
    const out = new Map<string, Result>();
    for (const sheet of this.sheets.values()) {
      for (const formula of sheet.formulas.values()) out.set(`${sheet.name}!${cellName(formula.row, formula.column)}`, this.formulaResult(sheet, formula));
    }
    return out;
  }

  /** A formula's whole result (computed once). */
  private formulaResult(sheet: Sheet, formula: Formula): Result {
    const key = keyOf(formula.row, formula.column);
    const known = this.results.get(sheet.name)?.get(key);
    if (known !== undefined) return known;
    const id = `${sheet.name}!${key}`;
    if (this.busy.has(id)) throw new CircularReference(`a circular reference through ${sheet.name}!${cellName(formula.row, formula.column)}`);
    this.busy.add(id);
    let result: Result;
    try {
      const value = this.read(this.evaluate(this.parse(formula.text), sheet));
      result = Array.isArray(value) ? this.spill(sheet, formula, value) : value;
    } finally {
      this.busy.delete(id);
    }
    const results = this.results.get(sheet.name) ?? new Map<number, Result>();
    this.results.set(sheet.name, results);
    results.set(key, result);
    return result;
  }

  /** An anchor's array: spilled where the cells below and right are free, else #SPILL!; a 1 × 1 array is its value. */
  private spill(sheet: Sheet, at: Formula, values: Matrix): Result {
    if (values.length === 1 && values[0]?.length === 1) return values[0][0] ?? null;
    if (values.length === 0) return new XlError("#CALC!");
    const area = { top: at.row, left: at.column, bottom: at.row + values.length - 1, right: at.column + (values[0]?.length ?? 1) - 1 };
    for (let r = area.top; r <= area.bottom; r++) {
      for (let c = area.left; c <= area.right; c++) {
        if (r === at.row && c === at.column) continue;
        if (sheet.values.get(c)?.[r] !== undefined || sheet.formulas.has(keyOf(r, c))) return new XlError("#SPILL!", `${sheet.name}!${cellName(r, c)} is in the way`);
      }
    }
    if (sheet.spills.some((other) => other.top <= area.bottom && area.top <= other.bottom && other.left <= area.right && area.left <= other.right)) return new XlError("#SPILL!");
    sheet.spills.push({ ...area, values });
    return values;
  }

  private parse(text: string): Node {
    let node = this.parsed.get(text);
    if (node === undefined) {
      node = parseFormula(text);
      this.parsed.set(text, node);
    }
    return node;
  }

  private sheetNamed(name: string): Sheet {
    const sheet = this.sheets.get(name);
    if (sheet === undefined) throw new Error(`a formula names a sheet the report does not have: ${name}`);
    return sheet;
  }

  /**
   * Computes the formulas that may spill over a blank cell: those above and left of it not yet
   * computed. A formula computed so, ahead of its turn, that reads a blank cell an unfinished formula
   * may yet spill over is put off (it stays pending) rather than computed on a guess.
   */
  private anchorsBefore(sheet: Sheet, row: number, column: number): void {
    if (sheet.pending.length === 0 || (sheet.pending[0] as Formula).row > row) return;
    sheet.pending = sheet.pending.filter((formula) => {
      if (formula.row > row || formula.column > column) return true;
      if (this.busy.has(`${sheet.name}!${keyOf(formula.row, formula.column)}`)) {
        if (this.ahead > 0) throw new CircularReference("put off");
        return true;
      }
      this.ahead++;
      try {
        this.formulaResult(sheet, formula);
        return false;
      } catch (error) {
        if (error instanceof CircularReference) return true;
        throw error;
      } finally {
        this.ahead--;
      }
    });
  }

  /** A cell's value: its own, its formula's (the top-left of an array), or its place in an array spilled over it. */
  private cellValue(sheet: Sheet, row: number, column: number): Scalar {
    if (sheet.rows !== undefined) {
      const value = sheet.rows[row]?.[column];
      return value === undefined || value === "" ? null : value;
    }
    const key = keyOf(row, column);
    const own = sheet.values.get(column)?.[row];
    if (own !== undefined) return own;
    const formula = sheet.formulas.get(key);
    if (formula !== undefined) {
      const result = this.formulaResult(sheet, formula);
      return Array.isArray(result) ? (result[0]?.[0] ?? null) : result;
    }
    this.anchorsBefore(sheet, row, column);
    for (const area of sheet.spills) {
      if (row >= area.top && row <= area.bottom && column >= area.left && column <= area.right) return area.values[row - area.top]?.[column - area.left] ?? null;
    }
    return null;
  }

  /**
   * The values of a box of cells. A box of typed values alone (a table of transactions, a data
   * sheet's column) cannot change, so it is read once however many functions read it.
   */
  private rangeValues(reference: Reference): Matrix {
    const sheet = this.sheetNamed(reference.sheet);
    const id = `${reference.sheet}!${reference.top},${reference.left},${reference.bottom},${reference.right}`;
    const known = this.constantRanges.get(id);
    if (known !== undefined) return known;
    const rows: Matrix = [];
    let constant = true;
    for (let r = reference.top; r <= reference.bottom; r++) {
      const row: Scalar[] = new Array(reference.right - reference.left + 1);
      for (let c = reference.left; c <= reference.right; c++) {
        const own = sheet.rows === undefined ? sheet.values.get(c)?.[r] : undefined;
        if (own === undefined && sheet.rows === undefined) constant = false;
        row[c - reference.left] = own ?? this.cellValue(sheet, r, c);
      }
      rows.push(row);
    }
    if (constant && rows.length > 1) this.constantRanges.set(id, rows);
    return rows;
  }

  /** A value with references read. */
  private read(value: Value): Scalar | Matrix {
    if (!isReference(value)) return value;
    const rows = this.rangeValues(value);
    return rows.length === 1 && rows[0]?.length === 1 ? (rows[0][0] ?? null) : rows;
  }

  /** A name's reference, looked up on the sheet that qualifies it or else the formula's own. */
  private named(name: string, sheet: Sheet): Value {
    const range = sheet.names.get(name) ?? [...sheet.names].find(([each]) => each.toLowerCase() === name.toLowerCase())?.[1];
    if (range === undefined) return new XlError("#NAME?", `no name ${name} on ${sheet.name}`);
    const box = parseRange(range);
    if (box !== undefined) return { kind: "reference", sheet: box.sheet ?? sheet.name, top: box.top, left: box.left, bottom: box.bottom, right: box.right };
    return this.evaluate(this.parse(range), sheet);
  }

  /** Evaluates a formula's tree where it stands (references stay references). */
  private evaluate(node: Node, sheet: Sheet): Value {
    switch (node.t) {
      case "number": case "text": case "logical": return node.value;
      case "missing": return null;
      case "cells": {
        const box = parseRange(node.address) as NonNullable<ReturnType<typeof parseRange>>;
        return { kind: "reference", sheet: node.sheet ?? sheet.name, top: box.top, left: box.left, bottom: box.bottom, right: box.right };
      }
      case "name": return this.named(node.name, node.sheet === undefined ? sheet : this.sheetNamed(node.sheet));
      case "unary": {
        const value = this.read(this.evaluate(node.arg, sheet));
        return lift1(value, (cell) => {
          const x = toNumber(cell);
          return isError(x) ? x : node.op === "-" ? -x : node.op === "%" ? x / 100 : x;
        });
      }
      case "binary": return lift2(this.read(this.evaluate(node.left, sheet)), this.read(this.evaluate(node.right, sheet)), operator(node.op));
      case "call": return this.call(node.name, node.args, sheet);
    }
  }

  private call(name: string, args: readonly Node[], sheet: Sheet): Value {
    if (name.startsWith("CX.")) return this.callCx(name.slice(3), args, sheet);
    const builtin = BUILTINS[name];
    if (builtin === undefined) throw new Error(`the report's formulas call ${name}, which cx-report cannot compute`);
    const context: Context = { evaluate: (node) => this.evaluate(node, sheet), read: (value) => this.read(value), locale: this.locale };
    return builtin(args, context);
  }

  /**
   * A CX function called as Excel calls it: a range as its rows of values (a blank as ""), with the
   * range's address among the invocation's parameter addresses (so that an error names the cell); a
   * single value as itself; an omitted argument as null. What it throws is the error the cell shows.
   */
  private callCx(name: string, args: readonly Node[], sheet: Sheet): Value {
    const fn = (cx as unknown as Record<string, CxFunction | undefined>)[name];
    if (typeof fn !== "function") return new XlError("#NAME?", `no function CX.${name}`);
    const addresses: string[] = [];
    const values = args.map((node, k) => {
      addresses[k] = "";
      if (node.t === "missing") return null;
      const evaluated = this.evaluate(node, sheet);
      if (isReference(evaluated)) addresses[k] = `${sheetPrefix(evaluated.sheet)}!${formatRange(evaluated)}`;
      const value = this.read(evaluated);
      if (Array.isArray(value)) return value.map((row) => row.map((cell) => (cell === null ? "" : cell)));
      return isReference(evaluated) && value === null ? "" : value;
    });
    const padded = [...values, ...new Array<null>(Math.max(0, fn.length - 1 - values.length)).fill(null)];
    const invocation = { functionName: `CX.${name}`, parameterAddresses: addresses } as unknown as CustomFunctions.Invocation;
    try {
      const result = fn(...padded, invocation);
      return Array.isArray(result) ? (result as unknown[][]).map((row) => row.map(fromCx)) : fromCx(result);
    } catch (error) {
      const code = errorCodeOf(error);
      if (code === undefined) throw error;
      return fromCx(error);
    }
  }
}

/** A binary operator on two cell values. */
function operator(op: string): (a: Scalar, b: Scalar) => Scalar {
  if (op === "&") {
    return (a, b) => {
      const [x, y] = [toText(a), toText(b)];
      return isError(x) ? x : isError(y) ? y : x + y;
    };
  }
  if (["=", "<>", "<", ">", "<=", ">="].includes(op)) {
    return (a, b) => {
      if (isError(a)) return a;
      if (isError(b)) return b;
      return meets(op, compare(a, b));
    };
  }
  return (a, b) => {
    const [x, y] = [toNumber(a), toNumber(b)];
    if (isError(x)) return x;
    if (isError(y)) return y;
    switch (op) {
      case "+": return x + y;
      case "-": return x - y;
      case "*": return x * y;
      case "/": return y === 0 ? DIV0() : x / y;
      case "^": {
        const power = x ** y;
        return Number.isFinite(power) ? power : NUM();
      }
      default: return VALUE();
    }
  };
}
