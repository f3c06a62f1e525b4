/**
 * A report from transactions alone (a manager's first report): every other input is optional. The
 * figures that need data the report was not given show a dash, live, and the note under the title
 * says what is missing; no cell of the dashboard shows an error, so the report can be issued.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { specToXlsx, type DataSheet } from "../../scripts/specToXlsx";
import { buildReport, DEFAULT_TARGETS, EMPTY_INPUTS, SAMPLE_INPUTS, type ReportOptions } from "../../src/report/buildReport";
import { missingData } from "../../src/report/missingData";
import { serialFromUtc } from "../../src/core/dates";
import { cellAt, cxValueAt, sheetOf } from "../helpers/evaluateReport";
import { recalculate, testWithLibreOffice } from "../helpers/libreOffice";

const END = serialFromUtc(Date.UTC(2024, 8, 30));
const SALES: DataSheet = {
  name: "交易明细",
  rows: [["客户编号", "下单日期", "金额"], ...SAMPLE_INPUTS.transactions.map((tx) => [String(tx.customer), END - (tx.daysBeforeEnd ?? 0), tx.amount])],
};
const rows = SALES.rows.length - 1;
const options: ReportOptions = {
  title: "交易即报告", periodStart: serialFromUtc(Date.UTC(2024, 8, 1)), periodEnd: END, currency: "CNY", locale: "zh-CN", formulaMode: "portable",
  targets: DEFAULT_TARGETS, generatedOn: END + 3, inputs: EMPTY_INPUTS,
  source: { transactions: { sheet: "交易明细", row: 1, column: 0, rows, columns: 3 } },
};
/** An error as LibreOffice stores it and exceljs reads it back ({ error: "#VALUE!" }), or as text. */
const isErrorValue = (value: unknown): boolean => (typeof value === "object" && value !== null && "error" in value) || /^(#|Err:)/.test(String(value));

test("what the report was not given: everything but the transactions; the sample and linked tables are given", () => {
  expect(missingData(EMPTY_INPUTS, options.source ?? {})).toEqual(["survey", "costs", "engagement", "lifespan", "margin", "prospects"]);
  expect(missingData(SAMPLE_INPUTS, {})).toEqual([]);
  const linked = { sheet: "S", row: 1, column: 0, rows: 3, columns: 3 };
  expect(missingData(EMPTY_INPUTS, { survey: linked, costs: linked })).toEqual(["engagement", "lifespan", "margin", "prospects"]);
});

test("the figures that need missing data show a dash while it is missing, live; the note names what is missing", () => {
  const report = buildReport(options);
  const dashboard = sheetOf(report, "dashboard");
  const figure = (name: string): string | undefined => cellAt(report, dashboard.names.find((n) => n.name === name)?.range as string)?.formula;
  expect(figure("Acquisition_Cost")).toMatch(/^=IF\(COUNT\('数据 2024-09'!Channel_Spend\)=0,"–",/);
  expect(figure("Net_Promoter_Score")).toMatch(/^=IF\(COUNT\('数据 2024-09'!Survey_NPS,'数据 2024-09'!Survey_CSAT,'数据 2024-09'!Survey_CSI\)=0,"–",/);
  expect(cellAt(report, "A6")?.value).toContain("尚未提供：调查答案、获客成本、参与度数据、客户寿命、毛利率、潜在客户与转化数。");
  // the sample report's formulas are as they were
  const sample = buildReport({ ...options, inputs: SAMPLE_INPUTS, source: {} });
  expect(JSON.stringify(sheetOf(sample, "dashboard").cells)).not.toContain('"–",');
});

testWithLibreOffice("recalculated by LibreOffice, the dashboard of a transactions-only report shows no error: figures, dashes and the note", async () => {
  const report = buildReport(options);
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cx-alone-")), "report.xlsx");
  await specToXlsx(report, file, [SALES]);
  const [values = new Map<string, unknown>()] = await recalculate(file);
  const dashboard = sheetOf(report, "dashboard");
  const shown = [...values].filter(([key]) => key.startsWith(`${dashboard.name}!`));
  expect(shown.length).toBeGreaterThan(300);
  expect(shown.filter(([, value]) => isErrorValue(value))).toEqual([]);
  const valueOf = (name: string): unknown => values.get(`${dashboard.name}!${dashboard.names.find((n) => n.name === name)?.range as string}`);
  expect([valueOf("Acquisition_Cost"), valueOf("Net_Promoter_Score"), valueOf("CSAT_Score")]).toEqual(["–", "–", "–"]);
  expect(typeof valueOf("Churn_Rate")).toBe("number");
}, 120_000);

test("in CX mode too, every figure of a transactions-only dashboard is a number or a dash, none an error (the add-in's own functions)", () => {
  const report = buildReport({ ...options, formulaMode: "cx", locale: "en-US", source: {}, inputs: { ...EMPTY_INPUTS, transactions: SAMPLE_INPUTS.transactions } });
  const dashboard = sheetOf(report, "dashboard");
  // (a figure shown again, CSAT, or the period's churn in the KPI cards and the lifecycle, refers to where it stands first)
  const figures = dashboard.cells.filter((cell) => /^B\d+$/.test(cell.address) && /^=(IF\(COUNT\(|IF\(OR\(COUNT\(|CX\.|[A-Z]+\d+$|[A-Za-z_]+$)/.test(cell.formula ?? ""));
  expect(figures.length).toBeGreaterThanOrEqual(15);
  const shown = figures.map((cell) => [cell.address, cxValueAt(report, cell.address)] as const);
  expect(shown.filter(([, value]) => !(typeof value === "number" || value === "–"))).toEqual([]);
  expect(shown.filter(([, value]) => value === "–").length).toBe(13); // CAC, CLV, CSAT ×2, engagement, LTV:CAC, payback, NPS, its margin, CSI, conversion, and the budget lines of NPS and CAC (which refer to theirs)
});
