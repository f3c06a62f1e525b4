/**
 * The demo (`npm run demo`, English and Chinese) in a third engine (issue 24): Gnumeric recalculates
 * it and agrees with LibreOffice on every cell of every sheet (test/helpers/libreOffice's recalculate
 * compares the two on every workbook the tests recalculate), with no error cell on the dashboard; and
 * the figures that once came out wrong in Gnumeric (customers at the start 17, new customers 0, net
 * revenue retention 72.6 %, the inactive share #N/A) are the add-in's.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { demoReport } from "../../scripts/demoReport";
import { specToXlsx } from "../../scripts/specToXlsx";
import type { ReportSpec } from "../../src/report/sheetSpec";
import { cxValueAt } from "../helpers/evaluateReport";
import { haveGnumeric } from "../helpers/gnumeric";
import { haveLibreOffice, recalculateInBoth } from "../helpers/libreOffice";

const TODAY = 45619; // 2024-11-23: the demo's report is October 2024's
const FIGURES = ["Customers_Start", "New_Customers", "Lapsed_Customers", "Customers_End", "Revenue", "Net_Revenue_Retention", "Inactive_Share"];

const testBothEngines = haveLibreOffice && haveGnumeric ? test : test.skip;

describe.each(["en-US", "zh-CN"] as const)("the demo in %s", (locale) => {
  testBothEngines("Gnumeric computes what LibreOffice stores, cell by cell, and the add-in's figures", async () => {
    const report: ReportSpec = demoReport(locale, TODAY);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "cx-engines-")), "demo.xlsx");
    await specToXlsx(report, file);
    // (it fails on any cell where the two engines differ)
    const [{ libreOffice, gnumeric = new Map<string, string>() }] = await recalculateInBoth(file) as [{ libreOffice: Map<string, unknown>; gnumeric?: Map<string, string> }];
    const dashboard = report.sheets[0] as ReportSpec["sheets"][number];
    const onDashboard = [...gnumeric.entries()].filter(([address]) => address.startsWith(`${dashboard.name}!`));
    expect(onDashboard.length).toBeGreaterThan(300);
    expect(onDashboard.filter(([, value]) => value.startsWith("#"))).toEqual([]);
    // the figures, by name, as Gnumeric computes them and as the add-in's functions do
    const cxReport = demoReport(locale, TODAY, "cx");
    for (const name of FIGURES) {
      const range = dashboard.names.find((each) => each.name === name)?.range as string;
      const value = Number(gnumeric.get(`${dashboard.name}!${range}`));
      expect([name, value]).toEqual([name, expect.closeTo(Number(libreOffice.get(`${dashboard.name}!${range}`)), 9)]);
      const cxRange = (cxReport.sheets[0] as ReportSpec["sheets"][number]).names.find((each) => each.name === name)?.range as string;
      expect([name, value]).toEqual([name, expect.closeTo(cxValueAt(cxReport, cxRange) as number, 9)]);
    }
    // the line under the KPI cards reconciles the new customers of the transactions with the channel table's
    const line = dashboard.cells.find((cell) => cell.formula?.includes("TEXT(New_Customers"))?.address as string;
    const acquired = Number(libreOffice.get(`${report.sheets[1]?.name}!${report.sheets[1]?.names.find((n) => n.name === "Acquired_Customers")?.range}`));
    const fresh = Number(libreOffice.get(`${dashboard.name}!${dashboard.names.find((n) => n.name === "New_Customers")?.range}`));
    const difference = `${acquired - fresh > 0 ? "+" : ""}${acquired - fresh}`;
    expect(gnumeric.get(`${dashboard.name}!${line}`)).toBe(locale === "zh-CN"
      ? `本期新增客户：交易记录 ${fresh} 个，渠道表 ${acquired} 个${acquired === fresh ? "（一致）。" : `（差异 ${difference}）：获客成本按渠道表的新增客户计算。`}`
      : `New customers in the period: ${fresh} from the transactions, ${acquired} in the channel table${acquired === fresh ? " (they agree)." : ` (difference ${difference}): CAC divides the spend by the channel table's.`}`);
    expect(FIGURES.slice(0, 2).map((name) => Number(gnumeric.get(`${dashboard.name}!${dashboard.names.find((each) => each.name === name)?.range as string}`)))).toEqual([29, 3]);
  }, 300_000);
});
