/**
 * The report period by unit (DOMAIN.md §8): each unit of the chosen unit column (region, channel, …)
 * as a business of its own, the largest revenue first, then all units together, the company, and the
 * customers active in more than one unit. CX: the spilled =CX.BY_UNIT, its cells formatted ahead of
 * the spill for the units there are (the sample's) or up to BY_UNIT_ROWS (the user's, whose units
 * may change). Across the page under the trend tables (A:N).
 */
import { fillTemplate } from "../../i18n/locale";
import type { Section } from "../builder";
import { reportPeriodLabel } from "../reportOptions";
import { COUNT_FORMAT, PERCENT_FORMAT, TEXT_RESULT } from "../sheetSpec";

/** The rows formatted for the user's units (linked data): its header, a dozen units, and the rows after them. */
const BY_UNIT_ROWS = 1 + 12 + 3;

export const byUnit: Section = {
  id: "byUnit",
  sheet: "dashboard",
  // (built-in formulas for every unit at once are still to come: portable reports show the company alone)
  when: (ctx) => ctx.cx && ctx.trend && ctx.unitNames.length > 0,
  build(b) {
    const { t, options, kind, locale, money, unitNames, unitColumn, inputs, source } = b.ctx;
    const heading = b.row;
    b.put({ address: `A${heading}`, value: fillTemplate(t("byUnitTable"), { unit: unitNames[unitColumn] as string, period: reportPeriodLabel(options.periodStart, options.periodEnd) }), style: "heading" });
    const top = heading + 1;
    b.put({ address: `A${top}`, formula: `=CX.BY_UNIT(Tx_Customer,Tx_Date,Tx_Amount,Tx_Unit,"${kind}",Period_End,Lapse_Days,"${locale}")`, numberFormat: TEXT_RESULT, style: "label" });
    // The sample's units are known: its units, together, company, and one row for the customers in two.
    const units = source.transactions === undefined ? new Set(inputs.transactions.map((tx) => tx.units?.[unitColumn]?.[locale] ?? "")).size : undefined;
    const rows = units === undefined ? BY_UNIT_ROWS : 1 + units + 3;
    const formats = [TEXT_RESULT, COUNT_FORMAT, COUNT_FORMAT, COUNT_FORMAT, COUNT_FORMAT, COUNT_FORMAT, PERCENT_FORMAT, money, money, PERCENT_FORMAT, COUNT_FORMAT, money, PERCENT_FORMAT, PERCENT_FORMAT];
    b.spillFormats(0, top, top + rows - 1, formats);
    formats.forEach((_, j) => b.widen("dashboard", j, j === 0 ? 0 : 64));
    b.row = top + rows + 1;
  },
};
