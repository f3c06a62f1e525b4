/** The demo's inputs and targets: what a new report holds until the user types in their own figures. */
import { DEFAULT_TARGETS, type ReportInputs, type ReportTargets } from "./reportOptions";
import type { Localized } from "../i18n/locale";
import { sampleChannels, sampleCustomers, sampleFigures, sampleSurvey, sampleUnits } from "./sampleData";

// 100 customers over 37 months: a 13-month trend, the year before it (its 同比), and a year before that, so every month of the tables has customers at its start.
const SAMPLE_CUSTOMERS = sampleCustomers(20_241, 100, 1130);

const SAMPLE_FIGURES = sampleFigures(SAMPLE_CUSTOMERS.transactions);
const SAMPLE_SURVEY = sampleSurvey(20_242, 24, 12);
// (a seed under which the story of sampleUnits shows clearly in 100 customers: test/report/sampleUnits.test.ts)
const SAMPLE_UNITS = sampleUnits(2, SAMPLE_CUSTOMERS.transactions, 1130);

/** The period end the sample's typed inputs are made for, 2024-09-30: sampleInputsFor makes them for another. */
const SAMPLE_PERIOD_END = 45565;

/** The sample's channel rows for a report ending on `periodEnd`: each calendar month's rows add up to its new customers. */
function channelsFor(periodEnd: number): ReportInputs["channels"] {
  return sampleChannels(SAMPLE_CUSTOMERS.transactions, 25, periodEnd).map(({ channel, monthsBeforeEnd, spend, newCustomers }) => ({
    name: channel === "search" ? { "en-US": "Search ads", "zh-CN": "搜索广告" } : { "en-US": "Social media", "zh-CN": "社交媒体" }, spend, newCustomers, monthsBeforeEnd,
  }));
}

/** The sample's unit columns: each purchase's region and channel (a report shows them with ReportOptions.unitNames). */
export const SAMPLE_UNIT_NAMES: readonly Localized[] = [{ "en-US": "Region", "zh-CN": "区域" }, { "en-US": "Channel", "zh-CN": "渠道" }];

/**
 * A small, realistic demo: what the sheet holds until the user types in their own figures. Every
 * typed figure comes from the sample transactions (sampleFigures, sampleChannels), so inputs and
 * tables agree: each month's channel rows add up to the customers first buying in it, and the
 * conversion is the last month's new customers of 40 prospects each.
 */
export const SAMPLE_INPUTS: ReportInputs = {
  // Acquisition by channel and month over the last 25 months (a 13-month trend and the year before it),
  // for a report ending 2024-09-30 (the tests' quarter); sampleInputsFor gives them for another end.
  channels: channelsFor(SAMPLE_PERIOD_END),
  customersStart: SAMPLE_FIGURES.customersStart,
  customersLost: SAMPLE_FIGURES.customersLost,
  averageOrderValue: SAMPLE_FIGURES.averageOrderValue,
  purchasesPerYear: SAMPLE_FIGURES.purchasesPerYear,
  lifespanYears: 3,
  grossMargin: 0.4,
  monthlyRevenuePerCustomer: SAMPLE_FIGURES.monthlyRevenuePerCustomer,
  prospects: 40 * SAMPLE_FIGURES.newCustomers,
  converted: SAMPLE_FIGURES.newCustomers,
  revenue: SAMPLE_FIGURES.revenue,
  orders: SAMPLE_FIGURES.orders,
  buyingCustomers: SAMPLE_FIGURES.buyingCustomers,
  repeatCustomers: SAMPLE_FIGURES.repeatCustomers,
  // The last month's 40 respondents: 18 promoters, 12 passives, 10 detractors (NPS 20); 29 of 40 answer
  // 4 or 5 (CSAT 72.5 %); CSI mean 7.3 on the 1–10 scale, (7.3 − 1) / 9 × 100 = 70. Then 12 a month
  // over the 24 months before, dated, with fewer promoters the further back (sampleSurvey).
  npsAnswers: [10, 9, 8, 7, 10, 6, 9, 8, 10, 3, 9, 7, 8, 10, 5, 9, 10, 7, 2, 9, 8, 10, 6, 9, 4, 10, 8, 7, 9, 0, 10, 8, 6, 9, 7, 5, 10, 8, 6, 9, ...SAMPLE_SURVEY.nps],
  csatAnswers: [5, 4, 4, 3, 5, 2, 5, 4, 5, 1, 4, 4, 4, 5, 3, 5, 5, 4, 2, 5, 4, 5, 3, 4, 2, 5, 4, 4, 5, 1, 5, 4, 3, 5, 4, 3, 5, 4, 3, 5, ...SAMPLE_SURVEY.csat],
  csiAnswers: [8, 8, 8, 6, 8, 4, 9, 8, 10, 2, 8, 7, 8, 8, 5, 9, 10, 7, 3, 9, 8, 10, 6, 8, 4, 10, 8, 7, 9, 1, 9, 8, 6, 9, 7, 5, 10, 8, 6, 8, ...SAMPLE_SURVEY.csi],
  surveyDaysBeforeEnd: [...Array.from({ length: 40 }, (_, i) => i % 28), ...SAMPLE_SURVEY.daysBeforeEnd],
  transactions: SAMPLE_CUSTOMERS.transactions.map((tx, i) => ({ ...tx, units: SAMPLE_UNITS[i] as readonly Localized[] })),
  engagement: SAMPLE_CUSTOMERS.engagement,
  // A flat plan for the last twelve months (DOMAIN.md §9) that the months meet in part: the report
  // month's orders, active customers, NPS and CAC on budget; its revenue (89 %), new customers and churn not.
  budget: Array.from({ length: 12 }, (_, monthsBeforeEnd) => ({ monthsBeforeEnd, revenue: 5_000, orders: 18, newCustomers: 4, customersEnd: 26, churnRate: 0.18, nps: 18, cac: 450 })),
};

/**
 * The demo's targets: the defaults, and a plan for the month's figures that the sample meets in part
 * (active customers, revenue and repeat buyers on plan; new customers, AOV and NRR short of it), so
 * the dashboard shows green and red as a real month does.
 */
export const SAMPLE_TARGETS: ReportTargets = {
  ...DEFAULT_TARGETS, customersEnd: 25, newCustomers: 4, revenue: 4_000, averageOrderValue: 250, repeatBuyerShare: 0.25, netRevenueRetention: 0.5,
};

/**
 * The sample for a report ending on `periodEnd` (the pane's and the demo's): SAMPLE_INPUTS with the
 * channel rows counted by the calendar months that end dates the purchases in, so the acquired
 * customers of the channel table and the new customers of the transactions agree in every month.
 */
export function sampleInputsFor(periodEnd: number): ReportInputs {
  return periodEnd === SAMPLE_PERIOD_END ? SAMPLE_INPUTS : { ...SAMPLE_INPUTS, channels: channelsFor(periodEnd) };
}
