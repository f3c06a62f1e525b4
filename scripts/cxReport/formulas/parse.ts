/**
 * Reads a worksheet formula ("=IFERROR(B7/INDEX(Trend_Revenue,12)-1,"–")") into a tree, with
 * Excel's operators in Excel's order ("Calculation operators and precedence in Excel"): comparisons,
 * then &, then + and −, then × and ÷, then ^, then negation, then %; references to cells, ranges and
 * names, each perhaps qualified by a sheet ('Data 2024-09'!Survey_NPS).
 */

export type Node =
  | { readonly t: "number"; readonly value: number }
  | { readonly t: "text"; readonly value: string }
  | { readonly t: "logical"; readonly value: boolean }
  | { readonly t: "cells"; readonly sheet?: string; readonly address: string }
  | { readonly t: "name"; readonly sheet?: string; readonly name: string }
  | { readonly t: "call"; readonly name: string; readonly args: readonly Node[] }
  | { readonly t: "unary"; readonly op: "-" | "+" | "%"; readonly arg: Node }
  | { readonly t: "binary"; readonly op: string; readonly left: Node; readonly right: Node }
  | { readonly t: "missing" };

const CELL = /^\$?[A-Z]{1,3}\$?\d{1,7}$/;
const RANGE_TAIL = /:\$?[A-Z]{1,3}\$?\d{1,7}/y;

/** A formula that cannot be read: where, and what was there. */
export class FormulaSyntaxError extends Error {}

/** Parses a formula (with or without its leading "="). */
export function parseFormula(formula: string): Node {
  const text = formula.startsWith("=") ? formula.slice(1) : formula;
  let at = 0;
  const fail = (what: string): never => {
    throw new FormulaSyntaxError(`${what} at ${at} in =${text}`);
  };
  const skip = (): void => {
    while (text[at] === " " || text[at] === "\n") at++;
  };
  const sticky = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (match === null) return undefined;
    at += match[0].length;
    return match[0];
  };
  const take = (token: string): boolean => {
    skip();
    if (!text.startsWith(token, at)) return false;
    at += token.length;
    return true;
  };

  const binaryLevel = (operators: readonly string[], next: () => Node) => (): Node => {
    let left = next();
    for (;;) {
      skip();
      const op = operators.find((candidate) => text.startsWith(candidate, at));
      if (op === undefined) return left;
      at += op.length;
      left = { t: "binary", op, left, right: next() };
    }
  };

  /** A reference or a name after an optional sheet qualifier; a function call; TRUE or FALSE. */
  const word = (): Node => {
    let sheet: string | undefined;
    if (text[at] === "'") {
      const quoted = sticky(/'((?:[^']|'')+)'!/y) ?? fail("a sheet name");
      sheet = quoted.slice(1, -2).replace(/''/g, "'");
    }
    const identifier = sticky(/[A-Za-z_\\$][A-Za-z0-9_.$]*/y) ?? fail("a name or a reference");
    if (sheet === undefined && text[at] === "!") {
      at++;
      return qualified(identifier);
    }
    if (sheet === undefined && text[at] === "(") {
      at++;
      return { t: "call", name: identifier.toUpperCase(), args: argumentsList() };
    }
    return referenceOrName(identifier, sheet);
  };
  const qualified = (sheet: string): Node => {
    const identifier = sticky(/[A-Za-z_\\$][A-Za-z0-9_.$]*/y) ?? fail("a reference after the sheet");
    return referenceOrName(identifier, sheet);
  };
  const referenceOrName = (identifier: string, sheet: string | undefined): Node => {
    if (CELL.test(identifier)) {
      const tail = sticky(RANGE_TAIL) ?? "";
      return { t: "cells", ...(sheet === undefined ? {} : { sheet }), address: `${identifier}${tail}` };
    }
    const upper = identifier.toUpperCase();
    if (sheet === undefined && (upper === "TRUE" || upper === "FALSE")) return { t: "logical", value: upper === "TRUE" };
    return { t: "name", ...(sheet === undefined ? {} : { sheet }), name: identifier };
  };
  const argumentsList = (): Node[] => {
    const args: Node[] = [];
    skip();
    if (text[at] === ")") {
      at++;
      return args;
    }
    for (;;) {
      skip();
      args.push(text[at] === "," || text[at] === ")" ? { t: "missing" } : comparison());
      skip();
      if (text[at] === ")") {
        at++;
        return args;
      }
      if (text[at] !== ",") fail("a comma or a closing parenthesis");
      at++;
    }
  };

  const primary = (): Node => {
    skip();
    const char = text[at];
    if (char === undefined) fail("the end of the formula");
    if (char === "(") {
      at++;
      const inner = comparison();
      if (!take(")")) fail("a closing parenthesis");
      return inner;
    }
    if (char === '"') {
      const literal = sticky(/"((?:[^"]|"")*)"/y) ?? fail("the end of a text");
      return { t: "text", value: literal.slice(1, -1).replace(/""/g, '"') };
    }
    const number = sticky(/(?:\d+\.?\d*|\.\d+)(?:[Ee][+-]?\d+)?/y);
    if (number !== undefined) return { t: "number", value: Number(number) };
    return word();
  };
  const postfix = (): Node => {
    let node = primary();
    while (take("%")) node = { t: "unary", op: "%", arg: node };
    return node;
  };
  const unary = (): Node => {
    skip();
    if (text[at] === "-" || text[at] === "+") {
      const op = text[at++] as "-" | "+";
      return { t: "unary", op, arg: unary() };
    }
    return postfix();
  };
  const power = binaryLevel(["^"], unary);
  const product = binaryLevel(["*", "/"], power);
  const sum = binaryLevel(["+", "-"], product);
  const joined = binaryLevel(["&"], sum);
  const comparison = binaryLevel(["<>", "<=", ">=", "=", "<", ">"], joined);

  const tree = comparison();
  skip();
  if (at !== text.length) fail("more after the formula's end");
  return tree;
}
