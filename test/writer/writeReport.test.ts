/**
 * The writer on office-addin-mock: what it writes, how many round trips, that it never reuses an
 * existing sheet, and that a failed write removes what it created.
 */
import { buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS, type ReportOptions } from "../../src/report/buildReport";
import { planWrite, uniqueSheetName, uniqueTableName } from "../../src/writer/planWrite";
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
  const block = log.ranges[planWrite(spec).range] as Record<string, unknown>;
  expect(block["formulas"]).toEqual(planWrite(spec).formulas);
  expect(log.names).toEqual([...spec.names.map((name) => name.name), "CX_Report"]); // and the marker refresh reads
  expect(log.conditionalFormats).toBe(2 * spec.trafficLights.length); // good and bad for each KPI with a target
  expect(spec.trafficLights).toHaveLength(9); // the 7 KPIs, NPS and CSAT in the satisfaction block
  expect(log.tables).toEqual(["CX_Survey", "CX_Channels", "CX_Transactions", "CX_Engagement"]);
  expect(log.charts).toEqual(["BarClustered", "Pie", "ColumnClustered"]);
  // each chart's categories are set explicitly, from the spec's category range
  expect(log.chartCategories).toEqual(spec.charts.map((chart) => log.ranges[chart.categories]));
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

test("the plan puts every cell in one block, with its format", () => {
  const plan = planWrite(spec);
  const lastRow = Math.max(...spec.cells.map((cell) => Number(cell.address.replace(/^[A-Z]+/, ""))));
  const lastColumn = spec.cells.map((cell) => cell.address.replace(/\d+$/, "")).sort((x, y) => x.length - y.length || x.localeCompare(y)).at(-1);
  expect(plan.range).toBe(`A1:${lastColumn}${lastRow}`);
  expect(plan.formulas[0]?.[0]).toBe("Customer metrics");
  expect(plan.numberFormats[1]?.[1]).toBe("yyyy-mm-dd");
  // styles go by runs down a column: the 13 scalar inputs are one area, the 40 survey answers per column another
  expect(plan.styles.input?.split(",")).toEqual(expect.arrayContaining(["B9:B21", "O8:O47"]));
  expect(plan.styles.helper).toBeUndefined();
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
