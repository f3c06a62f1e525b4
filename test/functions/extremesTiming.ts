/**
 * Times each CX function on extreme-but-legal input in plain Node (Jest's sandbox runs Math.* loops
 * many times slower): 200,000 rows, amounts of 1e308, Excel's first and last dates, a horizon of a
 * century. Prints one JSON array of { call, ms, outcome }; test/functions/extremes.test.ts holds each
 * under 2 s. Run: node --import tsx test/functions/extremesTiming.ts
 */
import "../setup/customFunctionsGlobals";
import * as cx from "../../src/functions/functions";
import { invocation, outcome } from "../helpers/excel";

const N = 200_000;
const column = (make: (i: number) => unknown, rows = N): unknown[][] => Array.from({ length: rows }, (_, i) => [make(i)]);
const ids = column((i) => `C${i % 20_000}`);
const dates = column((i) => 45000 + (i % 700));
const extremeDates = column((i) => (i % 3 === 0 ? 1 : i % 3 === 1 ? 2958465 : 40000));
const amounts = column((i) => 10 + (i % 90));
const huge = column(() => 1e308);
const scores = column((i) => i % 11);
const small = column((i) => 1 + (i % 5));
const inv = invocation();

const cases: [string, () => unknown][] = [
  ["NPS 200k", () => cx.NPS(scores, null, null, inv)],
  ["CSAT 200k", () => cx.CSAT(small, null, null, inv)],
  ["CSI 200k", () => cx.CSI(small, null as never, inv)],
  ["RFM 200k", () => cx.RFM(ids, dates, amounts, null, null, inv)],
  ["RFM 1e308", () => cx.RFM(ids, dates, huge, null, null, inv)],
  ["RFM_SUMMARY 1e308", () => cx.RFM_SUMMARY(ids, dates, huge, null, null, inv)],
  ["RFM_SCORES 200k", () => cx.RFM_SCORES(amounts, small, amounts, inv)],
  ["RFM_SEGMENT_SUMMARY 1e308", () => cx.RFM_SEGMENT_SUMMARY(amounts, small, huge, null, inv)],
  ["RFM_SEGMENT 200k", () => cx.RFM_SEGMENT(small, small, small, null, inv)],
  ["CUSTOMER_BRIDGE 200k", () => cx.CUSTOMER_BRIDGE(ids, dates, null, null, null, null, "en-US", inv)],
  ["CUSTOMER_BRIDGE whole calendar by week", () => cx.CUSTOMER_BRIDGE(ids, extremeDates, "week", null, null, null, "en-US", inv)],
  ["REVENUE_BRIDGE 1e308", () => cx.REVENUE_BRIDGE(ids, dates, huge, null, null, null, "en-US", inv)],
  ["REVENUE_BRIDGE whole calendar by week", () => cx.REVENUE_BRIDGE(ids, extremeDates, amounts, "week", null, null, "en-US", inv)],
  ["PERIOD_KPIS 1e308", () => cx.PERIOD_KPIS(ids, dates, huge, null, null, null, "en-US", inv)],
  ["PERIOD_KPIS whole calendar by week", () => cx.PERIOD_KPIS(ids, extremeDates, amounts, "week", null, null, "en-US", inv)],
  ["COHORT 200k", () => cx.COHORT(ids, dates, null, null, null, null, inv)],
  ["COHORT whole calendar by week", () => cx.COHORT(ids, extremeDates, "week", null, null, null, inv)],
  ["INACTIVE_SHARE 200k", () => cx.INACTIVE_SHARE(ids, dates, [[45700]], null, inv)],
  ["REPURCHASE_RATE 200k", () => cx.REPURCHASE_RATE(ids, inv)],
  ["PURCHASE_FREQUENCY 200k, every cell text", () => cx.PURCHASE_FREQUENCY(ids, small, null as never, inv)],
  ["ENGAGEMENT 200k", () => cx.ENGAGEMENT(column((i) => i % 7).map((row, i) => [...row, i % 5, 1e308]), null as never, inv)],
  ["CLV_FIT 200k", () => cx.CLV_FIT(ids, dates, amounts, null, null, inv)],
  ["CLV_FIT 1e308", () => cx.CLV_FIT(ids, dates, huge, null, null, inv)],
  ["CLV_PREDICT 1,200 months, 2,000 customers", () => cx.CLV_PREDICT(column((i) => `C${i % 2_000}`, 20_000), column((i) => 45000 + ((i * 37) % 700), 20_000), column((i) => 10 + (i % 90), 20_000), [[1200]], [[0.01]], [[0.3]], null, inv)],
  ["CLV_PREDICT 12,000 months", () => cx.CLV_PREDICT(ids, dates, amounts, [[12000]], [[0.01]], [[0.3]], null, inv)],
  ["CLV_PREDICT 1e308 months", () => cx.CLV_PREDICT(ids, dates, amounts, [[1e308]], [[0.01]], [[0.3]], null, inv)],
  ["AT_RISK 200k", () => cx.AT_RISK(ids, dates, amounts, [[10]], null, null, null, null, inv)],
  ["CLV_FIT_SUMMARY 200k", () => cx.CLV_FIT_SUMMARY(column((i) => i % 5), column((i) => (i % 5) * 3), column(() => 40), column((i) => (i % 5 === 0 ? 0 : 10 + (i % 9))), null, inv)],
  ["CLV_PREDICT_SUMMARY 1,200 months, 2,000 customers", () => cx.CLV_PREDICT_SUMMARY(column((i) => i, 2_000), column((i) => i % 5, 2_000), column((i) => (i % 5) * 3, 2_000), column(() => 40, 2_000), column((i) => (i % 5 === 0 ? 0 : 10 + (i % 9)), 2_000), [[1200]], [[0.01]], [[0.3]], null, inv)],
  ["P_ALIVE 200k", () => cx.P_ALIVE(small, small, column(() => 40), [[0.24]], [[4.4]], [[0.79]], [[2.4]], inv)],
  ["EXPECTED_PURCHASES 200k, t 1e308", () => cx.EXPECTED_PURCHASES([[1e308]], small, small, column(() => 40), [[0.24]], [[4.4]], [[0.79]], [[2.4]], inv)],
  ["CLV 1e308", () => cx.CLV([[1e308]], [[1e308]], [[1e308]], null as never, null as never, inv)],
  ["CHURN 1e308", () => cx.CHURN([[1e308]], [[1e308]], null as never, null, inv)],
  ["CAC 200k", () => cx.CAC(amounts, small, inv)],
];

const timings = cases.map(([call, body]) => {
  const started = performance.now();
  const result = outcome(body);
  const ms = performance.now() - started;
  return { call, ms: Math.round(ms), outcome: result.kind === "error" ? `${result.code} ${result.message ?? ""}`.slice(0, 120) : result.kind === "value" ? `${result.value.length} rows` : String(result.error) };
});
process.stdout.write(JSON.stringify(timings));
