import { CxError } from "./errors";
import { requireInRange, showNumber } from "./validate";

/**
 * Customer satisfaction score (客户满意度, CSAT), as a fraction: the share of answers in the top
 * `topBoxes` boxes of a 1..`scaleMax` scale (4–5 on a 1–5 scale by default; shared/DOMAIN.md §1:
 * 10 answers, 7 of them 4 or 5 → 0.7). Answers must be whole numbers on the scale.
 *
 * @throws CxError #VALUE! for an answer off the scale or a bad scale, #N/A for no answers
 * @example customerSatisfaction([5, 4, 3, 2]) // 0.5
 */
export function customerSatisfaction(scores: ArrayLike<number>, scaleMax = 5, topBoxes = 2): number {
  requireInRange(scaleMax, "scale_max", 2, 100);
  if (!Number.isInteger(scaleMax)) throw new CxError("value", "notWhole", { arg: "scale_max", value: showNumber(scaleMax) }, { argument: "scale_max" });
  requireInRange(topBoxes, "top_boxes", 1, scaleMax);
  if (!Number.isInteger(topBoxes)) throw new CxError("value", "notWhole", { arg: "top_boxes", value: showNumber(topBoxes) }, { argument: "top_boxes" });
  if (scores.length === 0) throw new CxError("na", "noAnswers", { arg: "scores" }, { argument: "scores" });
  const threshold = scaleMax - topBoxes + 1;
  let satisfied = 0;
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i] as number;
    if (!(score >= 1 && score <= scaleMax && (score | 0) === score)) {
      throw new CxError("value", "scaleAnswer", { arg: "scores", value: showNumber(score), max: scaleMax }, { argument: "scores", index: i });
    }
    if (score >= threshold) satisfied++;
  }
  return satisfied / scores.length;
}
