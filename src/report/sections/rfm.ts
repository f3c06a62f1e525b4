/**
 * The RFM segments (DOMAIN.md §4): customers and revenue per segment with their shares. CX:
 * CX.RFM_SUMMARY (or CX.RFM_SEGMENT_SUMMARY on a database's summary) spills the 12×5 table; the
 * portable sheet counts the segments of the workings' working columns.
 */
import { columnName } from "../../core/a1";
import { label as tableLabel, RFM_SEGMENTS, segmentNames } from "../../i18n/labels";
import type { ReportBuilder, Section } from "../builder";
import { COUNT_FORMAT, PERCENT_FORMAT, TEXT_RESULT } from "../sheetSpec";
import { selectedRows } from "../unitSelection";
import { belowSlotCharts } from "./charts";

export const rfm: Section = {
  id: "rfm",
  sheet: "dashboard",
  when: (ctx) => ctx.sections.rfm,
  build(b) {
    const { t, cx, trend } = b.ctx;
    // (with the trend, the segments start the second page: below the charts beside the first)
    if (trend) b.row = Math.max(b.row, belowSlotCharts(b));
    const heading = b.row;
    b.put({ address: `A${b.row}`, value: t("rfmSegments"), style: "heading" });
    const top = heading + 1;
    const first = top + 1;
    const last = top + RFM_SEGMENTS.length;
    if (cx) spilledSummary(b, top, last);
    else countedSummary(b, top, first, last);
    b.at.segments = { heading, first, last };
    b.row = last + 2;
  },
};

/** Each column's number format: segment, customers, their share, revenue, its share. */
const columnFormats = (money: string): (string | undefined)[] => [undefined, COUNT_FORMAT, PERCENT_FORMAT, money, PERCENT_FORMAT];

/**
 * CX: the spilled table from its top-left cell. Every cell of the spill is part of the report (refresh
 * must not take it for the user's), and gets its format ahead of the spill; the header row keeps the label style.
 */
function spilledSummary(b: ReportBuilder, top: number, last: number): void {
  const { locale, money, source } = b.ctx;
  const rows = (column: string): string => selectedRows(b.ctx, column);
  const formula = source.customerSummary !== undefined ? `=CX.RFM_SEGMENT_SUMMARY(Sum_Recency,Sum_Orders,Sum_Revenue,"${locale}")` : `=CX.RFM_SUMMARY(${rows("Tx_Customer")},${rows("Tx_Date")},${rows("Tx_Amount")},As_Of,"${locale}")`;
  b.put({ address: `A${top}`, formula, numberFormat: TEXT_RESULT, style: "label" });
  b.spillFormats(0, top, last, columnFormats(money));
}

/** Portable: a row per segment, counted and summed from the segment column of the workings. */
function countedSummary(b: ReportBuilder, top: number, first: number, last: number): void {
  const { locale, money, source } = b.ctx;
  const summary = source.customerSummary !== undefined;
  (["segment", "customers", "share", "lifetimeRevenue", "revenueShare"] as const).forEach((key, j) => b.put({ address: `${columnName(j)}${top}`, value: tableLabel(key, locale), style: j === 0 ? "label" : "numberHeader" }));
  RFM_SEGMENTS.forEach((segment, i) => {
    const r = first + i;
    b.put({ address: `A${r}`, value: segmentNames[segment][locale] });
    b.put({ address: `B${r}`, formula: `=COUNTIF(${summary ? "Sum_Segment" : "Tx_Segment"},A${r})`, numberFormat: COUNT_FORMAT });
    b.put({ address: `C${r}`, formula: `=IF(SUM(B$${first}:B$${last})=0,NA(),B${r}/SUM(B$${first}:B$${last}))`, numberFormat: PERCENT_FORMAT });
    b.put({ address: `D${r}`, formula: summary ? `=SUMIF(Sum_Segment,A${r},Sum_Revenue)` : `=SUMIF(Tx_Segment,A${r},Tx_Monetary)`, numberFormat: money });
    b.put({ address: `E${r}`, formula: `=IF(SUM(D$${first}:D$${last})=0,0,D${r}/SUM(D$${first}:D$${last}))`, numberFormat: PERCENT_FORMAT });
  });
}
