import { CxError } from "./errors";
import { requireNonNegative, showNumber, weightScale } from "./validate";

/**
 * Customer satisfaction index (客户满意度指数, CSI) on 0–100: the (optionally importance-weighted)
 * mean of answers on a 1–10 scale, rescaled as (mean − 1) / 9 × 100 (shared/DOMAIN.md §2).
 * Answers may be fractional (an attribute's average), but must lie in 1..10.
 *
 * @param scores answers, blanks already removed
 * @param weights one non-negative weight per answer, or undefined for equal weights
 * @throws CxError #VALUE! for answers off the scale, negative or all-zero weights; #N/A for no answers
 * @example customerSatisfactionIndex([10, 1]) // 50
 */
export function customerSatisfactionIndex(scores: ArrayLike<number>, weights?: ArrayLike<number>): number {
  if (scores.length === 0) throw new CxError("na", "noAnswers", { arg: "scores" }, { argument: "scores" });
  // Weights only matter relative to each other: scaling them by a power of two near the largest (an
  // exact operation, so results are bit-for-bit unchanged) keeps huge ones from overflowing.
  let largest = 1;
  if (weights !== undefined) {
    largest = 0;
    for (let i = 0; i < scores.length; i++) largest = Math.max(largest, requireNonNegative(weights[i] as number, "weights", i));
  }
  let weightedSum = 0;
  let weightTotal = 0;
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i] as number;
    if (!(score >= 1 && score <= 10)) {
      throw new CxError("value", "scaleAnswer", { arg: "scores", value: showNumber(score), max: 10 }, { argument: "scores", index: i });
    }
    const weight = weights === undefined ? 1 : (weights[i] as number) * weightScale(largest);
    weightedSum += weight * score;
    weightTotal += weight;
  }
  if (weightTotal === 0) throw new CxError("value", "weightsZero", { arg: "weights" }, { argument: "weights" });
  return ((weightedSum / weightTotal - 1) / 9) * 100;
}
