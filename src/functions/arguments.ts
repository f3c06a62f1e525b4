/** Arguments several families read the same way: the language, a transaction table summarised per customer, an optional range. */
import type { CustomerGroups, CustomerId } from "../core/prep/groupCustomers";
import { summarizeTransactions, type CustomerHistories, type TimeUnit } from "../core/prep/summarizeTransactions";
import { PurchaseTally, summarizePurchases, type PurchaseSummary } from "../core/prep/summarizePurchases";
import { parseLocale, type Locale } from "../i18n/locale";
import { Call } from "./call";
import { asMatrix, isBlank, MAX_DATE_SERIAL, optionalScalar, shapeOf, showValue, type Matrix } from "./coerce";
import { layOutRecords, readRecords, type ColumnSpec, type LaidOutRecords, type Records } from "./records";

export function languageArgument(call: Call, value: unknown): Locale {
  const cell = optionalScalar(call, "language", value);
  if (cell === undefined) return call.locale;
  const locale = parseLocale(String(cell));
  return locale ?? call.fail("value", "badOption", "language", { value: showValue(cell), allowed: '"en-US", "zh-CN"' });
}

/** Reads a transaction table (one purchase per row: customers, then optionally dates and amounts) and summarises it per customer. */
export function readPurchases(call: Call, columns: readonly ColumnSpec[], asOf: number | undefined): PurchaseSummary {
  const laidOut = layOutRecords(call, columns);
  return tallyCells(columns, laidOut, asOf) ?? summarizePurchases({ ...purchaseColumns(readRecords(call, columns, laidOut)), ...(asOf === undefined ? {} : { asOf }) });
}

/**
 * A transaction table added up per customer straight from its date and amount cells, in one pass,
 * where every row is a record (its customers numbered as laid out) and every cell is a number in
 * range: a million rows measured about 8 ms faster than reading the two columns into arrays first
 * and adding those up. Undefined for anything else (text dates, a blank or bad cell, a negative
 * amount), which the usual reader then reads, its messages naming the first bad cell as before.
 */
function tallyCells(columns: readonly ColumnSpec[], laidOut: LaidOutRecords, asOf: number | undefined): PurchaseSummary | undefined {
  const { customers, matrices } = laidOut;
  const [, dateCells, amountCells] = matrices;
  if (customers === undefined || dateCells === undefined || columns[1]?.kind !== "date" || (amountCells !== undefined && columns[2]?.kind !== "number") || columns.length > 3) return undefined;
  const tally = new PurchaseTally(customers, asOf);
  return addCells(tally, customers.groupOf, dateCells, amountCells) ? tally.summary() : undefined;
}

/**
 * Adds each row's date and amount cell to the tally; false at the first cell that is not a number in
 * range (a loop in a function of its own: docs/architecture.md, "Loops over a million rows").
 */
function addCells(tally: PurchaseTally, groupOf: Int32Array, dateCells: Matrix, amountCells: Matrix | undefined): boolean {
  // (the bound in a local: an import read in a loop is a call, see the same section)
  const dateEnd = MAX_DATE_SERIAL + 1;
  for (let r = 0; r < groupOf.length; r++) {
    const date = (dateCells[r] as readonly unknown[])[0];
    const amount = amountCells === undefined ? 0 : (amountCells[r] as readonly unknown[])[0];
    if (typeof date !== "number" || !(date >= 1 && date < dateEnd) || typeof amount !== "number" || !(amount >= 0 && amount < Infinity)) return false;
    tally.add(groupOf[r] as number, date, amount);
  }
  return true;
}

/** A transaction table as read (customers numbered, then dates and amounts where given), as the core takes it. */
export function purchaseColumns(records: Records): { groups: CustomerGroups; dates?: Float64Array; amounts?: Float64Array } {
  return {
    groups: records.columns[0] as CustomerGroups,
    ...(records.columns[1] === undefined ? {} : { dates: records.columns[1] as Float64Array }),
    ...(records.columns[2] === undefined ? {} : { amounts: records.columns[2] as Float64Array }),
  };
}

/** A weights argument is omitted when Excel passes nothing or a single blank. */
export function optionalScalarOrRange(value: unknown): unknown {
  const matrix = asMatrix(value);
  const { rows, columns } = shapeOf(matrix);
  return rows * columns === 0 || (rows * columns === 1 && isBlank(matrix[0]?.[0])) ? undefined : value;
}

/** Reads a transaction table (customer, date, amount) and summarises it per customer as the lifetime-value models take it, observed to asOf. */
export function readHistories(call: Call, customer_ids: unknown, dates: unknown, amounts: unknown, asOf: number | undefined, timeUnit: TimeUnit): CustomerHistories {
  const records = readRecords(call, [
    { name: "customer_ids", value: customer_ids, kind: "id" },
    { name: "dates", value: dates, kind: "date" },
    { name: "amounts", value: amounts, kind: "number" },
  ]);
  return summarizeTransactions({
    customerIds: records.columns[0] as CustomerId[],
    dates: records.columns[1] as Float64Array,
    amounts: records.columns[2] as Float64Array,
    timeUnit,
    ...(asOf === undefined ? {} : { asOf }),
  });
}
