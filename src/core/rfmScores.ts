import type { RfmSegment } from "../i18n/labels";
import { percentilesInc } from "./numeric/percentileInc";
import { CxError } from "./errors";
import { requireInRange, requireNonNegative, showNumber } from "./validate";

export interface RfmScores {
  /** Scores 1–5 per customer; 5 is best (most recent, most frequent, most spent). */
  readonly recency: Uint8Array;
  readonly frequency: Uint8Array;
  readonly monetary: Uint8Array;
  /** 100·R + 10·F + M, e.g. 545. */
  readonly code: Uint16Array;
}

/**
 * The quintile cut points c1..c4 of shared/DOMAIN.md §4: the 20/40/60/80 % PERCENTILE.INC of the
 * values, so that equal values always get the same score.
 */
export function quintileCutPoints(values: ArrayLike<number>): [number, number, number, number] {
  return percentilesInc(values, [0.2, 0.4, 0.6, 0.8]) as [number, number, number, number];
}

function scoreAbove(values: ArrayLike<number>, cuts: readonly number[], reversed: boolean): Uint8Array {
  const scores = new Uint8Array(values.length);
  const [c1, c2, c3, c4] = cuts as [number, number, number, number];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    scores[i] = reversed
      ? 1 + +(v < c1) + +(v < c2) + +(v < c3) + +(v < c4)
      : 1 + +(v > c1) + +(v > c2) + +(v > c3) + +(v > c4);
  }
  return scores;
}

/**
 * RFM scores from per-customer recency (days), frequency (purchases) and monetary value
 * (shared/DOMAIN.md §4): F = 1 + #{k : frequency > c_k}, M likewise, R = 1 + #{k : recency < c_k}
 * with c_k the quintile cut points across customers. Equal to the built-in formula
 * `=1+SUMPRODUCT(--(F2>PERCENTILE.INC(F$2:F$999,{0.2,0.4,0.6,0.8})))`.
 *
 * @throws CxError #VALUE! for negative values
 * @example rfmScores([1, 30, 300], [9, 2, 1], [900, 50, 10]).code // [555, 333, 111]
 */
export function rfmScores(recency: ArrayLike<number>, frequency: ArrayLike<number>, monetary: ArrayLike<number>): RfmScores {
  requireMeasures(recency, frequency, monetary);
  const r = scoreAbove(recency, quintileCutPoints(recency), true);
  const f = scoreAbove(frequency, quintileCutPoints(frequency), false);
  const m = scoreAbove(monetary, quintileCutPoints(monetary), false);
  return { recency: r, frequency: f, monetary: m, code: codesOf(r, f, m) };
}

/** 100·R + 10·F + M for each customer. */
function codesOf(r: Uint8Array, f: Uint8Array, m: Uint8Array): Uint16Array {
  const code = new Uint16Array(r.length);
  for (let i = 0; i < r.length; i++) code[i] = 100 * (r[i] as number) + 10 * (f[i] as number) + (m[i] as number);
  return code;
}

/** Each measure finite and not negative (a loop in a function of its own: docs/architecture.md, "Loops over a million rows"). */
function requireMeasures(recency: ArrayLike<number>, frequency: ArrayLike<number>, monetary: ArrayLike<number>): void {
  for (let i = 0; i < recency.length; i++) {
    // (the checks called only for a value that fails them, to say which: a call per value is slow on 100,000 customers)
    const r = recency[i] as number;
    const f = frequency[i] as number;
    const m = monetary[i] as number;
    if (!(r >= 0 && r < Infinity)) requireNonNegative(r, "recency", i);
    if (!(f >= 0 && f < Infinity)) requireNonNegative(f, "frequency", i);
    if (!(m >= 0 && m < Infinity)) requireNonNegative(m, "monetary", i);
  }
}

export type Span = readonly [number, number];
/** The segment map of shared/DOMAIN.md §4 as data (segment, R, F and M spans), in the order the rules are tried. */
export const RFM_SEGMENT_RULES: readonly (readonly [RfmSegment, Span, Span, Span])[] = [
  ["Champions", [5, 5], [5, 5], [5, 5]],
  ["Potential Loyalist", [3, 5], [3, 5], [2, 5]],
  ["Loyal Customers", [2, 4], [2, 4], [2, 4]],
  ["Promising", [3, 4], [1, 3], [3, 5]],
  ["New Customers", [4, 5], [1, 3], [1, 5]],
  ["Can't Lose Them", [1, 2], [3, 4], [4, 5]],
  ["At Risk", [1, 2], [2, 5], [4, 5]],
  ["Need Attention", [1, 3], [3, 5], [3, 5]],
  ["About To Sleep", [2, 3], [1, 3], [1, 4]],
  ["Lost", [1, 1], [1, 5], [1, 5]],
];

function requireScore(score: number, argument: string): void {
  requireInRange(score, argument, 1, 5);
  if (!Number.isInteger(score)) throw new CxError("value", "notWhole", { arg: argument, value: showNumber(score) }, { argument });
}

const within = (score: number, [low, high]: Span): boolean => score >= low && score <= high;

/**
 * The segment of an R, F, M score triple by the 10-segment map of shared/DOMAIN.md §4 (first
 * matching rule wins, ranges inclusive; "Others" when none matches). Scores are whole numbers 1–5.
 *
 * @example rfmSegment(5, 5, 5) // "Champions"
 */
export function rfmSegment(r: number, f: number, m: number): RfmSegment {
  requireScore(r, "r");
  requireScore(f, "f");
  requireScore(m, "m");
  return SEGMENT_BY_CODE[100 * r + 10 * f + m] as RfmSegment;
}

/** The map's segment of each RFM code 111–555, worked out once from the rules (a customer's segment is then one look-up). */
export const SEGMENT_BY_CODE: readonly (RfmSegment | undefined)[] = (() => {
  const table: (RfmSegment | undefined)[] = new Array<RfmSegment | undefined>(556);
  for (let r = 1; r <= 5; r++) {
    for (let f = 1; f <= 5; f++) {
      for (let m = 1; m <= 5; m++) {
        const rule = RFM_SEGMENT_RULES.find(([, rs, fs, ms]) => within(r, rs) && within(f, fs) && within(m, ms));
        table[100 * r + 10 * f + m] = rule === undefined ? "Others" : rule[0];
      }
    }
  }
  return table;
})();
