import { CxError } from "./errors";
import { requireFinite, requireNonNegative, weightScale } from "./validate";

export interface EngagementInput {
  /** Row-major measures: row i is a customer, column j a measure (visits, interactions, usage…). */
  readonly measures: ArrayLike<number>;
  readonly customers: number;
  readonly measureCount: number;
  /** One non-negative weight per measure; equal weights when left out. */
  readonly weights?: ArrayLike<number>;
}

/**
 * Customer engagement (客户参与度) on 0–100, one score per customer (shared/DOMAIN.md §1): each
 * measure is min-max normalised across customers to 0..1, and the score is 100 × the weighted mean
 * of the normalised measures. A measure on which every customer is equal tells them apart in no
 * way and is left out (its weight spread over the others); if no measure varies the scores are
 * undefined (#N/A). A customer at the maximum of every varying measure scores 100.
 *
 * @throws CxError #VALUE! for non-finite measures, negative or all-zero weights; #N/A as above
 * @example engagementScores({ measures: [0, 10, 5, 20], customers: 2, measureCount: 2 }) // [0, 100]
 */
export function engagementScores(input: EngagementInput): Float64Array {
  const { measures, customers, measureCount } = input;
  if (customers === 0 || measureCount === 0) throw new CxError("na", "emptyRange", { arg: "measures" }, { argument: "measures" });
  const minimum = new Float64Array(measureCount).fill(Infinity);
  const maximum = new Float64Array(measureCount).fill(-Infinity);
  for (let i = 0; i < customers; i++) {
    for (let j = 0; j < measureCount; j++) {
      const index = i * measureCount + j;
      const value = requireFinite(measures[index] as number, "measures", index);
      if (value < (minimum[j] as number)) minimum[j] = value;
      if (value > (maximum[j] as number)) maximum[j] = value;
    }
  }
  // Weights only matter relative to each other: scaling them by a power of two near the largest (an
  // exact operation, so results are bit-for-bit unchanged) keeps huge ones from overflowing.
  let largest = 0;
  for (let j = 0; j < measureCount; j++) {
    largest = Math.max(largest, input.weights === undefined ? 1 : requireNonNegative(input.weights[j] as number, "weights", j));
  }
  const weight = new Float64Array(measureCount);
  let weightTotal = 0;
  for (let j = 0; j < measureCount; j++) {
    const given = input.weights === undefined ? 1 : (input.weights[j] as number) * weightScale(largest);
    weight[j] = (maximum[j] as number) > (minimum[j] as number) ? given : 0;
    weightTotal += weight[j] as number;
  }
  if (weightTotal === 0) {
    const anyWeight = input.weights === undefined || Array.from(input.weights).some((w) => w > 0);
    if (anyWeight) throw new CxError("na", "noVariation", { arg: "measures" }, { argument: "measures" });
    throw new CxError("value", "weightsZero", { arg: "weights" }, { argument: "weights" });
  }
  const scores = new Float64Array(customers);
  for (let i = 0; i < customers; i++) {
    let sum = 0;
    for (let j = 0; j < measureCount; j++) {
      const w = weight[j] as number;
      if (w === 0) continue;
      const low = minimum[j] as number;
      // Halving both sides keeps (x − min) / (max − min) finite when the measures span more than the largest double.
      sum += w * (((measures[i * measureCount + j] as number) / 2 - low / 2) / ((maximum[j] as number) / 2 - low / 2));
    }
    scores[i] = (100 * sum) / weightTotal;
  }
  return scores;
}
