/**
 * cx-report's targets and budget from files, and its messages in Chinese (issue 23). The workbook
 * written with --targets and --budget, recalculated in LibreOffice, shows the file's targets in the
 * dashboard's target cells (the others at their defaults) and its budget in the budget table and the
 * budget-vs-actual lines; bad files name the target or the rows; with --zh (or LANG=zh_CN) every
 * message is Chinese.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { reportFor, run } from "../../scripts/cx-report";
import { parseOptions, type CommandOptions } from "../../scripts/cxReport/options";
import { readBudget, readTargets } from "../../scripts/cxReport/plans";
import { buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS } from "../../src/report/buildReport";
import { recalculate, testWithLibreOffice } from "../helpers/libreOffice";

const END = 45565; // 2024-09-30
const iso = (serial: number): string => new Date((serial - 25_569) * 86_400_000).toISOString().slice(0, 10);
const folder = (): string => mkdtempSync(path.join(tmpdir(), "cx-plans-"));
const write = (file: string, text: string): string => {
  writeFileSync(file, text);
  return file;
};
const sales = (dir: string): string => write(path.join(dir, "sales.csv"), `客户编号,日期,金额\n${SAMPLE_INPUTS.transactions.map((tx) => `${String(tx.customer)},${iso(END - Number(tx.daysBeforeEnd))},${Number(tx.amount)}`).join("\n")}\n`);

test("targets from a .json object and from a two-column .csv with Chinese names; the rest keep their defaults", async () => {
  const dir = folder();
  expect(await readTargets(write(path.join(dir, "t.json"), JSON.stringify({ churn: 0.04, NPS: 35, revenue: 50_000 })))).toEqual({ ...DEFAULT_TARGETS, churn: 0.04, nps: 35, revenue: 50_000 });
  expect(await readTargets(write(path.join(dir, "t.csv"), "目标,数值\n流失率,4.5%\n满意度,85%\nLTV:CAC,4\n回本月数,10\n复购率,0.3\n"))).toEqual({ ...DEFAULT_TARGETS, churn: 0.045, csat: 0.85, ltvCac: 4, paybackMonths: 10, repeatBuyerShare: 0.3 });
  // without a header row
  expect(await readTargets(write(path.join(dir, "n.csv"), "nps,20\nengagement,60\n"))).toEqual({ ...DEFAULT_TARGETS, nps: 20, engagement: 60 });
  await expect(readTargets(write(path.join(dir, "bad.csv"), "name,value\nchurn,1.5\n"))).rejects.toThrow(/bad.csv: churn is "1.5": give a number ≥ 0 ≤ 1/);
  await expect(readTargets(write(path.join(dir, "odd.csv"), "name,value\nhappiness,3\n"))).rejects.toThrow(/odd.csv: no target "happiness" \(the targets are ltvCac, churn, nps/);
  await expect(readTargets(write(path.join(dir, "zero.json"), '{"ltvCac": 0}'))).rejects.toThrow(/zero.json: ltvCac is "0": give a number > 0/);
  await expect(readTargets(write(path.join(dir, "list.json"), "[1, 2]"))).rejects.toThrow(/list.json: not a JSON object of targets/);
});

test("a budget with Chinese headers, months as 2024年9月 and 2024-10, a churn rate as a percentage, blank figures left blank", async () => {
  const dir = folder();
  const file = write(path.join(dir, "budget.csv"), "月份,收入,订单数,流失率,NPS\n2024年9月,\"12,000\",80,4%,30\n2024-10,13000,,0.05,\n\n");
  expect(await readBudget(file)).toEqual([
    { month: 45536, revenue: 12_000, orders: 80, churnRate: 0.04, nps: 30 },
    { month: 45566, revenue: 13_000, churnRate: 0.05 },
  ]);
  await expect(readBudget(write(path.join(dir, "b.csv"), "month,revenue,churn rate\n2024-09,100,0.2\nSeptember,100,0.1\n2024-11,-5,0.1\n2024-12,5,120%\n"))).rejects.toThrow(/b.csv: 3 rows with a month that is not a month .*: rows 3, 4, 5/);
  await expect(readBudget(write(path.join(dir, "m.csv"), "when,revenue\n2024-09,100\n"))).rejects.toThrow(/m.csv: no month column: the headers are "when", "revenue"/);
  await expect(readBudget(write(path.join(dir, "f.csv"), "month,notes\n2024-09,good\n"))).rejects.toThrow(/f.csv: no planned figure/);
});

testWithLibreOffice("--targets and --budget: the dashboard shows the file's targets and compares the period with the file's budget", async () => {
  const dir = folder();
  const targets = write(path.join(dir, "targets.csv"), "目标,数值\n流失率,4.5%\n收入,50000\n");
  const budget = write(path.join(dir, "budget.csv"), "月份,收入,订单数,新增客户\n2024-07,30000,90,20\n2024-08,31000,95,21\n2024-09,32000,100,22\n");
  const argv = [sales(dir), "--period", "2024-09", "--targets", targets, "--budget", budget, "--out", path.join(dir, "report")];
  const [file] = await run(argv, 45600);
  const [values = new Map<string, unknown>()] = await recalculate(file as string);
  // the names' cells as the command lays them out
  const [job] = await reportFor(parseOptions(argv, 45600) as CommandOptions, 45600);
  const spec = buildReport((await (job as NonNullable<typeof job>).make()).report);
  const at = (name: string): unknown => {
    const sheet = spec.sheets.find((each) => each.names.some((n) => n.name === name));
    const range = sheet?.names.find((n) => n.name === name)?.range;
    return range === undefined ? "no such name" : values.get(`${sheet?.name as string}!${range.split(":")[0] as string}`);
  };
  // (a period target the file does not give is left blank for the user, as in the pane)
  expect([at("Target_Churn"), at("Target_Revenue"), at("Target_Customers_End")]).toEqual([0.045, 50_000, undefined]);
  expect([at("Budget_Revenue"), at("Budget_Orders"), at("Budget_New_Customers")]).toEqual([32_000, 100, 22]);
  // the variance is the period's revenue less the plan; the year to date sums July to September's plan
  expect(at("Revenue_Variance")).toBeCloseTo((at("Revenue") as number) - 32_000, 6);
  expect(at("Budget_Revenue_YTD")).toBe(93_000);
}, 300_000);

describe("messages in Chinese", () => {
  const command = (args: readonly string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stderr: string; stdout: string; out: string } => {
    const out = folder();
    const result = spawnSync(process.execPath, [path.resolve(__dirname, "../../bin/cx-report.cjs"), ...args.map((arg) => arg.replace("{out}", out)), "--out", path.join(out, "report")], {
      encoding: "utf8", cwd: out, env: { ...process.env, LANG: "C.UTF-8", LC_ALL: "", LC_MESSAGES: "", ...env },
    });
    return { status: result.status, stderr: result.stderr, stdout: result.stdout, out };
  };
  const input = (header: string, rows: readonly string[]): string => write(path.join(folder(), "in.csv"), `${[header, ...rows].join("\n")}\n`);

  test.each([
    ["a missing column", [input("客户编号,时间,金额", ["A,2024-09-01,10"]), "--zh"], /cx-report：找不到日期列：表头为 "客户编号", "时间", "金额"；请用 --date 列名 指定/],
    ["unreadable dates, with their rows", [input("客户编号,日期,金额", ["A,2024-09-01,10", "B,下周,5", "C,2024-09-02,-3"]), "--lang", "zh-CN"], /1 行“日期”列的日期无法识别.*：第 3 行\n1 行“金额”列的金额为负（请先冲减退款）：第 4 行/],
    ["a bad period", ["--sample", "--zh", "--period", "2024-13"], /--period 2024-13：月份请写作 2024-09，季度写作 2024-Q3/],
    ["the system's language, with no --zh", ["--sample", "--duck"], /cx-report：未知选项 --duck/],
    ["--budget on a database", ["--duckdb", "x.duckdb", "--budget", "b.csv", "--zh"], /--budget 将预算与交易数据计算的指标比较/],
  ] as const)("%s", (name, args, message) => {
    const { status, stderr, out } = command(args, name === "the system's language, with no --zh" ? { LANG: "zh_CN.UTF-8" } : {});
    expect(stderr).toMatch(message);
    expect(status).toBe(1);
    expect(readdirSync(out)).toEqual([]);
  });

  test("--help in Chinese, and progress lines in Chinese", () => {
    const help = command(["--help", "--zh"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("--budget 文件     预算，每月一行");
    const made = command(["--sample", "--zh", "--period", "2024-09", "--mode", "cx"]);
    expect(made.status).toBe(0);
    expect(made.stderr).toMatch(/正在写入 customer-metrics-2024-09.xlsx：管报 2024-09/);
    expect(made.stdout).toMatch(/^已写入 .*customer-metrics-2024-09.xlsx。$/m);
    // not a terminal: the step lines alone, no bar redrawn in place
    expect(made.stderr).not.toContain("\r");
  });
});
