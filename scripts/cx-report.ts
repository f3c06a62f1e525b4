// `npx cx-report <file>`: the monthly report without opening Excel (issue 23): reads a CSV or .xlsx of
// transactions (or runs the sql/ queries on a DuckDB or PostgreSQL database, or takes the pane's
// sample), builds the report the task pane builds on them, and writes it as an .xlsx with each
// formula's result stored (LibreOffice recalculates a portable one; a CX one is computed here with the
// add-in's functions) so that previewers show the figures; with
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
import { queryResults, unitsOf, type Database, type UnitFilter } from "./cxReport/database";
import type { TransactionInput } from "../src/report/sampleData";
import { customerKey, type CustomerId } from "../src/core/prep/groupCustomers";
import { defaultLapseDays } from "../src/core/periodTables";
import { parseOptions, USAGE, USAGE_ZH, type CommandOptions } from "./cxReport/options";
import { readTable } from "./cxReport/readTable";
import { failure, messageLocale, say, setMessageLocale } from "./cxReport/messages";
import { readBudget, readTargets } from "./cxReport/plans";
import { Progress } from "./cxReport/progress";
import { findColumns, listed, transactionsOf } from "./cxReport/transactions";
import { ReportWorkbook } from "./cxReport/formulas/workbook";

/** Each step's line on stderr with the time since the start, and on a terminal a bar or a clock under it. */
const progress = new Progress();

/** One workbook to write: its file name, and how to make its report and the sheets of query results it links (none for a file). */
interface Job {
  readonly name: string;
  make(): Promise<{ readonly report: ReportOptions; readonly sheets: readonly DataSheet[] }>;
}

/**
 * Transactions as the add-in matches customers (COUNTIF's way: letter case and surrounding spaces
 * ignored, 1001 the same as "1001"), each id written as it first appears, for the queries, which match
 * ids exactly.
 */
function idsAsExcelMatches(rows: readonly TransactionInput[]): TransactionInput[] {
  const first = new Map<number | string, TransactionInput["customer"]>();
  return rows.map((row) => {
    const key = customerKey(row.customer as CustomerId);
    const id = first.get(key) ?? row.customer;
    first.set(key, id);
    return id === row.customer ? row : { ...row, customer: id };
  });
}

/** The workbooks for the command's options: one, or (--each-unit) one per unit of the file or the database. */
export async function reportFor(options: CommandOptions, today: number): Promise<Job[]> {
  const name = options.name ?? `customer-metrics-${options.period.label}.xlsx`;
  const common = {
    title: options.title ?? (options.locale === "zh-CN" ? "客户指标" : "Customer metrics"),
    periodStart: options.period.start, periodEnd: options.period.end, currency: options.currency, locale: options.locale,
    formulaMode: options.mode, targets: options.targets === undefined ? DEFAULT_TARGETS : await readTargets(options.targets), generatedOn: today,
  };
  const budget = options.budget === undefined ? {} : { budget: await readBudget(options.budget) };
  const money = options.wan ? { moneyInTenThousands: true } : {};
  const unitName = (unit: string): string => unit || (options.locale === "zh-CN" ? "（空）" : "(none)");
  const fileOf = (unit: string): string => name.replace(/\.xlsx$/i, `-${unitName(unit).replace(/[\\/:*?"<>|\s]+/g, "_")}.xlsx`);
  // The report on the sql/ queries' results, as the pane's "Use query results" makes it.
  const onQueries = async (database: Database, where: string, title: string, unit?: UnitFilter) => {
    const kind = options.period.label.includes("Q") ? "quarter" : "month";
    progress.step(say("runningQueries", { where }));
    const results = await queryResults(database, options.period.end, kind, defaultLapseDays(kind), options.mode === "portable", unit, (done, total) => progress.bar(done, total));
    progress.step(say("queryRows", { customers: (results.sheets[0]?.rows.length ?? 1) - 1, periods: (results.sheets[1]?.rows.length ?? 1) - 1 }));
    return { report: { ...common, title, ...money, inputs: EMPTY_INPUTS, source: results.source }, sheets: results.sheets };
  };
  if (options.sample) {
    const more = { periodStart: options.period.start, periodEnd: options.period.end, currency: options.currency, ...money, ...(options.title === undefined ? {} : { title: options.title }) };
    const sample = demoOptions(options.locale, today, options.mode, more);
    const planned = { ...sample, ...(options.targets === undefined ? {} : { targets: common.targets }), ...(options.budget === undefined ? {} : { inputs: { ...sample.inputs, ...budget } }) };
    return [{ name, make: async () => ({ report: planned, sheets: [] }) }];
  }
  if (options.database !== undefined) {
    const database = options.database;
    const where = "duckdb" in database ? database.duckdb : "PostgreSQL";
    if (options.eachUnit === undefined) return [{ name, make: () => onQueries(database, where, common.title) }];
    // One workbook per unit of the column: the queries on that unit's rows alone (DOMAIN.md §8).
    const column = options.eachUnit;
    const units = await unitsOf(database, column);
    progress.step(say("unitsFound", { count: units.length, column }));
    return units.map((unit) => ({ name: fileOf(unit), make: () => onQueries(database, `${where}, ${unitName(unit)}`, `${common.title} · ${unitName(unit)}`, { column, value: unit }) }));
  }
  const file = options.file as string;
  if (!existsSync(file)) throw failure("noFile", { file });
  progress.step(say("reading", { file }));
  const table = await readTable(file, (done, total) => progress.bar(done, total));
  if (table.headers.length === 0) throw failure("emptyFile", { file });
  const columns = findColumns(table.headers, options.columns);
  // A column named by an option, by its header (letter case and surrounding spaces aside).
  const columnNamed = (column: string, option: string): number => {
    const j = table.headers.findIndex((header) => header.trim().toLowerCase() === column.trim().toLowerCase());
    if (j < 0) throw failure("noNamedColumn", { column, option, headers: listed(table.headers) });
    return j;
  };
  const unitColumns = options.units.map((unit) => columnNamed(unit, "--unit"));
  const transactions = transactionsOf(table, columns, unitColumns);
  progress.step(say("transactionsRead", { transactions: transactions.length, customers: new Set(transactions.map((tx) => tx.customer)).size }));
  const unitNames = unitColumns.length > 0 ? { unitNames: unitColumns.map((j) => ({ "en-US": table.headers[j] as string, "zh-CN": table.headers[j] as string })) } : {};
  // More transactions than the report links (5,000 in portable mode, whose formulas recompute per
  // row; 1,000,000 in CX mode): the report is made on the sql/ queries' results instead, run by
  // DuckDB in memory on the file's rows, as from a database.
  const limit = options.mode === "portable" ? PICK_LIMITS.transactionsPortable : PICK_LIMITS.transactions;
  const jobOf = (fileName: string, rows: readonly TransactionInput[], title: string): Job => ({
    name: fileName,
    make: async () => {
      if (rows.length <= limit) return { report: { ...common, title, ...money, inputs: { ...EMPTY_INPUTS, transactions: rows, ...budget }, ...unitNames }, sheets: [] };
      if (options.budget !== undefined) throw failure("budgetOnQueries");
      progress.step(say("overLimit", { transactions: rows.length, mode: say(options.mode === "portable" ? "portableMode" : "cxMode"), limit }));
      return onQueries({ rows: idsAsExcelMatches(rows) }, say("inMemory"), title);
    },
  });
  if (options.eachUnit === undefined) return [jobOf(name, transactions, common.title)];
  // One workbook per unit of the column, on that unit's purchases alone (DOMAIN.md §8), named after it.
  const j = columnNamed(options.eachUnit, "--each-unit");
  const byUnit = new Map<string, TransactionInput[]>();
  transactions.forEach((tx, i) => {
    // (every row is a transaction here: transactionsOf refuses a file with any bad row)
    const unit = String(table.rows[i]?.[j] ?? "").trim();
    const rows = byUnit.get(unit);
    if (rows === undefined) byUnit.set(unit, [tx]);
    else rows.push(tx);
  });
  return [...byUnit].sort(([a], [b]) => a.localeCompare(b, options.locale)).map(([unit, rows]) => jobOf(fileOf(unit), rows, `${common.title} · ${unitName(unit)}`));
}

/** Runs the command; resolves to the files written. */
export async function run(argv: readonly string[], today = toSerial(new Date())): Promise<string[]> {
  setMessageLocale(argv);
  const parsed = parseOptions(argv, today);
  if (parsed === "help") {
    console.log(messageLocale() === "zh-CN" ? USAGE_ZH : USAGE);
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
  const made = await job.make();
  const report = buildReport(made.report);
  const sheets = made.sheets;
  const file = path.join(scratch, job.name);
  const writing = say("writing", { file: job.name, sheets: report.sheets.map((sheet) => sheet.name).join(", ") });
  const onDataRows = (done: number, total: number): void => progress.bar(done, total);
  let results: StoredResults | undefined;
  if (options.mode === "cx") {
    // the add-in's functions and the built-in ones around them, computed here (LibreOffice has no CX
    // functions), then written once with the formulas
    progress.step(say("computingCx"));
    results = new ReportWorkbook(report, sheets, options.locale).computeAll();
    progress.step(writing);
    await progress.during(specToXlsx(report, file, sheets, results, { onDataRows }));
  } else {
    progress.step(writing);
    await progress.during(specToXlsx(report, file, sheets, undefined, { onDataRows }));
    if (haveLibreOffice) {
      progress.step(say("recalculating"));
      [results] = await progress.during(recalculate(file)) as [Map<string, unknown>];
      progress.step(say("storing"));
      await progress.during(specToXlsx(report, file, sheets, results, { onDataRows }));
    } else {
      progress.step(say("noLibreOffice"));
    }
  }
  if (!options.pdf) return [file];
  if (!haveLibreOffice) throw failure("pdfNeedsLibreOffice");
  progress.step(say("printing"));
  const pdf = file.replace(/\.xlsx$/i, ".pdf");
  renameSync(await printDashboard(report, sheets, results, file, scratch, options.mode === "cx"), pdf);
  return [file, pdf];
}

/**
 * The dashboard alone as PDF: the report written again with the data and workings sheets hidden
 * (LibreOffice prints no hidden sheet) and the results stored, printed as the dashboard's print setup
 * says (A4 landscape, one page wide). A CX report's copy holds its results in place of its formulas,
 * which LibreOffice cannot compute.
 */
async function printDashboard(report: ReportSpec, sheets: readonly DataSheet[], results: StoredResults | undefined, file: string, scratch: string, valuesOnly: boolean): Promise<string> {
  const folder = mkdtempSync(path.join(scratch, "pdf-"));
  const copy = path.join(folder, path.basename(file));
  await specToXlsx(report, copy, sheets, results, { onlyFirstVisible: true, valuesOnly });
  convertWithLibreOffice(folder, "pdf", [copy]);
  return copy.replace(/\.xlsx$/, ".pdf");
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (written) => {
      if (written.length > 0) console.log(say("wrote", { files: written.map((file) => path.relative(process.cwd(), file)).join(", ") }));
    },
    (error: unknown) => {
      console.error(say("failed", { message: error instanceof Error ? error.message : String(error) }));
      process.exit(1);
    },
  );
}
