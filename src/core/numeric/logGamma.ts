/**
 * ln Γ(x) for x > 0 by the Lanczos approximation (g = 7, n = 9), with the reflection formula below
 * 0.5. Accurate to about 1e-15 relative, enough for likelihoods summed over thousands of customers.
 *
 * Matches Python's math.lgamma to 1e-13 on the values the tests check.
 *
 * @example logGamma(5) // ln 24 = 3.1780538303479458
 */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];
const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0] as number;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) sum += (LANCZOS[i] as number) / (z + i);
  return HALF_LOG_TWO_PI + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}
