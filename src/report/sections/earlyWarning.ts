/**
 * Early warning: the valuable customers most at risk, beside the RFM table under its chart (I:L), so
 * the dashboard still prints on two pages. CX: (1 − P(alive)) × historical value from the BG/NBD fit
 * (CX.AT_RISK); portable: the RFM segments Can't Lose Them and At Risk ranked by monetary value.
 */
import { columnIndex, columnName } from "../../core/a1";
import { label as tableLabel, segmentNames } from "../../i18n/labels";
import { fillTemplate } from "../../i18n/locale";
import type { ReportBuilder, Section } from "../builder";
import { PERCENT_FORMAT, TEXT_RESULT } from "../sheetSpec";
import { selectedRows } from "../unitSelection";
import { belowSegmentChart, CHART_LEFT_COLUMN } from "./charts";

/** How many customers the table lists, and its first column: beside the RFM table, under its chart. */
const EARLY_WARNING_ROWS = 10;
const EARLY_WARNING_COLUMN = columnIndex(CHART_LEFT_COLUMN);

export const earlyWarning: Section = {
  id: "earlyWarning",
  sheet: "dashboard",
  when: (ctx) => ctx.sections.rfm && ctx.needed.includes("transactions"),
  build(b) {
    const { t, cx, locale } = b.ctx;
    const heading = belowSegmentChart(b);
    const column = (j: number): string => columnName(EARLY_WARNING_COLUMN + j);
    b.at.belowEarlyWarning = heading + EARLY_WARNING_ROWS + 2;
    b.put({ address: `${column(0)}${heading}`, value: cx ? t("earlyWarning") : fillTemplate(t("earlyWarningPortable"), { first: segmentNames["Can't Lose Them"][locale], second: segmentNames["At Risk"][locale] }), style: "heading" });
    [110, 110, 90, 110].forEach((width, j) => b.widen("dashboard", EARLY_WARNING_COLUMN + j, width));
    b.at.earlyWarningValues = `${column(1)}${heading + 2}:${column(1)}${heading + 1 + EARLY_WARNING_ROWS}`;
    if (cx) spilledList(b, heading + 1, column);
    else rankedList(b, heading + 1, column);
  },
};

/** CX.AT_RISK's spilled list, its cells formatted ahead of the spill. */
function spilledList(b: ReportBuilder, top: number, column: (j: number) => string): void {
  const { locale, unitMoney: money } = b.ctx;
  const rows = (name: string): string => selectedRows(b.ctx, name);
  b.put({ address: `${column(0)}${top}`, formula: `=CX.AT_RISK(${rows("Tx_Customer")},${rows("Tx_Date")},${rows("Tx_Amount")},${EARLY_WARNING_ROWS},As_Of,"${locale}")`, numberFormat: TEXT_RESULT, style: "label" });
  b.spillFormats(EARLY_WARNING_COLUMN, top, top + EARLY_WARNING_ROWS, [TEXT_RESULT, money, PERCENT_FORMAT, money]);
}

/** Portable: the k-th largest ranking key of the workings and its row's customer, value, recency and segment; blank below the last. */
function rankedList(b: ReportBuilder, top: number, column: (j: number) => string): void {
  const { locale, unitMoney: money } = b.ctx;
  (["customer", "historicalValue", "recencyDays", "segment"] as const).forEach((key, j) => b.put({ address: `${column(j)}${top}`, value: tableLabel(key, locale), style: j === 1 || j === 2 ? "numberHeader" : "label" }));
  for (let k = 1; k <= EARLY_WARNING_ROWS; k++) {
    const r = top + k;
    const at = `MATCH(LARGE(Tx_Risk_Rank,${k}),Tx_Risk_Rank,0)`;
    const pick = (name: string): string => `=IFERROR(INDEX(${name},${at}),"")`;
    b.put({ address: `${column(0)}${r}`, formula: pick("Tx_Customer"), numberFormat: TEXT_RESULT });
    b.put({ address: `${column(1)}${r}`, formula: pick("Tx_Monetary"), numberFormat: money });
    // whole days with thousands separators (1,037), with room before the segment beside them
    b.put({ address: `${column(2)}${r}`, formula: pick("Tx_Recency"), numberFormat: "#,##0_)_)_)" });
    b.put({ address: `${column(3)}${r}`, formula: pick("Tx_Segment"), numberFormat: TEXT_RESULT });
  }
}
