// `npx cx-report <file>`: the monthly report without opening Excel (issue 23): reads a CSV or .xlsx of
// transactions, builds the report the task pane builds on them, and writes it as an .xlsx with each
// formula's result stored (LibreOffice recalculates it) so that previewers show the figures; with
// --pdf, the dashboard as PDF too. A bad file is a clear message and exit code 1, with nothing
// half-written left behind: the file is written under a temporary name and renamed when complete.
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { buildReport, DEFAULT_TARGETS, EMPTY_INPUTS, type ReportOptions } from "../src/report/buildReport";
import type { ReportSpec } from "../src/report/sheetSpec";
import { PICK_LIMITS } from "../src/report/dataSource";
import { toSerial } from "./demoReport";
import { convertWithLibreOffice, haveLibreOffice, recalculate } from "./libreOffice";
import { specToXlsx, type StoredResults } from "./specToXlsx";
import { parseOptions, USAGE, type CommandOptions } from "./cxReport/options";
import { readTable } from "./cxReport/readTable";
import { findColumns, transactionsOf } from "./cxReport/transactions";

/** A step's line on stderr with the time since the start, so long work shows it is moving. */
const started = Date.now();
const progress = (step: string): void => {
  process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(1)} s] ${step}\n`);
};

/** The report's options for the command's options and the file's transactions. */
export async function reportFor(options: CommandOptions, today: number): Promise<ReportOptions> {
  if (!existsSync(options.file)) throw new Error(`${options.file}: no such file`);
  progress(`Reading ${options.file}`);
  const table = await readTable(options.file);
  if (table.headers.length === 0) throw new Error(`${options.file} is empty`);
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
  return {
    title: options.title ?? (options.locale === "zh-CN" ? "客户指标" : "Customer metrics"),
    periodStart: options.period.start, periodEnd: options.period.end, currency: options.currency, locale: options.locale,
    formulaMode: options.mode, targets: DEFAULT_TARGETS, generatedOn: today,
    inputs: { ...EMPTY_INPUTS, transactions },
    ...(unitColumns.length > 0 ? { unitNames: unitColumns.map((j) => ({ "en-US": table.headers[j] as string, "zh-CN": table.headers[j] as string })) } : {}),
  };
}

/** Runs the command; resolves to the files written. */
export async function run(argv: readonly string[], today = toSerial(new Date())): Promise<string[]> {
  const parsed = parseOptions(argv, today);
  if (parsed === "help") {
    console.log(USAGE);
    return [];
  }
  const report = buildReport(await reportFor(parsed, today));
  mkdirSync(parsed.out, { recursive: true });
  const target = path.join(parsed.out, `customer-metrics-${parsed.period.label}.xlsx`);
  const scratch = mkdtempSync(path.join(parsed.out, ".cx-report-"));
  try {
    const file = path.join(scratch, path.basename(target));
    progress(`Writing ${report.sheets.map((sheet) => sheet.name).join(", ")}`);
    await specToXlsx(report, file);
    let results: StoredResults | undefined;
    if (parsed.mode === "portable" && haveLibreOffice) {
      progress("Recalculating in LibreOffice to store each formula's result");
      [results] = await recalculate(file) as [Map<string, unknown>];
      await specToXlsx(report, file, [], results);
    } else {
      progress(parsed.mode === "cx" ? "CX formulas compute when the file is opened in Excel with the add-in" : "LibreOffice is not installed: the file is written without stored results");
    }
    const written = [target];
    if (parsed.pdf) {
      if (!haveLibreOffice) throw new Error("--pdf needs LibreOffice (libreoffice-calc-nogui), which is not installed");
      progress("Printing the dashboard to PDF");
      const pdf = await printDashboard(report, results, file, scratch);
      renameSync(pdf, target.replace(/\.xlsx$/, ".pdf"));
      written.push(target.replace(/\.xlsx$/, ".pdf"));
    }
    renameSync(file, target);
    return written;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * The dashboard alone as PDF: the report written again with the data and workings sheets hidden
 * (LibreOffice prints no hidden sheet) and the results stored, printed as the dashboard's print setup
 * says (A4 landscape, one page wide).
 */
async function printDashboard(report: ReportSpec, results: StoredResults | undefined, file: string, scratch: string): Promise<string> {
  const folder = mkdtempSync(path.join(scratch, "pdf-"));
  const copy = path.join(folder, path.basename(file));
  await specToXlsx(report, copy, [], results, { onlyFirstVisible: true });
  convertWithLibreOffice(folder, "pdf", [copy]);
  return copy.replace(/\.xlsx$/, ".pdf");
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (written) => {
      if (written.length > 0) console.log(`Wrote ${written.map((file) => path.relative(process.cwd(), file)).join(" and ")}.`);
    },
    (error: unknown) => {
      console.error(`cx-report: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
