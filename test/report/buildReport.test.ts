/**
 * The report spec as data: layout, named inputs, sections, both formula modes, and the values the CX
 * formulas give when evaluated with the add-in's own functions (DOMAIN.md's worked examples).
 */
import { rfmAnalysis } from "../../src/core/rfmAnalysis";
import { RFM_SEGMENTS } from "../../src/i18n/labels";
import { ALL_SECTIONS, buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS, SAMPLE_TARGETS, type ReportOptions } from "../../src/report/buildReport";
import { expectClose } from "../helpers/close";
import { invocation } from "../helpers/excel";
import * as cx from "../../src/functions/functions";
import { allCells, allNames, allTables, cellAt, cxValueAt, evaluateCx, isError, sheetOf } from "../helpers/evaluateReport";
import type { ReportSpec } from "../../src/report/sheetSpec";

const options: ReportOptions = {
  title: "Q3 customer metrics", periodStart: 45474, periodEnd: 45565, currency: "CNY", locale: "en-US",
  formulaMode: "cx", targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: SAMPLE_INPUTS,
};
const report = buildReport(options);
const spec = sheetOf(report, "dashboard");
const data = sheetOf(report, "data");
/** The rows of the budget block (its figures' labels are the figures' own). */
const budgetRows = new Set(spec.names.filter((name) => name.name.startsWith("Budget_")).map((name) => Number(name.range.slice(1))));
/** The row of a figure's label (not its line in the budget block). */
const rowOf = (label: string): number => Number(spec.cells.find((cell) => cell.value === label && cell.address.startsWith("A") && !budgetRows.has(Number(cell.address.slice(1))))?.address.slice(1));
const kpi = (label: string): number => evaluateCx(report, cellAt(spec, `B${rowOf(label)}`)?.formula as string);
/** A cell of the data sheet by address. */
const onData = (address: string) => cellAt(report, address, data);

// The sample purchases as the report writes them (dates counted back from the period end), and the
// CX period functions on them by quarter over the trend's 13 quarters (2021-Q3 to 2024-Q3): what the
// report's period figures must equal.
const column = (values: readonly unknown[]): unknown[][] => values.map((value) => [value]);
const ids = column(SAMPLE_INPUTS.transactions.map((tx) => tx.customer));
const dates = column(SAMPLE_INPUTS.transactions.map((tx) => options.periodEnd - Number(tx.daysBeforeEnd)));
const amounts = column(SAMPLE_INPUTS.transactions.map((tx) => tx.amount));
const TREND_FROM = 44378; // 2021-07-01
const bridge = cx.CUSTOMER_BRIDGE(ids, dates, "quarter", 92, TREND_FROM, options.periodEnd, "en-US", invocation());
const activity = cx.PERIOD_KPIS(ids, dates, amounts, "quarter", TREND_FROM, options.periodEnd, "en-US", invocation());
const lastRow = <T>(table: T[][]): T[] => table[table.length - 1] as T[];
/** Whether the sample's i-th survey answer is dated from `from` to `to` (its date counted back from the report's period end). */
// The customer value of the quarter q quarters before the report's (DOMAIN.md §1's CLV, §7's tables):
// its AOV (CX.PERIOD_KPIS) × its orders per customer active at its end (CX.CUSTOMER_BRIDGE) × 4 a year,
// over the 3-year lifespan at 40 % margin; revenue per active customer a month for CAC payback.
const quarterRow = <T>(table: T[][], q: number): T[] => table[table.length - 1 - q] as T[];
const quarterPurchasesPerYear = (q: number): number => ((quarterRow(activity, q)[3] as number) / (quarterRow(bridge, q)[7] as number)) * 4;
const quarterClv = (q: number): number => (quarterRow(activity, q)[5] as number) * quarterPurchasesPerYear(q) * 3 * 0.4;
const quarterMonthlyRevenue = (q: number): number => ((quarterRow(activity, q)[4] as number) / (quarterRow(bridge, q)[7] as number)) * (4 / 12);
const periodAnswer = (i: number, from: number, to: number): boolean => {
  const date = options.periodEnd - (SAMPLE_INPUTS.surveyDaysBeforeEnd?.[i] as number);
  return date >= from && date <= to;
};

test("the KPI block evaluates DOMAIN.md's formulas on the sample inputs, and the churn of the sample purchases", () => {
  // the sample's inputs: channel rows by month (the quarter's are its three months: 0, 1 and 2 before
  // its end month); a 3-year lifespan, 40 % margin. AOV, purchases and revenue per active customer
  // from the quarter's transactions (below).
  const quarter = SAMPLE_INPUTS.channels.filter((channel) => (channel.monthsBeforeEnd as number) <= 2);
  const [spend, won] = [quarter.reduce((sum, channel) => sum + Number(channel.spend), 0), quarter.reduce((sum, channel) => sum + Number(channel.newCustomers), 0)];
  expect(won).toBeGreaterThan(3);
  const cac = spend / won;
  expect(kpi("Customer acquisition cost (CAC)")).toBe(cac);
  expectClose(kpi("Customer lifetime value (CLV)"), quarterClv(0), 1e-9);
  // churn: the quarter's lapsed of its customers at the start, from the transactions (CX.CUSTOMER_BRIDGE)
  expect(bridge.length).toBe(14);
  expect(lastRow(bridge)[0]).toBe("2024-Q3");
  expect(kpi("Churn rate")).toBe(lastRow(bridge)[8]);
  expect(kpi("Churn rate")).toBe((lastRow(bridge)[6] as number) / (lastRow(bridge)[3] as number));
  expectClose(kpi("LTV:CAC"), quarterClv(0) / cac, 1e-12);
  expectClose(kpi("CAC payback (months)"), cac / (quarterMonthlyRevenue(0) * 0.4), 1e-9);
  // the quarter's survey answers (dated in it): the CX functions on them
  const quarterAnswers = (answers: readonly unknown[]): unknown[][] => column(answers.filter((_, i) => periodAnswer(i, options.periodStart, options.periodEnd)));
  expect(quarterAnswers(SAMPLE_INPUTS.npsAnswers).length).toBeGreaterThan(40);
  const one = (result: unknown[][]): number => result[0]?.[0] as number;
  expect(kpi("Customer satisfaction (CSAT)")).toBe(one(cx.CSAT(quarterAnswers(SAMPLE_INPUTS.csatAnswers), null, null, invocation())));
  expectClose(kpi("Net Promoter Score (NPS)"), one(cx.NPS(quarterAnswers(SAMPLE_INPUTS.npsAnswers), null, null, invocation())), 1e-9);
  expectClose(kpi("Customer satisfaction index (CSI, 0-100)"), one(cx.CSI(quarterAnswers(SAMPLE_INPUTS.csiAnswers), [[]], invocation())), 1e-9);
});

test("a month's report reads that month's survey answers: DOMAIN.md's worked example", () => {
  const month = buildReport({ ...options, periodStart: 45536, periodEnd: 45565 }); // 2024-09
  const monthKpi = (label: string): number => evaluateCx(month, cellAt(month, `B${Number(sheetOf(month, "dashboard").cells.find((cell) => cell.value === label && cell.address.startsWith("A"))?.address.slice(1))}`)?.formula as string);
  expect(monthKpi("Customer satisfaction (CSAT)")).toBe(0.725); // 29 of 40 answer 4 or 5
  // 18 promoters, 12 passives, 10 detractors of 40 → NPS 20, SE 100·√((0.45 + 0.25 − 0.04)/40)
  expectClose(monthKpi("Net Promoter Score (NPS)"), 20, 1e-9);
  expectClose(monthKpi("NPS margin of error (95 %)"), 1.96 * 100 * Math.sqrt((0.45 + 0.25 - 0.04) / 40), 1e-9);
  expectClose(monthKpi("Customer satisfaction index (CSI, 0-100)"), 70, 1e-9); // mean 7.3 → (7.3 − 1) / 9 × 100
});

test("engagement is the mean of the customers' scores: each measure min-max normalised, equal weights", () => {
  const rows = SAMPLE_INPUTS.engagement.map((e) => [e.visits, e.interactions, e.usageHours].map(Number));
  const normalised = [0, 1, 2].map((j) => {
    const column = rows.map((r) => r[j] as number);
    const [low, high] = [Math.min(...column), Math.max(...column)];
    return column.map((v) => (v - low) / (high - low));
  });
  const scores = rows.map((_r, i) => (100 * normalised.reduce((sum, column) => sum + (column[i] as number), 0)) / 3);
  expectClose(kpi("Customer engagement (0-100)"), scores.reduce((a, b) => a + b, 0) / scores.length, 1e-9);
});

test("three sheets: the dashboard, its data and its workings, named for the period", () => {
  expect(report.sheets.map((sheet) => [sheet.role, sheet.name])).toEqual([["dashboard", "Report 2024-Q3"], ["data", "Data 2024-Q3"], ["workings", "Workings 2024-Q3"]]);
  const month = buildReport({ ...options, periodStart: 45566, periodEnd: 45596, locale: "zh-CN" });
  expect(month.sheets.map((sheet) => sheet.name)).toEqual(["管报 2024-10", "数据 2024-10", "底稿 2024-10"]);
  // a period that is not a calendar month or quarter is named by the month it ends in
  expect(buildReport({ ...options, periodStart: 45474, periodEnd: 45570 }).sheets[0]?.name).toBe("Report 2024-10");
  // inputs and input tables on the data sheet; the transaction table with its workings on the workings sheet
  expect(data.tables.map((table) => table.name)).toEqual(["CX_Survey", "CX_Channels", "CX_Engagement", "CX_Budget"]);
  expect(sheetOf(report, "workings").tables.map((table) => table.name)).toEqual(["CX_Transactions"]);
  expect(spec.tables).toEqual([]);
  // the dashboard is for reading and printing: no gridlines; the data sheet keeps them for typing
  expect([spec.showGridlines, data.showGridlines]).toEqual([false, undefined]);
});

test("a formula names the sheet of a name defined on another sheet, and only then", () => {
  expect(cellAt(spec, `B${rowOf("Customer acquisition cost (CAC)")}`)?.formula).toBe("=CX.CAC('Data 2024-Q3'!Marketing_Spend,'Data 2024-Q3'!Acquired_Customers)");
  // the period's spend: the channel rows of its months (and any without a month)
  // (#N/A while the channel table's check, on the same sheet, reports a bad cell)
  expect(onData("B4")?.formula).toBe(`=IF(Channel_Check<>"",NA(),SUM(Channel_Spend)-SUMIFS(Channel_Spend,Channel_Month,"<"&'Report 2024-Q3'!Period_Start)-SUMIFS(Channel_Spend,Channel_Month,">"&'Report 2024-Q3'!Period_End))`);
  const asOf = data.names.find((name) => name.name === "As_Of")?.range as string;
  expect(onData(asOf)?.formula).toBe("='Report 2024-Q3'!Period_End");
  // every qualified reference names a sheet of the report that defines that name
  for (const { sheet, cell } of allCells(report)) {
    for (const [, quoted, name] of (cell.formula ?? "").replace(/"[^"]*"/g, "").matchAll(/'((?:[^']|'')+)'!([A-Za-z_]\w*)/g)) {
      const target = report.sheets.find((candidate) => candidate.name === quoted);
      expect(target).toBeDefined();
      expect(target?.name).not.toBe(sheet.name);
      // a cell of that sheet (the trend table reads the workings' period labels), or a name it defines
      if (/^[A-Z]{1,3}\d+$/.test(name as string)) expect(target?.cells.find((c) => c.address === name)).toBeDefined();
      else expect(target?.names.map((n) => n.name)).toContain(name);
    }
  }
});

test("formulas read named inputs and table columns, not bare cell addresses", () => {
  expect(cellAt(spec, `B${rowOf("Customer acquisition cost (CAC)")}`)?.formula).toBe("=CX.CAC('Data 2024-Q3'!Marketing_Spend,'Data 2024-Q3'!Acquired_Customers)");
  expect(spec.names.map((name) => name.name).sort()).toEqual([
    "Acquisition_Cost", "Average_Order_Value", "Avg_Order_Value", "CSAT_Score", "Churn_Rate", "Customers_End", "Customers_Lost", "Customers_Start", "Engagement_Score", "Inactive_Share",
    "LTV_To_CAC", "Lapsed_Customers", "Lifetime_Value", "NPS_Margin_Of_Error", "Net_Promoter_Score", "Net_Revenue_Retention", "New_Customers", "Orders",
    "Payback_Months", "Period_Churn_Rate", "Period_End", "Period_Start", "Reactivated_Customers", "Repeat_Buyer_Share", "Revenue", "Satisfaction_Index",
    "Target_Average_Order_Value", "Target_CSAT", "Target_Churn", "Target_Customers_End", "Target_Engagement", "Target_LTV_CAC", "Target_NPS",
    "Target_Net_Revenue_Retention", "Target_New_Customers", "Target_Payback_Months", "Target_Repeat_Buyer_Share", "Target_Revenue",
    // the year to date beside the period figures, each with its 同比
    ...["Customers_Start_Of_Year", "New_Customers_YTD", "Reactivated_YTD", "Lapsed_YTD", "Churn_YTD", "Revenue_YTD", "Orders_YTD", "Average_Order_Value_YTD"].flatMap((name) => [name, `${name}_YoY`]),
    // the commentary; the budget, variance and (more is better) achievement, and the additive figures' year to date
    "Commentary",
    ...["Revenue", "Orders", "New_Customers", "Customers_End", "Churn_Rate", "NPS", "CAC"].flatMap((stem) => [`Budget_${stem}`, `${stem}_Variance`, ...(["Churn_Rate", "CAC"].includes(stem) ? [] : [`${stem}_Achievement`])]),
    ...["Revenue", "Orders", "New_Customers"].flatMap((stem) => [`Budget_${stem}_YTD`, `${stem}_YTD_Variance`, `${stem}_YTD_Achievement`]),
  ].sort());
  // a target shown twice (CSAT, in the KPIs and in satisfaction) is typed once: the second cell reads the first
  const csatTarget = spec.names.find((n) => n.name === "Target_CSAT")?.range as string;
  expect(spec.cells.filter((cell) => cell.formula === `=${csatTarget}`)).toHaveLength(1);
  expect(data.names.map((name) => name.name).sort()).toEqual([
    "Acquired_Customers", "As_Of", "Channel_Check", "Channel_Month", "Channel_Month_Bad", "Channel_New_Customers", "Channel_New_Customers_Bad", "Channel_Spend", "Channel_Spend_Bad", "Converted", "Engagement_Interactions", "Engagement_Measures",
    "Engagement_Usage", "Engagement_Visits", "Gross_Margin", "Lapse_Days", "Lifespan_Years", "Marketing_Spend", "Monthly_Revenue", "Prospects", "Purchases_Per_Year",
    "Survey_CSAT", "Survey_CSAT_Bad", "Survey_CSI", "Survey_CSI_Bad", "Survey_Check", "Survey_Date", "Survey_Date_Bad", "Survey_NPS", "Survey_NPS_Bad", "Trend_From", "Trend_To",
    // the budget table: its month and figures, each checked
    "Budget_Check", ...["Month", "Revenue", "Orders", "New_Customers", "Customers_End", "Churn_Rate", "NPS", "CAC"].flatMap((column) => [`Plan_${column}`, `Plan_${column}_Bad`]),
  ].sort());
  // the workings: the transaction table's columns, every figure's column of the period tables, and
  // the customer value per period: purchases per year, monthly revenue, CLV
  const workingsNames = sheetOf(report, "workings").names.map((name) => name.name);
  expect(workingsNames).toEqual(expect.arrayContaining(["Tx_Customer", "Tx_Date", "Tx_Amount", "Trend_First_Day", "Trend_Customers_Start", "Trend_Lapsed", "Trend_Revenue", "Trend_Repeat_Buyer_Share", "Trend_Purchases_Per_Year", "Trend_Monthly_Revenue", "Trend_CLV"]));
  // and the acquisition per period: spend, new customers, CAC, LTV:CAC, payback
  expect(workingsNames).toEqual(expect.arrayContaining(["Trend_Marketing_Spend", "Trend_Acquired_Customers", "Trend_CAC", "Trend_LTV_CAC", "Trend_Payback_Months"]));
  // and the satisfaction per period: answers, NPS, CSAT, NPS's margin of error
  expect(workingsNames).toEqual(expect.arrayContaining(["Trend_Survey_Answers", "Trend_NPS", "Trend_CSAT", "Trend_NPS_Margin"]));
  expect(workingsNames).toHaveLength(3 + 23 + 3 + 5 + 4);
  // The report's figures are named on the dashboard where they stand, so other sheets can build on them (='Report 2024-Q3'!Churn_Rate).
  const named = (name: string): string | undefined => cellAt(spec, spec.names.find((n) => n.name === name)?.range as string)?.formula;
  // the KPI cards' churn is the period's churn from the period tables, referred to: one figure, one value
  expect(named("Churn_Rate")).toBe("=Period_Churn_Rate");
  expect(named("Customers_Start")).toBe("=INDEX('Workings 2024-Q3'!Trend_Customers_Start,ROWS('Workings 2024-Q3'!Trend_Customers_Start)-0)");
  // the report period's answers: dated in it, or undated (blank answers left out, as CX.NPS skips them in a range)
  // (#N/A while the survey table's check reports a bad cell)
  expect(named("Net_Promoter_Score")).toBe(`=IF('Data 2024-Q3'!Survey_Check<>"",NA(),CX.NPS(FILTER('Data 2024-Q3'!Survey_NPS,('Data 2024-Q3'!Survey_NPS<>"")*(('Data 2024-Q3'!Survey_Date="")+('Data 2024-Q3'!Survey_Date>=Period_Start)*('Data 2024-Q3'!Survey_Date<=Period_End)))))`);
  expect(spec.names.find((n) => n.name === "Period_End")?.range).toBe("C2");
  // the totals are the channel table's sums, not typed-in inputs
  // the period's spend: the channel rows of its months (and any without a month)
  // (#N/A while the channel table's check, on the same sheet, reports a bad cell)
  expect(onData("B4")?.formula).toBe(`=IF(Channel_Check<>"",NA(),SUM(Channel_Spend)-SUMIFS(Channel_Spend,Channel_Month,"<"&'Report 2024-Q3'!Period_Start)-SUMIFS(Channel_Spend,Channel_Month,">"&'Report 2024-Q3'!Period_End))`);
  expect(onData("B4")?.style).toBeUndefined();
  expect(allTables(report).map((table) => table.name)).toEqual(["CX_Survey", "CX_Channels", "CX_Engagement", "CX_Budget", "CX_Transactions"]);
  // every name of a table column covers exactly that table's body
  const range = (name: string): string => data.names.find((n) => n.name === name)?.range as string;
  const survey = data.tables[0]?.range as string;
  expect(range("Survey_NPS")).toBe(`${survey.split(":")[0]?.replace(/\d+$/, "")}5:${survey.split(":")[0]?.replace(/\d+$/, "")}${4 + SAMPLE_INPUTS.npsAnswers.length}`);
});

test("the RFM segment summary spills every segment, with the core's counts and revenue", () => {
  const top = rowOf("RFM segments") + 1;
  expect(cellAt(spec, `A${top}`)?.formula).toBe(`=CX.RFM_SUMMARY('Workings 2024-Q3'!Tx_Customer,'Workings 2024-Q3'!Tx_Date,'Workings 2024-Q3'!Tx_Amount,'Data 2024-Q3'!As_Of,"en-US")`);
  const core = rfmAnalysis({
    customerIds: SAMPLE_INPUTS.transactions.map((tx) => tx.customer),
    dates: SAMPLE_INPUTS.transactions.map((tx) => options.periodEnd - Number(tx.daysBeforeEnd)),
    amounts: SAMPLE_INPUTS.transactions.map((tx) => Number(tx.amount)),
    asOf: options.periodEnd,
  });
  expect(core.customers).toHaveLength(100);
  RFM_SEGMENTS.forEach((segment, i) => {
    const row = top + 1 + i;
    expect(cxValueAt(report, `A${row}`)).toBe(segment);
    const members = core.segments.flatMap((s, k) => (s === segment ? [k] : []));
    expect(cxValueAt(report, `B${row}`)).toBe(members.length);
    expectClose(cxValueAt(report, `D${row}`) as number, members.reduce((sum, k) => sum + (core.monetary[k] as number), 0), 1e-9);
  });
  // the sample has customers in several segments, so the chart says something
  expect(new Set(core.segments).size).toBeGreaterThanOrEqual(5);
  expect(cellAt(spec, `C${top + 1}`)?.numberFormat).toBe("0.0%");
});

test("the follow-up lists (§11): CX.AT_RISK's overdue and CX.WIN_BACK's lapsed this period, beside the RFM table, every cell of their spills formatted", () => {
  const heading = spec.cells.find((cell) => cell.value?.toString().startsWith("At risk: still active, overdue"))?.address;
  // beside the RFM table, under its chart
  const rfmChart = spec.charts.find((chart) => chart.title === "Customers per RFM segment");
  expect(rfmChart?.topLeft).toBe(`I${rowOf("RFM segments") + 1}`);
  expect(heading).toBe(`I${Number(rfmChart?.bottomRight.slice(1)) + 2}`);
  const top = Number(heading?.slice(1)) + 1;
  const tx = "'Workings 2024-Q3'!Tx_Customer,'Workings 2024-Q3'!Tx_Date,'Workings 2024-Q3'!Tx_Amount";
  expect(cellAt(spec, `I${top}`)?.formula).toBe(`=CX.AT_RISK(${tx},10,'Data 2024-Q3'!As_Of,"en-US",'Data 2024-Q3'!Lapse_Days)`);
  const list = cx.AT_RISK(ids, dates, amounts, 10, options.periodEnd, "en-US", 92, null, invocation());
  expect(list.length).toBeGreaterThan(1);
  for (let k = 1; k < list.length; k++) {
    expect(cxValueAt(report, `I${top + k}`)).toBe(list[k]?.[0]);
    expect(cxValueAt(report, `L${top + k}`)).toBe(list[k]?.[3]);
    expect(cxValueAt(report, `N${top + k}`)).toBe(list[k]?.[5]);
  }
  for (let k = 1; k <= 10; k++) {
    expect([`J${top + k}`, `K${top + k}`, `L${top + k}`, `M${top + k}`, `N${top + k}`].map((address) => cellAt(spec, address)?.numberFormat)).toEqual(["#,##0", "#,##0.0", "#,##0.00 \"CNY\"", "0.0%", "#,##0.00 \"CNY\""]);
  }
  // the lapse window is the report's (92 days for quarters): every listed customer is active and overdue
  for (const row of list.slice(1)) expect((row[1] as number) < 92 && (row[1] as number) >= 1.5 * (row[2] as number)).toBe(true);
  // win back beside it, under the RFM table: the quarter's lapsed, as many as the bridge's (up to ten), by value
  const winBack = top;
  expect(cellAt(spec, `A${winBack - 1}`)?.value).toBe("Win back: customers who lapsed this period, by historical value");
  expect(cellAt(spec, `A${winBack}`)?.formula).toBe(`=CX.WIN_BACK(${tx},Period_Start,Period_End,'Data 2024-Q3'!Lapse_Days,10,"en-US")`);
  const lapsed = cx.WIN_BACK(ids, dates, amounts, options.periodStart, options.periodEnd, 92, 100, "en-US", invocation());
  expect(lapsed.length - 1).toBe(lastRow(bridge)[(bridge[0] as string[]).indexOf("Lapsed")]);
  for (let k = 1; k <= Math.min(10, lapsed.length - 1); k++) {
    expect(cxValueAt(report, `A${winBack + k}`)).toBe(lapsed[k]?.[0]);
    expect(cxValueAt(report, `D${winBack + k}`)).toBe(lapsed[k]?.[3]);
    expect(cellAt(spec, `B${winBack + k}`)?.numberFormat).toBe("yyyy-mm-dd");
  }
});

test("portable mode uses built-in functions only, with the RFM workings in the transaction table", () => {
  const portableReport = buildReport({ ...options, formulaMode: "portable" });
  const cells = allCells(portableReport).map(({ cell }) => cell);
  const formulas = cells.flatMap((cell) => (cell.formula === undefined ? [] : [cell.formula]));
  for (const formula of formulas) expect(formula).not.toMatch(/CX\./);
  expect(formulas).toContain("=IF('Data 2024-Q3'!Acquired_Customers=0,NA(),'Data 2024-Q3'!Marketing_Spend/'Data 2024-Q3'!Acquired_Customers)");
  const helpers = sheetOf(portableReport, "workings").cells.filter((cell) => cell.style === "helper");
  // RFM's 8 and the follow-up lists' 6 (first of day, first purchase, usual interval, at-risk, win-back and new-customer keys), the 12
  // the period tables read and the cohort's, on every purchase; the quintile cut points of R, F and M (4 each); the waterfall's 4 × 7 steps
  expect(helpers).toHaveLength((8 + 6 + 12 + 1) * SAMPLE_INPUTS.transactions.length + 3 * 4 + 4 * 7);
  expect(allNames(portableReport).map((name) => name.name)).toEqual(expect.arrayContaining(["Tx_Recency", "Tx_Frequency", "Tx_Monetary", "Tx_Segment"]));
  // the segment rule is written from the core's rule table: Champions first, Others last
  const segment = helpers.find((cell) => cell.formula?.includes("Champions"))?.formula as string;
  expect(segment).toMatch(/^=IF\([A-Z]+\d+=1,IF\(AND\([A-Z]+\d+=5,[A-Z]+\d+=5,[A-Z]+\d+=5\),"Champions",IF\(AND\(/);
  expect(segment).toMatch(/"Lost","Others"\)+,""\)$/);
  // the same cells hold metrics in both modes (the CX summary spills where portable has formulas)
  expect(spec.cells.filter((cell) => cell.style === "kpi").length).toBe(sheetOf(portableReport, "dashboard").cells.filter((cell) => cell.style === "kpi").length);
});

test("the period figures have a target column: blank to type into unless set, named, with a light that needs a target", () => {
  const targeted = {
    "New customers": ["Target_New_Customers", "atLeast"], "Active customers at the end": ["Target_Customers_End", "atLeast"], "Churn rate in the period": ["Target_Churn", "atMost"],
    Revenue: ["Target_Revenue", "atLeast"], "Average order value": ["Target_Average_Order_Value", "atLeast"], "Repeat-buyer share": ["Target_Repeat_Buyer_Share", "atLeast"],
    "Net revenue retention": ["Target_Net_Revenue_Retention", "atLeast"],
  } as const;
  const periodRow = rowOf;
  expect(cellAt(spec, `E${periodRow("Customers at the start") - 1}`)?.value).toBe("Target");
  for (const [label, [name, direction]] of Object.entries(targeted)) {
    const row = periodRow(label);
    expect([label, spec.names.find((each) => each.name === name)?.range]).toEqual([label, `E${row}`]);
    // (where the sample's budget has the figure, the light reads it before the target: budget.test.ts)
    expect(spec.trafficLights.find((light) => light.range === `B${row}`)).toMatchObject({ range: `B${row}`, targetAddress: `E${row}`, direction });
    expect(cellAt(spec, `E${row}`)).toMatchObject({ style: "input", numberFormat: cellAt(spec, `B${row}`)?.numberFormat });
  }
  // only churn has a target by default (the KPI's 5 %, typed here once: the KPI block's target cell reads it)
  expect(cellAt(spec, `E${periodRow("Revenue")}`)?.value).toBeUndefined();
  expect(cellAt(spec, `E${periodRow("Churn rate in the period")}`)?.value).toBe(0.05);
  expect(cellAt(spec, light("Churn rate")?.targetAddress as string)?.formula).toBe(`=E${periodRow("Churn rate in the period")}`);
  for (const label of ["Customers at the start", "Reactivated customers", "Lapsed customers", "Orders"]) expect(cellAt(spec, `E${periodRow(label)}`)).toBeUndefined();
  const set = sheetOf(buildReport({ ...options, targets: { ...DEFAULT_TARGETS, revenue: 5000, repeatBuyerShare: 0.3 } }), "dashboard");
  expect([cellAt(set, `E${periodRow("Revenue")}`)?.value, cellAt(set, `E${periodRow("Repeat-buyer share")}`)?.value]).toEqual([5000, 0.3]);
});

const light = (label: string) => spec.trafficLights.find((l) => l.range === `B${rowOf(label)}`);

test("every KPI has a target and a traffic light; CAC and CLV are held against each other through the LTV:CAC target", () => {
  const directions = ["Customer acquisition cost (CAC)", "Customer lifetime value (CLV)", "Churn rate", "Customer satisfaction (CSAT)", "Customer engagement (0-100)", "LTV:CAC", "CAC payback (months)", "Net Promoter Score (NPS)"]
    .map((label) => light(label)?.direction);
  expect(directions).toEqual(["atMost", "atLeast", "atMost", "atLeast", "atLeast", "atLeast", "atMost", "atLeast"]);
  const target = (label: string) => cellAt(spec, light(label)?.targetAddress as string);
  // churn's target is typed beside the period's churn rate (Target_Churn), which the KPI's target cell reads
  const churnTarget = cellAt(spec, spec.names.find((name) => name.name === "Target_Churn")?.range as string);
  expect(target("Churn rate")?.formula).toBe(`=${spec.names.find((name) => name.name === "Target_Churn")?.range as string}`);
  expect([churnTarget?.value, target("LTV:CAC")?.value, target("Net Promoter Score (NPS)")?.value]).toEqual([0.05, 3, 30]);
  expect([target("Customer engagement (0-100)")?.value, target("CAC payback (months)")?.value]).toEqual([50, 12]);
  for (const cell of [churnTarget, target("LTV:CAC"), target("Customer engagement (0-100)")]) expect(cell?.style).toBe("input");
  // the CAC may be at most CLV / 3 (800 / 3); the CLV must be at least 3 × CAC (1,500)
  const ltvCacTarget = light("LTV:CAC")?.targetAddress;
  expect(target("Customer acquisition cost (CAC)")?.formula).toBe(`=IF(${ltvCacTarget}=0,NA(),B${rowOf("Customer lifetime value (CLV)")}/${ltvCacTarget})`);
  expect(target("Customer lifetime value (CLV)")?.formula).toBe(`=${ltvCacTarget}*B${rowOf("Customer acquisition cost (CAC)")}`);
  // CSAT shows in the satisfaction block too (NPS / CSAT / CSI), with the same target
  expect(spec.cells.filter((cell) => cell.value === "Customer satisfaction (CSAT)")).toHaveLength(2);
});

test("the lifecycle table of DOMAIN.md §3: conversion, and AOV, repurchase and churn of the quarter's purchases", () => {
  // each row: its stage and goal, the value beside it, then the metric's name
  const stageRow = (stage: string): number => Number(spec.cells.find((cell) => typeof cell.value === "string" && cell.value.startsWith(`${stage}: `) && cell.address.startsWith("A"))?.address.slice(1));
  expect(cellAt(spec, `A${stageRow("Conversion")}`)?.value).toBe("Conversion: turn prospects into customers");
  expect(cellAt(spec, `C${stageRow("Conversion")}`)).toMatchObject({ value: "Average order value", numberFormat: '"  "@' });
  const value = (stage: string): number => evaluateCx(report, cellAt(spec, `B${stageRow(stage)}`)?.formula as string);
  expect(value("Acquisition")).toBe(200 / 8000);
  // PERIOD_KPIS: period, buyers, new buyers, orders, revenue, AOV, orders per buyer, repeat-buyer share
  expect(lastRow(activity)[0]).toBe("2024-Q3");
  expectClose(value("Conversion"), (lastRow(activity)[4] as number) / (lastRow(activity)[3] as number), 1e-12);
  expect(value("Retention")).toBe(lastRow(activity)[7]);
  expect(value("Churn")).toBe(lastRow(bridge)[8]);
});

test("the period figures: the report quarter's row of the period tables, with 环比 and 同比, each named", () => {
  const top = rowOf("Customers at the start");
  expect(cellAt(spec, `A${top - 2}`)?.value).toBe("Period figures from the transactions: 2024-Q3");
  expect([1, 2, 3].map((j) => cellAt(spec, `${"BCD"[j - 1]}${top - 1}`)?.value)).toEqual(["Value", "vs previous period (MoM)", "vs a year before (YoY)"]);
  const figure = (label: string): number => kpi(label);
  expect(figure("Customers at the start")).toBe(lastRow(bridge)[3]);
  expect(figure("New customers")).toBe(lastRow(bridge)[4]);
  expect(figure("Lapsed customers")).toBe(lastRow(bridge)[6]);
  expect(figure("Active customers at the end")).toBe(lastRow(bridge)[7]);
  expect(figure("Revenue")).toBe(lastRow(activity)[4]);
  expect(figure("Orders")).toBe(lastRow(activity)[3]);
  // start + new + reactivated − lapsed = end, on the dashboard too
  expect(figure("Customers at the start") + figure("New customers") + figure("Reactivated customers") - figure("Lapsed customers")).toBe(figure("Active customers at the end"));
  // the changes: relative for counts and money, in percentage points for rates; 同比 is four quarters back
  const row = rowOf("Revenue");
  expect(cellAt(spec, `C${row}`)?.formula).toBe(`=IFERROR(B${row}/INDEX('Workings 2024-Q3'!Trend_Revenue,ROWS('Workings 2024-Q3'!Trend_Revenue)-1)-1,"–")`);
  expect(cellAt(spec, `D${row}`)?.formula).toBe(`=IFERROR(B${row}/INDEX('Workings 2024-Q3'!Trend_Revenue,ROWS('Workings 2024-Q3'!Trend_Revenue)-4)-1,"–")`);
  expect(cellAt(spec, `C${row}`)?.numberFormat).toBe("+0.0%;-0.0%;0.0%;* @");
  const churn = rowOf("Churn rate in the period");
  expect(cellAt(spec, `C${churn}`)?.formula).toMatch(/^=IFERROR\(100\*\(B\d+-INDEX\(/);
  expect(cellAt(spec, `C${churn}`)?.numberFormat).toBe('+0.0" pp";-0.0" pp";0.0" pp";* @');
  // however short the trend, the period tables hold a year more, so 同比 reads inside them
  const short = buildReport({ ...options, trendPeriods: 3 });
  expect(sheetOf(short, "dashboard").cells.find((cell) => cell.address === `D${row}`)?.formula).toBe(cellAt(spec, `D${row}`)?.formula);
  expect(sheetOf(short, "workings").names.find((n) => n.name === "Trend_Revenue")?.range).toMatch(/^[A-Z]+(\d+):[A-Z]+(\d+)$/);
  const [, from, to] = /^[A-Z]+(\d+):[A-Z]+(\d+)$/.exec(sheetOf(short, "workings").names.find((n) => n.name === "Trend_Revenue")?.range as string) as RegExpExecArray;
  expect(Number(to) - Number(from) + 1).toBe(3 + 4);
  // without transactions, the customer figures are inputs again
  const noTrend = buildReport({ ...options, sections: { ...ALL_SECTIONS, trend: false } });
  expect(sheetOf(noTrend, "data").names.map((name) => name.name)).toEqual(expect.arrayContaining(["Customers_Start", "Customers_Lost", "Revenue", "Orders"]));
  expect(sheetOf(noTrend, "workings").names.some((name) => name.name.startsWith("Trend_"))).toBe(false);
});

test("the trend table: the trend's 13 quarters with their figures from the period tables, and active customers' and revenue's 环比 and 同比", () => {
  const heading = spec.cells.find((cell) => cell.value === "Trend: the last 13 periods") as { address: string };
  const header = Number(heading.address.slice(1)) + 1;
  expect(["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M"].map((column) => cellAt(spec, `${column}${header}`)?.value)).toEqual([
    "Period", "Active customers", "MoM", "YoY", "New", "Lapsed", "Churn rate", "Revenue", "MoM", "YoY", "AOV", "Repeat buyers", "NRR",
  ]);
  const value = (address: string): unknown => evaluateCx(report, cellAt(spec, address)?.formula as string);
  // bridge and activity (the CX functions over the trend's quarters) have a header row, then 2021-Q3 … 2024-Q3
  for (let k = 0; k < 13; k++) {
    const r = header + 1 + k;
    const [customers, revenue] = [bridge[k + 1] as unknown[], activity[k + 1] as unknown[]];
    // a figure the period has not (no customers at the start: no churn rate) is a dash, not an error cell
    const shown = (figure: unknown): unknown => (isError(figure) ? "–" : figure);
    expect([value(`A${r}`), value(`B${r}`), value(`E${r}`), value(`F${r}`), value(`G${r}`), value(`H${r}`), value(`K${r}`), value(`L${r}`)]).toEqual([
      customers[0], customers[7], customers[4], customers[6], customers[8], revenue[4], revenue[5], revenue[7],
    ].map(shown));
  }
  // the last row is the report quarter, in bold, and its changes are the period figures' own
  const last = header + 13;
  expect(value(`A${last}`)).toBe("2024-Q3");
  expect(cellAt(spec, `B${last}`)?.style).toBe("kpi");
  for (const [column, label] of [["C", "Active customers at the end"], ["I", "Revenue"]] as const) {
    expect(value(`${column}${last}`)).toBe(value(`C${rowOf(label)}`));
    expect(value(`${String.fromCharCode(column.charCodeAt(0) + 1)}${last}`)).toBe(value(`D${rowOf(label)}`));
  }
  expect(value(`G${header + 1}`)).toBe("–"); // 2021-Q3: no customers at the start yet
  // 同比 of a row reads the year of quarters before the trend: 2023-Q3 against 2022-Q3 (no dash)
  expect(value(`J${header + 9}`)).toBeCloseTo(((activity[9] as number[])[4] as number) / (evaluateCx(report, "=INDEX('Workings 2024-Q3'!Trend_Revenue,9)") as number) - 1, 12);
  expect(cellAt(spec, `C${header + 1}`)?.numberFormat).toBe("+0.0%;-0.0%;0.0%;* @");
});

test("CAC per channel in the channel table; the charts with their categories and values", () => {
  const channels = data.tables.find((table) => table.name === "CX_Channels")?.range as string;
  const left = channels.replace(/\d+:.*$/, "");
  const cacColumn = String.fromCharCode(left.charCodeAt(0) + 1);
  expect([5, 6, 7].map((row) => evaluateCx(report, onData(`${cacColumn}${row}`)?.formula as string, data))).toEqual(SAMPLE_INPUTS.channels.slice(0, 3).map((channel) => Number(channel.spend) / Number(channel.newCustomers)));
  // with the trend: the customers' trend from the workings, the quarter's revenue bridge, NPS, RFM
  // the trend's 13 quarters: the last 13 rows of the period tables, which hold 4 quarters more for 同比
  const workingsName = (name: string): string => (sheetOf(report, "workings").names.find((n) => n.name === name)?.range as string).replace(/^([A-Z])5:/, "$19:");
  expect(sheetOf(report, "workings").names.find((n) => n.name === "Trend_Customers_End")?.range).toBe("H5:H21");
  const bridgeTop = rowOf("Revenue in the period before");
  /** A period-table column's last 13 rows (the trend's quarters), wherever the table starts. */
  const trendRows = (name: string): string => {
    const [column, top, bottom] = /^([A-Z]+)(\d+):[A-Z]+(\d+)$/.exec(sheetOf(report, "workings").names.find((n) => n.name === name)?.range as string)?.slice(1) as [string, string, string];
    return `${column}${Math.max(Number(top), Number(bottom) - 12)}:${column}${bottom}`;
  };
  expect(spec.charts.map((chart) => [chart.type, chart.categories, chart.series.map((s) => [s.name, s.values]), chart.title])).toEqual([
    ["ColumnClustered", `'Workings 2024-Q3'!${workingsName("Trend_First_Day").replace(/B/g, "A")}`, [
      ["Active customers at the end", `'Workings 2024-Q3'!${workingsName("Trend_Customers_End")}`],
      ["New customers", `'Workings 2024-Q3'!${workingsName("Trend_New_Customers")}`],
      ["Reactivated customers", `'Workings 2024-Q3'!${workingsName("Trend_Reactivated")}`],
      ["Lapsed customers", `'Workings 2024-Q3'!${workingsName("Trend_Lapsed")}`],
    ], "Active customers, new and lapsed"],
    // the waterfall over its table on the workings (waterfall.test.ts)
    ["ColumnStacked", `A${bridgeTop}:A${bridgeTop + 6}`, ["Base", "Revenue", "Increase", "Decrease"].map((name, j) => [name, expect.stringMatching(new RegExp(`^'Workings 2024-Q3'!${"BCDE"[j] as string}\\d+:${"BCDE"[j] as string}\\d+$`))]), "Revenue bridge"],
    ["Line", `'Workings 2024-Q3'!${workingsName("Trend_First_Day").replace(/B/g, "A")}`, [["Revenue", `'Workings 2024-Q3'!${trendRows("Trend_Revenue")}`]], "Revenue by period"],
    ["Line", `'Workings 2024-Q3'!${workingsName("Trend_First_Day").replace(/B/g, "A")}`, [["Churn rate in the period", `'Workings 2024-Q3'!${trendRows("Trend_Churn_Rate")}`], ["Net revenue retention", `'Workings 2024-Q3'!${trendRows("Trend_Net_Revenue_Retention")}`]], "Churn rate and net revenue retention"],
    ["Pie", `A${rowOf("Promoters (9-10)")}:A${rowOf("Detractors (0-6)")}`, [["NPS breakdown", `B${rowOf("Promoters (9-10)")}:B${rowOf("Detractors (0-6)")}`]], "NPS breakdown"],
    ["ColumnClustered", `A${rowOf("RFM segments") + 2}:A${rowOf("RFM segments") + 12}`, [["Customers per RFM segment", `B${rowOf("RFM segments") + 2}:B${rowOf("RFM segments") + 12}`]], "Customers per RFM segment"],
  ]);
  // the bridge adds up: the period before's revenue and its movements give this period's
  const step = (k: number): number => evaluateCx(report, cellAt(spec, `B${bridgeTop + k}`)?.formula as string);
  expect(step(0) + step(1) + step(2) + step(3) + step(4) + step(5)).toBeCloseTo(step(6), 6);
  expect(step(6)).toBe(kpi("Revenue"));
  // without the trend, CAC by channel from the data sheet's table
  const noTrend = sheetOf(buildReport({ ...options, sections: { ...ALL_SECTIONS, trend: false } }), "dashboard");
  // (a channel table by month has no such chart: a bar per row would repeat each channel)
  expect(noTrend.charts.map((chart) => chart.title)).toEqual(["NPS breakdown", "Customers per RFM segment"]);
  const perChannel = sheetOf(buildReport({ ...options, sections: { ...ALL_SECTIONS, trend: false }, inputs: { ...SAMPLE_INPUTS, channels: SAMPLE_INPUTS.channels.slice(0, 3).map(({ name, spend, newCustomers }) => ({ name, spend, newCustomers })) } }), "dashboard");
  expect(perChannel.charts[0]).toMatchObject({ type: "BarClustered", categories: `'Data 2024-Q3'!${left}5:${left}7`, series: [{ name: "CAC by channel", values: `'Data 2024-Q3'!${cacColumn}5:${cacColumn}7` }] });
  // charts do not cover the report block or the input tables
  for (const chart of spec.charts) expect(chart.topLeft.startsWith("I") && chart.bottomRight.startsWith("O")).toBe(true);
});

test("each section can be left out, and takes its tables, names and charts with it", () => {
  const only = (section: keyof typeof ALL_SECTIONS) => buildReport({ ...options, sections: { dimensions: false, satisfaction: false, lifecycle: false, rfm: false, charts: true, trend: false, [section]: true } });
  const rfm = only("rfm");
  const dashboardOf = (built: ReportSpec) => sheetOf(built, "dashboard");
  expect(allTables(rfm).map((table) => table.name)).toEqual(["CX_Channels", "CX_Transactions"]);
  expect(dashboardOf(rfm).charts.map((chart) => chart.title)).toEqual(["Customers per RFM segment"]);
  expect(dashboardOf(rfm).cells.some((cell) => cell.value === "Key customer metrics")).toBe(false);
  const satisfaction = only("satisfaction");
  expect(allTables(satisfaction).map((table) => table.name)).toEqual(["CX_Survey", "CX_Channels"]);
  expect(dashboardOf(satisfaction).trafficLights).toHaveLength(2); // NPS and CSAT
  expect(allNames(satisfaction).some((name) => name.name === "As_Of")).toBe(false);
  const noCharts = buildReport({ ...options, sections: { ...ALL_SECTIONS, charts: false } });
  expect(dashboardOf(noCharts).charts).toEqual([]);
  expect(dashboardOf(noCharts).cells.length).toBe(spec.cells.length);
  // whatever is left out, every name a formula uses is defined on its own sheet or on the sheet it names
  for (const built of [rfm, satisfaction, only("lifecycle"), only("dimensions"), buildReport({ ...options, formulaMode: "portable", sections: { ...ALL_SECTIONS, dimensions: false } })]) {
    for (const { sheet, cell } of allCells(built)) {
      const formula = (cell.formula ?? "").replace(/"[^"]*"/g, "");
      for (const [, quoted, used] of formula.matchAll(/(?:'((?:[^']|'')+)'!)?\b([A-Z][a-z]+(?:_[A-Z][A-Za-z]*)+|As_Of)\b/g)) {
        const home = quoted === undefined ? sheet : built.sheets.find((candidate) => candidate.name === quoted);
        expect(home?.names.map((name) => name.name)).toContain(used);
      }
    }
  }
});

test("labels follow the language", () => {
  const zh = sheetOf(buildReport({ ...options, locale: "zh-CN" }), "dashboard");
  expect(zh.name).toBe("管报 2024-Q3");
  expect(zh.cells.some((cell) => cell.value === "客户流失率")).toBe(true);
  expect(zh.cells.some((cell) => cell.value === "Churn rate")).toBe(false);
  expect(zh.cells.find((cell) => cell.formula?.startsWith("=CX.RFM_SUMMARY"))?.formula).toMatch(/"zh-CN"\)$/);
  const portableZh = allCells(buildReport({ ...options, locale: "zh-CN", formulaMode: "portable" })).map(({ cell }) => cell);
  expect(portableZh.some((cell) => cell.value === "重要价值客户")).toBe(true);
  expect(portableZh.find((cell) => cell.style === "helper" && cell.formula?.includes("重要价值客户"))).toBeDefined();
});

test("the demo's month tells a story: some targets met, some missed", () => {
  // the demo's report: the sample's last month with the sample's targets (as npm run demo makes it)
  const demo = buildReport({ ...options, periodStart: 45566, periodEnd: 45596, targets: SAMPLE_TARGETS });
  const dashboard = sheetOf(demo, "dashboard");
  // (CAC's and CLV's targets are derived from each other: left out here)
  const lights = dashboard.trafficLights.filter((light) => !/^=IF|\*/.test(cellAt(demo, light.targetAddress)?.formula ?? "")).map((light) => {
    const value = evaluateCx(demo, cellAt(demo, light.range)?.formula as string);
    const target = cellAt(demo, light.targetAddress);
    const goal = target?.value !== undefined ? Number(target.value) : evaluateCx(demo, target?.formula as string);
    return (light.direction === "atLeast" ? value >= goal : value <= goal) ? "green" : "red";
  });
  expect(lights.filter((light) => light === "green").length).toBeGreaterThanOrEqual(3);
  expect(lights.filter((light) => light === "red").length).toBeGreaterThanOrEqual(3);
});

/** The first day of the quarter q quarters before 2024-Q3 (0: 2024-07-01), a date serial. */
const firstDayOfQuarterBack = (q: number): number => Math.round((Date.UTC(2024, 6 - 3 * q, 1) - Date.UTC(1899, 11, 30)) / 86_400_000);

test("the KPI cards have 环比 and 同比 where the workings hold their figure per period: CAC, CLV, LTV:CAC, payback (from the channel rows by month and the transactions) and churn", () => {
  // the sample's channel rows by quarter (quarter q: the months 3q to 3q + 2 before the report quarter's end month)
  const quarterCac = (q: number): number => {
    const rows = SAMPLE_INPUTS.channels.filter((channel) => Math.floor((channel.monthsBeforeEnd as number) / 3) === q);
    return rows.reduce((sum, channel) => sum + Number(channel.spend), 0) / rows.reduce((sum, channel) => sum + Number(channel.newCustomers), 0);
  };
  const row = rowOf("Customer acquisition cost (CAC)");
  const at = (address: string): number => evaluateCx(report, cellAt(spec, address)?.formula as string);
  expect(at(`B${row}`)).toBe(quarterCac(0));
  expectClose(at(`C${row}`), quarterCac(0) / quarterCac(1) - 1, 1e-12);
  expectClose(at(`D${row}`), quarterCac(0) / quarterCac(4) - 1, 1e-12);
  // CLV from each quarter's transactions; LTV:CAC and payback from each quarter's CLV, revenue and CAC
  const clvRow = rowOf("Customer lifetime value (CLV)");
  expectClose(at(`C${clvRow}`), quarterClv(0) / quarterClv(1) - 1, 1e-12);
  expectClose(at(`D${clvRow}`), quarterClv(0) / quarterClv(4) - 1, 1e-12);
  const ltvCac = rowOf("LTV:CAC");
  expectClose(at(`C${ltvCac}`), (quarterClv(0) / quarterCac(0)) / (quarterClv(1) / quarterCac(1)) - 1, 1e-12);
  const payback = (q: number): number => quarterCac(q) / (quarterMonthlyRevenue(q) * 0.4);
  expectClose(at(`D${rowOf("CAC payback (months)")}`), payback(0) / payback(4) - 1, 1e-12);
  // the data sheet's purchases per year and monthly revenue are the report quarter's, not typed in
  expect(evaluateCx(report, "=Purchases_Per_Year", data)).toBeCloseTo(quarterPurchasesPerYear(0), 12);
  expect(evaluateCx(report, "=Monthly_Revenue", data)).toBeCloseTo(quarterMonthlyRevenue(0), 12);
  // churn's in points, as the period figure's
  expect(cellAt(spec, `C${rowOf("Churn rate")}`)?.formula).toBe(cellAt(spec, `C${rowOf("Churn rate in the period")}`)?.formula?.replace(/B\d+/, `B${rowOf("Churn rate")}`));
  // no figure per period (engagement): a dash
  expect(cellAt(spec, `C${rowOf("Customer engagement (0-100)")}`)?.formula).toBe('="–"');
  // NPS and CSAT per quarter from the dated answers: NPS's change in points, CSAT's in percentage points
  const quarterOf = (q: number): [number, number] => [firstDayOfQuarterBack(q), firstDayOfQuarterBack(q - 1) - 1];
  const answersIn = (values: readonly unknown[], q: number): unknown[][] => column(values.filter((_, i) => periodAnswer(i, ...quarterOf(q))));
  const nps = (q: number): number => cx.NPS(answersIn(SAMPLE_INPUTS.npsAnswers, q), null, null, invocation())[0]?.[0] as number;
  const csat = (q: number): number => cx.CSAT(answersIn(SAMPLE_INPUTS.csatAnswers, q), null, null, invocation())[0]?.[0] as number;
  const npsRow = rowOf("Net Promoter Score (NPS)");
  expectClose(at(`C${npsRow}`), nps(0) - nps(1), 1e-9);
  expectClose(at(`D${npsRow}`), nps(0) - nps(4), 1e-9);
  expect(cellAt(spec, `C${npsRow}`)?.numberFormat).toBe("+0.0;-0.0;0.0;* @");
  expectClose(at(`C${rowOf("Customer satisfaction (CSAT)")}`), 100 * (csat(0) - csat(1)), 1e-9);
  // the workings' acquisition table: each quarter's spend and new customers from the channel rows of its months
  const workings = sheetOf(report, "workings");
  const spendColumn = workings.names.find((name) => name.name === "Trend_Marketing_Spend")?.range as string;
  const lastRow = Number(spendColumn.replace(/^.*:[A-Z]+/, ""));
  expect(evaluateCx(report, cellAt(report, `B${lastRow}`, workings)?.formula as string, workings)).toBe(SAMPLE_INPUTS.channels.filter((channel) => (channel.monthsBeforeEnd as number) <= 2).reduce((sum, channel) => sum + Number(channel.spend), 0));
  // a quarter before the sample's channel rows has no CAC: a dash, not an error
  expect(evaluateCx(report, cellAt(report, `D${lastRow - 16}`, workings)?.formula as string, workings)).toBe("–");
});

test("the second trend table: each period's CLV, acquisition and satisfaction from the workings, the report period's equal to its cards", () => {
  const heading = rowOf("Trend: customer value, acquisition and satisfaction");
  const header = heading + 1;
  const headers = ["B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M"].map((letter) => cellAt(spec, `${letter}${header}`)?.value);
  expect(headers).toEqual(["CLV", "MoM", "YoY", "Acquired", "CAC", "MoM", "YoY", "LTV:CAC", "Payback (months)", "Answers", "NPS", "CSAT"]);
  const last = header + 13;
  expect(cellAt(spec, `A${last}`)?.style).toBe("kpi");
  const at = (letter: string, r = last): unknown => evaluateCx(report, cellAt(spec, `${letter}${r}`)?.formula as string);
  const card = (label: string, column = "B"): unknown => evaluateCx(report, cellAt(spec, `${column}${rowOf(label)}`)?.formula as string);
  expectClose(at("B") as number, quarterClv(0), 1e-9);
  expect([at("C"), at("D")]).toEqual([card("Customer lifetime value (CLV)", "C"), card("Customer lifetime value (CLV)", "D")]);
  expect(at("F")).toBe(card("Customer acquisition cost (CAC)"));
  expect([at("G"), at("H")]).toEqual([card("Customer acquisition cost (CAC)", "C"), card("Customer acquisition cost (CAC)", "D")]);
  expectClose(at("I") as number, card("LTV:CAC") as number, 1e-12);
  expectClose(at("J") as number, card("CAC payback (months)") as number, 1e-12);
  expectClose(at("L") as number, card("Net Promoter Score (NPS)") as number, 1e-9);
  expect(at("M")).toBe(card("Customer satisfaction (CSAT)"));
  // the row before: the quarter before's CLV
  expectClose(at("B", last - 1) as number, quarterClv(1), 1e-9);
  // a linked cost table without months has no acquisition per period: those columns are left out
  const linkedCosts = buildReport({ ...options, source: { costs: { sheet: "Costs", row: 1, column: 0, rows: 2, columns: 3 } } });
  const linkedSpec = sheetOf(linkedCosts, "dashboard");
  const linkedHeading = Number(linkedSpec.cells.find((cell) => cell.value === "Trend: customer value, acquisition and satisfaction")?.address.slice(1));
  expect(["B", "C", "D", "E", "F", "G"].map((letter) => cellAt(linkedSpec, `${letter}${linkedHeading + 1}`)?.value)).toEqual(["CLV", "MoM", "YoY", "Answers", "NPS", "CSAT"]);
});

test("the inactive share at the period's end: CX.INACTIVE_SHARE with the lapse window, which is 1 − active ÷ all who have bought", () => {
  const row = rowOf("Inactive share (of all who have bought)");
  expect(cellAt(spec, `B${row}`)?.formula).toBe("=CX.INACTIVE_SHARE('Workings 2024-Q3'!Tx_Customer,'Workings 2024-Q3'!Tx_Date,Period_End,'Data 2024-Q3'!Lapse_Days-1)");
  expect(spec.names.find((name) => name.name === "Inactive_Share")?.range).toBe(`B${row}`);
  // every customer of the sample who had bought by the quarter's end, and those active at it (CX.CUSTOMER_BRIDGE)
  const everBought = new Set(SAMPLE_INPUTS.transactions.filter((tx) => Number(tx.daysBeforeEnd) >= 0).map((tx) => tx.customer)).size;
  const activeAtEnd = lastRow(bridge)[7] as number;
  expect(everBought).toBeGreaterThan(activeAtEnd);
  expectClose(kpi("Inactive share (of all who have bought)"), 1 - activeAtEnd / everBought, 1e-12);
  expect([cellAt(spec, `C${row}`)?.formula, cellAt(spec, `D${row}`)?.formula]).toEqual(['="–"', '="–"']);
});
