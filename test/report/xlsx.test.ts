/**
 * The exported workbook reads well anywhere: every cell's font is named (Calibri, or the Chinese UI
 * font for a Chinese report), so no program falls back to a serif font; the report page has no
 * gridlines; and the Excel writer hides them too.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileFormula, specToXlsx } from "../../scripts/specToXlsx";
import { buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS, type ReportOptions } from "../../src/report/buildReport";
import { trafficLightRules } from "../../src/report/sheetSpec";
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

test("a traffic light's rules: meeting the target is green, missing it red, a blank target or an error value lights nothing", () => {
  expect(trafficLightRules({ range: "B12", targetAddress: "E12", direction: "atLeast" })).toEqual({
    good: "AND(ISNUMBER($E$12),ISNUMBER(B12),B12>=$E$12)", bad: "AND(ISNUMBER($E$12),ISNUMBER(B12),B12<$E$12)",
  });
  expect(trafficLightRules({ range: "B9", targetAddress: "$C$9", direction: "atMost" })).toEqual({
    good: "AND(ISNUMBER($C$9),ISNUMBER(B9),B9<=$C$9)", bad: "AND(ISNUMBER($C$9),ISNUMBER(B9),B9>$C$9)",
  });
});

test("the Excel writer and the file give every traffic light the same two rules", async () => {
  const report = buildReport(options);
  const lights = report.sheets[0]?.trafficLights ?? [];
  expect(lights.length).toBeGreaterThanOrEqual(13);
  const book = fakeWorkbook(["Sheet1"]);
  await writeReport(book.context, report);
  // (the traffic lights' rules; the cohort table's colour scale is tested in cohort.test.ts)
  const written = (book.sheets[1]?.conditionalFormats ?? []).filter((format) => format.type === "Custom");
  expect(written).toEqual(lights.flatMap((light) => {
    const rules = trafficLightRules(light);
    return [{ range: light.range, type: "Custom", formula: `=${rules.good}`, color: "#C6EFCE" }, { range: light.range, type: "Custom", formula: `=${rules.bad}`, color: "#FFC7CE" }];
  }));
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cx-xlsx-")), "report.xlsx");
  await specToXlsx(report, file);
  const xml = await (await JSZip.loadAsync(readFileSync(file))).file("xl/worksheets/sheet1.xml")?.async("string") as string;
  const rules = [...xml.matchAll(/<conditionalFormatting sqref="([^"]+)">([\s\S]*?)<\/conditionalFormatting>/g)].filter((match) => (match[2] as string).includes('type="expression"')).map((match) => [match[1], [...(match[2] as string).matchAll(/type="expression"[^>]*><formula>([^<]*)<\/formula>/g)].map((rule) => (rule[1] as string).replace(/&gt;/g, ">").replace(/&lt;/g, "<"))]);
  expect(rules).toEqual(lights.map((light) => [light.range, [trafficLightRules(light).good, trafficLightRules(light).bad]]));
});

test("headers over figures align right, as the figures do; headers over text stay left", async () => {
  const report = buildReport(options);
  const dashboard = report.sheets[0] as NonNullable<(typeof report.sheets)[number]>;
  const header = (text: string) => dashboard.cells.find((cell) => cell.value === text);
  expect([header("Value")?.style, header("Target")?.style, header("vs previous period (MoM)")?.style, header("Metric")?.style]).toEqual(["numberHeader", "numberHeader", "numberHeader", "label"]);
  expect([header("Share of revenue")?.style, header("Segment")?.style, header("Days since last")?.style]).toEqual(["numberHeader", "label", "numberHeader"]);
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cx-xlsx-")), "report.xlsx");
  await specToXlsx(report, file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.worksheets[0] as ExcelJS.Worksheet;
  expect(sheet.getCell(header("Value")?.address as string).alignment?.horizontal).toBe("right");
  expect(sheet.getCell(header("Metric")?.address as string).alignment?.horizontal).toBeUndefined();
});

test("a CX-mode report's FILTER of the dated answers is stored as Excel stores a dynamic-array function, and a CX function as Excel stores a custom function", async () => {
  expect(fileFormula('=CX.NPS(FILTER(A1:A3,B1:B3>0))&"FILTER(x) CX.NPS(x)"&STDEV.S(C1:C3)')).toBe('_xldudf_CX_NPS(_xlfn._xlws.FILTER(A1:A3,B1:B3>0))&"FILTER(x) CX.NPS(x)"&_xlfn.STDEV.S(C1:C3)');
  const spec = buildReport({ ...options, formulaMode: "cx" });
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cx-xlsx-")), "report.xlsx");
  await specToXlsx(spec, file);
  const zip = await JSZip.loadAsync(readFileSync(file));
  const dashboard = await zip.file("xl/worksheets/sheet1.xml")?.async("string") as string;
  const formulas = [...dashboard.matchAll(/<f[^>]*>([^<]*)<\/f>/g)].map((match) => match[1] as string);
  // NPS, its margin, CSAT and CSI read the period's answers through FILTER (CSAT shown again refers to the first)
  expect(formulas.filter((formula) => formula.includes("_xlfn._xlws.FILTER(")).length).toBe(4);
  expect(formulas.filter((formula) => /(?<![\w.])FILTER\(/.test(formula))).toEqual([]);
});
