/**
 * The unit selector in portable mode, recalculated by LibreOffice (DOMAIN.md §8): with each unit
 * chosen in turn, every period figure of the dashboard equals CX.BY_UNIT's row for that unit (the
 * add-in's functions on the same data); with All, the company's, as the report without units shows
 * them; and §8's worked example through the dashboard, East and North in February 2024.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { specToXlsx } from "../../scripts/specToXlsx";
import { buildReport, DEFAULT_TARGETS, EMPTY_INPUTS, SAMPLE_INPUTS, SAMPLE_UNIT_NAMES, type ReportOptions } from "../../src/report/buildReport";
import type { ReportSpec } from "../../src/report/sheetSpec";
import { cxValueAt, evaluateCxTable } from "../helpers/evaluateReport";
import { recalculate, testWithLibreOffice } from "../helpers/libreOffice";

const options: ReportOptions = {
  title: "按单元", periodStart: 45536, periodEnd: 45565, currency: "CNY", locale: "zh-CN", formulaMode: "portable",
  targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: SAMPLE_INPUTS, unitNames: SAMPLE_UNIT_NAMES,
};
const FIGURES = ["Customers_Start", "New_Customers", "Reactivated_Customers", "Lapsed_Customers", "Customers_End", "Revenue", "Orders", "Net_Revenue_Retention"];
// CX.BY_UNIT's columns for them
const COLUMNS = [1, 2, 3, 4, 5, 7, 10, 12];

async function recalculated(reports: readonly ReportSpec[]): Promise<((name: string) => unknown)[]> {
  return (await recalculatedCells(reports)).map(({ named }) => named);
}

async function recalculatedCells(reports: readonly ReportSpec[]): Promise<{ named: (name: string) => unknown; cell: (address: string) => unknown }[]> {
  const folder = mkdtempSync(path.join(tmpdir(), "cx-units-"));
  const files = await Promise.all(reports.map(async (report, k) => {
    const file = path.join(folder, `report-${k}.xlsx`);
    await specToXlsx(report, file);
    return file;
  }));
  const values = await recalculate(...files);
  return reports.map((report, k) => {
    const dashboard = report.sheets[0]!;
    const cell = (address: string): unknown => values[k]?.get(`${dashboard.name}!${address}`);
    return { cell, named: (name: string) => cell(dashboard.names.find((n) => n.name === name)?.range as string) };
  });
}

testWithLibreOffice("each unit chosen in turn: the portable dashboard's figures are CX.BY_UNIT's row; All is the company, as without units", async () => {
  const units = ["华东", "华南", "华北"];
  const { unitNames: _units, ...plain } = options;
  const reports = [...units.map((unit) => buildReport({ ...options, selectedUnit: unit })), buildReport(options), buildReport(plain)];
  const figures = await recalculated(reports);
  const cx = buildReport({ ...options, formulaMode: "cx" });
  const anchor = cx.sheets[0]?.cells.find((cell) => cell.formula?.startsWith("=CX.BY_UNIT(") === true);
  const table = evaluateCxTable(cx, anchor?.formula as string);
  [...units, "公司整体"].forEach((unit, k) => {
    const row = table.find((r) => r[0] === unit) as unknown[];
    FIGURES.forEach((name, j) => {
      const value = (figures[k] as (name: string) => unknown)(name);
      expect([unit, name, typeof value === "number" ? Number(value.toFixed(9)) : value]).toEqual([unit, name, Number((row[COLUMNS[j] as number] as number).toFixed(9))]);
    });
  });
  // All: exactly the report without units
  for (const name of FIGURES) expect((figures[3] as (name: string) => unknown)(name)).toEqual((figures[4] as (name: string) => unknown)(name));
}, 300_000);

testWithLibreOffice("DOMAIN.md §8's worked example through the dashboard: February 2024, East and North", async () => {
  // A 2024-01-10 100 East; A 2024-02-12 50 North; B 2024-01-20 80 East.
  const example: ReportOptions = {
    ...options, periodStart: 45323, periodEnd: 45351, unitNames: [{ "en-US": "Region", "zh-CN": "区域" }],
    inputs: {
      ...EMPTY_INPUTS, transactions: [
        { customer: "A", date: 45301, amount: 100, units: [{ "en-US": "East", "zh-CN": "East" }] },
        { customer: "A", date: 45334, amount: 50, units: [{ "en-US": "North", "zh-CN": "North" }] },
        { customer: "B", date: 45311, amount: 80, units: [{ "en-US": "East", "zh-CN": "East" }] },
      ],
    },
  };
  const [east, north, all] = await recalculated(["East", "North", "全部"].map((selectedUnit) => buildReport({ ...example, selectedUnit })));
  const read = (figure: (name: string) => unknown): unknown[] => ["Customers_Start", "New_Customers", "Lapsed_Customers", "Customers_End", "Revenue"].map((name) => figure(name));
  expect(read(east as (name: string) => unknown)).toEqual([2, 0, 0, 2, 0]);
  expect(read(north as (name: string) => unknown)).toEqual([0, 1, 0, 1, 50]);
  expect(read(all as (name: string) => unknown)).toEqual([2, 0, 0, 2, 50]);
}, 300_000);

testWithLibreOffice("the portable by-unit table, recalculated, is CX.BY_UNIT's table cell by cell, each unit chosen or all", async () => {
  const reports = [buildReport(options), buildReport({ ...options, selectedUnit: "华北" })];
  const recalculatedReports = await recalculatedCells(reports);
  const cx = buildReport({ ...options, formulaMode: "cx" });
  const anchor = cx.sheets[0]?.cells.find((cell) => cell.formula?.startsWith("=CX.BY_UNIT(") === true);
  const table = evaluateCxTable(cx, anchor?.formula as string).map((row) => row.map((value) => (typeof value === "object" && value !== null ? "#N/A" : value)));
  const top = Number(anchor?.address.slice(1));
  reports.forEach((_, k) => {
    const { cell } = recalculatedReports[k] as { cell: (address: string) => unknown };
    const shown = table.map((row, r) => row.map((_, c) => {
      const value = cell(`${"ABCDEFGHIJKLMN"[c] as string}${top + r}`);
      if (typeof value === "object" && value !== null && "error" in value) return "#N/A";
      return typeof value === "number" ? Number(value.toFixed(9)) : value ?? "";
    }));
    expect(shown).toEqual(table.map((row) => row.map((value) => (typeof value === "number" ? Number(value.toFixed(9)) : value))));
  });
}, 300_000);

testWithLibreOffice("every named figure of the dashboard, each unit chosen: portable in LibreOffice as CX with the add-in's functions", async () => {
  const units = ["华东", "华北"];
  const portable = units.map((unit) => buildReport({ ...options, selectedUnit: unit }));
  const figures = await recalculatedCells(portable);
  units.forEach((unit, k) => {
    const cx = buildReport({ ...options, formulaMode: "cx", selectedUnit: unit });
    const dashboard = cx.sheets[0]!;
    // the figures: named cells holding a formula (not the typed targets, the selector or the lists;
    // not the commentary, sentences of the same built-in text formulas in both modes: commentary.test.ts)
    const named = dashboard.names.filter((n) => n.external !== true && n.name !== "Commentary" && dashboard.cells.find((cell) => cell.address === n.range)?.formula !== undefined);
    expect(named.length).toBeGreaterThan(20);
    const compared = named.flatMap((n) => {
      const expected = cxValueAt(cx, n.range);
      const value = (figures[k] as { named: (name: string) => unknown }).named(n.name);
      const shown = (v: unknown): unknown => (typeof v === "number" ? Number(v.toFixed(6)) : typeof v === "object" && v !== null ? "#error" : v);
      return [[unit, n.name, shown(value)], [unit, n.name, shown(expected)]];
    });
    for (let i = 0; i < compared.length; i += 2) expect(compared[i]).toEqual(compared[i + 1]);
  });
}, 300_000);

testWithLibreOffice("the user's data with more units than the portable table has rows: the first twelve, and a note saying so", async () => {
  // 14 stores, one purchase each in September 2024 (45536 is 2024-09-01)
  const rows = Array.from({ length: 14 }, (_, i) => [`C${i}`, 45540 + i, 10 * (i + 1), `Store ${i + 1}`]);
  const sales = { name: "Sales", rows: [["Customer", "Date", "Amount", "Store"], ...rows] };
  const linked: ReportOptions = {
    ...options, inputs: EMPTY_INPUTS, locale: "en-US",
    source: { transactions: { sheet: "Sales", row: 1, column: 0, rows: 14, columns: 3, units: [{ offset: 3, name: "Store" }] } },
  };
  const report = buildReport(linked);
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cx-units-more-")), "report.xlsx");
  await specToXlsx(report, file, [sales]);
  const [values = new Map<string, unknown>()] = await recalculate(file);
  const dashboard = report.sheets[0]!;
  const heading = dashboard.cells.find((cell) => cell.value === "By Store: 2024-09") as { address: string };
  const top = Number(heading.address.slice(1)) + 1;
  const at = (address: string): unknown => values.get(`${dashboard.name}!${address}`);
  // the twelve largest of the first twelve stores of the list (Store 12 the largest), then together and the company
  expect(at(`A${top + 1}`)).toBe("Store 12");
  expect(at(`A${top + 12}`)).toBe("Store 1");
  expect(at(`A${top + 14}`)).toBe("Company");
  expect(at(`H${top + 14}`)).toBe(1050);
  expect(at(`A${top + 16}`)).toBe("The data has more units than this table shows: built-in formulas show the first 12 of the unit list; a CX report shows them all.");
}, 300_000);
