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
  const low = lowest(values);
  const high = highest(values);
  if (!allWhole(values) || high - low > 4 * n + 1024) {
    if (n < 4096) {
      const sorted = Float64Array.from(values).sort();
      return fractions.map((p) => percentileIncSorted(sorted, p));
    }
    // Many values (amounts of 100,000 customers): the few order statistics wanted are selected, not
    // the whole array sorted (a third of the time); each is the value sorting would put there.
    const copy = Float64Array.from(values);
    const valueAt = selectRanks(copy, wantedRanks(n, fractions));
    return fractions.map((p) => interpolate(n, p, valueAt));
  }
  const valueAt = countedRanks(counts(values, low, high), low, wantedRanks(n, fractions));
  return fractions.map((p) => interpolate(n, p, valueAt));
}

// (Each loop over the values below is a function of its own: docs/architecture.md, "Loops over a
// million rows".)

/** The lowest value. */
function lowest(values: ArrayLike<number>): number {
  let low = Infinity;
  for (let i = 0; i < values.length; i++) if ((values[i] as number) < low) low = values[i] as number;
  return low;
}

/** The highest value. */
function highest(values: ArrayLike<number>): number {
  let high = -Infinity;
  for (let i = 0; i < values.length; i++) if ((values[i] as number) > high) high = values[i] as number;
  return high;
}

/** Whether every value is a whole number. */
function allWhole(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (Math.floor(values[i] as number) !== values[i]) return false;
  return true;
}

/** How many times each whole number from low to high comes. */
function counts(values: ArrayLike<number>, low: number, high: number): Int32Array {
  const counted = new Int32Array(high - low + 1);
  for (let i = 0; i < values.length; i++) {
    const slot = (values[i] as number) - low;
    counted[slot] = (counted[slot] as number) + 1;
  }
  return counted;
}

/** The k-th smallest value (0-based) for each of the ascending ranks, walking the counts once. */
function countedRanks(counted: Int32Array, low: number, order: readonly number[]): Map<number, number> {
  const valueAt = new Map<number, number>();
  let seen = 0;
  let next = 0;
  for (let v = 0; v < counted.length && next < order.length; v++) {
    seen += counted[v] as number;
    while (next < order.length && (order[next] as number) < seen) valueAt.set(order[next++] as number, v + low);
  }
  return valueAt;
}

/** The ranks (0-based, ascending, each once) whose values the fractions' percentiles interpolate between. */
function wantedRanks(n: number, fractions: readonly number[]): number[] {
  const wanted: number[] = [];
  for (const p of fractions) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile fraction ${p} outside [0, 1]`);
    const lower = Math.floor((n - 1) * p);
    wanted.push(lower, Math.min(lower + 1, n - 1));
  }
  return [...new Set(wanted)].sort((a, b) => a - b);
}

/** PERCENTILE.INC from the values at the ranks it needs (percentileIncSorted's interpolation). */
function interpolate(n: number, p: number, valueAt: ReadonlyMap<number, number>): number {
  const rank = (n - 1) * p;
  const lower = Math.floor(rank);
  const lowValue = valueAt.get(lower) as number;
  if (lower + 1 >= n) return lowValue;
  return lowValue + (rank - lower) * ((valueAt.get(lower + 1) as number) - lowValue);
}

/**
 * The values at ascending ranks of an array, as sorting would place them (quickselect: the array is
 * reordered in place so that each selected rank holds its value, smaller values before it and
 * larger after; each next rank is looked for only to the right of the one before).
 */
function selectRanks(values: Float64Array, ranks: readonly number[]): Map<number, number> {
  const found = new Map<number, number>();
  let from = 0;
  for (const rank of ranks) {
    let [left, right] = [from, values.length - 1];
    while (right > left) {
      // the middle of three as the pivot, then a three-way split: below, equal to it, above
      const [a, b, c] = [values[left] as number, values[(left + right) >> 1] as number, values[right] as number];
      const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
      let [lt, i, gt] = [left, left, right];
      while (i <= gt) {
        const v = values[i] as number;
        if (v < pivot) {
          values[i] = values[lt] as number;
          values[lt++] = v;
          i++;
        } else if (v > pivot) {
          values[i] = values[gt] as number;
          values[gt--] = v;
        } else i++;
      }
      if (rank < lt) right = lt - 1;
      else if (rank > gt) left = gt + 1;
      else {
        left = right = rank;
      }
    }
    found.set(rank, values[rank] as number);
    from = rank;
  }
  return found;
}
