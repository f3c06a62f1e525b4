/**
 * The lists for follow-up on the workings (issue 22, item 5), under the tables per period and the
 * waterfall's table: the report period's new customers (DOMAIN.md §7's new, by revenue, to welcome)
 * and its lapsed customers (§11's win back, by historical value), each customer with their value: the
 * first LIST_ROWS of each (CX: CX.NEW_CUSTOMERS' and CX.WIN_BACK's spills; portable: by the
 * transaction table's ranking keys), and a line saying how many more the period figures count.
 */
import { columnName } from "../../core/a1";
import type { ReportBuilder, Section } from "../builder";
import { rankedList, spilledList, type ListColumn } from "../followUpList";
import { DATE_FORMAT, TEXT_RESULT } from "../sheetSpec";
import { textFormula } from "../textFormula";
import { selectedRows } from "../unitSelection";
import { hasWaterfall, WATERFALL_ROWS } from "../waterfall";
import { winBackColumns } from "./earlyWarning";

/** How many customers a list shows. */
const LIST_ROWS = 50;

export const followUpLists: Section = {
  id: "followUpLists",
  sheet: "workings",
  when: (ctx) => ctx.trend && ctx.sections.rfm && ctx.needed.includes("transactions"),
  build(b) {
    const { t, cx, locale, unitMoney: money } = b.ctx;
    // (the dashboard's revenue bridge puts the waterfall's table there later: its rows are kept)
    const top = (b.at.belowPeriodTables as number) + (hasWaterfall(b.ctx) ? WATERFALL_ROWS + 1 : 0) + 2;
    const rows = (name: string): string => selectedRows(b.ctx, name);
    const transactions = `${rows("Tx_Customer")},${rows("Tx_Date")},${rows("Tx_Amount")}`;
    const fresh: ListColumn[] = [
      { header: "customer", format: TEXT_RESULT, value: "Tx_Customer" }, { header: "firstPurchase", format: DATE_FORMAT, value: "Tx_First" },
      { header: "periodRevenue", format: money, value: "Tx_Monetary" },
    ];
    list(b, 0, top, t("newCustomersList"), "New_Customers", fresh, cx ? `=CX.NEW_CUSTOMERS(${transactions},Period_Start,Period_End,${LIST_ROWS},"${locale}")` : "Tx_New_Rank");
    list(b, 4, top, t("lapsedList"), "Lapsed_Customers", winBackColumns(money), cx ? `=CX.WIN_BACK(${transactions},Period_Start,Period_End,Lapse_Days,${LIST_ROWS},"${locale}")` : "Tx_Win_Back_Rank");
  },
};

/**
 * One list from column `left`: its title, CX's spill (`content` a formula) or the portable ranked
 * rows (`content` the ranking key's name), then how many more the period's figure (`count`) counts.
 */
function list(b: ReportBuilder, left: number, top: number, title: string, count: string, columns: readonly ListColumn[], content: string): void {
  const { t } = b.ctx;
  const column = columnName(left);
  b.putOn("workings", { address: `${column}${top}`, value: title, style: "heading" });
  const place = { sheet: "workings", left, top: top + 1, rows: LIST_ROWS } as const;
  const cx = content.startsWith("=");
  if (cx) spilledList(b, place, content, columns);
  else rankedList(b, place, content, columns);
  const more = `${count}-${LIST_ROWS}`;
  b.putOn("workings", { address: `${column}${top + 2 + LIST_ROWS}`, formula: `=IFERROR(IF(${more}>0,${textFormula(t(cx ? "moreInListCx" : "moreInList"), { count: more })},""),"")`, numberFormat: TEXT_RESULT });
}
