/**
 * The Gauss hypergeometric function ₂F₁(a, b; c; z) for 0 ≤ z < 1 by its power series
 * Σ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ, summed until a term no longer changes the sum. The BG/NBD expected
 * purchases need it at z = t / (α + T + t), well inside the unit disc for any sensible horizon.
 *
 * @returns NaN if the series has not settled after 100,000 terms (z too close to 1)
 * @example hypergeometric2F1(1, 1, 2, 0.5) // −ln(1 − 0.5) / 0.5 = 1.3862943611198906
 */
export function hypergeometric2F1(a: number, b: number, c: number, z: number): number {
  let term = 1;
  let sum = 1;
  for (let n = 0; n < 100_000; n++) {
    term *= ((a + n) * (b + n)) / ((c + n) * (n + 1)) * z;
    const next = sum + term;
    if (next === sum || Math.abs(term) < 1e-16 * Math.abs(next)) return next;
    sum = next;
  }
  return NaN;
}
