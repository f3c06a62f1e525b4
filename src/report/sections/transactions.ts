/**
 * The transaction table on the workings: the sample's or the user's purchases (customer, date,
 * amount), mirrored live when linked; in portable mode with working columns that compute each
 * customer's R, F, M and segment on the customer's first row (DOMAIN.md §4), and those the period
 * tables read (DOMAIN.md §7), in built-in functions only. CX reads a linked table's columns directly.
 */
import { segmentNames } from "../../i18n/labels";
import { rowNumber, type ReportBuilder, type Section } from "../builder";
import { linkedAddress, linkedReference, linkedUnitReference } from "../dataSource";
import { HELPER_LABELS, HELPERS, helperFormula, txFormats, type TxColumn } from "../periodSheet";
import { addCutPoints, quote, scoreFormula, segmentFormula } from "../rfmFormulas";
import { allUnits, hasUnitSelector, unitLabel } from "../unitSelection";
import { unitWorkingColumns } from "../unitWorkings";
import { columnName } from "../../core/a1";
import { DATE_FORMAT, TEXT_RESULT, WHOLE_FORMAT } from "../sheetSpec";
import { addTable, keepingBlank, link, TABLE_HEADER_ROW, typed, workingColumn, type TableColumn } from "../tables";

export const transactions: Section = {
  id: "transactions",
  sheet: "workings",
  when: (ctx) => ctx.needed.includes("transactions"),
  build(b) {
    const { t, cx, unitMoney: money, inputs, options, source, trend, unitNames, unitColumn } = b.ctx;
    const linked = source.transactions;
    if (linked !== undefined && cx) {
      // CX reads the user's columns directly, however long.
      ["Tx_Customer", "Tx_Date", "Tx_Amount"].forEach((name, j) => b.name("data", name, linkedReference(linked, j), true));
      unitNames.forEach((_, k) => b.name("data", `Tx_Unit_${k + 1}`, linkedUnitReference(linked, k), true));
      if (unitNames.length > 0) b.name("data", "Tx_Unit", linkedUnitReference(linked, unitColumn), true);
      return;
    }
    const units = unitColumns(b);
    const selection = selectionColumns(b, 3 + units.length);
    // (the row's Tx_Selected, the third selection column, where the report has a unit selector)
    const selected = selection.length === 0 ? undefined : 3 + units.length + 2;
    const workings = rfmWorkings(b, 3 + units.length + selection.length, selected);
    // Portable by unit: each customer within each unit and within the company, for the by-unit table.
    const byUnit = selection.length === 0 || !trend ? [] : unitWorkingColumns(b, 3 + units.length + selection.length + workings.length, 3 + units.length);
    // Portable with the user's transactions: a mirror of their rows, live, beside the working columns.
    const style = linked === undefined ? "input" : "helper";
    const dateOf = (i: number): number | string | undefined => {
      const tx = inputs.transactions[i];
      return tx === undefined ? undefined : (tx.date ?? options.periodEnd - (tx.daysBeforeEnd ?? 0));
    };
    const table = addTable(b, "workings", "CX_Transactions", linked === undefined ? t("transactions") : `${t("transactionsLinked")} ${linkedAddress(linked)}`, linked?.rows ?? inputs.transactions.length, [
      { header: t("customer"), name: "Tx_Customer", width: 90, style, ...(linked === undefined ? {} : { format: TEXT_RESULT }), content: linked === undefined ? typed((i) => inputs.transactions[i]?.customer) : link(linked, 0) },
      { header: t("date"), name: "Tx_Date", width: 90, format: DATE_FORMAT, style, content: linked === undefined ? typed(dateOf) : link(linked, 1) },
      { header: t("amount"), name: "Tx_Amount", width: 90, format: money, style, content: linked === undefined ? typed((i) => inputs.transactions[i]?.amount) : link(linked, 2) },
      ...units,
      ...selection,
      ...workings,
      ...byUnit,
      ...(cx || !trend ? [] : periodWorkings(b, 3 + units.length + selection.length + workings.length + byUnit.length, selected)),
    ]);
    if (units.length > 0) b.name("workings", "Tx_Unit", `${table.column(3 + unitColumn)}${table.first}:${table.column(3 + unitColumn)}${table.last}`);
    if (workings.length > 0) addCutPoints(b, [["Tx_R_Cuts", "Tx_Recency"], ["Tx_F_Cuts", "Tx_Frequency"], ["Tx_M_Cuts", "Tx_Monetary"]]);
  },
};

/**
 * The unit columns after the amount (DOMAIN.md §8), named Tx_Unit_1, …: typed (the sample's region and
 * channel), or mirrored from the user's columns, a blank unit staying blank (a plain reference makes it 0).
 */
function unitColumns(b: ReportBuilder): TableColumn[] {
  const { unitNames, inputs, locale, source } = b.ctx;
  const linked = source.transactions;
  return unitNames.map((header, k): TableColumn => ({
    header, name: `Tx_Unit_${k + 1}`, width: 80, format: TEXT_RESULT, style: linked === undefined ? "input" : "helper",
    content: linked === undefined ? typed((i) => inputs.transactions[i]?.units?.[k]?.[locale])
      : (i: number) => keepingBlank(linkedUnitReference(linked, k, i)),
  }));
}

/**
 * Portable, with a unit selector: after the unit columns, each purchase's unit as the selector lists
 * it (Tx_Unit_Label: text, a blank one "(none)"), the unit's number on its first row (Tx_Unit_No, for
 * the list of units), and whether it is a purchase of the chosen unit (Tx_Selected: 1 for every
 * purchase with "All").
 */
function selectionColumns(b: ReportBuilder, base: number): TableColumn[] {
  const { t, cx, unitColumn } = b.ctx;
  if (cx || !hasUnitSelector(b.ctx)) return [];
  const first = TABLE_HEADER_ROW + 1;
  const left = b.sheet("workings").nextColumn;
  const letters = (j: number): string => columnName(left + j);
  return [
    workingColumn(t("txUnitLabel"), "Tx_Unit_Label", (at) => `=${unitLabel(b.ctx, at(3 + unitColumn))}`, TEXT_RESULT),
    workingColumn(t("txUnitNumber"), "Tx_Unit_No", (at) => {
      // its first row: one more than the units before it (MAX over the rows above, the header's text ignored)
      const above = `$${letters(base + 1)}$${TABLE_HEADER_ROW}:${letters(base + 1)}${rowNumber(at(0)) - 1}`;
      return `=IF(SUMPRODUCT(--($${letters(base)}$${first}:${at(base)}=${at(base)}))=1,MAX(${above})+1,"")`;
    }, WHOLE_FORMAT),
    workingColumn(t("txSelected"), "Tx_Selected", (at) => `=IF(OR(Selected_Unit=${quote(allUnits(b.ctx))},${at(base)}=Selected_Unit),1,0)`, WHOLE_FORMAT),
  ];
}

/**
 * Portable RFM's working columns after customer (0), date (1), amount (2) and the unit columns, from
 * `base` on: the customer's first in-scope row (1/0), recency, frequency, monetary, R, F, M, segment,
 * the early warning's ranking; all but the first and last only on a customer's first row, else "".
 * None in CX mode or without RFM.
 */
function rfmWorkings(b: ReportBuilder, base: number, selected?: number): TableColumn[] {
  const { t, cx, sections, unitMoney: money, locale } = b.ctx;
  if (cx || !sections.rfm) return [];
  const first = TABLE_HEADER_ROW + 1;
  const left = b.sheet("workings").nextColumn;
  const fromFirst = (j: number, at: (j: number) => string): string => `$${columnName(left + j)}$${first}:${at(j)}`;
  // In scope: on or before the as-of date, and (with a unit selector) a purchase of the chosen unit,
  // as COUNTIFS/SUMIFS criteria on the customer's rows (not INT or a comparison of whole columns
  // inside SUMPRODUCT, which only some engines evaluate over arrays).
  const inScope = (dates: string, chosen?: string): string => `${dates},"<"&(As_Of+1)${chosen === undefined ? "" : `,${chosen},1`}`;
  const chosenColumn = selected === undefined ? undefined : "Tx_Selected";
  // The columns by what they hold: 0 customer, 1 date, then base + k for the k-th working column.
  const [firstRow, recency, frequency, monetary, r, f, m, segment] = [0, 1, 2, 3, 4, 5, 6, 7].map((k) => base + k) as [number, number, number, number, number, number, number, number];
  const ifFirst = (at: (j: number) => string, formula: string): string => `=IF(${at(firstRow)}=1,${formula},"")`;
  const atRisk = [segmentNames["Can't Lose Them"][locale], segmentNames["At Risk"][locale]].map(quote);
  return [
    workingColumn(t("firstRow"), undefined, (at) => `=IF(AND(ISNUMBER(${at(1)}),INT(${at(1)})<=As_Of,${selected === undefined ? "" : `${at(selected)}=1,`}COUNTIFS(${fromFirst(0, at)},${at(0)},${inScope(fromFirst(1, at), selected === undefined ? undefined : fromFirst(selected, at))})=1),1,0)`, WHOLE_FORMAT),
    // (the customer's last in-scope day by MAXIFS, counted first as everywhere: on the customer's first
    // row it always finds one, but over no cell MAXIFS is 0 in Excel and an error in Gnumeric)
    workingColumn(t("recencyDays"), "Tx_Recency", (at) => {
      const criteria = `Tx_Customer,${at(0)},${inScope("Tx_Date", chosenColumn)}`;
      return ifFirst(at, `IF(COUNTIFS(${criteria})=0,"",As_Of-INT(MAXIFS(Tx_Date,${criteria})))`);
    }, WHOLE_FORMAT),
    workingColumn(t("frequency"), "Tx_Frequency", (at) => ifFirst(at, `COUNTIFS(Tx_Customer,${at(0)},${inScope("Tx_Date", chosenColumn)})`), WHOLE_FORMAT),
    workingColumn(t("monetary"), "Tx_Monetary", (at) => ifFirst(at, `SUMIFS(Tx_Amount,Tx_Customer,${at(0)},${inScope("Tx_Date", chosenColumn)})`), money),
    workingColumn("R", undefined, (at) => ifFirst(at, scoreFormula(at(recency), "<", "Tx_R_Cuts")), WHOLE_FORMAT),
    workingColumn("F", undefined, (at) => ifFirst(at, scoreFormula(at(frequency), ">", "Tx_F_Cuts")), WHOLE_FORMAT),
    workingColumn("M", undefined, (at) => ifFirst(at, scoreFormula(at(monetary), ">", "Tx_M_Cuts")), WHOLE_FORMAT),
    workingColumn(t("segment"), "Tx_Segment", (at) => ifFirst(at, segmentFormula(at(r), at(f), at(m), locale)), TEXT_RESULT),
    // The early-warning ranking: a customer of Can't Lose Them or At Risk by monetary value, its row
    // added in billionths so that equal values rank apart (LARGE, then MATCH finds the row).
    workingColumn(t("riskRank"), "Tx_Risk_Rank", (at) => `=IF(OR(${at(segment)}=${atRisk[0]},${at(segment)}=${atRisk[1]}),${at(monetary)}+ROW()/1E9,"")`, "0.00"),
  ];
}

/**
 * The working columns the period tables read (DOMAIN.md §7 with built-in functions only), after
 * the table's first `offset` columns: each purchase's day, the customer's purchase before and
 * after it, its period, and its share of the period's figures.
 */
function periodWorkings(b: ReportBuilder, offset: number, selected?: number): TableColumn[] {
  const { t, kind, locale, unitMoney: money } = b.ctx;
  const first = TABLE_HEADER_ROW + 1;
  const indexOf = (column: TxColumn): number => (column === "Tx_Customer" ? 0 : column === "Tx_Date" ? 1 : column === "Tx_Amount" ? 2 : offset + HELPERS.indexOf(column));
  const formats = txFormats(money);
  return HELPERS.map((helper) => workingColumn(t(HELPER_LABELS[helper]), helper, (at) => {
    const row = rowNumber(at(0));
    const letters = (column: TxColumn): string => at(indexOf(column)).replace(/\d+$/, "");
    return helperFormula(helper, kind, locale, (column) => at(indexOf(column)), (column) => `$${letters(column)}$${first}:${letters(column)}${row}`, selected === undefined ? undefined : at(selected));
  }, formats[helper] ?? "General"));
}
