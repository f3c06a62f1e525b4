/**
 * `npx cx-report` (issue 23, part 1): the report from a CSV or .xlsx of transactions, without Excel.
 * The workbook it writes, recalculated in LibreOffice, has the figures the add-in's functions give on
 * the same purchases (the pane's report in CX mode), from English or Chinese headers and from .xlsx;
 * bad input is a message naming the rows and exit code 1, with nothing left behind.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { run } from "../../scripts/cx-report";
import { demoReport } from "../../scripts/demoReport";
import { buildReport, DEFAULT_TARGETS, EMPTY_INPUTS, SAMPLE_INPUTS } from "../../src/report/buildReport";
import type { ReportSpec } from "../../src/report/sheetSpec";
import { cxValueAt, sheetOf } from "../helpers/evaluateReport";
import { recalculate, testWithLibreOffice } from "../helpers/libreOffice";

const END = 45565; // 2024-09-30
const iso = (serial: number): string => new Date((serial - 25_569) * 86_400_000).toISOString().slice(0, 10);
const sample = SAMPLE_INPUTS.transactions.map((tx) => ({ customer: String(tx.customer), date: END - Number(tx.daysBeforeEnd), amount: Number(tx.amount), region: tx.units?.[0] }));
const folder = (): string => mkdtempSync(path.join(tmpdir(), "cx-report-"));

function csv(file: string, header: string, rows: readonly string[], bom = false): string {
  writeFileSync(file, `${bom ? "\uFEFF" : ""}${[header, ...rows].join("\r\n")}\r\n`);
  return file;
}

/** The add-in's figures on the sample's purchases, by the dashboard's names: what the written file must show. */
const FIGURES = ["Customers_Start", "New_Customers", "Lapsed_Customers", "Customers_End", "Revenue", "Orders", "Avg_Order_Value", "Period_Churn_Rate", "Revenue_YTD", "Net_Revenue_Retention"];
const addInReport = (rows: typeof sample): ReportSpec => buildReport({
  title: "Customer metrics", periodStart: 45536, periodEnd: END, currency: "CNY", locale: "en-US", formulaMode: "cx", targets: DEFAULT_TARGETS, generatedOn: 45600,
  inputs: { ...EMPTY_INPUTS, transactions: rows.map(({ customer, date, amount }) => ({ customer, date, amount })) },
});
const withAddIn = addInReport(sample);

async function expectFigures(file: string, locale: "en-US" | "zh-CN", addIn: ReportSpec = withAddIn): Promise<void> {
  const [values = new Map<string, unknown>()] = await recalculate(file);
  const dashboard = sheetOf(addIn, "dashboard");
  const sheetName = locale === "zh-CN" ? "管报 2024-09" : "Report 2024-09";
  for (const name of FIGURES) {
    const range = dashboard.names.find((each) => each.name === name)?.range as string;
    expect(range).toBeDefined();
    const expected = cxValueAt(addIn, range) as number;
    expect([name, values.get(`${sheetName}!${range}`)]).toEqual([name, expect.closeTo(expected, 9)]);
  }
}

testWithLibreOffice("a CSV with English headers: the report for 2024-09 with the add-in's figures, results stored, and the dashboard as PDF", async () => {
  const out = folder();
  const file = csv(path.join(out, "sales.csv"), "Customer,Date,Amount", sample.map((tx) => `${tx.customer},${iso(tx.date)},${tx.amount}`));
  const written = await run([file, "--period", "2024-09", "--out", path.join(out, "report"), "--pdf"], 45600);
  expect(written.map((each) => path.basename(each))).toEqual(["customer-metrics-2024-09.xlsx", "customer-metrics-2024-09.pdf"]);
  expect(readdirSync(path.join(out, "report")).sort()).toEqual(["customer-metrics-2024-09.pdf", "customer-metrics-2024-09.xlsx"]);
  await expectFigures(written[0] as string, "en-US");
  // the dashboard alone: two pages with its title on each
  const text = spawnSync("pdftotext", ["-layout", written[1] as string, "-"], { encoding: "utf8" }).stdout;
  const pages = text.split("\f").filter((page) => page.trim() !== "");
  expect(pages.length).toBeLessThanOrEqual(3);
  for (const page of pages) expect(page).toContain("Report 2024-09");
}, 300_000);

testWithLibreOffice("a CSV with Chinese headers, slashed dates and amounts with separators, in Chinese with the region as unit; and an .xlsx", async () => {
  const out = folder();
  const file = csv(path.join(out, "销售.csv"), "客户编号,日期,金额,区域", sample.map((tx) => `${tx.customer},${iso(tx.date).replace(/-/g, "/")},"${tx.amount.toLocaleString("en-US")}",${tx.region?.["zh-CN"]}`), true);
  const [written] = await run([file, "--period", "2024-09", "--zh", "--unit", "区域", "--out", out], 45600);
  await expectFigures(written as string, "zh-CN");
  const ExcelJS = (await import("exceljs")).default;
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Sales");
  sheet.addRow(["customer_id", "order date", "revenue"]);
  for (const tx of sample) sheet.addRow([tx.customer, new Date((tx.date - 25_569) * 86_400_000), tx.amount]);
  const xlsx = path.join(out, "sales.xlsx");
  await book.xlsx.writeFile(xlsx);
  const [fromXlsx] = await run([xlsx, "--period", "2024-09", "--out", path.join(out, "x")], 45600);
  await expectFigures(fromXlsx as string, "en-US");
}, 300_000);

testWithLibreOffice("--each-unit: one workbook per region, named after it, each with the add-in's figures on that region's purchases alone", async () => {
  const out = folder();
  const file = csv(path.join(out, "sales.csv"), "Customer,Date,Amount,Region", sample.map((tx) => `${tx.customer},${iso(tx.date)},${tx.amount},${tx.region?.["en-US"]}`));
  const written = await run([file, "--period", "2024-09", "--each-unit", "Region", "--out", path.join(out, "by region")], 45600);
  const regions = [...new Set(sample.map((tx) => tx.region?.["en-US"] as string))].sort();
  expect(regions.length).toBeGreaterThan(1);
  expect(written.map((each) => path.basename(each))).toEqual(regions.map((region) => `customer-metrics-2024-09-${region}.xlsx`));
  for (const [k, region] of regions.entries()) await expectFigures(written[k] as string, "en-US", addInReport(sample.filter((tx) => tx.region?.["en-US"] === region)));
}, 300_000);

testWithLibreOffice("--sample is npm run demo: the pane's sample for the last full month, here in Chinese with totals in 万元, under the name asked for", async () => {
  const out = folder();
  const today = 46361; // 2026-12-05: the report of 2026-11
  const [file] = await run(["--sample", "--zh", "--wan", "--out", out, "--name", "demo.xlsx"], today);
  expect(readdirSync(out)).toEqual(["demo.xlsx"]);
  const [values = new Map<string, unknown>()] = await recalculate(file as string);
  const twin = demoReport("zh-CN", today, "cx", { moneyInTenThousands: true });
  const dashboard = sheetOf(twin, "dashboard");
  for (const name of ["Revenue", "Customers_End", "Budget_Revenue", "Revenue_YTD"]) {
    const range = dashboard.names.find((each) => each.name === name)?.range as string;
    expect([name, values.get(`管报 2026-11!${range}`)]).toEqual([name, expect.closeTo(cxValueAt(twin, range) as number, 9)]);
  }
  expect(dashboard.cells.find((cell) => cell.address === dashboard.names.find((each) => each.name === "Revenue")?.range)?.numberFormat).toBe('0\\.0,"万元"');
}, 300_000);

describe("bad input: a message naming what is wrong, exit code 1, nothing written", () => {
  const command = (args: readonly string[]): { status: number | null; stderr: string; out: string } => {
    const out = folder();
    // (in English whatever the machine's language: LANG=zh_CN would make the messages Chinese)
    const result = spawnSync(process.execPath, [path.resolve(__dirname, "../../bin/cx-report.cjs"), ...args.map((arg) => arg.replace("{out}", out)), "--out", path.join(out, "report")], { encoding: "utf8", cwd: out, env: { ...process.env, LANG: "C.UTF-8", LC_ALL: "", LC_MESSAGES: "" } });
    return { status: result.status, stderr: result.stderr, out };
  };
  const left = (out: string): string[] => readdirSync(out).filter((name) => name !== "in.csv");
  const input = (rows: readonly string[], header = "Customer,Date,Amount"): string => csv(path.join(mkdtempSync(path.join(tmpdir(), "cx-in-")), "in.csv"), header, rows);

  test.each([
    ["a missing column", input(["A,2024-09-01,10"], "Customer,When,Amount"), /no date column: the headers are "Customer", "When", "Amount"; name it with --date COLUMN/],
    ["unreadable dates, with their rows", input(["A,2024-09-01,10", "B,31/09/2024,5", "C,soon,7", "D,2024-09-02,-3"]), /2 rows with a date in "Date" that is not a date .*: rows 3, 4\n1 row with a negative amount in "Amount" \(net refunds out first\): row 5/],
    ["an empty file", input([], ""), /is empty/],
    ["a header alone", input([]), /no transactions: the file has a header and no rows under it/],
    ["no such file", "/nowhere/sales.csv", /\/nowhere\/sales.csv: no such file/],
    ["a bad period", "{out}/x.csv --period 2024-13", /--period 2024-13: give a month as 2024-09 or a quarter as 2024-Q3/],
    ["an unknown option", "{out}/x.csv --duck", /unknown option --duck/],
    ["two sources", "{out}/x.csv --sample", /one source at a time: a file, --duckdb, --postgres or --sample/],
    ["--each-unit on the sample", "--sample --each-unit Region", /--each-unit reads a unit column of a transactions file or of a database/],
    ["a name with a folder", "--sample --name sub/x.xlsx", /--name sub\/x.xlsx: a file name ending in .xlsx, without a folder \(that is --out\)/],
  ] as const)("%s", (_name, args, message) => {
    const { status, stderr, out } = command(args.split(" "));
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/^cx-report: /m);
    expect(status).toBe(1);
    expect(left(out)).toEqual([]);
  });

  test("--help prints the options and exits 0", () => {
    const result = spawnSync(process.execPath, [path.resolve(__dirname, "../../bin/cx-report.cjs"), "--help"], { encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("--period P");
    expect(result.stdout).toContain("--zh");
  });
});
