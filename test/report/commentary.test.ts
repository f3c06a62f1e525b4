/**
 * The commentary (DOMAIN.md §10, 经营分析): its sentences, recalculated in LibreOffice (and Gnumeric,
 * which must agree), are made of the dashboard's own figures, in English and Chinese; a comparison
 * that does not exist is left out; with and without a budget; all on target and not; the NPS change
 * called significant or not by the two periods' margins; the at-risk list's count and value.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { demoReport } from "../../scripts/demoReport";
import { specToXlsx } from "../../scripts/specToXlsx";
import { serialFromUtc } from "../../src/core/dates";
import { buildReport, DEFAULT_TARGETS, EMPTY_INPUTS, SAMPLE_INPUTS, type ReportOptions } from "../../src/report/buildReport";
import { reportLabels } from "../../src/i18n/reportLabels";
import { trafficLightRules, type ReportSpec } from "../../src/report/sheetSpec";
import { sheetOf } from "../helpers/evaluateReport";
import { recalculate, testWithLibreOffice } from "../helpers/libreOffice";

const day = (iso: string): number => serialFromUtc(Date.parse(`${iso}T00:00:00Z`));

// The purchases of budget.test.ts: June 2024 has revenue 150 (May 60, June 2023 40), 3 active at the
// end, 2 at the start, 1 new, none reactivated or lapsed: churn 0 against May's 50 % (C lapsed of A, C).
const PURCHASES: readonly [string, string, number][] = [
  ["A", "2023-05-10", 100], ["A", "2024-04-15", 50], ["A", "2024-06-20", 70], ["B", "2023-06-05", 40], ["B", "2024-05-02", 60],
  ["C", "2024-02-01", 30], ["D", "2023-04-20", 25], ["E", "2024-06-28", 80],
];
const JUNE_BUDGET = { month: day("2024-06-01"), revenue: 200, orders: 2, newCustomers: 2, customersEnd: 3, churnRate: 0.1 };
const options = (purchases = PURCHASES, budget = [JUNE_BUDGET], locale: ReportOptions["locale"] = "en-US"): ReportOptions => ({
  title: "Commentary", periodStart: day("2024-06-01"), periodEnd: day("2024-06-30"), currency: "CNY", locale, formulaMode: "portable",
  targets: DEFAULT_TARGETS, generatedOn: day("2024-07-02"),
  inputs: { ...EMPTY_INPUTS, transactions: purchases.map(([customer, date, amount]) => ({ customer, date: day(date), amount })), budget },
});

/** The reports, recalculated together: each one's values by dashboard address, and its sentences. */
async function recalculated(reports: readonly ReportSpec[]): Promise<{ values: Map<string, unknown>; sentences: string[] }[]> {
  const dir = mkdtempSync(path.join(tmpdir(), "cx-commentary-"));
  const files = await Promise.all(reports.map(async (report, k) => {
    const file = path.join(dir, `report${k}.xlsx`);
    await specToXlsx(report, file);
    return file;
  }));
  const all = await recalculate(...files);
  return reports.map((report, k) => {
    const values = all[k] as Map<string, unknown>;
    const dashboard = sheetOf(report, "dashboard");
    const first = Number(dashboard.names.find((name) => name.name === "Commentary")?.range.slice(1));
    const sentences: string[] = [];
    for (let row = first; values.get(`A${row}`) !== undefined && row < first + 8; row++) sentences.push(String(values.get(`A${row}`)));
    return { values, sentences };
  });
}

testWithLibreOffice("a hand-worked month: with a budget, without one (all on target), without last year, and in Chinese", async () => {
  const withoutLastYear = PURCHASES.filter(([, date]) => date >= "2024");
  const [budgeted, unbudgeted, noYearBefore, chinese] = await recalculated([
    buildReport(options()), buildReport(options(PURCHASES, [])), buildReport(options(withoutLastYear, [])), buildReport(options(PURCHASES, [JUNE_BUDGET], "zh-CN")),
  ]);
  expect(budgeted?.sentences.slice(0, 2)).toEqual([
    "Revenue 150 CNY, +150.0% on last month and +275.0% on last year; 75% of budget.",
    "Active customers 3 (2 at start): 1 new and 0 reactivated, 0 lapsed; churn 0.0% (-50.0 pp).",
  ]);
  // red: new customers and revenue against June's budget (customers at the end and churn meet theirs)
  expect(budgeted?.sentences[3]).toBe("Off target: New customers 1 (budget 2); Revenue 150 (budget 200).");
  expect(unbudgeted?.sentences[0]).toBe("Revenue 150 CNY, +150.0% on last month and +275.0% on last year.");
  // the one light with a target (churn at most 5 %) is green
  expect(unbudgeted?.sentences[3]).toBe("All figures on target.");
  // no purchase a year before: no 同比 in the sentence, not "#N/A"
  expect(noYearBefore?.sentences[0]).toBe("Revenue 150 CNY, +150.0% on last month.");
  expect(chinese?.sentences.slice(0, 2)).toEqual([
    "本期收入 150 元，环比 +150.0%，同比 +275.0%，完成预算 75%。",
    "期末活跃客户 3 个（期初 2 个）：新增 1 个，回流 0 个，流失 0 个；流失率 0.0%（环比 -50.0 个百分点）。",
  ]);
  expect(chinese?.sentences[3]).toBe("未达目标：新增客户 1（预算 2）；收入 150（预算 200）。");
  for (const result of [budgeted, unbudgeted, noYearBefore, chinese]) expect(result?.sentences.join(" ")).not.toMatch(/#N\/A|#VALUE|#DIV/);
}, 300_000);

/** Excel's TEXT for the formats the sentences use. */
const text = (value: number, format: "whole" | "percent" | "signedPercent" | "points"): string => {
  const sign = value < 0 ? "-" : "+";
  switch (format) {
    case "whole": return Math.round(value).toLocaleString("en-US");
    case "percent": return `${(value * 100).toFixed(1)}%`;
    case "signedPercent": return `${sign}${Math.abs(value * 100).toFixed(1)}%`;
    case "points": return `${sign}${Math.abs(value).toFixed(1)}`;
  }
};

/** Whether a sentence shows a number as TEXT wrote it, not as part of a longer one. */
const shows = (sentence: string, shown: string): boolean => new RegExp(`(^|[^\\d.,])${shown.replace(/[+.%]/g, "\\$&")}($|[^\\d.,])`).test(sentence);

testWithLibreOffice("the demo's commentary is its dashboard's figures, in English and Chinese; an NPS change beyond the margins is significant", async () => {
  const reports = (["en-US", "zh-CN"] as const).map((locale) => demoReport(locale, day("2026-12-05")));
  // the month's 40 answers all 10: NPS 100 (margin 0) against the month before's 12 answers
  const demo = demoReport("en-US", day("2026-12-05"), "portable");
  const settings = JSON.parse(sheetOf(demo, "dashboard").settings as string) as ReportOptions;
  const inputs = SAMPLE_INPUTS;
  const promoters = buildReport({ ...settings, inputs: { ...inputs, npsAnswers: inputs.npsAnswers.map((answer, i) => (i < 40 ? 10 : answer)) } });
  const results = await recalculated([...reports, promoters]);
  const significant = results[2] as { values: Map<string, unknown>; sentences: string[] };
  expect(significant.sentences[4]).toMatch(/^NPS 100\.0, \+\d+\.\d on last month: significant \(margin of error ±\d+\.\d\)\.$/);
  reports.forEach((report, k) => {
    const { values, sentences } = results[k] as { values: Map<string, unknown>; sentences: string[] };
    const dashboard = sheetOf(report, "dashboard");
    const at = (name: string): string => dashboard.names.find((each) => each.name === name)?.range as string;
    const value = (address: string): number => values.get(address) as number;
    const beside = (name: string, column: string): number => value(at(name).replace(/^[A-Z]+/, column));
    expect(sentences).toHaveLength(6);
    const [revenue, customers, drivers, offTarget, nps, warning] = sentences as [string, string, string, string, string, string];
    for (const shown of [text(value(at("Revenue")), "whole"), text(beside("Revenue", "C"), "signedPercent"), text(beside("Revenue", "D"), "signedPercent"), `${Math.round(value(at("Revenue_Achievement")) * 100)}%`]) expect([shown, shows(revenue, shown)]).toEqual([shown, true]);
    for (const name of ["Customers_End", "Customers_Start", "New_Customers", "Reactivated_Customers", "Lapsed_Customers"]) expect([name, shows(customers, text(value(at(name)), "whole"))]).toEqual([name, true]);
    expect(customers).toContain(text(value(at("Period_Churn_Rate")), "percent"));
    expect(customers).toContain(text(beside("Period_Churn_Rate", "C"), "points"));
    // the two largest movements of the bridge by size, the largest first
    const bridge = dashboard.cells.filter((cell) => cell.formula?.includes("Trend_New_Revenue") || cell.formula?.includes("Trend_Returning_Revenue") || cell.formula?.includes("Trend_Expansion") || cell.formula?.includes("Trend_Contraction") || cell.formula?.includes("Trend_Lost_Revenue"))
      .filter((cell) => /^B\d+$/.test(cell.address)).map((cell) => value(cell.address)).sort((a, b) => Math.abs(b) - Math.abs(a));
    expect(drivers.indexOf(text(bridge[0] as number, "whole").replace(/^\+/, ""))).toBeLessThan(drivers.indexOf(text(bridge[1] as number, "whole")));
    // off target: each red light's figure once, as the dashboard's values and targets say
    const red = dashboard.trafficLights.filter((light) => {
      const target = light.budgetAddress !== undefined && typeof values.get(light.budgetAddress) === "number" ? value(light.budgetAddress) : values.get(light.targetAddress);
      const actual = values.get(light.range);
      return typeof target === "number" && typeof actual === "number" && (light.direction === "atLeast" ? actual < target : actual > target);
    });
    // (the KPI cards' churn is the period's churn, told once)
    const labels = new Set(red.map((light) => String(values.get(light.range.replace(/^[A-Z]+/, "A")))).filter((label) => label !== reportLabels.churn[k === 0 ? "en-US" : "zh-CN"]));
    expect(labels.size).toBeGreaterThanOrEqual(3);
    for (const label of labels) expect(offTarget).toContain(`${label} `);
    expect(offTarget.split(/; |；/)).toHaveLength(labels.size);
    expect(trafficLightRules(red[0] as NonNullable<(typeof red)[0]>).bad).toMatch(/^AND\(/);
    // NPS: its change on the month before against both months' margins
    expect(nps).toContain(text(beside("Net_Promoter_Score", "C"), "points"));
    const workings = sheetOf(report, "workings");
    const margins = workings.names.find((each) => each.name === "Trend_NPS_Margin")?.range.split(":")[1] as string;
    const before = values.get(`${workings.name}!${margins.replace(/\d+$/, (row) => String(Number(row) - 1))}`) as number;
    const combined = Math.sqrt(value(at("NPS_Margin_Of_Error")) ** 2 + before ** 2);
    expect(nps).toContain(`±${combined.toFixed(1)}`);
    const [yes, no] = k === 0 ? ["significant", "not significant"] : ["变动显著", "变动不显著"];
    if (Math.abs(beside("Net_Promoter_Score", "C")) > combined) expect([nps.includes(yes), nps.includes(no)]).toEqual([true, false]);
    else expect(nps).toContain(no);
    // the at-risk list (from I, its historical value in L): its customers counted, their historical value summed
    const list = dashboard.cells.filter((cell) => /^L\d+$/.test(cell.address) && cell.formula?.includes("Tx_At_Risk_Rank")).map((cell) => values.get(cell.address)).filter((each): each is number => typeof each === "number");
    expect(list.length).toBeGreaterThan(0);
    expect(warning).toContain(`${list.length} `);
    expect(warning).toContain(text(list.reduce((a, b) => a + b, 0), "whole"));
  });
}, 300_000);
