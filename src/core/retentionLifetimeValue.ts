import { CxError } from "./errors";
import { requireFiniteResult, requireFraction } from "./validate";

/**
 * Retention-based CLV (Gupta & Lehmann 2003, "Customers as assets"): m × r / (1 + i − r) for a
 * margin m per period, retention rate r and discount rate i, the value of an infinite stream of
 * margins kept with probability r each period. Shared/DOMAIN.md §5: m 100, r 0.8, i 0.1 → 266.67.
 *
 * @throws CxError #VALUE! for a rate outside 0..1, #NUM! when r = 1 and i = 0 (no finite value)
 * @example retentionLifetimeValue(100, 0.8, 0.1) // 266.666…
 */
export function retentionLifetimeValue(margin: number, retentionRate: number, discountRate = 0): number {
  if (!Number.isFinite(margin)) requireFiniteResult(margin, "margin");
  const retention = requireFraction(retentionRate, "retention_rate");
  const rate = requireFraction(discountRate, "discount_rate");
  const denominator = 1 + rate - retention;
  if (denominator <= 0) throw new CxError("num", "neverEnds");
  return requireFiniteResult((margin * retention) / denominator, "margin");
}
