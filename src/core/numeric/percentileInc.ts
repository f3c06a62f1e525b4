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

/**
 * Several PERCENTILE.INC values of unsorted data, exactly as sorting and percentileIncSorted give
 * them. Whole numbers in a narrow range (purchase counts, days since a purchase) are counted
 * instead of sorted: the order statistics the percentiles need come from a running count, in time
 * proportional to the values plus their range.
 *
 * @param values at least one finite value
 * @param fractions each 0 ≤ p ≤ 1
 */
export function percentilesInc(values: ArrayLike<number>, fractions: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) throw new RangeError("percentile of no values");
  let low = Infinity;
  let high = -Infinity;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (v < low) low = v;
    if (v > high) high = v;
    if (whole && !Number.isInteger(v)) whole = false;
  }
  if (!whole || high - low > 4 * n + 1024) {
    const sorted = Float64Array.from(values).sort();
    return fractions.map((p) => percentileIncSorted(sorted, p));
  }
  const counts = new Int32Array(high - low + 1);
  for (let i = 0; i < n; i++) {
    const slot = (values[i] as number) - low;
    counts[slot] = (counts[slot] as number) + 1;
  }
  // The k-th smallest value (0-based), for ascending k, walking the counts once.
  const wanted: number[] = [];
  for (const p of fractions) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile fraction ${p} outside [0, 1]`);
    const lower = Math.floor((n - 1) * p);
    wanted.push(lower, Math.min(lower + 1, n - 1));
  }
  const order = [...new Set(wanted)].sort((a, b) => a - b);
  const valueAt = new Map<number, number>();
  let seen = 0;
  let next = 0;
  for (let v = 0; v < counts.length && next < order.length; v++) {
    seen += counts[v] as number;
    while (next < order.length && (order[next] as number) < seen) valueAt.set(order[next++] as number, v + low);
  }
  return fractions.map((p) => {
    const rank = (n - 1) * p;
    const lower = Math.floor(rank);
    const lowValue = valueAt.get(lower) as number;
    if (lower + 1 >= n) return lowValue;
    return lowValue + (rank - lower) * ((valueAt.get(lower + 1) as number) - lowValue);
  });
}
