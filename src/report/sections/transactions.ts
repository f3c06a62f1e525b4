/**
 * The transaction table on the workings: the sample's or the user's purchases (customer, date,
 * amount), mirrored live when linked; in portable mode with working columns that compute each
 * customer's R, F, M and segment on the customer's first row (DOMAIN.md §4), and those the period
 * tables read (DOMAIN.md §7), in built-in functions only. CX reads a linked table's columns directly.
 */
import { rowNumber, type ReportBuilder, type Section } from "../builder";
import { linkedAddress, linkedReference, linkedUnitReference } from "../dataSource";
import { HELPER_LABELS, HELPERS, helperFormula, PERIOD_BOUNDS, txFormats, type TxColumn } from "../periodSheet";
import { hasCohorts } from "./cohort";
import { addCutPoints, quote, scoreFormula, segmentFormula } from "../rfmFormulas";
import { OVERDUE_FACTOR } from "../../core/followUpLists";
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
      ...(cx || !hasCohorts(b.ctx) ? [] : [cohortWorking(b, selected)]),
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
 * `base` on: the customer's first in-scope row (1/0), recency, frequency, monetary, R, F, M, segment;
 * then the follow-up lists' (DOMAIN.md §11, §7): whether the row is the customer's first on its day,
 * the customer's first purchase day and usual interval between purchase days, and the ranking keys
 * of the at-risk and (with the trend) win-back and new-customer lists. All but the first-row and
 * first-of-day flags only on a customer's first row, else "". None in CX mode or without RFM.
 */
function rfmWorkings(b: ReportBuilder, base: number, selected?: number): TableColumn[] {
  const { t, cx, sections, trend, unitMoney: money, locale } = b.ctx;
  if (cx || !sections.rfm) return [];
  const first = TABLE_HEADER_ROW + 1;
  const left = b.sheet("workings").nextColumn;
  const fromFirst = (j: number, at: (j: number) => string): string => `$${columnName(left + j)}$${first}:${at(j)}`;
  // In scope: on or before the as-of date, and (with a unit selector) a purchase of the chosen unit,
  // as COUNTIFS/SUMIFS criteria on the customer's rows (not INT or a comparison of whole columns
  // inside SUMPRODUCT, which only some engines evaluate over arrays).
  const inScope = (dates: string, chosen?: string): string => `${dates},"<"&(As_Of+1)${chosen === undefined ? "" : `,${chosen},1`}`;
  const chosenColumn = selected === undefined ? undefined : "Tx_Selected";
  const isChosen = (at: (j: number) => string): string => (selected === undefined ? "" : `${at(selected)}=1,`);
  // The columns by what they hold: 0 customer, 1 date, then base + k for the k-th working column.
  const [firstRow, recency, frequency, monetary, r, f, m, , , firstDay, interval] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((k) => base + k) as number[] as [number, number, number, number, number, number, number, number, number, number, number];
  const ifFirst = (at: (j: number) => string, formula: string): string => `=IF(${at(firstRow)}=1,${formula},"")`;
  const lapse = lapseDays(b);
  // A ranking key: the customer's historical value, less its row in billionths so that equal values
  // rank apart, the first row first (LARGE, then MATCH finds the row).
  const rankKey = (at: (j: number) => string, condition: string): string => `IF(${condition},${at(monetary)}-ROW()/1E9,"")`;
  const customerDays = (at: (j: number) => string): string => `SUMIFS(Tx_New_Day,Tx_Customer,${at(0)})`;
  return [
    workingColumn(t("firstRow"), undefined, (at) => `=IF(AND(ISNUMBER(${at(1)}),INT(${at(1)})<=As_Of,${isChosen(at)}COUNTIFS(${fromFirst(0, at)},${at(0)},${inScope(fromFirst(1, at), selected === undefined ? undefined : fromFirst(selected, at))})=1),1,0)`, WHOLE_FORMAT),
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
    // The customer's first in-scope row on its day: purchase days, not orders, count (as the CX functions do).
    workingColumn(t("newDay"), "Tx_New_Day", (at) => {
      const day = `INT(${at(1)})`;
      return `=IF(AND(ISNUMBER(${at(1)}),${day}<=As_Of,${isChosen(at)}COUNTIFS(${fromFirst(0, at)},${at(0)},${fromFirst(1, at)},">="&${day},${fromFirst(1, at)},"<"&(${day}+1)${selected === undefined ? "" : `,${fromFirst(selected, at)},1`})=1),1,0)`;
    }, WHOLE_FORMAT),
    // The customer's first purchase day (in scope), and the usual interval: days from it to the last
    // purchase day over the intervals between them.
    // (counted first, as the recency's MAXIFS is)
    workingColumn(t("firstPurchaseDay"), "Tx_First", (at) => {
      const criteria = `Tx_Customer,${at(0)},${inScope("Tx_Date", chosenColumn)}`;
      return ifFirst(at, `IF(COUNTIFS(${criteria})=0,"",INT(MINIFS(Tx_Date,${criteria})))`);
    }, DATE_FORMAT),
    // (two purchase days or more exactly when the last day is after the first: their count is summed once)
    workingColumn(t("usualInterval"), "Tx_Interval", (at) => {
      const span = `As_Of-${at(recency)}-${at(firstDay)}`;
      return ifFirst(at, `IF(${span}=0,"",(${span})/(${customerDays(at)}-1))`);
    }, "0.0"),
    // At risk (§11): still active (fewer than the lapse window's days since the last purchase) and overdue.
    // (a customer with one purchase day has no interval: "" is tested first, as AND evaluates every part)
    workingColumn(t("atRiskRank"), "Tx_At_Risk_Rank", (at) => ifFirst(at, `IF(ISNUMBER(${at(interval)}),${rankKey(at, `AND(${at(recency)}<${lapse},${at(recency)}>=${OVERDUE_FACTOR}*${at(interval)})`)},"")`), "0.00"),
    // Win back (§11): lapsed in the report period, as the bridge counts them (last purchase + W in it).
    ...(trend ? [workingColumn(t("winBackRank"), "Tx_Win_Back_Rank", (at) => {
      const last = `(As_Of-${at(recency)})`;
      return ifFirst(at, `IF(ISNUMBER(${at(recency)}),${rankKey(at, `AND(${last}>=Period_Start-${lapse},${last}<Period_Start,${last}<=Period_End-${lapse})`)},"")`);
    }, "0.00"),
    // New (§7): the first purchase in the report period; all they spent (to the as-of date, its end) is the period's.
    workingColumn(t("newRank"), "Tx_New_Rank", (at) => ifFirst(at, `IF(ISNUMBER(${at(firstDay)}),${rankKey(at, `${at(firstDay)}>=Period_Start`)},"")`), "0.00")] : []),
  ];
}

/**
 * Portable, for the cohort triangle: each purchase's customer's cohort, the first day of the period of
 * their first purchase (of the chosen unit, with a selector: Tx_Day is 0 for the others).
 */
function cohortWorking(b: ReportBuilder, selected?: number): TableColumn {
  const { t, kind } = b.ctx;
  return workingColumn(t("cohortWorking"), "Tx_Cohort", (at) => {
    // (counted first, as every MINIFS of the report is: over no cell it is an error in Gnumeric)
    const criteria = `Tx_Customer,${at(0)},Tx_Day,">0"`;
    const start = `IF(COUNTIFS(${criteria})=0,"",${PERIOD_BOUNDS[kind].start(`MINIFS(Tx_Day,${criteria})`)})`;
    return selected === undefined ? `=${start}` : `=IF(${at(selected)}=1,${start},"")`;
  }, DATE_FORMAT);
}

/** The lapse window the follow-up lists use: the report's input with the trend, else the period's default. */
export function lapseDays(b: ReportBuilder): string {
  return b.ctx.trend ? "Lapse_Days" : String(b.ctx.defaultLapseDays);
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
