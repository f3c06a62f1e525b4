/**
 * `npx cx-report` end to end (issue 23), as a user runs it: the real command on 100,000 and on
 * 1,000,000 transactions in a CSV (one customer in ten, a year of purchases; portable mode, the
 * default, so the file is summed by the sql/ queries in DuckDB and LibreOffice stores each result),
 * the 1,000,000 in CX mode too, and 10,000,000 in a DuckDB file (1,000,000 customers; CX mode: a
 * portable workbook's working columns for a million customers are eight million formulas), CX results
 * computed by the command itself. One run
 * each: a run takes seconds to minutes, and its parts are printed by the command itself.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { isoDateOfSerial } from "../src/core/dates";
import { report } from "./figures";

const BIN = path.resolve(__dirname, "../bin/cx-report.cjs");
const PERIOD_END = 45565; // 2024-09-30

/** Runs the command; its wall time, exit code, last lines, and each step's seconds from its progress lines ("[12.0 s] Computing …"). */
function command(args: readonly string[]): { ms: number; status: number | null; said: string; steps: Record<string, number> } {
  const started = performance.now();
  const result = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, LANG: "C.UTF-8" }, maxBuffer: 1 << 26 });
  const lines = `${result.stderr}\n${result.stdout}`.trim().split("\n");
  const ms = performance.now() - started;
  const stamped = lines.flatMap((line) => {
    const match = /^\[(\d+(?:\.\d+)?) s\] (\S+(?: \S+)?)/.exec(line);
    return match === null ? [] : [{ at: Number(match[1]), step: match[2] as string }];
  });
  const steps = Object.fromEntries(stamped.map(({ at, step }, k) => [step, Math.round(((stamped[k + 1]?.at ?? ms / 1000) - at) * 10) / 10]));
  return { ms, status: result.status, said: lines.slice(-2).join(" | "), steps };
}

function csvOf(file: string, transactions: number, rand: () => number): void {
  const lines = ["customer,date,amount"];
  for (let i = 0; i < transactions; i++) {
    lines.push(`C${Math.floor(rand() * transactions / 10)},${isoDateOfSerial(PERIOD_END - Math.floor(rand() * 365))},${(Math.round(rand() * 50_000) / 100).toFixed(2)}`);
  }
  writeFileSync(file, `${lines.join("\n")}\n`);
}

export async function measureCxReport(rand: () => number): Promise<void> {
  const folder = mkdtempSync(path.join(tmpdir(), "cx-report-bench-"));
  try {
    for (const transactions of [100_000, 1_000_000]) {
      const csv = path.join(folder, `sales-${transactions}.csv`);
      csvOf(csv, transactions, rand);
      const run = command([csv, "--period", "2024-09", "--out", path.join(folder, `out-${transactions}`)]);
      report({ name: `cx_report_csv_${transactions / 1000}k_transactions`, unit: "ms", value: Math.round(run.ms), exit_code: run.status, customers: transactions / 10, mode: "portable, summed by the sql/ queries in DuckDB, results stored by LibreOffice", last_lines: run.said });
      if (transactions < 1_000_000) continue;
      // the same file in CX mode: its transactions on the workings, every formula computed by the command
      const cx = command([csv, "--period", "2024-09", "--mode", "cx", "--out", path.join(folder, `out-cx-${transactions}`)]);
      report({ name: `cx_report_csv_${transactions / 1000}k_transactions_cx_mode`, unit: "ms", value: Math.round(cx.ms), exit_code: cx.status, customers: transactions / 10, mode: "cx: the transactions on the workings, each formula's result computed by the command (the add-in's functions and the built-in ones) and stored", step_seconds: cx.steps, last_lines: cx.said });
    }
    const database = path.join(folder, "sales.duckdb");
    const instance = await DuckDBInstance.create(database);
    const connection = await instance.connect();
    await connection.run("SELECT setseed(0.42)");
    await connection.run(`CREATE TABLE transactions AS SELECT 'C' || CAST(CAST(floor(random() * 1000000) AS INTEGER) AS VARCHAR) AS customer_id,
      DATE '2022-10-01' + CAST(floor(random() * 730) AS INTEGER) AS purchase_date, round(random() * 500, 2) AS amount FROM range(10000000)`);
    connection.closeSync();
    instance.closeSync();
    const run = command(["--duckdb", database, "--period", "2024-09", "--mode", "cx", "--out", path.join(folder, "out-10m")]);
    report({ name: "cx_report_duckdb_10m_transactions", unit: "ms", value: Math.round(run.ms), exit_code: run.status, customers: 1_000_000, mode: "cx: the queries' results as sheets, each formula's result computed by the command and stored", step_seconds: run.steps, last_lines: run.said });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
