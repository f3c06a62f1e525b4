/**
 * The transaction table on the workings: the sample's or the user's purchases (customer, date,
 * amount), mirrored live when linked; in portable mode with working columns that compute each
 * customer's R, F, M and segment on the customer's first row (DOMAIN.md §4), and those the period
 * tables read (DOMAIN.md §7), in built-in functions only. CX reads a linked table's columns directly.
 */
import { segmentNames } from "../../i18n/labels";
import type { ReportBuilder, Section } from "../builder";
import { linkedAddress, linkedReference } from "../dataSource";
import { HELPER_LABELS, HELPERS, helperFormula, txFormats, type TxColumn } from "../periodSheet";
import { quote, scoreFormula, segmentFormula } from "../rfmFormulas";
import { columnName } from "../../core/a1";
import { DATE_FORMAT, TEXT_RESULT, WHOLE_FORMAT } from "../sheetSpec";
import { addTable, link, TABLE_HEADER_ROW, typed, workingColumn, type TableColumn } from "../tables";

export const transactions: Section = {
  id: "transactions",
  sheet: "workings",
  when: (ctx) => ctx.needed.includes("transactions"),
  build(b) {
    const { t, cx, money, inputs, options, source, trend } = b.ctx;
    const linked = source.transactions;
    if (linked !== undefined && cx) {
      // CX reads the user's columns directly, however long.
      ["Tx_Customer", "Tx_Date", "Tx_Amount"].forEach((name, j) => b.name("data", name, linkedReference(linked, j), true));
      return;
    }
    const workings = rfmWorkings(b);
    // Portable with the user's transactions: a mirror of their rows, live, beside the working columns.
    const style = linked === undefined ? "input" : "helper";
    const dateOf = (i: number): number | string | undefined => {
      const tx = inputs.transactions[i];
      return tx === undefined ? undefined : (tx.date ?? options.periodEnd - (tx.daysBeforeEnd ?? 0));
    };
    addTable(b, "workings", "CX_Transactions", linked === undefined ? t("transactions") : `${t("transactionsLinked")} ${linkedAddress(linked)}`, linked?.rows ?? inputs.transactions.length, [
      { header: t("customer"), name: "Tx_Customer", width: 90, style, ...(linked === undefined ? {} : { format: TEXT_RESULT }), content: linked === undefined ? typed((i) => inputs.transactions[i]?.customer) : link(linked, 0) },
      { header: t("date"), name: "Tx_Date", width: 90, format: DATE_FORMAT, style, content: linked === undefined ? typed(dateOf) : link(linked, 1) },
      { header: t("amount"), name: "Tx_Amount", width: 90, format: money, style, content: linked === undefined ? typed((i) => inputs.transactions[i]?.amount) : link(linked, 2) },
      ...workings,
      ...(cx || !trend ? [] : periodWorkings(b, 3 + workings.length)),
    ]);
  },
};

/**
 * Portable RFM's working columns after customer (0), date (1) and amount (2): 3 the customer's first
 * in-scope row (1/0), 4 recency, 5 frequency, 6 monetary, 7–9 R F M, 10 segment, 11 the early
 * warning's ranking; 4–10 only on a customer's first row, else "". None in CX mode or without RFM.
 */
function rfmWorkings(b: ReportBuilder): TableColumn[] {
  const { t, cx, sections, money, locale } = b.ctx;
  if (cx || !sections.rfm) return [];
  const first = TABLE_HEADER_ROW + 1;
  const left = b.sheet("workings").nextColumn;
  const fromFirst = (j: number, at: (j: number) => string): string => `$${columnName(left + j)}$${first}:${at(j)}`;
  const inScope = (dates: string): string => `(INT(${dates})<=As_Of)`;
  const ifFirst = (at: (j: number) => string, formula: string): string => `=IF(${at(3)}=1,${formula},"")`;
  const atRisk = [segmentNames["Can't Lose Them"][locale], segmentNames["At Risk"][locale]].map(quote);
  return [
    workingColumn(t("firstRow"), undefined, (at) => `=IF(AND(ISNUMBER(${at(1)}),INT(${at(1)})<=As_Of,SUMPRODUCT((${fromFirst(0, at)}=${at(0)})*${inScope(fromFirst(1, at))})=1),1,0)`, WHOLE_FORMAT),
    workingColumn(t("recencyDays"), "Tx_Recency", (at) => ifFirst(at, `As_Of-SUMPRODUCT(MAX((Tx_Customer=${at(0)})*${inScope("Tx_Date")}*INT(Tx_Date)))`), WHOLE_FORMAT),
    workingColumn(t("frequency"), "Tx_Frequency", (at) => ifFirst(at, `SUMPRODUCT((Tx_Customer=${at(0)})*${inScope("Tx_Date")})`), WHOLE_FORMAT),
    workingColumn(t("monetary"), "Tx_Monetary", (at) => ifFirst(at, `SUMPRODUCT((Tx_Customer=${at(0)})*${inScope("Tx_Date")}*Tx_Amount)`), money),
    workingColumn("R", undefined, (at) => ifFirst(at, scoreFormula(at(4), "<", "Tx_Recency")), WHOLE_FORMAT),
    workingColumn("F", undefined, (at) => ifFirst(at, scoreFormula(at(5), ">", "Tx_Frequency")), WHOLE_FORMAT),
    workingColumn("M", undefined, (at) => ifFirst(at, scoreFormula(at(6), ">", "Tx_Monetary")), WHOLE_FORMAT),
    workingColumn(t("segment"), "Tx_Segment", (at) => ifFirst(at, segmentFormula(at(7), at(8), at(9), locale)), TEXT_RESULT),
    // The early-warning ranking: a customer of Can't Lose Them or At Risk by monetary value, its row
    // added in billionths so that equal values rank apart (LARGE, then MATCH finds the row).
    workingColumn(t("riskRank"), "Tx_Risk_Rank", (at) => `=IF(OR(${at(10)}=${atRisk[0]},${at(10)}=${atRisk[1]}),${at(6)}+ROW()/1E9,"")`, "0.00"),
  ];
}

/**
 * The working columns the period tables read (DOMAIN.md §7 with built-in functions only), after
 * the table's first `offset` columns: each purchase's day, the customer's purchase before and
 * after it, its period, and its share of the period's figures.
 */
function periodWorkings(b: ReportBuilder, offset: number): TableColumn[] {
  const { t, kind, locale, money } = b.ctx;
  const first = TABLE_HEADER_ROW + 1;
  const indexOf = (column: TxColumn): number => (column === "Tx_Customer" ? 0 : column === "Tx_Date" ? 1 : column === "Tx_Amount" ? 2 : offset + HELPERS.indexOf(column));
  const formats = txFormats(money);
  return HELPERS.map((helper) => workingColumn(t(HELPER_LABELS[helper]), helper, (at) => {
    const row = Number(at(0).replace(/^[A-Z]+/, ""));
    const letters = (column: TxColumn): string => at(indexOf(column)).replace(/\d+$/, "");
    return helperFormula(helper, kind, locale, (column) => at(indexOf(column)), (column) => `$${letters(column)}$${first}:${letters(column)}${row}`);
  }, formats[helper] ?? "General"));
}
