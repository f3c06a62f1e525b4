/**
 * sql/spark/ and sql/clickhouse/: each query's variant for Spark SQL 3 and ClickHouse, which cannot be
 * run here (sql/README.md). What can be checked without the engines: every tested query has both
 * variants, each says on top that it is untested, its brackets balance outside text and comments,
 * and its final SELECT gives the same columns, in the same order, as the tested file's.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const SQL = path.resolve(__dirname, "../../sql");
const QUERIES = readdirSync(SQL).filter((file) => file.endsWith(".sql")).sort();

/** The text without comments and without the contents of '…' literals. */
const code = (text: string): string => text.split("\n").map((line) => line.replace(/--.*$/, "")).join("\n").replace(/'[^']*'/g, "''");

/** The column names of the query's last SELECT: each item's alias, or the column it names (b.lapsed → lapsed). */
function outputColumns(text: string): string[] {
  const body = code(text);
  const select = body.lastIndexOf("\nSELECT");
  const from = body.indexOf("\nFROM ", select);
  const items: string[] = [];
  let depth = 0;
  let item = "";
  for (const char of body.slice(select + "\nSELECT".length, from)) {
    if (char === "(") depth++;
    if (char === ")") depth--;
    if (char === "," && depth === 0) {
      items.push(item);
      item = "";
    } else item += char;
  }
  items.push(item);
  return items.map((text) => {
    const trimmed = text.trim();
    return (/\bAS\s+(\w+)$/i.exec(trimmed)?.[1] ?? /(\w+)$/.exec(trimmed)?.[1] ?? trimmed).toLowerCase();
  });
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const char of code(text)) {
    if (char === "(") depth++;
    if (char === ")" && --depth < 0) return false;
  }
  return depth === 0;
}

test("there are six tested queries, each with a Spark and a ClickHouse variant and nothing else", () => {
  expect(QUERIES).toEqual(["by_unit.sql", "cohort_retention.sql", "customer_bridge.sql", "customer_summary.sql", "period_kpis.sql", "revenue_bridge.sql"]);
  expect(readdirSync(path.join(SQL, "spark")).sort()).toEqual(QUERIES);
  expect(readdirSync(path.join(SQL, "clickhouse")).sort()).toEqual(QUERIES);
});

describe.each(["spark", "clickhouse"])("sql/%s/", (engine) => {
  test.each(QUERIES)("%s: marked untested, brackets balanced, the tested file's columns", (file) => {
    const tested = readFileSync(path.join(SQL, file), "utf8");
    const variant = readFileSync(path.join(SQL, engine, file), "utf8");
    expect(variant.split("\n")[1]).toMatch(/^-- UNTESTED: no (Spark|ClickHouse) could be run where this project is built/);
    expect(balanced(tested)).toBe(true);
    expect(balanced(variant)).toBe(true);
    const columns = outputColumns(tested);
    expect(columns.length).toBeGreaterThan(3);
    expect(outputColumns(variant)).toEqual(columns);
  });
});
