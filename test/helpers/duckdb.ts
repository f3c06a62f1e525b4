/**
 * DuckDB in process (@duckdb/node-api, whose binary ships in the npm package): a database the
 * project's SQL runs on in the tests and the bench, in memory or (`file`) in a database file.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import type { Purchase } from "./periodReference";
import { isoDay, type Engine, type Rows } from "./sqlEngines";

export async function duckdbWith(purchases: readonly Purchase[], file = ":memory:"): Promise<Engine> {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await connection.run("CREATE TABLE transactions (customer_id VARCHAR, purchase_date DATE, amount DOUBLE, unit VARCHAR)");
  const appender = await connection.createAppender("transactions");
  for (const p of purchases) {
    appender.appendVarchar(String(p.customer));
    appender.appendVarchar(isoDay(p.date));
    appender.appendDouble(p.amount);
    if (p.unit === undefined) appender.appendNull();
    else appender.appendVarchar(p.unit);
    appender.endRow();
  }
  appender.closeSync();
  return {
    name: "DuckDB",
    async query(sql: string): Promise<Rows> {
      const reader = await connection.runAndReadAll(sql);
      return { columns: reader.columnNames(), rows: reader.getRowsJson() as unknown[][] };
    },
    async close(): Promise<void> {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
