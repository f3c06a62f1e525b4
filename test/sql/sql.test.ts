/**
 * The queries of sql/ on real engines: DuckDB (in process) and PostgreSQL (Debian's server, started
 * for the test on a private socket). On CDNOW's 6,919 transactions and on a synthetic table (customers
 * simulated as BG/NBD assumes, text ids, purchases on one day, amounts in cents and zero), every query's result must equal
 * the CX functions on the same transactions, cell for cell: the customer and revenue bridges and the
 * period KPIs by month, ISO week, quarter and year, the cohort matrix, and the per-customer summary,
 * which fed to CX.CLV_FIT_SUMMARY gives CX.CLV_FIT's fit of the raw transactions.
 */
import { isoDateOfSerial } from "../../src/core/dates";
import * as cx from "../../src/functions/functions";
import { cdnowTransactions } from "../helpers/cdnow";
import { expectClose } from "../helpers/close";
import { duckdbWith } from "../helpers/duckdb";
import { column, invocation } from "../helpers/excel";
import type { Purchase } from "../helpers/periodReference";
import { postgresBin, postgresWith } from "../helpers/postgres";
import { seededRandom, simulateTransactions } from "../helpers/simulate";
import { expectCell, sqlFile, type Engine, type Rows } from "../helpers/sqlEngines";

const havePostgres = postgresBin() !== undefined;
if (!havePostgres && process.env["CI"] === "true") throw new Error("CI must run the PostgreSQL checks: install postgresql");
if (!havePostgres) console.warn("PostgreSQL is not installed: its SQL checks are skipped. apt-get install postgresql");

const inv = invocation();
const cdnow = (() => {
  const { ids, dates, amounts } = cdnowTransactions();
  return ids.map((id, i) => ({ customer: String(id), date: dates[i] as number, amount: amounts[i] as number }));
})();
const synthetic = (() => {
  // Customers who buy and drop out as BG/NBD assumes (so the lifetime-value fit converges), with
  // text ids, a second order on the same day now and then, and some free orders.
  const random = seededRandom(2026);
  const simulated = simulateTransactions(random, 600, { r: 0.6, alpha: 5, a: 0.8, b: 3 }, { p: 6, q: 4, v: 15 });
  const purchases: Purchase[] = [];
  simulated.ids.forEach((id, i) => {
    const date = simulated.dates[i] as number;
    const customer = `C${id}`;
    purchases.push({ customer, date, amount: random() < 0.04 ? 0 : Math.round((simulated.amounts[i] as number) * 100) / 100 });
    if (random() < 0.08) purchases.push({ customer, date, amount: Math.round(random() * 9_000) / 100 });
  });
  return purchases;
})();
const DATA_SETS = [["CDNOW", cdnow], ["a synthetic table", synthetic]] as const;
const ENGINES = [["DuckDB", duckdbWith], ...(havePostgres ? [["PostgreSQL", postgresWith] as const] : [])] as const;
const PERIODS = [["month", 90], ["week", 28], ["quarter", 92], ["year", 366]] as const;

function expectTable(result: Rows, table: unknown[][], dateColumns: readonly number[] = []): void {
  expect(result.rows.length).toBe(table.length - 1);
  table.slice(1).forEach((row, k) => row.forEach((expected, j) => {
    const actual = result.rows[k]?.[j];
    expectCell(actual, dateColumns.includes(j) ? isoDateOfSerial(expected as number) : expected, `row ${k + 1}, ${result.columns[j] ?? j}`);
  }));
}

describe.each(DATA_SETS)("sql/ on %s", (_name, purchases) => {
  const ids = column(...purchases.map((p) => p.customer));
  const dates = column(...purchases.map((p) => p.date));
  const amounts = column(...purchases.map((p) => p.amount));
  const engines: Engine[] = [];
  beforeAll(async () => {
    for (const [, start] of ENGINES) engines.push(await start(purchases));
  }, 120_000);
  afterAll(async () => {
    await Promise.all(engines.map((engine) => engine.close()));
  });

  describe.each(ENGINES.map(([name], i) => [name, i] as const))("%s", (_engine, e) => {
    test.each(PERIODS)("customer bridge, revenue bridge and period KPIs by %s (lapse window %i days)", async (period, lapseDays) => {
      const engine = engines[e] as Engine;
      expectTable(await engine.query(sqlFile("customer_bridge.sql", { period, lapse_days: lapseDays })), cx.CUSTOMER_BRIDGE(ids, dates, period, lapseDays, null, null, "en-US", inv), [1, 2]);
      expectTable(await engine.query(sqlFile("revenue_bridge.sql", { period })), cx.REVENUE_BRIDGE(ids, dates, amounts, period, null, null, "en-US", inv));
      expectTable(await engine.query(sqlFile("period_kpis.sql", { period })), cx.PERIOD_KPIS(ids, dates, amounts, period, null, null, "en-US", inv));
    }, 60_000);

    test.each(["month", "quarter", "week"] as const)("cohort retention by %s", async (period) => {
      const result = await (engines[e] as Engine).query(sqlFile("cohort_retention.sql", { period }));
      const table = cx.COHORT(ids, dates, period, null, null, null, inv);
      // The engine's long form lists the cells where someone bought; every other cell of the triangle is 0.
      const cells = new Map(result.rows.map((row) => [`${String(row[0])} ${String(row[2])}`, row]));
      let nonZero = 0;
      for (const row of table.slice(1)) {
        row.slice(2).forEach((share, since) => {
          if (share === "" || share === 0) return;
          nonZero++;
          const found = cells.get(`${String(row[0])} ${since}`);
          if (found === undefined) throw new Error(`cohort ${String(row[0])}, period ${since}: no row where CX gives ${String(share)}`);
          expectCell(found[1], row[1], `cohort ${String(row[0])} size`);
          expectCell(found[3], share, `cohort ${String(row[0])}, period ${since}`);
        });
      }
      expect(result.rows.length).toBe(nonZero);
    }, 60_000);

    test("the per-customer summary: recency, orders and revenue as CX.RFM counts them (CX.RFM_SCORES and CX.RFM_SEGMENT_SUMMARY on them give its scores and segment table), x, t_x, T as CX.CLV_PREDICT, and CX.CLV_FIT's fit from it", async () => {
      const asOf = Math.max(...purchases.map((p) => p.date));
      const result = await (engines[e] as Engine).query(sqlFile("customer_summary.sql", { as_of: `DATE '${isoDateOfSerial(asOf)}'`, time_unit: "weeks" }));
      expect(result.columns).toEqual(["customer_id", "first_purchase", "last_purchase", "days_since_last", "orders", "revenue", "frequency", "recency", "age", "monetary"]);
      const byId = new Map(result.rows.map((row) => [String(row[0]), row]));
      const rfm = cx.RFM(ids, dates, amounts, [[asOf]], "en-US", inv).slice(1);
      expect(byId.size).toBe(rfm.length);
      for (const [customer, recencyDays, frequency, monetary] of rfm) {
        const row = byId.get(String(customer)) as readonly unknown[];
        expectCell(row[2], isoDateOfSerial(asOf - (recencyDays as number)), `${String(customer)} last purchase`);
        expectCell(row[3], recencyDays, `${String(customer)} days since the last purchase`);
        expectCell(row[4], frequency, `${String(customer)} orders`);
        expectCell(row[5], monetary, `${String(customer)} revenue`);
      }
      const predicted = cx.CLV_PREDICT(ids, dates, amounts, [[12]], null, null, [[asOf]], inv).slice(1);
      for (const [customer, x, tx, T] of predicted) {
        const row = byId.get(String(customer)) as readonly unknown[];
        expectCell(row[6], x, `${String(customer)} x`);
        expectCell(row[7], tx, `${String(customer)} t_x`);
        expectCell(row[8], T, `${String(customer)} T`);
      }
      const col = (j: number): unknown[][] => result.rows.map((row) => [Number(row[j])]);
      const fromSummary = cx.CLV_FIT_SUMMARY(col(6), col(7), col(8), col(9), "weeks", inv);
      // RFM scores from the summary's days since the last purchase, orders and revenue: CX.RFM's scores.
      const scores = cx.RFM_SCORES(col(3), col(4), col(5), inv);
      const rfmById = new Map(rfm.map((row) => [String(row[0]), row]));
      result.rows.forEach((row, k) => expect([row[0], ...(scores[k] ?? []).slice(0, 4)]).toEqual([row[0], ...(rfmById.get(String(row[0])) ?? []).slice(4, 8)]));
      // And the segment table from the summary is CX.RFM_SUMMARY's from the transactions.
      const segments = cx.RFM_SEGMENT_SUMMARY(col(3), col(4), col(5), "en-US", inv);
      const expectedSegments = cx.RFM_SUMMARY(ids, dates, amounts, [[asOf]], "en-US", inv);
      expect(segments[0]).toEqual(expectedSegments[0]);
      expectedSegments.slice(1).forEach((row, k) => row.forEach((value, j) => expectCell(segments[k + 1]?.[j], value, `segment row ${k + 1}, column ${j}`)));
      const fromTransactions = cx.CLV_FIT(ids, dates, amounts, [[asOf]], "weeks", inv);
      // The same inputs up to the last bits of t_x and T (the engine divides days by 7 itself): the fits
      // agree to the optimizer's own tolerance.
      fromTransactions.slice(1).forEach((row, k) => {
        const value = fromSummary[k + 1]?.[1];
        if (typeof row[1] === "number") expectClose(value as number, row[1], 1e-6 * Math.max(1, Math.abs(row[1])));
        else expect([row[0], value]).toEqual([row[0], row[1]]);
      });
    }, 60_000);
  });
});
