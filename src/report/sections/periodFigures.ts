/**
 * The report period's figures from the period tables (its row is the last of the trend): customers at
 * the start, new, reactivated, lapsed, at the end, churn, revenue, orders, AOV, repeat buyers and net
 * revenue retention, each with its change on the period before (环比) and on the same period a year
 * before (同比), a target to type where one makes sense, and its name; then the inactive share.
 */
import { columnName } from "../../core/a1";
import type { Section } from "../builder";
import { changeCell, periodsBack, PERIOD_FIGURES, TARGET_KEYS, TARGET_NAMES, type ChangeKind } from "../figures";
import { trendName } from "../periodSheet";
import { reportPeriodLabel, type ReportTargets } from "../reportOptions";
import { PERCENT_FORMAT, widthFor } from "../sheetSpec";
import { hasUnitSelector, selectedRows } from "../unitSelection";

export const periodFigures: Section = {
  id: "periodFigures",
  sheet: "dashboard",
  when: (ctx) => ctx.trend,
  build(b) {
    const { t, options, formats, yearBack } = b.ctx;
    const headers = [t("metric"), t("value"), t("versusPrevious"), t("versusYearAgo"), t("target")];
    b.put({ address: `A${b.row}`, value: `${t("periodFigures")} ${reportPeriodLabel(options.periodStart, options.periodEnd)}`, style: "heading" });
    headers.forEach((header, i) => {
      b.put({ address: `${columnName(i)}${b.row + 1}`, value: header, style: i === 0 ? "label" : "numberHeader" });
      b.widen("dashboard", i, widthFor(header, 0));
    });
    const rows: Record<string, number> = {};
    b.at.periodFigures = { header: b.row + 1, rows };
    b.row += 2;
    for (const [label, key, format, figureNames, direction] of PERIOD_FIGURES) {
      const row = b.row;
      rows[key] = row;
      const column = trendName(key);
      const change: ChangeKind = format === "percent" ? "rate" : "relative";
      const numberFormat = formats[format];
      b.put({ address: `A${row}`, value: t(label), style: "label" });
      b.put({ address: `B${row}`, formula: `=${periodsBack(column, 0)}`, numberFormat, style: "kpi" });
      // A target to type (blank unless set: no light until there is one), named so refresh keeps it.
      const targetName = TARGET_NAMES[label];
      if (direction !== undefined && targetName !== undefined) {
        const value = options.targets[TARGET_KEYS[targetName] as keyof ReportTargets];
        b.put({ address: `E${row}`, numberFormat, style: "input", ...(value === undefined ? {} : { value }) });
        b.name("dashboard", targetName, `E${row}`);
        b.trafficLights.push({ range: `B${row}`, targetAddress: `E${row}`, direction });
      }
      b.put({ ...changeCell(`B${row}`, periodsBack(column, 1), change, b.ctx.locale), address: `C${row}` });
      b.put({ ...changeCell(`B${row}`, periodsBack(column, yearBack), change, b.ctx.locale), address: `D${row}` });
      for (const name of figureNames) b.name("dashboard", name, `B${row}`);
      b.row++;
    }
    // The inactive share at the period's end (DOMAIN.md §1) with the lapse window as its threshold, so
    // that it is 1 − active ÷ all who have bought: more than W − 1 whole days since the last purchase is
    // W or more. CX: CX.INACTIVE_SHARE; built-in: each customer's first purchase day, counted up to the end.
    const row = b.row;
    // (with a unit selector, the purchases of other units have day 0: left out)
    const everBought = `COUNTIFS(Tx_Previous,0,Tx_First_Of_Day,1,${hasUnitSelector(b.ctx) ? 'Tx_Day,">0",' : ""}Tx_Day,"<="&Period_End)`;
    const [customers, dates] = [selectedRows(b.ctx, "Tx_Customer"), selectedRows(b.ctx, "Tx_Date")];
    b.put({ address: `A${row}`, value: t("inactiveShare"), style: "label" });
    b.put({ address: `B${row}`, formula: b.either(`=CX.INACTIVE_SHARE(${customers},${dates},Period_End,Lapse_Days-1)`, `=IF(${everBought}=0,NA(),1-Customers_End/${everBought})`), numberFormat: PERCENT_FORMAT, style: "kpi" });
    for (const letter of ["C", "D"]) b.put({ ...changeCell(`B${row}`, undefined), address: `${letter}${row}` });
    b.name("dashboard", "Inactive_Share", `B${row}`);
    b.row += 2;
  },
};
