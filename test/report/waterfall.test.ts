/**
 * The revenue bridge as a waterfall (issue 22, item 4): recalculated in LibreOffice, each bar floats
 * from the level before its step to the level after it, as the dashboard's bridge rows say; the file's
 * chart is stacked columns over an unfilled base, and the Excel writer sets the same look; the trend
 * charts of revenue and of churn with NRR, and the customers chart with the reactivated.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { demoReport } from "../../scripts/demoReport";
import { specToXlsx } from "../../scripts/specToXlsx";
import { parseRange, columnName } from "../../src/core/a1";
import { serialFromUtc } from "../../src/core/dates";
import { writeReport } from "../../src/writer/writeReport";
import { sheetOf } from "../helpers/evaluateReport";
import { fakeWorkbook } from "../helpers/fakeWorkbook";
import { recalculate, testWithLibreOffice } from "../helpers/libreOffice";

const today = serialFromUtc(Date.UTC(2026, 11, 5));
const report = demoReport("en-US", today);
const dashboard = sheetOf(report, "dashboard");
const waterfall = dashboard.charts.find((chart) => chart.type === "ColumnStacked");

test("the charts beside the first page: customers with the reactivated, the waterfall, revenue and churn with NRR by period, the NPS breakdown", () => {
  expect(dashboard.charts.map((chart) => [chart.type, chart.title, chart.series.length])).toEqual([
    ["ColumnClustered", "Active customers, new and lapsed", 4], ["ColumnStacked", "Revenue bridge", 4], ["Line", "Revenue by period", 1],
    ["Line", "Churn rate and net revenue retention", 2], ["Pie", "NPS breakdown", 1], ["ColumnClustered", "Customers per RFM segment", 1],
  ]);
  expect(waterfall?.series.map((series) => series.color)).toEqual(["none", "#4472C4", "#70AD47", "#C00000"]);
  expect(waterfall?.legend).toBe(false);
  // the segments start below the charts beside the first page, where it breaks
  const lastSlot = Math.max(...dashboard.charts.slice(0, 5).map((chart) => Number(chart.bottomRight.replace(/^[A-Z]+/, ""))));
  expect(dashboard.print?.rowBreaks?.[0]).toBeGreaterThan(lastSlot);
});

testWithLibreOffice("recalculated, each bar of the waterfall runs from the level before its step to the level after it, as the bridge says", async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cx-waterfall-")), "demo.xlsx");
  await specToXlsx(report, file);
  const [values] = await recalculate(file) as [Map<string, unknown>];
  const chart = waterfall as NonNullable<typeof waterfall>;
  const column = (k: number): number[] => {
    const box = parseRange(chart.series[k]?.values as string) as NonNullable<ReturnType<typeof parseRange>>;
    return Array.from({ length: box.bottom - box.top + 1 }, (_, i) => values.get(`${box.sheet as string}!${columnName(box.left)}${box.top + i + 1}`) as number);
  };
  const [base, total, rise, fall] = [0, 1, 2, 3].map(column) as [number[], number[], number[], number[]];
  const bridge = parseRange(chart.categories) as NonNullable<ReturnType<typeof parseRange>>;
  const steps = Array.from({ length: bridge.bottom - bridge.top + 1 }, (_, i) => values.get(`B${bridge.top + i + 1}`) as number);
  expect(steps).toHaveLength(7);
  // the totals: the period before's revenue and this one's, from the ground
  expect([base[0], total[0], base[6], total[6]]).toEqual([0, steps[0], 0, steps[6]]);
  let level = steps[0] as number;
  for (let k = 1; k <= 5; k++) {
    const after = level + (steps[k] as number);
    const [bottom, top] = [base[k] as number, (base[k] as number) + (rise[k] as number) + (fall[k] as number)];
    expect([k, bottom, top]).toEqual([k, expect.closeTo(Math.min(level, after), 9), expect.closeTo(Math.max(level, after), 9)]);
    // green going up, red going down, never both
    expect([k, (rise[k] as number) > 0, (fall[k] as number) > 0]).toEqual([k, (steps[k] as number) > 0, (steps[k] as number) < 0]);
    level = after;
  }
  expect(level).toBeCloseTo(steps[6] as number, 9);
}, 300_000);

test("the file's waterfall is stacked columns fully overlapping over an unfilled base, with labels that hide zeros", async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cx-waterfall-")), "demo.xlsx");
  await specToXlsx(report, file);
  const zip = await JSZip.loadAsync(readFileSync(file));
  const charts = await Promise.all(Object.keys(zip.files).filter((name) => /^xl\/charts\/chart\d+\.xml$/.test(name)).map((name) => zip.file(name)?.async("string") as Promise<string>));
  const xml = charts.find((each) => each.includes('<c:grouping val="stacked"/>')) as string;
  expect(xml).toContain('<c:overlap val="100"/>');
  expect(xml.indexOf("<a:noFill/>")).toBeLessThan(xml.indexOf('<c:srgbClr val="4472C4"/>'.replace("c:", "a:")));
  expect(xml).toContain('formatCode="+#,##0;-#,##0;;"');
  expect(charts.filter((each) => each.includes("<c:lineChart>"))).toHaveLength(2);
  expect(charts.find((each) => each.includes("Churn rate and net revenue retention"))).toContain('formatCode="0%"');
});

test("the Excel writer gives the waterfall's series their look: the base cleared, the others filled and labelled", async () => {
  const book = fakeWorkbook(["Sheet1"]);
  await writeReport(book.context, report);
  const written = book.sheets[1]?.charts.find((chart) => chart.type === "ColumnStacked");
  expect(written?.series.map((series) => [series.color, series.labels])).toEqual([["none", undefined], ["#4472C4", "#,##0;-#,##0;;"], ["#70AD47", "+#,##0;-#,##0;;"], ["#C00000", "-#,##0;+#,##0;;"]]);
  expect(book.sheets[1]?.charts.find((chart) => chart.type === "Line" && chart.axisFormat === "0%")).toBeDefined();
});
