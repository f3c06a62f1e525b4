import type { MetricName } from "../i18n/labels";
import { CxError } from "./errors";
import { requireFiniteResult, requireNonNegative, requireNonZero, showNumber } from "./validate";

export interface RatioSpec {
  readonly numerator: string;
  readonly denominator: string;
  readonly metric: MetricName;
  /** When true, the numerator is a subset of the denominator and cannot exceed it. */
  readonly subset: boolean;
}

/**
 * numerator / denominator for two non-negative quantities, the shape shared by average order value,
 * conversion, complaint rate and purchase frequency; the spec names the arguments for messages.
 */
export function nonNegativeRatio(numerator: number, denominator: number, spec: RatioSpec): number {
  requireNonNegative(numerator, spec.numerator);
  requireNonNegative(denominator, spec.denominator);
  if (spec.subset && numerator > denominator) {
    throw new CxError("value", "exceeds", {
      arg: spec.numerator, value: showNumber(numerator), other: spec.denominator, otherValue: showNumber(denominator),
    }, { argument: spec.numerator });
  }
  requireNonZero(denominator, spec.denominator, spec.metric);
  return requireFiniteResult(numerator / denominator, spec.numerator);
}
