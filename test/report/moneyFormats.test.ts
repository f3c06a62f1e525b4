/**
 * Money as a finance team reads it (issue 22, item 7): CNY as ¥ in a Chinese report; amounts in 万元
 * by the number format alone (the cells keep their values, formulas reading them are unchanged), as
 * LibreOffice prints them; the commentary writes amounts as the cells show them.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { demoReport } from "../../scripts/demoReport";
import { specToXlsx } from "../../scripts/specToXlsx";
import { serialFromUtc } from "../../src/core/dates";
import { currencyFormat } from "../../src/report/sheetSpec";
import { sheetOf } from "../helpers/evaluateReport";
import { printedPages, recalculate, testPrinting } from "../helpers/libreOffice";

const today = serialFromUtc(Date.UTC(2026, 11, 5));

test("the currency's number format: a code after the amount, ¥ for yuan in Chinese, 万元 dividing by 10,000 in the format alone", () => {
  expect(currencyFormat("CNY")).toBe('#,##0.00 "CNY"');
  expect(currencyFormat("CNY", "zh-CN")).toBe('"¥"#,##0.00');
  expect(currencyFormat("USD", "zh-CN")).toBe('#,##0.00 "USD"');
  expect(currencyFormat("CNY", "zh-CN", true)).toBe('0\\.0,"万元"');
  expect(currencyFormat("USD", "en-US", true)).toBe('0\\.0,"万 USD"');
});

test("in 万元 the totals have the 万元 format, amounts per customer stay in yuan, the values' formulas are the same", () => {
  const [plain, wan] = [{}, { moneyInTenThousands: true }].map((more) => demoReport("zh-CN", today, "portable", more));
  const cells = (report: NonNullable<typeof plain>) => report.sheets.flatMap((sheet) => sheet.cells);
  const formulas = (report: NonNullable<typeof plain>) => cells(report).filter((cell) => cell.formula !== undefined && !cell.address.startsWith("A")).map((cell) => cell.formula);
  expect(formulas(wan as NonNullable<typeof plain>)).toEqual(formulas(plain as NonNullable<typeof plain>));
  expect(cells(wan as NonNullable<typeof plain>).filter((cell) => cell.numberFormat?.includes("万元")).length).toBeGreaterThan(50);
  // totals in 万元; an amount per customer or purchase (AOV, CAC, CLV, a customer's value) stays in yuan
  const dashboard = sheetOf(wan as NonNullable<typeof plain>, "dashboard");
  const formatOf = (name: string) => dashboard.cells.find((cell) => cell.address === dashboard.names.find((each) => each.name === name)?.range)?.numberFormat;
  expect(["Revenue", "Revenue_YTD", "Budget_Revenue"].map(formatOf)).toEqual(['0\\.0,"万元"', '0\\.0,"万元"', '0\\.0,"万元";-0\\.0,"万元";0\\.0,"万元";* @']);
  expect(["Average_Order_Value", "Acquisition_Cost", "Lifetime_Value", "Average_Order_Value_YTD"].map(formatOf)).toEqual(Array(4).fill('"¥"#,##0.00'));
});

testPrinting("LibreOffice prints the demo's amounts as ¥4,443.00, or in 万元 as 0.4万元 with the value unchanged; the commentary says the same", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "cx-money-"));
  const reports = [{}, { moneyInTenThousands: true }].map((more) => demoReport("zh-CN", today, "portable", more));
  const files = await Promise.all(reports.map(async (report, k) => {
    const file = path.join(dir, `demo${k}.xlsx`);
    await specToXlsx(report, file);
    return file;
  }));
  const [plainValues, wanValues] = await recalculate(...files) as [Map<string, unknown>, Map<string, unknown>];
  const dashboard = sheetOf(reports[0] as NonNullable<(typeof reports)[0]>, "dashboard");
  const at = (name: string): string => dashboard.names.find((each) => each.name === name)?.range as string;
  const revenue = plainValues.get(at("Revenue")) as number;
  const revenueYtd = plainValues.get(at("Revenue_YTD")) as number;
  // the values are the same; only the format differs
  expect([wanValues.get(at("Revenue")), wanValues.get(at("Revenue_YTD"))]).toEqual([revenue, revenueYtd]);
  const [plainPage, wanPage] = files.map((file) => printedPages(file).pages[0] as string);
  const squeezed = (text: string): string => text.replace(/\s+/g, "");
  expect(squeezed(plainPage as string)).toContain(`¥${revenue.toLocaleString("en-US", { minimumFractionDigits: 2 })}`);
  // 万 to one decimal: 4,443 → 0.4万元, 54,479 → 5.4万元
  const wan = (value: number): string => `${(Math.round(value / 1000) / 10).toFixed(1)}万元`;
  expect(squeezed(wanPage as string)).toContain(wan(revenue));
  expect(squeezed(wanPage as string)).toContain(wan(revenueYtd));
  const commentary = (values: Map<string, unknown>): string => String(values.get(at("Commentary")));
  expect(commentary(plainValues)).toMatch(new RegExp(`^本期收入 ${revenue.toLocaleString("en-US")} 元，`));
  expect(commentary(wanValues)).toMatch(new RegExp(`^本期收入 ${wan(revenue)}，`));
}, 300_000);
