/**
 * The exported workbook reads well anywhere: every cell's font is named (Calibri, or the Chinese UI
 * font for a Chinese report), so no program falls back to a serif font; the report page has no
 * gridlines; and the Excel writer hides them too.
 */
import ExcelJS from "exceljs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { specToXlsx } from "../../scripts/specToXlsx";
import { buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS, type ReportOptions } from "../../src/report/buildReport";
import { writeReport } from "../../src/writer/writeReport";
import { fakeWorkbook } from "../helpers/fakeWorkbook";

const options: ReportOptions = {
  title: "Fonts", periodStart: 45474, periodEnd: 45565, currency: "CNY", locale: "en-US",
  formulaMode: "portable", targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: SAMPLE_INPUTS,
};

test.each([["en-US", "Calibri"], ["zh-CN", "Microsoft YaHei"]] as const)("a %s report: every cell in %s, no gridlines", async (locale, font) => {
  const spec = buildReport({ ...options, locale });
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cx-xlsx-")), "report.xlsx");
  await specToXlsx(spec, file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  expect(book.worksheets.map((each) => each.name)).toEqual(spec.sheets.map((each) => each.name));
  const sheet = book.worksheets[0] as ExcelJS.Worksheet;
  expect(sheet.views[0]?.showGridLines).toBe(false);
  const fonts = new Set<string | undefined>();
  for (const each of book.worksheets) each.eachRow((row) => row.eachCell((cell) => void fonts.add(cell.font?.name)));
  expect([...fonts]).toEqual([font]);
  expect([sheet.getCell("A1").font?.bold, sheet.getCell("A1").font?.size]).toEqual([true, 16]);
});

test("the Excel writer hides the dashboard's gridlines", async () => {
  const book = fakeWorkbook(["Sheet1"]);
  const { sheetNames = [] } = await writeReport(book.context, buildReport(options));
  // the dashboard only: its data and workings are grids to type into
  expect(book.sheets.map((sheet) => [sheet.name, sheet.showGridlines])).toEqual([["Sheet1", undefined], [sheetNames[0], false], [sheetNames[1], undefined], [sheetNames[2], undefined]]);
});
