/** Arguments several families read the same way: the language, a transaction table summarised per customer, an optional range. */
import type { CustomerGroups, CustomerId } from "../core/prep/groupCustomers";
import { summarizeTransactions, type CustomerHistories, type TimeUnit } from "../core/prep/summarizeTransactions";
import { summarizePurchases, type PurchaseSummary } from "../core/prep/summarizePurchases";
import { parseLocale, type Locale } from "../i18n/locale";
import { Call } from "./call";
import { asMatrix, isBlank, optionalScalar, shapeOf, showValue } from "./coerce";
import { readRecords, type ColumnSpec, type Records } from "./records";

export function languageArgument(call: Call, value: unknown): Locale {
  const cell = optionalScalar(call, "language", value);
  if (cell === undefined) return call.locale;
  const locale = parseLocale(String(cell));
  return locale ?? call.fail("value", "badOption", "language", { value: showValue(cell), allowed: '"en-US", "zh-CN"' });
}

/** Reads a transaction table (one purchase per row: customers, then optionally dates and amounts) and summarises it per customer. */
export function readPurchases(call: Call, columns: readonly ColumnSpec[], asOf: number | undefined): PurchaseSummary {
  return summarizePurchases({ ...purchaseColumns(readRecords(call, columns)), ...(asOf === undefined ? {} : { asOf }) });
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
