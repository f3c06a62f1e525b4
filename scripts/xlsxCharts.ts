/**
 * The report's charts as DrawingML parts of an .xlsx file: exceljs writes no charts, so specToXlsx
 * adds these to the package it wrote. One chart part per ChartSpec, one drawing part per sheet that
 * anchors them over the cells the spec names, and the relationships and content types that tie them
 * in. Node-only tooling, like specToXlsx.
 */
import type JSZip from "jszip";
import { absoluteAddress, formatRange, parseRange } from "../src/core/a1";
import { sheetQualifier, type ChartSpec } from "../src/report/sheetSpec";

const CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/main";
const SHEET_DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PACKAGE_RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const CHART_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
const DRAWING_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Text as XML holds it in an element or an attribute. */
export const escapeXml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A chart's range as a chart part refers to it: sheet-qualified and absolute ('Report 2026-10'!$A$22:$A$28). */
export function chartReference(range: string, sheetName: string): string {
  const box = parseRange(range);
  if (box === undefined) throw new Error(`a chart's range must be a range: ${range}`);
  return sheetQualifier(box.sheet ?? sheetName) + absoluteAddress(formatRange(box));
}

/** The text of a chart's title, or a series' name, as rich text runs. */
const richText = (text: string): string =>
  `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr><a:r><a:rPr lang="en-US" sz="1200" b="1"/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich></c:tx>`;

/** The chart part (xl/charts/chartN.xml) of one ChartSpec on the sheet named `sheetName`. */
/** A series' look: no fill (a waterfall's base), a fill, or a line's colour. */
function seriesLook(color: string | undefined, line: boolean): string {
  if (color === undefined) return "";
  if (color === "none") return "<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>";
  const solid = `<a:solidFill><a:srgbClr val="${color.replace("#", "")}"/></a:solidFill>`;
  return line ? `<c:spPr><a:ln w="28575">${solid}</a:ln></c:spPr>` : `<c:spPr>${solid}</c:spPr>`;
}

/** A series' values as labels in a number format. */
const valueLabels = (format: string): string =>
  `<c:dLbls><c:numFmt formatCode="${escapeXml(format)}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`;

export function chartXml(chart: ChartSpec, sheetName: string, plotHiddenCells = false): string {
  const categories = chartReference(chart.categories, sheetName);
  const line = chart.type === "Line";
  const series = chart.series.map((each, k) =>
    `<c:ser><c:idx val="${k}"/><c:order val="${k}"/><c:tx><c:v>${escapeXml(each.name)}</c:v></c:tx>` +
    seriesLook(each.color, line) +
    (chart.type === "Pie" || line ? "" : '<c:invertIfNegative val="0"/>') +
    (line ? '<c:marker><c:symbol val="circle"/><c:size val="5"/></c:marker>' : "") +
    (each.labels === undefined ? "" : valueLabels(each.labels)) +
    `<c:cat><c:strRef><c:f>${escapeXml(categories)}</c:f></c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${escapeXml(chartReference(each.values, sheetName))}</c:f></c:numRef></c:val>${line ? '<c:smooth val="0"/>' : ""}</c:ser>`).join("");
  // a stacked column's series overlap fully: a waterfall's floating bars
  const stacked = chart.type === "ColumnStacked";
  const plot = chart.type === "Pie"
    ? `<c:pieChart><c:varyColors val="1"/>${series}<c:dLbls><c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="1"/><c:showBubbleSize val="0"/><c:showLeaderLines val="1"/></c:dLbls><c:firstSliceAng val="0"/></c:pieChart>`
    : (line ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/><c:axId val="1001"/><c:axId val="1002"/></c:lineChart>`
      : `<c:barChart><c:barDir val="${chart.type === "BarClustered" ? "bar" : "col"}"/><c:grouping val="${stacked ? "stacked" : "clustered"}"/><c:varyColors val="0"/>${series}` +
      `<c:gapWidth val="${stacked ? 50 : 80}"/>${stacked ? '<c:overlap val="100"/>' : ""}<c:axId val="1001"/><c:axId val="1002"/></c:barChart>`) +
      `<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="${chart.type === "BarClustered" ? "maxMin" : "minMax"}"/></c:scaling><c:delete val="0"/><c:axPos val="${chart.type === "BarClustered" ? "l" : "b"}"/>` +
      '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/></c:catAx>' +
      `<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${chart.type === "BarClustered" ? "b" : "l"}"/><c:majorGridlines/>` +
      `<c:numFmt formatCode="${escapeXml(chart.axisFormat ?? "#,##0")}" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="1001"/><c:crosses val="autoZero"/><c:crossBetween val="between"/></c:valAx>`;
  // One series needs no legend, except a pie's, whose legend names its slices.
  const legend = chart.legend ?? (chart.type === "Pie" || chart.series.length > 1) ? '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>' : "";
  return XML_HEAD +
    `<c:chartSpace xmlns:c="${CHART_NS}" xmlns:a="${DRAWING_NS}" xmlns:r="${RELATIONSHIPS_NS}"><c:roundedCorners val="0"/>` +
    `<c:chart><c:title>${richText(chart.title)}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${plot}</c:plotArea>${legend}<c:plotVisOnly val="${plotHiddenCells ? 0 : 1}"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`;
}

/** A cell's corner as a drawing anchors to it: zero-based column and row. */
function corner(address: string, past: boolean): string {
  const box = parseRange(address);
  if (box === undefined || box.top !== box.bottom || box.left !== box.right) throw new Error(`a chart's corner must be a cell: ${address}`);
  // The bottom-right cell is covered: the anchor ends at the next cell's top-left corner (both zero-based, as parseRange counts).
  const column = box.left + (past ? 1 : 0);
  const row = box.top + (past ? 1 : 0);
  return `<xdr:col>${column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
}

/** A sheet's drawing part: each chart anchored over its cells, chart k by relationship rId{k+1}. */
export function drawingXml(charts: readonly ChartSpec[]): string {
  const anchors = charts.map((chart, k) =>
    `<xdr:twoCellAnchor editAs="oneCell"><xdr:from>${corner(chart.topLeft, false)}</xdr:from><xdr:to>${corner(chart.bottomRight, true)}</xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${k + 2}" name="${escapeXml(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
    `<a:graphic><a:graphicData uri="${CHART_NS}"><c:chart xmlns:c="${CHART_NS}" r:id="rId${k + 1}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`).join("");
  return XML_HEAD + `<xdr:wsDr xmlns:xdr="${SHEET_DRAWING_NS}" xmlns:a="${DRAWING_NS}" xmlns:r="${RELATIONSHIPS_NS}">${anchors}</xdr:wsDr>`;
}

const relationships = (entries: readonly (readonly [id: string, type: string, target: string])[]): string =>
  XML_HEAD + `<Relationships xmlns="${PACKAGE_RELATIONSHIPS_NS}">${entries.map(([id, type, target]) => `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`).join("")}</Relationships>`;

/** Where a worksheet's <drawing> goes: after its page setup, before legacy drawings, table parts and extensions (the schema's order). */
const AFTER_DRAWING = /<legacyDrawing\b|<legacyDrawingHF\b|<drawingHF\b|<picture\b|<oleObjects\b|<controls\b|<webPublishItems\b|<tableParts\b|<extLst\b|<\/worksheet>/;

/**
 * Adds the charts of each sheet (by position: the package's sheet k+1) to an .xlsx package that
 * exceljs wrote: chart and drawing parts, the sheet's relationship to its drawing, and content types.
 */
export async function addCharts(zip: JSZip, chartsBySheet: readonly { readonly sheetName: string; readonly charts: readonly ChartSpec[] }[], plotHiddenCells = false): Promise<void> {
  let chartCount = 0;
  let drawingCount = 0;
  const overrides: string[] = [];
  for (const [k, { sheetName, charts }] of chartsBySheet.entries()) {
    if (charts.length === 0) continue;
    const drawing = ++drawingCount;
    const sheetPart = `xl/worksheets/sheet${k + 1}.xml`;
    const sheetXml = await zip.file(sheetPart)?.async("string");
    if (sheetXml === undefined) throw new Error(`no ${sheetPart} in the package`);
    if (sheetXml.includes("<drawing ")) throw new Error(`${sheetPart} already has a drawing`);
    const chartTargets: [string, string, string][] = charts.map((chart, j) => {
      const number = ++chartCount;
      zip.file(`xl/charts/chart${number}.xml`, chartXml(chart, sheetName, plotHiddenCells));
      overrides.push(`<Override PartName="/xl/charts/chart${number}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>`);
      return [`rId${j + 1}`, CHART_TYPE, `../charts/chart${number}.xml`];
    });
    zip.file(`xl/drawings/drawing${drawing}.xml`, drawingXml(charts));
    zip.file(`xl/drawings/_rels/drawing${drawing}.xml.rels`, relationships(chartTargets));
    overrides.push(`<Override PartName="/xl/drawings/drawing${drawing}.xml" ContentType="application/vnd.openxmlformats-officedocument.drawing+xml"/>`);
    // The sheet's own relationships (exceljs writes some for tables and hyperlinks) gain its drawing.
    const relsPart = `xl/worksheets/_rels/sheet${k + 1}.xml.rels`;
    const ownRels = await zip.file(relsPart)?.async("string");
    const drawingRel = `<Relationship Id="rIdCxDrawing" Type="${DRAWING_TYPE}" Target="../drawings/drawing${drawing}.xml"/>`;
    zip.file(relsPart, ownRels === undefined ? relationships([["rIdCxDrawing", DRAWING_TYPE, `../drawings/drawing${drawing}.xml`]]) : ownRels.replace("</Relationships>", `${drawingRel}</Relationships>`));
    const at = AFTER_DRAWING.exec(sheetXml)?.index ?? sheetXml.length;
    const withNamespace = /<worksheet\b[^>]*\bxmlns:r=/.test(sheetXml) ? sheetXml : sheetXml.replace("<worksheet ", `<worksheet xmlns:r="${RELATIONSHIPS_NS}" `);
    const shift = withNamespace.length - sheetXml.length;
    zip.file(sheetPart, `${withNamespace.slice(0, at + shift)}<drawing r:id="rIdCxDrawing"/>${withNamespace.slice(at + shift)}`);
  }
  if (overrides.length === 0) return;
  const types = await zip.file("[Content_Types].xml")?.async("string");
  if (types === undefined) throw new Error("no [Content_Types].xml in the package");
  zip.file("[Content_Types].xml", types.replace("</Types>", `${overrides.join("")}</Types>`));
}
