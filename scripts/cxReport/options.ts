/** cx-report's command line: the file, the period and the rest, with --help. */
import { periodStart } from "../../src/core/periods";
import type { Locale } from "../../src/i18n/locale";
import { reportPeriodChoices, type ReportPeriodChoice } from "../../src/report/reportPeriods";
import { failure } from "./messages";
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
  "  --targets FILE    targets in place of the defaults: a .json object ({\"churn\": 0.04, \"nps\": 30}) or a",
  "                    .csv/.xlsx of name, value (LTV:CAC, churn, NPS, CSAT, engagement, payback; or 流失率, …)",
  "  --budget FILE     the budget, one row per month: a .csv/.xlsx with a month column and any of revenue,",
  "                    orders, new customers, customers at end, churn rate, NPS, CAC (or 月份, 收入, …)",
  "  --pdf             also the dashboard as PDF, through LibreOffice",
  "  --help, -h        this text",
].join("\n");

export const USAGE_ZH = [
  "npx cx-report <交易文件.csv|.xlsx> [选项]",
  "npx cx-report --duckdb 文件 | --postgres 地址 | --sample [选项]",
  "写出月度客户指标报告（与任务窗格相同的三张工作表：管报、数据、底稿），保存为 .xlsx；",
  "装有 LibreOffice 时，每个公式的结果都保存在文件中。",
  "  --duckdb 文件     DuckDB 数据库；--postgres 地址 为 PostgreSQL 数据库；其中的表",
  "                    transactions(customer_id, purchase_date, amount) 由本项目的 sql/ 查询汇总，",
  "                    报告基于查询结果制作，与窗格的“使用查询结果”相同",
  "  --sample          窗格的示例数据（npm run demo 即此命令）",
  "  --period 期间     2024-09（月）或 2024-Q3（季度）；默认为上一个完整月份",
  "  --out 文件夹      customer-metrics-<期间>.xlsx 的写入位置（默认：当前文件夹）",
  "  --name 文件名     改用此工作簿文件名",
  "  --lang 语言       en-US（默认）或 zh-CN；简写 --zh",
  "  --currency 币种   金额的币种代码（默认 CNY）；--wan 以万元显示合计",
  "  --mode 模式       portable（默认：仅用内置公式）或 cx（本加载项的函数）；交易笔数超过报告可链接的",
  "                    数量（便携模式 5,000 笔，cx 模式 1,000,000 笔）时，先在 DuckDB 中用 sql/ 查询汇总，",
  "                    报告基于查询结果制作",
  "  --customer 列, --date 列, --amount 列",
  "                    按表头指定各列（表头不是常用名称时；常用名称如 客户编号 / customer、日期 / date、金额 / amount）",
  "  --unit 列         单元列（区域、渠道、产品线）；可重复，第一个为仪表板的选择器",
  "  --each-unit 列    按该列（文件或数据库交易表中的列）的每个单元各写一个工作簿，只用该单元的交易，以单元命名",
  "  --title 文字      报告标题",
  "  --targets 文件    替代默认值的目标：.json 对象（{\"churn\": 0.04, \"nps\": 30}）或两列（名称、数值）的",
  "                    .csv/.xlsx（LTV:CAC、流失率、NPS、满意度、活跃度、回本月数，或英文名称）",
  "  --budget 文件     预算，每月一行：含月份列及 收入、订单数、新增客户、期末活跃客户、流失率、NPS、获客成本",
  "                    中任意几列的 .csv/.xlsx（或英文表头）",
  "  --pdf             同时用 LibreOffice 把仪表板打印为 PDF",
  "  --help, -h        显示本说明",
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
  /** A file of targets (.json, or two columns: name, value) in place of the defaults. */
  readonly targets?: string;
  /** A file of the budget, one row per month (DOMAIN.md §9). */
  readonly budget?: string;
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
  throw failure("badPeriod", { value: text });
}

/** The command line's options; throws an Error naming the option that is wrong. */
export function parseOptions(argv: readonly string[], today: number): CommandOptions | "help" {
  if (argv.includes("--help") || argv.includes("-h")) return "help";
  const files: string[] = [];
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  const taking = new Set(["--period", "--out", "--lang", "--currency", "--mode", "--customer", "--date", "--amount", "--unit", "--title", "--duckdb", "--postgres", "--name", "--each-unit", "--targets", "--budget"]);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (taking.has(arg)) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith("--")) throw failure("needsValue", { option: arg });
      values.set(arg, [...(values.get(arg) ?? []), value]);
      i++;
    } else if (arg === "--zh" || arg === "--pdf" || arg === "--sample" || arg === "--wan") flags.add(arg);
    else if (arg.startsWith("-")) throw failure("unknownOption", { option: arg });
    else files.push(arg);
  }
  const one = (name: string): string | undefined => values.get(name)?.at(-1);
  const [duckdb, postgres] = [one("--duckdb"), one("--postgres")];
  const sources = files.length + (duckdb === undefined ? 0 : 1) + (postgres === undefined ? 0 : 1) + (flags.has("--sample") ? 1 : 0);
  if (sources !== 1) throw failure(sources === 0 ? "noSource" : "twoSources");
  const name = one("--name");
  const eachUnit = one("--each-unit");
  if (eachUnit !== undefined && flags.has("--sample")) throw failure("eachUnitSample");
  if (name !== undefined && !/^[^/\\]+\.xlsx$/i.test(name)) throw failure("badName", { value: name });
  const lang = one("--lang") ?? (flags.has("--zh") ? "zh-CN" : "en-US");
  if (lang !== "en-US" && lang !== "zh-CN") throw failure("badLang", { value: lang });
  const mode = one("--mode") ?? "portable";
  if (mode !== "portable" && mode !== "cx") throw failure("badMode", { value: mode });
  const currency = one("--currency") ?? "CNY";
  if (!/^[A-Z]{3}$/.test(currency)) throw failure("badCurrency", { value: currency });
  const period = one("--period");
  const columns = Object.fromEntries((["customer", "date", "amount"] as const).flatMap((role) => (one(`--${role}`) === undefined ? [] : [[role, one(`--${role}`) as string]])));
  const title = one("--title");
  const [targets, budget] = [one("--targets"), one("--budget")];
  if (budget !== undefined && (duckdb !== undefined || postgres !== undefined)) throw failure("budgetOnQueries");
  return {
    ...(targets === undefined ? {} : { targets }), ...(budget === undefined ? {} : { budget }),
    ...(files[0] === undefined ? {} : { file: files[0] }),
    ...(duckdb === undefined ? {} : { database: { duckdb } }), ...(postgres === undefined ? {} : { database: { postgres } }),
    out: one("--out") ?? ".", sample: flags.has("--sample"), wan: flags.has("--wan"), ...(name === undefined ? {} : { name }), ...(eachUnit === undefined ? {} : { eachUnit }), locale: lang, currency, mode, columns, units: values.get("--unit") ?? [], pdf: flags.has("--pdf"),
    period: period === undefined ? (reportPeriodChoices("month", today, 1)[0] as ReportPeriodChoice) : parsePeriod(period),
    ...(title === undefined ? {} : { title }),
  };
}
