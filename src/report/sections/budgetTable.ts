/**
 * The budget on the data sheet (DOMAIN.md §9, 预算): one row per month with the figures planned for
 * it, each optional; typed into the report's own table, mirrored from the user's linked budget, or
 * left blank (the dashboard's budget then shows dashes). Checked as the other input tables are.
 */
import type { Section } from "../builder";
import { BUDGET_FIGURES, BUDGET_MONTH } from "../budget";
import { linkedAddress, linkedReference } from "../dataSource";
import { MONTH_FORMAT } from "../sheetSpec";
import { addInputCheck, addTable, badRowColumns, checkedColumns, keepingBlank, typed, type InputColumn, type TableColumn } from "../tables";

/** The table's checked columns: the month, then each figure. */
const BUDGET_COLUMNS: readonly InputColumn[] = [[BUDGET_MONTH, "channelMonth", { kind: "date" }], ...BUDGET_FIGURES.map((figure): InputColumn => [figure.column, figure.label, figure.rule])];

export const budgetTable: Section = {
  id: "budgetTable",
  sheet: "data",
  when: (ctx) => ctx.trend,
  build(b) {
    const { t, inputs, formats, source, monthOf } = b.ctx;
    const linked = source.budget;
    const rows = inputs.budget ?? [];
    // A linked cell mirrored, a blank one kept blank (not a budget of 0).
    const mirror = (j: number) => (i: number) => keepingBlank(linkedReference(linked as NonNullable<typeof linked>, j, i));
    const style = linked === undefined ? "input" as const : "helper" as const;
    const columns: TableColumn[] = [
      { header: t("channelMonth"), name: BUDGET_MONTH, width: 80, format: MONTH_FORMAT, style, content: linked === undefined ? typed((i) => monthOf(rows[i])) : mirror(0) },
      ...BUDGET_FIGURES.map((figure, j): TableColumn => ({
        header: t(figure.label), name: figure.column, width: 90, format: formats[figure.format], style,
        content: linked === undefined ? typed((i) => rows[i]?.[figure.key]) : mirror(j + 1),
      })),
    ];
    const checked = checkedColumns(b, BUDGET_COLUMNS, linked);
    const heading = linked === undefined ? t("budgetTable") : `${t("budgetLinked")} ${linkedAddress(linked)}`;
    const table = addTable(b, "data", "CX_Budget", heading, linked?.rows ?? rows.length, [
      ...columns,
      ...badRowColumns(b, checked, (j, i, at) => (linked === undefined ? at(j) : linkedReference(linked, j, i))),
    ]);
    addInputCheck(b, table.column(0), "Budget_Check", checked);
  },
};
