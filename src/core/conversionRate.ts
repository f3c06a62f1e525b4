import { nonNegativeRatio } from "./ratio";

/**
 * Conversion rate (转化率), as a fraction: converted prospects / prospects (shared/DOMAIN.md §2).
 *
 * @throws CxError #VALUE! for negative inputs or more converted than prospects, #DIV/0! for none
 * @example conversionRate(30, 1200) // 0.025
 */
export function conversionRate(converted: number, prospects: number): number {
  return nonNegativeRatio(converted, prospects, { numerator: "converted", denominator: "prospects", metric: "conversion", subset: true });
}
