/**
 * The .xlsx the demo writes has the dashboard's charts (scripts/xlsxCharts: DrawingML parts written
 * from ChartSpec), and they survive a round trip through LibreOffice: it reads each chart's series
 * from the cells the spec names and stores what it plotted.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import JSZip from "jszip";
import { specToXlsx } from "../../scripts/specToXlsx";
import { chartReference, chartXml, drawingXml } from "../../scripts/xlsxCharts";
import { buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS, type ReportOptions } from "../../src/report/buildReport";
import type { ChartSpec } from "../../src/report/sheetSpec";
import { sheetOf } from "../helpers/evaluateReport";
import { recalculate, testWithLibreOffice } from "../helpers/libreOffice";

const options: ReportOptions = {
  title: "Customer metrics (sample)", periodStart: 45566, periodEnd: 45596, currency: "CNY", locale: "en-US",
  formulaMode: "portable", targets: DEFAULT_TARGETS, generatedOn: 45619, inputs: SAMPLE_INPUTS,
};

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });

/** A parsed XML node's descendant by its path of element (or attribute) names. */
const dig = (node: unknown, ...path: string[]): unknown => path.reduce((at: unknown, key) => (at as Record<string, unknown> | undefined)?.[key], node);

/** Every c:f formula in a chart part, in document order. */
const chartFormulas = (xml: string): string[] => [...xml.matchAll(/<c:f>([^<]*)<\/c:f>/g)].map((match) => (match[1] as string).replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, "&"));

test("a chart's ranges are sheet-qualified and absolute; its own sheet's ranges take its name", () => {
  expect(chartReference("A22:A28", "Report 2026-10")).toBe("'Report 2026-10'!$A$22:$A$28");
  expect(chartReference("'Workings 2026-10'!H5:H17", "Report 2026-10")).toBe("'Workings 2026-10'!$H$5:$H$17");
  expect(chartReference("'O''Brien'!B$2:B9", "Report")).toBe("'O''Brien'!$B$2:$B$9");
});

test("a chart part: column, bar or pie, each series with its name, categories and values", () => {
  const column: ChartSpec = {
    type: "ColumnClustered", title: "Active & new", categories: "'Workings'!A5:A17", topLeft: "G6", bottomRight: "M20",
    series: [{ name: "Active", values: "'Workings'!H5:H17" }, { name: "New", values: "'Workings'!E5:E17" }],
  };
  const xml = chartXml(column, "Report");
  expect(XMLValidator.validate(xml)).toBe(true);
  const plot = parser.parse(xml)["c:chartSpace"]["c:chart"]["c:plotArea"];
  expect(plot["c:barChart"]["c:barDir"].val).toBe("col");
  expect((dig(plot, "c:barChart", "c:ser") as unknown[]).map((ser) => [dig(ser, "c:tx", "c:v"), dig(ser, "c:cat", "c:strRef", "c:f"), dig(ser, "c:val", "c:numRef", "c:f")])).toEqual([
    ["Active", "'Workings'!$A$5:$A$17", "'Workings'!$H$5:$H$17"],
    ["New", "'Workings'!$A$5:$A$17", "'Workings'!$E$5:$E$17"],
  ]);
  // the title is escaped text, and two series have a legend
  expect(xml).toContain("<a:t>Active &amp; new</a:t>");
  expect(parser.parse(xml)["c:chartSpace"]["c:chart"]["c:legend"]).toBeDefined();
  const bar = parser.parse(chartXml({ ...column, type: "BarClustered", series: [column.series[0] as ChartSpec["series"][number]] }, "Report"))["c:chartSpace"]["c:chart"];
  expect(bar["c:plotArea"]["c:barChart"]["c:barDir"].val).toBe("bar");
  expect(bar["c:legend"]).toBeUndefined();
  const pie = parser.parse(chartXml({ ...column, type: "Pie", categories: "A46:A48", series: [{ name: "NPS", values: "B46:B48" }] }, "Report 2026-10"))["c:chartSpace"]["c:chart"]["c:plotArea"];
  expect(pie["c:barChart"]).toBeUndefined();
  expect(pie["c:pieChart"]["c:ser"]["c:val"]["c:numRef"]["c:f"]).toBe("'Report 2026-10'!$B$46:$B$48");
});

test("a drawing anchors each chart over its cells, the bottom-right cell included", () => {
  const charts: ChartSpec[] = [
    { type: "Pie", title: "A", categories: "A1:A3", series: [{ name: "s", values: "B1:B3" }], topLeft: "G6", bottomRight: "M20" },
    { type: "Pie", title: "B", categories: "A1:A3", series: [{ name: "s", values: "B1:B3" }], topLeft: "AA22", bottomRight: "AB36" },
  ];
  const xml = drawingXml(charts);
  expect(XMLValidator.validate(xml)).toBe(true);
  const anchors = parser.parse(xml)["xdr:wsDr"]["xdr:twoCellAnchor"];
  const corner = (at: Record<string, number>): number[] => [at["xdr:col"] as number, at["xdr:row"] as number];
  expect((anchors as unknown[]).map((anchor) => [corner(dig(anchor, "xdr:from") as Record<string, number>), corner(dig(anchor, "xdr:to") as Record<string, number>), dig(anchor, "xdr:graphicFrame", "a:graphic", "a:graphicData", "c:chart", "r:id")])).toEqual([
    [[6, 5], [13, 20], "rId1"],
    [[26, 21], [28, 36], "rId2"],
  ]);
});

test("the demo's .xlsx holds the dashboard's charts, tied into the package", async () => {
  const report = buildReport(options);
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cx-charts-")), "report.xlsx");
  await specToXlsx(report, file);
  const zip = await JSZip.loadAsync(readFileSync(file));
  const dashboard = sheetOf(report, "dashboard");
  // customers, the waterfall, revenue, churn with NRR, NPS, the segments
  expect(dashboard.charts).toHaveLength(6);
  const chartParts = Object.keys(zip.files).filter((name) => /^xl\/charts\/chart\d+\.xml$/.test(name)).sort();
  expect(chartParts).toEqual([1, 2, 3, 4, 5, 6].map((k) => `xl/charts/chart${k}.xml`));
  for (const [k, part] of chartParts.entries()) {
    const xml = await zip.file(part)?.async("string") as string;
    expect(XMLValidator.validate(xml)).toBe(true);
    const chart = dashboard.charts[k] as ChartSpec;
    expect(chartFormulas(xml)).toEqual(chart.series.flatMap((series) => [chartReference(chart.categories, dashboard.name), chartReference(series.values, dashboard.name)]));
  }
  const types = await zip.file("[Content_Types].xml")?.async("string") as string;
  expect(types).toContain('PartName="/xl/drawings/drawing1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"');
  expect(types.match(/drawingml\.chart\+xml/g)).toHaveLength(6);
  const sheet = await zip.file("xl/worksheets/sheet1.xml")?.async("string") as string;
  expect(XMLValidator.validate(sheet)).toBe(true);
  // the dashboard's drawing comes after its header and footer, as the schema orders a worksheet
  expect(sheet.indexOf('<drawing r:id="rIdCxDrawing"/>')).toBeGreaterThan(sheet.indexOf("</headerFooter>"));
  expect(await zip.file("xl/worksheets/_rels/sheet1.xml.rels")?.async("string")).toContain('Target="../drawings/drawing1.xml"');
  // only the dashboard has charts
  expect(await zip.file("xl/worksheets/sheet2.xml")?.async("string")).not.toContain("<drawing ");
});

testWithLibreOffice("after a LibreOffice round trip the charts are still there, plotting the report's cells", async () => {
  const report = buildReport(options);
  const dir = mkdtempSync(path.join(tmpdir(), "cx-charts-lo-"));
  const file = path.join(dir, "report.xlsx");
  await specToXlsx(report, file);
  const out = path.join(dir, "out");
  execFileSync("soffice", [`-env:UserInstallation=file://${path.join(dir, "profile")}`, "--headless", "--calc", "--convert-to", "xlsx", "--outdir", out, file], { stdio: "ignore", timeout: 300_000 });
  const zip = await JSZip.loadAsync(readFileSync(path.join(out, "report.xlsx")));
  const dashboard = sheetOf(report, "dashboard");
  const parts = Object.keys(zip.files).filter((name) => /^xl\/charts\/chart\d+\.xml$/.test(name)).sort();
  expect(parts).toHaveLength(dashboard.charts.length);
  const [cells] = await recalculate(file) as [Map<string, unknown>];
  for (const part of parts) {
    const xml = await zip.file(part)?.async("string") as string;
    // LibreOffice names each series by a formula of its text; the ranges stay those of the spec
    const title = /<a:t>([^<]*)<\/a:t>/.exec(xml)?.[1];
    const chart = dashboard.charts.find((each) => each.title === title) as ChartSpec;
    expect(chart).toBeDefined();
    expect(chartFormulas(xml).filter((formula) => formula.includes("!"))).toEqual(chart.series.flatMap((series) => [chartReference(chart.categories, dashboard.name), chartReference(series.values, dashboard.name)]));
    // and what it plotted is what the cells compute: the first series' cached values
    const cached = [...(/<c:val>([\s\S]*?)<\/c:val>/.exec(xml)?.[1] ?? "").matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((match) => Number(match[1]));
    const values = chart.series[0]?.values as string;
    const local = values.includes("!") ? values : `'${dashboard.name}'!${values}`;
    const [, sheetName, from, to] = /^'(.+)'!([A-Z]+\d+):([A-Z]+\d+)$/.exec(local) as RegExpExecArray;
    const column = (from as string).replace(/\d+/g, "");
    const rows = Array.from({ length: Number((to as string).replace(/\D/g, "")) - Number((from as string).replace(/\D/g, "")) + 1 }, (_, i) => Number((from as string).replace(/\D/g, "")) + i);
    expect(cached).toHaveLength(rows.length);
    rows.forEach((row, i) => expect(cached[i]).toBeCloseTo(Number(cells.get(`${sheetName}!${column}${row}`)), 6));
  }
}, 600_000);
