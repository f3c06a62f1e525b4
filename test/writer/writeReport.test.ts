/**
 * The writer on office-addin-mock: what it writes, how many round trips, that it never reuses an
 * existing sheet, and that a failed write removes what it created.
 */
import { buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS, type ReportOptions } from "../../src/report/buildReport";
import { columnName, parseRange } from "../../src/core/a1";
import { batchBlocks, blockBytes, cellContent, planWrite, restoredContent, splitBlock, uniqueSheetName, uniqueTableName } from "../../src/writer/planWrite";
import { ReportWriteError, withSheetNames, writeReport } from "../../src/writer/writeReport";
import { workbook } from "../helpers/excelMock";
import { allNames, allTables, sheetOf } from "../helpers/evaluateReport";

const options: ReportOptions = {
  title: "Customer metrics", periodStart: 45474, periodEnd: 45565, currency: "CNY", locale: "en-US",
  formulaMode: "cx", targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: SAMPLE_INPUTS,
};
const report = buildReport(options);
const spec = sheetOf(report, "dashboard");
const NAMES = ["Report 2024-Q3", "Data 2024-Q3", "Workings 2024-Q3"];
/** A range as the mock logs it: by its sheet (the dashboard unless the address names one) and address. */
const logged = (address: string): string => {
  const qualified = /^'(.+)'!(.+)$/.exec(address);
  return qualified === null ? `${spec.name}!${address}` : `${qualified[1]}!${qualified[2]}`;
};

test("writes the three sheets in two round trips, however many sheets, into new sheets", async () => {
  const { context, log } = workbook(["Sheet1"]);
  const result = await writeReport(context, report);
  expect(result).toEqual({ sheetName: "Report 2024-Q3", sheetNames: NAMES, syncs: 2 });
  expect(log.syncs).toBe(2);
  expect(log.added).toEqual(NAMES);
  expect(log.activated).toBe("Report 2024-Q3");
  for (const sheet of report.sheets) for (const block of planWrite(sheet).blocks) expect(log.ranges[`${sheet.name}!${block.range}`]?.["formulas"]).toEqual(block.formulas);
  // each sheet's names and the marker refresh reads, sheet by sheet
  expect(log.names).toEqual(report.sheets.flatMap((sheet) => [...sheet.names.map((name) => name.name), "CX_Report", "CX_Report_Cells", "CX_Report_Formulas", "CX_Report_Layout"]));
  expect(log.conditionalFormats).toBe(2 * spec.trafficLights.length + (spec.colorScales ?? []).length); // good and bad for each KPI with a target, and the cohort table's colour scale
  expect(spec.trafficLights).toHaveLength(23); // 7 period figures, the 7 KPIs, NPS and CSAT in the satisfaction block, the 7 budget lines
  expect(log.tables).toEqual(["CX_Survey", "CX_Channels", "CX_Engagement", "CX_Budget", "CX_Transactions"]);
  // customers, the waterfall, revenue and churn with NRR by period, NPS, the segments
  expect(log.charts).toEqual(["ColumnClustered", "ColumnStacked", "Line", "Line", "Pie", "ColumnClustered"]);
  // each chart has exactly its series, added explicitly with the spec's values and categories (the trend's on the workings sheet)
  const addressOf = (range: unknown): unknown => (range as { address?: unknown } | undefined)?.address;
  expect(log.chartSeries.map((series) => series.map((each) => ({ name: each.name, values: addressOf(each.values), categories: addressOf(each.categories) }))))
    .toEqual(spec.charts.map((chart) => chart.series.map((each) => ({ name: each.name, values: logged(each.values), categories: logged(chart.categories) }))));
  expect(log.chartSeries[0]).toHaveLength(4);
  expect(log.chartSeries[0]?.[0]?.values).toBeDefined();
});

test("never reuses an existing sheet or table name: a second report gets new ones, and its references follow", async () => {
  const { context, log } = workbook(["Sheet1", "Report 2024-Q3", "report 2024-q3 (2)", "Data 2024-Q3"], false, ["CX_Channels"]);
  const result = await writeReport(context, report);
  expect(result.sheetNames).toEqual(["Report 2024-Q3 (3)", "Data 2024-Q3 (2)", "Workings 2024-Q3"]);
  expect(log.added).toEqual(["Report 2024-Q3 (3)", "Data 2024-Q3 (2)", "Workings 2024-Q3"]);
  expect(log.tables).toEqual(["CX_Survey", "CX_Channels_2", "CX_Engagement", "CX_Budget", "CX_Transactions"]);
  const written = Object.entries(log.ranges).filter(([address]) => address.startsWith("Report 2024-Q3 (3)!")).map(([, range]) => range["formulas"]);
  expect(JSON.stringify(written)).toContain("'Data 2024-Q3 (2)'!Marketing_Spend");
  expect(JSON.stringify(written)).not.toContain("'Data 2024-Q3'!");
});

test("renaming sheets rewrites every reference to them, and nothing in text", () => {
  const named = withSheetNames(report, ["Report 2024-Q3"]);
  expect(named.sheets.map((sheet) => sheet.name)).toEqual(["Report 2024-Q3 (2)", "Data 2024-Q3", "Workings 2024-Q3"]);
  const asOf = sheetOf(named, "data").cells.find((cell) => cell.formula?.startsWith("=") && /^='[^']+'!Period_End$/.test(cell.formula));
  expect(asOf?.formula).toBe("='Report 2024-Q3 (2)'!Period_End");
  expect(allNames(named)).toEqual(allNames(report));
  expect(allTables(named)).toEqual(allTables(report));
  // untouched when no name changes
  expect(withSheetNames(report, ["Sheet1"])).toBe(report);
});

test("a rejected write removes all the new sheets again, in a third round trip, and says so", async () => {
  const { context, log } = workbook(["Sheet1"], true);
  const failure = await writeReport(context, report).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(ReportWriteError);
  expect((failure as ReportWriteError).rolledBack).toBe(true);
  expect(log.syncs).toBe(3);
  expect(log.deleted).toEqual(NAMES);
});

test("the plan writes each part of the sheet as its own block, without the blanks between them", () => {
  const plan = planWrite(spec);
  expect(plan.blocks[0]?.range).toBe("A1"); // the title
  expect(plan.blocks[0]?.formulas[0]?.[0]).toBe("'Customer metrics");
  const data = sheetOf(report, "data");
  const period = plan.blocks.find((block) => block.range.startsWith("A2:"));
  expect(period?.numberFormats?.[0]).toEqual(["General", "yyyy-mm-dd", "\"to \"yyyy-mm-dd"]);
  expect(plan.blocks.length).toBeLessThan(56); // (the year to date, the derived targets' notes, the budget's year to date beside the figures and the two follow-up lists side by side are blocks of their own)
  // every cell with content is in exactly one block, at its own address
  const written = new Map<string, unknown>();
  for (const block of plan.blocks) {
    const box = parseRange(block.range) as { top: number; left: number };
    block.formulas.forEach((row, r) => row.forEach((value, c) => {
      const address = `${columnName(box.left + c)}${box.top + r + 1}`;
      expect(written.has(address)).toBe(false);
      written.set(address, value);
    }));
  }
  for (const cell of spec.cells) {
    if (cell.formula !== undefined || (cell.value !== undefined && cell.value !== "")) expect(written.get(cell.address)).toEqual(cellContent(cell));
  }
  // only the cells with something to write: the blanks between sections are not sent
  const box = spec.cells.reduce((acc, cell) => {
    const at = parseRange(cell.address) as { top: number; left: number };
    return { rows: Math.max(acc.rows, at.top + 1), columns: Math.max(acc.columns, at.left + 1) };
  }, { rows: 0, columns: 0 });
  expect(written.size).toBe(spec.cells.filter((cell) => cell.formula !== undefined || (cell.value !== undefined && cell.value !== "") || cell.numberFormat !== undefined).length);
  expect(written.size).toBeLessThan(box.rows * box.columns);
  // styles go by runs down a column: the typed scalar inputs by runs, the survey answers per column another
  // (the 4 inputs transactions cannot give: lifespan and margin, prospects and converted, either side of
  // the monthly revenue the period tables give; the lapse window below the as-of date; the first survey column)
  expect(planWrite(data).styles.input?.split(",")).toEqual(expect.arrayContaining(["B7:B8", "B10:B11", "B13", `D5:D${4 + SAMPLE_INPUTS.npsAnswers.length}`]));
  // the typed-in targets (E): the period figures', CSAT to payback and NPS (churn's is the period's; the second CSAT target reads the first) (NPS's a row lower for the new customers' reconciliation under the cards)
  // (the commentary above the period figures, the budget between them and the cards)
  expect(plan.styles.input?.split(",")).toEqual(["E18", "E21:E23", "E25:E27", "E54:E57", "E62"]);
  // grey on the data sheet: only the input checks' working columns of bad rows, one per checked column (the survey's four, the channels' three, the budget's eight)
  const checks = data.names.filter((n) => n.name.endsWith("_Bad")).map((n) => n.range);
  expect([checks.length, planWrite(data).styles.helper?.split(",")]).toEqual([15, checks]);
});

test("text goes in as text: a title starting with = or +, and digits, are not formulas or numbers", () => {
  expect(cellContent({ address: "A1", value: "=Q3 results" })).toBe("'=Q3 results");
  expect(cellContent({ address: "A1", value: "2024" })).toBe("'2024");
  expect(cellContent({ address: "A1", value: 2024 })).toBe(2024);
  expect(cellContent({ address: "A1", formula: "=SUM(B1:B2)" })).toBe("=SUM(B1:B2)");
});

test("a cell put back after a rejected rewrite is what it was: a formula, a number, an error, or text that looks like neither", () => {
  expect(restoredContent("=SUM(B1:B2)", 3)).toBe("=SUM(B1:B2)");
  expect(restoredContent(2024, 2024)).toBe(2024);
  // text read back from formulas has lost its apostrophe: "+ New customers" would come back as a formula
  expect(restoredContent("+ New customers", "+ New customers")).toBe("'+ New customers");
  expect(restoredContent("2024", "2024")).toBe("'2024");
  expect(restoredContent("#N/A", "#N/A")).toBe("#N/A");
  expect(restoredContent("", "")).toBe("");
});

test("a block too large for one request is cut into slices of whole rows, each under the budget", () => {
  const rows = Array.from({ length: 1000 }, (_, i) => [`C${i}`, i, `=B${i + 1}*2`]);
  const block = { range: "A1:C1000", formulas: rows };
  const slices = splitBlock(block, 4000);
  expect(slices.length).toBeGreaterThan(5);
  expect(slices.every((slice) => blockBytes(slice) <= 4000)).toBe(true);
  expect(slices[0]?.range).toMatch(/^A1:C\d+$/);
  expect(slices.flatMap((slice) => slice.formulas)).toEqual(rows);
  expect(slices.at(-1)?.range).toMatch(/:C1000$/);
  // batches keep to the budget and the order, and leave the reserve free in the last
  const batches = batchBlocks([block], 10_000, 3000);
  expect(batches.flat().flatMap((slice) => slice.formulas)).toEqual(rows);
  for (const batch of batches) expect(batch.reduce((sum, slice) => sum + blockBytes(slice), 0)).toBeLessThanOrEqual(10_000);
  expect((batches.at(-1) as unknown[]).reduce((sum: number, slice) => sum + blockBytes(slice as never), 0)).toBeLessThanOrEqual(7000);
});

test("a portable plan shades the RFM working columns, each column one area", () => {
  const portable = planWrite(sheetOf(buildReport({ ...options, formulaMode: "portable" }), "workings"));
  const rows = SAMPLE_INPUTS.transactions.length;
  // RFM's 8 with the follow-up lists' 6, the period tables' 12 and the cohort's, RFM's quintile cut points (a column of four for each score), and the waterfall's four
  expect(portable.styles.helper?.split(",")).toHaveLength(8 + 6 + 12 + 1 + 3 + 4);
  // each transaction working column one area over all its rows
  expect(portable.styles.helper?.split(",").filter((area) => new RegExp(`^(?<c>[A-Z]+)5:\\k<c>${4 + rows}$`).test(area))).toHaveLength(8 + 6 + 12 + 1);
});

test("unique table names ignore case and keep to letters, digits and underscores", () => {
  expect(uniqueTableName("CX_Channels", ["cx_channels", "CX_Channels_2"])).toBe("CX_Channels_3");
  expect(uniqueTableName("2024 channels", [])).toBe("_2024_channels");
});

test("unique sheet names ignore case and drop characters Excel forbids", () => {
  expect(uniqueSheetName("Report", ["report"])).toBe("Report (2)");
  expect(uniqueSheetName("Q3/Q4 [draft]", [])).toBe("Q3 Q4  draft");
});
