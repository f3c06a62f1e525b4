/**
 * The queries of sql/ beside the CX functions (issue 23). On the same 1,000,000 transactions (100,000
 * customers, ids of varying length, 36 months, 50 units) the functions and DuckDB take turns, same run,
 * and each query's time is set against its function's, its result checked against the function's
 * table; PostgreSQL's times on the same rows are reported beside them. Then the queries on 10,000,000
 * transactions of 1,000,000 customers, generated inside DuckDB (a fixed seed), as a database holds them.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { isoDateOfSerial } from "../src/core/dates";
import * as cx from "../src/functions/functions";
import { sqlFile } from "../scripts/sqlFile";
import { duckdbWith } from "../test/helpers/duckdb";
import type { Purchase } from "../test/helpers/periodReference";
import { postgresBin, postgresWith } from "../test/helpers/postgres";
import { expectCell, type Rows } from "../test/helpers/sqlEngines";
import { elapsed, fromExcel, median, report } from "./figures";

const inv = { functionName: "bench" } as CustomFunctions.Invocation;
const FIRST_DAY = 45292; // 2024-01-01
const DAYS = 1096; // to 2026-12-31: 36 months
const LAST_DAY = FIRST_DAY + DAYS - 1;

interface Query {
  readonly file: string;
  readonly parameters: Readonly<Record<string, string | number>>;
  /** The function's table on the same transactions. */
  readonly cx: () => unknown[][];
  /** Columns the query returns as dates where the function gives serials. */
  readonly dateColumns?: readonly number[];
  /** Rows matched by their first cell (units of equal revenue may come in another order). */
  readonly byName?: boolean;
}

/** Whether the query's rows are the function's table, cell for cell (numbers to 1e-9). */
function sameFigures(result: Rows, table: unknown[][], query: Query): boolean {
  const expected = table.slice(1);
  if (result.rows.length !== expected.length) return false;
  const byName = new Map(result.rows.map((row) => [String(row[0]), row]));
  try {
    expected.forEach((row, k) => {
      const actual = query.byName === true ? byName.get(String(row[0])) : result.rows[k];
      row.forEach((value, j) => expectCell(actual?.[j], query.dateColumns?.includes(j) === true ? isoDateOfSerial(value as number) : value, `row ${k + 1}`));
    });
    return true;
  } catch {
    return false;
  }
}

/** The million transactions, as Excel hands them to a function and as a table holds them. */
function millionTransactions(rand: () => number) {
  const customers = 100_000;
  const purchases: Purchase[] = [];
  for (let i = 0; i < 1_000_000; i++) {
    const n = Math.floor(rand() * customers);
    // each customer's home store, one purchase in ten elsewhere
    const store = rand() < 0.9 ? n % 50 : Math.floor(rand() * 50);
    purchases.push({ customer: `C${n}`, date: FIRST_DAY + Math.floor(rand() * DAYS), amount: Math.round(rand() * 50000) / 100, unit: `Store ${store}` });
  }
  const column = (pick: (p: Purchase) => unknown): unknown[][] => fromExcel(purchases.map((p) => [pick(p)]));
  return { purchases, ids: column((p) => p.customer), dates: column((p) => p.date), amounts: column((p) => p.amount), units: column((p) => p.unit) };
}

async function sideBySide(rand: () => number): Promise<void> {
  const { purchases, ids, dates, amounts, units } = millionTransactions(rand);
  const queries: Query[] = [
    { file: "customer_bridge", parameters: { period: "month", lapse_days: 90 }, cx: () => cx.CUSTOMER_BRIDGE(ids, dates, "month", 90, null, null, "en-US", inv), dateColumns: [1, 2] },
    { file: "revenue_bridge", parameters: { period: "month" }, cx: () => cx.REVENUE_BRIDGE(ids, dates, amounts, "month", null, null, "en-US", inv) },
    { file: "period_kpis", parameters: { period: "month" }, cx: () => cx.PERIOD_KPIS(ids, dates, amounts, "month", null, null, "en-US", inv) },
    {
      file: "by_unit", parameters: { period: "month", period_end: `DATE '${isoDateOfSerial(LAST_DAY)}'`, lapse_days: 90 },
      cx: () => cx.BY_UNIT(ids, dates, amounts, units, "month", LAST_DAY, 90, "en-US", inv), byName: true,
    },
  ];
  const duckdb = await duckdbWith(purchases);
  const cxTimes = new Map<string, number>();
  for (const query of queries) {
    const sql = sqlFile(`${query.file}.sql`, query.parameters);
    const same = sameFigures(await duckdb.query(sql), query.cx(), query);
    const functionTimes: number[] = [];
    const queryTimes: number[] = [];
    // turn and turn about, after the warm-up above
    for (let round = 0; round < 7; round++) {
      functionTimes.push(await elapsed(query.cx));
      queryTimes.push(await elapsed(() => duckdb.query(sql)));
    }
    cxTimes.set(query.file, median(functionTimes));
    report({ name: `duckdb_${query.file}_1m_transactions`, unit: "ms", value: Number(median(queryTimes).toFixed(1)), cx_ms: Number(median(functionTimes).toFixed(1)), runs: queryTimes.length, same_figures_as_cx: same, note: "100,000 customers, ids of varying length, 36 months, 50 units; DuckDB in process, 2 cores" });
    report({ name: `duckdb_to_cx_ratio_${query.file}_1m_transactions`, unit: "x", value: Number((median(queryTimes) / median(functionTimes)).toFixed(2)), budget: 1 });
  }
  await duckdb.close();
  if (postgresBin() === undefined) {
    report({ name: "postgres_1m_transactions", unit: "ms", value: NaN, note: "PostgreSQL not run: apt-get install postgresql" });
    return;
  }
  const postgres = await postgresWith(purchases);
  try {
    for (const query of queries) {
      const sql = sqlFile(`${query.file}.sql`, query.parameters);
      const same = sameFigures(await postgres.query(sql), query.cx(), query);
      const times: number[] = [];
      for (let round = 0; round < 3; round++) times.push(await elapsed(() => postgres.query(sql)));
      report({ name: `postgres_${query.file}_1m_transactions`, unit: "ms", value: Number(median(times).toFixed(1)), cx_ms: Number((cxTimes.get(query.file) as number).toFixed(1)), runs: times.length, same_figures_as_cx: same, note: "PostgreSQL's defaults (work_mem 4 MB), through psql (its start included)" });
    }
  } finally {
    await postgres.close();
  }
}

async function tenMillion(): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  await connection.run("SELECT setseed(0.42)");
  await connection.run(`CREATE TABLE transactions AS
    SELECT 'C' || CAST(n AS VARCHAR) AS customer_id, DATE '2024-01-01' + CAST(floor(random() * ${DAYS}) AS INTEGER) AS purchase_date,
      round(random() * 500, 2) AS amount, 'Store ' || CAST(CASE WHEN random() < 0.9 THEN n % 50 ELSE CAST(floor(random() * 50) AS INTEGER) END AS VARCHAR) AS unit
    FROM (SELECT CAST(floor(random() * 1000000) AS INTEGER) AS n FROM range(10000000))`);
  const queries: readonly [string, Readonly<Record<string, string | number>>, number | undefined][] = [
    ["customer_bridge", { period: "month", lapse_days: 90 }, 2000],
    ["revenue_bridge", { period: "month" }, 2000],
    ["period_kpis", { period: "month" }, 2000],
    ["by_unit", { period: "month", period_end: `DATE '${isoDateOfSerial(LAST_DAY)}'`, lapse_days: 90 }, 2000],
    ["customer_summary", { as_of: `DATE '${isoDateOfSerial(LAST_DAY)}'` }, undefined],
    ["cohort_retention", { period: "month" }, undefined],
  ];
  for (const [file, parameters, budget] of queries) {
    const sql = sqlFile(`${file}.sql`, parameters);
    let rows = 0;
    const times: number[] = [];
    for (let i = 0; i < 4; i++) {
      const started = performance.now();
      rows = (await connection.runAndReadAll(sql)).currentRowCount;
      if (i > 0) times.push(performance.now() - started);
    }
    report({ name: `duckdb_${file}_10m_transactions`, unit: "ms", value: Number(median(times).toFixed(1)), rows, runs: times.length, ...(budget === undefined ? {} : { budget }), note: "1,000,000 customers, 36 months, 50 units; DuckDB in process, 2 cores" });
  }
  connection.closeSync();
  instance.closeSync();
}

export async function measureSql(rand: () => number): Promise<void> {
  await sideBySide(rand);
  await tenMillion();
}
