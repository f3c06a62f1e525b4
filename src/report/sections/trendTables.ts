/**
 * The trend tables: the trend's periods (the report period last, in bold), each with its active
 * customers, new and lapsed, churn, revenue, AOV, repeat-buyer share and NRR from the period tables,
 * active customers and revenue with their 环比 and 同比; then the value, acquisition and satisfaction
 * figures the workings have per period. Under the report block and the early warning, across the page (A:M).
 */
import { columnName } from "../../core/a1";
import { fillTemplate } from "../../i18n/locale";
import type { ReportLabel } from "../../i18n/reportLabels";
import type { ReportBuilder, Section } from "../builder";
import { changeCell, dashAtRight, NO_CHANGE, type KpiFormat } from "../figures";
import { trendName } from "../periodSheet";
import { sheetQualifier, TEXT_RESULT, widthFor } from "../sheetSpec";
import type { FigureFormat } from "../reportContext";

/** A column of a trend table: its header, the workings' column per period, its format, and whether 环比 and 同比 follow it. */
type TrendColumn = readonly [ReportLabel, string, KpiFormat | FigureFormat, boolean];

const CUSTOMER_COLUMNS: readonly TrendColumn[] = [
  ["trendActive", trendName("customersEnd"), "count", true], ["trendNew", trendName("newCustomers"), "count", false], ["trendLapsed", trendName("lapsed"), "count", false],
  ["trendChurn", trendName("churnRate"), "percent", false], ["trendRevenue", trendName("revenue"), "money", true], ["trendAov", trendName("averageOrderValue"), "unitMoney", false],
  ["trendRepeat", trendName("repeatBuyerShare"), "percent", false], ["trendNrr", trendName("netRevenueRetention"), "percent", false],
];

/** The workings' figures per period, those the report has (a linked cost table without months has no acquisition per period). */
const PER_PERIOD_COLUMNS: readonly TrendColumn[] = [
  ["trendClv", "Trend_CLV", "unitMoney", true], ["trendAcquired", "Trend_Acquired_Customers", "count", false], ["cacShort", "Trend_CAC", "unitMoney", true],
  ["ltvCac", "Trend_LTV_CAC", "ratio", false], ["trendPayback", "Trend_Payback_Months", "months", false],
  ["trendAnswers", "Trend_Survey_Answers", "count", false], ["trendNps", "Trend_NPS", "score", false], ["trendCsat", "Trend_CSAT", "percent", false],
];

export const trendTables: Section = {
  id: "trendTables",
  sheet: "dashboard",
  when: (ctx) => ctx.trend,
  build(b) {
    const { t, trendCount } = b.ctx;
    b.row = Math.max(b.row, (b.at.belowEarlyWarning ?? 0) + 1);
    addTrendBlock(b, fillTemplate(t("trendTable"), { count: String(trendCount) }), CUSTOMER_COLUMNS);
    const perPeriod = PER_PERIOD_COLUMNS.filter(([, name]) => b.hasWorking(name));
    if (perPeriod.length > 0) addTrendBlock(b, t("trendValueTable"), perPeriod);
  },
};

/** A table of the trend's periods on the dashboard at its next row, the report period last and in bold. */
function addTrendBlock(b: ReportBuilder, heading: string, columns: readonly TrendColumn[]): void {
  const { t, formats, trendCount, yearBack, sheetNames } = b.ctx;
  b.put({ address: `A${b.row}`, value: heading, style: "heading" });
  const header = b.row + 1;
  b.put({ address: `A${header}`, value: t("trendPeriod"), style: "label" });
  for (let k = 0; k < trendCount; k++) {
    const r = header + 1 + k;
    // The row of the period tables: a year of earlier periods comes first.
    const i = yearBack + k + 1;
    const style = k === trendCount - 1 ? { style: "kpi" as const } : {};
    // The period's label, from the workings' first column.
    b.put({ address: `A${r}`, formula: `=${sheetQualifier(sheetNames.workings)}${b.periodLabelCell(i)}`, numberFormat: TEXT_RESULT, ...style });
    let j = 1;
    for (const [label, name, format, changes] of columns) {
      if (k === 0) {
        b.put({ address: `${columnName(j)}${header}`, value: t(label), style: "numberHeader" });
        // Wide enough for its header and its figures (money is the widest), as the chart columns may not be.
        b.widen("dashboard", j, widthFor(t(label), format === "money" || format === "unitMoney" ? 100 : 64));
      }
      // A dash where the period has no such figure (no customers yet, no orders), as for a change.
      b.put({ address: `${columnName(j)}${r}`, formula: `=IFERROR(INDEX(${name},${i}),"${NO_CHANGE}")`, numberFormat: dashAtRight(formats[format]), ...style });
      const value = `${columnName(j)}${r}`;
      j++;
      if (!changes) continue;
      for (const [changeHeading, back] of [["trendMom", 1], ["trendYoy", yearBack]] as const) {
        if (k === 0) {
          b.put({ address: `${columnName(j)}${header}`, value: t(changeHeading), style: "numberHeader" });
          b.widen("dashboard", j, 64);
        }
        b.put({ ...changeCell(value, `INDEX(${name},${i - back})`, format === "percent" ? "rate" : "relative", b.ctx.locale), address: `${columnName(j)}${r}`, ...style });
        j++;
      }
    }
  }
  b.row = header + trendCount + 2;
}
