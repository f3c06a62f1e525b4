/**
 * The acquisition channels on the data sheet, always there (the spend and new-customer totals are its
 * sums): each row's channel, its CAC, spend, new customers and month, typed or mirrored from the
 * user's linked cost table, with the table's check.
 */
import type { Section } from "../builder";
import { linkedAddress, linkedReference } from "../dataSource";
import { COUNT_FORMAT, MONTH_FORMAT, TEXT_RESULT } from "../sheetSpec";
import { addInputCheck, addTable, badRowColumns, checkedColumns, keepingBlank, link, typed, type InputColumn, type TableColumn } from "../tables";

/** The channel table's figure and month columns (after the channel's name, in a linked cost table). */
const CHANNEL_COLUMNS: readonly InputColumn[] = [["Channel_Spend", "spend", { kind: "amount" }], ["Channel_New_Customers", "newCustomers", { kind: "amount" }], ["Channel_Month", "channelMonth", { kind: "date" }]];

export const channelTable: Section = {
  id: "channels",
  sheet: "data",
  when: () => true,
  build(b) {
    const { t, inputs, locale, money, unitMoney, source, monthOf } = b.ctx;
    const costs = source.costs;
    const figure = (j: number, value: (i: number) => string | number | undefined) => (costs === undefined ? typed(value) : link(costs, j));
    const style = costs === undefined ? "input" as const : "helper" as const;
    // The month of each row: typed in the report's own table, mirrored from a linked table's fourth
    // column (without it, a linked table counts for the report period as a whole).
    const month: TableColumn[] = costs === undefined ? [{ header: t("channelMonth"), name: "Channel_Month", width: 80, format: MONTH_FORMAT, style: "input", content: typed((i) => monthOf(inputs.channels[i])) }]
      : costs.columns > 3 ? [{
        header: t("channelMonth"), name: "Channel_Month", width: 80, format: MONTH_FORMAT, style: "helper",
        // a blank month stays blank (a plain reference would make it 0, a month before every period)
        content: (i: number) => keepingBlank(linkedReference(costs, 3, i)),
      }] : [];
    // The check reads the typed rows, or the user's linked cells (not their mirror, so the message names the user's cell).
    const checked = costs === undefined ? checkedColumns(b, CHANNEL_COLUMNS) : checkedColumns(b, CHANNEL_COLUMNS.slice(0, costs.columns - 1), costs, 1);
    const channels = b.at.channels = addTable(b, "data", "CX_Channels", costs === undefined ? t("channels") : `${t("channelsLinked")} ${linkedAddress(costs)}`, costs?.rows ?? inputs.channels.length, [
      { header: t("channel"), width: 120, ...(costs === undefined ? { style } : { style, format: TEXT_RESULT }), content: figure(0, (i) => inputs.channels[i]?.name[locale]) },
      {
        header: t("cacShort"), width: 100, format: unitMoney, style: "kpi",
        content: (_i, at) => ({ formula: b.either(`=CX.CAC(${at(2)},${at(3)})`, `=IF(${at(3)}=0,NA(),${at(2)}/${at(3)})`) }),
      },
      { header: t("spend"), name: "Channel_Spend", width: 110, format: money, style, content: figure(1, (i) => inputs.channels[i]?.spend) },
      { header: t("newCustomers"), name: "Channel_New_Customers", width: 100, format: COUNT_FORMAT, style, content: figure(2, (i) => inputs.channels[i]?.newCustomers) },
      ...month,
      ...badRowColumns(b, checked, (j, i, at) => (costs === undefined ? at(j + 2) : linkedReference(costs, j + 1, i))),
    ]);
    addInputCheck(b, channels.column(0), "Channel_Check", checked);
  },
};
