import { requireFinite, requireFiniteResult, requireNonNegative, requireNonZero } from "./validate";

/**
 * LTV:CAC ratio: customer lifetime value / acquisition cost (shared/DOMAIN.md §1; 3 or more is
 * the usual healthy mark). A negative CLV (loss-making customers) gives a negative ratio.
 *
 * @throws CxError #VALUE! for a negative CAC, #DIV/0! for a zero CAC
 * @example ltvToCac(1500, 500) // 3
 */
export function ltvToCac(lifetimeValue: number, acquisitionCost: number): number {
  requireFinite(lifetimeValue, "clv");
  requireNonNegative(acquisitionCost, "cac");
  requireNonZero(acquisitionCost, "cac", "ltvCac");
  return requireFiniteResult(lifetimeValue / acquisitionCost, "clv");
}
