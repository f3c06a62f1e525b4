/**
 * The inputs that are one figure each (A:B of the data sheet), each a named cell: the period's spend
 * and new customers from the channel rows, the typed inputs (or, with the trend, the workings' figures
 * for the report period; from a database, its customer bridge), RFM's date, and the trend's lapse
 * window and first and last day.
 */
import type { ReportLabel } from "../../i18n/reportLabels";
import type { Section } from "../builder";
import { linkedReference } from "../dataSource";
import { periodsBack } from "../figures";
import { guarded } from "../inputChecks";
import { SCALAR_INPUTS } from "../reportOptions";
import { COUNT_FORMAT, DATE_FORMAT, PERCENT_FORMAT, widthFor, type CellSpec } from "../sheetSpec";

/** The scalar inputs that come from the transactions when the report has its trend (the period tables give them). */
const FROM_TRANSACTIONS: ReadonlySet<string> = new Set(["Customers_Start", "Customers_Lost", "Revenue", "Orders", "Buying_Customers", "Repeat_Customers", "Avg_Order_Value"]);

/** With the trend, the inputs that are the report period's row of the workings' value per period (the last row). */
const FROM_VALUE_TABLE: Readonly<Partial<Record<string, string>>> = { Purchases_Per_Year: "Trend_Purchases_Per_Year", Monthly_Revenue: "Trend_Monthly_Revenue" };

export const scalarInputs: Section = {
  id: "inputs",
  sheet: "data",
  when: () => true,
  build(b) {
    const { t, money, unitMoney, inputs, sections, trend, trendFrom, channelMonths, channelCheck, source, defaultLapseDays } = b.ctx;
    const data = (cell: CellSpec): void => b.putOn("data", cell);
    const widths = b.sheet("data").widths;
    data({ address: "A3", value: t("inputs"), style: "heading" });
    data({ address: "A4", value: t("marketingSpendTotal"), style: "label" });
    // The report period's spend and new customers: the channel rows of its months (and those without a month).
    const inPeriod = (name: string): string => guarded(channelCheck, channelMonths ? `=SUM(${name})-SUMIFS(${name},Channel_Month,"<"&Period_Start)-SUMIFS(${name},Channel_Month,">"&Period_End)` : `=SUM(${name})`);
    data({ address: "B4", formula: inPeriod("Channel_Spend"), numberFormat: money });
    data({ address: "A5", value: t("newCustomersTotal"), style: "label" });
    widths[0] = Math.max(widthFor(t("marketingSpendTotal"), 0), widthFor(t("newCustomersTotal"), 0), widthFor(t("asOf"), 0), widths[0] ?? 0);
    data({ address: "B5", formula: inPeriod("Channel_New_Customers"), numberFormat: COUNT_FORMAT });
    b.name("data", "Marketing_Spend", "B4");
    b.name("data", "Acquired_Customers", "B5");
    const scalarFormats: Record<(typeof SCALAR_INPUTS)[number][3], string> = { count: COUNT_FORMAT, money, unitMoney, decimal: "0.00", years: "0.0", percent: PERCENT_FORMAT };
    let row = 6;
    // From a database's customer bridge (sql/customer_bridge.sql): the customers active at the start
    // of the report period (its first period's row) and those lapsed in it (its periods' rows).
    const bridge = source.periodTable;
    const fromBridge: Partial<Record<string, string>> = bridge === undefined ? {} : {
      Customers_Start: `=INDEX(${linkedReference(bridge, 3)},MATCH(Period_Start,${linkedReference(bridge, 1)},0))`,
      Customers_Lost: `=SUMIFS(${linkedReference(bridge, 6)},${linkedReference(bridge, 1)},">="&Period_Start,${linkedReference(bridge, 2)},"<="&Period_End)`,
    };
    for (const [label, name, key, format] of SCALAR_INPUTS) {
      // With the trend, the customer figures are the report period's row of the period tables, on the dashboard.
      if (trend && FROM_TRANSACTIONS.has(name)) continue;
      data({ address: `A${row}`, value: t(label), style: "label" });
      widths[0] = widthFor(t(label), widths[0] ?? 0);
      const valueColumn = trend ? FROM_VALUE_TABLE[name] : undefined;
      const linkedFormula = valueColumn === undefined ? fromBridge[name] : `=${periodsBack(valueColumn, 0)}`;
      // (a figure of the workings is computed as the spend totals above are; a database's, shaded as a link)
      if (linkedFormula !== undefined) data({ address: `B${row}`, formula: linkedFormula, numberFormat: scalarFormats[format], ...(valueColumn === undefined ? { style: "helper" as const } : {}) });
      else data({ address: `B${row}`, value: inputs[key], numberFormat: scalarFormats[format], style: "input" });
      b.name("data", name, `B${row}`);
      row++;
    }
    const named: [ReportLabel, string, CellSpec][] = [
      // RFM is measured at the period end: purchases after it are left out, one on it has recency 0.
      ...(sections.rfm ? [["asOf", "As_Of", { address: "", formula: "=Period_End", numberFormat: DATE_FORMAT }] as [ReportLabel, string, CellSpec]] : []),
      // The lapse window is an input; the trend's first and last day follow the report period.
      ...(trend ? [
        ["lapseDays", "Lapse_Days", { address: "", value: inputs.lapseDays ?? defaultLapseDays, numberFormat: COUNT_FORMAT, style: "input" }],
        ["trendFrom", "Trend_From", { address: "", value: trendFrom, numberFormat: DATE_FORMAT }],
        ["trendTo", "Trend_To", { address: "", formula: "=Period_End", numberFormat: DATE_FORMAT }],
      ] as [ReportLabel, string, CellSpec][] : []),
    ];
    for (const [label, name, cell] of named) {
      data({ address: `A${row}`, value: t(label), style: "label" });
      data({ ...cell, address: `B${row}` });
      b.name("data", name, `B${row}`);
      row++;
    }
  },
};
