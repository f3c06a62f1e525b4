/**
 * The RFM family: scores, segments and the segment summary, from transactions or per-customer summaries.
 *
 * Signatures spell out unknown[][] and CustomFunctions.Invocation: the metadata generator reads the
 * type text literally and does not resolve aliases.
 */
import { rfmFromMeasures, rfmFromSummary, rfmSegmentSummary, type RfmResult } from "../core/rfmAnalysis";
import { rfmScores, rfmSegment, SEGMENT_BY_CODE } from "../core/rfmScores";
import { label, segmentNames } from "../i18n/labels";
import type { Locale } from "../i18n/locale";
import { Call, run } from "./call";
import { optionalDate } from "./coerce";
import { elementwise } from "./elementwise";
import { alignToRows, readRecords } from "./records";
import { languageArgument, readPurchases } from "./arguments";

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
    // each code's segment name in the chosen language, looked up once (not per customer)
    const nameByCode = SEGMENT_BY_CODE.map((segment) => (segment === undefined ? "" : segmentNames[segment][locale]));
    return customerRows(table, result, nameByCode);
  });
}

/** RFM's table below its header, a row per customer (a loop in a function of its own: docs/architecture.md, "Loops over a million rows"). */
function customerRows(table: unknown[][], result: RfmResult, nameByCode: readonly string[]): unknown[][] {
  const { customers, recencyDays, frequency, monetary } = result;
  const { recency: r, frequency: f, monetary: m, code } = result.scores;
  for (let i = 0; i < customers.length; i++) {
    const c = code[i] as number;
    table[i + 1] = [customers[i], recencyDays[i], frequency[i], monetary[i], r[i], f[i], m[i], c, nameByCode[c]];
  }
  return table;
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
  // (the revenue is every purchase up to the as-of date, as RFM's monetary: said in its header)
  const table: unknown[][] = [(["segment", "customers", "share", "lifetimeRevenue", "revenueShare"] as const).map((key) => label(key, locale))];
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
