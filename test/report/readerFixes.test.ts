/**
 * What confused the demo's readers (issue 22, "fixes from that reading"), in the spec: the revenue
 * bridge's falls in accounting style with no sign in their labels; percentage points as 个百分点 in
 * Chinese; one Chinese name for the active base at the start as at the end; the follow-up lists'
 * titles saying in Chinese what they list; day counts with thousands separators.
 * The printed demo shows the same (test/report/print.test.ts).
 */
import { execFileSync } from "node:child_process";
import path from "node:path";
import { buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS, type ReportOptions } from "../../src/report/buildReport";
import { REVENUE_BRIDGE_STEPS } from "../../src/report/figures";
import { sheetOf } from "../helpers/evaluateReport";

const options: ReportOptions = {
  title: "Fixes", periodStart: 45566, periodEnd: 45596, currency: "CNY", locale: "zh-CN", formulaMode: "portable",
  targets: DEFAULT_TARGETS, generatedOn: 45619, inputs: SAMPLE_INPUTS,
};
const dashboardOf = (changes: Partial<ReportOptions> = {}) => sheetOf(buildReport({ ...options, ...changes }), "dashboard");
const cellWith = (changes: Partial<ReportOptions>, value: string) => dashboardOf(changes).cells.find((cell) => cell.value === value);

test("the period reads 2024-10-01 to 2024-10-31 (至 in Chinese), its end still a date", () => {
  for (const [locale, word] of [["en-US", "to"], ["zh-CN", "至"]] as const) {
    const end = dashboardOf({ locale }).cells.find((cell) => cell.address === "C2");
    expect([end?.value, end?.numberFormat]).toEqual([45596, `"${word} "yyyy-mm-dd`]);
  }
});

test("npm run demo -- --help says what the demo writes and its options", () => {
  const help = execFileSync("npx", ["tsx", path.join(__dirname, "../../scripts/demo.ts"), "--help"], { encoding: "utf8" });
  expect(help).toContain("demo/customer-metrics-report.xlsx");
  expect(help).toMatch(/--zh\s+the report in Chinese/);
});

test("the revenue bridge: labels without + or −, amounts in accounting style", () => {
  for (const locale of ["en-US", "zh-CN"] as const) {
    const dashboard = dashboardOf({ locale });
    const heading = dashboard.cells.find((cell) => String(cell.value).startsWith(locale === "zh-CN" ? "收入桥" : "Revenue bridge"));
    const top = Number(heading?.address.slice(1)) + 1;
    const labels = REVENUE_BRIDGE_STEPS.map((_, k) => dashboard.cells.find((cell) => cell.address === `A${top + k}`)?.value as string);
    expect(labels.some((label) => /^[+−-]/.test(label))).toBe(false);
    for (let k = 0; k < REVENUE_BRIDGE_STEPS.length; k++) expect(dashboard.cells.find((cell) => cell.address === `B${top + k}`)?.numberFormat).toBe(locale === "zh-CN" ? '"¥"#,##0.00;("¥"#,##0.00)' : '#,##0.00 "CNY";(#,##0.00 "CNY")');
  }
});

test("a rate's change in percentage points: pp in English, 个百分点 in Chinese", () => {
  const churnChange = (locale: ReportOptions["locale"]) => {
    const dashboard = dashboardOf({ locale });
    const churn = dashboard.names.find((n) => n.name === "Period_Churn_Rate")?.range as string;
    return dashboard.cells.find((cell) => cell.address === `C${churn.slice(1)}`)?.numberFormat;
  };
  expect(churnChange("en-US")).toBe('+0.0" pp";-0.0" pp";0.0" pp";* @');
  expect(churnChange("zh-CN")).toBe('+0.0" 个百分点";-0.0" 个百分点";0.0" 个百分点";* @');
});

test("zh-CN: 期初活跃客户 as 期末活跃客户; the follow-up lists say in the report's language what they list; days with separators", () => {
  expect(cellWith({}, "期初活跃客户")?.address).toMatch(/^A\d+$/);
  expect(cellWith({}, "期末活跃客户")?.address).toMatch(/^A\d+$/);
  // (the at-risk list is §11's, no longer the RFM segments': its title says its rule)
  const heading = cellWith({}, "流失预警：仍活跃但已逾期的客户（距上次购买 ≥ 1.5 × 平均购买间隔），按历史消费额排序");
  expect(heading).toBeDefined();
  expect(cellWith({}, "挽回名单：本期流失客户，按历史消费额排序")).toBeDefined();
  const [letters, row] = [heading?.address.replace(/\d+$/, "") as string, Number(heading?.address.replace(/^[A-Z]+/, ""))];
  const days = String.fromCharCode(letters.charCodeAt(0) + 1);
  expect(dashboardOf().cells.find((cell) => cell.address === `${days}${row + 1}`)?.value).toBe("距上次购买（天）");
  expect(dashboardOf().cells.find((cell) => cell.address === `${days}${row + 2}`)?.numberFormat).toBe("#,##0");
  expect(cellWith({ locale: "en-US" }, "At risk: still active, overdue (days since last purchase ≥ 1.5 × their usual interval), by historical value")).toBeDefined();
});

test("CAC's and CLV's targets, derived from each other through the LTV:CAC target, are unshaded and say so beside them", () => {
  for (const [locale, cac, clv] of [["en-US", "derived: CLV ÷ the LTV:CAC target", "derived: the LTV:CAC target × CAC"], ["zh-CN", "推算：CLV ÷ LTV:CAC 目标", "推算：LTV:CAC 目标 × CAC"]] as const) {
    const dashboard = dashboardOf({ locale });
    for (const [name, note] of [["Acquisition_Cost", cac], ["Lifetime_Value", clv]] as const) {
      const row = (dashboard.names.find((n) => n.name === name)?.range as string).slice(1);
      const [target, beside] = [dashboard.cells.find((cell) => cell.address === `E${row}`), dashboard.cells.find((cell) => cell.address === `F${row}`)];
      expect([name, target?.formula?.startsWith("="), target?.style, beside?.value]).toEqual([name, true, undefined, note]);
    }
  }
});

test("RFM's revenue is every purchase to date, and the early warning's value is historical: their headers say so", () => {
  const dashboard = dashboardOf({ locale: "en-US" });
  expect(dashboard.cells.some((cell) => cell.value === "Revenue to date (all purchases)")).toBe(true);
  expect(dashboard.cells.some((cell) => cell.value === "Historical value")).toBe(true);
  expect(dashboard.cells.some((cell) => cell.value === "Monetary")).toBe(false);
});

test("one figure, one value: CSAT shown again, the KPI cards' and the lifecycle's churn refer to where the figure stands first; retention says repeat-buyer share", () => {
  for (const formulaMode of ["cx", "portable"] as const) {
    const dashboard = dashboardOf({ locale: "en-US", formulaMode });
    const at = (name: string): string => dashboard.names.find((n) => n.name === name)?.range as string;
    const inColumnB = (label: string): string[] => dashboard.cells.filter((cell) => cell.value === label).map((cell) => dashboard.cells.find((other) => other.address === `B${cell.address.slice(1)}`)?.formula as string);
    expect(inColumnB("Customer satisfaction (CSAT)").slice(1)).toEqual([`=${at("CSAT_Score")}`]);
    expect(dashboard.cells.find((cell) => cell.address === at("Churn_Rate"))?.formula).toBe("=Period_Churn_Rate");
    expect(inColumnB("Churn: reduce losses")).toEqual(["=Churn_Rate"]);
    const retention = dashboard.cells.find((cell) => cell.value === "Retention: keep customers loyal")?.address.slice(1);
    expect([dashboard.cells.find((cell) => cell.address === `B${retention}`)?.formula, dashboard.cells.find((cell) => cell.address === `C${retention}`)?.value]).toEqual(["=Repeat_Buyer_Share", "Repeat-buyer share"]);
  }
});
