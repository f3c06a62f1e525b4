/**
 * The transactions of a table read from a file, as the report takes them: the customer, date and
 * amount columns given by name or found from their headers in English or Chinese (客户编号, 日期,
 * 金额, …), and any unit columns (区域, 渠道, …) asked for. Every bad cell is reported with its row
 * number in the file (the header is row 1), a few of each kind, so the user can mend the file.
 */
import { parseDateText } from "../../src/functions/coerce";
import type { TransactionInput } from "../../src/report/sampleData";
import { failure, say } from "./messages";
import type { Cell, RawTable } from "./readTable";

/** Header names each column is found by, compared without case, spaces, underscores or hyphens. */
const HEADERS = {
  customer: ["customer", "customerid", "customerno", "client", "clientid", "member", "memberid", "客户", "客户编号", "客户id", "客户号", "会员", "会员编号"],
  date: ["date", "orderdate", "purchasedate", "transactiondate", "day", "日期", "下单日期", "交易日期", "订单日期", "购买日期"],
  amount: ["amount", "revenue", "sales", "value", "total", "金额", "销售额", "订单金额", "交易金额", "收入"],
} as const;

export type Role = keyof typeof HEADERS;

/** Headers as a message lists them: "Date", "Amount". */
export const listed = (headers: readonly string[]): string => headers.map((h) => `"${h}"`).join(", ");

/** A header as it is compared: without case, spaces, underscores or hyphens. */
export const squeeze = (text: string): string => text.toLowerCase().replace(/[\s_\-]/g, "");

/** The index of each role's column: the one named in `given`, else the first header that is one of its names. */
export function findColumns(headers: readonly string[], given: Partial<Record<Role, string>>): Record<Role, number> {
  const found = {} as Record<Role, number>;
  for (const role of Object.keys(HEADERS) as Role[]) {
    const wanted = given[role];
    const index = wanted === undefined
      ? headers.findIndex((header) => (HEADERS[role] as readonly string[]).includes(squeeze(header)))
      : headers.findIndex((header) => squeeze(header) === squeeze(wanted));
    if (index < 0) {
      throw wanted === undefined
        ? failure("noRoleColumn", { role, headers: listed(headers) })
        : failure("noNamedColumn", { column: wanted, option: `--${role}`, headers: listed(headers) });
    }
    found[role] = index;
  }
  return found;
}

/** A date cell as an Excel serial: a date, an Excel serial number, or text as the add-in reads it (2024-03-31, 2024/3/31, 2024年3月31日). */
export function dateSerial(cell: Cell): number | undefined {
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? undefined : Math.floor(cell.getTime() / 86_400_000) + 25_569;
  if (typeof cell === "number") return cell >= 1 && cell < 2_958_466 ? Math.floor(cell) : undefined;
  if (typeof cell === "string") {
    const serial = parseDateText(cell.trim());
    return serial === undefined ? undefined : Math.floor(serial);
  }
  return undefined;
}

/** An amount cell as a number: a number, or text with thousands separators or a currency sign (1,234.50, ¥88, 88元). */
export function amountOf(cell: Cell): number | undefined {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell !== "string") return undefined;
  const text = cell.trim().replace(/^[¥$€£]|元$/g, "").replace(/,/g, "");
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

/** How many bad rows of each kind a message lists. */
const SHOWN = 5;

/**
 * Each row as a transaction (units as the unit columns' text, the same in both languages); throws an
 * Error listing the bad rows of each kind (row numbers as in the file) when any cell is missing or bad.
 */
export function transactionsOf(table: RawTable, columns: Record<Role, number>, unitColumns: readonly number[]): TransactionInput[] {
  const bad = { customer: [] as number[], date: [] as number[], amount: [] as number[], negative: [] as number[] };
  const transactions: TransactionInput[] = [];
  table.rows.forEach((row, i) => {
    const line = i + 2;
    const customer = row[columns.customer];
    const date = dateSerial(row[columns.date]);
    const amount = amountOf(row[columns.amount]);
    const id = customer instanceof Date || customer === undefined || String(customer).trim() === "" ? undefined : typeof customer === "number" ? customer : customer.trim();
    if (id === undefined) bad.customer.push(line);
    if (date === undefined) bad.date.push(line);
    if (amount === undefined) bad.amount.push(line);
    else if (amount < 0) bad.negative.push(line);
    if (id === undefined || date === undefined || amount === undefined || amount < 0) return;
    const units = unitColumns.map((j) => {
      const text = row[j] === undefined ? "" : row[j] instanceof Date ? (row[j] as Date).toISOString().slice(0, 10) : String(row[j]).trim();
      return { "en-US": text, "zh-CN": text };
    });
    transactions.push({ customer: id, date, amount, ...(unitColumns.length > 0 ? { units } : {}) });
  });
  const header = (role: Role): string => table.headers[columns[role]] as string;
  const problems = [
    [bad.customer, say("noCustomer", { column: header("customer") })],
    [bad.date, say("badDate", { column: header("date") })],
    [bad.amount, say("badAmount", { column: header("amount") })],
    [bad.negative, say("negativeAmount", { column: header("amount") })],
  ] as const;
  const messages = problems.filter(([rows]) => rows.length > 0).map(([rows, what]) => say("badRows", {
    count: rows.length, rowsWord: rows.length === 1 ? "row" : "rows", what, rows: `${rows.slice(0, SHOWN).join(", ")}${rows.length > SHOWN ? ", …" : ""}`,
  }));
  if (messages.length > 0) throw new Error(messages.join("\n"));
  if (transactions.length === 0) throw failure("noRows");
  return transactions;
}
