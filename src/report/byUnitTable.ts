/**
 * The by-unit table in built-in formulas (portable mode; DOMAIN.md §8), CX.BY_UNIT's rows and columns:
 * on the workings, a row per unit of the selector's list (unitWorkings.ts' formulas), then all units
 * together, the company and the customers active in more than one unit, each row with its place in
 * the table (the largest revenue first; ties in the list's order, as CX.BY_UNIT); on the dashboard,
 * the rows in that order, up to the units there are.
 */
import { columnName } from "../core/a1";
import { label as tableLabel } from "../i18n/labels";
import type { ReportBuilder } from "./builder";
import { sheetQualifier, TEXT_RESULT, WHOLE_FORMAT, type CellSpec } from "./sheetSpec";
import { TABLE_HEADER_ROW } from "./tables";
import { unitRowFormulas } from "./unitWorkings";

/** CX.BY_UNIT's columns, by their labels: the unit, then the figures unitRowFormulas gives, then the share of the company's revenue. */
export const BY_UNIT_COLUMNS = ["unit", "customersStart", "newCustomers", "reactivated", "lapsed", "customersEnd", "churnRate", "periodRevenue", "previousRevenue", "revenueChange", "orders", "averageOrderValue", "netRevenueRetention", "companyRevenueShare"] as const;

/** Each column's sum makes the units-together row (counts and money); the others are ratios of those sums. */
const SUMMED = new Set([1, 2, 3, 4, 5, 7, 8, 10]);

/**
 * Places the working table (`units` unit rows) on the workings and returns how the dashboard reads
 * it: the j-th row's cell of column c (1-based j), as a formula.
 */
export function addByUnitWorkings(b: ReportBuilder, units: number): (j: number, c: number) => string {
  const { locale } = b.ctx;
  const workings = b.sheet("workings");
  const left = workings.nextColumn;
  const list = b.at.unitList as { column: string; allRow: number };
  // Columns: 0 the row's place, 1 the unit, 2… the figures (BY_UNIT_COLUMNS from its second).
  const col = (c: number): string => columnName(left + c);
  const first = TABLE_HEADER_ROW + 1;
  const [together, company, cross] = [first + units, first + units + 1, first + units + 2];
  const last = cross;
  const put = (cell: CellSpec): void => b.putOn("workings", cell);
  put({ address: `${col(0)}${TABLE_HEADER_ROW}`, value: "#", style: "numberHeader" });
  BY_UNIT_COLUMNS.forEach((key, c) => put({ address: `${col(c + 1)}${TABLE_HEADER_ROW}`, value: tableLabel(key, locale), style: c === 0 ? "label" : "numberHeader" }));
  const range = (c: number, from = first, to = first + units - 1): string => `$${col(c)}$${from}:$${col(c)}$${to}`;
  const revenue = 8; // the working table's column of the revenue (the unit's 7th figure)
  for (let k = 1; k <= units; k++) {
    const r = first + k - 1;
    const name = `${list.column}${list.allRow + k}`;
    const cell = (j: number): string => `${col(j + 1)}${r}`;
    put({ address: `${col(1)}${r}`, formula: `=${name}`, numberFormat: TEXT_RESULT });
    unitRowFormulas(b, name, cell).forEach((formula, j) => put({ address: `${col(j + 2)}${r}`, formula: `=IF(${name}="","",${formula.slice(1)})` }));
    put({ address: `${col(14)}${r}`, formula: `=IF(${name}="","",IF(${col(revenue)}${company}=0,NA(),${col(revenue)}${r}/${col(revenue)}${company}))` });
    // its place: after the units with more revenue, and those before it in the list with as much
    const above = k === 1 ? "0" : `COUNTIF(${range(revenue, first, r - 1)},${col(revenue)}${r})`;
    put({ address: `${col(0)}${r}`, formula: `=IF(${name}="","",COUNTIF(${range(revenue)},">"&${col(revenue)}${r})+${above}+1)`, numberFormat: WHOLE_FORMAT });
  }
  const shown = `COUNT(${range(0)})`;
  // All units together: the sums, and the ratios of the sums.
  put({ address: `${col(0)}${together}`, formula: `=${shown}+1`, numberFormat: WHOLE_FORMAT });
  put({ address: `${col(1)}${together}`, value: tableLabel("allUnits", locale) });
  for (let c = 2; c <= 14; c++) {
    const sum = (j: number): string => `SUM(${range(j)})`;
    const formula = SUMMED.has(c - 1) ? `=${sum(c)}`
      : c === 7 ? `=IF(${sum(2)}=0,NA(),${sum(5)}/${sum(2)})`
        : c === 10 ? `=IF(${sum(9)}=0,NA(),${sum(8)}/${sum(9)}-1)`
          : c === 12 ? `=IF(${sum(11)}=0,NA(),${sum(8)}/${sum(11)})`
            : c === 13 ? `=IF(${sum(9)}=0,NA(),SUM(Tx_U_Retained)/${sum(9)})`
              : `=IF(${col(revenue)}${company}=0,NA(),${col(revenue)}${together}/${col(revenue)}${company})`;
    put({ address: `${col(c)}${together}`, formula });
  }
  // The company: every purchase, each customer once.
  put({ address: `${col(0)}${company}`, formula: `=${shown}+2`, numberFormat: WHOLE_FORMAT });
  put({ address: `${col(1)}${company}`, value: tableLabel("company", locale) });
  unitRowFormulas(b, undefined, (j) => `${col(j + 1)}${company}`).forEach((formula, j) => put({ address: `${col(j + 2)}${company}`, formula }));
  put({ address: `${col(14)}${company}`, formula: `=IF(${col(revenue)}${company}=0,NA(),1)` });
  // Customers active in more than one unit, at the start and the end, where there are any.
  const [start, end] = [`ROUND(SUM(Tx_U_Cross_Start),0)`, `ROUND(SUM(Tx_U_Cross_End),0)`];
  put({ address: `${col(0)}${cross}`, formula: `=IF(${start}+${end}=0,"",${shown}+3)`, numberFormat: WHOLE_FORMAT });
  put({ address: `${col(1)}${cross}`, value: tableLabel("crossUnitCustomers", locale) });
  // (its other cells blank, as text: INDEX of an empty cell would show 0)
  for (let c = 2; c <= 14; c++) put({ address: `${col(c)}${cross}`, formula: c === 2 ? `=${start}` : c === 6 ? `=${end}` : '=""' });
  workings.nextColumn = left + 16;
  // The dashboard's j-th row: the working row at that place; blank below the last.
  const onWorkings = sheetQualifier(b.ctx.sheetNames.workings);
  return (j, c) => `=IFERROR(INDEX(${onWorkings}${range(c + 1, first, last)},MATCH(${j},${onWorkings}${range(0, first, last)},0)),"")`;
}
