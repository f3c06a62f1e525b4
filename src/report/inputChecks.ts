/**
 * Checks of the report's input tables (channel spend, survey answers: the report's own, or the user's
 * linked ones, which may change after they were picked), in built-in formulas so they work in both
 * formula modes and without the add-in. SUM, SUMIFS and COUNTIFS pass over a text
 * such as "Oct" typed in a Month column, and COUNTIFS counts an answer of 11 as a promoter: the
 * figures would be silently wrong. So each checked column gets a working column holding, on each
 * row, the row of its cell where that cell is bad; and each table one check cell that names the
 * first bad cell ("Month: H9 is not a date") from them, and every figure read from the table is
 * #N/A while the check is not empty (`guarded`). Cell by cell, not ISTEXT or MATCH over a whole
 * column inside SUMPRODUCT: only some engines evaluate a function's range argument there as an array
 * (Gnumeric takes the one cell on the formula's row), and a check must hold in every spreadsheet.
 */
import { fillTemplate, type Locale } from "../i18n/locale";
import { reportLabels } from "../i18n/reportLabels";

/** The check cell's format: its message in red (a text section only; the cell is empty when all is well). */
export const CHECK_FORMAT = "[Red]@";

/** What a column of an input table must hold (blanks are always allowed: no answer, no month). */
export type InputRule =
  /** A number of 0 or more (spend, new customers). */
  | { readonly kind: "amount" }
  /** A date (an Excel serial of 1 or more). */
  | { readonly kind: "date" }
  /** A number from `from` to `to` (CSI 1–10, whose answers may be an attribute's average). */
  | { readonly kind: "between"; readonly from: number; readonly to: number }
  /** A whole-number answer on a scale (NPS 0–10, CSAT 1–5). */
  | { readonly kind: "scale"; readonly from: number; readonly to: number };

export interface CheckedColumn {
  /** The column: a name (a range of one column), e.g. "Channel_Month", or a reference to the user's cells. */
  readonly name: string;
  /** The name of its working column of bad rows (badRowFormula), e.g. "Channel_Month_Bad". */
  readonly badRows: string;
  /** The sheet the column is on, when it is the user's: the message names the cell with it ("Survey!A7"). */
  readonly sheet?: string;
  /** The column's header as the user sees it, for the message. */
  readonly header: string;
  readonly rule: InputRule;
}

/** Whether a number in `cell` breaks the rule (a scale's answers must also be whole). */
function refused(rule: InputRule, cell: string): string {
  switch (rule.kind) {
    case "amount": return `${cell}<0`;
    case "date": return `${cell}<1`;
    case "between": return `OR(${cell}<${rule.from},${cell}>${rule.to})`;
    case "scale": return `OR(${cell}<${rule.from},${cell}>${rule.to},${cell}<>INT(${cell}))`;
  }
}

/**
 * A checked cell's working formula: its row where the cell holds text or a number the rule refuses,
 * else "" (blanks are allowed). The number is compared only once it is known to be one.
 */
export function badRowFormula(rule: InputRule, cell: string): string {
  return `=IF(ISTEXT(${cell}),ROW(${cell}),IF(ISNUMBER(${cell}),IF(${refused(rule, cell)},ROW(${cell}),""),""))`;
}

/** The message for a bad cell of the column, split around the cell's address. */
function messageParts(column: CheckedColumn, locale: Locale): [string, string] {
  const { rule } = column;
  const key = ({ amount: "checkAmount", date: "checkDate", between: "checkBetween", scale: "checkScale" } as const)[rule.kind];
  const text = fillTemplate(reportLabels[key][locale], { column: column.header, ...("from" in rule ? { from: rule.from, to: rule.to } : {}) });
  const [before, after = ""] = text.replace(/"/g, '""').split("{cell}") as [string, string?];
  return [before, after];
}

/**
 * The check cell's formula: empty while no column's working column holds a bad row, else a message
 * naming the first column with a bad cell and its first bad cell's address (the columns in order).
 */
export function inputCheckFormula(columns: readonly CheckedColumn[], locale: Locale): string {
  const body = columns.reduceRight((otherwise, column) => {
    const [before, after] = messageParts(column, locale);
    const onSheet = column.sheet === undefined ? "" : `,TRUE,"${column.sheet.replace(/"/g, '""')}"`;
    return `IF(COUNT(${column.badRows})>0,"${before}"&ADDRESS(MIN(${column.badRows}),COLUMN(${column.name}),4${onSheet})&"${after}",${otherwise})`;
  }, '""');
  return `=${body}`;
}

/** A figure read from a checked table: #N/A while the table's check cell reports a bad cell. */
export function guarded(check: string | undefined, formula: string): string {
  if (check === undefined) return formula;
  return `=IF(${check}<>"",NA(),${formula.replace(/^=/, "")})`;
}
