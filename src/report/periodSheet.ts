/**
 * The period tables of shared/DOMAIN.md §7 on a sheet: the customer bridge, the revenue bridge and
 * the activity per period, over a transaction table. In CX mode each table is one spilled
 * =CX.CUSTOMER_BRIDGE / REVENUE_BRIDGE / PERIOD_KPIS; in portable mode the same figures come from
 * built-in functions only: working columns on the transaction table (each purchase's day, the
 * customer's previous and next purchase day, its revenue in the purchase's period and the one
 * before …, all MAXIFS / MINIFS / COUNTIFS / SUMIFS over the table) and one COUNTIFS or SUMIFS per
 * figure and period. test/report/periodSheet.test.ts recalculates the portable sheet in LibreOffice
 * and holds every figure to the CX functions.
 */
import { columnName } from "../core/a1";
import { PeriodGrid, periodIndex, type Period } from "../core/periods";
import { label, type TableLabel } from "../i18n/labels";
import type { Locale } from "../i18n/locale";
import { reportLabels, type ReportLabel } from "../i18n/reportLabels";
import type { CellValue } from "./sampleData";
import { COUNT_FORMAT, currencyFormat, DATE_FORMAT, DATE_OR_NONE_FORMAT, PERCENT_FORMAT, TEXT_RESULT, WHOLE_FORMAT, widthFor, type CellSpec, type NameSpec, type SheetSpec, type TableSpec } from "./sheetSpec";

export interface PeriodSheetOptions {
  readonly formulaMode: "cx" | "portable";
  readonly locale: Locale;
  readonly currency: string;
  readonly period: Period;
  readonly lapseDays: number;
  /** The tables show the periods holding `from` to `to` (Excel serials); earlier purchases are history. */
  readonly from: number;
  readonly to: number;
  readonly transactions: readonly { readonly customer: CellValue; readonly date: CellValue; readonly amount: CellValue }[];
}

/**
 * A period's first day from any day in it, its last day from its first, and the first day of the
 * period before, as built-in formulas (ISO weeks: WEEKDAY type 3 counts Monday as 0).
 */
export const PERIOD_BOUNDS: Readonly<Record<Period, { start: (day: string) => string; end: (start: string) => string; previousStart: (start: string) => string }>> = {
  month: { start: (d) => `EOMONTH(${d},-1)+1`, end: (s) => `EOMONTH(${s},0)`, previousStart: (s) => `EOMONTH(${s},-2)+1` },
  quarter: { start: (d) => `DATE(YEAR(${d}),3*INT((MONTH(${d})-1)/3)+1,1)`, end: (s) => `EOMONTH(${s},2)`, previousStart: (s) => `EOMONTH(${s},-4)+1` },
  week: { start: (d) => `${d}-WEEKDAY(${d},3)`, end: (s) => `${s}+6`, previousStart: (s) => `${s}-7` },
  year: { start: (d) => `DATE(YEAR(${d}),1,1)`, end: (s) => `DATE(YEAR(${s}),12,31)`, previousStart: (s) => `DATE(YEAR(${s})-1,1,1)` },
};

/** The working columns of the transaction table, in order after customer, date and amount. */
export const HELPERS = ["Tx_Day", "Tx_Previous", "Tx_Next", "Tx_First_Of_Day", "Tx_Period_Start", "Tx_Period_End", "Tx_Period_Orders", "Tx_Period_First", "Tx_Period_Last", "Tx_Period_Revenue", "Tx_Previous_Revenue", "Tx_Movement"] as const;
export type Helper = (typeof HELPERS)[number];
export type TxColumn = "Tx_Customer" | "Tx_Date" | "Tx_Amount" | Helper;

/** Each working column's header label. */
export const HELPER_LABELS: Readonly<Record<Helper, ReportLabel>> = {
  Tx_Day: "txDay", Tx_Previous: "txPrevious", Tx_Next: "txNext", Tx_First_Of_Day: "txFirstOfDay", Tx_Period_Start: "txPeriodStart",
  Tx_Period_End: "txPeriodEnd", Tx_Period_Orders: "txPeriodOrders", Tx_Period_First: "txPeriodFirst", Tx_Period_Last: "txPeriodLast",
  Tx_Period_Revenue: "txPeriodRevenue", Tx_Previous_Revenue: "txPreviousRevenue", Tx_Movement: "txMovement",
};

/** The movement classes of the revenue bridge, as the Tx_Movement column writes them (their names in the sheet's language). */
type Movement = Extract<TableLabel, "newRevenue" | "returningRevenue" | "expansion" | "contraction" | "lostRevenue">;

/** The number format of each column of the transaction table. */
export const txFormats = (money: string): Partial<Record<TxColumn, string>> => ({
  Tx_Date: DATE_FORMAT, Tx_Amount: money, Tx_Day: DATE_FORMAT, Tx_Previous: DATE_OR_NONE_FORMAT, Tx_Next: DATE_OR_NONE_FORMAT, Tx_First_Of_Day: WHOLE_FORMAT,
  Tx_Period_Start: DATE_FORMAT, Tx_Period_End: DATE_FORMAT, Tx_Period_Orders: COUNT_FORMAT, Tx_Period_First: WHOLE_FORMAT, Tx_Period_Last: WHOLE_FORMAT,
  Tx_Period_Revenue: money, Tx_Previous_Revenue: money, Tx_Movement: TEXT_RESULT,
});

/**
 * Each working column's formula on one row: `at(column)` is that column's cell on the row, `upTo(column)`
 * the column from the table's first row down to this one, `selected` the row's cell marking a purchase
 * of the unit the dashboard shows (1) where the report has a unit selector.
 */
export function helperFormula(helper: Helper, period: Period, locale: Locale, at: (column: TxColumn) => string, upTo: (column: TxColumn) => string, selected?: string): string {
  const formula = rowFormula(helper, period, locale, at, upTo, selected);
  // A purchase outside the chosen unit (day 0) has no period: "" and no date arithmetic on day 0, which
  // Excel and Gnumeric refuse (EOMONTH(0,-1) is #NUM!) where LibreOffice goes on before 1900.
  const dated = HELPERS.indexOf(helper) >= HELPERS.indexOf("Tx_Period_Start");
  return selected !== undefined && dated ? `=IF(${selected}=1,${formula.slice(1)},"")` : formula;
}

function rowFormula(helper: Helper, period: Period, locale: Locale, at: (column: TxColumn) => string, upTo: (column: TxColumn) => string, selected?: string): string {
  const bounds = PERIOD_BOUNDS[period];
  const customer = at("Tx_Customer");
  const day = at("Tx_Day");
  const start = at("Tx_Period_Start");
  const end = at("Tx_Period_End");
  const inPeriod = `Tx_Day,">="&${start},Tx_Day,"<="&${end}`;
  const movement = (key: Movement): string => `"${label(key, locale)}"`;
  switch (helper) {
    // With a unit selector, a purchase outside the chosen unit has day 0: before every period, so no count takes it.
    case "Tx_Day": return selected === undefined ? `=INT(${at("Tx_Date")})` : `=IF(${selected}=1,INT(${at("Tx_Date")}),0)`;
    // 0 where there is no purchase before, or none after: counted first, since MAXIFS and MINIFS over
    // nothing give 0 in Excel and LibreOffice but an error in Gnumeric (a formula right by every engine's rule).
    case "Tx_Previous": return `=IF(COUNTIFS(Tx_Customer,${customer},Tx_Day,"<"&${day})=0,0,MAXIFS(Tx_Day,Tx_Customer,${customer},Tx_Day,"<"&${day}))`;
    case "Tx_Next": return `=IF(COUNTIFS(Tx_Customer,${customer},Tx_Day,">"&${day})=0,0,MINIFS(Tx_Day,Tx_Customer,${customer},Tx_Day,">"&${day}))`;
    // Several rows of one customer on one day are one purchase day: only the first counts.
    case "Tx_First_Of_Day": return `=IF(COUNTIFS(${upTo("Tx_Customer")},${customer},${upTo("Tx_Day")},${day})=1,1,0)`;
    case "Tx_Period_Start": return `=${bounds.start(day)}`;
    case "Tx_Period_End": return `=${bounds.end(start)}`;
    case "Tx_Period_Orders": return `=COUNTIFS(Tx_Customer,${customer},${inPeriod})`;
    case "Tx_Period_First": return `=IF(AND(${at("Tx_First_Of_Day")}=1,${at("Tx_Previous")}<${start}),1,0)`;
    case "Tx_Period_Last": return `=IF(AND(${at("Tx_First_Of_Day")}=1,OR(${at("Tx_Next")}=0,${at("Tx_Next")}>${end})),1,0)`;
    case "Tx_Period_Revenue": return `=SUMIFS(Tx_Amount,Tx_Customer,${customer},${inPeriod})`;
    case "Tx_Previous_Revenue": return `=SUMIFS(Tx_Amount,Tx_Customer,${customer},Tx_Day,">="&${bounds.previousStart(start)},Tx_Day,"<"&${start})`;
    case "Tx_Movement": {
      // On the customer's first row in a period: how their revenue moved from the period before (r₀) to this one (r₁).
      const [r1, r0] = [at("Tx_Period_Revenue"), at("Tx_Previous_Revenue")];
      return `=IF(${at("Tx_Period_First")}<>1,"",IF(${at("Tx_Previous")}=0,${movement("newRevenue")},IF(${r0}=0,IF(${r1}>0,${movement("returningRevenue")},""),` +
        `IF(${r1}>${r0},${movement("expansion")},IF(${r1}<${r0},IF(${r1}>0,${movement("contraction")},${movement("lostRevenue")}),"")))))`;
    }
  }
}

/** The columns of each period table after the period label, and each one's format. */
type Format = "date" | "count" | "money" | "unitMoney" | "percent" | "decimal";
const CUSTOMER_COLUMNS = [["firstDay", "date"], ["lastDay", "date"], ["customersStart", "count"], ["newCustomers", "count"], ["reactivated", "count"], ["lapsed", "count"], ["customersEnd", "count"], ["churnRate", "percent"]] as const;
const REVENUE_COLUMNS = [["previousRevenue", "money"], ["newRevenue", "money"], ["returningRevenue", "money"], ["expansion", "money"], ["contraction", "money"], ["lostRevenue", "money"], ["periodRevenue", "money"], ["netRevenueRetention", "percent"]] as const;
const ACTIVITY_COLUMNS = [["buyers", "count"], ["newBuyers", "count"], ["orders", "count"], ["revenue", "money"], ["averageOrderValue", "unitMoney"], ["ordersPerBuyer", "decimal"], ["repeatBuyerShare", "percent"]] as const;

/**
 * One period's figures as built-in formulas, in the columns' order (for the customer bridge, those
 * after the first and last day). `s` and `e` are the cells of the period's first and last day, `w`
 * the lapse window, `cell(j)` the row's cell of figure j (for the ratios), `period` the period kind
 * (for the first day of the period before).
 */
export function periodRowFormulas(table: "customers" | "revenue" | "activity", s: string, e: string, w: string, period: Period, locale: Locale, cell: (j: number) => string): string[] {
  const inP = `Tx_Day,">="&${s},Tx_Day,"<="&${e}`;
  const ratio = (numerator: string, base: string): string => `=IF(${base}=0,NA(),${numerator}/${base})`;
  if (table === "customers") {
    // Customers active at the end of day d: a purchase in [d − W + 1, d], counted once per customer on
    // the first such purchase day (its previous purchase is before the window).
    const activeAt = (d: string): string => `=COUNTIFS(Tx_Day,">="&(${d}-${w}+1),Tx_Day,"<="&${d},Tx_Previous,"<"&(${d}-${w}+1),Tx_First_Of_Day,1)`;
    const lapsedRows = `Tx_Day,">="&(${s}-${w}),Tx_Day,"<="&(${e}-${w}),Tx_First_Of_Day,1`;
    return [
      activeAt(`(${s}-1)`),
      `=COUNTIFS(${inP},Tx_Previous,0,Tx_First_Of_Day,1)`,
      `=COUNTIFS(${inP},Tx_Previous,">0",Tx_Previous,"<="&(${s}-1-${w}),Tx_First_Of_Day,1)`,
      // Active at s − 1 (last purchase from s − W on), none since up to e, and that purchase W or more days before e.
      `=COUNTIFS(${lapsedRows},Tx_Next,">"&${e})+COUNTIFS(${lapsedRows},Tx_Next,0)`,
      activeAt(e),
      ratio(cell(3), cell(0)),
    ];
  }
  if (table === "revenue") {
    const before = `Tx_Day,">="&${PERIOD_BOUNDS[period].previousStart(s)},Tx_Day,"<"&${s}`;
    const moved = (key: Movement, column: "Tx_Period_Revenue" | "Tx_Previous_Revenue"): string => `SUMIFS(${column},${inP},Tx_Movement,"${label(key, locale)}")`;
    return [
      `=SUMIFS(Tx_Amount,${before})`,
      `=${moved("newRevenue", "Tx_Period_Revenue")}`,
      `=${moved("returningRevenue", "Tx_Period_Revenue")}`,
      `=${moved("expansion", "Tx_Period_Revenue")}-${moved("expansion", "Tx_Previous_Revenue")}`,
      `=${moved("contraction", "Tx_Period_Revenue")}-${moved("contraction", "Tx_Previous_Revenue")}`,
      // Lost: buyers of the period before who bought nothing in this one, and those whose purchases here came to 0.
      `=-SUMIFS(Tx_Period_Revenue,${before},Tx_Period_Last,1,Tx_Next,">"&${e})-SUMIFS(Tx_Period_Revenue,${before},Tx_Period_Last,1,Tx_Next,0)-${moved("lostRevenue", "Tx_Previous_Revenue")}`,
      `=SUMIFS(Tx_Amount,${inP})`,
      ratio(`(${cell(0)}+${cell(3)}+${cell(4)}+${cell(5)})`, cell(0)),
    ];
  }
  return [
    `=COUNTIFS(${inP},Tx_Period_First,1)`,
    `=COUNTIFS(${inP},Tx_Previous,0,Tx_First_Of_Day,1)`,
    `=COUNTIFS(${inP})`,
    `=SUMIFS(Tx_Amount,${inP})`,
    ratio(cell(3), cell(2)),
    ratio(cell(2), cell(0)),
    ratio(`COUNTIFS(${inP},Tx_Period_First,1,Tx_Period_Orders,">=2")`, cell(0)),
  ];
}

/** Rows of the layout: inputs at the top, then the three tables one below the other; the transactions to the right. */
const TX_FIRST_COLUMN = 11; // L
const TX_HEADER_ROW = 8;

/**
 * A sheet with the three period tables over a transaction table, in CX or portable mode (the pure
 * spec the writer applies; the monthly report's workings sheet is built from the same pieces).
 */
export function buildPeriodSheet(options: PeriodSheetOptions): SheetSpec {
  const { period, locale } = options;
  const t = (key: ReportLabel): string => reportLabels[key][locale];
  const money = currencyFormat(options.currency);
  const cells: CellSpec[] = [];
  const names: NameSpec[] = [];
  const tables: TableSpec[] = [];
  const widths: (number | undefined)[] = [110, 90, 90, 110, 110, 110, 110, 110, 110, 110];
  const put = (cell: CellSpec): void => void cells.push(cell);
  const cx = options.formulaMode === "cx";

  put({ address: "A1", value: t("periodTables"), style: "title" });
  const inputs: [ReportLabel, string, string | number, string | undefined][] = [
    ["periodKind", "Period_Kind", period, undefined],
    ["lapseDays", "Lapse_Days", options.lapseDays, COUNT_FORMAT],
    ["tableFrom", "Period_From", options.from, DATE_FORMAT],
    ["tableTo", "Period_To", options.to, DATE_FORMAT],
  ];
  // The lapse window is an input both modes read live; the period and the table's bounds shape the
  // portable rows, so they are settings a rebuild changes, not cells to type over.
  inputs.forEach(([key, name, value, format], i) => {
    put({ address: `A${2 + i}`, value: t(key), style: "label" });
    put({ address: `B${2 + i}`, value, ...(name === "Lapse_Days" ? { style: "input" as const } : {}), ...(format === undefined ? {} : { numberFormat: format }) });
    names.push({ name, range: `B${2 + i}` });
  });

  // The transaction table with its working columns (portable mode).
  const rows = Math.max(options.transactions.length, 1);
  const first = TX_HEADER_ROW + 1;
  const last = TX_HEADER_ROW + rows;
  const columns: TxColumn[] = ["Tx_Customer", "Tx_Date", "Tx_Amount", ...(cx ? [] : HELPERS)];
  const letter = (column: TxColumn): string => columnName(TX_FIRST_COLUMN + columns.indexOf(column));
  const txLabels: Readonly<Record<"Tx_Customer" | "Tx_Date" | "Tx_Amount", ReportLabel>> = { Tx_Customer: "customer", Tx_Date: "date", Tx_Amount: "amount" };
  const formatOf = txFormats(money);
  put({ address: `${letter("Tx_Customer")}${TX_HEADER_ROW - 1}`, value: t("transactions"), style: "heading" });
  columns.forEach((column, j) => {
    const letters = letter(column);
    const header = column in txLabels ? t(txLabels[column as keyof typeof txLabels]) : t(HELPER_LABELS[column as Helper]);
    widths[TX_FIRST_COLUMN + j] = widthFor(header, j < 3 ? 90 : 120);
    put({ address: `${letters}${TX_HEADER_ROW}`, value: header, style: "label" });
    names.push({ name: column, range: `${letters}${first}:${letters}${last}` });
    for (let i = 0; i < options.transactions.length; i++) {
      const row = first + i;
      const tx = options.transactions[i] as PeriodSheetOptions["transactions"][number];
      const format = formatOf[column];
      const content: Pick<CellSpec, "value" | "formula"> = j < 3
        ? { value: [tx.customer, tx.date, tx.amount][j] as CellValue }
        : { formula: helperFormula(column as Helper, period, locale, (c) => `${letter(c)}${row}`, (c) => `$${letter(c)}$${first}:${letter(c)}${row}`) };
      put({ address: `${letters}${row}`, ...content, style: j < 3 ? "input" : "helper", ...(format === undefined ? {} : { numberFormat: format }) });
    }
  });
  tables.push({ name: "CX_Period_Transactions", range: `${letter("Tx_Customer")}${TX_HEADER_ROW}:${letter(columns[columns.length - 1] as TxColumn)}${last}` });

  // The three tables, each a heading, a header row and a row per period.
  periodTables({ formulaMode: options.formulaMode, locale, currency: options.currency, period, from: options.from, to: options.to, lapse: "Lapse_Days", tableFrom: "Period_From", tableTo: "Period_To", left: 0, top: 7 }, put, names, widths);
  return { name: t("periodTables"), cells, tables, names, trafficLights: [], charts: [], columnWidths: widths };
}

/** Where and how the three period tables are laid out, and the names of the cells they read. */
export interface PeriodTablesOptions {
  readonly formulaMode: "cx" | "portable";
  readonly locale: Locale;
  readonly currency: string;
  readonly period: Period;
  /** The amounts' number format (the report's), and a per-customer amount's (AOV); default: the currency's (currencyFormat). */
  readonly money?: string;
  readonly unitMoney?: string;
  /** The first and last day the tables cover (Excel serials), and the names of the cells that hold them and the lapse window. */
  readonly from: number;
  readonly to: number;
  readonly lapse: string;
  readonly tableFrom: string;
  readonly tableTo: string;
  /** The column and row of the first table's heading (zero-based column, 1-based row). */
  readonly left: number;
  readonly top: number;
  /** CX: what the functions read for the customer, date and amount columns (default the Tx_ names; the chosen unit's rows with a unit selector). */
  readonly rows?: (column: "Tx_Customer" | "Tx_Date" | "Tx_Amount") => string;
}

/** The name of a period table's column, for formulas that read a period's row: "customersStart" → Trend_Customers_Start. */
export const trendName = (key: string): string => `Trend_${key.replace(/^./, (c) => c.toUpperCase()).replace(/(?!^)[A-Z]/g, (c) => `_${c}`)}`;

/**
 * The customer bridge, the revenue bridge and the activity per period, one below the other: in CX
 * mode each a spilled =CX.CUSTOMER_BRIDGE / REVENUE_BRIDGE / PERIOD_KPIS over the Tx_* names, in
 * portable mode one COUNTIFS or SUMIFS per figure and period over the transaction table's working
 * columns. Every figure's column is named (trendName), so a formula finds a period's figure by its
 * first day: =INDEX(Trend_Revenue,MATCH(Period_Start,Trend_First_Day,0)).
 *
 * @returns the row after the last table
 */
export function periodTables(options: PeriodTablesOptions, put: (cell: CellSpec) => void, names: NameSpec[], widths: (number | undefined)[]): number {
  const { period, locale, left } = options;
  const t = (key: ReportLabel): string => reportLabels[key][locale];
  const money = options.money ?? currencyFormat(options.currency);
  const formats: Readonly<Record<Format, string>> = { date: DATE_FORMAT, count: COUNT_FORMAT, money, unitMoney: options.unitMoney ?? money, percent: PERCENT_FORMAT, decimal: "0.00" };
  const cx = options.formulaMode === "cx";
  const column = (j: number): string => columnName(left + j);
  const grid = new PeriodGrid(period, periodIndex(options.from, period), periodIndex(options.to, period));
  const language = `"${locale}"`;
  const range = `${options.tableFrom},${options.tableTo},${language}`;
  const rows = options.rows ?? ((column: string): string => column);
  const [customers, dates, amounts] = [rows("Tx_Customer"), rows("Tx_Date"), rows("Tx_Amount")];
  const sections = [
    ["customerBridge", "customers", CUSTOMER_COLUMNS, `=CX.CUSTOMER_BRIDGE(${customers},${dates},"${period}",${options.lapse},${range})`],
    ["revenueBridge", "revenue", REVENUE_COLUMNS, `=CX.REVENUE_BRIDGE(${customers},${dates},${amounts},"${period}",${range})`],
    ["periodActivity", "activity", ACTIVITY_COLUMNS, `=CX.PERIOD_KPIS(${customers},${dates},${amounts},"${period}",${range})`],
  ] as const;
  let row = options.top;
  // Every table lists the same periods; the customer bridge (the first) holds each one's first and last day.
  const firstBody = row + 2;
  for (const [heading, table, tableColumns, formula] of sections) {
    put({ address: `${column(0)}${row}`, value: t(heading), style: "heading" });
    const header = row + 1;
    const headers = [label("period", locale), ...tableColumns.map(([key]) => label(key, locale))];
    headers.forEach((text, j) => (widths[left + j] = widthFor(text, widths[left + j] ?? 90)));
    if (cx) put({ address: `${column(0)}${header}`, formula, numberFormat: TEXT_RESULT });
    else headers.forEach((text, j) => put({ address: `${column(j)}${header}`, value: text, style: "label" }));
    tableColumns.forEach(([key], j) => {
      if (!names.some((name) => name.name === trendName(key))) names.push({ name: trendName(key), range: `${column(j + 1)}${header + 1}:${column(j + 1)}${header + grid.count}` });
    });
    for (let k = 0; k < grid.count; k++) {
      const r = header + 1 + k;
      const at = (j: number): string => `${column(j + 1)}${r}`;
      // Portable: the label and the period's days are written; CX: only the formats of the spilled cells.
      const days = table === "customers" ? 2 : 0;
      const formulas = cx ? [] : periodRowFormulas(table, `$${column(1)}$${firstBody + k}`, `$${column(2)}$${firstBody + k}`, options.lapse, period, locale, (j) => at(j + days));
      // CX: the period's label is spilled too; its cell is the report's all the same, with its format.
      put({ address: `${column(0)}${r}`, ...(cx ? { numberFormat: TEXT_RESULT } : { value: grid.label(k) }) });
      tableColumns.forEach(([, format], j) => {
        const address = at(j);
        const numberFormat = formats[format];
        if (cx) put({ address, numberFormat });
        else if (table === "customers" && j < 2) put({ address, value: j === 0 ? (grid.starts[k] as number) : (grid.starts[k + 1] as number) - 1, numberFormat });
        else put({ address, formula: formulas[j - days] as string, numberFormat, style: "kpi" });
      });
    }
    row = header + grid.count + 2;
  }
  return row;
}
