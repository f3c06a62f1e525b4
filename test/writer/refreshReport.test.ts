/**
 * Refresh on an in-memory workbook: a report is written, edited as a user would (a figure typed
 * over, a row added to an input table), and rebuilt in place from its stored settings; a sheet that
 * is not a report, or that holds the user's own cells beside the report, is refused before anything
 * changes; a rejected rewrite puts every cell back.
 */
import { columnName } from "../../src/core/a1";
import { ALL_SECTIONS, buildReport, DEFAULT_TARGETS, EMPTY_INPUTS, SAMPLE_INPUTS, type ReportOptions } from "../../src/report/buildReport";
import { followTables, inputsFromSheet, rebuildReport } from "../../src/report/readBack";
import { cellAreas, RefreshRefusedError, REPORT_MARKER, refreshReport, ReportWriteError, textFormula, writeReport, WRITTEN_CELLS } from "../../src/writer/writeReport";
import { fakeWorkbook, type FakeSheet } from "../helpers/fakeWorkbook";

const options: ReportOptions = {
  title: "Q3 customers", periodStart: 45474, periodEnd: 45565, currency: "CNY", locale: "en-US",
  formulaMode: "portable", targets: { ...DEFAULT_TARGETS, nps: 25 }, generatedOn: 45570, inputs: SAMPLE_INPUTS,
};
const TODAY = 45600;
const rebuild = (settings: unknown, contents: Parameters<typeof rebuildReport>[1]) => rebuildReport(settings, contents, TODAY);

async function written(mode: ReportOptions["formulaMode"] = "portable") {
  const book = fakeWorkbook(["Sheet1"]);
  await writeReport(book.context, buildReport({ ...options, formulaMode: mode }));
  book.syncs = 0;
  const sheetNamed = (name: string): FakeSheet => book.sheets.find((s) => s.name === name) as FakeSheet;
  return { book, sheet: sheetNamed(DASHBOARD), data: sheetNamed(DATA), workings: sheetNamed(WORKINGS), sheetNamed };
}
const [DASHBOARD, DATA, WORKINGS] = ["Report 2024-Q3", "Data 2024-Q3", "Workings 2024-Q3"];
const nameRange = (sheet: FakeSheet, name: string): string => (sheet.names.get(name) as string).replace(/^=.*!/, "").replace(/\$/g, "");

test("the writer marks each sheet with the settings, the report's sheets and the names its tables got", async () => {
  const { sheet, data, workings } = await written();
  for (const [marked, role] of [[sheet, "dashboard"], [data, "data"], [workings, "workings"]] as const) {
    const marker = marked.names.get(REPORT_MARKER) as string;
    expect(marker.startsWith('="{')).toBe(true);
    // every text literal keeps under Excel's 255-character cap
    for (const literal of marker.matchAll(/"((?:[^"]|"")*)"/g)) expect((literal[1] as string).replace(/""/g, '"').length).toBeLessThanOrEqual(200);
    const text = [...marker.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] as string).replace(/""/g, '"')).join("");
    const parsed = JSON.parse(text) as { sheets: unknown; role: string; tables: Record<string, string> };
    expect(parsed.sheets).toEqual({ dashboard: DASHBOARD, data: DATA, workings: WORKINGS });
    expect(parsed.role).toBe(role);
    expect(Object.keys(parsed.tables)).toEqual(["CX_Survey", "CX_Channels", "CX_Engagement", "CX_Budget", "CX_Transactions"]);
  }
  expect([...data.tables.keys()]).toEqual(["CX_Survey", "CX_Channels", "CX_Engagement", "CX_Budget"]);
  expect([...workings.tables.keys()]).toEqual(["CX_Transactions"]);
});

test("the settings kept with a sheet stay far below Excel's 8,192-character formula limit, whatever the pane allows", async () => {
  const book = fakeWorkbook(["Sheet1"]);
  const source = { transactions: { sheet: "S".repeat(31), row: 1, column: 0, rows: 9, columns: 3, table: "T".repeat(200) } };
  await writeReport(book.context, buildReport({ ...options, title: "标".repeat(120), inputs: EMPTY_INPUTS, source: { ...source, survey: source.transactions, costs: source.transactions } }));
  expect(((book.sheets[1] as FakeSheet).names.get(REPORT_MARKER) as string).length).toBeLessThan(4500);
});

test("a text formula joins literals of at most 200 characters and doubles quotes", () => {
  expect(textFormula('say "hi"')).toBe('="say ""hi"""');
  const long = textFormula("x".repeat(450));
  expect(long).toBe(`="${"x".repeat(200)}"&"${"x".repeat(200)}"&"${"x".repeat(50)}"`);
  expect(textFormula("")).toBe('=""');
});

test("refresh rebuilds all three sheets in place from its settings and the data they hold now, from whichever is active", async () => {
  const { book, sheet, data, workings, sheetNamed } = await written();
  // The user types over a figure and adds a purchase in the row below the transaction table, which Excel's table takes in.
  const lost = nameRange(data, "Gross_Margin");
  data.cells.set(lost, 0.38);
  // and shortens the lapse window of the period tables, and raises the NPS target on the dashboard
  data.cells.set(nameRange(data, "Lapse_Days"), 120);
  sheet.cells.set(nameRange(sheet, "Target_NPS"), 40);
  // and types a revenue target into the period figures' blank target cell
  sheet.cells.set(nameRange(sheet, "Target_Revenue"), 6000);
  const transactions = workings.tables.get("CX_Transactions") as { top: number; left: number; bottom: number; right: number };
  const newRow = transactions.bottom + 2;
  const [customer, date, amount] = [0, 1, 2].map((j) => columnName(transactions.left + j));
  workings.cells.set(`${customer}${newRow}`, "C-9999");
  workings.cells.set(`${date}${newRow}`, 45560);
  workings.cells.set(`${amount}${newRow}`, 123.5);
  transactions.bottom += 1;
  const before = new Map(sheet.cells);

  book.active = WORKINGS;
  const result = await refreshReport(book.context, rebuild);
  expect(result).toEqual({ sheetName: DASHBOARD, sheetNames: [DASHBOARD, DATA, WORKINGS], syncs: 5 });
  expect(book.sheets.map((s) => s.name)).toEqual(["Sheet1", DASHBOARD, DATA, WORKINGS]);
  const [after, dataAfter, workingsAfter] = [sheetNamed(DASHBOARD), sheetNamed(DATA), sheetNamed(WORKINGS)] as [FakeSheet, FakeSheet, FakeSheet];
  // the typed-over figure and the new row are kept; the names and working columns cover the new row
  expect(dataAfter.cells.get(lost)).toBe(0.38);
  expect(dataAfter.cells.get(nameRange(dataAfter, "Lapse_Days"))).toBe(120);
  expect(sheetNamed(DASHBOARD).cells.get(nameRange(sheetNamed(DASHBOARD), "Target_NPS"))).toBe(40);
  expect(sheetNamed(DASHBOARD).cells.get(nameRange(sheetNamed(DASHBOARD), "Target_Revenue"))).toBe(6000);
  expect(workingsAfter.cells.get(`${customer}${newRow}`)).toBe("C-9999");
  expect(nameRange(workingsAfter, "Tx_Customer")).toBe(`${customer}5:${customer}${newRow}`);
  expect(workingsAfter.cells.get(`${columnName(transactions.left + 10)}${newRow}`)).toMatch(/^=IF\(/);
  // the settings are the stored ones (the churn target 5 %) but for the typed-over NPS target, the generation date is today
  expect(after.cells.get(nameRange(after, "Target_Churn"))).toBe(0.05);
  expect([...after.cells.values()]).not.toContain(25);
  expect(after.cells.get("B4")).toBe(TODAY);
  expect(after.cells.get("B4")).not.toBe(before.get("B4"));
  expect(after.charts.map((chart) => chart.type)).toEqual(["ColumnClustered", "ColumnStacked", "Line", "Line", "Pie", "ColumnClustered"]);
  for (const each of [after, dataAfter, workingsAfter]) expect(each.names.has(REPORT_MARKER)).toBe(true);
  // refreshing again changes nothing more
  const once = [after, dataAfter, workingsAfter].map((each) => new Map(each.cells));
  await refreshReport(book.context, rebuild);
  expect([DASHBOARD, DATA, WORKINGS].map((name) => new Map(sheetNamed(name).cells))).toEqual(once);
});

test("a report with a sheet deleted is refused before anything changes, naming the sheet", async () => {
  const { book } = await written();
  book.sheets = book.sheets.filter((s) => s.name !== WORKINGS);
  const failure = await refreshReport(book.context, rebuild).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(RefreshRefusedError);
  expect((failure as RefreshRefusedError).reason).toBe("missingSheets");
  expect((failure as RefreshRefusedError).cells).toEqual([WORKINGS]);
  expect(book.syncs).toBe(1);
});

test("the read-back keeps text where a number belongs, so the refreshed sheet shows the same error", async () => {
  const { data } = await written("cx");
  const survey = data.tables.get("CX_Survey") as { left: number; top: number };
  const contents = {
    scalars: { Customers_Start: "n/a", Customers_Lost: 50 },
    tables: { CX_Survey: [[9, 5, 8], ["", "", ""], [10, "", 7], ["", "", ""]], CX_Channels: [["Web", "=CX.CAC(U8,V8)", 500, 4]] },
  };
  const inputs = inputsFromSheet(contents);
  expect(inputs.customersStart).toBe("n/a");
  expect(inputs.customersLost).toBe(50);
  // a blank row inside is kept (a skipped answer); the blank rows at the end are dropped
  expect(inputs.npsAnswers).toEqual([9, undefined, 10]);
  expect(inputs.csatAnswers).toEqual([5, undefined, undefined]);
  expect(inputs.channels).toEqual([{ name: { "en-US": "Web", "zh-CN": "Web" }, spend: 500, newCustomers: 4 }]);
  expect(survey.top).toBe(3); // header row 4, zero-based 3
});

test("a sheet the add-in did not make is refused, and nothing changes", async () => {
  const { book } = await written();
  book.active = "Sheet1";
  const failure = await refreshReport(book.context, rebuild).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(RefreshRefusedError);
  expect((failure as RefreshRefusedError).reason).toBe("notReport");
  expect(book.syncs).toBe(1);
});

test("the user's own cells beside the report stop a refresh before anything changes", async () => {
  const { book, sheet, data } = await written();
  sheet.cells.set("F3", "note: check Q2 figures");
  sheet.cells.set("B200", 42);
  data.cells.set("C4", "ask finance");
  const before = [sheet, data].map((each) => new Map(each.cells));
  const failure = await refreshReport(book.context, rebuild).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(RefreshRefusedError);
  expect((failure as RefreshRefusedError).reason).toBe("userCells");
  expect((failure as RefreshRefusedError).cells).toEqual([`'${DASHBOARD}'!F3`, `'${DASHBOARD}'!B200`, `'${DATA}'!C4`]);
  expect(book.syncs).toBe(4); // the marker, the inputs, the cells (two reads); no write
  expect([sheet, data].map((each) => new Map(each.cells))).toEqual(before);
});

test("each sheet lists the cells the report wrote on it, as areas", async () => {
  const { sheet, data, workings } = await written();
  const report = buildReport(options);
  for (const [written, role] of [[sheet, "dashboard"], [data, "data"], [workings, "workings"]] as const) {
    // a reference Excel moves with the cells: 'Report 2024-Q3'!$A$1:$A$7,'Report 2024-Q3'!$B$2,…
    const reference = written.names.get(WRITTEN_CELLS) as string;
    expect(reference.startsWith(`='${written.name}'!$A$1`)).toBe(true);
    const list = reference.slice(1).split(",").map((part) => part.replace(/^'[^']*'!/, "").replace(/\$/g, "")).join(",");
    // every cell of the list's areas, and no other, is a cell of the spec
    const listed = list.split(",").flatMap((area) => {
      const [from, to = from] = area.split(":") as [string, string?];
      const column = from.replace(/\d+$/, "");
      const [top, bottom] = [Number(from.replace(/^[A-Z]+/, "")), Number((to as string).replace(/^[A-Z]+/, ""))];
      return Array.from({ length: bottom - top + 1 }, (_, k) => `${column}${top + k}`);
    });
    const spec = report.sheets.find((each) => each.role === role) as { cells: readonly { address: string }[] };
    expect(new Set(listed)).toEqual(new Set(spec.cells.map((cell) => cell.address)));
    expect(listed).toHaveLength(spec.cells.length);
  }
  expect(cellAreas(["B3", "A2", "A1", "B4", "A4", "C9"])).toBe("A1:A2,A4,B3:B4,C9");
});

test("a report a later version lays out otherwise refreshes (the report's old cells are known); the user's own cell still stops it", async () => {
  // the later version: the same report without its lifecycle table and RFM segments, so their cells are no longer the report's
  const laidOut = (settings: unknown, contents: Parameters<typeof rebuildReport>[1]) => {
    const rebuilt = rebuild(settings, contents);
    return rebuilt === undefined ? undefined : buildReport({ ...options, sections: { ...ALL_SECTIONS, lifecycle: false, rfm: false } });
  };
  const { book, sheet } = await written();
  sheet.cells.set("B300", "my note");
  const failure = await refreshReport(book.context, laidOut).catch((error: unknown) => error);
  expect((failure as RefreshRefusedError).cells).toEqual([`'${DASHBOARD}'!B300`]);
  sheet.cells.delete("B300");
  await expect(refreshReport(book.context, laidOut)).resolves.toMatchObject({ sheetNames: [DASHBOARD, DATA, WORKINGS] });
  // a report written before the list was kept: its old cells cannot be told from the user's, so refresh
  // refuses and says why (the pane suggests roll forward); a report laid out as now still refreshes
  const old = await written();
  for (const each of [old.sheet, old.data, old.workings]) each.names.delete(WRITTEN_CELLS);
  const refused = await refreshReport(old.book.context, laidOut).catch((error: unknown) => error);
  expect((refused as RefreshRefusedError).reason).toBe("earlierLayout");
  expect((refused as RefreshRefusedError).cells?.[0]).toMatch(/^'Report 2024-Q3'!A\d+$/);
  await expect(refreshReport(old.book.context, rebuild)).resolves.toMatchObject({ sheetNames: [DASHBOARD, DATA, WORKINGS] });
});

test("a rejected rewrite puts every cell of every sheet back", async () => {
  const { book, sheet, data, workings } = await written();
  data.cells.set(nameRange(data, "Prospects"), 5000);
  const before = [sheet, data, workings].map((each) => new Map(each.cells));
  book.failSync = 5;
  const failure = await refreshReport(book.context, rebuild).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(ReportWriteError);
  expect((failure as ReportWriteError).rolledBack).toBe(true);
  expect(book.syncs).toBe(7); // the read (4), the rejected write, what is left on the sheets, and the sheets as they were
  expect([DASHBOARD, DATA, WORKINGS].map((name) => new Map((book.sheets.find((s) => s.name === name) as FakeSheet).cells))).toEqual(before);
});

test("a report on the user's Excel table follows the table when it grows", async () => {
  const book = fakeWorkbook(["Sales"]);
  const sales = book.sheets[0] as FakeSheet;
  const rows = [["Customer", "Date", "Amount"], ["C-1", 45500, 120], ["C-2", 45510, 80], ["C-1", 45520, 60]];
  rows.forEach((row, r) => row.forEach((value, c) => sales.cells.set(`${columnName(c)}${r + 1}`, value)));
  sales.tables.set("SalesTable", { top: 0, left: 0, bottom: 3, right: 2 });
  const source = { transactions: { sheet: "Sales", row: 1, column: 0, rows: 3, columns: 3, table: "SalesTable" } };
  await writeReport(book.context, buildReport({ ...options, formulaMode: "cx", inputs: EMPTY_INPUTS, source }));
  const report = book.sheets.find((s) => s.name === DATA) as FakeSheet;
  expect(report.names.get("Tx_Customer")).toBe("='Sales'!$A$2:$A$4");
  // two more purchases: the table grows
  sales.cells.set("A5", "C-3");
  sales.cells.set("A6", "C-1");
  (sales.tables.get("SalesTable") as { bottom: number }).bottom = 5;
  book.active = report.name;
  await refreshReport(book.context, rebuild);
  expect((book.sheets.find((s) => s.name === DATA) as FakeSheet).names.get("Tx_Customer")).toBe("='Sales'!$A$2:$A$6");
  expect((book.sheets.find((s) => s.name === DATA) as FakeSheet).names.get("Tx_Amount")).toBe("='Sales'!$C$2:$C$6");
  // the user's sheet is not touched
  expect(sales.cells.get("A6")).toBe("C-1");
  expect(sales.cells.size).toBe(14);
});

test("links to ranges that are not tables stay as picked", () => {
  const range = { sheet: "S", row: 1, column: 0, rows: 3, columns: 3 };
  expect(followTables({ survey: range }, { Other: "S!A2:C99" })).toEqual({ survey: range });
  expect(followTables({ costs: { ...range, table: "T" } }, { T: "'S x'!$B$3:$D$9" })).toEqual({ costs: { ...range, table: "T", row: 2, column: 1, rows: 7 } });
});

test("the values a CX formula spills are the report's, not the user's: refresh goes ahead", async () => {
  const { book, sheet } = await written("cx");
  // what Excel shows once CX.RFM_SUMMARY has spilled: 12 rows × 5 columns under and beside its cell
  const anchor = [...sheet.cells.entries()].find(([, value]) => String(value).startsWith("=CX.RFM_SUMMARY("))?.[0] as string;
  const top = Number(anchor.slice(1));
  for (let r = 0; r < 12; r++) for (let c = 0; c < 5; c++) if (r > 0 || c > 0) sheet.cells.set(`${columnName(c)}${top + r}`, r === 0 ? "header" : c === 0 ? "segment" : r * c);
  const result = await refreshReport(book.context, rebuild);
  expect(result.syncs).toBe(5); // the read asks where the arrays spill (4), then the write
});

test("refresh sets the dashboard's page break once, however often it runs (Excel keeps breaks until removed)", async () => {
  const { book, sheet } = await written();
  const breaks = buildReport(options).sheets[0]?.print?.rowBreaks;
  expect(breaks?.length).toBe(1);
  expect(sheet.print?.["rowBreaks"]).toEqual(breaks);
  for (let i = 0; i < 2; i++) await refreshReport(book.context, rebuild);
  expect((book.sheets.find((s) => s.name === DASHBOARD) as FakeSheet).print?.["rowBreaks"]).toEqual(breaks);
});

test("a report from before the cells were kept as references (text, =\"A1:A7,B2\") still refreshes, and gets the references", async () => {
  const { book, sheet, data, workings } = await written();
  for (const each of [sheet, data, workings]) {
    const areas = (each.names.get(WRITTEN_CELLS) as string).slice(1).split(",").map((part) => part.replace(/^'[^']*'!/, "").replace(/\$/g, "")).join(",");
    each.names.set(WRITTEN_CELLS, textFormula(areas));
    each.names.delete("CX_Report_Formulas");
    each.names.delete("CX_Report_Layout");
  }
  sheet.cells.set("B300", "my note");
  await expect(refreshReport(book.context, rebuild)).rejects.toMatchObject({ reason: "userCells", cells: [`'${DASHBOARD}'!B300`] });
  sheet.cells.delete("B300");
  await refreshReport(book.context, rebuild);
  expect((book.sheets.find((s) => s.name === DASHBOARD) as FakeSheet).names.get(WRITTEN_CELLS)).toMatch(/^='Report 2024-Q3'!\$A\$1/);
});
