/** The project's queries (sql/) as text to run, with their parameters set: for cx-report and the SQL tests. */
import { readFileSync } from "node:fs";
import path from "node:path";

/** A query of sql/ with its parameters set: each `<value> AS <name>` of its params CTE replaced (numbers and DATE '…' as they are, text quoted). */
export function sqlFile(name: string, parameters: Readonly<Record<string, string | number>> = {}): string {
  let text = readFileSync(path.resolve(__dirname, "../sql", name), "utf8");
  const [head = "", ...rest] = text.split(/\n\),\n/);
  let params = head;
  for (const [key, value] of Object.entries(parameters)) {
    const pattern = new RegExp(`(?:'[^']*'|DATE '[^']*'|[\\d.]+) AS ${key}\\b`);
    if (!pattern.test(params)) throw new Error(`${name} has no parameter ${key}`);
    const literal = typeof value === "number" || /^DATE '\d{4}-\d\d-\d\d'$/.test(value) ? String(value) : `'${value.replace(/'/g, "''")}'`;
    params = params.replace(pattern, `${literal} AS ${key}`);
  }
  text = [params, ...rest].join("\n),\n");
  return text;
}
