export interface MinimizeResult {
  readonly point: Float64Array;
  readonly value: number;
  readonly iterations: number;
  readonly evaluations: number;
  readonly converged: boolean;
}

export interface NelderMeadOptions {
  readonly maxIterations?: number;
  /** Stop when the simplex's values differ by less than this (absolute). */
  readonly tolerance?: number;
  /** Size of the initial simplex around the start, per coordinate. */
  readonly step?: number;
}

/**
 * Minimises f by the Nelder–Mead simplex method (standard coefficients: reflection 1, expansion 2,
 * contraction ½, shrink ½). Derivative-free and robust to the flat, curved ridges of likelihoods in
 * log-parameters; callers keep parameters positive by optimising their logarithms. A non-finite
 * f(x) counts as +∞, so the simplex walks away from regions where a model is undefined.
 *
 * @example nelderMead(([x, y]) => (x - 1) ** 2 + (y + 2) ** 2, [0, 0]).point // ≈ [1, −2]
 */
export function nelderMead(f: (x: Float64Array) => number, start: ArrayLike<number>, options: NelderMeadOptions = {}): MinimizeResult {
  const n = start.length;
  const maxIterations = options.maxIterations ?? 2000;
  const tolerance = options.tolerance ?? 1e-10;
  const step = options.step ?? 0.5;
  let evaluations = 0;
  const value = (x: Float64Array): number => {
    evaluations++;
    const y = f(x);
    return Number.isFinite(y) ? y : Infinity;
  };
  const simplex: Float64Array[] = [Float64Array.from(start)];
  for (let i = 0; i < n; i++) {
    const vertex = Float64Array.from(start);
    vertex[i] = (vertex[i] as number) + step;
    simplex.push(vertex);
  }
  const values = simplex.map(value);
  const centroid = new Float64Array(n);
  const trial = (from: Float64Array, toward: Float64Array, coefficient: number): Float64Array => {
    const point = new Float64Array(n);
    for (let j = 0; j < n; j++) point[j] = (toward[j] as number) + coefficient * ((from[j] as number) - (toward[j] as number));
    return point;
  };
  let iterations = 0;
  let converged = false;
  for (; iterations < maxIterations; iterations++) {
    const order = values.map((_, i) => i).sort((i, j) => (values[i] as number) - (values[j] as number));
    const sortedSimplex = order.map((i) => simplex[i] as Float64Array);
    const sortedValues = order.map((i) => values[i] as number);
    for (let i = 0; i <= n; i++) {
      simplex[i] = sortedSimplex[i] as Float64Array;
      values[i] = sortedValues[i] as number;
    }
    const best = values[0] as number;
    const worst = values[n] as number;
    if (Math.abs(worst - best) <= tolerance * (1 + Math.abs(best))) {
      converged = true;
      break;
    }
    centroid.fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] = (centroid[j] as number) + (simplex[i]?.[j] as number) / n;
    const worstPoint = simplex[n] as Float64Array;
    const reflected = trial(worstPoint, centroid, -1);
    const reflectedValue = value(reflected);
    if (reflectedValue < best) {
      const expanded = trial(worstPoint, centroid, -2);
      const expandedValue = value(expanded);
      [simplex[n], values[n]] = expandedValue < reflectedValue ? [expanded, expandedValue] : [reflected, reflectedValue];
    } else if (reflectedValue < (values[n - 1] as number)) {
      [simplex[n], values[n]] = [reflected, reflectedValue];
    } else {
      const outside = reflectedValue < worst;
      const contracted = trial(outside ? reflected : worstPoint, centroid, 0.5);
      const contractedValue = value(contracted);
      if (contractedValue < Math.min(reflectedValue, worst)) {
        [simplex[n], values[n]] = [contracted, contractedValue];
      } else {
        const bestPoint = simplex[0] as Float64Array;
        for (let i = 1; i <= n; i++) {
          simplex[i] = trial(simplex[i] as Float64Array, bestPoint, 0.5);
          values[i] = value(simplex[i] as Float64Array);
        }
      }
    }
  }
  let bestIndex = 0;
  for (let i = 1; i <= n; i++) if ((values[i] as number) < (values[bestIndex] as number)) bestIndex = i;
  return { point: simplex[bestIndex] as Float64Array, value: values[bestIndex] as number, iterations, evaluations, converged };
}
