/**
 * The report prints: the dashboard on A4 landscape, one page wide, on at most two pages (DESIGN.md
 * "Report template"), with the report's title and the sheet's name on top of every page and the page
 * count below; the data and workings sheets fit to width. Checked on the PDF LibreOffice prints from
 * the exported .xlsx (pdftotext reads it back), and on the page setup the Excel writer makes.
 */
import { mkdirSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { specToXlsx } from "../../scripts/specToXlsx";
import { buildReport, SAMPLE_INPUTS, SAMPLE_TARGETS, SAMPLE_UNIT_NAMES, type ReportOptions } from "../../src/report/buildReport";
import { writeReport } from "../../src/writer/writeReport";
import { sheetOf } from "../helpers/evaluateReport";
import { fakeWorkbook } from "../helpers/fakeWorkbook";
import { printedPages, testPrinting } from "../helpers/libreOffice";

// What `npm run demo` writes: the sample data's last complete month, portable formulas.
const options: ReportOptions = {
  title: "Customer metrics (sample)", periodStart: 45566, periodEnd: 45596, currency: "CNY", locale: "en-US",
  formulaMode: "portable", targets: SAMPLE_TARGETS, generatedOn: 45619, inputs: SAMPLE_INPUTS,
};

test("the dashboard's page setup: landscape, its report block and charts as the print area, its title rows on every page", () => {
  const report = buildReport(options);
  const dashboard = sheetOf(report, "dashboard");
  const lastRow = Math.max(...dashboard.cells.map((cell) => Number(cell.address.replace(/^[A-Z]+/, ""))), ...dashboard.charts.map((chart) => Number(chart.bottomRight.slice(1))));
  // the second page starts with the RFM segments (a manual page break above their heading)
  const rfm = Number(dashboard.cells.find((cell) => cell.value === "RFM segments")?.address.slice(1));
  expect(dashboard.print).toEqual({
    orientation: "Landscape", area: `A1:O${lastRow}`, titleRows: "$1:$2", rowBreaks: [rfm],
    leftHeader: "Customer metrics (sample)", rightHeader: "&A", centerFooter: "Page &P of &N",
  });
  // every chart and table of the second page is below the break, every one of the first above it
  for (const chart of dashboard.charts) expect([chart.title, Number(chart.topLeft.slice(1)) >= rfm]).toEqual([chart.title, chart.title === "Customers per RFM segment"]);
  expect(sheetOf(report, "data").print).toMatchObject({ orientation: "Portrait" });
  expect(sheetOf(report, "data").print?.area).toBeUndefined();
  // an ampersand in the title is printed as one, not read as a code
  expect(sheetOf(buildReport({ ...options, title: "R&D customers" }), "dashboard").print?.leftHeader).toBe("R&&D customers");
  expect(sheetOf(buildReport({ ...options, locale: "zh-CN" }), "workings").print?.centerFooter).toBe("第 &P 页，共 &N 页");
});

test("the Excel writer sets each sheet's page setup: A4, one page wide", async () => {
  const book = fakeWorkbook(["Sheet1"]);
  const report = buildReport(options);
  const { sheetNames = [] } = await writeReport(book.context, report);
  const printOf = (name: string | undefined) => book.sheets.find((sheet) => sheet.name === name)?.print;
  expect(printOf(sheetNames[0])).toEqual({
    paperSize: "A4", orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
    area: sheetOf(report, "dashboard").print?.area, titleRows: "$1:$2", rowBreaks: sheetOf(report, "dashboard").print?.rowBreaks,
    leftHeader: "Customer metrics (sample)", rightHeader: "&A", centerFooter: "Page &P of &N",
  });
  expect(printOf(sheetNames[2])).toMatchObject({ paperSize: "A4", orientation: "Landscape", zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 } });
});

describe.each(["en-US", "zh-CN"] as const)("printed by LibreOffice (%s)", (locale) => {
  testPrinting("the dashboard takes at most two pages, each with the title, the sheet's name and the page count", async () => {
    const report = buildReport({ ...options, locale, title: locale === "zh-CN" ? "客户指标（示例）" : options.title });
    const file = path.join(mkdtempSync(path.join(tmpdir(), "cx-print-")), "report.xlsx");
    await specToXlsx(report, file);
    const { pages, renderPage } = printedPages(file);
    // (pdftotext may space the header's letters out on a sheet printed small: "数据 2024- 10")
    const squeezed = (text: string | undefined): string => (text ?? "").replace(/\s+/g, "");
    const [dashboard, data, workings] = report.sheets.map((sheet) => pages.filter((page) => squeezed(page.split("\n")[0]).includes(squeezed(sheet.name))));
    expect(dashboard?.length).toBeGreaterThanOrEqual(1);
    expect(dashboard?.length).toBeLessThanOrEqual(2);
    expect(data?.length).toBeGreaterThanOrEqual(1);
    expect(workings?.length).toBeGreaterThanOrEqual(1);
    // every page is one of the report's three sheets, headed by the report's title
    expect((dashboard?.length ?? 0) + (data?.length ?? 0) + (workings?.length ?? 0)).toBe(pages.length);
    for (const page of pages) expect(page.split("\n")[0]).toContain(locale === "zh-CN" ? "客户指标（示例）" : "Customer metrics (sample)");
    // the first dashboard page shows the period figures; the title rows repeat on the second
    expect(dashboard?.[0]).toContain(locale === "zh-CN" ? "本期交易数据指标" : "Period figures from the transactions");
    if (dashboard?.[1] !== undefined) expect(dashboard[1]).toContain(locale === "zh-CN" ? "期间" : "Period");
    expect(pages[0]).toMatch(locale === "zh-CN" ? /第 1 页，共 \d+ 页/ : /Page 1 of \d+/);
    // the definitions note, with the lapse window the data sheet holds (90 days for a month), and the sources
    expect(dashboard?.[0]).toContain(locale === "zh-CN" ? "活跃客户：最近一次购买距今不足 90 天（流失判定天数）" : "Active: last purchase under 90 days old (the lapse window)");
    expect(dashboard?.[0]).toContain(locale === "zh-CN" ? "来源：交易记录（底稿表）" : "Sources: transactions (workings sheet)");
    // the revenue bridge's falls in accounting style, no sign in the label; the year to date beside
    // the period figures; percentage points in the report's language
    // (the bridge's row in accounting style: ¥ in Chinese; the waterfall's bar is labelled -1,578)
    expect(dashboard?.[0]).toMatch(locale === "zh-CN" ? /减购\s+\(¥1,578\.00\)/ : /Contraction\s+\(1,578\.00 CNY\)/);
    expect(dashboard?.[0]).not.toMatch(/[−-] ?(Contraction|减购)|-1,578\.00/);
    expect(dashboard?.[0]).toContain(locale === "zh-CN" ? "本年累计 2024-01 – 2024-10" : "Year to date 2024-01 – 2024-10");
    expect(dashboard?.[0]).toMatch(locale === "zh-CN" ? /2024-10-01\s+至 2024-10-31/ : /2024-10-01\s+to 2024-10-31/);
    expect(dashboard?.[0]).toMatch(locale === "zh-CN" ? /[+-]\d+\.\d 个百分点/ : /[+-]\d+\.\d pp/);
    if (locale === "zh-CN") expect(dashboard?.[0]).not.toMatch(/\d pp/);
    // The dashboard's pages as pictures, kept with the test results for a person to look at.
    const shots = path.resolve(__dirname, "../../test-results/screenshots");
    mkdirSync(shots, { recursive: true });
    (dashboard ?? []).forEach((page, k) => {
      const png = path.join(shots, `dashboard-${locale}-page-${k + 1}.png`);
      renderPage(pages.indexOf(page) + 1, png);
      expect(statSync(png).size).toBeGreaterThan(20_000);
    });
  }, 180_000);
});

describe("a report by unit, printed by LibreOffice", () => {
  testPrinting.each(["cx", "portable"] as const)("%s: the by-unit table under the trend tables keeps the dashboard within three A4 landscape pages, its heading printed", async (formulaMode) => {
    const report = buildReport({ ...options, formulaMode, unitNames: SAMPLE_UNIT_NAMES });
    const file = path.join(mkdtempSync(path.join(tmpdir(), "cx-print-units-")), "report.xlsx");
    await specToXlsx(report, file);
    const { pages } = printedPages(file);
    const dashboard = pages.filter((page) => page.split("\n")[0]?.includes(report.sheets[0]?.name as string));
    expect(dashboard.length).toBeGreaterThanOrEqual(2);
    expect(dashboard.length).toBeLessThanOrEqual(3);
    expect(dashboard.some((page) => page.includes("By Region: 2024-10"))).toBe(true);
  }, 180_000);
});
