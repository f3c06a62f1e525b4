/**
 * cx-report on a database (issue 23): the project's queries (sql/customer_summary.sql and
 * sql/customer_bridge.sql) run where the transactions are, on a DuckDB file or a PostgreSQL
 * database (or on a large file's transactions, loaded into DuckDB in memory), and their results
 * become two sheets of the workbook that the report links, as the task pane's "Use query results"
 * does; the transactions never pass through the workbook. A unit's report runs them on a temporary
 * view of that unit's rows.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { columnName } from "../../src/core/a1";
import { isoDateOfSerial } from "../../src/core/dates";
import { parseDateText } from "../../src/functions/coerce";
import { checkPick, PICK_COLUMNS, type LinkedRange } from "../../src/report/dataSource";
import { paneStrings } from "../../src/i18n/paneStrings";
import { fillTemplate } from "../../src/i18n/locale";
import type { DataSheet } from "../specToXlsx";
import { sqlFile } from "../sqlFile";
import { failure, messageLocale, say } from "./messages";
import { parseCsv } from "./readTable";
import type { TransactionInput } from "../../src/report/sampleData";

/** Where the queries run: a DuckDB file, a PostgreSQL database, or a file's transactions loaded into DuckDB in memory. */
export type Database = { readonly duckdb: string } | { readonly postgres: string } | { readonly rows: readonly TransactionInput[] };

export interface QueryResults {
  readonly sheets: readonly DataSheet[];
  readonly source: { readonly customerSummary: LinkedRange; readonly periodTable: LinkedRange };
}

type Rows = readonly (readonly unknown[])[];

/**
 * The most customers a portable report on query results takes here: its working columns are about
 * eight formulas a customer. 100,000 customers are written and recalculated by LibreOffice in about
 * two minutes (npm run bench); a million would be eight million formulas, which neither exceljs's
 * writer (past 10 GB after eight minutes) nor a spreadsheet recalculates in a useful time.
 */
export const PORTABLE_CUSTOMERS = 200_000;

/** A connection the queries run on, one after the other. */
interface Session {
  run(sql: string): Promise<Rows>;
  close(): void;
}

/** A unit's purchases alone: the rows of `transactions` whose `column` is `value` (an empty value: NULL or empty). */
export interface UnitFilter {
  readonly column: string;
  readonly value: string;
}

const quoteName = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const quoteText = (text: string): string => `'${text.replace(/'/g, "''")}'`;
const unitCondition = (unit: UnitFilter): string => (unit.value === ""
  ? `(${quoteName(unit.column)} IS NULL OR CAST(${quoteName(unit.column)} AS VARCHAR) = '')`
  : `CAST(${quoteName(unit.column)} AS VARCHAR) = ${quoteText(unit.value)}`);

/**
 * DuckDB in process: the file attached read-only behind a view named transactions (only the unit's
 * rows with a unit filter), or the rows given loaded into a table of that name.
 */
async function duckdbSession(database: { readonly duckdb: string } | { readonly rows: readonly TransactionInput[] }, unit?: UnitFilter, onProgress?: (done: number, total: number) => void): Promise<Session> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const close = (): void => {
    connection.closeSync();
    instance.closeSync();
  };
  try {
    if ("duckdb" in database) {
      if (!existsSync(database.duckdb)) throw failure("noDuckdbFile", { file: database.duckdb });
      await connection.run(`ATTACH ${quoteText(database.duckdb)} AS source (READ_ONLY)`);
      await connection.run(`CREATE TEMP VIEW transactions AS SELECT * FROM source.transactions${unit === undefined ? "" : ` WHERE ${unitCondition(unit)}`}`);
    } else {
      await connection.run("CREATE TABLE transactions (customer_id VARCHAR, purchase_date DATE, amount DOUBLE)");
      const appender = await connection.createAppender("transactions");
      database.rows.forEach((row, k) => {
        if (onProgress !== undefined && k % 50_000 === 0) onProgress(k, database.rows.length);
        appender.appendVarchar(String(row.customer));
        appender.appendVarchar(isoDateOfSerial(Math.floor(Number(row.date))));
        appender.appendDouble(Number(row.amount));
        appender.endRow();
      });
      onProgress?.(database.rows.length, database.rows.length);
      appender.closeSync();
    }
  } catch (error) {
    close();
    throw error;
  }
  return { run: async (sql) => (await connection.runAndReadAll(sql)).getRowsJson() as unknown[][], close };
}

/** PostgreSQL through psql, its command-line client, reading CSV (no driver in the package); a unit's rows through a temporary view. */
function postgresSession(url: string, unit?: UnitFilter): Session {
  const view = unit === undefined ? [] : ["--command", `CREATE TEMP VIEW transactions AS SELECT * FROM transactions WHERE ${unitCondition(unit)}`];
  return {
    async run(sql) {
      const result = spawnSync("psql", [url, "--no-psqlrc", "--quiet", "--csv", "--set", "ON_ERROR_STOP=1", ...view, "--command", sql], { encoding: "utf8", maxBuffer: 1 << 30 });
      if (result.error !== undefined) throw failure("needsPsql", { detail: result.error.message });
      if (result.status !== 0) throw failure("postgresFailed", { detail: result.stderr.trim().split("\n")[0] ?? "" });
      return parseCsv(result.stdout).rows;
    },
    close() {},
  };
}

/** The distinct values of a column of the database's transactions, as text ("" for NULL), in order. */
export async function unitsOf(database: { readonly duckdb: string } | { readonly postgres: string }, column: string): Promise<string[]> {
  const session = "duckdb" in database ? await duckdbSession(database) : postgresSession(database.postgres);
  try {
    const rows = await session.run(`SELECT DISTINCT COALESCE(CAST(${quoteName(column)} AS VARCHAR), '') AS unit FROM transactions ORDER BY 1`);
    return rows.map((row) => String(row[0] ?? ""));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw /column|Binder|not found/i.test(message) ? failure("noUnitColumnInDatabase", { column, detail: message.split("\n")[0] ?? "" }) : error;
  } finally {
    session.close();
  }
}

/** A result's cell as the sheet holds it: a date as its serial, a number as a number, NULL as a blank. */
function cellOf(value: unknown, isDate: boolean): string | number | null {
  if (value === null || value === undefined || value === "") return null;
  if (isDate) return Math.floor(parseDateText(String(value).slice(0, 10)) ?? NaN);
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  const text = String(value);
  return /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(text) ? Number(text) : text;
}

/** The two queries' results for a report whose period ends on `periodEnd`, as sheets and the links to them. */
export async function queryResults(database: Database, periodEnd: number, period: "month" | "quarter", lapseDays: number, portable: boolean, unit?: UnitFilter, onProgress?: (done: number, total: number) => void): Promise<QueryResults> {
  const asSheet = (name: string, kind: "customerSummary" | "periodTable", rows: Rows): DataSheet => {
    // (the first and last purchase, or the period's first and last day, are dates in both)
    return { name, rows: [[...PICK_COLUMNS[kind]], ...rows.map((row) => row.map((value, j) => cellOf(value, j === 1 || j === 2)))] };
  };
  const session = "postgres" in database ? postgresSession(database.postgres, unit) : await duckdbSession(database, unit, onProgress);
  let summary: DataSheet;
  let bridge: DataSheet;
  try {
    summary = asSheet("Customer summary", "customerSummary", await session.run(sqlFile("customer_summary.sql", { as_of: `DATE '${isoDateOfSerial(periodEnd)}'`, time_unit: "weeks" })));
    bridge = asSheet("Customer bridge", "periodTable", await session.run(sqlFile("customer_bridge.sql", { period, lapse_days: lapseDays })));
  } finally {
    session.close();
  }
  const customers = summary.rows.length - 1;
  if (portable && customers > PORTABLE_CUSTOMERS) throw failure("portableTooManyCustomers", { customers, limit: PORTABLE_CUSTOMERS, formulas: customers * 8 });
  if (summary.rows.length < 2) throw failure("noTransactionsToEnd", { what: unit === undefined ? say("theDatabase") : say("theUnit", { unit: unit.value }) });
  // The results checked as a pick of them is in the pane, so a bad table is named before anything is
  // written. A summary of more than 5,000 customers is taken in portable mode too: that cap is the
  // pane's (its working columns go to Excel in requests of at most 4 MB), and here the workbook is
  // written whole; LibreOffice stores the results (100,000 customers: about two minutes in all).
  const link = (sheet: DataSheet, kind: "customerSummary" | "periodTable"): LinkedRange => {
    const width = sheet.rows[0]?.length ?? 0;
    const checked = checkPick(kind, { address: `'${sheet.name}'!A1:${columnName(width - 1)}${sheet.rows.length}`, values: sheet.rows }, portable && kind !== "customerSummary");
    if (!checked.ok) throw failure("badQueryResult", { sheet: sheet.name, problem: fillTemplate(paneStrings[checked.problem.key][messageLocale()], checked.problem.params) });
    return checked.range;
  };
  return { sheets: [summary, bridge], source: { customerSummary: link(summary, "customerSummary"), periodTable: link(bridge, "periodTable") } };
}
