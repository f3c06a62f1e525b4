/**
 * `npx cx-report --duckdb FILE` and `--postgres URL` (issue 23): the project's queries run in the
 * database, and the report on their results, recalculated in LibreOffice, shows what the add-in's
 * functions give on the same purchases: the report period's customers at the start and lapsed
 * (CX.CUSTOMER_BRIDGE) and every RFM segment (CX.RFM_SUMMARY), as the pane's "Use query results" does.
 * Both databases are started by the tests, as the SQL tests start them.
 */
import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { run } from "../../scripts/cx-report";
import * as cx from "../../src/functions/functions";
import { SAMPLE_INPUTS } from "../../src/report/buildReport";
import { expectClose } from "../helpers/close";
import { invocation } from "../helpers/excel";
import { recalculate, testWithLibreOffice } from "../helpers/libreOffice";
import { postgresBin, postgresWith } from "../helpers/postgres";
import { isoDay } from "../helpers/sqlEngines";

const [START, END] = [45536, 45565]; // 2024-09
const purchases = SAMPLE_INPUTS.transactions.map((tx) => ({ customer: String(tx.customer), date: 45565 - Number(tx.daysBeforeEnd), amount: Number(tx.amount) }));
const column = (values: readonly unknown[]): unknown[][] => values.map((value) => [value]);
const [ids, dates, amounts] = [column(purchases.map((p) => p.customer)), column(purchases.map((p) => p.date)), column(purchases.map((p) => p.amount))];

/** The written workbook's figures against the add-in's: the bridge's start and lapsed for September, and the RFM segments. */
async function expectFigures(file: string): Promise<void> {
  const [values = new Map<string, unknown>()] = await recalculate(file);
  const bridge = cx.CUSTOMER_BRIDGE(ids, dates, "month", 90, null, null, "en-US", invocation());
  const september = bridge.find((row) => row[1] === START) as number[];
  const found = (label: string): number => {
    const key = [...values.keys()].find((k) => k.startsWith("Data 2024-09!A") && values.get(k) === label) as string;
    return values.get(key.replace("!A", "!B")) as number;
  };
  expect(found("Customers at the start")).toBe(september[3]);
  expect(found("Customers lost")).toBe(september[6]);
  const segments = cx.RFM_SUMMARY(ids, dates, amounts, [[END]], "en-US", invocation());
  const top = Number(([...values.keys()].find((k) => /^Report 2024-09!A\d+$/.test(k) && values.get(k) === segments[0]?.[0]) as string).replace(/^.*!A/, ""));
  segments.slice(1).forEach((row, k) => {
    expect(values.get(`Report 2024-09!A${top + 1 + k}`)).toBe(row[0]);
    expectClose(values.get(`Report 2024-09!B${top + 1 + k}`) as number, row[1] as number, 1e-9);
    expectClose(values.get(`Report 2024-09!D${top + 1 + k}`) as number, row[3] as number, 1e-9);
  });
}

testWithLibreOffice("--duckdb: a DuckDB file with the transactions table", async () => {
  const out = mkdtempSync(path.join(tmpdir(), "cx-duck-"));
  const database = path.join(out, "sales.duckdb");
  const instance = await DuckDBInstance.create(database);
  const connection = await instance.connect();
  await connection.run("CREATE TABLE transactions (customer_id VARCHAR, purchase_date DATE, amount DOUBLE)");
  const appender = await connection.createAppender("transactions");
  for (const p of purchases) {
    appender.appendVarchar(p.customer);
    appender.appendVarchar(isoDay(p.date));
    appender.appendDouble(p.amount);
    appender.endRow();
  }
  appender.closeSync();
  connection.closeSync();
  instance.closeSync();
  const [file] = await run(["--duckdb", database, "--period", "2024-09", "--out", path.join(out, "report")], 45600);
  expect(readdirSync(path.join(out, "report"))).toEqual(["customer-metrics-2024-09.xlsx"]);
  await expectFigures(file as string);
  await expect(run(["--duckdb", path.join(out, "none.duckdb"), "--out", out], 45600)).rejects.toThrow(/none.duckdb: no such DuckDB file/);
}, 300_000);

(postgresBin() === undefined ? test.skip : testWithLibreOffice)("--postgres: a PostgreSQL database reached by its URL, through psql", async () => {
  const engine = await postgresWith(purchases);
  try {
    const out = mkdtempSync(path.join(tmpdir(), "cx-pg-report-"));
    const [file] = await run(["--postgres", engine.url as string, "--period", "2024-09", "--out", out], 45600);
    await expectFigures(file as string);
    await expect(run(["--postgres", `${engine.url as string}&dbname=nowhere`, "--out", out], 45600)).rejects.toThrow(/^PostgreSQL: /);
    expect(readdirSync(out)).toEqual(["customer-metrics-2024-09.xlsx"]);
  } finally {
    await engine.close();
  }
}, 300_000);
