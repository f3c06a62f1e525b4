/**
 * The dashboard's charts: beside the report block (A:H), in I:O, the trend of customers, the revenue
 * bridge as a waterfall, revenue and churn with NRR over the trend's periods (with the trend) or CAC
 * by channel (without it, when its rows are one per channel), then the NPS breakdown; the customers
 * by segment beside the RFM table, below any chart above it.
 */
import { columnName } from "../../core/a1";
import { rowNumber, type ReportBuilder, type Section } from "../builder";
import { trendName } from "../periodSheet";
import { sheetQualifier, type ChartSpec } from "../sheetSpec";

/**
 * The slots beside the report block (A:E, the year to date in F:G), in order; how many rows a chart
 * takes, and its left and right edges.
 */
export const CHART_ROWS = 12;
/** The slots beside the report's first page: the customers, the waterfall, revenue, churn with NRR, the NPS breakdown. */
const SLOT_COUNT = 5;
/** The slots from row 6 down, or from under the commentary, which runs across the page. */
function chartSlots(b: ReportBuilder): (readonly [string, string])[] {
  const top = b.at.commentary === undefined ? 6 : b.at.commentary.last + 2;
  return Array.from({ length: SLOT_COUNT }, (_, k) => [`${CHART_LEFT_COLUMN}${top + k * (CHART_ROWS + 1)}`, `${CHART_RIGHT_COLUMN}${top + k * (CHART_ROWS + 1) + CHART_ROWS - 1}`] as const);
}
export const CHART_LEFT_COLUMN = "I";
export const CHART_RIGHT_COLUMN = "O";

type UnplacedChart = Omit<ChartSpec, "topLeft" | "bottomRight">;

/** The charts that take the slots beside the report block, in order, from what the sections above placed. */
function slotCharts(b: ReportBuilder): UnplacedChart[] {
  const { t, trend, trendCount, sheetNames, sections, source, inputs, monthOf, channelMonths } = b.ctx;
  const { bridge, channels, npsBreakdown } = b.at;
  const charts: UnplacedChart[] = [];
  if (trend && bridge !== undefined) {
    // The trend: customers at the end of each period, with the new and the lapsed, from the workings'
    // last `trendCount` rows of the period tables (which hold a year more).
    const onWorkings = sheetQualifier(sheetNames.workings);
    const trendColumn = (key: string): string => {
      const { bottom, left } = b.workingsRange(trendName(key));
      return `${onWorkings}${columnName(left)}${bottom - trendCount + 2}:${columnName(left)}${bottom + 1}`;
    };
    const periods = trendColumn("firstDay").replace(/!B(\d+):B(\d+)$/, "!A$1:A$2");
    // (the reactivated too, so that start + new + reactivated − lapsed = end reads off the bars)
    charts.push({
      type: "ColumnClustered", categories: periods, title: t("customerTrend"),
      series: ([["customersEnd", "customersEnd"], ["newCustomersPeriod", "newCustomers"], ["reactivatedCustomers", "reactivated"], ["lapsedCustomers", "lapsed"]] as const).map(([label, key]) => ({ name: t(label), values: trendColumn(key) })),
    });
    if (b.at.waterfall !== undefined) charts.push({ ...b.at.waterfall, legend: false });
    charts.push({ type: "Line", categories: periods, title: t("revenueTrend"), series: [{ name: t("revenue"), values: trendColumn("revenue"), color: "#4472C4" }], legend: false });
    charts.push({
      type: "Line", categories: periods, title: t("churnNrrTrend"), axisFormat: "0%",
      series: [{ name: t("churnRatePeriod"), values: trendColumn("churnRate"), color: "#C00000" }, { name: t("netRevenueRetention"), values: trendColumn("netRevenueRetention"), color: "#70AD47" }],
    });
  }
  // Without the trend, CAC by channel (the data sheet's table), when its rows are one per channel (no
  // month: a bar per row would repeat each channel).
  const monthly = source.costs === undefined ? inputs.channels.some((channel) => monthOf(channel) !== undefined) : channelMonths;
  if (sections.dimensions && !trend && !monthly && channels !== undefined) {
    const onData = sheetQualifier(sheetNames.data);
    const column = (j: number): string => `${onData}${channels.column(j)}${channels.first}:${channels.column(j)}${channels.last}`;
    charts.push({ type: "BarClustered", categories: column(0), series: [{ name: t("cacByChannel"), values: column(1) }], title: t("cacByChannel") });
  }
  if (npsBreakdown !== undefined) {
    const rows = (column: string): string => `${column}${npsBreakdown}:${column}${npsBreakdown + 2}`;
    charts.push({ type: "Pie", categories: rows("A"), series: [{ name: t("npsBreakdown"), values: rows("B") }], title: t("npsBreakdown") });
  }
  return charts.slice(0, SLOT_COUNT);
}

/**
 * The top row of the segments' chart beside their table, below any chart above it (a row below the
 * page break, so that no edge of it prints at the foot of the page before); its heading row without charts.
 */
function segmentChartTop(b: ReportBuilder, heading: number): number {
  return belowSlotCharts(b, heading + 1);
}

/** The first row from `from` (the next free row by default) below the charts beside the report block. */
export function belowSlotCharts(b: ReportBuilder, from = b.row): number {
  const taken = b.ctx.sections.charts ? chartSlots(b).slice(0, slotCharts(b).length) : [];
  return Math.max(from, ...taken.map(([, bottom]) => rowNumber(bottom) + 2));
}

/** The first free row under the segments' chart (beside the RFM table), where the early warning goes. */
export function belowSegmentChart(b: ReportBuilder): number {
  const top = segmentChartTop(b, (b.at.segments as { heading: number }).heading);
  return b.ctx.sections.charts ? top + CHART_ROWS + 1 : top;
}

export const charts: Section = {
  id: "charts",
  sheet: "dashboard",
  when: (ctx) => ctx.sections.charts,
  build(b) {
    const { t } = b.ctx;
    const slots = chartSlots(b);
    slotCharts(b).forEach((chart, i) => {
      const [topLeft, bottomRight] = slots[i] as readonly [string, string];
      b.charts.push({ ...chart, topLeft, bottomRight });
    });
    const segments = b.at.segments;
    if (segments === undefined) return;
    const top = segmentChartTop(b, segments.heading);
    b.charts.push({
      type: "ColumnClustered", categories: `A${segments.first}:A${segments.last}`, series: [{ name: t("customersBySegment"), values: `B${segments.first}:B${segments.last}` }],
      title: t("customersBySegment"), topLeft: `${CHART_LEFT_COLUMN}${top}`, bottomRight: `${CHART_RIGHT_COLUMN}${top + CHART_ROWS - 1}`,
    });
  },
};
