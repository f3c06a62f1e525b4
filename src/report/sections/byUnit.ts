/**
 * The report period by unit (DOMAIN.md §8): each unit of the chosen unit column (region, channel, …)
 * as a business of its own, the largest revenue first, then all units together, the company, and the
 * customers active in more than one unit. CX: the spilled =CX.BY_UNIT, its cells formatted ahead of
 * the spill; portable: the same rows in built-in formulas (byUnitTable.ts). Rows for the units there
 * are (the sample's) or up to UNIT_ROWS (the user's, whose units may change). Across the page under
 * the trend tables (A:N).
 */
import { columnName } from "../../core/a1";
import { label as tableLabel } from "../../i18n/labels";
import { fillTemplate } from "../../i18n/locale";
import type { Section } from "../builder";
import { addByUnitWorkings, BY_UNIT_COLUMNS } from "../byUnitTable";
import { reportPeriodLabel } from "../reportOptions";
import { quote } from "../rfmFormulas";
import { hasUnitSelector } from "../unitSelection";
import { COUNT_FORMAT, PERCENT_FORMAT, sheetQualifier, TEXT_RESULT } from "../sheetSpec";

/** The units a table on the user's data has rows for: a dozen (CX spills on past them; portable shows these). */
const UNIT_ROWS = 12;

export const byUnit: Section = {
  id: "byUnit",
  sheet: "dashboard",
  when: (ctx) => ctx.trend && hasUnitSelector(ctx),
  build(b) {
    const { t, cx, options, kind, locale, money, unitMoney, unitNames, unitColumn, inputs, source, sheetNames } = b.ctx;
    const heading = b.row;
    b.put({ address: `A${heading}`, value: fillTemplate(t("byUnitTable"), { unit: unitNames[unitColumn] as string, period: reportPeriodLabel(options.periodStart, options.periodEnd) }), style: "heading" });
    const top = heading + 1;
    // The sample's units are known; the user's may change.
    const units = source.transactions === undefined ? new Set(inputs.transactions.map((tx) => tx.units?.[unitColumn]?.[locale] ?? "")).size : UNIT_ROWS;
    // the header, the units, together, company, and one row for the customers in two
    const rows = 1 + units + 3;
    const formats = [TEXT_RESULT, COUNT_FORMAT, COUNT_FORMAT, COUNT_FORMAT, COUNT_FORMAT, COUNT_FORMAT, PERCENT_FORMAT, money, money, PERCENT_FORMAT, COUNT_FORMAT, unitMoney, PERCENT_FORMAT, PERCENT_FORMAT];
    if (cx) {
      b.put({ address: `A${top}`, formula: `=CX.BY_UNIT(Tx_Customer,Tx_Date,Tx_Amount,Tx_Unit,"${kind}",Period_End,Lapse_Days,"${locale}")`, numberFormat: TEXT_RESULT, style: "label" });
      b.spillFormats(0, top, top + rows - 1, formats);
    } else {
      const cellOf = addByUnitWorkings(b, units);
      BY_UNIT_COLUMNS.forEach((key, c) => b.put({ address: `${columnName(c)}${top}`, value: tableLabel(key, locale), style: c === 0 ? "label" : "numberHeader" }));
      for (let j = 1; j < rows; j++) {
        formats.forEach((format, c) => b.put({ address: `${columnName(c)}${top + j}`, formula: cellOf(j, c), numberFormat: format }));
      }
      // Said under the table where the list holds more units than it has rows for (the user's data may).
      const list = b.at.unitList as { column: string; allRow: number };
      const more = `${sheetQualifier(sheetNames.workings)}${list.column}${list.allRow + units + 1}`;
      b.put({ address: `A${top + rows}`, formula: `=IF(${more}="","",${quote(fillTemplate(t("byUnitMore"), { count: String(units) }))})`, numberFormat: TEXT_RESULT });
    }
    // each row's share of the company's revenue as a bar, so the largest units stand out
    b.dataBars.push({ range: `N${top + 1}:N${top + rows - 1}`, color: "#5B9BD5" });
    // wide enough for the figures: money the widest (as the trend tables' columns)
    formats.forEach((format, j) => b.widen("dashboard", j, j === 0 ? 0 : format === money || format === unitMoney ? 100 : 64));
    b.row = top + rows + (cx ? 1 : 2);
  },
};
