/** cx-report's command line: the file, the period and the rest, with --help. */
import { periodStart } from "../../src/core/periods";
import type { Locale } from "../../src/i18n/locale";
import { reportPeriodChoices, type ReportPeriodChoice } from "../../src/report/reportPeriods";
import type { Role } from "./transactions";

export const USAGE = [
  "npx cx-report <transactions.csv|.xlsx> [options]",
  "npx cx-report --duckdb FILE | --postgres URL | --sample [options]",
  "Writes the monthly customer-metrics report (the three sheets the task pane makes: dashboard, data,",
  "workings) as an .xlsx, each formula's result stored where LibreOffice is installed.",
  "  --duckdb FILE     a DuckDB database, --postgres URL a PostgreSQL one, with a table",
  "                    transactions(customer_id, purchase_date, amount): the project's sql/ queries run there",
  "                    and the report is made on their results, as the pane's \"Use query results\"",
  "  --sample          the pane's sample data (npm run demo is this)",
  "  --period P        2024-09 (a month) or 2024-Q3 (a quarter); default the last full month",
  "  --out DIR         where to write customer-metrics-<period>.xlsx (default: the current folder)",
  "  --name FILE       the workbook's file name instead",
  "  --lang L          en-US (default) or zh-CN; --zh for short",
  "  --currency C      the amounts' currency code (default CNY); --wan for totals in 万元",
  "  --mode M          portable (default: built-in formulas) or cx (the add-in's functions); a file of more",
  "                    transactions than the report links (5,000 portable, 1,000,000 cx) is summed by the",
  "                    sql/ queries in DuckDB first, and the report made on their results",
  "  --customer COL, --date COL, --amount COL",
  "                    the columns by header, where the headers are not found by their usual names",
  "                    (customer / 客户编号, date / 日期, amount / 金额, …)",
  "  --unit COL        a unit column (region, channel, product line); repeat for more, the first is the dashboard's selector",
  "  --each-unit COL   one workbook per unit of the column (of the file, or of the database's transactions),",
  "                    on its purchases alone, named after it",
  "  --title TEXT      the report's title",
  "  --pdf             also the dashboard as PDF, through LibreOffice",
  "  --help, -h        this text",
].join("\n");

export interface CommandOptions {
  /** The transactions file, or the database the queries run on. */
  readonly file?: string;
  readonly database?: { readonly duckdb: string } | { readonly postgres: string };
  readonly period: ReportPeriodChoice;
  readonly out: string;
  readonly locale: Locale;
  readonly currency: string;
  readonly mode: "portable" | "cx";
  readonly columns: Partial<Record<Role, string>>;
  readonly units: readonly string[];
  readonly title?: string;
  readonly pdf: boolean;
  /** The pane's sample data instead of a file or a database. */
  readonly sample: boolean;
  /** Totals in 万元, by the number format alone. */
  readonly wan: boolean;
  /** The workbook's file name (default customer-metrics-<period>.xlsx). */
  readonly name?: string;
  /** One workbook per unit of this column of the file. */
  readonly eachUnit?: string;
}

/** A period typed as 2024-09 or 2024-Q3, as its first and last day. */
export function parsePeriod(text: string): ReportPeriodChoice {
  const month = /^(\d{4})-(\d{1,2})$/.exec(text);
  const quarter = /^(\d{4})-?Q([1-4])$/i.exec(text);
  if (month !== null && Number(month[2]) >= 1 && Number(month[2]) <= 12) {
    const index = Number(month[1]) * 12 + Number(month[2]) - 1;
    return { label: `${month[1]}-${String(month[2]).padStart(2, "0")}`, start: periodStart(index, "month"), end: periodStart(index + 1, "month") - 1 };
  }
  if (quarter !== null) {
    const index = Number(quarter[1]) * 4 + Number(quarter[2]) - 1;
    return { label: `${quarter[1]}-Q${quarter[2]}`, start: periodStart(index, "quarter"), end: periodStart(index + 1, "quarter") - 1 };
  }
  throw new Error(`--period ${text}: give a month as 2024-09 or a quarter as 2024-Q3`);
}

/** The command line's options; throws an Error naming the option that is wrong. */
export function parseOptions(argv: readonly string[], today: number): CommandOptions | "help" {
  if (argv.includes("--help") || argv.includes("-h")) return "help";
  const files: string[] = [];
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  const taking = new Set(["--period", "--out", "--lang", "--currency", "--mode", "--customer", "--date", "--amount", "--unit", "--title", "--duckdb", "--postgres", "--name", "--each-unit"]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (taking.has(arg)) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) throw new Error(`${arg} needs a value`);
      values.set(arg, [...(values.get(arg) ?? []), value]);
      i++;
    } else if (arg === "--zh" || arg === "--pdf" || arg === "--sample" || arg === "--wan") flags.add(arg);
    else if (arg.startsWith("-")) throw new Error(`unknown option ${arg} (npx cx-report --help lists them)`);
    else files.push(arg);
  }
  const one = (name: string): string | undefined => values.get(name)?.at(-1);
  const [duckdb, postgres] = [one("--duckdb"), one("--postgres")];
  const sources = files.length + (duckdb === undefined ? 0 : 1) + (postgres === undefined ? 0 : 1) + (flags.has("--sample") ? 1 : 0);
  if (sources !== 1) throw new Error(sources === 0 ? "give the transactions file (npx cx-report sales.csv), a database (--duckdb FILE, --postgres URL) or --sample" : "one source at a time: a file, --duckdb, --postgres or --sample");
  const name = one("--name");
  const eachUnit = one("--each-unit");
  if (eachUnit !== undefined && flags.has("--sample")) throw new Error("--each-unit reads a unit column of a transactions file or of a database's transactions table (the sample has none)");
  if (name !== undefined && !/^[^/\\]+\.xlsx$/i.test(name)) throw new Error(`--name ${name}: a file name ending in .xlsx, without a folder (that is --out)`);
  const lang = one("--lang") ?? (flags.has("--zh") ? "zh-CN" : "en-US");
  if (lang !== "en-US" && lang !== "zh-CN") throw new Error(`--lang ${lang}: en-US or zh-CN`);
  const mode = one("--mode") ?? "portable";
  if (mode !== "portable" && mode !== "cx") throw new Error(`--mode ${mode}: portable or cx`);
  const currency = one("--currency") ?? "CNY";
  if (!/^[A-Z]{3}$/.test(currency)) throw new Error(`--currency ${currency}: a three-letter code such as CNY or USD`);
  const period = one("--period");
  const columns = Object.fromEntries((["customer", "date", "amount"] as const).flatMap((role) => (one(`--${role}`) === undefined ? [] : [[role, one(`--${role}`) as string]])));
  const title = one("--title");
  return {
    ...(files[0] === undefined ? {} : { file: files[0] }),
    ...(duckdb === undefined ? {} : { database: { duckdb } }), ...(postgres === undefined ? {} : { database: { postgres } }),
    out: one("--out") ?? ".", sample: flags.has("--sample"), wan: flags.has("--wan"), ...(name === undefined ? {} : { name }), ...(eachUnit === undefined ? {} : { eachUnit }), locale: lang, currency, mode, columns, units: values.get("--unit") ?? [], pdf: flags.has("--pdf"),
    period: period === undefined ? (reportPeriodChoices("month", today, 1)[0] as ReportPeriodChoice) : parsePeriod(period),
    ...(title === undefined ? {} : { title }),
  };
}
