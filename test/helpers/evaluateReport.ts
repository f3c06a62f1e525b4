/**
 * Evaluates a report's CX-mode formulas with the add-in's own functions, as Excel with the add-in
 * would. A report is several sheets whose names are scoped to their sheet: a formula names a range
 * of another sheet as 'Data 2026-10'!Survey_NPS, and an address may be qualified the same way.
 */
import { columnName } from "../../src/core/a1";
import { serialFromUtc } from "../../src/core/dates";
import * as cx from "../../src/functions/functions";
import type { SheetSpec } from "../../src/report/sheetSpec";
import { locate, resolve, sheetsOf, split, type Book } from "./reportCells";
import { invocation } from "./excel";

export { allCells, allNames, allTables, cellAt, sheetOf } from "./reportCells";

/** The cells of an A1 range ("E8:E47", "AH8:AK37" or "B7") of a sheet as a 2-D array of values (formulas evaluated). */
function rangeValues(book: Book, sheet: SheetSpec, range: string): unknown[][] {
  const [from, to = from] = range.replace(/\$/g, "").split(":") as [string, string?];
  const start = split(from);
  const end = split(to as string);
  const values: unknown[][] = [];
  for (let r = start.row; r <= end.row; r++) {
    const row: unknown[] = [];
    for (let c = start.column; c <= end.column; c++) {
      row.push(valueOnSheet(book, sheet, `${columnName(c)}${r}`) ?? "");
    }
    values.push(row);
  }
  return values;
}

/** The values a name or range of the report stands for, read from the sheet `on` (default: the dashboard). */
export function referenceValues(book: Book, reference: string, on?: SheetSpec): unknown[][] {
  const { sheet, range } = resolve(book, reference, on ?? (sheetsOf(book)[0] as SheetSpec));
  return rangeValues(book, sheet, range);
}

/** A formula's arguments, split at the commas outside parentheses and text. */
function splitArguments(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === "(") depth++;
    else if (!quoted && char === ")") depth--;
    else if (!quoted && depth === 0 && char === ",") {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * The report period's answers as Excel's FILTER gives them: FILTER(X,(X<>"")*((D="")+(D>=S)*(D<=E)))
 * keeps the non-blank answers dated in the period or undated, as a column.
 */
function filtered(book: Book, formula: string, on: SheetSpec): unknown[][] {
  const ref = "((?:'(?:[^']|'')+'!)?\\w+)";
  const match = new RegExp(`^FILTER\\(${ref},\\(\\1<>""\\)\\*\\(\\(${ref}=""\\)\\+\\(\\2>=${ref}\\)\\*\\(\\2<=${ref}\\)\\)\\)$`).exec(formula);
  if (match === null) throw new Error(`not a FILTER of the period's answers: ${formula}`);
  const values = referenceValues(book, match[1] as string, on).map(([value]) => value);
  const dates = referenceValues(book, match[2] as string, on).map(([value]) => value);
  const [from, to] = [evaluateCx(book, `=${match[3] as string}`, on), evaluateCx(book, `=${match[4] as string}`, on)];
  return values.flatMap((value, k) => {
    const date = dates[k];
    const inPeriod = date === "" || date === undefined || (typeof date === "number" && date >= from && date <= to);
    return value !== "" && value !== undefined && inPeriod ? [[value]] : [];
  });
}

/**
 * A column of the chosen unit's rows, as the unit selector's formula gives them (src/report/unitSelection.ts):
 * IF(Selected_Unit="All",X,FILTER(X,IF(U="","(none)",U&"")=Selected_Unit)), with Excel's "=" on text,
 * which does not mind letter case.
 */
function chosenRows(book: Book, formula: string, on: SheetSpec): unknown[][] {
  const ref = "((?:'(?:[^']|'')+'!)?\\w+)";
  const match = new RegExp(`^IF\\(${ref}="([^"]*)",${ref},FILTER\\(\\3,IF\\(${ref}="","([^"]*)",\\4&""\\)=\\1\\)\\)$`).exec(formula);
  if (match === null) throw new Error(`not the unit selector's rows: ${formula}`);
  const [, selector, all, column, unit, none] = match as unknown as [string, string, string, string, string, string];
  const chosen = String(referenceValues(book, selector, on)[0]?.[0] ?? "");
  const values = referenceValues(book, column, on);
  if (chosen === all) return values;
  const units = referenceValues(book, unit, on).map(([value]) => (value === "" || value === undefined ? none : String(value)));
  return values.filter((_, k) => (units[k] as string).toLowerCase() === chosen.toLowerCase());
}

/** COUNTIFS(range, criterion, …) over the report's cells: criteria ">=9" or ">="&INDEX(…), on numbers. */
function countIfs(book: Book, argumentText: string, on: SheetSpec): number {
  const args = splitArguments(argumentText);
  const pairs: { values: unknown[]; test: (value: unknown) => boolean }[] = [];
  for (let k = 0; k < args.length; k += 2) {
    const values = referenceValues(book, args[k] as string, on).map(([value]) => value);
    const criterion = /^"(>=|<=|<|>|=)([^"]*)"(?:&(.+))?$/.exec(args[k + 1] as string);
    if (criterion === null) throw new Error(`not a criterion: ${args[k + 1] as string}`);
    const bound = criterion[3] !== undefined ? evaluateCx(book, `=${criterion[3]}`, on) : Number(criterion[2]);
    const op = criterion[1] as string;
    pairs.push({ values, test: (value) => typeof value === "number" && (op === ">=" ? value >= bound : op === "<=" ? value <= bound : op === "<" ? value < bound : op === ">" ? value > bound : value === bound) });
  }
  const rows = Math.max(...pairs.map((pair) => pair.values.length));
  let total = 0;
  for (let r = 0; r < rows; r++) if (pairs.every((pair) => pair.test(pair.values[r]))) total++;
  return total;
}

/** The whole (possibly spilled) result of =CX.NAME(arg, …), each argument a text literal, a name or a range of the report. */
const evaluated = new WeakMap<SheetSpec, Map<string, unknown[][]>>();

export function evaluateCxTable(book: Book, formula: string, on?: SheetSpec): unknown[][] {
  const sheet = on ?? (sheetsOf(book)[0] as SheetSpec);
  const cache = evaluated.get(sheet) ?? new Map<string, unknown[][]>();
  evaluated.set(sheet, cache);
  const known = cache.get(formula);
  if (known !== undefined) return known;
  const match = /^=CX\.([A-Z_]+)\((.*)\)$/.exec(formula);
  if (match === null) throw new Error(`not a CX formula: ${formula}`);
  // An argument: a text, a number, the period's answers, arithmetic on names (Lapse_Days-1), or a name or range.
  const reckoned = (argument: string): boolean => /[-+*/]/.test(argument.replace(/'(?:[^']|'')+'!/g, ""));
  const args = splitArguments(match[2] as string).map((argument) => (argument.startsWith('"') ? argument.slice(1, -1)
    : /^-?\d+(?:\.\d+)?$/.test(argument) ? [[Number(argument)]]
    : argument.startsWith("FILTER(") ? filtered(book, argument, sheet) : argument.startsWith("IF(") ? chosenRows(book, argument, sheet) : reckoned(argument) ? [[arithmetic(book, argument, sheet)]] : referenceValues(book, argument, sheet)));
  const fn = (cx as Record<string, (...a: unknown[]) => unknown[][]>)[match[1] as string] as (...a: unknown[]) => unknown[][];
  const padded = [...args, ...new Array(fn.length - 1 - args.length).fill(null)];
  // A function throws its error (a CustomFunctions.Error), which Excel shows in the cell.
  let result: unknown[][];
  try {
    result = fn(...padded, invocation());
  } catch (error) {
    if (!isError(error)) throw error;
    result = [[error]];
  }
  cache.set(formula, result);
  return result;
}

/** An error value a CX function returns (a CustomFunctions.Error), as Excel shows an error cell. */
export const isError = (value: unknown): boolean => typeof value === "object" && value !== null && "code" in value;

/**
 * An input table's check (src/report/inputChecks.ts), as Excel computes it: nested
 * IF(COUNT(bad rows)>0,"before"&ADDRESS(MIN(bad rows),COLUMN(X),4…)&"after",…), "" at the end.
 */
function inputCheck(book: Book, body: string, on: SheetSpec): string {
  if (body === '""') return "";
  const ref = "((?:'(?:[^']|'')+'!)?[\\w$:]+)";
  const part = new RegExp(`^IF\\(COUNT\\(${ref}\\)>0,"([^"]*)"&ADDRESS\\(MIN\\(\\1\\),COLUMN\\(${ref}\\),4(?:,TRUE,"(?:[^"]|"")*")?\\)&"([^"]*)",(.*)\\)$`).exec(body);
  if (part === null) throw new Error(`not an input check: ${body}`);
  const [, badRows, before, name, after, otherwise] = part as unknown as [string, string, string, string, string, string];
  const rows = referenceValues(book, badRows, on).map(([value]) => value).filter((value): value is number => typeof value === "number");
  if (rows.length === 0) return inputCheck(book, otherwise, on);
  const { range } = resolve(book, name, on);
  return `${before}${columnName(split(range.split(":")[0] as string).column)}${Math.min(...rows)}${after}`;
}

/**
 * A checked cell's working formula (inputChecks' badRowFormula): its row where it holds text or a
 * number the rule ((X<a), OR(X<a,X>b) or OR(X<a,X>b,X<>INT(X))) refuses, else "".
 */
function badRow(book: Book, formula: string, on: SheetSpec): number | string {
  const ref = "((?:'(?:[^']|'')+'!)?\\$?[A-Z]+\\$?\\d+)";
  const match = new RegExp(`^=IF\\(ISTEXT\\(${ref}\\),ROW\\(\\1\\),IF\\(ISNUMBER\\(\\1\\),IF\\((.+),ROW\\(\\1\\),""\\),""\\)\\)$`).exec(formula);
  if (match === null) throw new Error(`not a bad-row formula: ${formula}`);
  const [, cell, rule] = match as unknown as [string, string, string];
  const bounds = /(?:^|\()[^<>]*<(-?\d+)(?:,[^<>]*>(-?\d+))?(,.*INT)?/.exec(rule);
  if (bounds === null) throw new Error(`not an input rule: ${rule}`);
  const value = referenceValues(book, cell, on)[0]?.[0];
  const row = Number(/\d+$/.exec(cell)?.[0]);
  if (typeof value === "string" && value !== "") return row;
  if (typeof value !== "number") return "";
  const refused = value < Number(bounds[1]) || (bounds[2] !== undefined && value > Number(bounds[2])) || (bounds[3] !== undefined && !Number.isInteger(value));
  return refused ? row : "";
}

/** A report formula's value: a reference, =SUM(name), =AVERAGE(CX…) or a CX call (its top-left value). */
export function evaluateCx(book: Book, formula: string, on?: SheetSpec): number {
  // A figure read from a checked input table: #N/A while the table's check holds a message.
  const guard = /^=IF\(((?:'(?:[^']|'')+'!)?\w+)<>"",NA\(\),(.*)\)$/.exec(formula);
  if (guard !== null) {
    const check = referenceValues(book, guard[1] as string, on)[0]?.[0];
    return (check !== "" && check !== undefined ? { code: "#N/A", message: String(check) } : evaluateCx(book, `=${guard[2] as string}`, on)) as number;
  }
  if (/^=IF\(COUNT\([^()]*\)>0,"/.test(formula)) return inputCheck(book, formula.slice(1), on ?? (sheetsOf(book)[0] as SheetSpec)) as unknown as number;
  if (formula.startsWith("=IF(ISTEXT(")) return badRow(book, formula, on ?? (sheetsOf(book)[0] as SheetSpec)) as number;
  // The satisfaction per period: =COUNTIFS(…), =IF(B86=0,"–",100*(COUNTIFS(…)-COUNTIFS(…))/B86),
  // =IF(COUNTIFS(a)=0,"–",COUNTIFS(b)/COUNTIFS(a)).
  const call = "(COUNTIFS\\((?:[^()]|\\([^()]*\\))*\\))";
  const counted = (text: string): number => countIfs(book, text.slice("COUNTIFS(".length, -1), on ?? (sheetsOf(book)[0] as SheetSpec));
  const single = new RegExp(`^=${call}$`).exec(formula);
  if (single !== null) return counted(single[1] as string);
  const npsOf = new RegExp(`^=IF\\(([A-Z]+\\d+)=0,"–",100\\*\\(${call}-${call}\\)\\/\\1\\)$`).exec(formula);
  if (npsOf !== null) {
    const answers = valueOnSheet(book, on ?? (sheetsOf(book)[0] as SheetSpec), npsOf[1] as string) as number;
    return answers === 0 ? ("–" as unknown as number) : (100 * (counted(npsOf[2] as string) - counted(npsOf[3] as string))) / answers;
  }
  const shareOf = new RegExp(`^=IF\\(${call}=0,"–",${call}\\/\\1\\)$`).exec(formula);
  if (shareOf !== null) {
    const answers = counted(shareOf[1] as string);
    return answers === 0 ? ("–" as unknown as number) : counted(shareOf[2] as string) / answers;
  }
  const sheet = on ?? (sheetsOf(book)[0] as SheetSpec);
  const numbers = (reference: string): unknown[] => referenceValues(book, reference, on).map(([value]) => value);
  const ref = "((?:'(?:[^']|'')+'!)?\\w+)";
  // The report period's channel rows: =SUM(X)-SUMIFS(X,Month,"<"&Start)-SUMIFS(X,Month,">"&End) (blank months count).
  const period = new RegExp(`^=SUM\\(${ref}\\)-SUMIFS\\(\\1,${ref},"<"&${ref}\\)-SUMIFS\\(\\1,\\2,">"&${ref}\\)$`).exec(formula);
  if (period !== null) {
    const [values, months] = [numbers(period[1] as string), numbers(period[2] as string)];
    const [from, to] = [evaluateCx(book, `=${period[3] as string}`, on), evaluateCx(book, `=${period[4] as string}`, on)];
    return values.reduce((total: number, value, k) => {
      const month = months[k];
      const inside = typeof month !== "number" || (month >= from && month <= to);
      return total + (inside && typeof value === "number" ? value : 0);
    }, 0);
  }
  // A period's channel rows: =SUMIFS(X,Month,">="&INDEX(First,i),Month,"<="&INDEX(Last,i)).
  const between = new RegExp(`^=SUMIFS\\(${ref},${ref},">="&(INDEX\\([^()]*\\)),\\2,"<="&(INDEX\\([^()]*\\))\\)$`).exec(formula);
  if (between !== null) {
    const [values, months] = [numbers(between[1] as string), numbers(between[2] as string)];
    const [from, to] = [evaluateCx(book, `=${between[3] as string}`, on), evaluateCx(book, `=${between[4] as string}`, on)];
    return values.reduce((total: number, value, k) => {
      const month = months[k];
      return total + (typeof month === "number" && month >= from && month <= to && typeof value === "number" ? value : 0);
    }, 0);
  }
  const sum = /^=SUM\(((?:'(?:[^']|'')+'!)?\w+)\)$/.exec(formula);
  if (sum !== null) return referenceValues(book, sum[1] as string, on).reduce((total, [value]) => total + (value as number), 0);
  const average = /^=AVERAGE\((CX\..*)\)$/.exec(formula);
  if (average !== null) {
    const values = evaluateCxTable(book, `=${average[1] as string}`, on).map(([value]) => value as number);
    return values.reduce((total, value) => total + value, 0) / values.length;
  }
  // Anything else not a CX call is arithmetic: a reference, a period's figure (INDEX), a change on an
  // earlier one (IFERROR(B7/INDEX(…)-1,"–")), a ratio or a dash (IF(OR(B5=0,C5=0),"–",B5/C5)).
  if (!formula.startsWith("=CX.")) return arithmetic(book, formula.slice(1), sheet) as number;
  return evaluateCxTable(book, formula, on)[0]?.[0] as number;
}

/**
 * A built-in formula of arithmetic on the report's cells and names, as Excel computes it: + − × ÷,
 * comparisons, & on text, INDEX(name,k), ROWS(name), COUNT(names…), NA(), IF, OR and IFERROR, DATE,
 * MATCH(x,name,0), SUMIFS(name, name,">="&x, …), COUNTIFS and MAXIFS with comparison criteria, and CX calls
 * within it (their top-left value; AVERAGE of one, its numbers' mean); text in arithmetic is
 * #VALUE!, a zero divisor #DIV/0!, and an error passes on unless IFERROR catches it.
 */
function arithmetic(book: Book, text: string, on: SheetSpec): unknown {
  let at = 0;
  const error = (code: string) => ({ code });
  const peek = (pattern: RegExp): RegExpExecArray | null => { pattern.lastIndex = at; return pattern.exec(text); };
  const take = (token: string): void => {
    if (!text.startsWith(token, at)) throw new Error(`expected ${token} at ${at} in ${text}`);
    at += token.length;
  };
  const numeric = (value: unknown): number | object => (isError(value) ? (value as object) : typeof value === "number" ? value : value === "" || value === undefined ? 0 : error("#VALUE!"));
  const reference = (): string => {
    const match = peek(/(?:'(?:[^']|'')+'!)?[A-Za-z_][\w.]*/y);
    if (match === null) throw new Error(`expected a reference at ${at} in ${text}`);
    at += match[0].length;
    return match[0];
  };
  const scalar = (ref: string): unknown => (/^(?:'(?:[^']|'')+'!)?[A-Z]+\d+$/.test(ref) ? cxValueIn(book, on, ref) : referenceValues(book, ref, on)[0]?.[0]);
  /** A CX call from here to its closing parenthesis, evaluated with the add-in's functions. */
  const cxCall = (): unknown[][] => {
    const start = at;
    let depth = 0;
    do {
      const char = text[at++];
      if (char === '"') while (at < text.length && text[at++] !== '"');
      else if (char === "'") while (at < text.length && text[at++] !== "'");
      else if (char === "(") depth++;
      else if (char === ")") depth--;
    } while (at < text.length && !(depth === 0 && text[at - 1] === ")"));
    return evaluateCxTable(book, `=${text.slice(start, at)}`, on);
  };
  const call = (name: string): unknown => {
    take("(");
    let result: unknown;
    if (name === "NA") result = error("#N/A");
    else if (name === "COUNT") {
      const refs = [reference()];
      while (text[at] === ",") { at++; refs.push(reference()); }
      result = refs.reduce((count, ref) => count + referenceValues(book, ref, on).flat().filter((value) => typeof value === "number").length, 0);
    } else if (name === "AVERAGE" && peek(/CX\./y) !== null) {
      const numbers = cxCall().flat().filter((value): value is number => typeof value === "number");
      result = numbers.length === 0 ? error("#DIV/0!") : numbers.reduce((a, b) => a + b, 0) / numbers.length;
    } else if (name === "INDEX") {
      const column = referenceValues(book, reference(), on);
      take(",");
      const k = numeric(expression());
      result = typeof k === "number" ? (column[k - 1]?.[0] ?? error("#REF!")) : k;
    } else if (name === "ROWS") result = referenceValues(book, reference(), on).length;
    else if (name === "MATCH") {
      const wanted = comparison();
      take(",");
      const column = referenceValues(book, reference(), on).map(([value]) => value);
      take(",0");
      const k = column.findIndex((value) => value === wanted);
      result = isError(wanted) ? wanted : k < 0 ? error("#N/A") : k + 1;
    } else if (name === "SUMIFS" || name === "COUNTIFS" || name === "MAXIFS") {
      // (COUNTIFS has no range of values: its first criteria range counts)
      const first = referenceValues(book, reference(), on).map(([value]) => value);
      const criteria: { values: unknown[]; test: (value: unknown) => boolean }[] = [];
      const criterion = (values: unknown[]): void => {
        const [, op = "=", operand = ""] = /^(>=|<=|<>|>|<|=)?(.*)$/.exec(String(comparison())) as unknown as [string, string?, string?];
        const b = Number(operand);
        criteria.push({ values, test: (value) => typeof value === "number" && ({ "=": value === b, "<>": value !== b, "<": value < b, ">": value > b, "<=": value <= b, ">=": value >= b } as Record<string, boolean>)[op] === true });
      };
      if (name === "COUNTIFS") { take(","); criterion(first); }
      while (text[at] === ",") {
        at++;
        const values = referenceValues(book, reference(), on).map(([value]) => value);
        take(",");
        criterion(values);
      }
      const kept = first.filter((_, k) => criteria.every(({ values, test }) => test(values[k])));
      const numbers = kept.filter((value): value is number => typeof value === "number");
      result = name === "COUNTIFS" ? kept.length : name === "SUMIFS" ? numbers.reduce((a, b) => a + b, 0) : numbers.length === 0 ? 0 : Math.max(...numbers);
    }
    else {
      const args: unknown[] = [comparison()];
      while (text[at] === ",") { at++; args.push(comparison()); }
      if (name === "IFERROR") result = isError(args[0]) ? args[1] : args[0];
      else if (name === "OR") result = args.find(isError) ?? args.some((arg) => arg === true);
      else if (name === "IF") result = isError(args[0]) ? args[0] : args[0] === true ? args[1] : args[2];
      else if (name === "DATE") result = serialFromUtc(Date.UTC(args[0] as number, (args[1] as number) - 1, args[2] as number));
      else throw new Error(`no ${name} in the arithmetic evaluator: ${text}`);
    }
    take(")");
    return result;
  };
  const factor = (): unknown => {
    const number = peek(/\d+(?:\.\d+)?/y);
    if (number !== null) { at += number[0].length; return Number(number[0]); }
    const literal = peek(/"([^"]*)"/y);
    if (literal !== null) { at += literal[0].length; return literal[1]; }
    if (text[at] === "(") { at++; const value = expression(); take(")"); return value; }
    if (text[at] === "-") { at++; const value = numeric(factor()); return typeof value === "number" ? -value : value; }
    if (peek(/CX\.[A-Z_]+\(/y) !== null) return cxCall()[0]?.[0];
    const name = peek(/(INDEX|ROWS|IFERROR|IF|OR|COUNTIFS|COUNT|NA|AVERAGE|MATCH|SUMIFS|MAXIFS|DATE)\(/y);
    if (name !== null) { at += (name[1] as string).length; return call(name[1] as string); }
    return scalar(reference());
  };
  const binary = (next: () => unknown, operators: string, apply: (a: number, b: number, op: string) => unknown) => (): unknown => {
    let left = next();
    while (at < text.length && operators.includes(text[at] as string)) {
      const op = text[at++] as string;
      const right = next();
      const [a, b] = [numeric(left), numeric(right)];
      left = typeof a !== "number" ? a : typeof b !== "number" ? b : apply(a, b, op);
    }
    return left;
  };
  const term = binary(factor, "*/", (a, b, op) => (op === "*" ? a * b : b === 0 ? error("#DIV/0!") : a / b));
  const expression = binary(term, "+-", (a, b, op) => (op === "+" ? a + b : a - b));
  // & joins texts (numbers as their digits), below + and − and above the comparisons
  const concatenation = (): unknown => {
    let left = expression();
    while (text[at] === "&") {
      at++;
      const right = expression();
      left = isError(left) ? left : isError(right) ? right : `${String(left ?? "")}${String(right ?? "")}`;
    }
    return left;
  };
  const comparison = (): unknown => {
    const left = concatenation();
    const op = peek(/<>|<=|>=|=|<|>/y);
    if (op === null) return left;
    at += op[0].length;
    const right = concatenation();
    if (isError(left)) return left;
    if (isError(right)) return right;
    const [a, b] = [left as number, right as number];
    return ({ "=": a === b, "<>": a !== b, "<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b } as Record<string, boolean>)[op[0]];
  };
  const value = comparison();
  if (at !== text.length) throw new Error(`could not evaluate ${text} past ${at}`);
  return value;
}

/** A cell's value on a sheet, or on the sheet an address names. */
function cxValueIn(book: Book, on: SheetSpec, address: string): unknown {
  const { sheet, local } = locate(book, address, on);
  return valueOnSheet(book, sheet, local);
}

/** What a cell of a CX-mode report shows: its own formula's value, or its place in a table spilled from above-left. */
export function cxValueAt(book: Book, address: string): unknown {
  const { sheet, local } = locate(book, address);
  return valueOnSheet(book, sheet, local);
}

function valueOnSheet(book: Book, sheet: SheetSpec, local: string): unknown {
  const own = sheet.cells.find((cell) => cell.address === local);
  if (own?.formula !== undefined) return evaluateCx(book, own.formula, sheet);
  // A cell the report does not hold is blank; one it holds without content is a spilled table's.
  if (own === undefined || own.value !== undefined) return own?.value;
  const at = split(local);
  for (const cell of sheet.cells) {
    if (cell.formula === undefined || !cell.formula.startsWith("=CX.")) continue;
    const anchor = split(cell.address);
    if (anchor.row > at.row || anchor.column > at.column) continue;
    const table = evaluateCxTable(book, cell.formula, sheet);
    const value = table[at.row - anchor.row]?.[at.column - anchor.column];
    if (value !== undefined && (table.length > 1 || (table[0]?.length ?? 0) > 1)) return value;
  }
  return own?.value;
}
