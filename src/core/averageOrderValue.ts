import { nonNegativeRatio } from "./ratio";

/**
 * Average order value (客单价): revenue / orders (shared/DOMAIN.md §2).
 *
 * @throws CxError #VALUE! for negative inputs, #DIV/0! for no orders
 * @example averageOrderValue(50000, 400) // 125
 */
export function averageOrderValue(revenue: number, orders: number): number {
  return nonNegativeRatio(revenue, orders, { numerator: "revenue", denominator: "orders", metric: "aov", subset: false });
}
