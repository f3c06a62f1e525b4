/**
 * The cohort retention triangle (DOMAIN.md §6, issue 22 item 5) on the dashboard, under the trend:
 * one row for each of the trend's last periods (at most 13) with the customers it won, and the share
 * of them buying in each period since, M0 (100 %) to the report period, shaded by a colour scale.
 * CX: CX.COHORT's spill, cut to the span by `from` and `to`; portable: each cell counts the first
 * purchase of a period (Tx_Period_First) of the cohort's customers (Tx_Cohort) with COUNTIFS.
 */
import { columnName } from "../../core/a1";
import { cohortLabel } from "../../core/cohortRetention";
import { periodIndex, periodStart } from "../../core/periods";
import { label as tableLabel } from "../../i18n/labels";
import type { ReportBuilder, Section } from "../builder";
import type { ReportContext } from "../reportContext";
import { COUNT_FORMAT, PERCENT_FORMAT, TEXT_RESULT } from "../sheetSpec";
import { selectedRows } from "../unitSelection";

/** At most this many cohorts: with the label and size, 15 columns, the dashboard's width (A:O). */
const MAX_COHORTS = 13;
/** The scale's colours: white at 0 %, the report's blue at 100 %. */
const SCALE = { min: 0, max: 1, low: "#FFFFFF", high: "#5B9BD5" } as const;

/** Whether the report has the triangle: with the trend (its working columns), by month or quarter. */
export const hasCohorts = (ctx: ReportContext): boolean => ctx.trend && ctx.kind !== "year";

export const cohortTriangle: Section = {
  id: "cohort",
  sheet: "dashboard",
  when: hasCohorts,
  build(b) {
    const { t, cx, kind, locale, trendCount, options } = b.ctx;
    const period = kind as "month" | "quarter";
    const count = Math.min(trendCount, MAX_COHORTS);
    const last = periodIndex(options.periodEnd, period);
    const first = last - count + 1;
    const top = b.row;
    b.put({ address: `A${top}`, value: t(`cohortTitle_${period}`), style: "heading" });
    const header = top + 1;
    const prefix = period === "month" ? "M" : "Q";
    const shares = `C${header + 1}:${columnName(1 + count)}${header + count}`;
    if (cx) {
      const rows = (name: string): string => selectedRows(b.ctx, name);
      b.put({ address: `A${header}`, formula: `=CX.COHORT(${rows("Tx_Customer")},${rows("Tx_Date")},"${period}",${periodStart(first, period)},Period_End,"${locale}")`, numberFormat: TEXT_RESULT, style: "label" });
      b.spillFormats(0, header, header + count, [TEXT_RESULT, COUNT_FORMAT, ...new Array<string>(count).fill(PERCENT_FORMAT)]);
    } else {
      portableTriangle(b, header, first, count, period, prefix);
    }
    b.colorScales.push({ range: shares, ...SCALE });
    b.row = header + count + 2;
  },
};

/** Portable: the same header, labels and sizes, and each share in the triangle as COUNTIFS of the workings. */
function portableTriangle(b: ReportBuilder, header: number, first: number, count: number, period: "month" | "quarter", prefix: string): void {
  const { locale } = b.ctx;
  const headers = [tableLabel("cohort", locale), tableLabel("customers", locale), ...Array.from({ length: count }, (_, k) => `${prefix}${k}`)];
  headers.forEach((text, j) => b.put({ address: `${columnName(j)}${header}`, value: text, style: j === 0 ? "label" : "numberHeader" }));
  for (let c = 0; c < count; c++) {
    const r = header + 1 + c;
    const start = periodStart(first + c, period);
    b.put({ address: `A${r}`, value: cohortLabel(first + c, period), numberFormat: TEXT_RESULT });
    // the cohort's customers: each one's first purchase day in the cohort's own period
    const active = (k: number): string => `COUNTIFS(Tx_Cohort,${start},Tx_Period_Start,${periodStart(first + c + k, period)},Tx_Period_First,1)`;
    b.put({ address: `B${r}`, formula: `=${active(0)}`, numberFormat: COUNT_FORMAT });
    for (let k = 0; k < count - c; k++) {
      b.put({ address: `${columnName(2 + k)}${r}`, formula: `=IF($B${r}=0,"",${active(k)}/$B${r})`, numberFormat: PERCENT_FORMAT });
    }
  }
}
