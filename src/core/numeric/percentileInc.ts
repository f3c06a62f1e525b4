/**
 * The p-th percentile of values already sorted ascending, interpolated as Excel's PERCENTILE.INC:
 * rank h = (n − 1)·p, result x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋+1 − x⌊h⌋).
 *
 * Matches Excel and LibreOffice PERCENTILE.INC (and numpy's default "linear" method).
 *
 * @param sorted ascending values, at least one
 * @param p the fraction, 0 ≤ p ≤ 1
 * @throws RangeError for an empty array or p outside [0, 1] (callers validate first)
 * @example percentileIncSorted([1, 2, 3, 4], 0.2) // 1.6
 */
export function percentileIncSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError("percentile of no values");
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile fraction ${p} outside [0, 1]`);
  const rank = (n - 1) * p;
  const lower = Math.floor(rank);
  const lowValue = sorted[lower] as number;
  if (lower + 1 >= n) return lowValue;
  const highValue = sorted[lower + 1] as number;
  return lowValue + (rank - lower) * (highValue - lowValue);
}
