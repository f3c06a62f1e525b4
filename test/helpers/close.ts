/** Asserts |actual − expected| ≤ tolerance, with a message that shows both (toBeCloseTo's digits are too coarse to read). */
export function expectClose(actual: number, expected: number, tolerance: number): void {
  if (!(Math.abs(actual - expected) <= tolerance)) {
    throw new Error(`expected ${expected} ± ${tolerance}, got ${actual} (off by ${actual - expected})`);
  }
}
