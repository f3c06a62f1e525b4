/**
 * A list of customers for follow-up, as the report writes one in either mode (the dashboard's at-risk
 * and win-back lists, the workings' new and lapsed customers): CX, a function's spill (its header and
 * rows) with every cell formatted ahead of it; portable, the same headers and, for k = 1 … rows, the
 * row of the k-th largest ranking key of the transaction table, each column read there (a working
 * column's name, or a formula of them), blank below the last.
 */
import { columnName } from "../core/a1";
import { label as tableLabel, type TableLabel } from "../i18n/labels";
import type { ReportBuilder } from "./builder";
import type { SheetRole } from "./sheetSpec";
import { TEXT_RESULT } from "./sheetSpec";

/** A column of a list: its header, its cells' number format, and (portable) what it reads at the ranked row. */
export interface ListColumn {
  readonly header: TableLabel;
  readonly format: string;
  readonly value: string;
}

export interface ListPlace {
  readonly sheet: SheetRole;
  /** The header row's first cell: its column index and row. */
  readonly left: number;
  readonly top: number;
  /** How many customers the list shows. */
  readonly rows: number;
}

/** CX: the function's spill from the header row, its cells formatted ahead of it (ReportBuilder.spillFormats). */
export function spilledList(b: ReportBuilder, at: ListPlace, formula: string, columns: readonly ListColumn[]): void {
  b.putOn(at.sheet, { address: `${columnName(at.left)}${at.top}`, formula, numberFormat: TEXT_RESULT, style: "label" });
  b.spillFormats(at.left, at.top, at.top + at.rows, columns.map(({ format }) => format), at.sheet);
}

/** Portable: the headers, then the k-th largest `key`'s row read in each column; blank below the last. */
export function rankedList(b: ReportBuilder, at: ListPlace, key: string, columns: readonly ListColumn[]): void {
  const { locale } = b.ctx;
  columns.forEach(({ header }, j) => b.putOn(at.sheet, { address: `${columnName(at.left + j)}${at.top}`, value: tableLabel(header, locale), style: j === 0 ? "label" : "numberHeader" }));
  for (let k = 1; k <= at.rows; k++) {
    const row = `MATCH(LARGE(${key},${k}),${key},0)`;
    columns.forEach(({ value, format }, j) => {
      const read = value.replace(/Tx_[A-Za-z_]+/g, (name) => `INDEX(${name},${row})`);
      b.putOn(at.sheet, { address: `${columnName(at.left + j)}${at.top + k}`, formula: `=IFERROR(${read},"")`, numberFormat: format });
    });
  }
}
