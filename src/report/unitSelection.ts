/**
 * The dashboard's unit selector (DOMAIN.md §8): `Selected_Unit` holds "All" or one unit of the
 * chosen unit column, and every figure computed from the transactions follows it. CX: the functions
 * get the chosen unit's rows (FILTER); portable: a working column marks each purchase of the chosen
 * unit (Tx_Selected) and the others' day becomes 0, before every period, so the built-in counts leave
 * them out — each unit a business of its own, "All" the company.
 */
import type { ReportContext } from "./reportContext";
import { quote } from "./rfmFormulas";

/**
 * The most units the selector lists: CX sorts them all (SORT of UNIQUE); portable lists one a row,
 * as many as its transaction table can hold units (PICK_LIMITS.transactionsPortable).
 */
export const LISTED_UNITS = 10_000;
export const LISTED_UNITS_PORTABLE = 5_000;

/** Whether the report has a unit selector: transactions with unit columns. */
export const hasUnitSelector = (ctx: ReportContext): boolean => ctx.unitNames.length > 0 && ctx.needed.includes("transactions");

/** The choice for every unit (the company), and the name of a blank unit, in the report's language. */
export const allUnits = (ctx: ReportContext): string => ctx.t("allUnitsChoice");
export const noUnit = (ctx: ReportContext): string => ctx.t("noUnitChoice");

/** A unit cell (or column) as the selector lists it: text, a blank one "(none)". */
export const unitLabel = (ctx: ReportContext, unit: string): string => `IF(${unit}="",${quote(noUnit(ctx))},${unit}&"")`;

/**
 * CX: a transaction column as the functions read it, the chosen unit's rows only (all with "All");
 * the column itself in a report without units.
 */
export function selectedRows(ctx: ReportContext, column: string): string {
  if (!hasUnitSelector(ctx)) return column;
  return `IF(Selected_Unit=${quote(allUnits(ctx))},${column},FILTER(${column},${unitLabel(ctx, "Tx_Unit")}=Selected_Unit))`;
}
