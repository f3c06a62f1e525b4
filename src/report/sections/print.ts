/**
 * How each sheet prints: the dashboard on A4 landscape, one page wide, its title rows on every page,
 * its second page from the RFM segments when it has the trend (the first holds the period's figures,
 * bridge, KPIs and lifecycle); the report's title and the sheet's name on top and the page count
 * below; the data sheet portrait and the workings landscape, fit to width.
 */
import { columnIndex, columnName } from "../../core/a1";
import { rowNumber, type Section } from "../builder";
import { ROLES } from "../reportOptions";
import { CHART_RIGHT_COLUMN } from "./charts";

export const print: Section = {
  id: "print",
  sheet: "dashboard",
  when: () => true,
  build(b) {
    const { options, t, trend } = b.ctx;
    const dashboard = b.sheet("dashboard");
    const lastRow = Math.max(1, ...[...dashboard.cells.map((cell) => cell.address), ...b.charts.map((chart) => chart.bottomRight)].map(rowNumber));
    // At least to the charts' right edge (M); wider where a table is (the by-unit table's fourteen columns).
    const right = columnName(Math.max(columnIndex(CHART_RIGHT_COLUMN), ...dashboard.cells.map((cell) => columnIndex(cell.address.replace(/\d+$/, "")))));
    const pageBreaks = trend && b.at.segments !== undefined ? [b.at.segments.heading] : [];
    for (const role of ROLES) {
      b.print[role] = {
        orientation: role === "data" ? "Portrait" : "Landscape",
        ...(role === "dashboard" ? { area: `A1:${right}${lastRow}`, titleRows: "$1:$2" } : {}),
        ...(role === "dashboard" && pageBreaks.length > 0 ? { rowBreaks: pageBreaks } : {}),
        leftHeader: options.title.replace(/&/g, "&&"), rightHeader: "&A", centerFooter: t("pageOfPages"),
      };
    }
  },
};
