/**
 * The CX worksheet functions. Each exported function with a `@customfunction` tag becomes
 * =CX.NAME(...) in Excel; custom-functions-metadata-plugin turns this file's JSDoc into
 * functions.json, and build/localizeMetadata.js makes the zh-CN copy from src/i18n.
 *
 * Every function reads its arguments through coerce.ts / records.ts / elementwise.ts, computes with
 * src/core, and lets nothing but a CustomFunctions.Error escape (call.ts). Parameter names are the
 * snake_case names users see in Excel's formula help.
 */
import { averageOrderValue } from "../core/averageOrderValue";
import { expectedPurchases, fitBgNbd, probabilityAlive, requireHistoryAndParameters } from "../core/clv/betaGeometricNbd";
import { forecastCustomerValue } from "../core/clv/customerValueForecast";
import { customersAtRisk } from "../core/clv/customersAtRisk";
import { fitGammaGamma } from "../core/clv/gammaGamma";
import { cohortRetention, type CohortPeriod } from "../core/cohortRetention";
import { defaultLapseDays, periodTables, type CustomerBridge, type PeriodTables } from "../core/periodTables";
import type { Period } from "../core/periods";
import { historiesFromSummaries } from "../core/prep/customerSummaries";
import { summarizeTransactions, type CustomerHistories, type TimeUnit } from "../core/prep/summarizeTransactions";
import { requireInRange } from "../core/validate";
import { cacPaybackMonths } from "../core/cacPaybackMonths";
import { churnRate, type ChurnMethod } from "../core/churnRate";
import { complaintRate } from "../core/complaintRate";
import { conversionRate } from "../core/conversionRate";
import { customerAcquisitionCost } from "../core/customerAcquisitionCost";
import { customerLifetimeValue } from "../core/customerLifetimeValue";
import { customerSatisfaction } from "../core/customerSatisfaction";
import { customerSatisfactionIndex } from "../core/customerSatisfactionIndex";
import { engagementScores } from "../core/engagementScores";
import { inactiveShareOf } from "../core/inactiveShare";
import { ltvToCac } from "../core/ltvToCac";
import { netPromoterScore } from "../core/netPromoterScore";
import type { CustomerGroups, CustomerId } from "../core/prep/groupCustomers";
import { purchaseFrequency } from "../core/purchaseFrequency";
import { repurchaseRateOf } from "../core/repurchaseRate";
import { retentionLifetimeValue } from "../core/retentionLifetimeValue";
import { retentionRate } from "../core/retentionRate";
import { summarizePurchases, type PurchaseSummary } from "../core/prep/summarizePurchases";
import { rfmFromMeasures, rfmFromSummary, rfmSegmentSummary, type RfmResult } from "../core/rfmAnalysis";
import { rfmScores, rfmSegment } from "../core/rfmScores";
import { label, segmentNames } from "../i18n/labels";
import { parseLocale, type Locale } from "../i18n/locale";
import { Call, run } from "./call";
import {
  asMatrix, isBlank, optionalChoice, optionalDate, optionalNumber, optionalScalar, rangeNumbers, requiredNumber, shapeOf, showShape, showValue,
} from "./coerce";
import { loadStoredDisplayLanguage } from "./displayLanguage";
import { elementwise } from "./elementwise";
import { alignToRows, readRecords, type ColumnSpec, type Records } from "./records";

// The user's language for messages, as the task pane recorded it (the runtime on Windows and Mac
// cannot ask Office); until it is read, messages come in English and Chinese.
void loadStoredDisplayLanguage();

// Signatures spell out unknown[][] and CustomFunctions.Invocation: the metadata generator reads the
// type text literally and does not resolve aliases.

function languageArgument(call: Call, value: unknown): Locale {
  const cell = optionalScalar(call, "language", value);
  if (cell === undefined) return call.locale;
  const locale = parseLocale(String(cell));
  return locale ?? call.fail("value", "badOption", "language", { value: showValue(cell), allowed: '"en-US", "zh-CN"' });
}

/** Reads a transaction table (one purchase per row: customers, then optionally dates and amounts) and summarises it per customer. */
function readPurchases(call: Call, columns: readonly ColumnSpec[], asOf: number | undefined): PurchaseSummary {
  return summarizePurchases({ ...purchaseColumns(readRecords(call, columns)), ...(asOf === undefined ? {} : { asOf }) });
}

/** A transaction table as read (customers numbered, then dates and amounts where given), as the core takes it. */
function purchaseColumns(records: Records): { groups: CustomerGroups; dates?: Float64Array; amounts?: Float64Array } {
  return {
    groups: records.columns[0] as CustomerGroups,
    ...(records.columns[1] === undefined ? {} : { dates: records.columns[1] as Float64Array }),
    ...(records.columns[2] === undefined ? {} : { amounts: records.columns[2] as Float64Array }),
  };
}

/**
 * Customer lifetime value: average order value × purchases per period × lifespan × gross margin; with a discount rate, the sum of each period's value discounted. =CX.CLV(100,4,5) is 2000. Ranges of equal size give one value per row.
 * @customfunction CLV
 * @param avg_order_value Average order value (revenue per order), in currency.
 * @param purchases_per_period Purchases per customer per period (e.g. 4 a year).
 * @param lifespan_periods Customer lifespan in the same periods (e.g. 5 years).
 * @param [gross_margin] Gross margin as a fraction, e.g. 0.4 or 40%. Default 1 (revenue CLV).
 * @param [discount_rate] Discount rate per period as a fraction, e.g. 0.1. Default 0 (no discounting).
 * @param invocation Invocation
 * @returns Lifetime value per customer, in currency.
 * @requiresParameterAddresses
 */
export function CLV(avg_order_value: unknown[][], purchases_per_period: unknown[][], lifespan_periods: unknown[][], gross_margin: unknown[][], discount_rate: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["avg_order_value", "purchases_per_period", "lifespan_periods", "gross_margin", "discount_rate"], invocation);
  return run(call, () =>
    elementwise(call, [
      { name: "avg_order_value", value: avg_order_value },
      { name: "purchases_per_period", value: purchases_per_period },
      { name: "lifespan_periods", value: lifespan_periods },
      { name: "gross_margin", value: gross_margin, optional: true },
      { name: "discount_rate", value: discount_rate, optional: true },
    ], ([aov, frequency, lifespan, margin, rate]) =>
      customerLifetimeValue({
        averageOrderValue: aov as number, purchasesPerPeriod: frequency as number, lifespanPeriods: lifespan as number,
        ...(margin === undefined ? {} : { grossMargin: margin }),
        ...(rate === undefined ? {} : { discountRate: rate }),
      })),
  );
}

/**
 * Retention-based lifetime value (Gupta-Lehmann): margin × retention / (1 + discount rate − retention). =CX.CLV_RETENTION(100,0.8,0.1) is 266.67.
 * @customfunction CLV_RETENTION
 * @param margin Margin per customer per period, in currency.
 * @param retention_rate Share of customers kept each period, as a fraction (e.g. 0.8).
 * @param [discount_rate] Discount rate per period as a fraction. Default 0.
 * @param invocation Invocation
 * @returns Lifetime value per customer, in currency.
 * @requiresParameterAddresses
 */
export function CLV_RETENTION(margin: unknown[][], retention_rate: unknown[][], discount_rate: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["margin", "retention_rate", "discount_rate"], invocation);
  return run(call, () =>
    elementwise(call, [
      { name: "margin", value: margin },
      { name: "retention_rate", value: retention_rate },
      { name: "discount_rate", value: discount_rate, optional: true },
    ], ([m, r, i]) => retentionLifetimeValue(m as number, r as number, i ?? 0)),
  );
}

const CHURN_METHODS: Readonly<Record<string, ChurnMethod>> = { start: "start", average: "average", avg: "average", 期初: "start", 平均: "average" };

/**
 * Customer churn rate, as a fraction: customers lost / customers at the start (method "start", the default) or / the average of start and end counts (method "average"). =CX.CHURN(1000,50) is 0.05.
 * @customfunction CHURN
 * @param customers_start Customers at the start of the period.
 * @param customers_lost Customers lost during the period (not counting those who joined and left inside it).
 * @param [customers_end] Customers at the end of the period; needed for method "average".
 * @param [method] "start" (default) or "average".
 * @param invocation Invocation
 * @returns Churn rate as a fraction; format the cell as a percentage.
 * @requiresParameterAddresses
 */
export function CHURN(customers_start: unknown[][], customers_lost: unknown[][], customers_end: unknown[][], method: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customers_start", "customers_lost", "customers_end", "method"], invocation);
  return run(call, () => {
    const chosen = optionalChoice(call, "method", method, CHURN_METHODS) ?? "start";
    return elementwise(call, [
      { name: "customers_start", value: customers_start },
      { name: "customers_lost", value: customers_lost },
      { name: "customers_end", value: customers_end, optional: true },
    ], ([start, lost, end]) => churnRate(start as number, lost as number, end, chosen));
  });
}

/**
 * Customer retention rate, as a fraction: (customers at the end − new customers) / customers at the start. =CX.RETENTION(1000,1050,150) is 0.9.
 * @customfunction RETENTION
 * @param customers_start Customers at the start of the period.
 * @param customers_end Customers at the end of the period.
 * @param new_customers New customers won during the period.
 * @param invocation Invocation
 * @returns Retention rate as a fraction; format the cell as a percentage.
 * @requiresParameterAddresses
 */
export function RETENTION(customers_start: unknown[][], customers_end: unknown[][], new_customers: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customers_start", "customers_end", "new_customers"], invocation);
  return run(call, () =>
    elementwise(call, [
      { name: "customers_start", value: customers_start },
      { name: "customers_end", value: customers_end },
      { name: "new_customers", value: new_customers },
    ], ([start, end, fresh]) => retentionRate(start as number, end as number, fresh as number)),
  );
}

type NpsOutput = "score" | "moe" | "se" | "breakdown";
const NPS_OUTPUTS: Readonly<Record<string, NpsOutput>> = {
  score: "score", nps: "score", moe: "moe", margin: "moe", se: "se", breakdown: "breakdown",
  得分: "score", 净推荐值: "score", 误差: "moe", 误差范围: "moe", 标准误: "se", 明细: "breakdown",
};

/**
 * Net Promoter Score from 0-10 answers: % promoters (9-10) − % detractors (0-6), from −100 to 100. Blank cells are skipped; other text or answers outside 0-10 are errors. Output "moe" gives the 95% margin of error, "breakdown" a labelled table.
 * @customfunction NPS
 * @param scores The survey answers, whole numbers 0-10 (blanks are skipped).
 * @param [output] "score" (default), "moe" (95% margin of error), "se" (standard error) or "breakdown" (table).
 * @param [language] Labels of the breakdown table: "en-US" or "zh-CN". Default: Office's language.
 * @param invocation Invocation
 * @returns The NPS, its margin of error, or a table.
 * @requiresParameterAddresses
 */
export function NPS(scores: unknown[][], output: unknown, language: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["scores", "output", "language"], invocation);
  return run(call, () => {
    const chosen = optionalChoice(call, "output", output, NPS_OUTPUTS) ?? "score";
    const locale = languageArgument(call, language);
    const result = netPromoterScore(rangeNumbers(call, "scores", scores, true).values);
    if (chosen === "score") return [[result.score]];
    if (chosen === "moe") return [[result.marginOfError]];
    if (chosen === "se") return [[result.standardError]];
    const n = result.answers;
    return [
      [label("group", locale), label("count", locale), label("share", locale)],
      [label("promoters", locale), result.promoters, result.promoters / n],
      [label("passives", locale), result.passives, result.passives / n],
      [label("detractors", locale), result.detractors, result.detractors / n],
      [label("answers", locale), n, 1],
      [label("nps", locale), result.score, ""],
      [label("standardError", locale), result.standardError, ""],
      [label("marginOfError", locale), result.marginOfError, ""],
      [label("npsLow", locale), result.score - result.marginOfError, ""],
      [label("npsHigh", locale), result.score + result.marginOfError, ""],
    ];
  });
}

/**
 * Customer satisfaction (CSAT), as a fraction: the share of answers in the top boxes of the scale (4-5 on a 1-5 scale). Blank cells are skipped. 10 answers, 7 of them 4 or 5, give 0.7.
 * @customfunction CSAT
 * @param scores The survey answers, whole numbers from 1 to scale_max (blanks are skipped).
 * @param [scale_max] Top of the answer scale. Default 5.
 * @param [top_boxes] How many top answers count as satisfied. Default 2 (4 and 5 on a 1-5 scale).
 * @param invocation Invocation
 * @returns CSAT as a fraction; format the cell as a percentage.
 * @requiresParameterAddresses
 */
export function CSAT(scores: unknown[][], scale_max: unknown, top_boxes: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["scores", "scale_max", "top_boxes"], invocation);
  return run(call, () => {
    const scaleMax = optionalNumber(call, "scale_max", scale_max) ?? 5;
    const topBoxes = optionalNumber(call, "top_boxes", top_boxes) ?? 2;
    return [[customerSatisfaction(rangeNumbers(call, "scores", scores, true).values, scaleMax, topBoxes)]];
  });
}

/**
 * Customer satisfaction index (CSI) on 0-100: the mean of 1-10 answers, optionally weighted by importance, rescaled as (mean − 1) / 9 × 100. Blank answers are skipped.
 * @customfunction CSI
 * @param scores Answers on a 1-10 scale; one column per question (attribute) is fine.
 * @param [weights] Importance weights: one per answer (same size as scores), or one per column of scores, or one per row.
 * @param invocation Invocation
 * @returns CSI from 0 to 100.
 * @requiresParameterAddresses
 */
export function CSI(scores: unknown[][], weights: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["scores", "weights"], invocation);
  return run(call, () => {
    const answers = rangeNumbers(call, "scores", scores, true);
    if (optionalScalarOrRange(weights) === undefined) return [[customerSatisfactionIndex(answers.values)]];
    return [[customerSatisfactionIndex(answers.values, answerWeights(call, scores, weights, answers.sourceIndex))]];
  });
}

/** A weights argument is omitted when Excel passes nothing or a single blank. */
function optionalScalarOrRange(value: unknown): unknown {
  const matrix = asMatrix(value);
  const { rows, columns } = shapeOf(matrix);
  return rows * columns === 0 || (rows * columns === 1 && isBlank(matrix[0]?.[0])) ? undefined : value;
}

/** One weight per kept answer, from weights given per answer, per column or per row of the scores. */
function answerWeights(call: Call, scores: unknown[][], weights: unknown[][], sourceIndex: Int32Array | undefined): Float64Array {
  const scoreShape = shapeOf(asMatrix(scores));
  const given = rangeNumbers(call, "weights", weights, false).values;
  const weightShape = shapeOf(asMatrix(weights));
  let weightOf: (rangeIndex: number) => number;
  if (weightShape.rows === scoreShape.rows && weightShape.columns === scoreShape.columns) weightOf = (k) => given[k] as number;
  // A row of weights goes with the columns (questions), a column of weights with the rows (respondents).
  else if (weightShape.rows === 1 && weightShape.columns === scoreShape.columns) weightOf = (k) => given[k % scoreShape.columns] as number;
  else if (weightShape.columns === 1 && weightShape.rows === scoreShape.rows) weightOf = (k) => given[Math.floor(k / scoreShape.columns)] as number;
  else return call.fail("value", "shapeMismatch", "weights", { shape: showShape(asMatrix(weights)), other: "scores", otherShape: showShape(asMatrix(scores)) });
  const count = sourceIndex?.length ?? scoreShape.rows * scoreShape.columns;
  return Float64Array.from({ length: count }, (_, i) => weightOf(sourceIndex === undefined ? i : (sourceIndex[i] as number)));
}

/**
 * Customer acquisition cost: marketing and sales spend / new customers. =CX.CAC(100000,200) is 500. Give a column of spend and one of new customers to get CAC per channel.
 * @customfunction CAC
 * @param spend Marketing and sales spend in the period, in currency.
 * @param new_customers New customers won in the period.
 * @param invocation Invocation
 * @returns Cost per new customer, in currency.
 * @requiresParameterAddresses
 */
export function CAC(spend: unknown[][], new_customers: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["spend", "new_customers"], invocation);
  return run(call, () =>
    elementwise(call, [{ name: "spend", value: spend }, { name: "new_customers", value: new_customers }],
      ([s, n]) => customerAcquisitionCost(s as number, n as number)),
  );
}

/**
 * LTV:CAC ratio: customer lifetime value / acquisition cost. 3 or more is the usual healthy mark. =CX.LTV_CAC(1500,500) is 3.
 * @customfunction LTV_CAC
 * @param clv Customer lifetime value, in currency.
 * @param cac Customer acquisition cost, in currency.
 * @param invocation Invocation
 * @returns The ratio (times).
 * @requiresParameterAddresses
 */
export function LTV_CAC(clv: unknown[][], cac: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["clv", "cac"], invocation);
  return run(call, () =>
    elementwise(call, [{ name: "clv", value: clv }, { name: "cac", value: cac }], ([v, c]) => ltvToCac(v as number, c as number)),
  );
}

/**
 * CAC payback period in months: acquisition cost / (monthly revenue per customer × gross margin). =CX.CAC_PAYBACK(500,100,0.5) is 10.
 * @customfunction CAC_PAYBACK
 * @param cac Customer acquisition cost, in currency.
 * @param monthly_revenue_per_customer Revenue per customer per month, in currency.
 * @param [gross_margin] Gross margin as a fraction, e.g. 0.4. Default 1.
 * @param invocation Invocation
 * @returns Months to earn back the acquisition cost.
 * @requiresParameterAddresses
 */
export function CAC_PAYBACK(cac: unknown[][], monthly_revenue_per_customer: unknown[][], gross_margin: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["cac", "monthly_revenue_per_customer", "gross_margin"], invocation);
  return run(call, () =>
    elementwise(call, [
      { name: "cac", value: cac },
      { name: "monthly_revenue_per_customer", value: monthly_revenue_per_customer },
      { name: "gross_margin", value: gross_margin, optional: true },
    ], ([c, revenue, margin]) => cacPaybackMonths(c as number, revenue as number, margin ?? 1)),
  );
}

/**
 * Average order value: revenue / orders. =CX.AOV(50000,400) is 125.
 * @customfunction AOV
 * @param revenue Revenue in the period, in currency.
 * @param orders Number of orders in the period.
 * @param invocation Invocation
 * @returns Revenue per order, in currency.
 * @requiresParameterAddresses
 */
export function AOV(revenue: unknown[][], orders: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["revenue", "orders"], invocation);
  return run(call, () =>
    elementwise(call, [{ name: "revenue", value: revenue }, { name: "orders", value: orders }], ([r, o]) => averageOrderValue(r as number, o as number)),
  );
}

/**
 * Conversion rate, as a fraction: converted prospects / prospects. =CX.CONVERSION(30,1200) is 0.025.
 * @customfunction CONVERSION
 * @param converted Prospects who became customers.
 * @param prospects All prospects in the period.
 * @param invocation Invocation
 * @returns Conversion rate as a fraction; format the cell as a percentage.
 * @requiresParameterAddresses
 */
export function CONVERSION(converted: unknown[][], prospects: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["converted", "prospects"], invocation);
  return run(call, () =>
    elementwise(call, [{ name: "converted", value: converted }, { name: "prospects", value: prospects }], ([c, p]) => conversionRate(c as number, p as number)),
  );
}

/**
 * Complaint rate, as a fraction: complaints / customers (or orders) in the period. =CX.COMPLAINT_RATE(12,800) is 0.015.
 * @customfunction COMPLAINT_RATE
 * @param complaints Complaints received in the period.
 * @param base Customers (or orders) in the period.
 * @param invocation Invocation
 * @returns Complaint rate as a fraction; format the cell as a percentage.
 * @requiresParameterAddresses
 */
export function COMPLAINT_RATE(complaints: unknown[][], base: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["complaints", "base"], invocation);
  return run(call, () =>
    elementwise(call, [{ name: "complaints", value: complaints }, { name: "base", value: base }], ([c, b]) => complaintRate(c as number, b as number)),
  );
}

/**
 * Purchase frequency: purchases / customers / periods. =CX.PURCHASE_FREQUENCY(2400,600,12) is 0.33 purchases per customer per month.
 * @customfunction PURCHASE_FREQUENCY
 * @param purchases Purchases in the whole time span.
 * @param customers Customers who bought.
 * @param [periods] Number of periods the span covers (e.g. 12 months). Default 1.
 * @param invocation Invocation
 * @returns Purchases per customer per period.
 * @requiresParameterAddresses
 */
export function PURCHASE_FREQUENCY(purchases: unknown[][], customers: unknown[][], periods: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["purchases", "customers", "periods"], invocation);
  return run(call, () =>
    elementwise(call, [
      { name: "purchases", value: purchases },
      { name: "customers", value: customers },
      { name: "periods", value: periods, optional: true },
    ], ([p, c, n]) => purchaseFrequency(p as number, c as number, n ?? 1)),
  );
}

/**
 * Repurchase rate, as a fraction: customers with two or more purchases / customers with at least one, from a transaction table's customer column (one row per purchase). Fully blank rows are skipped.
 * @customfunction REPURCHASE_RATE
 * @param customer_ids The customer id of each purchase (text or numbers; case and spaces ignored).
 * @param invocation Invocation
 * @returns Repurchase rate as a fraction; format the cell as a percentage.
 * @requiresParameterAddresses
 */
export function REPURCHASE_RATE(customer_ids: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids"], invocation);
  return run(call, () => {
    return [[repurchaseRateOf(readPurchases(call, [{ name: "customer_ids", value: customer_ids, kind: "customer" }], undefined))]];
  });
}

/**
 * Inactive-customer share, as a fraction: customers whose last purchase is more than `days` days before the as-of date / all customers who had bought by then. Purchases after the as-of date are ignored.
 * @customfunction INACTIVE_SHARE
 * @param customer_ids The customer id of each purchase.
 * @param dates The date of each purchase (date cells or text such as 2024-03-31).
 * @param as_of The report date.
 * @param [days] Days without a purchase after which a customer counts as inactive. Default 180.
 * @param invocation Invocation
 * @returns Share of inactive customers as a fraction.
 * @requiresParameterAddresses
 */
export function INACTIVE_SHARE(customer_ids: unknown[][], dates: unknown[][], as_of: unknown, days: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "dates", "as_of", "days"], invocation);
  return run(call, () => {
    const asOf = optionalDate(call, "as_of", as_of) ?? call.fail("na", "blankValue", "as_of", {});
    const threshold = optionalNumber(call, "days", days) ?? 180;
    const purchases = readPurchases(call, [
      { name: "customer_ids", value: customer_ids, kind: "customer" },
      { name: "dates", value: dates, kind: "date" },
    ], asOf);
    return [[inactiveShareOf(purchases, asOf, threshold)]];
  });
}

/**
 * Customer engagement score 0-100 for each customer: every measure (visits, interactions, usage…) is scaled 0-1 between its lowest and highest customer, then averaged with the weights and × 100. Spills one score per row.
 * @customfunction ENGAGEMENT
 * @param measures One row per customer, one column per measure.
 * @param [weights] One weight per measure (a row or column). Default: equal weights.
 * @param invocation Invocation
 * @returns One engagement score per customer, 0 to 100.
 * @requiresParameterAddresses
 */
export function ENGAGEMENT(measures: unknown[][], weights: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["measures", "weights"], invocation);
  return run(call, () => {
    const records = readRecords(call, [{ name: "measures", value: measures, kind: "number", wide: true }]);
    const measureCount = records.widths[0] as number;
    let weightValues: Float64Array | undefined;
    if (optionalScalarOrRange(weights) !== undefined) {
      weightValues = rangeNumbers(call, "weights", weights, false).values;
      if (weightValues.length !== measureCount) {
        call.fail("value", "countMismatch", "weights", { count: weightValues.length, expected: measureCount, per: label("measure", call.locale).toLowerCase() });
      }
    }
    const scores = engagementScores({
      measures: records.columns[0] as Float64Array, customers: records.keptRows.length, measureCount,
      ...(weightValues === undefined ? {} : { weights: weightValues }),
    });
    return alignToRows(records, Array.from(scores, (score) => [score]), 1);
  });
}

/**
 * RFM analysis of a transaction table: per customer recency (days), frequency, monetary value, the R, F and M scores 1-5 (quintiles, ties kept together), the RFM code and the segment. Spills a table with a header row.
 * @customfunction RFM
 * @param customer_ids The customer id of each purchase.
 * @param dates The date of each purchase.
 * @param amounts The amount of each purchase (not negative).
 * @param [as_of] The report date. Default: the day after the last purchase (never today, so the report does not change overnight).
 * @param [language] Segment names and headers: "en-US" or "zh-CN". Default: Office's language.
 * @param invocation Invocation
 * @returns A table: customer, recency, frequency, monetary, R, F, M, RFM code, segment.
 * @requiresParameterAddresses
 */
export function RFM(customer_ids: unknown[][], dates: unknown[][], amounts: unknown[][], as_of: unknown, language: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "dates", "amounts", "as_of", "language"], invocation);
  return run(call, () => {
    const { result, locale } = readRfm(call, customer_ids, dates, amounts, as_of, language);
    const table: unknown[][] = new Array<unknown[]>(result.customers.length + 1);
    table[0] = (["customer", "recencyDays", "frequency", "monetary", "rScore", "fScore", "mScore", "rfmCode", "segment"] as const).map((key) => label(key, locale));
    const { scores } = result;
    for (let i = 0; i < result.customers.length; i++) {
      table[i + 1] = [
        result.customers[i], result.recencyDays[i], result.frequency[i], result.monetary[i],
        scores.recency[i], scores.frequency[i], scores.monetary[i], scores.code[i],
        segmentNames[result.segments[i] as keyof typeof segmentNames][locale],
      ];
    }
    return table;
  });
}

/** The arguments RFM and RFM_SUMMARY share: a transaction table, an as-of date and a language. */
function readRfm(call: Call, customer_ids: unknown, dates: unknown, amounts: unknown, as_of: unknown, language: unknown): { result: RfmResult; locale: Locale } {
  const locale = languageArgument(call, language);
  const asOf = optionalDate(call, "as_of", as_of);
  const purchases = readPurchases(call, [
    { name: "customer_ids", value: customer_ids, kind: "customer" },
    { name: "dates", value: dates, kind: "date" },
    { name: "amounts", value: amounts, kind: "number" },
  ], asOf);
  return { result: rfmFromSummary(purchases, asOf), locale };
}

/**
 * Customers and revenue per RFM segment of a transaction table: every segment of the 10-segment map (and Others) with its number of customers, their share, the segment's revenue and its share. Spills a table with a header row, always 12 rows, ready for a chart.
 * @customfunction RFM_SUMMARY
 * @param customer_ids The customer id of each purchase.
 * @param dates The date of each purchase.
 * @param amounts The amount of each purchase (not negative).
 * @param [as_of] The report date. Default: the day after the last purchase (never today, so the report does not change overnight).
 * @param [language] Segment names and headers: "en-US" or "zh-CN". Default: Office's language.
 * @param invocation Invocation
 * @returns A table: segment, customers, share of customers, revenue, share of revenue.
 * @requiresParameterAddresses
 */
export function RFM_SUMMARY(customer_ids: unknown[][], dates: unknown[][], amounts: unknown[][], as_of: unknown, language: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "dates", "amounts", "as_of", "language"], invocation);
  return run(call, () => {
    const { result, locale } = readRfm(call, customer_ids, dates, amounts, as_of, language);
    return segmentTable(result, locale);
  });
}

/** The 12-row segment table RFM_SUMMARY and RFM_SEGMENT_SUMMARY spill: segment, customers, share, revenue, share of revenue. */
function segmentTable(result: Pick<RfmResult, "segments" | "monetary">, locale: Locale): unknown[][] {
  const summary = rfmSegmentSummary(result);
  const customerTotal = result.segments.length;
  const revenueTotal = summary.revenue.reduce((total, value) => total + value, 0);
  const table: unknown[][] = [(["segment", "customers", "share", "revenue", "revenueShare"] as const).map((key) => label(key, locale))];
  summary.segments.forEach((segment, i) => {
    const customers = summary.customers[i] as number;
    const revenue = summary.revenue[i] as number;
    // A table with no revenue at all (every amount 0) has no revenue shares: 0 of 0 is shown as 0. A
    // total that overflowed has none either: NaN, which the cell shows as #NUM!, not a silent 0.
    table.push([segmentNames[segment][locale], customers, customers / customerTotal, revenue, revenueTotal === 0 ? 0 : Number.isFinite(revenueTotal) ? revenue / revenueTotal : NaN]);
  });
  return table;
}

/**
 * Customers and revenue per RFM segment from per-customer summaries (a database query's table, such as sql/customer_summary.sql gives): the table CX.RFM_SUMMARY gives from the transactions they summarise. Spills 12 rows with a header.
 * @customfunction RFM_SEGMENT_SUMMARY
 * @param recency Days since each customer's last purchase.
 * @param frequency Each customer's number of purchases.
 * @param monetary Each customer's total spend.
 * @param [language] Segment names and headers: "en-US" or "zh-CN". Default: Office's language.
 * @param invocation Invocation
 * @returns A table: segment, customers, share of customers, revenue, share of revenue.
 * @requiresParameterAddresses
 */
export function RFM_SEGMENT_SUMMARY(recency: unknown[][], frequency: unknown[][], monetary: unknown[][], language: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["recency", "frequency", "monetary", "language"], invocation);
  return run(call, () => {
    const locale = languageArgument(call, language);
    const records = readRecords(call, [
      { name: "recency", value: recency, kind: "number" },
      { name: "frequency", value: frequency, kind: "number" },
      { name: "monetary", value: monetary, kind: "number" },
    ]);
    return segmentTable(rfmFromMeasures(records.columns[0] as Float64Array, records.columns[1] as Float64Array, records.columns[2] as Float64Array), locale);
  });
}

/**
 * RFM scores from per-customer summaries you already have: R, F and M scores 1-5 (quintiles across the customers, ties kept together) and the RFM code, one row per customer, lined up with the input rows.
 * @customfunction RFM_SCORES
 * @param recency Days since each customer's last purchase.
 * @param frequency Each customer's number of purchases.
 * @param monetary Each customer's total spend.
 * @param invocation Invocation
 * @returns Four columns per customer: R, F, M, RFM code.
 * @requiresParameterAddresses
 */
export function RFM_SCORES(recency: unknown[][], frequency: unknown[][], monetary: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["recency", "frequency", "monetary"], invocation);
  return run(call, () => {
    const records = readRecords(call, [
      { name: "recency", value: recency, kind: "number" },
      { name: "frequency", value: frequency, kind: "number" },
      { name: "monetary", value: monetary, kind: "number" },
    ]);
    const scores = rfmScores(records.columns[0] as Float64Array, records.columns[1] as Float64Array, records.columns[2] as Float64Array);
    const rows = Array.from(scores.code, (code, i) => [scores.recency[i], scores.frequency[i], scores.monetary[i], code]);
    return alignToRows(records, rows, 4);
  });
}

/**
 * The RFM segment (Champions, Loyal Customers, At Risk, …) of R, F and M scores 1-5, by the 10-segment map. Ranges of equal size give one segment per row.
 * @customfunction RFM_SEGMENT
 * @param r Recency score, 1-5.
 * @param f Frequency score, 1-5.
 * @param m Monetary score, 1-5.
 * @param [language] "en-US" or "zh-CN". Default: Office's language.
 * @param invocation Invocation
 * @returns The segment name.
 * @requiresParameterAddresses
 */
export function RFM_SEGMENT(r: unknown[][], f: unknown[][], m: unknown[][], language: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["r", "f", "m", "language"], invocation);
  return run(call, () => {
    const locale = languageArgument(call, language);
    return elementwise(call, [{ name: "r", value: r }, { name: "f", value: f }, { name: "m", value: m }],
      ([rs, fs, ms]) => segmentNames[rfmSegment(rs as number, fs as number, ms as number)][locale]);
  });
}

const TIME_UNITS: Readonly<Record<string, TimeUnit>> = {
  weeks: "weeks", week: "weeks", days: "days", day: "days", months: "months", month: "months", 周: "weeks", 天: "days", 日: "days", 月: "months",
};

/** Reads a transaction table and summarises each customer as the BG/NBD and Gamma-Gamma models take it. */
function readHistories(call: Call, customer_ids: unknown, dates: unknown, amounts: unknown, asOf: number | undefined, timeUnit: TimeUnit): CustomerHistories {
  const records = readRecords(call, [
    { name: "customer_ids", value: customer_ids, kind: "id" },
    { name: "dates", value: dates, kind: "date" },
    { name: "amounts", value: amounts, kind: "number" },
  ]);
  return summarizeTransactions({
    customerIds: records.columns[0] as CustomerId[],
    dates: records.columns[1] as Float64Array,
    amounts: records.columns[2] as Float64Array,
    timeUnit,
    ...(asOf === undefined ? {} : { asOf }),
  });
}

/** Reads a transaction table and fits both lifetime-value models to it (#NUM! when either cannot be fitted). */
function readAndFit(call: Call, customer_ids: unknown, dates: unknown, amounts: unknown, asOf: number | undefined, timeUnit: TimeUnit): {
  histories: CustomerHistories;
  purchases: ReturnType<typeof fitBgNbd>;
  spend: ReturnType<typeof fitGammaGamma>;
} {
  const histories = readHistories(call, customer_ids, dates, amounts, asOf, timeUnit);
  return { histories, ...fitModels(histories) };
}

/**
 * Fits the probabilistic lifetime-value models to a transaction table: BG/NBD (who is still buying, and how often) and Gamma-Gamma (how much per purchase). Spills a labelled table of the parameters, log-likelihoods, customers, repeat buyers and how each model was fitted: "maximum likelihood", or "penalised 0.001" (and so on) where small data put the maximum on a boundary (forecasts then lean towards the average customer, more so the larger the penalty). Matches the published CDNOW fits.
 * @customfunction CLV_FIT
 * @param customer_ids The customer id of each purchase.
 * @param dates The date of each purchase.
 * @param amounts The amount of each purchase (not negative).
 * @param [as_of] End of the observation period. Default: the last purchase date.
 * @param [time_unit] "weeks" (default), "days" or "months": the unit of the fitted rate parameters.
 * @param invocation Invocation
 * @returns A two-column table: parameter, value.
 * @requiresParameterAddresses
 */
export function CLV_FIT(customer_ids: unknown[][], dates: unknown[][], amounts: unknown[][], as_of: unknown, time_unit: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "dates", "amounts", "as_of", "time_unit"], invocation);
  return run(call, () => {
    const unit = optionalChoice(call, "time_unit", time_unit, TIME_UNITS) ?? "weeks";
    const { purchases, spend } = readAndFit(call, customer_ids, dates, amounts, optionalDate(call, "as_of", as_of), unit);
    return fitTable(call, purchases, spend, unit);
  });
}

/** The two-column table CLV_FIT and CLV_FIT_SUMMARY spill: parameters, log-likelihoods, customers, unit, convergence. */
function fitTable(call: Call, purchases: ReturnType<typeof fitBgNbd>, spend: ReturnType<typeof fitGammaGamma>, unit: TimeUnit): unknown[][] {
  const l = (key: Parameters<typeof label>[0]): string => label(key, call.locale);
  return [
    [l("parameter"), l("value")],
    ["BG/NBD r", purchases.parameters.r],
    ["BG/NBD alpha", purchases.parameters.alpha],
    ["BG/NBD a", purchases.parameters.a],
    ["BG/NBD b", purchases.parameters.b],
    [l("bgNbdLogLikelihood"), purchases.logLikelihood],
    ["Gamma-Gamma p", spend.parameters.p],
    ["Gamma-Gamma q", spend.parameters.q],
    ["Gamma-Gamma v", spend.parameters.v],
    [l("gammaGammaLogLikelihood"), spend.logLikelihood],
    [l("customers"), purchases.customers],
    [l("repeatBuyers"), purchases.repeatBuyers],
    [l("timeUnit"), l(unit)],
    [l("converged"), purchases.converged && spend.converged],
    // How each model was fitted: at the likelihood's maximum, or penalised where that lies on a boundary
    [l("bgNbdFit"), fitKind(purchases.penalty, call.locale)],
    [l("gammaGammaFit"), fitKind(spend.penalty, call.locale)],
  ];
}

/** A fit's kind as the table says it: "maximum likelihood", or "penalised 0.001" (lifetimes' penalizer_coef). */
function fitKind(penalty: number, locale: Locale): string {
  return penalty === 0 ? label("maximumLikelihood", locale) : `${label("penalised", locale)} ${penalty}`;
}

/**
 * Probabilistic customer lifetime value for each customer: fits BG/NBD and Gamma-Gamma to the transactions, then forecasts each customer's chance of still being active, purchases and spend over the horizon, and the discounted margin (CLV). Spills one row per customer with a header.
 * @customfunction CLV_PREDICT
 * @param customer_ids The customer id of each purchase.
 * @param dates The date of each purchase.
 * @param amounts The amount of each purchase (not negative).
 * @param horizon_months How many months ahead to forecast (e.g. 12).
 * @param [discount_rate] Discount rate per month as a fraction (e.g. 0.01). Default 0.
 * @param [gross_margin] Gross margin as a fraction. Default 1 (revenue).
 * @param [as_of] End of the observation period. Default: the last purchase date.
 * @param invocation Invocation
 * @returns customer, x, t_x, T (weeks), P(alive), expected purchases, expected spend per purchase, CLV.
 * @requiresParameterAddresses
 */
export function CLV_PREDICT(customer_ids: unknown[][], dates: unknown[][], amounts: unknown[][], horizon_months: unknown, discount_rate: unknown, gross_margin: unknown, as_of: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "dates", "amounts", "horizon_months", "discount_rate", "gross_margin", "as_of"], invocation);
  return run(call, () => {
    const horizon = requiredNumber(call, "horizon_months", horizon_months);
    const rate = optionalNumber(call, "discount_rate", discount_rate) ?? 0;
    const margin = optionalNumber(call, "gross_margin", gross_margin) ?? 1;
    const { histories, purchases, spend } = readAndFit(call, customer_ids, dates, amounts, optionalDate(call, "as_of", as_of), "weeks");
    return forecastTable(call, histories, purchases.parameters, spend.parameters, { horizonMonths: horizon, monthlyDiscountRate: rate, grossMargin: margin });
  });
}

/** The per-customer table CLV_PREDICT and CLV_PREDICT_SUMMARY spill. */
function forecastTable(call: Call, histories: CustomerHistories, purchases: ReturnType<typeof fitBgNbd>["parameters"], spend: ReturnType<typeof fitGammaGamma>["parameters"], options: Parameters<typeof forecastCustomerValue>[3]): unknown[][] {
  const forecast = forecastCustomerValue(histories, purchases, spend, options);
  const table: unknown[][] = [
    (["customer", "repeatPurchases", "lastPurchaseTime", "customerAge", "probabilityAlive", "expectedPurchases", "expectedSpend", "clv"] as const).map((key) => label(key, call.locale)),
  ];
  histories.customers.forEach((customer, i) => {
    table.push([
      customer, histories.frequency[i], histories.recency[i], histories.age[i],
      forecast.probabilityAlive[i], forecast.expectedPurchases[i], forecast.expectedSpend[i], forecast.lifetimeValue[i],
    ]);
  });
  return table;
}

/** Reads per-customer summaries (one row each) as the fits take them. */
function readSummaries(call: Call, args: { customer_ids?: unknown; frequency: unknown; recency: unknown; age: unknown; monetary: unknown }, timeUnit: TimeUnit): CustomerHistories {
  const withIds = args.customer_ids !== undefined;
  const records = readRecords(call, [
    ...(withIds ? [{ name: "customer_ids", value: args.customer_ids, kind: "id" as const }] : []),
    { name: "frequency", value: args.frequency, kind: "number" },
    { name: "recency", value: args.recency, kind: "number" },
    { name: "age", value: args.age, kind: "number" },
    { name: "monetary", value: args.monetary, kind: "number" },
  ]);
  const [frequency, recency, age, monetary] = records.columns.slice(withIds ? 1 : 0) as Float64Array[];
  return historiesFromSummaries({
    ...(withIds ? { customers: records.columns[0] as CustomerId[] } : {}),
    frequency: frequency as Float64Array, recency: recency as Float64Array, age: age as Float64Array, monetary: monetary as Float64Array, timeUnit,
  });
}

/** Fits both lifetime-value models to customers' histories (#NUM! when either cannot be fitted). */
function fitModels(histories: CustomerHistories): { purchases: ReturnType<typeof fitBgNbd>; spend: ReturnType<typeof fitGammaGamma> } {
  return { purchases: fitBgNbd(histories), spend: fitGammaGamma({ frequency: histories.frequency, meanSpend: histories.meanRepeatSpend }) };
}

/**
 * The fit of CX.CLV_FIT from per-customer summaries instead of transactions (a summary table a database query loads): BG/NBD and Gamma-Gamma on each customer's repeat purchases (frequency), time of the last purchase (recency), age (T) and mean repeat spend (monetary), lifetimes' convention. Spills the same table as CX.CLV_FIT.
 * @customfunction CLV_FIT_SUMMARY
 * @param frequency Each customer's repeat purchases x (purchase days − 1).
 * @param recency Each customer's time from the first to the last purchase (t_x), in time_unit.
 * @param age Each customer's time from the first purchase to the end of observation (T), in time_unit.
 * @param monetary Each customer's mean spend on repeat purchase days (0 without repeats).
 * @param [time_unit] The unit of recency and age: "weeks" (default), "days" or "months".
 * @param invocation Invocation
 * @returns A two-column table: parameter, value.
 * @requiresParameterAddresses
 */
export function CLV_FIT_SUMMARY(frequency: unknown[][], recency: unknown[][], age: unknown[][], monetary: unknown[][], time_unit: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["frequency", "recency", "age", "monetary", "time_unit"], invocation);
  return run(call, () => {
    const unit = optionalChoice(call, "time_unit", time_unit, TIME_UNITS) ?? "weeks";
    const { purchases, spend } = fitModels(readSummaries(call, { frequency, recency, age, monetary }, unit));
    return fitTable(call, purchases, spend, unit);
  });
}

/**
 * Probabilistic CLV per customer from per-customer summaries (a summary table a database query loads): fits BG/NBD and Gamma-Gamma as CX.CLV_FIT_SUMMARY does, then forecasts as CX.CLV_PREDICT does. Spills one row per customer with a header.
 * @customfunction CLV_PREDICT_SUMMARY
 * @param customer_ids Each customer's id, one row per customer.
 * @param frequency Each customer's repeat purchases x.
 * @param recency Each customer's time from the first to the last purchase (t_x), in time_unit.
 * @param age Each customer's time from the first purchase to the end of observation (T), in time_unit.
 * @param monetary Each customer's mean spend on repeat purchase days (0 without repeats).
 * @param horizon_months How many months ahead to forecast (e.g. 12).
 * @param [discount_rate] Discount rate per month as a fraction (e.g. 0.01). Default 0.
 * @param [gross_margin] Gross margin as a fraction. Default 1 (revenue).
 * @param [time_unit] The unit of recency and age: "weeks" (default), "days" or "months".
 * @param invocation Invocation
 * @returns customer, x, t_x, T, P(alive), expected purchases, expected spend per purchase, CLV.
 * @requiresParameterAddresses
 */
export function CLV_PREDICT_SUMMARY(customer_ids: unknown[][], frequency: unknown[][], recency: unknown[][], age: unknown[][], monetary: unknown[][], horizon_months: unknown, discount_rate: unknown, gross_margin: unknown, time_unit: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "frequency", "recency", "age", "monetary", "horizon_months", "discount_rate", "gross_margin", "time_unit"], invocation);
  return run(call, () => {
    const horizon = requiredNumber(call, "horizon_months", horizon_months);
    const rate = optionalNumber(call, "discount_rate", discount_rate) ?? 0;
    const margin = optionalNumber(call, "gross_margin", gross_margin) ?? 1;
    const unit = optionalChoice(call, "time_unit", time_unit, TIME_UNITS) ?? "weeks";
    const histories = readSummaries(call, { customer_ids, frequency, recency, age, monetary }, unit);
    const { purchases, spend } = fitModels(histories);
    return forecastTable(call, histories, purchases.parameters, spend.parameters, { horizonMonths: horizon, monthlyDiscountRate: rate, grossMargin: margin });
  });
}

/**
 * Early warning: the valuable customers most likely to be lost, ranked by expected value at risk = (1 − P(alive)) × historical value, with P(alive) from the BG/NBD model fitted to the transactions (as CX.CLV_FIT fits it). Spills a header and the top customers.
 * @customfunction AT_RISK
 * @param customer_ids The customer id of each purchase.
 * @param dates The date of each purchase.
 * @param amounts The amount of each purchase (not negative).
 * @param [top] How many customers to list. Default 10.
 * @param [as_of] End of the observation period. Default: the last purchase date.
 * @param [language] Headers: "en-US" or "zh-CN". Default: Office's language.
 * @param invocation Invocation
 * @returns customer, historical value, P(alive), value at risk; the largest value at risk first.
 * @requiresParameterAddresses
 */
export function AT_RISK(customer_ids: unknown[][], dates: unknown[][], amounts: unknown[][], top: unknown, as_of: unknown, language: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "dates", "amounts", "top", "as_of", "language"], invocation);
  return run(call, () => {
    const locale = languageArgument(call, language);
    const count = optionalNumber(call, "top", top) ?? 10;
    // Only the purchase model: the spend model (Gamma-Gamma) plays no part in the value at risk.
    const histories = readHistories(call, customer_ids, dates, amounts, optionalDate(call, "as_of", as_of), "weeks");
    const purchases = fitBgNbd(histories);
    const header = (["customer", "historicalValue", "probabilityAlive", "valueAtRisk"] as const).map((key) => label(key, locale));
    return [header, ...customersAtRisk(histories, purchases.parameters, count).map((c) => [histories.customers[c.index], c.historicalValue, c.probabilityAlive, c.valueAtRisk])];
  });
}

/**
 * Probability that a customer is still active (BG/NBD), from their repeat purchases x, last purchase time t_x and age T, and fitted parameters (e.g. from CX.CLV_FIT). Ranges of equal size give one value per row.
 * @customfunction P_ALIVE
 * @param x Repeat purchases (purchases after the first).
 * @param t_x Time of the last purchase, counted from the first, in the model's time unit.
 * @param T Time from the first purchase to the end of observation, same unit.
 * @param r BG/NBD r.
 * @param alpha BG/NBD alpha (same time unit).
 * @param a BG/NBD a.
 * @param b BG/NBD b.
 * @param invocation Invocation
 * @returns Probability from 0 to 1.
 * @requiresParameterAddresses
 */
export function P_ALIVE(x: unknown[][], t_x: unknown[][], T: unknown[][], r: unknown[][], alpha: unknown[][], a: unknown[][], b: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["x", "t_x", "T", "r", "alpha", "a", "b"], invocation);
  return run(call, () =>
    elementwise(call, [
      { name: "x", value: x }, { name: "t_x", value: t_x }, { name: "T", value: T },
      { name: "r", value: r }, { name: "alpha", value: alpha }, { name: "a", value: a }, { name: "b", value: b },
    ], ([xs, txs, Ts, rs, alphas, as, bs]) => {
      const parameters = { r: rs as number, alpha: alphas as number, a: as as number, b: bs as number };
      requireHistoryAndParameters(xs as number, txs as number, Ts as number, parameters);
      return probabilityAlive(parameters, xs as number, txs as number, Ts as number);
    }),
  );
}

/**
 * Expected purchases in the next t time units of a customer with repeat purchases x, last purchase t_x and age T, under BG/NBD with the given parameters (e.g. from CX.CLV_FIT). Ranges of equal size give one value per row.
 * @customfunction EXPECTED_PURCHASES
 * @param t Forecast horizon, in the model's time unit.
 * @param x Repeat purchases (purchases after the first).
 * @param t_x Time of the last purchase, counted from the first.
 * @param T Time from the first purchase to the end of observation.
 * @param r BG/NBD r.
 * @param alpha BG/NBD alpha.
 * @param a BG/NBD a.
 * @param b BG/NBD b.
 * @param invocation Invocation
 * @returns Expected number of purchases.
 * @requiresParameterAddresses
 */
export function EXPECTED_PURCHASES(t: unknown[][], x: unknown[][], t_x: unknown[][], T: unknown[][], r: unknown[][], alpha: unknown[][], a: unknown[][], b: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["t", "x", "t_x", "T", "r", "alpha", "a", "b"], invocation);
  // Customers of one history get one answer, computed once (the series behind it is the costly part).
  const known = new Map<string, number>();
  return run(call, () =>
    elementwise(call, [
      { name: "t", value: t }, { name: "x", value: x }, { name: "t_x", value: t_x }, { name: "T", value: T },
      { name: "r", value: r }, { name: "alpha", value: alpha }, { name: "a", value: a }, { name: "b", value: b },
    ], ([ts, xs, txs, Ts, rs, alphas, as, bs]) => {
      const parameters = { r: rs as number, alpha: alphas as number, a: as as number, b: bs as number };
      requireHistoryAndParameters(xs as number, txs as number, Ts as number, parameters);
      // The model's series converges ever more slowly as t outgrows α + T: beyond 999 times it, refused.
      requireInRange(ts as number, "t", 0, MAX_HORIZON_RATIO * ((alphas as number) + (Ts as number)));
      const key = `${ts},${xs},${txs},${Ts},${rs},${alphas},${as},${bs}`;
      let value = known.get(key);
      if (value === undefined) known.set(key, (value = expectedPurchases(parameters, ts as number, xs as number, txs as number, Ts as number)));
      return value;
    }),
  );
}

/** How far ahead, in multiples of α + T, EXPECTED_PURCHASES forecasts: the series it sums converges slowly beyond. */
const MAX_HORIZON_RATIO = 999;

const COHORT_PERIODS: Readonly<Record<string, CohortPeriod>> = { month: "month", quarter: "quarter", week: "week", 月: "month", 季度: "quarter", 周: "week" };

/**
 * Cohort retention triangle: customers grouped by the month (or quarter, week) of their first purchase, and for each later period the share of the cohort that bought again. Spills cohort label, size, then M0 (100%), M1, M2, … up to the last period in the data.
 * @customfunction COHORT
 * @param customer_ids The customer id of each purchase.
 * @param dates The date of each purchase.
 * @param [period] "month" (default), "quarter" or "week" (weeks start on Monday).
 * @param invocation Invocation
 * @returns The retention triangle with a header row; shares as fractions.
 * @requiresParameterAddresses
 */
export function COHORT(customer_ids: unknown[][], dates: unknown[][], period: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "dates", "period"], invocation);
  return run(call, () => {
    const chosen = optionalChoice(call, "period", period, COHORT_PERIODS) ?? "month";
    const records = readRecords(call, [
      { name: "customer_ids", value: customer_ids, kind: "id" },
      { name: "dates", value: dates, kind: "date" },
    ]);
    const cohorts = cohortRetention(records.columns[0] as CustomerId[], records.columns[1] as Float64Array, chosen);
    const width = Math.max(...cohorts.map((c) => c.retention.length));
    const prefix = chosen === "month" ? "M" : chosen === "quarter" ? "Q" : "W";
    const header = [label("cohort", call.locale), label("customers", call.locale), ...Array.from({ length: width }, (_, k) => `${prefix}${k}`)];
    return [header, ...cohorts.map((c) => [c.label, c.size, ...c.retention, ...new Array<string>(width - c.retention.length).fill("")])];
  });
}

const PERIODS: Readonly<Record<string, Period>> = { month: "month", quarter: "quarter", week: "week", year: "year", 月: "month", 季度: "quarter", 周: "week", 年: "year" };

/** The arguments the periodic functions share: a transaction table, the period, the table's bounds and a language. */
function readPeriods(call: Call, args: {
  customer_ids: unknown; dates: unknown; amounts?: unknown; period: unknown; lapse_days?: unknown; from: unknown; to: unknown; language: unknown;
}): { tables: PeriodTables; locale: Locale } {
  const locale = languageArgument(call, args.language);
  const period = optionalChoice(call, "period", args.period, PERIODS) ?? "month";
  const lapseDays = "lapse_days" in args ? (optionalNumber(call, "lapse_days", args.lapse_days) ?? defaultLapseDays(period)) : undefined;
  const from = optionalDate(call, "from", args.from);
  const to = optionalDate(call, "to", args.to);
  const records = readRecords(call, [
    { name: "customer_ids", value: args.customer_ids, kind: "customer" },
    { name: "dates", value: args.dates, kind: "date" },
    ...(args.amounts === undefined ? [] : [{ name: "amounts", value: args.amounts, kind: "number" as const }]),
  ]);
  const columns = purchaseColumns(records);
  const tables = periodTables({ ...columns, dates: columns.dates as Float64Array }, {
    period,
    ...(lapseDays === undefined ? {} : { lapseDays }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  });
  return { tables, locale };
}

/** A share whose base may be 0: #N/A for that period (with the reason), never 0 and never an error for the whole table. */
function shareOrNa(call: Call, numerator: number, base: number, why: "noStartCustomers" | "noPreviousRevenue" | "noOrders" | "noBuyers", period: string): number | CustomFunctions.Error {
  if (!Number.isFinite(base) || !Number.isFinite(numerator)) return NaN; // an overflow: #NUM! in the cell
  return base === 0 ? call.notAvailable(why, { value: period }) : numerator / base;
}

/**
 * Customer bridge per period from a transaction table: customers active at the start, new, reactivated, lapsed, active at the end (start + new + reactivated − lapsed = end), and the churn rate. A customer is active while their last purchase is fewer than lapse_days days old. Spills a header and one row per period, empty periods included.
 * @customfunction CUSTOMER_BRIDGE
 * @param customer_ids The customer id of each purchase.
 * @param dates The date of each purchase.
 * @param [period] "month" (default), "quarter", "week" (ISO 8601, Monday to Sunday) or "year"; also 月, 季度, 周, 年.
 * @param [lapse_days] Days without a purchase after which a customer has lapsed. Default 90 (92 for quarters, 366 for years); at least the longest period.
 * @param [from] The table starts with the period holding this date (earlier purchases still count as history). Default: the first purchase.
 * @param [to] The table ends with the period holding this date. Default: the last purchase.
 * @param [language] Headers: "en-US" or "zh-CN". Default: Office's language.
 * @param invocation Invocation
 * @returns period, first day, last day (date serials), customers at start, new, reactivated, lapsed, customers at end, churn rate.
 * @requiresParameterAddresses
 */
export function CUSTOMER_BRIDGE(customer_ids: unknown[][], dates: unknown[][], period: unknown, lapse_days: unknown, from: unknown, to: unknown, language: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "dates", "period", "lapse_days", "from", "to", "language"], invocation);
  return run(call, () => {
    const { tables, locale } = readPeriods(call, { customer_ids, dates, period, lapse_days, from, to, language });
    const bridge = tables.customers as CustomerBridge;
    const header = (["period", "firstDay", "lastDay", "customersStart", "newCustomers", "reactivated", "lapsed", "customersEnd", "churnRate"] as const).map((key) => label(key, locale));
    return [header, ...tables.labels.map((name, k) => {
      const start = bridge.customersStart[k] as number;
      const lapsed = bridge.lapsed[k] as number;
      return [
        name, tables.firstDays[k], tables.lastDays[k], start, bridge.newCustomers[k], bridge.reactivated[k], lapsed, bridge.customersEnd[k],
        shareOrNa(call, lapsed, start, "noStartCustomers", name),
      ];
    })];
  });
}

/**
 * Revenue bridge per period from a transaction table, customer by customer: revenue in the previous period, + new customers' revenue, + returning, + expansion, − contraction, − lost, = revenue in the period; and net revenue retention. Spills a header and one row per period, empty periods included.
 * @customfunction REVENUE_BRIDGE
 * @param customer_ids The customer id of each purchase.
 * @param dates The date of each purchase.
 * @param amounts The amount of each purchase (not negative; net of refunds).
 * @param [period] "month" (default), "quarter", "week" (ISO 8601) or "year"; also 月, 季度, 周, 年.
 * @param [from] The table starts with the period holding this date (earlier purchases still count as history). Default: the first purchase.
 * @param [to] The table ends with the period holding this date. Default: the last purchase.
 * @param [language] Headers: "en-US" or "zh-CN". Default: Office's language.
 * @param invocation Invocation
 * @returns period, revenue in previous period, new, returning, expansion, contraction, lost, revenue, net revenue retention.
 * @requiresParameterAddresses
 */
export function REVENUE_BRIDGE(customer_ids: unknown[][], dates: unknown[][], amounts: unknown[][], period: unknown, from: unknown, to: unknown, language: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "dates", "amounts", "period", "from", "to", "language"], invocation);
  return run(call, () => {
    const { tables, locale } = readPeriods(call, { customer_ids, dates, amounts, period, from, to, language });
    const header = (["period", "previousRevenue", "newRevenue", "returningRevenue", "expansion", "contraction", "lostRevenue", "periodRevenue", "netRevenueRetention"] as const).map((key) => label(key, locale));
    return [header, ...tables.labels.map((name, k) => {
      const previous = tables.previousRevenue[k] as number;
      const [expansion, contraction, lost] = [tables.expansion[k] as number, tables.contraction[k] as number, tables.lostRevenue[k] as number];
      return [
        name, previous, tables.newRevenue[k], tables.returningRevenue[k], expansion, contraction, lost, tables.revenue[k],
        shareOrNa(call, previous + expansion + contraction + lost, previous, "noPreviousRevenue", name),
      ];
    })];
  });
}

/**
 * Activity per period from a transaction table: buyers, new buyers (first purchase ever), orders, revenue, average order value, orders per buyer and the share of buyers with two or more orders. Spills a header and one row per period, empty periods included.
 * @customfunction PERIOD_KPIS
 * @param customer_ids The customer id of each purchase.
 * @param dates The date of each purchase.
 * @param amounts The amount of each purchase (not negative; net of refunds).
 * @param [period] "month" (default), "quarter", "week" (ISO 8601) or "year"; also 月, 季度, 周, 年.
 * @param [from] The table starts with the period holding this date. Default: the first purchase.
 * @param [to] The table ends with the period holding this date. Default: the last purchase.
 * @param [language] Headers: "en-US" or "zh-CN". Default: Office's language.
 * @param invocation Invocation
 * @returns period, buyers, new buyers, orders, revenue, average order value, orders per buyer, repeat-buyer share.
 * @requiresParameterAddresses
 */
export function PERIOD_KPIS(customer_ids: unknown[][], dates: unknown[][], amounts: unknown[][], period: unknown, from: unknown, to: unknown, language: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "dates", "amounts", "period", "from", "to", "language"], invocation);
  return run(call, () => {
    const { tables, locale } = readPeriods(call, { customer_ids, dates, amounts, period, from, to, language });
    const header = (["period", "buyers", "newBuyers", "orders", "revenue", "averageOrderValue", "ordersPerBuyer", "repeatBuyerShare"] as const).map((key) => label(key, locale));
    return [header, ...tables.labels.map((name, k) => {
      const [buyers, orders, revenue] = [tables.buyers[k] as number, tables.orders[k] as number, tables.revenue[k] as number];
      return [
        name, buyers, tables.newBuyers[k], orders, revenue,
        shareOrNa(call, revenue, orders, "noOrders", name), shareOrNa(call, orders, buyers, "noBuyers", name), shareOrNa(call, tables.repeatBuyers[k] as number, buyers, "noBuyers", name),
      ];
    })];
  });
}
