import { reportLabels, type ReportLabel } from "../i18n/reportLabels";
import type { Locale, Localized } from "../i18n/locale";
import type { CellSpec, ChartSpec, NameSpec, SheetSpec, TableSpec, TrafficLightSpec } from "./sheetSpec";

/** "cx": formulas use the add-in's CX.* functions; "portable": built-in functions only. */
export type FormulaMode = "cx" | "portable";

/** One acquisition channel: its name in both languages, spend and new customers in the period. */
export interface ChannelInput {
  readonly name: Localized;
  readonly spend: number;
  readonly newCustomers: number;
}

export interface ReportInputs {
  /** Marketing and sales spend and new customers per channel; the report's totals are their sums. */
  readonly channels: readonly ChannelInput[];
  readonly customersStart: number;
  readonly customersLost: number;
  readonly averageOrderValue: number;
  readonly purchasesPerYear: number;
  readonly lifespanYears: number;
  readonly grossMargin: number;
  readonly monthlyRevenuePerCustomer: number;
  readonly prospects: number;
  readonly converted: number;
  readonly revenue: number;
  readonly orders: number;
  readonly buyingCustomers: number;
  readonly repeatCustomers: number;
  /** Survey answers: NPS on 0–10 and CSAT on 1–5, one respondent per row (equal lengths). */
  readonly npsAnswers: readonly number[];
  readonly csatAnswers: readonly number[];
}

export interface ReportTargets {
  /** LTV:CAC at least this (default 3). */
  readonly ltvCac: number;
  /** Churn at most this (default 0.05). */
  readonly churn: number;
  /** NPS at least this (default 30). */
  readonly nps: number;
}

export interface ReportOptions {
  readonly title: string;
  /** Excel date serials. */
  readonly periodStart: number;
  readonly periodEnd: number;
  /** ISO currency code shown in the currency formats, e.g. "CNY". */
  readonly currency: string;
  readonly locale: Locale;
  readonly formulaMode: FormulaMode;
  readonly targets: ReportTargets;
  /** The generation date, passed in so that the spec is a pure function of its options. */
  readonly generatedOn: number;
  readonly inputs: ReportInputs;
}

/** A small, realistic demo: what the sheet holds until the user types in their own figures. */
export const SAMPLE_INPUTS: ReportInputs = {
  // 100,000 spent for 200 new customers in all (DOMAIN.md §1's CAC example: 500).
  channels: [
    { name: { "en-US": "Search ads", "zh-CN": "搜索广告" }, spend: 40_000, newCustomers: 70 },
    { name: { "en-US": "Social media", "zh-CN": "社交媒体" }, spend: 30_000, newCustomers: 60 },
    { name: { "en-US": "Events", "zh-CN": "线下活动" }, spend: 20_000, newCustomers: 25 },
    { name: { "en-US": "Referrals", "zh-CN": "客户推荐" }, spend: 10_000, newCustomers: 45 },
  ],
  customersStart: 1000,
  customersLost: 50,
  averageOrderValue: 100,
  purchasesPerYear: 4,
  lifespanYears: 5,
  grossMargin: 0.4,
  monthlyRevenuePerCustomer: 100 * 4 / 12,
  prospects: 8000,
  converted: 200,
  revenue: 430_000,
  orders: 4300,
  buyingCustomers: 1150,
  repeatCustomers: 437,
  // 40 respondents: 18 promoters, 12 passives, 10 detractors (NPS 20); 29 of 40 answer 4 or 5 (CSAT 72.5 %).
  npsAnswers: [10, 9, 8, 7, 10, 6, 9, 8, 10, 3, 9, 7, 8, 10, 5, 9, 10, 7, 2, 9, 8, 10, 6, 9, 4, 10, 8, 7, 9, 0, 10, 8, 6, 9, 7, 5, 10, 8, 6, 9],
  csatAnswers: [5, 4, 4, 3, 5, 2, 5, 4, 5, 1, 4, 4, 4, 5, 3, 5, 5, 4, 2, 5, 4, 5, 3, 4, 2, 5, 4, 4, 5, 1, 5, 4, 3, 5, 4, 3, 5, 4, 3, 5],
};

export const DEFAULT_TARGETS: ReportTargets = { ltvCac: 3, churn: 0.05, nps: 30 };

const PERCENT = "0.0%";
const DATE = "yyyy-mm-dd";
const currencyFormat = (code: string): string => `#,##0.00 "${code.replace(/"/g, "")}"`;

/** The KPI rows: label, the CX formula, the built-in formula computing the same, format, target. */
interface KpiRow {
  readonly label: ReportLabel;
  readonly cx: string;
  readonly portable: string;
  readonly format: "currency" | "percent" | "ratio" | "months" | "score";
  readonly target?: { readonly value: number; readonly direction: TrafficLightSpec["direction"] };
}

/**
 * The customer-metrics report sheet as data (DESIGN.md "Report template"). So far it holds the title
 * block, the named input cells and survey answers, the KPI block and the satisfaction block (NPS,
 * its margin, CSAT); both formula modes compute the same numbers for valid inputs, the portable one
 * with built-in functions only (a zero denominator becomes #N/A, as CX's errors do; out-of-scale
 * answers are refused only by CX).
 */
export function buildReport(options: ReportOptions): SheetSpec {
  const t = (key: ReportLabel): string => reportLabels[key][options.locale];
  const money = currencyFormat(options.currency);
  const cells: CellSpec[] = [
    { address: "A1", value: options.title, style: "title" },
    { address: "A2", value: t("period"), style: "label" },
    { address: "B2", value: options.periodStart, numberFormat: DATE },
    { address: "C2", value: options.periodEnd, numberFormat: DATE },
    { address: "A3", value: t("currency"), style: "label" },
    { address: "B3", value: options.currency },
    { address: "A4", value: t("generatedOn"), style: "label" },
    { address: "B4", value: options.generatedOn, numberFormat: DATE },
    { address: "A6", value: t("inputs"), style: "heading" },
  ];
  const names: NameSpec[] = [];
  // Totals over the channel table (columns H:K, below); they are sums, not inputs.
  const channelCount = Math.max(options.inputs.channels.length, 1);
  const channelRows = { first: 8, last: 7 + channelCount };
  cells.push({ address: "A7", value: t("marketingSpendTotal"), style: "label" });
  cells.push({ address: "B7", formula: "=SUM(Channel_Spend)", numberFormat: money });
  cells.push({ address: "A8", value: t("newCustomersTotal"), style: "label" });
  cells.push({ address: "B8", formula: "=SUM(Channel_New_Customers)", numberFormat: "#,##0" });
  names.push({ name: "Marketing_Spend", range: "B7" }, { name: "New_Customers", range: "B8" });
  const inputs: [ReportLabel, string, number, string][] = [
    ["customersStart", "Customers_Start", options.inputs.customersStart, "#,##0"],
    ["customersLost", "Customers_Lost", options.inputs.customersLost, "#,##0"],
    ["averageOrderValue", "Avg_Order_Value", options.inputs.averageOrderValue, money],
    ["purchasesPerYear", "Purchases_Per_Year", options.inputs.purchasesPerYear, "0.00"],
    ["lifespanYears", "Lifespan_Years", options.inputs.lifespanYears, "0.0"],
    ["grossMargin", "Gross_Margin", options.inputs.grossMargin, PERCENT],
    ["monthlyRevenue", "Monthly_Revenue", options.inputs.monthlyRevenuePerCustomer, money],
    ["prospects", "Prospects", options.inputs.prospects, "#,##0"],
    ["converted", "Converted", options.inputs.converted, "#,##0"],
    ["revenue", "Revenue", options.inputs.revenue, money],
    ["orders", "Orders", options.inputs.orders, "#,##0"],
    ["buyingCustomers", "Buying_Customers", options.inputs.buyingCustomers, "#,##0"],
    ["repeatCustomers", "Repeat_Customers", options.inputs.repeatCustomers, "#,##0"],
  ];
  inputs.forEach(([label, name, value, format], i) => {
    const row = 9 + i;
    cells.push({ address: `A${row}`, value: t(label), style: "label" });
    cells.push({ address: `B${row}`, value, numberFormat: format, style: "input" });
    names.push({ name, range: `B${row}` });
  });

  const kpiTop = 9 + inputs.length + 1;
  cells.push({ address: `A${kpiTop}`, value: t("kpis"), style: "heading" });
  cells.push({ address: `A${kpiTop + 1}`, value: t("metric"), style: "label" });
  cells.push({ address: `B${kpiTop + 1}`, value: t("value"), style: "label" });
  cells.push({ address: `C${kpiTop + 1}`, value: t("target"), style: "label" });
  const first = kpiTop + 2;
  const at = (offset: number): string => `B${first + offset}`;
  const kpis: KpiRow[] = [
    { label: "cac", cx: "=CX.CAC(Marketing_Spend,New_Customers)", portable: "=IF(New_Customers=0,NA(),Marketing_Spend/New_Customers)", format: "currency" },
    { label: "clv", cx: "=CX.CLV(Avg_Order_Value,Purchases_Per_Year,Lifespan_Years,Gross_Margin)", portable: "=Avg_Order_Value*Purchases_Per_Year*Lifespan_Years*Gross_Margin", format: "currency" },
    {
      label: "churn", cx: "=CX.CHURN(Customers_Start,Customers_Lost)",
      portable: "=IF(OR(Customers_Start<=0,Customers_Lost>Customers_Start),NA(),Customers_Lost/Customers_Start)",
      format: "percent", target: { value: options.targets.churn, direction: "atMost" },
    },
    { label: "ltvCac", cx: `=CX.LTV_CAC(${at(1)},${at(0)})`, portable: `=IF(${at(0)}=0,NA(),${at(1)}/${at(0)})`, format: "ratio", target: { value: options.targets.ltvCac, direction: "atLeast" } },
    { label: "payback", cx: `=CX.CAC_PAYBACK(${at(0)},Monthly_Revenue,Gross_Margin)`, portable: `=IF(Monthly_Revenue*Gross_Margin=0,NA(),${at(0)}/(Monthly_Revenue*Gross_Margin))`, format: "months" },
  ];
  const formats = { currency: money, percent: PERCENT, ratio: "0.00\"x\"", months: "0.0", score: "0.0" };
  const trafficLights: TrafficLightSpec[] = [];
  const addKpi = (kpi: KpiRow, row: number): void => {
    cells.push({ address: `A${row}`, value: t(kpi.label), style: "label" });
    cells.push({ address: `B${row}`, formula: options.formulaMode === "cx" ? kpi.cx : kpi.portable, numberFormat: formats[kpi.format], style: "kpi" });
    if (kpi.target !== undefined) {
      cells.push({ address: `C${row}`, value: kpi.target.value, numberFormat: formats[kpi.format], style: "input" });
      trafficLights.push({ range: `B${row}`, targetAddress: `C${row}`, direction: kpi.target.direction });
    }
  };
  kpis.forEach((kpi, i) => addKpi(kpi, first + i));
  // Survey answers, to the right of the inputs: one respondent per row, named columns.
  const surveyTop = 6;
  cells.push({ address: `E${surveyTop}`, value: t("survey"), style: "heading" });
  cells.push({ address: `E${surveyTop + 1}`, value: t("npsAnswer"), style: "label" });
  cells.push({ address: `F${surveyTop + 1}`, value: t("csatAnswer"), style: "label" });
  const answers = Math.max(options.inputs.npsAnswers.length, options.inputs.csatAnswers.length, 1);
  for (let i = 0; i < answers; i++) {
    const row = surveyTop + 2 + i;
    const nps = options.inputs.npsAnswers[i];
    const csat = options.inputs.csatAnswers[i];
    if (nps !== undefined) cells.push({ address: `E${row}`, value: nps, style: "input" });
    if (csat !== undefined) cells.push({ address: `F${row}`, value: csat, style: "input" });
  }
  const surveyRange = (column: string): string => `${column}${surveyTop + 2}:${column}${surveyTop + 1 + answers}`;
  names.push({ name: "Survey_NPS", range: surveyRange("E") }, { name: "Survey_CSAT", range: surveyRange("F") });

  // Satisfaction block, below the KPIs. Portable NPS and its margin write out DOMAIN.md §2's
  // formulas with COUNTIF (no LET: LibreOffice 7 lacks it); blank answers are skipped in both modes.
  const satisfactionTop = first + kpis.length + 1;
  cells.push({ address: `A${satisfactionTop}`, value: t("satisfaction"), style: "heading" });
  const n = "COUNT(Survey_NPS)";
  const p = `COUNTIF(Survey_NPS,">=9")/${n}`;
  const d = `COUNTIF(Survey_NPS,"<=6")/${n}`;
  const satisfaction: KpiRow[] = [
    { label: "nps", cx: "=CX.NPS(Survey_NPS)", portable: `=IF(${n}=0,NA(),100*(${p}-${d}))`, format: "score", target: { value: options.targets.nps, direction: "atLeast" } },
    { label: "npsMargin", cx: '=CX.NPS(Survey_NPS,"moe")', portable: `=IF(${n}=0,NA(),1.96*100*SQRT((${p}+${d}-(${p}-${d})^2)/${n}))`, format: "score" },
    { label: "csat", cx: "=CX.CSAT(Survey_CSAT)", portable: '=IF(COUNT(Survey_CSAT)=0,NA(),COUNTIF(Survey_CSAT,">=4")/COUNT(Survey_CSAT))', format: "percent" },
  ];
  satisfaction.forEach((kpi, i) => addKpi(kpi, satisfactionTop + 1 + i));

  // Lifecycle table of DOMAIN.md §3: stage, goal, main metric and its value.
  const lifecycleTop = satisfactionTop + satisfaction.length + 2;
  const churnCell = at(kpis.findIndex((kpi) => kpi.label === "churn"));
  cells.push({ address: `A${lifecycleTop}`, value: t("lifecycle"), style: "heading" });
  (["stage", "goal", "mainMetric", "value"] as const).forEach((key, i) => {
    cells.push({ address: `${"ABCD"[i]}${lifecycleTop + 1}`, value: t(key), style: "label" });
  });
  const stages: [ReportLabel, ReportLabel, ReportLabel, string, string, string][] = [
    ["stageAcquisition", "goalAcquisition", "metricConversion", "=CX.CONVERSION(Converted,Prospects)", "=IF(OR(Prospects<=0,Converted>Prospects),NA(),Converted/Prospects)", PERCENT],
    ["stageConversion", "goalConversion", "metricAov", "=CX.AOV(Revenue,Orders)", "=IF(Orders=0,NA(),Revenue/Orders)", money],
    ["stageRetention", "goalRetention", "metricRepurchase", "=CX.CONVERSION(Repeat_Customers,Buying_Customers)", "=IF(OR(Buying_Customers<=0,Repeat_Customers>Buying_Customers),NA(),Repeat_Customers/Buying_Customers)", PERCENT],
    ["stageChurn", "goalChurn", "metricChurn", `=${churnCell}`, `=${churnCell}`, PERCENT],
  ];
  stages.forEach(([stage, goal, metric, cxFormula, portableFormula, format], i) => {
    const row = lifecycleTop + 2 + i;
    cells.push({ address: `A${row}`, value: t(stage), style: "label" });
    cells.push({ address: `B${row}`, value: t(goal) });
    cells.push({ address: `C${row}`, value: t(metric) });
    cells.push({ address: `D${row}`, formula: options.formulaMode === "cx" ? cxFormula : portableFormula, numberFormat: format, style: "kpi" });
  });
  // Channel table (H:K): an Excel table of inputs, with CAC per channel beside the names for the chart.
  cells.push({ address: "H6", value: t("channels"), style: "heading" });
  (["channel", "cacShort", "spend", "newCustomers"] as const).forEach((key, i) => cells.push({ address: `${"HIJK"[i]}7`, value: t(key), style: "label" }));
  options.inputs.channels.forEach((channel, i) => {
    const row = channelRows.first + i;
    cells.push({ address: `H${row}`, value: channel.name[options.locale], style: "input" });
    cells.push({
      address: `I${row}`,
      formula: options.formulaMode === "cx" ? `=CX.CAC(J${row},K${row})` : `=IF(K${row}=0,NA(),J${row}/K${row})`,
      numberFormat: money,
      style: "kpi",
    });
    cells.push({ address: `J${row}`, value: channel.spend, numberFormat: money, style: "input" });
    cells.push({ address: `K${row}`, value: channel.newCustomers, numberFormat: "#,##0", style: "input" });
  });
  names.push(
    { name: "Channel_Spend", range: `J${channelRows.first}:J${channelRows.last}` },
    { name: "Channel_New_Customers", range: `K${channelRows.first}:K${channelRows.last}` },
  );
  const tables: TableSpec[] = [{ name: "CX_Channels", range: `H7:K${channelRows.last}` }];

  // NPS breakdown (H:I, below the channels): counts the chart shows; built-in counts in both modes.
  const breakdownTop = channelRows.last + 2;
  cells.push({ address: `H${breakdownTop}`, value: t("npsBreakdown"), style: "heading" });
  const counts: [ReportLabel, string][] = [
    ["promoters", '=COUNTIF(Survey_NPS,">=9")'],
    ["passives", '=COUNTIFS(Survey_NPS,">=7",Survey_NPS,"<=8")'],
    ["detractors", '=COUNTIF(Survey_NPS,"<=6")'],
  ];
  counts.forEach(([key, formula], i) => {
    cells.push({ address: `H${breakdownTop + 1 + i}`, value: t(key), style: "label" });
    cells.push({ address: `I${breakdownTop + 1 + i}`, formula, numberFormat: "#,##0" });
  });
  const charts: ChartSpec[] = [
    { type: "BarClustered", source: `H7:I${channelRows.last}`, title: t("cacByChannel"), topLeft: "M6", bottomRight: "S20" },
    { type: "Pie", source: `H${breakdownTop + 1}:I${breakdownTop + 3}`, title: t("npsBreakdown"), topLeft: "M22", bottomRight: "S36" },
  ];
  return { name: t("sheetName"), cells, tables, names, trafficLights, charts, columnWidths: [260, 170, 130, 100, 130, 130, 20, 120, 100, 100, 100] };
}
