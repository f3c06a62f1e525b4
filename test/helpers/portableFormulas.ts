/**
 * Constructs in a formula that engines evaluate each by its own rule (issue 24), found by reading the
 * formula token by token:
 * - a range where one value is expected: at the top of a formula, in an operator's operand outside
 *   SUMPRODUCT, or in a function argument that takes one value (implicit intersection in Excel 2019
 *   and Gnumeric, an array in Excel 365);
 * - a function applied to a range inside SUMPRODUCT (ISTEXT(X), INT(X), MAX(X*Y)): Excel evaluates it
 *   over the array, Gnumeric on the formula's row only;
 * - an array constant ({0,1,2}), which engines take apart differently inside other functions;
 * - MAXIFS or MINIFS without a COUNTIFS of the same criteria in the formula: over no matching cell
 *   it is 0 in Excel and LibreOffice and #DIV/0! in Gnumeric.
 */

/** Each function's arguments (0-based) that take a range as it is; `all` for every argument. */
const RANGE_ARGUMENTS: Readonly<Record<string, readonly number[] | "all" | "criteria" | "sumCriteria">> = {
  SUM: "all", COUNT: "all", COUNTA: "all", MIN: "all", MAX: "all", AVERAGE: "all", MEDIAN: "all", SUMPRODUCT: "all",
  COUNTBLANK: [0], ROWS: [0], COLUMNS: [0], ROW: [0], COLUMN: [0], INDEX: [0], MATCH: [1], LARGE: [0], SMALL: [0],
  "PERCENTILE.INC": [0], PERCENTILE: [0], QUARTILE: [0], COUNTIF: [0], SUMIF: [0, 2], AVERAGEIF: [0, 2], VLOOKUP: [1], LOOKUP: [1, 2],
  COUNTIFS: "criteria", SUMIFS: "sumCriteria", AVERAGEIFS: "sumCriteria", MAXIFS: "sumCriteria", MINIFS: "sumCriteria",
};

const takesRange = (fn: string, argument: number): boolean => {
  const rule = RANGE_ARGUMENTS[fn];
  if (rule === undefined) return false;
  if (rule === "all") return true;
  if (rule === "criteria") return argument % 2 === 0;
  if (rule === "sumCriteria") return argument === 0 || argument % 2 === 1;
  return rule.includes(argument);
};

type Token = { kind: "string" | "function" | "reference" | "number" | "punctuation"; text: string };

const TOKEN = new RegExp([
  /(?<string>"(?:[^"]|"")*")/.source,
  /(?<function>[A-Za-z_][A-Za-z0-9_.]*(?=\())/.source,
  /(?<reference>(?:(?:'(?:[^']|'')+'|[A-Za-z_][A-Za-z0-9_.]*)!)?(?:\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?|[A-Za-z_][A-Za-z0-9_.]*))/.source,
  /(?<number>\d+(?:\.\d+)?(?:E[+-]?\d+)?)/.source,
  /(?<punctuation><>|<=|>=|[-+*/^&=<>%(),{};:])/.source,
  /(?<space>\s+)/.source,
].join("|"), "y");

function tokens(formula: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < formula.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(formula);
    if (match === null) throw new Error(`cannot read ${JSON.stringify(formula.slice(at, at + 20))} in ${formula}`);
    const kind = (["string", "function", "reference", "number", "punctuation"] as const).find((k) => match.groups?.[k] !== undefined);
    if (kind !== undefined) out.push({ kind, text: match[0] });
  }
  return out;
}

/** The text of each MAXIFS/MINIFS call's criteria (its arguments after the first). */
function conditionalExtremes(formula: string): { fn: string; criteria: string }[] {
  const found: { fn: string; criteria: string }[] = [];
  for (const match of formula.matchAll(/\b(MAXIFS|MINIFS)\(/g)) {
    let depth = 1;
    let comma = -1;
    let i = (match.index ?? 0) + match[0].length;
    for (let quoted = false; i < formula.length && depth > 0; i++) {
      const ch = formula[i];
      if (ch === '"') quoted = !quoted;
      else if (!quoted && ch === "(") depth++;
      else if (!quoted && ch === ")") depth--;
      else if (!quoted && ch === "," && depth === 1 && comma < 0) comma = i;
    }
    found.push({ fn: match[1] as string, criteria: formula.slice(comma + 1, i - 1) });
  }
  return found;
}

/**
 * The constructs of the list above in one formula (with "=" or without), each as a short message;
 * `isRange(reference)` says whether a name or reference is more than one cell.
 */
export function portableProblems(formula: string, isRange: (reference: string) => boolean): string[] {
  const body = formula.replace(/^=/, "");
  const problems: string[] = [];
  const list = tokens(body);
  // the open calls: function name (or "(" for a bracket) and the argument reached
  const stack: { fn: string; argument: number }[] = [];
  list.forEach((token, k) => {
    if (token.kind === "function") return;
    if (token.text === "(") {
      const before = list[k - 1];
      stack.push({ fn: before?.kind === "function" ? before.text.toUpperCase() : "(", argument: 0 });
    } else if (token.text === ")") stack.pop();
    else if (token.text === ",") {
      const top = stack[stack.length - 1];
      if (top !== undefined) top.argument++;
    } else if (token.text === "{") problems.push("an array constant");
    else if (token.kind === "reference" && isRange(token.text)) {
      const calls = stack.filter((frame) => frame.fn !== "(");
      const call = calls[calls.length - 1];
      const inSumProduct = calls.findIndex((frame) => frame.fn === "SUMPRODUCT");
      const bare = ["(", ","].includes(list[k - 1]?.text ?? "") && [")", ","].includes(list[k + 1]?.text ?? "");
      if (inSumProduct >= 0 && inSumProduct < calls.length - 1) problems.push(`${call?.fn}(${token.text}) inside SUMPRODUCT`);
      else if (call?.fn === "SUMPRODUCT") return;
      else if (call === undefined || !bare || !takesRange(call.fn, call.argument)) problems.push(`the range ${token.text} where one value is expected${call === undefined ? "" : ` (in ${call.fn})`}`);
    }
  });
  for (const { fn, criteria } of conditionalExtremes(body)) {
    if (!body.includes(`COUNTIFS(${criteria})`)) problems.push(`${fn} without COUNTIFS(${criteria}) first`);
  }
  return problems;
}
