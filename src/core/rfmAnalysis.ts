import { CxError } from "./errors";
import { RFM_SEGMENTS, type RfmSegment } from "../i18n/labels";
import type { CustomerId } from "./prep/groupCustomers";
import { summarizePurchases, type PurchaseSummary } from "./prep/summarizePurchases";
import { rfmScores, SEGMENT_BY_CODE, type RfmScores } from "./rfmScores";

export interface RfmInput {
  readonly customerIds: ArrayLike<CustomerId>;
  /** Excel date serials of the purchases. */
  readonly dates: ArrayLike<number>;
  readonly amounts: ArrayLike<number>;
  /** The report date; defaults to the day after the last purchase, never to today. */
  readonly asOf?: number;
}

export interface RfmResult {
  readonly asOf: number;
  readonly customers: readonly CustomerId[];
  /** Days from each customer's last purchase to the as-of date. */
  readonly recencyDays: Float64Array;
  /** Number of purchases (transaction rows). */
  readonly frequency: Float64Array;
  /** Total amount spent. */
  readonly monetary: Float64Array;
  readonly scores: RfmScores;
  readonly segments: readonly RfmSegment[];
}

/**
 * RFM analysis (最近购买时间、购买频率、购买金额) of a transaction table (shared/DOMAIN.md §4):
 * per customer recency, frequency and monetary value, their quintile scores, the RFM code and the
 * segment. Purchases after the as-of date are left out. Customers appear in order of first purchase row.
 *
 * @throws CxError #VALUE! for negative amounts, #N/A when no purchase is on or before the as-of date
 */
export function rfmAnalysis(input: RfmInput): RfmResult {
  return rfmFromSummary(summarizePurchases(input), input.asOf);
}

/**
 * RFM analysis of customers already summarised (see summarizePurchases), with the as-of date the
 * summary was cut at; it defaults to the day after the last purchase.
 */
export function rfmFromSummary(summary: PurchaseSummary, asOfDate?: number): RfmResult {
  const asOf = asOfDate === undefined ? summary.latestDay + 1 : Math.floor(asOfDate);
  requireFiniteTotals(summary);
  const recencyDays = summary.lastDay.map((day) => asOf - day);
  return { asOf, customers: summary.labels, ...rfmFromMeasures(recencyDays, summary.purchases, summary.total) };
}

/** A customer's amounts that add up past what a number holds (amounts near 1e308): said of amounts, the argument given (a loop in a function of its own: docs/architecture.md, "Loops over a million rows"). */
function requireFiniteTotals(summary: PurchaseSummary): void {
  const { total } = summary;
  for (let i = 0; i < total.length; i++) {
    if (!Number.isFinite(total[i] as number)) throw new CxError("value", "sumOverflow", { arg: "amounts", customer: String(summary.labels[i]) }, { argument: "amounts" });
  }
}

/**
 * Scores and segments from each customer's recency (days), frequency and monetary value, as a
 * database's per-customer summary gives them (sql/customer_summary.sql): the same as from the
 * transactions they summarise.
 */
export function rfmFromMeasures(recencyDays: Float64Array, frequency: Float64Array, monetary: Float64Array): Pick<RfmResult, "recencyDays" | "frequency" | "monetary" | "scores" | "segments"> {
  const scores = rfmScores(recencyDays, frequency, monetary);
  return { recencyDays, frequency, monetary, scores, segments: segmentsOf(scores.code) };
}

/**
 * Each customer's segment, looked up by RFM code; the scores are whole numbers 1-5 by construction
 * (a loop in a function of its own, the imported table read once into a local: docs/architecture.md,
 * "Loops over a million rows").
 */
function segmentsOf(codes: Uint16Array): RfmSegment[] {
  const byCode = SEGMENT_BY_CODE;
  const segments: RfmSegment[] = new Array<RfmSegment>(codes.length);
  for (let i = 0; i < codes.length; i++) segments[i] = byCode[codes[i] as number] as RfmSegment;
  return segments;
}

export interface RfmSegmentSummary {
  /** The segments in the order of shared/DOMAIN.md §4's map (Champions first, Others last), every one listed. */
  readonly segments: readonly RfmSegment[];
  readonly customers: Float64Array;
  /** Total amount spent by the segment's customers. */
  readonly revenue: Float64Array;
}

/**
 * Customers and revenue per RFM segment, for the report's segment summary and its chart. Every
 * segment is listed, empty ones with zeros, so the table's shape does not depend on the data.
 */
export function rfmSegmentSummary(result: Pick<RfmResult, "segments" | "monetary">): RfmSegmentSummary {
  const position = new Map<RfmSegment, number>(RFM_SEGMENTS.map((segment, i) => [segment, i]));
  const customers = new Float64Array(RFM_SEGMENTS.length);
  const revenue = new Float64Array(RFM_SEGMENTS.length);
  result.segments.forEach((segment, i) => {
    const at = position.get(segment) as number;
    customers[at] = (customers[at] as number) + 1;
    revenue[at] = (revenue[at] as number) + (result.monetary[i] as number);
  });
  return { segments: RFM_SEGMENTS, customers, revenue };
}
