import { CxError } from "./errors";
import { showNumber } from "./validate";

export interface NetPromoterScoreResult {
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  readonly answers: number;
  /** 100 × (promoters − detractors) / answers, from −100 to 100. */
  readonly score: number;
  /** Standard error of the score, in NPS points. */
  readonly standardError: number;
  /** Half-width of the 95 % confidence interval: 1.96 × standard error. */
  readonly marginOfError: number;
}

/** z for a two-sided 95 % interval. */
const Z_95 = 1.96;

/**
 * NPS from its three counts. SE = 100 × √((p + d − (p − d)²) / n) with p, d the promoter and
 * detractor shares: the standard error of the mean of answers coded +1 / 0 / −1.
 * Shared/DOMAIN.md §2: 50 promoters, 30 passives, 20 detractors → NPS 30, SE 7.81, ±15.31.
 */
export function netPromoterScoreFromCounts(promoters: number, passives: number, detractors: number): NetPromoterScoreResult {
  const answers = promoters + passives + detractors;
  if (answers === 0) throw new CxError("na", "noAnswers", { arg: "scores" }, { argument: "scores" });
  const p = promoters / answers;
  const d = detractors / answers;
  const standardError = 100 * Math.sqrt(Math.max(0, p + d - (p - d) * (p - d)) / answers);
  return {
    promoters, passives, detractors, answers,
    score: 100 * (p - d),
    standardError,
    marginOfError: Z_95 * standardError,
  };
}

/**
 * Net Promoter Score (净推荐值) of 0–10 answers: promoters answer 9–10, passives 7–8, detractors 0–6.
 * An answer outside 0–10 or not whole is bad input, not a detractor.
 *
 * @param scores the answers (blanks already removed by the caller)
 * @throws CxError #VALUE! naming the first bad answer, #N/A when there are no answers
 * @example netPromoterScore([10, 9, 8, 3]).score // 25
 */
export function netPromoterScore(scores: ArrayLike<number>): NetPromoterScoreResult {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i] as number;
    // One comparison chain covers NaN, fractions and the scale: (score | 0) === score only for whole numbers.
    if (score >= 9 && score <= 10 && (score | 0) === score) promoters++;
    else if (score >= 7 && score < 9 && (score | 0) === score) passives++;
    else if (score >= 0 && score < 7 && (score | 0) === score) detractors++;
    else throw new CxError("value", "npsAnswer", { arg: "scores", value: showNumber(score) }, { argument: "scores", index: i });
  }
  return netPromoterScoreFromCounts(promoters, passives, detractors);
}
