import { nonNegativeRatio } from "./ratio";

/**
 * Complaint rate (客户投诉率), as a fraction: complaints / customers (or orders) in the period
 * (shared/DOMAIN.md §2). It may exceed 1 where customers complain more than once.
 *
 * @throws CxError #VALUE! for negative inputs, #DIV/0! for a zero base
 * @example complaintRate(12, 800) // 0.015
 */
export function complaintRate(complaints: number, base: number): number {
  return nonNegativeRatio(complaints, base, { numerator: "complaints", denominator: "base", metric: "complaints", subset: false });
}
