/**
 * The cohort retention triangle (DOMAIN.md §6; issue 22, item 5) on the dashboard: the report
 * period's month and the twelve before it, each with its new customers and the share of them buying
 * in each month since, equal to a count made here from the sample's purchases; the same in CX mode
 * (CX.COHORT's spill) and portable mode (recalculated in LibreOffice), with a colour scale that the
 * add-in writes in Excel and the .xlsx carries.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { specToXlsx } from "../../scripts/specToXlsx";
import { periodIndex } from "../../src/core/periods";
import { buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS, type ReportOptions } from "../../src/report/buildReport";
import type { ReportSpec } from "../../src/report/sheetSpec";
import { writeReport } from "../../src/writer/writeReport";
import { cellAt, cxValueAt, sheetOf } from "../helpers/evaluateReport";
import { fakeWorkbook, type FakeSheet } from "../helpers/fakeWorkbook";
import { recalculate, testWithLibreOffice } from "../helpers/libreOffice";
import { reportSpills } from "../helpers/reportSpills";
import { columnName } from "../../src/core/a1";

// September 2024, by month: cohorts 2023-09 to 2024-09
const options: ReportOptions = {
  title: "September", periodStart: 45536, periodEnd: 45565, currency: "CNY", locale: "en-US",
  formulaMode: "cx", targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: SAMPLE_INPUTS,
};
const cxReport = buildReport(options);
const portable = buildReport({ ...options, formulaMode: "portable" });

/** By hand: each customer's first month, and the months they bought in, from the sample's purchases up to the period end. */
function expectedTriangle(): (string | number)[][] {
  const end = periodIndex(options.periodEnd, "month");
  const months = new Map<string, Set<number>>();
  for (const tx of SAMPLE_INPUTS.transactions) {
    const day = options.periodEnd - Number(tx.daysBeforeEnd);
    if (day > options.periodEnd) continue;
    const customer = String(tx.customer);
    (months.get(customer) ?? months.set(customer, new Set()).get(customer) as Set<number>).add(periodIndex(day, "month"));
  }
  return Array.from({ length: 13 }, (_, c) => {
    const cohort = end - 12 + c;
    const members = [...months.values()].filter((set) => Math.min(...set) === cohort);
    const shares = Array.from({ length: 13 }, (_, k) => (k > end - cohort || members.length === 0 ? "" : members.filter((set) => set.has(cohort + k)).length / members.length));
    const year = Math.floor(cohort / 12);
    return [`${year}-${String(cohort - 12 * year + 1).padStart(2, "0")}`, members.length, ...shares];
  });
}

/** The triangle's header row on the dashboard: the row under its title. */
function headerRow(report: ReportSpec): number {
  const title = sheetOf(report, "dashboard").cells.find((cell) => String(cell.value ?? "").startsWith("Cohort retention:"));
  expect(title?.address.startsWith("A")).toBe(true);
  return Number(title?.address.slice(1)) + 1;
}

const triangleAt = (header: number, value: (address: string) => unknown): unknown[][] =>
  Array.from({ length: 14 }, (_, r) => Array.from({ length: 15 }, (_, j) => value(`${columnName(j)}${header + r}`)));

test("CX: CX.COHORT from the trend's first month to the period end spills the triangle counted by hand, shaded by a colour scale", () => {
  const header = headerRow(cxReport);
  const dashboard = sheetOf(cxReport, "dashboard");
  expect(cellAt(cxReport, `A${header}`, dashboard)?.formula).toBe(`=CX.COHORT('Workings 2024-09'!Tx_Customer,'Workings 2024-09'!Tx_Date,"month",45170,Period_End,"en-US")`);
  const shown = triangleAt(header, (address) => cxValueAt(cxReport, address));
  expect(shown[0]).toEqual(["Cohort", "Customers", ...Array.from({ length: 13 }, (_, k) => `M${k}`)]);
  const wanted = expectedTriangle();
  expect(shown.slice(1)).toEqual(wanted);
  // the sample has cohorts of several sizes and someone back in a later month
  expect(new Set(wanted.map((row) => row[1])).size).toBeGreaterThan(2);
  expect(wanted.some((row) => row.slice(3).some((share) => typeof share === "number" && share > 0))).toBe(true);
  expect(dashboard.colorScales).toEqual([{ range: `C${header + 1}:O${header + 13}`, min: 0, max: 1, low: "#FFFFFF", high: "#5B9BD5" }]);
  for (let k = 1; k <= 13; k++) expect([cellAt(cxReport, `B${header + k}`, dashboard)?.numberFormat, cellAt(cxReport, `C${header + k}`, dashboard)?.numberFormat]).toEqual(["#,##0", "0.0%"]);
});

testWithLibreOffice("portable: the same triangle from the workings' COUNTIFS, recalculated by LibreOffice; the .xlsx carries the colour scale", async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cx-cohort-")), "report.xlsx");
  await specToXlsx(portable, file);
  const [values = new Map<string, unknown>()] = await recalculate(file);
  const header = headerRow(portable);
  expect(header).toBe(headerRow(cxReport));
  const shown = triangleAt(header, (address) => values.get(address) ?? "");
  expect(shown[0]).toEqual(["Cohort", "Customers", ...Array.from({ length: 13 }, (_, k) => `M${k}`)]);
  const wanted = expectedTriangle();
  shown.slice(1).forEach((row, r) => row.forEach((value, j) => {
    const expected = (wanted[r] as unknown[])[j];
    if (typeof expected === "number" && j > 1) expect([r, j, value]).toEqual([r, j, expect.closeTo(expected, 12)]);
    else expect([r, j, value]).toEqual([r, j, expected]);
  }));
  const ExcelJS = (await import("exceljs")).default;
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  // (exceljs reads a sheet's conditional formats back, though its types leave them out)
  const formats = (book.worksheets[0] as unknown as { conditionalFormattings: { ref: string; rules: { type: string }[] }[] }).conditionalFormattings;
  const scales = formats.filter((format) => format.rules.some((rule) => rule.type === "colorScale"));
  expect(scales.map((format) => format.ref)).toEqual([`C${header + 1}:O${header + 13}`]);
}, 300_000);

test("in Excel: the add-in writes the colour scale over the spilled shares", async () => {
  const spills = reportSpills();
  const book = fakeWorkbook(["Sheet1"], { spill: spills.model });
  await writeReport(book.context, spills.register(cxReport) as ReportSpec);
  const dashboard = book.sheets.find((s) => s.name === "Report 2024-09") as FakeSheet;
  const header = headerRow(cxReport);
  expect(dashboard.spilled.get(`A${header + 13}`)).toBe("2024-09");
  const scales = (dashboard.conditionalFormats ?? []).filter((format) => format.type === "ColorScale");
  expect(scales).toEqual([{ range: `C${header + 1}:O${header + 13}`, type: "ColorScale", criteria: { minimum: { type: "Number", formula: "0", color: "#FFFFFF" }, maximum: { type: "Number", formula: "1", color: "#5B9BD5" } } }]);
});

test("a quarterly report has quarterly cohorts (Q0, Q1, …); a year has none", () => {
  const quarterly = buildReport({ ...options, periodStart: 45474 });
  const header = headerRow(quarterly);
  expect(cellAt(quarterly, `A${header}`, sheetOf(quarterly, "dashboard"))?.formula).toContain(`"quarter",`);
  expect(cxValueAt(quarterly, `C${header}`)).toBe("Q0");
  const year = buildReport({ ...options, periodStart: 45292, periodEnd: 45657 });
  expect(sheetOf(year, "dashboard").cells.some((cell) => String(cell.value ?? "").startsWith("Cohort retention:"))).toBe(false);
});
