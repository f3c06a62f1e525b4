/**
 * `npx cx-report --duckdb FILE` and `--postgres URL` (issue 23): the project's queries run in the
 * database, and the report on their results, recalculated in LibreOffice, shows what the add-in's
 * functions give on the same purchases: the report period's customers at the start and lapsed
 * (CX.CUSTOMER_BRIDGE) and every RFM segment (CX.RFM_SUMMARY), as the pane's "Use query results" does.
 * Both databases are started by the tests, as the SQL tests start them. With --each-unit, one
 * workbook per unit of the database's unit column, each the queries on that unit's rows alone; and a
 * CSV of more transactions than a portable report links goes through the same queries, in DuckDB.
 */
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { run } from "../../scripts/cx-report";
import { PORTABLE_CUSTOMERS } from "../../scripts/cxReport/database";
import * as cx from "../../src/functions/functions";
import { SAMPLE_INPUTS } from "../../src/report/buildReport";
import { expectClose } from "../helpers/close";
import { duckdbWith } from "../helpers/duckdb";
import { invocation } from "../helpers/excel";
import { recalculate, testWithLibreOffice } from "../helpers/libreOffice";
import type { Purchase } from "../helpers/periodReference";
import { postgresBin, postgresWith } from "../helpers/postgres";
import { seededRandom } from "../helpers/simulate";
import { isoDay } from "../helpers/sqlEngines";

const [START, END] = [45536, 45565]; // 2024-09
// The sample's purchases, each customer in a region, one in four of them buying in a second one too.
const purchases: Purchase[] = SAMPLE_INPUTS.transactions.map((tx, i) => {
  const customer = String(tx.customer);
  const home = customer.charCodeAt(customer.length - 1) % 3;
  return { customer, date: 45565 - Number(tx.daysBeforeEnd), amount: Number(tx.amount), unit: ["East", "North", "West"][i % 4 === 0 ? (home + 1) % 3 : home] as string };
});
const column = (values: readonly unknown[]): unknown[][] => values.map((value) => [value]);

/**
 * The written workbook's figures against the add-in's on the same purchases: the bridge's start and
 * lapsed for September, and the RFM segments.
 */
async function expectFigures(file: string, mine: readonly Purchase[] = purchases): Promise<void> {
  const [ids, dates, amounts] = [column(mine.map((p) => p.customer)), column(mine.map((p) => p.date)), column(mine.map((p) => p.amount))];
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

/** One workbook per region, each with the add-in's figures on that region's purchases alone. */
async function expectEachUnit(out: string, written: readonly string[]): Promise<void> {
  expect(readdirSync(out).sort()).toEqual(["customer-metrics-2024-09-East.xlsx", "customer-metrics-2024-09-North.xlsx", "customer-metrics-2024-09-West.xlsx"]);
  expect(written).toHaveLength(3);
  for (const file of written) {
    const region = /-(\w+)\.xlsx$/.exec(file)?.[1] as string;
    await expectFigures(file, purchases.filter((p) => p.unit === region));
  }
}

testWithLibreOffice("--duckdb: a DuckDB file with the transactions table", async () => {
  const out = mkdtempSync(path.join(tmpdir(), "cx-duck-"));
  const database = path.join(out, "sales.duckdb");
  await (await duckdbWith(purchases, database)).close();
  const [file] = await run(["--duckdb", database, "--period", "2024-09", "--out", path.join(out, "report")], 45600);
  expect(readdirSync(path.join(out, "report"))).toEqual(["customer-metrics-2024-09.xlsx"]);
  await expectFigures(file as string);
  await expect(run(["--duckdb", path.join(out, "none.duckdb"), "--out", out], 45600)).rejects.toThrow(/none.duckdb: no such DuckDB file/);
  // --each-unit: the queries on each region's rows alone
  const byRegion = path.join(out, "by region");
  await expectEachUnit(byRegion, await run(["--duckdb", database, "--period", "2024-09", "--each-unit", "unit", "--out", byRegion], 45600));
  await expect(run(["--duckdb", database, "--each-unit", "Store", "--out", out], 45600)).rejects.toThrow(/no column "Store" for --each-unit/);
}, 600_000);

(postgresBin() === undefined ? test.skip : testWithLibreOffice)("--postgres: a PostgreSQL database reached by its URL, through psql", async () => {
  const engine = await postgresWith(purchases);
  try {
    const out = mkdtempSync(path.join(tmpdir(), "cx-pg-report-"));
    const [file] = await run(["--postgres", engine.url as string, "--period", "2024-09", "--out", out], 45600);
    await expectFigures(file as string);
    await expect(run(["--postgres", `${engine.url as string}&dbname=nowhere`, "--out", out], 45600)).rejects.toThrow(/^PostgreSQL: /);
    expect(readdirSync(out)).toEqual(["customer-metrics-2024-09.xlsx"]);
    const byRegion = path.join(out, "by region");
    await expectEachUnit(byRegion, await run(["--postgres", engine.url as string, "--period", "2024-09", "--each-unit", "unit", "--out", byRegion], 45600));
  } finally {
    await engine.close();
  }
}, 600_000);

testWithLibreOffice("a CSV of more transactions than a portable report links: the report on the sql/ queries' results, run in DuckDB", async () => {
  // 6,000 purchases of 700 customers over a year, ids in two spellings ("c12" and "C12 ", one customer
  // to the add-in, as COUNTIF matches them)
  const random = seededRandom(23);
  const many: Purchase[] = Array.from({ length: 6_000 }, () => {
    const n = Math.floor(random() * 700);
    return { customer: random() < 0.2 ? `c${n}` : `C${n}`, date: END - Math.floor(random() * 365), amount: Math.round(random() * 40_000) / 100 };
  });
  const out = mkdtempSync(path.join(tmpdir(), "cx-many-"));
  const csv = path.join(out, "sales.csv");
  writeFileSync(csv, `customer,date,amount\n${many.map((p) => `${String(p.customer)}${String(p.customer).startsWith("C") && p.date % 2 === 0 ? " " : ""},${isoDay(p.date)},${p.amount}`).join("\n")}\n`);
  const [file] = await run([csv, "--period", "2024-09", "--out", path.join(out, "report")], 45600);
  await expectFigures(file as string, many);
  const [values = new Map<string, unknown>()] = await recalculate(file as string);
  // the query results' sheets: one row per customer as the add-in counts them
  expect([...values.keys()].filter((k) => /^Customer summary!A\d+$/.test(k)).length - 1).toBe(new Set(many.map((p) => String(p.customer).toUpperCase())).size);
}, 600_000);

test("a portable report on more customers than its working columns can hold is refused at once, naming --mode cx", async () => {
  const out = mkdtempSync(path.join(tmpdir(), "cx-big-"));
  const database = path.join(out, "big.duckdb");
  const instance = await DuckDBInstance.create(database);
  const connection = await instance.connect();
  await connection.run(`CREATE TABLE transactions AS SELECT 'C' || CAST(i AS VARCHAR) AS customer_id, DATE '2024-09-01' + CAST(i % 30 AS INTEGER) AS purchase_date, 10.0 AS amount FROM range(${PORTABLE_CUSTOMERS + 1}) t(i)`);
  connection.closeSync();
  instance.closeSync();
  await expect(run(["--duckdb", database, "--period", "2024-09", "--out", path.join(out, "report")], 45600))
    .rejects.toThrow(`200,001 customers: a portable report takes up to 200,000 (its working columns would be 1,600,008 formulas); use --mode cx`);
  expect(readdirSync(path.join(out, "report"))).toEqual([]);
}, 120_000);
