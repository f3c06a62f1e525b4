/**
 * The unit selector (DOMAIN.md §8): beside the title, the chosen unit column's name and a cell with a
 * list of "All" and every unit (named Selected_Unit; "All" unless the report was made or refreshed
 * with another), in the title rows, so every printed page says which unit it shows. The list is on
 * the workings: CX sorts the units (SORT of UNIQUE); portable lists them in order of first appearance
 * from the transaction table's working columns. Unit_List is the filled part of it.
 */
import { columnName } from "../../core/a1";
import type { Section } from "../builder";
import { sheetQualifier, TEXT_RESULT, widthFor } from "../sheetSpec";
import { TABLE_HEADER_ROW } from "../tables";
import { allUnits, hasUnitSelector, LISTED_UNITS, LISTED_UNITS_PORTABLE, unitLabel } from "../unitSelection";

/** Where the selector stands: its label and its cell, in the title rows right of the linked data's list (D:E). */
const LABEL_CELL = "G2";
const SELECTOR_CELL = "H2";

export const unitSelector: Section = {
  id: "unitSelector",
  sheet: "dashboard",
  when: hasUnitSelector,
  build(b) {
    const { t, cx, unitNames, unitColumn, options, sheetNames, inputs, source } = b.ctx;
    const workings = b.sheet("workings");
    const left = workings.nextColumn;
    const letters = columnName(left);
    const first = TABLE_HEADER_ROW + 1;
    b.putOn("workings", { address: `${letters}${TABLE_HEADER_ROW}`, value: t("unitList"), style: "label" });
    b.putOn("workings", { address: `${letters}${first}`, value: allUnits(b.ctx) });
    b.at.unitList = { column: letters, allRow: first };
    if (cx) {
      b.putOn("workings", { address: `${letters}${first + 1}`, formula: `=SORT(UNIQUE(${unitLabel(b.ctx, "Tx_Unit")}))`, numberFormat: TEXT_RESULT });
    } else {
      // one row for each transaction at most (a unit is a transaction's), no more than the portable table holds
      const rows = Math.min(LISTED_UNITS_PORTABLE, Math.max(1, source.transactions?.rows ?? inputs.transactions.length));
      for (let i = 1; i <= rows; i++) b.putOn("workings", { address: `${letters}${first + i}`, formula: `=IFERROR(INDEX(Tx_Unit_Label,MATCH(${i},Tx_Unit_No,0)),"")`, numberFormat: TEXT_RESULT });
    }
    workings.widths[left] = widthFor(t("unitList"), 110);
    workings.nextColumn = left + 2;
    // The list's filled part: "All" and the units (an empty text is not one).
    const at = (row: number): string => `${sheetQualifier(sheetNames.workings)}$${letters}$${row}`;
    b.name("dashboard", "Unit_List", `OFFSET(${at(first)},0,0,1+COUNTIF(${at(first + 1)}:$${letters}$${first + LISTED_UNITS},"?*"),1)`, true);
    // the list's whole column, a plain range (for "issue each unit", which reads it)
    b.name("dashboard", "Unit_List_Area", `${at(first)}:$${letters}$${first + LISTED_UNITS}`, true);
    b.put({ address: LABEL_CELL, value: unitNames[unitColumn] as string, style: "label" });
    b.put({ address: SELECTOR_CELL, value: options.selectedUnit ?? allUnits(b.ctx), style: "input" });
    b.name("dashboard", "Selected_Unit", SELECTOR_CELL);
    b.validations.push({ range: SELECTOR_CELL, source: "=Unit_List" });
  },
};
