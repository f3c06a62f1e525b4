/**
 * The report spec as data: layout, named inputs, sections, both formula modes, and the values the CX
 * formulas give when evaluated with the add-in's own functions (DOMAIN.md's worked examples).
 */
import { rfmAnalysis } from "../../src/core/rfmAnalysis";
import { RFM_SEGMENTS } from "../../src/i18n/labels";
import { ALL_SECTIONS, buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS, type ReportOptions } from "../../src/report/buildReport";
import { expectClose } from "../helpers/close";
import { cellAt, cxValueAt, evaluateCx } from "../helpers/evaluateReport";

const options: ReportOptions = {
  title: "Q3 customer metrics", periodStart: 45474, periodEnd: 45565, currency: "CNY", locale: "en-US",
  formulaMode: "cx", targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: SAMPLE_INPUTS,
};
const spec = buildReport(options);
const rowOf = (label: string): number => Number(spec.cells.find((cell) => cell.value === label && cell.address.startsWith("A"))?.address.slice(1));
const kpi = (label: string): number => evaluateCx(spec, cellAt(spec, `B${rowOf(label)}`)?.formula as string);

test("the KPI block evaluates to DOMAIN.md's figures for the sample inputs", () => {
  expect(kpi("Customer acquisition cost (CAC)")).toBe(500); // 100,000 / 200
  expectClose(kpi("Customer lifetime value (CLV)"), 800, 1e-9); // 100 × 4 × 5 × 0.4
  expect(kpi("Churn rate")).toBe(0.05); // 50 / 1,000
  expect(kpi("Customer satisfaction (CSAT)")).toBe(0.725); // 29 of 40 answer 4 or 5
  expectClose(kpi("LTV:CAC"), 1.6, 1e-12);
  expectClose(kpi("CAC payback (months)"), 500 / ((400 / 12) * 0.4), 1e-9);
  // 18 promoters, 12 passives, 10 detractors of 40 → NPS 20, SE 100·√((0.45 + 0.25 − 0.04)/40)
  expectClose(kpi("Net Promoter Score (NPS)"), 20, 1e-9);
  expectClose(kpi("NPS margin of error (95 %)"), 1.96 * 100 * Math.sqrt((0.45 + 0.25 - 0.04) / 40), 1e-9);
  expectClose(kpi("Customer satisfaction index (CSI, 0-100)"), 70, 1e-9); // mean 7.3 → (7.3 − 1) / 9 × 100
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

test("formulas read named inputs and table columns, not bare cell addresses", () => {
  expect(cellAt(spec, `B${rowOf("Customer acquisition cost (CAC)")}`)?.formula).toBe("=CX.CAC(Marketing_Spend,New_Customers)");
  expect(spec.names.map((name) => name.name).sort()).toEqual([
    "Acquisition_Cost", "As_Of", "Avg_Order_Value", "Buying_Customers", "CSAT_Score", "Channel_New_Customers", "Channel_Spend", "Churn_Rate", "Converted", "Customers_Lost",
    "Customers_Start", "Engagement_Interactions", "Engagement_Measures", "Engagement_Score", "Engagement_Usage", "Engagement_Visits", "Gross_Margin",
    "LTV_To_CAC", "Lifespan_Years", "Lifetime_Value", "Marketing_Spend", "Monthly_Revenue", "NPS_Margin_Of_Error", "Net_Promoter_Score", "New_Customers", "Orders",
    "Payback_Months", "Period_End", "Period_Start", "Prospects", "Purchases_Per_Year",
    "Repeat_Customers", "Revenue", "Satisfaction_Index", "Survey_CSAT", "Survey_CSI", "Survey_NPS", "Tx_Amount", "Tx_Customer", "Tx_Date",
  ]);
  // The report's figures are named where they stand, so other sheets can build on them (='Customer Metrics'!Churn_Rate).
  const named = (name: string): string | undefined => cellAt(spec, spec.names.find((n) => n.name === name)?.range as string)?.formula;
  expect(named("Churn_Rate")).toBe("=CX.CHURN(Customers_Start,Customers_Lost)");
  expect(named("Acquisition_Cost")).toBe("=CX.CAC(Marketing_Spend,New_Customers)");
  expect(named("Net_Promoter_Score")).toBe("=CX.NPS(Survey_NPS)");
  expect(spec.names.find((n) => n.name === "Period_End")?.range).toBe("C2");
  // the totals are the channel table's sums, not typed-in inputs
  expect(cellAt(spec, "B7")?.formula).toBe("=SUM(Channel_Spend)");
  expect(cellAt(spec, "B7")?.style).toBeUndefined();
  expect(spec.tables.map((table) => table.name)).toEqual(["CX_Survey", "CX_Channels", "CX_Transactions", "CX_Engagement"]);
  // every name of a table column covers exactly that table's body
  const range = (name: string): string => spec.names.find((n) => n.name === name)?.range as string;
  const survey = spec.tables[0]?.range as string;
  expect(range("Survey_NPS")).toBe(`${survey.split(":")[0]?.replace(/\d+$/, "")}8:${survey.split(":")[0]?.replace(/\d+$/, "")}47`);
});

test("the RFM segment summary spills every segment, with the core's counts and revenue", () => {
  const top = rowOf("RFM segments") + 1;
  expect(cellAt(spec, `A${top}`)?.formula).toBe('=CX.RFM_SUMMARY(Tx_Customer,Tx_Date,Tx_Amount,As_Of,"en-US")');
  const core = rfmAnalysis({
    customerIds: SAMPLE_INPUTS.transactions.map((tx) => tx.customer),
    dates: SAMPLE_INPUTS.transactions.map((tx) => options.periodEnd - Number(tx.daysBeforeEnd)),
    amounts: SAMPLE_INPUTS.transactions.map((tx) => Number(tx.amount)),
    asOf: options.periodEnd,
  });
  expect(core.customers).toHaveLength(30);
  RFM_SEGMENTS.forEach((segment, i) => {
    const row = top + 1 + i;
    expect(cxValueAt(spec, `A${row}`)).toBe(segment);
    const members = core.segments.flatMap((s, k) => (s === segment ? [k] : []));
    expect(cxValueAt(spec, `B${row}`)).toBe(members.length);
    expectClose(cxValueAt(spec, `D${row}`) as number, members.reduce((sum, k) => sum + (core.monetary[k] as number), 0), 1e-9);
  });
  // the sample has customers in several segments, so the chart says something
  expect(new Set(core.segments).size).toBeGreaterThanOrEqual(5);
  expect(cellAt(spec, `C${top + 1}`)?.numberFormat).toBe("0.0%");
});

test("portable mode uses built-in functions only, with the RFM workings in the transaction table", () => {
  const portable = buildReport({ ...options, formulaMode: "portable" });
  const formulas = portable.cells.flatMap((cell) => (cell.formula === undefined ? [] : [cell.formula]));
  for (const formula of formulas) expect(formula).not.toMatch(/CX\./);
  expect(formulas).toContain("=IF(New_Customers=0,NA(),Marketing_Spend/New_Customers)");
  const helpers = portable.cells.filter((cell) => cell.style === "helper");
  expect(helpers).toHaveLength(8 * SAMPLE_INPUTS.transactions.length);
  expect(portable.names.map((name) => name.name)).toEqual(expect.arrayContaining(["Tx_Recency", "Tx_Frequency", "Tx_Monetary", "Tx_Segment"]));
  // the segment rule is written from the core's rule table: Champions first, Others last
  const segment = helpers.find((cell) => cell.formula?.includes("Champions"))?.formula as string;
  expect(segment).toMatch(/^=IF\([A-Z]+\d+=1,IF\(AND\([A-Z]+\d+=5,[A-Z]+\d+=5,[A-Z]+\d+=5\),"Champions",IF\(AND\(/);
  expect(segment).toMatch(/"Lost","Others"\)+,""\)$/);
  // the same cells hold metrics in both modes (the CX summary spills where portable has formulas)
  expect(buildReport(options).cells.filter((cell) => cell.style === "kpi").length).toBe(portable.cells.filter((cell) => cell.style === "kpi").length);
});

test("every KPI has a target and a traffic light; CAC and CLV are held against each other through the LTV:CAC target", () => {
  const light = (label: string) => spec.trafficLights.find((l) => l.range === `B${rowOf(label)}`);
  const directions = ["Customer acquisition cost (CAC)", "Customer lifetime value (CLV)", "Churn rate", "Customer satisfaction (CSAT)", "Customer engagement (0-100)", "LTV:CAC", "CAC payback (months)", "Net Promoter Score (NPS)"]
    .map((label) => light(label)?.direction);
  expect(directions).toEqual(["atMost", "atLeast", "atMost", "atLeast", "atLeast", "atLeast", "atMost", "atLeast"]);
  const target = (label: string) => cellAt(spec, light(label)?.targetAddress as string);
  expect([target("Churn rate")?.value, target("LTV:CAC")?.value, target("Net Promoter Score (NPS)")?.value]).toEqual([0.05, 3, 30]);
  expect([target("Customer engagement (0-100)")?.value, target("CAC payback (months)")?.value]).toEqual([50, 12]);
  for (const label of ["Churn rate", "LTV:CAC", "Customer engagement (0-100)"]) expect(target(label)?.style).toBe("input");
  // the CAC may be at most CLV / 3 (800 / 3); the CLV must be at least 3 × CAC (1,500)
  const ltvCacTarget = light("LTV:CAC")?.targetAddress;
  expect(target("Customer acquisition cost (CAC)")?.formula).toBe(`=IF(${ltvCacTarget}=0,NA(),B${rowOf("Customer lifetime value (CLV)")}/${ltvCacTarget})`);
  expect(target("Customer lifetime value (CLV)")?.formula).toBe(`=${ltvCacTarget}*B${rowOf("Customer acquisition cost (CAC)")}`);
  // CSAT shows in the satisfaction block too (NPS / CSAT / CSI), with the same target
  expect(spec.cells.filter((cell) => cell.value === "Customer satisfaction (CSAT)")).toHaveLength(2);
});

test("the lifecycle table of DOMAIN.md §3: conversion, AOV, repurchase, churn", () => {
  const value = (stage: string): number => evaluateCx(spec, cellAt(spec, `D${rowOf(stage)}`)?.formula as string);
  expect(value("Acquisition")).toBe(200 / 8000);
  expect(value("Conversion")).toBe(100); // 430,000 / 4,300
  expectClose(value("Retention"), 437 / 1150, 1e-15);
  expect(value("Churn")).toBe(0.05);
});

test("CAC per channel in the channel table; three charts with their categories and values", () => {
  const channels = spec.tables.find((table) => table.name === "CX_Channels")?.range as string;
  const left = channels.replace(/\d+:.*$/, "");
  const cacColumn = String.fromCharCode(left.charCodeAt(0) + 1);
  expect([8, 9, 10, 11].map((row) => evaluateCx(spec, cellAt(spec, `${cacColumn}${row}`)?.formula as string))).toEqual([40_000 / 70, 500, 800, 10_000 / 45]);
  expect(spec.charts.map((chart) => [chart.type, chart.categories, chart.values, chart.title])).toEqual([
    ["BarClustered", `${left}8:${left}11`, `${cacColumn}8:${cacColumn}11`, "CAC by channel"],
    ["Pie", `A${rowOf("Promoters (9-10)")}:A${rowOf("Detractors (0-6)")}`, `B${rowOf("Promoters (9-10)")}:B${rowOf("Detractors (0-6)")}`, "NPS breakdown"],
    ["ColumnClustered", `A${rowOf("RFM segments") + 2}:A${rowOf("RFM segments") + 12}`, `B${rowOf("RFM segments") + 2}:B${rowOf("RFM segments") + 12}`, "Customers per RFM segment"],
  ]);
  // charts do not cover the report block or the input tables
  for (const chart of spec.charts) expect(chart.topLeft.startsWith("G") && chart.bottomRight.startsWith("M")).toBe(true);
});

test("each section can be left out, and takes its tables, names and charts with it", () => {
  const only = (section: keyof typeof ALL_SECTIONS) => buildReport({ ...options, sections: { dimensions: false, satisfaction: false, lifecycle: false, rfm: false, charts: true, [section]: true } });
  const rfm = only("rfm");
  expect(rfm.tables.map((table) => table.name)).toEqual(["CX_Channels", "CX_Transactions"]);
  expect(rfm.charts.map((chart) => chart.title)).toEqual(["Customers per RFM segment"]);
  expect(rfm.cells.some((cell) => cell.value === "Key customer metrics")).toBe(false);
  const satisfaction = only("satisfaction");
  expect(satisfaction.tables.map((table) => table.name)).toEqual(["CX_Survey", "CX_Channels"]);
  expect(satisfaction.trafficLights).toHaveLength(2); // NPS and CSAT
  expect(satisfaction.names.some((name) => name.name === "As_Of")).toBe(false);
  const noCharts = buildReport({ ...options, sections: { ...ALL_SECTIONS, charts: false } });
  expect(noCharts.charts).toEqual([]);
  expect(noCharts.cells.length).toBe(spec.cells.length);
  // whatever is left out, every name a formula uses is defined
  for (const report of [rfm, satisfaction, only("lifecycle"), only("dimensions"), buildReport({ ...options, formulaMode: "portable", sections: { ...ALL_SECTIONS, dimensions: false } })]) {
    const defined = new Set(report.names.map((name) => name.name));
    for (const cell of report.cells) {
      for (const used of (cell.formula ?? "").replace(/"[^"]*"/g, "").match(/\b[A-Z][a-z]+(?:_[A-Z][A-Za-z]*)+\b|\bAs_Of\b/g) ?? []) expect(defined).toContain(used);
    }
  }
});

test("labels follow the language", () => {
  const zh = buildReport({ ...options, locale: "zh-CN" });
  expect(zh.name).toBe("客户指标");
  expect(zh.cells.some((cell) => cell.value === "客户流失率")).toBe(true);
  expect(zh.cells.some((cell) => cell.value === "Churn rate")).toBe(false);
  expect(zh.cells.find((cell) => cell.formula?.startsWith("=CX.RFM_SUMMARY"))?.formula).toMatch(/"zh-CN"\)$/);
  const portableZh = buildReport({ ...options, locale: "zh-CN", formulaMode: "portable" });
  expect(portableZh.cells.some((cell) => cell.value === "重要价值客户")).toBe(true);
  expect(portableZh.cells.find((cell) => cell.style === "helper" && cell.formula?.includes("重要价值客户"))).toBeDefined();
});
