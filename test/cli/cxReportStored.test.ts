/**
 * A CX-mode report from cx-report holds every formula's result (issue 23), computed in Node: the CX
 * functions by the add-in's own code, the built-in formulas around them by scripts/cxReport/formulas.
 * Checked two ways: LibreOffice, given the CX functions' results as constants, computes every other
 * formula of the report to the same values; and the written file shows the add-in's figures, the
 * portable report's figures on the same purchases, spilled tables in place, dynamic arrays Excel
 * spills again, and a PDF with figures in it.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { reportFor, run } from "../../scripts/cx-report";
import { parseOptions } from "../../scripts/cxReport/options";
import { ReportWorkbook } from "../../scripts/cxReport/formulas/workbook";
import { demoReport } from "../../scripts/demoReport";
import { specToXlsx, type DataSheet } from "../../scripts/specToXlsx";
import { buildReport, DEFAULT_TARGETS, EMPTY_INPUTS, SAMPLE_INPUTS, SAMPLE_UNIT_NAMES } from "../../src/report/buildReport";
import type { CellSpec, ReportSpec } from "../../src/report/sheetSpec";
import { columnName, parseRange, type RangeAddress } from "../../src/core/a1";
import { duckdbWith } from "../helpers/duckdb";
import { cxValueAt, sheetOf } from "../helpers/evaluateReport";
import { recalculate, testWithLibreOffice } from "../helpers/libreOffice";

const folder = (): string => mkdtempSync(path.join(tmpdir(), "cx-stored-"));
/** Functions LibreOffice 7.4 has not: their formulas are given to it as constants, like the CX calls. */
const NOT_IN_LIBREOFFICE = /(?<![\w.])(CX\.[A-Z_]+|FILTER|SORT|UNIQUE)\(/;

/**
 * The report with each formula LibreOffice cannot compute (CX calls, FILTER, SORT) replaced by what
 * cx-report computed for it, spilled tables as values in their cells; every other formula kept.
 */
function withConstants(report: ReportSpec, results: ReadonlyMap<string, unknown>): ReportSpec {
  const constant = (value: unknown): string | number | boolean | undefined => (typeof value === "number" || typeof value === "string" || typeof value === "boolean" ? value : undefined);
  const cellOf = (base: CellSpec, value: unknown): CellSpec => {
    const { formula: _formula, value: _value, ...rest } = base;
    const typed = constant(value);
    return typed === undefined ? rest : { ...rest, value: typed };
  };
  return {
    ...report,
    sheets: report.sheets.map((sheet) => {
      // what each array spills, cell by cell
      const spilled = new Map<string, unknown>();
      for (const cell of sheet.cells) {
        const result = results.get(`${sheet.name}!${cell.address}`);
        if (cell.formula === undefined || !NOT_IN_LIBREOFFICE.test(cell.formula) || !Array.isArray(result)) continue;
        const anchor = parseRange(cell.address) as RangeAddress;
        (result as unknown[][]).forEach((row, r) => row.forEach((value, c) => spilled.set(`${columnName(anchor.left + c)}${anchor.top + r + 1}`, value)));
      }
      const cells = sheet.cells.map((cell): CellSpec => {
        if (cell.formula !== undefined) return NOT_IN_LIBREOFFICE.test(cell.formula) ? cellOf(cell, spilled.get(cell.address) ?? results.get(`${sheet.name}!${cell.address}`)) : cell;
        return cell.value === undefined && spilled.has(cell.address) ? cellOf(cell, spilled.get(cell.address)) : cell;
      });
      const own = new Set(cells.map((cell) => cell.address));
      const beyond = [...spilled].filter(([address]) => !own.has(address)).map(([address, value]) => cellOf({ address }, value));
      return { ...sheet, cells: [...cells, ...beyond] };
    }),
  };
}

/** Every formula LibreOffice computed compared with what cx-report computed: the count compared and the cells that differ. */
async function compareWithLibreOffice(report: ReportSpec, dataSheets: readonly DataSheet[] = []): Promise<{ compared: number; differ: string[] }> {
  const results = new ReportWorkbook(report, dataSheets, report.sheets[0]?.name.startsWith("管报") ? "zh-CN" : "en-US").computeAll();
  const file = path.join(folder(), "constants.xlsx");
  await specToXlsx(withConstants(report, results), file, dataSheets);
  const [computed = new Map<string, unknown>()] = await recalculate(file);
  let compared = 0;
  const differ: string[] = [];
  for (const sheet of report.sheets) {
    for (const cell of sheet.cells) {
      if (cell.formula === undefined || NOT_IN_LIBREOFFICE.test(cell.formula)) continue;
      const key = `${sheet.name}!${cell.address}`;
      const ours = results.get(key);
      let theirs = computed.get(key);
      compared++;
      const ourError = typeof ours === "object" && ours !== null && "code" in ours ? (ours as { code: string }).code : undefined;
      const theirError = typeof theirs === "object" && theirs !== null && "error" in theirs ? (theirs as { error: string }).error : undefined;
      // (a date LibreOffice computed, exceljs reads as a Date: its serial)
      if (theirs instanceof Date) theirs = (theirs.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000;
      const same = ourError !== undefined || theirError !== undefined ? ourError === theirError
        : typeof ours === "number" ? typeof theirs === "number" && Math.abs(ours - theirs) <= 1e-9 * Math.max(1, Math.abs(ours))
        : typeof ours === "boolean" ? theirs === ours
        : (ours ?? "") === (theirs ?? "");
      if (!same) differ.push(`${key} ${cell.formula.slice(0, 80)}: ours ${JSON.stringify(ours)}, LibreOffice's ${JSON.stringify(theirs)}`);
    }
  }
  return { compared, differ };
}

describe("every built-in formula of a CX report, as LibreOffice computes it", () => {
  testWithLibreOffice("the sample's report in English", async () => {
    const { compared, differ } = await compareWithLibreOffice(demoReport("en-US", 45600, "cx"));
    expect(differ).toEqual([]);
    expect(compared).toBeGreaterThan(2_300);
  }, 300_000);
  testWithLibreOffice("in Chinese, in 万元, with the sample's regions as units", async () => {
    const { compared, differ } = await compareWithLibreOffice(demoReport("zh-CN", 45600, "cx", { moneyInTenThousands: true, unitNames: SAMPLE_UNIT_NAMES }));
    expect(differ).toEqual([]);
    expect(compared).toBeGreaterThan(2_300);
  }, 300_000);
  testWithLibreOffice("on the sql/ queries' results from DuckDB, linked on sheets of their own", async () => {
    const database = path.join(folder(), "sales.duckdb");
    await (await duckdbWith(sample, database)).close();
    const [job] = await reportFor(parseOptions(["--duckdb", database, "--period", "2024-09", "--mode", "cx"], 45600) as Exclude<ReturnType<typeof parseOptions>, "help">, 45600);
    const made = await (job as NonNullable<typeof job>).make();
    const { compared, differ } = await compareWithLibreOffice(buildReport(made.report), made.sheets);
    expect(differ).toEqual([]);
    // (a report on query results is mostly CX calls and what reads their tables: 44 other formulas)
    expect(compared).toBeGreaterThan(40);
  }, 300_000);
});

const END = 45565; // 2024-09-30
const iso = (serial: number): string => new Date((serial - 25_569) * 86_400_000).toISOString().slice(0, 10);
const sample = SAMPLE_INPUTS.transactions.map((tx) => ({ customer: String(tx.customer), date: END - Number(tx.daysBeforeEnd), amount: Number(tx.amount) }));

testWithLibreOffice("cx-report --mode cx: every result stored, the figures the add-in and the portable report give, tables spilled as Excel spills them, and a PDF with figures", async () => {
  const out = folder();
  const csv = path.join(out, "sales.csv");
  writeFileSync(csv, ["Customer,Date,Amount", ...sample.map((tx) => `${tx.customer},${iso(tx.date)},${tx.amount}`)].join("\n"));
  const [cxFile, pdf] = await run([csv, "--period", "2024-09", "--mode", "cx", "--pdf", "--out", path.join(out, "cx")], 45600);
  const [portableFile] = await run([csv, "--period", "2024-09", "--out", path.join(out, "portable")], 45600);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(cxFile as string);
  const portable = new ExcelJS.Workbook();
  await portable.xlsx.readFile(portableFile as string);
  const stored = (workbook: ExcelJS.Workbook, sheet: string, address: string): unknown => {
    const cell = workbook.getWorksheet(sheet)?.getCell(address);
    return cell?.type === ExcelJS.ValueType.Formula ? cell.result : cell?.value;
  };
  // the add-in's figures (its functions on the report's own cells, as the tests evaluate a CX report)
  const addIn = buildReport({
    title: "Customer metrics", periodStart: 45536, periodEnd: END, currency: "CNY", locale: "en-US", formulaMode: "cx", targets: DEFAULT_TARGETS, generatedOn: 45600,
    inputs: { ...EMPTY_INPUTS, transactions: sample },
  });
  const dashboard = sheetOf(addIn, "dashboard");
  for (const name of ["Customers_Start", "New_Customers", "Lapsed_Customers", "Customers_End", "Revenue", "Orders", "Avg_Order_Value", "Period_Churn_Rate", "Revenue_YTD", "Net_Revenue_Retention"]) {
    const range = dashboard.names.find((each) => each.name === name)?.range as string;
    const expected = cxValueAt(addIn, range) as number;
    expect([name, stored(book, "Report 2024-09", range)]).toEqual([name, expect.closeTo(expected, 9)]);
    expect([name, stored(portable, "Report 2024-09", range)]).toEqual([name, expect.closeTo(expected, 9)]);
  }
  // the commentary is written from the figures, word for word as in the portable report
  for (const row of [8, 9, 10, 11, 13]) expect(stored(book, "Report 2024-09", `A${row}`)).toBe(stored(portable, "Report 2024-09", `A${row}`));
  // every formula has its result in the file (<v>, an empty one for no text)
  const zip = await JSZip.loadAsync(readFileSync(cxFile as string));
  let formulas = 0;
  for (const part of ["sheet1", "sheet2", "sheet3"]) {
    const xml = await zip.file(`xl/worksheets/${part}.xml`)?.async("string") as string;
    const cells = xml.match(/<c r="[A-Z]+\d+"[^>]*><f[^>]*>[^<]*<\/f>(<v>)?/g) ?? [];
    formulas += cells.length;
    expect(cells.filter((cell) => !cell.endsWith("<v>"))).toEqual([]);
  }
  // (a report on transactions alone, without survey or channel tables: 921 formulas)
  expect(formulas).toBeGreaterThan(900);
  // the customer bridge spills from A4 of the workings: an array formula over its area, marked dynamic, its cells filled
  const workings = await zip.file("xl/worksheets/sheet3.xml")?.async("string") as string;
  expect(workings).toMatch(/<c r="A4" cm="1"[^>]*><f t="array" ref="A4:I\d+">_xldudf_CX_CUSTOMER_BRIDGE\(Tx_Customer,Tx_Date,/);
  expect(await zip.file("xl/metadata.xml")?.async("string")).toContain('<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/>');
  expect(await zip.file("[Content_Types].xml")?.async("string")).toContain('PartName="/xl/metadata.xml"');
  const sheet = book.getWorksheet("Workings 2024-09") as ExcelJS.Worksheet;
  const last = Number(/ref="A4:I(\d+)"/.exec(workings)?.[1]);
  expect(sheet.getCell(`A${last}`).value).toBe("2024-09");
  expect(sheet.getCell(`H${last}`).value).toBe(stored(book, "Report 2024-09", "B21"));
  // the dashboard as PDF shows the figures, not the errors LibreOffice would give the CX functions
  const text = spawnSync("pdftotext", ["-layout", pdf as string, "-"], { encoding: "utf8" }).stdout;
  expect(text).toContain(String(stored(book, "Report 2024-09", "A8")).slice(0, 30));
  expect(text).not.toMatch(/#NAME\?|Err:/);
}, 300_000);

testWithLibreOffice("cx-report --duckdb --mode cx: the report on query results stores the figures the portable report on the same queries shows", async () => {
  const out = folder();
  const database = path.join(out, "sales.duckdb");
  await (await duckdbWith(sample, database)).close();
  const [cxFile] = await run(["--duckdb", database, "--period", "2024-09", "--mode", "cx", "--out", path.join(out, "cx")], 45600);
  const [portableFile] = await run(["--duckdb", database, "--period", "2024-09", "--out", path.join(out, "portable")], 45600);
  const [cxBook, portable] = [new ExcelJS.Workbook(), new ExcelJS.Workbook()];
  await cxBook.xlsx.readFile(cxFile as string);
  await portable.xlsx.readFile(portableFile as string);
  const shown = (cell: ExcelJS.Cell): unknown => (cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value);
  // every number on the two dashboards where both show one: the KPIs, the bridge, the RFM segments, the trend
  let compared = 0;
  const differ: string[] = [];
  (cxBook.getWorksheet("Report 2024-09") as ExcelJS.Worksheet).eachRow((row) => row.eachCell((cell) => {
    const [ours, theirs] = [shown(cell), shown((portable.getWorksheet("Report 2024-09") as ExcelJS.Worksheet).getCell(cell.address))];
    if (typeof ours !== "number" || typeof theirs !== "number") return;
    compared++;
    if (Math.abs(ours - theirs) > 1e-9 * Math.max(1, Math.abs(theirs))) differ.push(`${cell.address}: ${ours} against ${theirs}`);
  }));
  expect(differ).toEqual([]);
  // (the sample's queries: 56 figures on the dashboard)
  expect(compared).toBeGreaterThan(50);
}, 300_000);
