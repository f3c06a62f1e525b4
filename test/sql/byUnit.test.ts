/**
 * sql/by_unit.sql on DuckDB and PostgreSQL against =CX.BY_UNIT on the same transactions, cell for
 * cell (numbers to 1e-9, #N/A and blank cells as NULL): DOMAIN.md §8's worked example, and CDNOW with
 * a unit column where customers move between units, some purchases have no unit and one store opens
 * late, by month (three period ends), quarter, ISO week and year. Units of equal revenue are listed by
 * name in SQL (a table has no order of first appearance), so rows are matched by unit name and the
 * order is checked by revenue.
 */
import { isoDateOfSerial } from "../../src/core/dates";
import * as cx from "../../src/functions/functions";
import { cdnowTransactions } from "../helpers/cdnow";
import { duckdbWith } from "../helpers/duckdb";
import { column, invocation } from "../helpers/excel";
import type { Purchase } from "../helpers/periodReference";
import { postgresBin, postgresWith } from "../helpers/postgres";
import { expectCell, sqlFile, type Engine } from "../helpers/sqlEngines";

const havePostgres = postgresBin() !== undefined;
if (!havePostgres && process.env["CI"] === "true") throw new Error("CI must run the PostgreSQL checks: install postgresql");

const inv = invocation();
const serial = (iso: string): number => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);

// §8: A 2024-01-10 100 East; A 2024-02-12 50 North; B 2024-01-20 80 East.
const example: Purchase[] = [
  { customer: "A", date: serial("2024-01-10"), amount: 100, unit: "East" },
  { customer: "A", date: serial("2024-02-12"), amount: 50, unit: "North" },
  { customer: "B", date: serial("2024-01-20"), amount: 80, unit: "East" },
];
// CDNOW: each customer's home store (id mod 4), every third purchase in the next store, every 17th
// without a unit, and store 9 opening in 1997-06 with the purchases of customers whose id ends in 7.
const cdnow: Purchase[] = (() => {
  const { ids, dates, amounts } = cdnowTransactions();
  const opening = serial("1997-06-01");
  return ids.map((id, i) => {
    const date = dates[i] as number;
    const home = id % 10 === 7 && date >= opening ? 9 : (i % 3 === 0 ? id + 1 : id) % 4;
    return { customer: String(id), date, amount: amounts[i] as number, unit: i % 17 === 0 ? "" : `Store ${home}` };
  });
})();

const CASES = [
  ["§8's example, February", example, "month", "2024-02-29", 90],
  ["§8's example, January", example, "month", "2024-01-31", 90],
  ["CDNOW, 1997-02", cdnow, "month", "1997-02-28", 90],
  ["CDNOW, 1997-09", cdnow, "month", "1997-09-30", 90],
  ["CDNOW, 1998-06", cdnow, "month", "1998-06-30", 90],
  ["CDNOW, 1997-Q3", cdnow, "quarter", "1997-08-15", 92],
  ["CDNOW, ISO week 1997-W40", cdnow, "week", "1997-10-01", 28],
  ["CDNOW, 1997", cdnow, "year", "1997-12-31", 366],
] as const;

const ENGINES = [["DuckDB", duckdbWith], ...(havePostgres ? [["PostgreSQL", postgresWith] as const] : [])] as const;

describe.each(ENGINES)("sql/by_unit.sql on %s", (_name, start) => {
  const engines = new Map<readonly Purchase[], Engine>();
  beforeAll(async () => {
    engines.set(example, await start(example));
    engines.set(cdnow, await start(cdnow));
  }, 120_000);
  afterAll(async () => {
    await Promise.all([...engines.values()].map((engine) => engine.close()));
  });

  test.each(CASES)("%s: every row equals CX.BY_UNIT's", async (_case, purchases, period, periodEnd, lapseDays) => {
    const expected = cx.BY_UNIT(
      column(...purchases.map((p) => p.customer)), column(...purchases.map((p) => p.date)), column(...purchases.map((p) => p.amount)),
      column(...purchases.map((p) => p.unit ?? "")), period, serial(periodEnd), lapseDays, "en-US", inv,
    ).slice(1);
    const result = await (engines.get(purchases) as Engine).query(sqlFile("by_unit.sql", { period, period_end: `DATE '${periodEnd}'`, lapse_days: lapseDays }));
    expect(result.columns).toEqual(["unit", "customers_start", "new_customers", "reactivated", "lapsed", "customers_end", "churn_rate", "revenue",
      "previous_revenue", "revenue_change", "orders", "average_order_value", "net_revenue_retention", "company_revenue_share"]);
    // the same rows by name, in an order that differs at most among units of equal revenue
    expect(result.rows.map((row) => String(row[0])).sort()).toEqual(expected.map((row) => String(row[0])).sort());
    // row k has row k's revenue in both: the units in the same order but for ties (and the rows after them the same)
    result.rows.forEach((row, k) => expectCell(row[7], expected[k]?.[7], `row ${k + 1}'s revenue`));
    const byName = new Map(result.rows.map((row) => [String(row[0]), row]));
    for (const row of expected) {
      const found = byName.get(String(row[0])) as readonly unknown[];
      row.forEach((value, j) => expectCell(found[j], value, `${String(row[0])}, ${result.columns[j] ?? j} (${isoDateOfSerial(serial(periodEnd))})`));
    }
  }, 60_000);
});
