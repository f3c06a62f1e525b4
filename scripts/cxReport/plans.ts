/**
 * cx-report's --targets and --budget files (issue 23). Targets: a .json object ({"churn": 0.04}) or a
 * two-column .csv/.xlsx (name, value), names in English or Chinese (LTV:CAC, 流失率, NPS, 满意度, …);
 * the ones not given keep the report's defaults. Budget: a .csv/.xlsx with a month column and any of
 * the figures DOMAIN.md §9 plans (revenue, orders, new customers, customers at the end, churn rate,
 * NPS, CAC), headers in English or Chinese, one row per month. Every bad cell is named with its row.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_TARGETS, type BudgetInput, type ReportTargets } from "../../src/report/buildReport";
import { failure, say } from "./messages";
import { readTable, type Cell, type RawTable } from "./readTable";
import { amountOf, dateSerial, listed, squeeze as squeezeHeader } from "./transactions";

/** A name compared as the transactions' headers are, and without the colons and brackets of "LTV:CAC" or "收入（元）". */
const squeeze = (text: string): string => squeezeHeader(text).replace(/[:()（）]/g, "");

/** Each target's names, squeezed, and the values it takes (a share may be written as a percentage). */
interface TargetRule {
  readonly names: readonly string[];
  readonly low: number;
  readonly high: number;
  readonly share: boolean;
  /** More than `low`, not equal to it. */
  readonly above?: boolean;
}
const TARGETS: Record<keyof ReportTargets, TargetRule> = {
  ltvCac: { names: ["ltvcac", "ltvtocac", "ltvcac比率", "ltv/cac"], low: 0, high: Infinity, share: false, above: true },
  churn: { names: ["churn", "churnrate", "流失率"], low: 0, high: 1, share: true },
  nps: { names: ["nps", "净推荐值"], low: -100, high: 100, share: false },
  csat: { names: ["csat", "满意度", "客户满意度"], low: 0, high: 1, share: true },
  engagement: { names: ["engagement", "活跃度", "参与度"], low: 0, high: 100, share: false },
  paybackMonths: { names: ["payback", "paybackmonths", "回本月数", "回收期"], low: 0, high: Infinity, share: false, above: true },
  customersEnd: { names: ["customersatend", "customersend", "activecustomersattheend", "期末客户", "期末活跃客户"], low: 0, high: Infinity, share: false },
  newCustomers: { names: ["newcustomers", "新客户", "新增客户"], low: 0, high: Infinity, share: false },
  revenue: { names: ["revenue", "收入", "销售额"], low: 0, high: Infinity, share: false },
  averageOrderValue: { names: ["aov", "averageordervalue", "客单价"], low: 0, high: Infinity, share: false, above: true },
  repeatBuyerShare: { names: ["repeatbuyershare", "repeatbuyers", "复购率", "复购客户占比"], low: 0, high: 1, share: true },
  netRevenueRetention: { names: ["nrr", "netrevenueretention", "净收入留存", "净收入留存率"], low: 0, high: Infinity, share: true },
};

/** A number cell, or a share written as a percentage ("5%") where the figure is a share. */
function numberOf(cell: Cell, share: boolean): number | undefined {
  const percent = typeof cell === "string" && share ? /^\s*(-?\d+(?:\.\d+)?)\s*%\s*$/.exec(cell) : null;
  return percent === null ? amountOf(cell) : Number(percent[1]) / 100;
}

/** The report's targets with those of the file in place of the defaults. */
export async function readTargets(file: string): Promise<ReportTargets> {
  const pairs: [string, Cell][] = path.extname(file).toLowerCase() === ".json"
    ? Object.entries(parseJson(file)).map(([name, value]) => [name, typeof value === "number" || typeof value === "string" ? value : undefined])
    : pairsOf(await readTable(file));
  const targets: Record<string, number | undefined> = { ...DEFAULT_TARGETS };
  for (const [name, cell] of pairs) {
    const key = (Object.keys(TARGETS) as (keyof ReportTargets)[]).find((k) => TARGETS[k].names.includes(squeeze(name)) || squeeze(k) === squeeze(name));
    if (key === undefined) throw failure("badTargets", { file, problem: say("unknownTarget", { name, names: Object.keys(TARGETS).join(", ") }) });
    const rule = TARGETS[key];
    const value = numberOf(cell, rule.share);
    if (value === undefined || value < rule.low || value > rule.high || (rule.above === true && value === rule.low)) {
      const range = `${rule.above === true ? ">" : "≥"} ${rule.low}${rule.high === Infinity ? "" : ` ≤ ${rule.high}`}`;
      throw failure("badTargets", { file, problem: say("targetRange", { name, value: String(cell ?? ""), range }) });
    }
    targets[key] = value;
  }
  return targets as unknown as ReportTargets;
}

function parseJson(file: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // (named below)
  }
  throw failure("badTargets", { file, problem: say("targetsJson") });
}

/** A two-column table's (name, value) pairs, its first row among them unless it is a header (no number in it). */
function pairsOf(table: RawTable): [string, Cell][] {
  const first: Cell[] = [...table.headers];
  const rows = numberOf(first[1], true) === undefined ? table.rows : [first, ...table.rows];
  return rows.filter((row) => String(row[0] ?? "").trim() !== "").map((row) => [String(row[0]).trim(), row[1]]);
}

/** The budget's columns: the month, then each planned figure (BudgetInput's keys), by header. */
const BUDGET_HEADERS = {
  month: ["month", "月份", "月"],
  revenue: ["revenue", "plannedrevenue", "收入", "销售额", "预算收入"],
  orders: ["orders", "订单数", "订单"],
  newCustomers: ["newcustomers", "新客户", "新增客户"],
  customersEnd: ["customersatend", "customersend", "activecustomersattheend", "期末客户", "期末活跃客户"],
  churnRate: ["churnrate", "churn", "流失率", "本期流失率"],
  nps: ["nps", "净推荐值"],
  cac: ["cac", "获客成本", "客户获取成本"],
} as const;

type BudgetKey = Exclude<keyof typeof BUDGET_HEADERS, "month">;
const RANGES: Partial<Record<BudgetKey, readonly [number, number]>> = { churnRate: [0, 1], nps: [-100, 100] };

/** A month cell as its first day: a date, or text as 2024-09, 2024/9 or 2024年9月. */
function monthOf(cell: Cell): number | undefined {
  const text = typeof cell === "string" ? cell.trim() : "";
  const month = /^(\d{4})\s*[-/年.]\s*(\d{1,2})\s*月?$/.exec(text);
  const serial = month === null ? dateSerial(cell) : Date.UTC(Number(month[1]), Number(month[2]) - 1, 1) / 86_400_000 + 25_569;
  if (serial === undefined || (month !== null && (Number(month[2]) < 1 || Number(month[2]) > 12))) return undefined;
  const day = new Date((serial - 25_569) * 86_400_000);
  return Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1) / 86_400_000 + 25_569;
}

/** The budget's rows; throws naming the rows whose month or figures are not readable. */
export async function readBudget(file: string): Promise<BudgetInput[]> {
  const table = await readTable(file);
  const column = (names: readonly string[]): number => table.headers.findIndex((header) => names.includes(squeeze(header)));
  const monthColumn = column(BUDGET_HEADERS.month);
  if (monthColumn < 0) throw failure("badTargets", { file, problem: say("budgetNoMonth", { headers: listed(table.headers) }) });
  const figures = (Object.keys(BUDGET_HEADERS) as (keyof typeof BUDGET_HEADERS)[]).filter((key): key is BudgetKey => key !== "month")
    .map((key) => [key, column(BUDGET_HEADERS[key])] as const).filter(([, j]) => j >= 0);
  if (figures.length === 0) throw failure("badTargets", { file, problem: say("budgetNoFigures", { headers: listed(table.headers) }) });
  const bad: number[] = [];
  const rows = table.rows.flatMap((row, i): BudgetInput[] => {
    if (row.every((cell) => cell === undefined || String(cell).trim() === "")) return [];
    const month = monthOf(row[monthColumn]);
    const values = figures.map(([key, j]) => {
      const cell = row[j];
      if (cell === undefined || String(cell).trim() === "") return [key, undefined] as const;
      const value = numberOf(cell, key === "churnRate");
      const [low, high] = RANGES[key] ?? [0, Infinity];
      return [key, value === undefined || value < low || value > high ? NaN : value] as const;
    });
    if (month === undefined || values.some(([, value]) => Number.isNaN(value))) bad.push(i + 2);
    return [{ ...(month === undefined ? {} : { month }), ...Object.fromEntries(values.filter(([, value]) => value !== undefined)) }];
  });
  if (bad.length > 0) throw failure("badTargets", { file, problem: say("budgetBadRows", { count: bad.length, rows: bad.slice(0, 5).join(", ") + (bad.length > 5 ? ", …" : "") }) });
  if (rows.length === 0) throw failure("badTargets", { file, problem: say("noRows") });
  return rows;
}
