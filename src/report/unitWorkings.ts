/**
 * Portable by unit (DOMAIN.md §8), in built-in formulas: working columns of the transaction table
 * that see each customer within each unit (U) and within the company (C), for the report period
 * alone and whatever unit the selector shows, and the formulas of the by-unit table's rows from them.
 * A unit is a business of its own: its columns match a purchase with the customer's purchases in the
 * same unit only. They read Tx_Date and Tx_Unit_Label directly (not Tx_Day, which the selector empties).
 */
import { columnName } from "../core/a1";
import type { ReportLabel } from "../i18n/reportLabels";
import type { ReportBuilder } from "./builder";
import { PERIOD_BOUNDS } from "./periodSheet";
import { WHOLE_FORMAT } from "./sheetSpec";
import { TABLE_HEADER_ROW, workingColumn, type TableColumn } from "./tables";

/** Within a unit (U: the customer's purchases there) or within the company (C: all of them). */
export type Scope = "U" | "C";

const COLUMN_LABELS: Readonly<Record<string, ReportLabel>> = { Active_Start: "txActiveStart", Active_End: "txActiveEnd", Cross_Start: "txCrossStart", Cross_End: "txCrossEnd" };

/** The name of a scope's working column: Tx_U_Previous, Tx_C_Next, … */
export const scoped = (scope: Scope, column: string): string => `Tx_${scope}_${column}`;

/**
 * The working columns, from column `base` of the table (customer 0, date 1, amount 2; the row's unit
 * label at `label`): for each scope the purchase before and after in it, the first row of its day, and
 * on its first row in the report period the revenue there of a customer who bought in the period before
 * (for NRR); then, within units, whether the row keeps its customer active in the unit at the start and
 * the end of the period, and a customer's share of being active in two or more units at once.
 */
export function unitWorkingColumns(b: ReportBuilder, base: number, label: number): TableColumn[] {
  const { t, kind, money } = b.ctx;
  const first = TABLE_HEADER_ROW + 1;
  const left = b.sheet("workings").nextColumn;
  const upTo = (j: number, at: (j: number) => string): string => `$${columnName(left + j)}$${first}:${at(j)}`;
  const previousStart = PERIOD_BOUNDS[kind].previousStart("Period_Start");
  const position = new Map<string, number>();
  const columns: TableColumn[] = [];
  const add = (name: string, header: ReportLabel, formula: (at: (j: number) => string) => string, format: string): void => {
    position.set(name, base + columns.length);
    // (the headers say whose purchases a column sees: the customer's in the unit, or in the company)
    columns.push(workingColumn(`${t(header)} · ${t(name.startsWith("Tx_U_") ? "txInUnit" : "txInCompany")}`, name, formula, format));
  };
  const at = (name: string, cell: (j: number) => string): string => cell(position.get(name) as number);
  for (const scope of ["U", "C"] as const) {
    // The customer's purchases in the scope: the same customer, and in U the same unit.
    const same = (cell: (j: number) => string): string => `Tx_Customer,${cell(0)}${scope === "U" ? `,Tx_Unit_Label,${cell(label)}` : ""}`;
    const sameUpTo = (cell: (j: number) => string): string => `${upTo(0, cell)},${cell(0)}${scope === "U" ? `,${upTo(label, cell)},${cell(label)}` : ""}`;
    const day = (cell: (j: number) => string): string => `INT(${cell(1)})`;
    // (counted first: MAXIFS and MINIFS over nothing are 0 in Excel and LibreOffice, an error in Gnumeric)
    const before = (cell: (j: number) => string): string => `${same(cell)},Tx_Date,"<"&${day(cell)}`;
    const after = (cell: (j: number) => string): string => `${same(cell)},Tx_Date,">="&(${day(cell)}+1)`;
    add(scoped(scope, "Previous"), "txPrevious", (cell) => `=IF(COUNTIFS(${before(cell)})=0,0,INT(MAXIFS(Tx_Date,${before(cell)})))`, WHOLE_FORMAT);
    add(scoped(scope, "Next"), "txNext", (cell) => `=IF(COUNTIFS(${after(cell)})=0,0,INT(MINIFS(Tx_Date,${after(cell)})))`, WHOLE_FORMAT);
    add(scoped(scope, "First_Of_Day"), "txFirstOfDay", (cell) => `=IF(COUNTIFS(${sameUpTo(cell)},${upTo(1, cell)},">="&${day(cell)},${upTo(1, cell)},"<"&(${day(cell)}+1))=1,1,0)`, WHOLE_FORMAT);
    add(scoped(scope, "Retained"), "txRetained", (cell) => {
      const firstInPeriod = `COUNTIFS(${sameUpTo(cell)},${upTo(1, cell)},">="&Period_Start,${upTo(1, cell)},"<"&(Period_End+1))=1`;
      const boughtBefore = `COUNTIFS(${same(cell)},Tx_Date,">="&${previousStart},Tx_Date,"<"&Period_Start)>0`;
      return `=IF(AND(${cell(1)}>=Period_Start,${cell(1)}<Period_End+1,${firstInPeriod}),IF(${boughtBefore},SUMIFS(Tx_Amount,${same(cell)},Tx_Date,">="&Period_Start,Tx_Date,"<"&(Period_End+1)),0),"")`;
    }, money);
  }
  // Active in its unit at the end of day d: the customer-unit's last purchase day on or before d, fewer than W days old.
  for (const [name, d] of [["Active_Start", "(Period_Start-1)"], ["Active_End", "Period_End"]] as const) {
    add(scoped("U", name), COLUMN_LABELS[name] as ReportLabel, (cell) => {
      const next = at(scoped("U", "Next"), cell);
      return `=IF(AND(${at(scoped("U", "First_Of_Day"), cell)}=1,INT(${cell(1)})<=${d},${d}-INT(${cell(1)})<Lapse_Days,OR(${next}=0,${next}>${d})),1,0)`;
    }, WHOLE_FORMAT);
  }
  // Each of a customer's active rows carries 1/k of the customer when it is active in k ≥ 2 units: their sum counts such customers.
  for (const [name, active] of [["Cross_Start", "Active_Start"], ["Cross_End", "Active_End"]] as const) {
    add(scoped("U", name), COLUMN_LABELS[name] as ReportLabel, (cell) => {
      const flag = at(scoped("U", active), cell);
      const units = `COUNTIFS(Tx_Customer,${cell(0)},${scoped("U", active)},1)`;
      return `=IF(AND(${flag}=1,${units}>=2),1/${units},0)`;
    }, "0.00");
  }
  return columns;
}

/**
 * One row of the by-unit table in built-in formulas: a unit's (`unit`: a cell with its label) or the
 * company's (no unit), in CX.BY_UNIT's columns after the unit: customers at start, new, reactivated,
 * lapsed, at end, churn, revenue, revenue before, its change, orders, AOV, NRR. `cell(j)` is the row's
 * cell of column j (1: customers at start), for the ratios; `company` the company's revenue cell.
 */
export function unitRowFormulas(b: ReportBuilder, unit: string | undefined, cell: (j: number) => string): string[] {
  const scope: Scope = unit === undefined ? "C" : "U";
  const only = unit === undefined ? "" : `,Tx_Unit_Label,${unit}`;
  const x = (column: string): string => scoped(scope, column);
  const inPeriod = `Tx_Date,">="&Period_Start,Tx_Date,"<"&(Period_End+1)${only}`;
  const before = `Tx_Date,">="&${PERIOD_BOUNDS[b.ctx.kind].previousStart("Period_Start")},Tx_Date,"<"&Period_Start${only}`;
  const activeAt = (d: string): string => `COUNTIFS(Tx_Date,">="&(${d}-Lapse_Days+1),Tx_Date,"<"&(${d}+1),${x("Previous")},"<"&(${d}-Lapse_Days+1),${x("First_Of_Day")},1${only})`;
  const lapsedRows = `Tx_Date,">="&(Period_Start-Lapse_Days),Tx_Date,"<"&(Period_End-Lapse_Days+1),${x("First_Of_Day")},1${only}`;
  const ratio = (numerator: string, base: string): string => `=IF(${base}=0,NA(),${numerator}/${base})`;
  return [
    `=${activeAt("(Period_Start-1)")}`,
    `=COUNTIFS(${inPeriod},${x("Previous")},0,${x("First_Of_Day")},1)`,
    `=COUNTIFS(${inPeriod},${x("Previous")},">0",${x("Previous")},"<="&(Period_Start-1-Lapse_Days),${x("First_Of_Day")},1)`,
    `=COUNTIFS(${lapsedRows},${x("Next")},">"&Period_End)+COUNTIFS(${lapsedRows},${x("Next")},0)`,
    `=${activeAt("Period_End")}`,
    ratio(cell(4), cell(1)),
    `=SUMIFS(Tx_Amount,${inPeriod})`,
    `=SUMIFS(Tx_Amount,${before})`,
    `=IF(${cell(8)}=0,NA(),${cell(7)}/${cell(8)}-1)`,
    `=COUNTIFS(${inPeriod})`,
    ratio(cell(7), cell(10)),
    ratio(unit === undefined ? `SUM(${x("Retained")})` : `SUMIFS(${x("Retained")},Tx_Unit_Label,${unit})`, cell(8)),
  ];
}
