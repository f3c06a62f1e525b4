/**
 * The report spec as data: layout, named inputs, both formula modes, and the KPI values the CX
 * formulas give when evaluated with the add-in's own functions (DOMAIN.md's worked examples).
 */
import { buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS, type ReportOptions } from "../../src/report/buildReport";
import { expectClose } from "../helpers/close";
import { cellAt, evaluateCx } from "../helpers/evaluateReport";

const options: ReportOptions = {
  title: "Q3 customer metrics", periodStart: 45474, periodEnd: 45565, currency: "CNY", locale: "en-US",
  formulaMode: "cx", targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: SAMPLE_INPUTS,
};

test("the KPI block evaluates to DOMAIN.md's figures for the sample inputs", () => {
  const spec = buildReport(options);
  const kpi = (label: string): number => {
    const row = spec.cells.find((cell) => cell.value === label)?.address.slice(1);
    return evaluateCx(spec, cellAt(spec, `B${row}`)?.formula as string);
  };
  expect(kpi("Customer acquisition cost (CAC)")).toBe(500); // 100,000 / 200
  expectClose(kpi("Customer lifetime value (CLV)"), 800, 1e-9); // 100 × 4 × 5 × 0.4
  expect(kpi("Churn rate")).toBe(0.05); // 50 / 1,000
  expectClose(kpi("LTV:CAC"), 1.6, 1e-12);
  expectClose(kpi("CAC payback (months)"), 500 / ((400 / 12) * 0.4), 1e-9);
  // 18 promoters, 12 passives, 10 detractors of 40 → NPS 20, SE 100·√((0.45 + 0.25 − 0.04)/40)
  expectClose(kpi("Net Promoter Score (NPS)"), 20, 1e-9);
  expectClose(kpi("NPS margin of error (95 %)"), 1.96 * 100 * Math.sqrt((0.45 + 0.25 - 0.04) / 40), 1e-9);
  expect(kpi("Customer satisfaction (CSAT)")).toBe(0.725);
});

test("formulas read named inputs, not bare cell addresses", () => {
  const spec = buildReport(options);
  const cac = spec.cells.find((cell) => cell.formula?.startsWith("=CX.CAC("));
  expect(cac?.formula).toBe("=CX.CAC(Marketing_Spend,New_Customers)");
  expect(spec.names.map((name) => name.name)).toEqual([
    "Marketing_Spend", "New_Customers", "Customers_Start", "Customers_Lost", "Avg_Order_Value", "Purchases_Per_Year",
    "Lifespan_Years", "Gross_Margin", "Monthly_Revenue", "Prospects", "Converted", "Revenue", "Orders",
    "Buying_Customers", "Repeat_Customers", "Survey_NPS", "Survey_CSAT", "Channel_Spend", "Channel_New_Customers",
  ]);
  // the totals are the channel table's sums, not typed-in inputs
  expect(cellAt(spec, "B7")?.formula).toBe("=SUM(Channel_Spend)");
  expect(cellAt(spec, "B7")?.style).toBeUndefined();
});

test("portable mode uses built-in functions only", () => {
  const spec = buildReport({ ...options, formulaMode: "portable" });
  const formulas = spec.cells.flatMap((cell) => (cell.formula === undefined ? [] : [cell.formula]));
  expect(formulas.length).toBe(2 + 5 + 3 + 4 + 4 + 3); // totals, KPIs, satisfaction, lifecycle, channels, NPS counts
  for (const formula of formulas) expect(formula).not.toMatch(/CX\./);
  expect(formulas).toContain("=IF(New_Customers=0,NA(),Marketing_Spend/New_Customers)");
});

test("traffic lights compare churn (at most), LTV:CAC and NPS (at least) with their target cells", () => {
  const spec = buildReport(options);
  expect(spec.trafficLights.map((light) => light.direction)).toEqual(["atMost", "atLeast", "atLeast"]);
  for (const light of spec.trafficLights) expect(cellAt(spec, light.targetAddress)?.style).toBe("input");
});

test("the lifecycle table of DOMAIN.md §3: conversion, AOV, repurchase, churn", () => {
  const spec = buildReport(options);
  const value = (stage: string): number => {
    const row = spec.cells.find((cell) => cell.value === stage && cell.address.startsWith("A"))?.address.slice(1);
    return evaluateCx(spec, cellAt(spec, `D${row}`)?.formula as string);
  };
  expect(value("Acquisition")).toBe(200 / 8000);
  expect(value("Conversion")).toBe(100); // 430,000 / 4,300
  expectClose(value("Retention"), 437 / 1150, 1e-15);
  expect(value("Churn")).toBe(0.05);
});

test("CAC per channel, an Excel table of channels, and two charts", () => {
  const spec = buildReport(options);
  const cacs = [8, 9, 10, 11].map((row) => evaluateCx(spec, cellAt(spec, `I${row}`)?.formula as string));
  expect(cacs).toEqual([40_000 / 70, 500, 800, 10_000 / 45]);
  expect(spec.tables).toEqual([{ name: "CX_Channels", range: "H7:K11" }]);
  expect(spec.charts.map((chart) => [chart.type, chart.source, chart.title])).toEqual([
    ["BarClustered", "H7:I11", "CAC by channel"],
    ["Pie", "H14:I16", "NPS breakdown"],
  ]);
  expect(spec.cells.filter((cell) => cell.formula?.startsWith("=COUNTIF")).map((cell) => cell.address)).toEqual(["I14", "I15", "I16"]);
});

test("labels follow the language", () => {
  const zh = buildReport({ ...options, locale: "zh-CN" });
  expect(zh.name).toBe("客户指标");
  expect(zh.cells.some((cell) => cell.value === "客户流失率")).toBe(true);
  expect(zh.cells.some((cell) => cell.value === "Churn rate")).toBe(false);
});
