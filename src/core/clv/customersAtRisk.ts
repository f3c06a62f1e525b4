import { probabilityAliveOfDistinct, type BgNbdParameters } from "./betaGeometricNbd";
import { distinctHistories } from "./distinctHistories";
import type { CustomerHistories } from "../prep/summarizeTransactions";
import { requireCount } from "../validate";

export interface CustomerAtRisk {
  /** The customer's position in the histories. */
  readonly index: number;
  readonly probabilityAlive: number;
  /** Everything the customer spent so far. */
  readonly historicalValue: number;
  /** (1 − P(alive)) × historical value: what the business stands to lose with the customer. */
  readonly valueAtRisk: number;
}

/**
 * The early-warning list of shared/DOMAIN.md §7: the valuable customers most likely to be lost,
 * ranked by expected value at risk = (1 − P(alive)) × historical value, P(alive) from a fitted
 * BG/NBD model. Ties keep the larger historical value first, then the order of first appearance.
 *
 * @throws CxError #VALUE! for a count that is not a whole number ≥ 0
 */
export function customersAtRisk(histories: CustomerHistories, parameters: BgNbdParameters, top: number): CustomerAtRisk[] {
  requireCount(top, "top");
  const distinct = distinctHistories(histories.frequency, histories.recency, histories.age);
  const aliveOf = probabilityAliveOfDistinct(distinct, parameters);
  const total = histories.totalSpend ?? new Float64Array(histories.customers.length);
  const all: CustomerAtRisk[] = Array.from(histories.customers, (_, i) => {
    const alive = aliveOf[distinct.of[i] as number] as number;
    const value = total[i] as number;
    return { index: i, probabilityAlive: alive, historicalValue: value, valueAtRisk: (1 - alive) * value };
  });
  all.sort((a, b) => b.valueAtRisk - a.valueAtRisk || b.historicalValue - a.historicalValue || a.index - b.index);
  return all.slice(0, top);
}
