/**
 * The follow-up lists of DOMAIN.md §11 side by side under the RFM table and its chart, so the
 * dashboard still prints on two pages: *at risk* (from I), customers still active but overdue against
 * their own purchase interval, and (with the trend) *win back* (from A), those who lapsed in the
 * report period. CX: CX.AT_RISK ranked by (1 − P(alive)) × historical value, and CX.WIN_BACK;
 * portable: the same customers from the transaction table's working columns, both ranked by
 * historical value.
 */
import { columnIndex, columnName } from "../../core/a1";
import type { Section } from "../builder";
import { rankedList, spilledList, type ListColumn } from "../followUpList";
import { DATE_FORMAT, PERCENT_FORMAT, TEXT_RESULT } from "../sheetSpec";
import { selectedRows } from "../unitSelection";
import { belowSegmentChart, CHART_LEFT_COLUMN } from "./charts";
import { lapseDays } from "./transactions";

/** How many customers each list shows, and the at-risk list's first column: under the RFM chart. */
const LIST_ROWS = 10;
const LIST_COLUMN = columnIndex(CHART_LEFT_COLUMN);
/** Whole days with thousands separators (1,037), and a usual interval to a tenth of a day. */
const DAYS_FORMAT = "#,##0";
const INTERVAL_FORMAT = "#,##0.0";

export const earlyWarning: Section = {
  id: "earlyWarning",
  sheet: "dashboard",
  when: (ctx) => ctx.sections.rfm && ctx.needed.includes("transactions"),
  build(b) {
    const { t, cx, locale, trend, unitMoney: money } = b.ctx;
    const rows = (name: string): string => selectedRows(b.ctx, name);
    const transactions = `${rows("Tx_Customer")},${rows("Tx_Date")},${rows("Tx_Amount")}`;
    const top = belowSegmentChart(b);
    // At risk, under the chart: CX adds the model's P(alive) and value at risk to the columns both modes show.
    const atRisk: ListColumn[] = [
      { header: "customer", format: TEXT_RESULT, value: "Tx_Customer" }, { header: "daysSinceLast", format: DAYS_FORMAT, value: "Tx_Recency" },
      { header: "usualInterval", format: INTERVAL_FORMAT, value: "Tx_Interval" }, { header: "historicalValue", format: money, value: "Tx_Monetary" },
      ...(cx ? [{ header: "probabilityAlive", format: PERCENT_FORMAT, value: "" }, { header: "valueAtRisk", format: money, value: "" }] as const : []),
    ];
    b.put({ address: `${CHART_LEFT_COLUMN}${top}`, value: t(cx ? "atRiskList" : "atRiskListPortable"), style: "heading" });
    [90, 110, 110, 110, 70, 110].slice(0, atRisk.length).forEach((width, j) => b.widen("dashboard", LIST_COLUMN + j, width));
    const valueColumn = columnName(LIST_COLUMN + 3);
    b.at.earlyWarningValues = `${valueColumn}${top + 2}:${valueColumn}${top + 1 + LIST_ROWS}`;
    const right = { sheet: "dashboard", left: LIST_COLUMN, top: top + 1, rows: LIST_ROWS } as const;
    if (cx) spilledList(b, right, `=CX.AT_RISK(${transactions},${LIST_ROWS},As_Of,"${locale}",${lapseDays(b)})`, atRisk);
    else rankedList(b, right, "Tx_At_Risk_Rank", atRisk);
    // Win back, beside it under the RFM table (A:D; lower where there is no chart above the other), where
    // the trend gives the period's lapsed.
    const left = Math.max(top, b.row);
    if (trend) {
      b.put({ address: `A${left}`, value: t("winBackList"), style: "heading" });
      const place = { sheet: "dashboard", left: 0, top: left + 1, rows: LIST_ROWS } as const;
      if (cx) spilledList(b, place, `=CX.WIN_BACK(${transactions},Period_Start,Period_End,Lapse_Days,${LIST_ROWS},"${locale}")`, winBackColumns(money));
      else rankedList(b, place, "Tx_Win_Back_Rank", winBackColumns(money));
    }
    b.at.belowEarlyWarning = (trend ? left : top) + LIST_ROWS + 2;
  },
};

/**
 * The win-back list's columns, on the dashboard and the workings: customer, last purchase (as of the
 * period's end, the as-of date), the day they lapsed (W days after it) and historical value.
 */
export const winBackColumns = (money: string): ListColumn[] => [
  { header: "customer", format: TEXT_RESULT, value: "Tx_Customer" }, { header: "lastPurchase", format: DATE_FORMAT, value: "As_Of-Tx_Recency" },
  { header: "lapsedOn", format: DATE_FORMAT, value: "As_Of-Tx_Recency+Lapse_Days" }, { header: "historicalValue", format: money, value: "Tx_Monetary" },
];
