/**
 * What cx-report says, in English and Chinese: its errors and its progress lines. The language is the
 * report's (--lang, --zh), else the system's (LANG=zh_CN… gives Chinese), set once when the command
 * starts, before the options are read, so that a wrong option is named in the user's language too.
 */
import { fillTemplate, type Locale } from "../../src/i18n/locale";

const MESSAGES = {
  noFile: { "en-US": "{file}: no such file", "zh-CN": "{file}：文件不存在" },
  emptyFile: { "en-US": "{file} is empty", "zh-CN": "{file} 是空文件" },
  notTable: { "en-US": "{file}: not a .csv or .xlsx file", "zh-CN": "{file}：不是 .csv 或 .xlsx 文件" },
  noRoleColumn: { "en-US": "no {role} column: the headers are {headers}; name it with --{role} COLUMN", "zh-CN": "找不到{roleName}列：表头为 {headers}；请用 --{role} 列名 指定" },
  noNamedColumn: { "en-US": "no column \"{column}\" for {option}: the headers are {headers}", "zh-CN": "{option} 指定的列“{column}”不存在：表头为 {headers}" },
  badRows: { "en-US": "{count} {rowsWord} with {what}: {rowsWord} {rows}", "zh-CN": "{count} 行{what}：第 {rows} 行" },
  noCustomer: { "en-US": "no customer in \"{column}\"", "zh-CN": "“{column}”列没有客户编号" },
  badDate: { "en-US": "a date in \"{column}\" that is not a date (2024-03-31, 2024/3/31, 2024年3月31日 or a date cell)", "zh-CN": "“{column}”列的日期无法识别（应为 2024-03-31、2024/3/31、2024年3月31日 或日期单元格）" },
  badAmount: { "en-US": "an amount in \"{column}\" that is not a number", "zh-CN": "“{column}”列的金额不是数字" },
  negativeAmount: { "en-US": "a negative amount in \"{column}\" (net refunds out first)", "zh-CN": "“{column}”列的金额为负（请先冲减退款）" },
  noRows: { "en-US": "no transactions: the file has a header and no rows under it", "zh-CN": "没有交易：文件只有表头，下面没有数据行" },
  badPeriod: { "en-US": "--period {value}: give a month as 2024-09 or a quarter as 2024-Q3", "zh-CN": "--period {value}：月份请写作 2024-09，季度写作 2024-Q3" },
  needsValue: { "en-US": "{option} needs a value", "zh-CN": "{option} 需要一个值" },
  unknownOption: { "en-US": "unknown option {option} (npx cx-report --help lists them)", "zh-CN": "未知选项 {option}（npx cx-report --help 列出全部选项）" },
  noSource: { "en-US": "give the transactions file (npx cx-report sales.csv), a database (--duckdb FILE, --postgres URL) or --sample", "zh-CN": "请给出交易文件（npx cx-report sales.csv）、数据库（--duckdb 文件、--postgres 地址）或 --sample" },
  twoSources: { "en-US": "one source at a time: a file, --duckdb, --postgres or --sample", "zh-CN": "一次只能用一个数据来源：文件、--duckdb、--postgres 或 --sample" },
  eachUnitSample: { "en-US": "--each-unit reads a unit column of a transactions file or of a database's transactions table (the sample has none)", "zh-CN": "--each-unit 读取交易文件或数据库交易表中的单元列（示例数据没有单元列）" },
  badName: { "en-US": "--name {value}: a file name ending in .xlsx, without a folder (that is --out)", "zh-CN": "--name {value}：应为以 .xlsx 结尾的文件名，不含文件夹（文件夹用 --out）" },
  badLang: { "en-US": "--lang {value}: en-US or zh-CN", "zh-CN": "--lang {value}：应为 en-US 或 zh-CN" },
  badMode: { "en-US": "--mode {value}: portable or cx", "zh-CN": "--mode {value}：应为 portable 或 cx" },
  badCurrency: { "en-US": "--currency {value}: a three-letter code such as CNY or USD", "zh-CN": "--currency {value}：应为三个字母的币种代码，如 CNY 或 USD" },
  noDuckdbFile: { "en-US": "{file}: no such DuckDB file", "zh-CN": "{file}：DuckDB 数据库文件不存在" },
  needsPsql: { "en-US": "--postgres needs psql, PostgreSQL's client ({detail})", "zh-CN": "--postgres 需要 PostgreSQL 客户端 psql（{detail}）" },
  postgresFailed: { "en-US": "PostgreSQL: {detail}", "zh-CN": "PostgreSQL：{detail}" },
  noUnitColumnInDatabase: { "en-US": "no column \"{column}\" for --each-unit in the database's transactions ({detail})", "zh-CN": "数据库交易表中没有 --each-unit 指定的列“{column}”（{detail}）" },
  noTransactionsToEnd: { "en-US": "{what} has no transactions up to the period's end (customer_summary.sql returned no rows)", "zh-CN": "{what}在报告期末之前没有交易（customer_summary.sql 没有返回数据）" },
  theDatabase: { "en-US": "the database", "zh-CN": "数据库" },
  theUnit: { "en-US": "the unit \"{unit}\"", "zh-CN": "单元“{unit}”" },
  badQueryResult: { "en-US": "{sheet}: {problem}", "zh-CN": "{sheet}：{problem}" },
  portableTooManyCustomers: { "en-US": "{customers} customers: a portable report takes up to {limit} (its working columns would be {formulas} formulas); use --mode cx, whose formulas compute in Excel", "zh-CN": "{customers} 位客户：便携模式报告最多 {limit} 位（其底稿列将有 {formulas} 个公式）；请用 --mode cx，其公式在 Excel 中计算" },
  pdfNeedsLibreOffice: { "en-US": "--pdf needs LibreOffice (libreoffice-calc-nogui), which is not installed", "zh-CN": "--pdf 需要 LibreOffice（libreoffice-calc-nogui），但未安装" },
  badTargets: { "en-US": "{file}: {problem}", "zh-CN": "{file}：{problem}" },
  unknownTarget: { "en-US": "no target \"{name}\" (the targets are {names})", "zh-CN": "没有名为“{name}”的目标（目标有 {names}）" },
  targetRange: { "en-US": "{name} is \"{value}\": give a number {range}", "zh-CN": "{name} 为“{value}”：请填写 {range} 的数字" },
  targetsJson: { "en-US": "not a JSON object of targets ({\"churn\": 0.04, \"nps\": 30})", "zh-CN": "不是目标的 JSON 对象（如 {\"churn\": 0.04, \"nps\": 30}）" },
  budgetNoMonth: { "en-US": "no month column: the headers are {headers}", "zh-CN": "找不到月份列：表头为 {headers}" },
  budgetNoFigures: { "en-US": "no planned figure (revenue, orders, new customers, customers at end, churn rate, NPS, CAC): the headers are {headers}", "zh-CN": "找不到预算指标列（收入、订单数、新增客户、期末活跃客户、流失率、NPS、获客成本）：表头为 {headers}" },
  budgetBadRows: { "en-US": "{count} rows with a month that is not a month (2024-09, 2024年9月 or a date) or a figure that is not a number in its range (churn rate 0–1 or a percentage, NPS −100–100, others not negative): rows {rows}", "zh-CN": "{count} 行的月份无法识别（应为 2024-09、2024年9月 或日期）或指标不是有效范围内的数字（流失率 0–1 或百分数，NPS −100–100，其余不为负）：第 {rows} 行" },
  budgetOnQueries: { "en-US": "--budget compares the budget with figures from the transactions; a report made on query results has no budget comparison", "zh-CN": "--budget 将预算与交易数据计算的指标比较；基于查询结果制作的报告没有预算比较" },
  // progress lines
  reading: { "en-US": "Reading {file}", "zh-CN": "正在读取 {file}" },
  transactionsRead: { "en-US": "{transactions} transactions of {customers} customers", "zh-CN": "{transactions} 笔交易，{customers} 位客户" },
  overLimit: { "en-US": "{transactions} transactions, more than a {mode} report links ({limit}): the report is made on the sql/ queries' results", "zh-CN": "{transactions} 笔交易，超过{mode}报告可链接的 {limit} 笔：报告改用 sql/ 查询的结果制作" },
  portableMode: { "en-US": "portable", "zh-CN": "便携模式" },
  cxMode: { "en-US": "CX", "zh-CN": "CX 模式" },
  runningQueries: { "en-US": "Running sql/customer_summary.sql and sql/customer_bridge.sql on {where}", "zh-CN": "正在 {where} 上运行 sql/customer_summary.sql 和 sql/customer_bridge.sql" },
  inMemory: { "en-US": "DuckDB in memory", "zh-CN": "内存中的 DuckDB" },
  queryRows: { "en-US": "{customers} customers, {periods} periods", "zh-CN": "{customers} 位客户，{periods} 个期间" },
  unitsFound: { "en-US": "{count} units in \"{column}\"", "zh-CN": "“{column}”列共 {count} 个单元" },
  writing: { "en-US": "Writing {file}: {sheets}", "zh-CN": "正在写入 {file}：{sheets}" },
  recalculating: { "en-US": "Recalculating in LibreOffice to store each formula's result", "zh-CN": "正在用 LibreOffice 重算，以保存每个公式的结果" },
  computingCx: { "en-US": "Computing each formula with the add-in's functions, to store its result (Excel with the add-in computes them again on opening)", "zh-CN": "正在用本加载项的函数计算每个公式，以保存其结果（装有本加载项的 Excel 打开文件时会重新计算）" },
  noLibreOffice: { "en-US": "LibreOffice is not installed: the file is written without stored results", "zh-CN": "未安装 LibreOffice：文件中不保存公式结果" },
  storing: { "en-US": "Writing the file again with the results", "zh-CN": "正在连同计算结果重新写入文件" },
  printing: { "en-US": "Printing the dashboard to PDF", "zh-CN": "正在把仪表板打印为 PDF" },
  wrote: { "en-US": "Wrote {files}.", "zh-CN": "已写入 {files}。" },
  failed: { "en-US": "cx-report: {message}", "zh-CN": "cx-report：{message}" },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof MESSAGES;

const ROLE_NAMES: Record<string, string> = { customer: "客户编号", date: "日期", amount: "金额" };

let current: Locale = "en-US";

/** The language of the messages: --lang or --zh among the arguments, else the system's (LANG). */
export function setMessageLocale(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): Locale {
  const lang = argv[argv.indexOf("--lang") + 1];
  current = argv.includes("--zh") || (argv.includes("--lang") && lang === "zh-CN") ? "zh-CN"
    : argv.includes("--lang") ? "en-US" : /^zh/i.test(env["LC_ALL"] || env["LC_MESSAGES"] || env["LANG"] || "") ? "zh-CN" : "en-US";
  return current;
}

/** A message in the current language, its {placeholders} filled; numbers grouped by thousands. */
export function say(key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  const shown = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === "number" ? value.toLocaleString("en-US") : value]));
  if (current === "zh-CN" && typeof params["role"] === "string") shown["roleName"] = ROLE_NAMES[params["role"]] ?? params["role"];
  return fillTemplate(MESSAGES[key][current], shown);
}

/** An Error whose message is `say(key, params)`. */
export const failure = (key: MessageKey, params: Readonly<Record<string, string | number>> = {}): Error => new Error(say(key, params));

/** The current language, for messages built from the add-in's own bilingual texts. */
export const messageLocale = (): Locale => current;
