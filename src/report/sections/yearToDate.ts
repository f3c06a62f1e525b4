/**
 * The year to date beside the report period's figures (DOMAIN.md §9, 本年累计), in columns F and G
 * of their rows: new, reactivated and lapsed customers, revenue and orders summed over the period
 * tables' rows from the fiscal year's first month to the report period's; customers at the start of
 * the year; churn and AOV recomputed from those sums, never averaged; each with its change on the
 * same span a year earlier (a dash where the tables do not reach back to it). The same formulas in
 * both modes: they read the period tables' named columns.
 */
import { isoDateOfSerial } from "../../core/dates";
import type { ReportBuilder, Section } from "../builder";
import { changeCell, NO_CHANGE, type ChangeKind } from "../figures";
import { trendName } from "../periodSheet";
import { widthFor } from "../sheetSpec";
import { dateOf, yearToDate, type YearToDate } from "../yearToDate";
import type { FigureFormat } from "../reportContext";

/** The figures of the year to date: the period-table key of their row, their name, and how each is made from the span's rows. */
type Part = "sum" | "startBase" | "churn" | "averageOrderValue";
const FIGURES: readonly (readonly [key: string, name: string, part: Part, format: FigureFormat, change: ChangeKind])[] = [
  ["customersStart", "Customers_Start_Of_Year", "startBase", "count", "relative"],
  ["newCustomers", "New_Customers_YTD", "sum", "count", "relative"],
  ["reactivated", "Reactivated_YTD", "sum", "count", "relative"],
  ["lapsed", "Lapsed_YTD", "sum", "count", "relative"],
  ["churnRate", "Churn_YTD", "churn", "percent", "rate"],
  ["revenue", "Revenue_YTD", "sum", "money", "relative"],
  ["orders", "Orders_YTD", "sum", "count", "relative"],
  ["averageOrderValue", "Average_Order_Value_YTD", "averageOrderValue", "unitMoney", "relative"],
];

/** A figure over a span of the period tables' rows (those whose first day is from `from` to `to`). */
function overSpan(part: Part, key: string, from: number, to: number): string {
  const sum = (column: string): string => `SUMIFS(${trendName(column)},${trendName("firstDay")},">="&${dateOf(from)},${trendName("firstDay")},"<="&${dateOf(to)})`;
  const startBase = `INDEX(${trendName("customersStart")},MATCH(${dateOf(from)},${trendName("firstDay")},0))`;
  switch (part) {
    case "sum": return sum(key);
    case "startBase": return startBase;
    case "churn": return `${sum("lapsed")}/${startBase}`;
    case "averageOrderValue": return `${sum("revenue")}/${sum("orders")}`;
  }
}

function build(b: ReportBuilder, span: YearToDate): void {
  const { t, formats } = b.ctx;
  const anchor = b.at.periodFigures;
  if (anchor === undefined) return;
  const month = (serial: number): string => isoDateOfSerial(serial).slice(0, 7);
  b.put({ address: `F${anchor.header - 1}`, value: `${t("yearToDate")} ${month(span.start)} – ${month(span.end)}`, style: "heading" });
  [t("yearToDateValue"), t("yearToDateVersusYearAgo")].forEach((header, j) => {
    b.put({ address: `${j === 0 ? "F" : "G"}${anchor.header}`, value: header, style: "numberHeader" });
    b.widen("dashboard", 5 + j, widthFor(header, 0));
  });
  const cellOf = (key: string): string => `F${anchor.rows[key] as number}`;
  for (const [key, name, part, format, change] of FIGURES) {
    const row = anchor.rows[key];
    if (row === undefined) continue;
    const numberFormat = formats[format];
    // a ratio from the span's own figures above it, a dash where its base is 0
    const value = part === "churn" ? `IF(${cellOf("customersStart")}=0,"${NO_CHANGE}",${cellOf("lapsed")}/${cellOf("customersStart")})`
      : part === "averageOrderValue" ? `IF(${cellOf("orders")}=0,"${NO_CHANGE}",${cellOf("revenue")}/${cellOf("orders")})` : overSpan(part, key, span.start, span.end);
    b.put({ address: `F${row}`, formula: `=${value}`, numberFormat, style: "kpi" });
    b.name("dashboard", name, `F${row}`);
    b.put({ ...changeCell(`F${row}`, span.priorCovered ? `(${overSpan(part, key, span.priorStart, span.priorEnd)})` : undefined, change, b.ctx.locale), address: `G${row}` });
    b.name("dashboard", `${name}_YoY`, `G${row}`);
  }
}

export const yearToDateFigures: Section = {
  id: "yearToDate",
  sheet: "dashboard",
  when: (ctx) => yearToDate(ctx) !== undefined,
  build: (b) => build(b, yearToDate(b.ctx) as YearToDate),
};
