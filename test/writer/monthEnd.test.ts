/**
 * The month-end cycle on the in-memory workbook. "Archive as issued": the active report is copied into a sheet named for
 * its period, every formula replaced by the value it shows, the sheet protected and unmarked (a
 * refresh refuses it), the live report untouched; a sheet that is not a report is refused, and a
 * rejected copy is removed again. "Roll forward": the same report for the next period in a new sheet.
 */
import { columnIndex } from "../../src/core/a1";
import { buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS, type ReportOptions } from "../../src/report/buildReport";
import { issuedSheetName, nextPeriod, rebuildReport, rolledForwardReport } from "../../src/report/readBack";
import { archiveReport } from "../../src/writer/archiveReport";
import { RefreshRefusedError, REPORT_MARKER, refreshReport, ReportWriteError, rollForwardReport, writeReport } from "../../src/writer/writeReport";
import { fakeWorkbook, type FakeSheet } from "../helpers/fakeWorkbook";

const options: ReportOptions = {
  title: "Q3 customers", periodStart: 45474, periodEnd: 45565, currency: "CNY", locale: "en-US",
  formulaMode: "portable", targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: SAMPLE_INPUTS,
};

async function written(locale: ReportOptions["locale"] = "en-US") {
  const book = fakeWorkbook(["Sheet1"]);
  const { sheetName, sheetNames = [] } = await writeReport(book.context, buildReport({ ...options, locale }));
  book.syncs = 0;
  const named = (name: string | undefined): FakeSheet => book.sheets.find((s) => s.name === name) as FakeSheet;
  return { book, live: named(sheetName), data: named(sheetNames[1]), sheetNames };
}

test("the issued sheet is named for the month of the period end, in the report's language", () => {
  expect(issuedSheetName({ ...options, sections: { dimensions: true, satisfaction: true, lifecycle: true, rfm: true } })).toBe("Issued 2024-09");
  expect(issuedSheetName({ ...options, locale: "zh-CN", sections: { dimensions: true, satisfaction: true, lifecycle: true, rfm: true } })).toBe("已发布 2024-09");
  expect(issuedSheetName({ title: 1 })).toBeUndefined();
});

test("the report is copied as values into a protected sheet after it; the live report keeps its formulas", async () => {
  const { book, live } = await written();
  const liveCells = new Map(live.cells);
  const liveFormulas = new Set(live.formulaCells);
  const result = await archiveReport(book.context, issuedSheetName);
  expect(result).toEqual({ sheetName: "Issued 2024-09", syncs: 7 });
  const issued = book.sheets.find((s) => s.name === "Issued 2024-09") as FakeSheet;
  expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", live.name, "Data 2024-Q3", "Workings 2024-Q3", "Issued 2024-09"]); // the dashboard only, after the report's sheets
  // Every cell shows what the live one showed (this workbook's value of a formula cell is its text), and none is a formula.
  expect(issued.formulaCells.size).toBe(0);
  expect(liveFormulas.size).toBeGreaterThan(50); // the dashboard's figures
  for (const [key, value] of liveCells) expect([key, issued.cells.get(key)]).toEqual([key, value]);
  // Beside them, two columns right of the dashboard, the values its charts read on the workings (the customer trend)
  const right = Math.max(...[...liveCells.keys()].map((key) => columnIndex(key.replace(/\d+$/, ""))));
  const extra = [...issued.cells.keys()].filter((key) => !liveCells.has(key));
  expect(extra.length).toBeGreaterThan(0);
  for (const key of extra) expect(columnIndex(key.replace(/\d+$/, ""))).toBeGreaterThan(right + 1);
  expect(issued.protected).toBe(true);
  expect(issued.names.has(REPORT_MARKER)).toBe(false);
  expect(issued.tables.size).toBe(live.tables.size);
  expect(issued.charts.length).toBe(live.charts.length);
  expect(book.active).toBe("Issued 2024-09");
  // The live report is as it was.
  expect(live.cells).toEqual(liveCells);
  expect(live.formulaCells).toEqual(liveFormulas);
  expect(live.names.has(REPORT_MARKER)).toBe(true);
  // A refresh leaves the issued sheet alone.
  await expect(refreshReport(book.context, (settings, contents) => rebuildReport(settings, contents, 45600))).rejects.toBeInstanceOf(RefreshRefusedError);
});

test("archiving twice in a month keeps both, under unique names; text that looks like a formula stays text", async () => {
  const { book, live } = await written("zh-CN");
  live.cells.set("A5", "=Q3 results");
  await archiveReport(book.context, issuedSheetName);
  book.active = live.name;
  const second = await archiveReport(book.context, issuedSheetName);
  expect(second.sheetName).toBe("已发布 2024-09 (2)");
  const issued = book.sheets.find((s) => s.name === second.sheetName) as FakeSheet;
  expect([issued.cells.get("A5"), issued.formulaCells.has("A5")]).toEqual(["=Q3 results", false]);
});

test("a sheet that is not a report is refused before anything is made", async () => {
  const book = fakeWorkbook(["Sheet1"]);
  (book.sheets[0] as FakeSheet).cells.set("A1", "my notes");
  await expect(archiveReport(book.context, issuedSheetName)).rejects.toMatchObject({ reason: "notReport" });
  expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
});

test("when Excel rejects the copy's values, the copy is removed and the live report is untouched", async () => {
  const { book, live, sheetNames } = await written();
  const before = new Map(live.cells);
  book.failSync = 5; // the request that writes the values
  const error = await archiveReport(book.context, issuedSheetName).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ReportWriteError);
  expect((error as ReportWriteError).rolledBack).toBe(true);
  expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", ...sheetNames]);
  expect(live.cells).toEqual(before);
});

describe("roll forward", () => {
  test("the next period after a month, a quarter, a half-year and a year is the next of the same; any other span moves by its days", () => {
    const day = (iso: string): number => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
    const next = (from: string, to: string): [number, number] => {
      const period = nextPeriod(day(from), day(to));
      return [period.start, period.end];
    };
    expect(next("2024-01-01", "2024-01-31")).toEqual([day("2024-02-01"), day("2024-02-29")]);
    expect(next("2024-07-01", "2024-09-30")).toEqual([day("2024-10-01"), day("2024-12-31")]);
    expect(next("2024-11-01", "2024-11-30")).toEqual([day("2024-12-01"), day("2024-12-31")]);
    expect(next("2024-12-01", "2024-12-31")).toEqual([day("2025-01-01"), day("2025-01-31")]);
    expect(next("2024-01-01", "2024-06-30")).toEqual([day("2024-07-01"), day("2024-12-31")]);
    expect(next("2024-01-01", "2024-12-31")).toEqual([day("2025-01-01"), day("2025-12-31")]);
    expect(next("2024-03-10", "2024-03-16")).toEqual([day("2024-03-17"), day("2024-03-23")]);
  });

  test("the active report is written again for the next period into three new sheets, with its typed figures; the old ones are left as they are", async () => {
    const { book, live, data, sheetNames } = await written();
    const lost = (data.names.get("Prospects") as string).replace(/^=.*!/, "").replace(/\$/g, "");
    data.cells.set(lost, 7777);
    const before = [live, data].map((sheet) => new Map(sheet.cells));
    book.active = data.name; // from any sheet of the report
    const result = await rollForwardReport(book.context, (settings, contents) => rolledForwardReport(settings, contents, 45700));
    expect(result.syncs).toBe(6);
    expect(result.sheetNames).toEqual(["Report 2024-Q4", "Data 2024-Q4", "Workings 2024-Q4"]);
    const next = book.sheets.find((s) => s.name === result.sheetName) as FakeSheet;
    const nextData = book.sheets.find((s) => s.name === "Data 2024-Q4") as FakeSheet;
    expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", ...sheetNames, ...(result.sheetNames ?? [])]);
    expect([live, data].map((sheet) => new Map(sheet.cells))).toEqual(before);
    // B2:C2 hold the period: 2024-10-01 to 2024-12-31; the typed figure came along.
    expect([next.cells.get("B2"), next.cells.get("C2"), next.cells.get("B4")]).toEqual([45566, 45657, 45700]);
    expect(nextData.cells.get((nextData.names.get("Prospects") as string).replace(/^=.*!/, "").replace(/\$/g, ""))).toBe(7777);
    expect(JSON.parse(String(next.names.get(REPORT_MARKER)?.match(/"((?:[^"]|"")*)"/g)?.map((m) => m.slice(1, -1).replace(/""/g, '"')).join(""))).settings.periodEnd).toBe(45657);
  });

  test("a sheet that is not a report is refused; nothing is written", async () => {
    const book = fakeWorkbook(["Sheet1"]);
    await expect(rollForwardReport(book.context, (settings, contents) => rolledForwardReport(settings, contents, 45700))).rejects.toMatchObject({ reason: "notReport" });
    expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });
});

test("a report on database query results refreshes and rolls forward like any other, keeping its links", async () => {
  const book = fakeWorkbook(["Sheet1", "Summary", "Bridge"]);
  const source = { customerSummary: { sheet: "Summary", row: 1, column: 0, rows: 30, columns: 10 }, periodTable: { sheet: "Bridge", row: 1, column: 0, rows: 12, columns: 9 } };
  const { sheetName, sheetNames = [] } = await writeReport(book.context, buildReport({ ...options, formulaMode: "cx", source }));
  book.active = sheetName;
  const refreshed = await refreshReport(book.context, (settings, contents) => rebuildReport(settings, contents, 45600));
  expect(refreshed.sheetName).toBe(sheetName);
  const data = book.sheets.find((s) => s.name === sheetNames[1]) as FakeSheet;
  expect(data.names.get("Sum_Revenue")).toBe("='Summary'!$F$2:$F$31");
  const rolled = await rollForwardReport(book.context, (settings, contents) => rolledForwardReport(settings, contents, 45700));
  const next = book.sheets.find((s) => s.name === rolled.sheetNames?.[1]) as FakeSheet;
  expect(next.names.get("Sum_Revenue")).toBe("='Summary'!$F$2:$F$31");
  expect([...next.formulaCells].some((key) => String(next.cells.get(key)).startsWith(`=INDEX('Bridge'!$D$2:$D$13,MATCH('${rolled.sheetName}'!Period_Start,`))).toBe(true);
});
