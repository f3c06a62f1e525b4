/**
 * The writer on office-addin-mock: what it writes, how many round trips, that it never reuses an
 * existing sheet, and that a failed write removes what it created.
 */
import { buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS, type ReportOptions } from "../../src/report/buildReport";
import { columnName, parseRange } from "../../src/core/a1";
import { batchBlocks, blockBytes, cellContent, planWrite, splitBlock, uniqueSheetName, uniqueTableName } from "../../src/writer/planWrite";
import { ReportWriteError, writeReport } from "../../src/writer/writeReport";
import { workbook } from "../helpers/excelMock";

const options: ReportOptions = {
  title: "Customer metrics", periodStart: 45474, periodEnd: 45565, currency: "CNY", locale: "en-US",
  formulaMode: "cx", targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: SAMPLE_INPUTS,
};
const spec = buildReport(options);

test("writes the whole sheet in two round trips, into a new sheet", async () => {
  const { context, log } = workbook(["Sheet1"]);
  const result = await writeReport(context, spec);
  expect(result).toEqual({ sheetName: "Customer Metrics", syncs: 2 });
  expect(log.syncs).toBe(2);
  expect(log.added).toEqual(["Customer Metrics"]);
  expect(log.activated).toBe("Customer Metrics");
  for (const block of planWrite(spec).blocks) expect(log.ranges[block.range]?.["formulas"]).toEqual(block.formulas);
  expect(log.names).toEqual([...spec.names.map((name) => name.name), "CX_Report"]); // and the marker refresh reads
  expect(log.conditionalFormats).toBe(2 * spec.trafficLights.length); // good and bad for each KPI with a target
  expect(spec.trafficLights).toHaveLength(9); // the 7 KPIs, NPS and CSAT in the satisfaction block
  expect(log.tables).toEqual(["CX_Survey", "CX_Channels", "CX_Transactions", "CX_Engagement"]);
  expect(log.charts).toEqual(["BarClustered", "Pie", "ColumnClustered"]);
  // each chart has exactly one series, added explicitly with the spec's values and categories
  expect(log.chartSeries).toEqual(spec.charts.map((chart) => [{ name: chart.title, values: log.ranges[chart.values], categories: log.ranges[chart.categories] }]));
});

test("never reuses an existing sheet or table name: a second report gets new ones", async () => {
  const { context, log } = workbook(["Sheet1", "Customer Metrics", "customer metrics (2)"], false, ["CX_Channels"]);
  const result = await writeReport(context, spec);
  expect(result.sheetName).toBe("Customer Metrics (3)");
  expect(log.added).toEqual(["Customer Metrics (3)"]);
  expect(log.tables).toEqual(["CX_Survey", "CX_Channels_2", "CX_Transactions", "CX_Engagement"]);
});

test("a rejected write removes the new sheet again, in a third round trip, and says so", async () => {
  const { context, log } = workbook(["Sheet1"], true);
  const failure = await writeReport(context, spec).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(ReportWriteError);
  expect((failure as ReportWriteError).rolledBack).toBe(true);
  expect(log.syncs).toBe(3);
  expect(log.deleted).toEqual(["Customer Metrics"]);
});

test("the plan writes each part of the sheet as its own block, without the blanks between them", () => {
  const plan = planWrite(spec);
  expect(plan.blocks[0]?.range).toBe("A1"); // the title
  expect(plan.blocks[0]?.formulas[0]?.[0]).toBe("'Customer metrics");
  const period = plan.blocks.find((block) => block.range.startsWith("A2:"));
  expect(period?.numberFormats?.[0]).toEqual(["General", "yyyy-mm-dd", "yyyy-mm-dd"]);
  expect(plan.blocks.length).toBeLessThan(40);
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
  // far fewer cells than the bounding box: the blanks between sections are not sent
  const box = spec.cells.reduce((acc, cell) => {
    const at = parseRange(cell.address) as { top: number; left: number };
    return { rows: Math.max(acc.rows, at.top + 1), columns: Math.max(acc.columns, at.left + 1) };
  }, { rows: 0, columns: 0 });
  expect(written.size).toBeLessThan(box.rows * box.columns / 2);
  // styles go by runs down a column: the 13 scalar inputs are one area, the 40 survey answers per column another
  expect(plan.styles.input?.split(",")).toEqual(expect.arrayContaining(["B9:B21", "O8:O47"]));
  expect(plan.styles.helper).toBeUndefined();
});

test("text goes in as text: a title starting with = or +, and digits, are not formulas or numbers", () => {
  expect(cellContent({ address: "A1", value: "=Q3 results" })).toBe("'=Q3 results");
  expect(cellContent({ address: "A1", value: "2024" })).toBe("'2024");
  expect(cellContent({ address: "A1", value: 2024 })).toBe(2024);
  expect(cellContent({ address: "A1", formula: "=SUM(B1:B2)" })).toBe("=SUM(B1:B2)");
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
  const portable = planWrite(buildReport({ ...options, formulaMode: "portable" }));
  const rows = SAMPLE_INPUTS.transactions.length;
  expect(portable.styles.helper?.split(",")).toHaveLength(8);
  expect(portable.styles.helper?.split(",")[0]).toMatch(new RegExp(`^(?<c>[A-Z]+)8:\\k<c>${7 + rows}$`));
});

test("unique table names ignore case and keep to letters, digits and underscores", () => {
  expect(uniqueTableName("CX_Channels", ["cx_channels", "CX_Channels_2"])).toBe("CX_Channels_3");
  expect(uniqueTableName("2024 channels", [])).toBe("_2024_channels");
});

test("unique sheet names ignore case and drop characters Excel forbids", () => {
  expect(uniqueSheetName("Report", ["report"])).toBe("Report (2)");
  expect(uniqueSheetName("Q3/Q4 [draft]", [])).toBe("Q3 Q4  draft");
});
