// `npx cx-report <file>`: the monthly report without opening Excel (issue 23): reads a CSV or .xlsx of
// transactions (or runs the sql/ queries on a DuckDB or PostgreSQL database, or takes the pane's
// sample), builds the report the task pane builds on them, and writes it as an .xlsx with each
// formula's result stored (LibreOffice recalculates it) so that previewers show the figures; with
// --pdf, the dashboard as PDF too; with --each-unit, one workbook per unit. A bad file is a clear
// message and exit code 1, with nothing half-written left behind: the files are made in a scratch
// folder and moved out only when all are complete.
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { buildReport, DEFAULT_TARGETS, EMPTY_INPUTS, type ReportOptions } from "../src/report/buildReport";
import type { ReportSpec } from "../src/report/sheetSpec";
import { PICK_LIMITS } from "../src/report/dataSource";
import { demoOptions, toSerial } from "./demoReport";
import { convertWithLibreOffice, haveLibreOffice, recalculate } from "./libreOffice";
import { specToXlsx, type DataSheet, type StoredResults } from "./specToXlsx";
import { queryResults } from "./cxReport/database";
import { defaultLapseDays } from "../src/core/periodTables";
import { parseOptions, USAGE, type CommandOptions } from "./cxReport/options";
import { readTable } from "./cxReport/readTable";
import { findColumns, transactionsOf } from "./cxReport/transactions";

/** A step's line on stderr with the time since the start, so long work shows it is moving. */
const started = Date.now();
const progress = (step: string): void => {
  process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${step}\n`);
};

/** One workbook to write: its file name, its report and the sheets of query results it links (none for a file). */
interface Job {
  readonly name: string;
  readonly report: ReportOptions;
  readonly sheets: readonly DataSheet[];
}

/** The workbooks for the command's options: one, or (--each-unit) one per unit of the file. */
export async function reportFor(options: CommandOptions, today: number): Promise<Job[]> {
  const name = options.name ?? `customer-metrics-${options.period.label}.xlsx`;
  const common = {
    title: options.title ?? (options.locale === "zh-CN" ? "客户指标" : "Customer metrics"),
    periodStart: options.period.start, periodEnd: options.period.end, currency: options.currency, locale: options.locale,
    formulaMode: options.mode, targets: DEFAULT_TARGETS, generatedOn: today,
  };
  const money = options.wan ? { moneyInTenThousands: true } : {};
  if (options.sample) {
    const more = { periodStart: options.period.start, periodEnd: options.period.end, currency: options.currency, ...money, ...(options.title === undefined ? {} : { title: options.title }) };
    return [{ name, report: demoOptions(options.locale, today, options.mode, more), sheets: [] }];
  }
  if (options.database !== undefined) {
    const kind = options.period.label.includes("Q") ? "quarter" : "month";
    progress(`Running sql/customer_summary.sql and sql/customer_bridge.sql on ${"duckdb" in options.database ? options.database.duckdb : "PostgreSQL"}`);
    const results = await queryResults(options.database, options.period.end, kind, defaultLapseDays(kind), options.mode === "portable");
    progress(`${((results.sheets[0]?.rows.length ?? 1) - 1).toLocaleString("en-US")} customers, ${((results.sheets[1]?.rows.length ?? 1) - 1).toLocaleString("en-US")} periods`);
    return [{ name, report: { ...common, ...money, inputs: EMPTY_INPUTS, source: results.source }, sheets: results.sheets }];
  }
  const file = options.file as string;
  if (!existsSync(file)) throw new Error(`${file}: no such file`);
  progress(`Reading ${file}`);
  const table = await readTable(file);
  if (table.headers.length === 0) throw new Error(`${file} is empty`);
  const columns = findColumns(table.headers, options.columns);
  const unitColumns = options.units.map((unit) => {
    const j = table.headers.findIndex((header) => header.trim().toLowerCase() === unit.trim().toLowerCase());
    if (j < 0) throw new Error(`no column "${unit}" for --unit: the headers are ${table.headers.map((h) => `"${h}"`).join(", ")}`);
    return j;
  });
  const transactions = transactionsOf(table, columns, unitColumns);
  if (options.mode === "portable" && transactions.length > PICK_LIMITS.transactionsPortable) {
    throw new Error(`${transactions.length.toLocaleString("en-US")} transactions: portable mode takes up to ${PICK_LIMITS.transactionsPortable.toLocaleString("en-US")} (its built-in formulas recompute for every row); use --mode cx`);
  }
  progress(`${transactions.length.toLocaleString("en-US")} transactions of ${new Set(transactions.map((tx) => tx.customer)).size.toLocaleString("en-US")} customers`);
  const unitNames = unitColumns.length > 0 ? { unitNames: unitColumns.map((j) => ({ "en-US": table.headers[j] as string, "zh-CN": table.headers[j] as string })) } : {};
  const reportOf = (rows: typeof transactions, title: string): ReportOptions => ({ ...common, title, ...money, inputs: { ...EMPTY_INPUTS, transactions: rows }, ...unitNames });
  if (options.eachUnit === undefined) return [{ name, report: reportOf(transactions, common.title), sheets: [] }];
  // One workbook per unit of the column, on that unit's purchases alone (DOMAIN.md §8), named after it.
  const j = table.headers.findIndex((header) => header.trim().toLowerCase() === (options.eachUnit as string).trim().toLowerCase());
  if (j < 0) throw new Error(`no column "${options.eachUnit}" for --each-unit: the headers are ${table.headers.map((h) => `"${h}"`).join(", ")}`);
  const byUnit = new Map<string, typeof transactions>();
  transactions.forEach((tx, i) => {
    // (every row is a transaction here: transactionsOf refuses a file with any bad row)
    const unit = String(table.rows[i]?.[j] ?? "").trim() || (options.locale === "zh-CN" ? "（空）" : "(none)");
    byUnit.set(unit, [...(byUnit.get(unit) ?? []), tx]);
  });
  return [...byUnit].sort(([a], [b]) => a.localeCompare(b, options.locale)).map(([unit, rows]) => ({
    name: name.replace(/\.xlsx$/i, `-${unit.replace(/[\\/:*?"<>|\s]+/g, "_")}.xlsx`), report: reportOf(rows, `${common.title} · ${unit}`), sheets: [],
  }));
}

/** Runs the command; resolves to the files written. */
export async function run(argv: readonly string[], today = toSerial(new Date())): Promise<string[]> {
  const parsed = parseOptions(argv, today);
  if (parsed === "help") {
    console.log(USAGE);
    return [];
  }
  const jobs = await reportFor(parsed, today);
  mkdirSync(parsed.out, { recursive: true });
  const scratch = mkdtempSync(path.join(parsed.out, ".cx-report-"));
  try {
    // every file is made in the scratch folder first, and moved out only when all are complete
    const made: string[] = [];
    for (const job of jobs) made.push(...await write(job, parsed, scratch));
    const written = made.map((file) => path.join(parsed.out, path.basename(file)));
    made.forEach((file, k) => renameSync(file, written[k] as string));
    return written;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Writes one workbook (and its PDF) into the scratch folder; the files made. */
async function write(job: Job, options: CommandOptions, scratch: string): Promise<string[]> {
  const report = buildReport(job.report);
  const file = path.join(scratch, job.name);
  progress(`Writing ${job.name}: ${report.sheets.map((sheet) => sheet.name).join(", ")}`);
  await specToXlsx(report, file, job.sheets);
  let results: StoredResults | undefined;
  if (options.mode === "portable" && haveLibreOffice) {
    progress("Recalculating in LibreOffice to store each formula's result");
    [results] = await recalculate(file) as [Map<string, unknown>];
    await specToXlsx(report, file, job.sheets, results);
  } else {
    progress(options.mode === "cx" ? "CX formulas compute when the file is opened in Excel with the add-in" : "LibreOffice is not installed: the file is written without stored results");
  }
  if (!options.pdf) return [file];
  if (!haveLibreOffice) throw new Error("--pdf needs LibreOffice (libreoffice-calc-nogui), which is not installed");
  progress("Printing the dashboard to PDF");
  const pdf = file.replace(/\.xlsx$/i, ".pdf");
  renameSync(await printDashboard(report, job.sheets, results, file, scratch), pdf);
  return [file, pdf];
}

/**
 * The dashboard alone as PDF: the report written again with the data and workings sheets hidden
 * (LibreOffice prints no hidden sheet) and the results stored, printed as the dashboard's print setup
 * says (A4 landscape, one page wide).
 */
async function printDashboard(report: ReportSpec, sheets: readonly DataSheet[], results: StoredResults | undefined, file: string, scratch: string): Promise<string> {
  const folder = mkdtempSync(path.join(scratch, "pdf-"));
  const copy = path.join(folder, path.basename(file));
  await specToXlsx(report, copy, sheets, results, { onlyFirstVisible: true });
  convertWithLibreOffice(folder, "pdf", [copy]);
  return copy.replace(/\.xlsx$/, ".pdf");
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (written) => {
      if (written.length > 0) console.log(`Wrote ${written.map((file) => path.relative(process.cwd(), file)).join(", ")}.`);
    },
    (error: unknown) => {
      console.error(`cx-report: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
