/**
 * A sheet's look and page: its cell styles, charts, traffic lights, gridlines, print setup (A4, one
 * page wide, title rows, page breaks, header and footer) and column widths, queued for the next sync.
 */
import { columnName, formatRange, parseRange } from "../core/a1";
import { LINE_HEIGHT, trafficLightRules, type ChartSpec, type SheetSpec } from "../report/sheetSpec";
import type { WritePlan } from "./planWrite";

const STYLE_FORMATS = {
  title: { bold: true, size: 16, fill: undefined },
  heading: { bold: true, size: 12, fill: "#DEEAF6" }, // a light blue band, as Excel's "Accent 1, 40%" heading
  label: { bold: false, size: 11, fill: undefined },
  numberHeader: { bold: false, size: 11, fill: undefined, align: "Right" }, // over figures, which Excel aligns right
  input: { bold: false, size: 11, fill: "#FFF2CC" }, // Excel's "Input" cell-style yellow
  kpi: { bold: true, size: 11, fill: undefined },
  helper: { bold: false, size: 11, fill: "#F2F2F2" }, // light grey: working columns, not for typing into
} as const;

/** Queues the cell styles of a plan: bold, size, fill and alignment per style, over all its cells at once. */
export function applyStyles(sheet: Excel.Worksheet, plan: WritePlan): void {
  for (const [style, addresses] of Object.entries(plan.styles)) {
    const look = STYLE_FORMATS[style as keyof typeof STYLE_FORMATS];
    const cells = sheet.getRanges(addresses);
    cells.format.font.bold = look.bold;
    cells.format.font.size = look.size;
    if (look.fill !== undefined) cells.format.fill.color = look.fill;
    if ("align" in look) cells.format.horizontalAlignment = look.align;
  }
}

/** A range of the report by its address: on the sheet itself, or on another sheet of it ('Data 2026-10'!D5:D8). */
function rangeOf(context: Excel.RequestContext, sheet: Excel.Worksheet, address: string): Excel.Range {
  const box = parseRange(address);
  if (box?.sheet === undefined) return sheet.getRange(address);
  return context.workbook.worksheets.getItem(box.sheet).getRange(formatRange(box));
}

/**
 * Adds a chart. The values are uncalculated while the writer runs (calculation is suspended, and
 * custom functions return later), and Excel makes no series from an empty range. So the chart is
 * anchored at its own top-left cell, which the report leaves empty, and gets its series explicitly
 * (ExcelApi 1.7): never a series Excel may or may not have made.
 */
export function addChart(context: Excel.RequestContext, sheet: Excel.Worksheet, chart: ChartSpec): void {
  const added = sheet.charts.add(chart.type, sheet.getRange(chart.topLeft), "Columns");
  added.title.text = chart.title;
  added.legend.visible = chart.legend ?? (chart.type === "Pie" || chart.series.length > 1);
  for (const each of chart.series) {
    const series = added.series.add(each.name);
    series.setValues(rangeOf(context, sheet, each.values));
    series.setXAxisValues(rangeOf(context, sheet, chart.categories));
    // a waterfall's base is not drawn; its rises, falls and totals have their colours and labels (ExcelApi 1.8)
    if (each.color === "none") series.format.fill.clear();
    else if (each.color !== undefined && chart.type === "Line") series.format.line.color = each.color;
    else if (each.color !== undefined) series.format.fill.setSolidColor(each.color);
    if (each.labels !== undefined) {
      series.hasDataLabels = true;
      series.dataLabels.numberFormat = each.labels;
      series.dataLabels.showValue = true;
    }
    if (chart.type === "ColumnStacked") series.gapWidth = 50;
  }
  if (chart.axisFormat !== undefined) added.axes.valueAxis.numberFormat = chart.axisFormat;
  added.setPosition(chart.topLeft, chart.bottomRight);
}

/** Queues a sheet's charts, traffic lights, list validations, gridlines, print setup and column widths. */
export function applyPage(context: Excel.RequestContext, sheet: Excel.Worksheet, spec: SheetSpec): void {
  // The unit selector: an in-cell list whose source is the report's list of units (ExcelApi 1.8).
  for (const validation of spec.validations ?? []) sheet.getRange(validation.range).dataValidation.rule = { list: { inCellDropDown: true, source: validation.source } };
  // Data bars (ExcelApi 1.6): a bar's length from the range's smallest figure to its largest.
  for (const bar of spec.dataBars ?? []) sheet.getRange(bar.range).conditionalFormats.add("DataBar").dataBar.positiveFormat.fillColor = bar.color;
  // Colour scales (ExcelApi 1.6): two colours at two numbers, each cell shaded by its value between them.
  for (const scale of spec.colorScales ?? []) {
    sheet.getRange(scale.range).conditionalFormats.add("ColorScale").colorScale.criteria = {
      minimum: { type: "Number", formula: String(scale.min), color: scale.low },
      maximum: { type: "Number", formula: String(scale.max), color: scale.high },
    };
  }
  // Paragraphs (ExcelApi 1.2): merged across, wrapped, top-aligned, as tall as their lines (Excel does
  // not fit a merged cell's row to its text).
  for (const paragraph of spec.paragraphs ?? []) {
    const range = sheet.getRange(paragraph.range);
    range.merge(false);
    range.format.wrapText = true;
    range.format.verticalAlignment = "Top";
    range.format.rowHeight = LINE_HEIGHT * paragraph.lines;
  }
  for (const chart of spec.charts) addChart(context, sheet, chart);
  for (const light of spec.trafficLights) {
    const rules = trafficLightRules(light);
    for (const [formula, color] of [[rules.good, "#C6EFCE"], [rules.bad, "#FFC7CE"]] as const) { // Excel's "Good" green, "Bad" red
      const format = sheet.getRange(light.range).conditionalFormats.add("Custom");
      format.custom.rule.formula = `=${formula}`;
      format.custom.format.fill.color = color;
    }
  }
  if (spec.showGridlines === false) sheet.showGridlines = false;
  if (spec.print !== undefined) {
    // A4, one page wide and as many tall as it takes (0: no limit, as a file's fitToHeight="0").
    const layout = sheet.pageLayout;
    layout.paperSize = "A4";
    layout.orientation = spec.print.orientation;
    layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
    if (spec.print.area !== undefined) layout.setPrintArea(spec.print.area);
    if (spec.print.titleRows !== undefined) layout.setPrintTitleRows(spec.print.titleRows);
    for (const row of spec.print.rowBreaks ?? []) sheet.horizontalPageBreaks.add(`A${row}`);
    const pages = layout.headersFooters.defaultForAllPages;
    pages.leftHeader = spec.print.leftHeader;
    pages.rightHeader = spec.print.rightHeader;
    pages.centerFooter = spec.print.centerFooter;
  }
  spec.columnWidths.forEach((width, i) => {
    if (width !== undefined && width !== null) sheet.getRange(`${columnName(i)}:${columnName(i)}`).format.columnWidth = width;
  });
}
