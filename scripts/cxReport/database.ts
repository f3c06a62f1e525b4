/**
 * cx-report on a database (issue 23): the project's queries (sql/customer_summary.sql and
 * sql/customer_bridge.sql) run where the transactions are, on a DuckDB file or a PostgreSQL
 * database, and their results become two sheets of the workbook that the report links, as the task
 * pane's "Use query results" does; the transactions never pass through the workbook.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { isoDateOfSerial } from "../../src/core/dates";
import { parseDateText } from "../../src/functions/coerce";
import { checkPick, PICK_COLUMNS, type LinkedRange } from "../../src/report/dataSource";
import { paneStrings } from "../../src/i18n/paneStrings";
import { fillTemplate } from "../../src/i18n/locale";
import type { DataSheet } from "../specToXlsx";
import { sqlFile } from "../sqlFile";
import { parseCsv } from "./readTable";

export type Database = { readonly duckdb: string } | { readonly postgres: string };

export interface QueryResults {
  readonly sheets: readonly DataSheet[];
  readonly source: { readonly customerSummary: LinkedRange; readonly periodTable: LinkedRange };
}

type Rows = readonly (readonly unknown[])[];

/** Runs one query on the database; its rows as text or numbers. */
async function query(database: Database, sql: string): Promise<Rows> {
  if ("duckdb" in database) {
    if (!existsSync(database.duckdb)) throw new Error(`${database.duckdb}: no such DuckDB file`);
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const instance = await DuckDBInstance.create(database.duckdb, { access_mode: "READ_ONLY" });
    const connection = await instance.connect();
    try {
      return (await connection.runAndReadAll(sql)).getRowsJson() as unknown[][];
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  }
  // PostgreSQL through psql, its command-line client, reading CSV (no driver in the package).
  const result = spawnSync("psql", [database.postgres, "--no-psqlrc", "--csv", "--set", "ON_ERROR_STOP=1", "--command", sql], { encoding: "utf8", maxBuffer: 1 << 30 });
  if (result.error !== undefined) throw new Error(`--postgres needs psql, PostgreSQL's client (${result.error.message})`);
  if (result.status !== 0) throw new Error(`PostgreSQL: ${result.stderr.trim().split("\n")[0] ?? "the query failed"}`);
  return parseCsv(result.stdout).rows;
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
export async function queryResults(database: Database, periodEnd: number, period: "month" | "quarter", lapseDays: number, portable: boolean): Promise<QueryResults> {
  const asSheet = (name: string, kind: "customerSummary" | "periodTable", rows: Rows): DataSheet => {
    // (the first and last purchase, or the period's first and last day, are dates in both)
    return { name, rows: [[...PICK_COLUMNS[kind]], ...rows.map((row) => row.map((value, j) => cellOf(value, j === 1 || j === 2)))] };
  };
  const summary = asSheet("Customer summary", "customerSummary", await query(database, sqlFile("customer_summary.sql", { as_of: `DATE '${isoDateOfSerial(periodEnd)}'`, time_unit: "weeks" })));
  const bridge = asSheet("Customer bridge", "periodTable", await query(database, sqlFile("customer_bridge.sql", { period, lapse_days: lapseDays })));
  if (summary.rows.length < 2) throw new Error("the database has no transactions up to the period's end (customer_summary.sql returned no rows)");
  // the results checked as a pick of them would be in the pane, so a bad table is named before anything is written
  const link = (sheet: DataSheet, kind: "customerSummary" | "periodTable"): LinkedRange => {
    const width = sheet.rows[0]?.length ?? 0;
    const checked = checkPick(kind, { address: `'${sheet.name}'!A1:${String.fromCharCode(64 + width)}${sheet.rows.length}`, values: sheet.rows }, portable);
    if (!checked.ok) throw new Error(`${sheet.name}: ${fillTemplate(paneStrings[checked.problem.key]["en-US"], checked.problem.params)}`);
    return checked.range;
  };
  return { sheets: [summary, bridge], source: { customerSummary: link(summary, "customerSummary"), periodTable: link(bridge, "periodTable") } };
}
