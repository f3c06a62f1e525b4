/**
 * The month-end cycle where real Excel differs from a plain in-memory workbook (issue: refresh, roll
 * forward and archive that hold in Excel): dynamic arrays that spill, requests Excel rejects halfway
 * at every position, values typed over formulas, protected sheets, rows inserted inside the report,
 * charts that read other sheets, functions still calculating (#BUSY!), page breaks.
 */
import { columnName } from "../../src/core/a1";
import { buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS, SAMPLE_UNIT_NAMES, type ReportOptions } from "../../src/report/buildReport";
import { issuedSheetName, rebuildReport, rolledForwardReport, type SheetContents } from "../../src/report/readBack";
import type { ReportSpec } from "../../src/report/sheetSpec";
import { describeActiveSheet } from "../../src/writer/activeSheet";
import { archiveReport } from "../../src/writer/archiveReport";
import { archiveEachUnit } from "../../src/writer/archiveUnits";
import { RefreshRefusedError, refreshReport, ReportWriteError, rollForwardReport, writeReport } from "../../src/writer/writeReport";
import { deleteSheet, fakeWorkbook, type FakeSheet, type FakeWorkbook } from "../helpers/fakeWorkbook";
import { reportSpills } from "../helpers/reportSpills";

const options: ReportOptions = {
  title: "Q3 customers", periodStart: 45474, periodEnd: 45565, currency: "CNY", locale: "en-US",
  formulaMode: "cx", targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: SAMPLE_INPUTS,
};
const TODAY = 45600;
const [DASHBOARD, DATA, WORKINGS] = ["Report 2024-Q3", "Data 2024-Q3", "Workings 2024-Q3"];
const noWait = async (): Promise<void> => undefined;

/** A workbook with the report written, its arrays spilling as Excel's would, and the month-end steps on it. */
async function written(overrides: Partial<ReportOptions> = {}) {
  const spills = reportSpills();
  const report = spills.register(buildReport({ ...options, ...overrides })) as ReportSpec;
  const book = fakeWorkbook(["Sheet1"], { spill: spills.model });
  await writeReport(book.context, report);
  book.syncs = 0;
  const sheet = (name: string): FakeSheet => book.sheets.find((s) => s.name === name) as FakeSheet;
  const learn = (built: ReportSpec | undefined): ReportSpec | undefined => spills.register(built);
  return {
    book, report, sheet, learn,
    refresh: (discardEdits = false) => refreshReport(book.context, (settings, contents: SheetContents) => learn(rebuildReport(settings, contents, TODAY)), { discardEdits }),
    rollForward: () => rollForwardReport(book.context, (settings, contents: SheetContents) => learn(rolledForwardReport(settings, contents, TODAY))),
    archive: () => archiveReport(book.context, issuedSheetName, { wait: noWait }),
  };
}

/** Everything the workbook holds, as plain data to compare: each sheet in order with all its parts. */
function state(book: FakeWorkbook): unknown {
  const sorted = <T>(entries: Iterable<T>): T[] => [...entries].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return JSON.parse(JSON.stringify(book.sheets.map((s) => ({
    name: s.name, cells: sorted(s.cells), formulas: sorted(s.formulaCells), formats: sorted(s.numberFormats), names: sorted(s.names),
    tables: sorted(s.tables), charts: s.charts, print: s.print ?? null, lights: s.conditionalFormats ?? [], protected: s.protected === true,
    gridlines: s.showGridlines ?? null, spilled: sorted(s.spilled),
  }))));
}

describe("dynamic arrays: what a CX anchor spills is the report's", () => {
  test.each(["en-US", "zh-CN"] as const)("a CX report with the trend (the pane's defaults, %s) refreshes; its spilled cells are not taken for the user's", async (locale) => {
    const { book, sheet, refresh } = await written({ locale });
    const workings = book.sheets.at(-1) as FakeSheet;
    expect(workings.spilled.size).toBeGreaterThan(100); // the three period tables' headers and rows
    expect([...workings.anchors.values()]).not.toContain("#SPILL!");
    const before = new Map(workings.spilled);
    await expect(refresh()).resolves.toMatchObject({ syncs: 5 });
    expect(new Map(sheet(workings.name).spilled)).toEqual(before);
    expect([...book.sheets.flatMap((s) => [...s.anchors.values()])]).not.toContain("#SPILL!");
  });
});

describe("a report by unit (DOMAIN.md §8) in Excel", () => {
  test("the by-unit table spills under the trend tables; refresh keeps the units typed in the table and the spill is the report's", async () => {
    const { book, sheet, refresh } = await written({ locale: "zh-CN", periodStart: 45536, periodEnd: 45565, unitNames: SAMPLE_UNIT_NAMES });
    const dashboard = book.sheets.find((s) => s.name === "管报 2024-09") as FakeSheet;
    const anchor = [...dashboard.formulaCells].find((key) => String(dashboard.cells.get(key)).startsWith("=CX.BY_UNIT("));
    expect(anchor).toBeDefined();
    expect(dashboard.anchors.get(anchor as string)).toBe("单元");
    const row = Number((anchor as string).slice(1));
    expect(dashboard.spilled.get(`A${row + 1}`)).toBe("华东");
    expect(dashboard.spilled.get(`A${row + 5}`)).toBe("公司整体");
    const workings = book.sheets.find((s) => s.name === "底稿 2024-09") as FakeSheet;
    const regions = [...workings.cells].filter(([, value]) => value === "华北").length;
    // each unit's share of revenue as a data bar in column N
    const bars = (s: FakeSheet) => (s.conditionalFormats ?? []).filter((format) => format.type === "DataBar");
    expect(bars(dashboard)).toEqual([{ range: `N${row + 1}:N${row + 6}`, type: "DataBar", color: "#5B9BD5" }]);
    // the unit selector: a list in H2, whose choice a refresh keeps (the user picks 华北 from it)
    expect(dashboard.validations).toEqual([{ range: "H2", source: "=Unit_List" }]);
    dashboard.cells.set("H2", "华北");
    await expect(refresh()).resolves.toMatchObject({ syncs: 5 });
    expect([...sheet("底稿 2024-09").cells].filter(([, value]) => value === "华北").length).toBe(regions);
    expect(sheet("管报 2024-09").spilled.get(`A${row + 1}`)).toBe("华东");
    expect(sheet("管报 2024-09").cells.get("H2")).toBe("华北");
    expect(sheet("管报 2024-09").validations).toEqual([{ range: "H2", source: "=Unit_List" }]);
    expect(bars(sheet("管报 2024-09"))).toHaveLength(1);
  });

  test("issue each unit: one protected sheet per unit of the list, each frozen on its unit; the selector put back", async () => {
    const { book } = await written({ locale: "zh-CN", periodStart: 45536, periodEnd: 45565, unitNames: SAMPLE_UNIT_NAMES });
    const dashboard = book.sheets.find((s) => s.name === "管报 2024-09") as FakeSheet;
    dashboard.cells.set("H2", "华南");
    const result = await archiveEachUnit(book.context, issuedSheetName, { wait: noWait });
    // the list as Excel sorts it (SORT of UNIQUE), each unit's sheet named after it
    expect(result.sheetNames).toEqual(["已发布 2024-09 华北", "已发布 2024-09 华东", "已发布 2024-09 华南"]);
    for (const [name, unit] of [["已发布 2024-09 华北", "华北"], ["已发布 2024-09 华东", "华东"], ["已发布 2024-09 华南", "华南"]] as const) {
      const issued = book.sheets.find((s) => s.name === name) as FakeSheet;
      expect(issued.cells.get("H2")).toBe(unit);
      expect(issued.protected).toBe(true);
      expect(issued.validations ?? []).toEqual([]);
      expect(issued.formulaCells.size).toBe(0);
    }
    expect(dashboard.cells.get("H2")).toBe("华南");
    expect(dashboard.validations).toEqual([{ range: "H2", source: "=Unit_List" }]);
  });

  test("issue each unit: Excel rejecting a step leaves no issued sheet and the selector as it was; a report without units is refused", async () => {
    const { book } = await written({ locale: "zh-CN", periodStart: 45536, periodEnd: 45565, unitNames: SAMPLE_UNIT_NAMES });
    const names = book.sheets.map((s) => s.name);
    book.failSync = 12;
    await expect(archiveEachUnit(book.context, issuedSheetName, { wait: noWait })).rejects.toBeInstanceOf(Error);
    expect(book.sheets.map((s) => s.name)).toEqual(names);
    expect(book.sheets.find((s) => s.name === "管报 2024-09")?.cells.get("H2")).toBe("全部");
    const plain = await written({ locale: "zh-CN", periodStart: 45536, periodEnd: 45565 });
    await expect(archiveEachUnit(plain.book.context, issuedSheetName, { wait: noWait })).rejects.toMatchObject({ reason: "noUnits" });
  });

  test("issued as values, the copy has no list to choose from; the live report keeps its own", async () => {
    const { book, archive } = await written({ locale: "zh-CN", periodStart: 45536, periodEnd: 45565, unitNames: SAMPLE_UNIT_NAMES });
    const issued = await archive();
    expect(book.sheets.find((s) => s.name === issued.sheetName)?.validations ?? []).toEqual([]);
    expect(book.sheets.find((s) => s.name === "管报 2024-09")?.validations).toEqual([{ range: "H2", source: "=Unit_List" }]);
  });
});

describe("a request Excel rejects at any position leaves the workbook exactly as it was", () => {
  type Written = Awaited<ReturnType<typeof written>>;
  /**
   * Runs a step once to count its requests, then again on a fresh report for each request in turn,
   * Excel rejecting that one: the step fails with what happened (untouched while it was reading), and
   * the workbook is as before, every sheet with every part.
   */
  async function rejectEach(mode: ReportOptions["formulaMode"], step: (w: Written) => Promise<unknown>, reads: number, requests: number, after?: (w: Written) => Promise<void>): Promise<void> {
    const once = await written({ formulaMode: mode });
    await step(once);
    expect(once.book.syncs).toBe(requests);
    for (let k = 1; k <= requests; k++) {
      const w = await written({ formulaMode: mode });
      const before = state(w.book);
      w.book.failSync = k;
      const failure = await step(w).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(ReportWriteError);
      expect([k, (failure as ReportWriteError).untouched, (failure as ReportWriteError).rolledBack]).toEqual([k, k <= reads, true]);
      expect(state(w.book)).toEqual(before);
      delete w.book.failSync;
      await after?.(w);
    }
  }

  test.each([["portable", 4], ["cx", 4]] as const)("refresh (%s): each request in turn, and the report refreshes afterwards (its marker and names all there)", async (mode, reads) => {
    await rejectEach(mode, (w) => w.refresh(), reads, reads + 1, async (w) => {
      await expect(w.refresh()).resolves.toMatchObject({ sheetNames: [DASHBOARD, DATA, WORKINGS] });
    });
  }, 60_000);

  test("roll forward: each request in turn; the old report is never touched and no new sheet is left", async () => {
    await rejectEach("cx", (w) => w.rollForward(), 5, 6); // the read (4) and the sheet names; then the write
  }, 60_000);

  test.each(["portable", "cx"] as const)("archive (%s): each request in turn, the copy gone whatever Excel had named it", async (mode) => {
    await rejectEach(mode, (w) => w.archive(), 3, 7, async (w) => {
      expect(w.book.sheets.map((s) => s.name)).toEqual(["Sheet1", DASHBOARD, DATA, WORKINGS]);
    });
  }, 60_000);
});

describe("what the user did to the report", () => {
  test("a value typed over a dashboard formula stops a refresh, naming the cell; asked to, refresh overwrites it", async () => {
    const { book, sheet, report, refresh } = await written({ formulaMode: "portable" });
    const formulaCell = (report.sheets[0] as ReportSpec["sheets"][number]).cells.find((cell) => cell.formula?.startsWith("=IFERROR(") === true) as { address: string };
    sheet(DASHBOARD).cells.set(formulaCell.address, 12345);
    sheet(DASHBOARD).formulaCells.delete(formulaCell.address);
    const before = state(book);
    const failure = await refresh().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(RefreshRefusedError);
    expect((failure as RefreshRefusedError).reason).toBe("editedCells");
    expect((failure as RefreshRefusedError).cells).toEqual([`'${DASHBOARD}'!${formulaCell.address}`]);
    expect(state(book)).toEqual(before);
    // typed-over inputs are not edits: they are read back
    await refresh(true);
    expect(sheet(DASHBOARD).formulaCells.has(formulaCell.address)).toBe(true);
    await expect(refresh()).resolves.toMatchObject({ sheetName: DASHBOARD });
  });

  test("a protected sheet of the report is refused before anything changes; archive too", async () => {
    const { book, sheet, refresh, archive } = await written();
    sheet(DATA).protected = true;
    const before = state(book);
    await expect(refresh()).rejects.toMatchObject({ reason: "protected", cells: [DATA] });
    expect(book.syncs).toBe(2);
    expect(state(book)).toEqual(before);
    sheet(DASHBOARD).protected = true;
    book.active = DASHBOARD;
    await expect(archive()).rejects.toMatchObject({ reason: "protected", cells: [DASHBOARD] });
    expect(book.sheets).toHaveLength(4);
  });

  test.each(["portable", "cx"] as const)("rows inserted inside the transactions (%s) are the report's: refresh follows them and reads the purchase typed there", async (mode) => {
    const { book, sheet, refresh } = await written({ formulaMode: mode });
    const workings = sheet(WORKINGS);
    const table = { ...(workings.tables.get("CX_Transactions") as { top: number; left: number; bottom: number }) };
    const at = table.top + 5; // a worksheet row inside the table's body (1-based)
    book.insertRows(WORKINGS, at);
    expect(workings.tables.get("CX_Transactions")?.bottom).toBe(table.bottom + 1); // Excel's table takes the row in
    const [customer, date, amount] = [0, 1, 2].map((j) => `${columnName(table.left + j)}${at}`) as [string, string, string];
    workings.cells.set(customer, "C-NEW");
    workings.cells.set(date, 45560);
    workings.cells.set(amount, 99);
    await expect(refresh()).resolves.toMatchObject({ sheetNames: [DASHBOARD, DATA, WORKINGS] });
    const after = sheet(WORKINGS);
    expect([...after.cells.values()]).toContain("C-NEW");
    expect((after.tables.get("CX_Transactions") as { bottom: number }).bottom).toBe(table.bottom + 1);
    // a row inserted in the dashboard with nothing in it is followed too; a note typed in one is the user's
    book.insertRows(DASHBOARD, 30);
    await expect(refresh()).resolves.toMatchObject({ sheetName: DASHBOARD });
    book.insertRows(DASHBOARD, 30);
    sheet(DASHBOARD).cells.set("A30", "my note");
    await expect(refresh()).rejects.toMatchObject({ reason: "userCells", cells: [`'${DASHBOARD}'!A30`] });
  });
});

describe("an issued report", () => {
  test.each(["portable", "cx"] as const)("its charts (%s) plot the issued sheet's own values, which stay when the live report goes", async (mode) => {
    const { book, archive } = await written({ formulaMode: mode });
    const { sheetName } = await archive();
    const issued = book.sheets.find((s) => s.name === sheetName) as FakeSheet;
    const live = book.sheets.find((s) => s.name === DASHBOARD) as FakeSheet;
    expect(issued.charts.map((chart) => chart.series.length)).toEqual(live.charts.map((chart) => chart.series.length));
    const ranges = issued.charts.flatMap((chart) => chart.series.flatMap((series) => [series.values, series.categories]));
    expect(ranges.length).toBeGreaterThan(4);
    for (const range of ranges) expect(range).toMatch(new RegExp(`^'${sheetName}'!\\$?[A-Z]+\\$?\\d+:`));
    // the customer trend's values, copied from the workings beside the issued dashboard
    const trend = live.charts.find((chart) => chart.series.some((series) => series.values?.startsWith(`'${WORKINGS}'`) === true));
    expect(trend).toBeDefined();
    const before = JSON.stringify(issued.charts);
    for (const name of [DASHBOARD, DATA, WORKINGS]) deleteSheet(book, name);
    expect(JSON.stringify(issued.charts)).toBe(before);
    expect(before).not.toContain("#REF!");
    // the quarters without customers at their start have no churn: #N/A, a gap in the line, kept as one
    // (the add-in's functions compute it here; the fake does not calculate built-in formulas)
    if (mode === "cx") expect([...issued.cells.values()].filter((value) => value === "=NA()").length).toBeGreaterThan(0);
  });

  test("archive waits while the functions calculate, and issues no #BUSY!", async () => {
    const { book, archive } = await written();
    book.calculating = 4;
    const { sheetName } = await archive();
    const issued = book.sheets.find((s) => s.name === sheetName) as FakeSheet;
    expect([...issued.cells.values()]).not.toContain("#BUSY!");
    expect(issued.cells.size).toBeGreaterThan(300);
  });

  test("archive refuses figures that never settle, naming the cells, and makes nothing", async () => {
    const { book, archive } = await written();
    book.calculating = 1_000;
    const failure = await archive().catch((error: unknown) => error);
    expect((failure as RefreshRefusedError).reason).toBe("notSettled");
    expect((failure as RefreshRefusedError).cells[0]).toMatch(/^[A-Z]+\d+$/);
    expect(book.sheets).toHaveLength(4);
  });

  test("archive refuses a dashboard that shows errors (its data sheet deleted: #REF!), naming them", async () => {
    const { book, archive } = await written({ formulaMode: "portable" });
    deleteSheet(book, DATA);
    book.active = DASHBOARD;
    const failure = await archive().catch((error: unknown) => error);
    expect((failure as RefreshRefusedError).reason).toBe("errorCells");
    expect((failure as RefreshRefusedError).cells.length).toBeGreaterThan(0);
    expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", DASHBOARD, WORKINGS]);
  });
});

describe("the monthly cycle keeps every part of the report exactly once", () => {
  test.each([["cx", "en-US"], ["cx", "zh-CN"], ["portable", "en-US"], ["portable", "zh-CN"]] as const)("%s, %s: refreshed three times and rolled forward twice", async (mode, locale) => {
    const w = await written({ formulaMode: mode, locale });
    const check = (report: ReportSpec | undefined, names: readonly string[]): void => {
      expect(report).toBeDefined();
      (report as ReportSpec).sheets.forEach((spec, k) => {
        const on = w.book.sheets.find((s) => s.name === names[k]) as FakeSheet;
        expect([...on.names.keys()].sort()).toEqual([...spec.names.map((n) => n.name), "CX_Report", "CX_Report_Cells", "CX_Report_Formulas", "CX_Report_Layout"].sort());
        expect(on.charts).toHaveLength(spec.charts.length);
        // two rules per traffic light, and the cohort table's colour scale
        expect(on.conditionalFormats ?? []).toHaveLength(2 * spec.trafficLights.length + (spec.colorScales ?? []).length);
        expect((on.conditionalFormats ?? []).filter((format) => format.type === "ColorScale").map((format) => format.range)).toEqual((spec.colorScales ?? []).map((scale) => scale.range));
        expect(on.print?.["rowBreaks"] ?? []).toEqual(spec.print?.rowBreaks ?? []);
        expect(on.tables.size).toBe(spec.tables.length);
      });
      expect(w.book.sheets.flatMap((s) => [...s.anchors.values()])).not.toContain("#SPILL!");
    };
    let latest: ReportSpec | undefined = buildReport({ ...options, formulaMode: mode, locale });
    let names = latest.sheets.map((s) => s.name);
    for (let i = 0; i < 3; i++) {
      const done = await refreshReport(w.book.context, (settings, contents) => (latest = w.learn(rebuildReport(settings, contents, TODAY))));
      names = [...(done.sheetNames ?? [])];
      check(latest, names);
    }
    for (let i = 0; i < 2; i++) {
      const done = await rollForwardReport(w.book.context, (settings, contents) => (latest = w.learn(rolledForwardReport(settings, contents, TODAY))));
      names = [...(done.sheetNames ?? [])];
      check(latest, names);
    }
    expect(w.book.sheets).toHaveLength(10);
  }, 60_000);
});

describe("what the active sheet is, for the pane's month-end buttons", () => {
  test("a report's sheet, its issued copy (marked with its period and live report), or neither; a period not ended is not issued", async () => {
    const { book, archive } = await written();
    book.active = WORKINGS;
    expect(await describeActiveSheet(book.context)).toMatchObject({ kind: "report", dashboard: DASHBOARD });
    // on 2024-09-30 the third quarter has not ended: it cannot have been issued
    book.active = DASHBOARD;
    await expect(archiveReport(book.context, issuedSheetName, { wait: noWait, today: 45565 })).rejects.toMatchObject({ reason: "notEnded", cells: ["2024-Q3", "2024-09-30"] });
    expect(book.sheets).toHaveLength(4);
    const { sheetName } = await archive();
    expect(await describeActiveSheet(book.context)).toEqual({ kind: "issued", period: "2024-Q3", report: DASHBOARD });
    expect(book.active).toBe(sheetName);
    book.active = "Sheet1";
    expect(await describeActiveSheet(book.context)).toEqual({ kind: "other" });
  });
});

test("the month-end order: archive the period, then roll forward; archiving the new period before it has ended is refused, and issued sheets stand after the report's", async () => {
  const { book, rollForward } = await written();
  // on 2024-10-05 the third quarter has ended: it is issued, after the report's three sheets
  await archiveReport(book.context, issuedSheetName, { wait: noWait, today: 45570 });
  expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", DASHBOARD, DATA, WORKINGS, "Issued 2024-09"]);
  book.active = DASHBOARD;
  const next = await rollForward();
  expect(next.sheetName).toBe("Report 2024-Q4");
  expect(book.active).toBe("Report 2024-Q4");
  // the fourth quarter, active now, has not ended on 2024-10-05: Archive does not issue it
  await expect(archiveReport(book.context, issuedSheetName, { wait: noWait, today: 45570 })).rejects.toMatchObject({ reason: "notEnded", cells: ["2024-Q4", "2024-12-31"] });
  expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", DASHBOARD, DATA, WORKINGS, "Issued 2024-09", "Report 2024-Q4", "Data 2024-Q4", "Workings 2024-Q4"]);
});
