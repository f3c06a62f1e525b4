/**
 * The demo's .xlsx reads before it recalculates: every formula's result is stored with it (computed
 * by LibreOffice from the portable formulas, the same numbers as the add-in's functions), so e-mail
 * and phone previewers that do not calculate show the figures; a spreadsheet program still
 * recalculates the whole workbook on opening.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { specToXlsx } from "../../scripts/specToXlsx";
import { buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS, type ReportOptions } from "../../src/report/buildReport";
import { allCells, cellAt, evaluateCx, isError, sheetOf } from "../helpers/evaluateReport";
import { recalculate, testWithLibreOffice } from "../helpers/libreOffice";

const options: ReportOptions = {
  title: "Customer metrics (sample)", periodStart: 45566, periodEnd: 45596, currency: "CNY", locale: "en-US",
  formulaMode: "portable", targets: DEFAULT_TARGETS, generatedOn: 45619, inputs: SAMPLE_INPUTS,
};

testWithLibreOffice("every formula's result is stored in the file, and the figures are the add-in's", async () => {
  const report = buildReport(options);
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cx-stored-")), "report.xlsx");
  await specToXlsx(report, file);
  const [results] = await recalculate(file) as [Map<string, unknown>];
  await specToXlsx(report, file, [], results);
  // read as a previewer would: the file as it is, nothing recalculated
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const stored = (sheetName: string, address: string): unknown => {
    const cell = book.getWorksheet(sheetName)?.getCell(address);
    return cell?.type === ExcelJS.ValueType.Formula ? cell.result : undefined;
  };
  let formulas = 0;
  for (const sheet of report.sheets) {
    for (const cell of sheet.cells) {
      if (cell.formula === undefined) continue;
      formulas++;
      const computed = results.get(`${sheet.name}!${cell.address}`);
      const kept = stored(sheet.name, cell.address);
      // the demo recalculates without an error cell, so every formula has its result (but empty text, as below the early warning's last customer)
      const empty = computed === undefined || computed === null || computed === "";
      expect([sheet.name, cell.address, empty || (kept !== undefined && kept !== null)]).toEqual([sheet.name, cell.address, true]);
      if (typeof computed === "number") expect(kept).toBeCloseTo(computed, 9);
      else if (!empty && !(computed instanceof Date)) expect(kept).toEqual(computed);
    }
  }
  expect(formulas).toBeGreaterThan(5000);
  // the dashboard's figures as stored are the add-in's: the same report in CX mode, evaluated with the CX functions
  const withAddIn = buildReport({ ...options, formulaMode: "cx" });
  const dashboard = sheetOf(report, "dashboard");
  const named = ["Customers_Start", "New_Customers", "Lapsed_Customers", "Customers_End", "Period_Churn_Rate", "Revenue", "Orders", "Average_Order_Value", "Repeat_Buyer_Share", "Net_Revenue_Retention", "Net_Promoter_Score", "CSAT_Score"];
  for (const name of named) {
    const address = dashboard.names.find((each) => each.name === name)?.range as string;
    const expected = evaluateCx(withAddIn, cellAt(withAddIn, address)?.formula as string);
    expect([name, isError(expected)]).toEqual([name, false]);
    expect([name, stored(dashboard.name, address)]).toEqual([name, expect.closeTo(expected, 9)]);
  }
  // and every cell of the two trend tables (13 periods: the label and 12 figures each)
  const trendTop = Number(dashboard.cells.find((cell) => cell.value === "Trend: the last 13 periods")?.address.slice(1)) + 2;
  // (down to the cohort table under them)
  const cohortTop = Number(dashboard.cells.find((cell) => String(cell.value ?? "").startsWith("Cohort retention:"))?.address.slice(1));
  const trendCells = allCells(withAddIn).filter(({ sheet, cell }) => sheet.role === "dashboard" && Number(cell.address.slice(1)) >= trendTop && Number(cell.address.slice(1)) < cohortTop && cell.formula !== undefined);
  expect(trendCells).toHaveLength(2 * 13 * 13);
  for (const { cell } of trendCells) {
    const expected = evaluateCx(withAddIn, cell.formula as string);
    const kept = stored(dashboard.name, cell.address);
    if (typeof expected === "number") expect([cell.address, kept]).toEqual([cell.address, expect.closeTo(expected, 9)]);
    else expect([cell.address, kept]).toEqual([cell.address, expected]);
  }
  // the KPI cards' 环比 and 同比, and the acquisition and satisfaction per period they read (SUMIFS over
  // the channel rows' months, COUNTIFS over the answers' dates)
  const cards = ["Acquisition_Cost", "LTV_To_CAC", "Payback_Months", "Churn_Rate", "Net_Promoter_Score", "CSAT_Score"].flatMap((name) => {
    const row = Number((dashboard.names.find((each) => each.name === name)?.range as string).slice(1));
    return [`B${row}`, `C${row}`, `D${row}`];
  });
  const workings = sheetOf(report, "workings");
  const acquisition = ["Trend_Marketing_Spend", "Trend_Acquired_Customers", "Trend_CAC", "Trend_Survey_Answers", "Trend_NPS", "Trend_CSAT"].flatMap((name) => {
    const [from, to] = (workings.names.find((each) => each.name === name)?.range as string).split(":") as [string, string];
    const column = from.replace(/\d+/, "");
    return Array.from({ length: Number(to.slice(column.length)) - Number(from.slice(column.length)) + 1 }, (_, k) => `${column}${Number(from.slice(column.length)) + k}`);
  });
  expect(acquisition).toHaveLength(6 * 25);
  for (const [sheet, addresses] of [[dashboard, cards], [workings, acquisition]] as const) {
    for (const address of addresses) {
      const expected = evaluateCx(withAddIn, cellAt(withAddIn, address, sheetOf(withAddIn, sheet.role as "dashboard" | "workings"))?.formula as string, sheetOf(withAddIn, sheet.role as "dashboard" | "workings"));
      const kept = stored(sheet.name, address);
      if (typeof expected === "number") expect([address, kept]).toEqual([address, expect.closeTo(expected, 9)]);
      else expect([address, kept]).toEqual([address, expected]);
    }
  }
  expect(typeof stored(dashboard.name, cards[1] as string)).toBe("number"); // the demo's CAC has its 环比
  expect(typeof stored(dashboard.name, cards[13] as string)).toBe("number"); // and NPS
  // a spreadsheet program recalculates the whole workbook on opening
  const workbookXml = await (await JSZip.loadAsync(readFileSync(file))).file("xl/workbook.xml")?.async("string");
  expect(workbookXml).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
}, 600_000);
