/**
 * Percentiles of unsorted data: counting (whole numbers in a narrow range), sorting (few values) and
 * selecting the ranks wanted (many) must give exactly what PERCENTILE.INC gives on the sorted
 * values, ties and all.
 */
import { percentileIncSorted, percentilesInc } from "../../src/core/numeric/percentileInc";
import { seededRandom } from "../helpers/simulate";

const FRACTIONS = [0, 0.2, 0.4, 0.6, 0.8, 1];
const bySorting = (values: readonly number[]): number[] => {
  const sorted = Float64Array.from(values).sort();
  return FRACTIONS.map((p) => percentileIncSorted(sorted, p));
};

test.each([
  ["purchase counts with many ties (counted)", (r: () => number) => 1 + Math.floor(r() ** 3 * 12)],
  ["days since a purchase (counted)", (r: () => number) => Math.floor(r() * 730)],
  ["negative whole numbers (counted)", (r: () => number) => 0 - Math.floor(r() * 50)],
  ["amounts with cents (sorted; selected from 4,096 values)", (r: () => number) => Math.round(r() * 100_000) / 100],
  ["whole numbers spread widely (sorted; selected)", (r: () => number) => Math.floor(r() * 1e12)],
  ["a few distinct amounts, most of them tied (selected)", (r: () => number) => [9.5, 19.9, 49.99][Math.floor(r() ** 4 * 3)] as number],
  ["amounts in order, and in reverse order (selected)", (() => { let k = 0; return () => (k++ % 2 === 0 ? k / 3 : 1e6 - k / 3); })()],
])("%s", (_name, draw) => {
  const random = seededRandom(11);
  for (const n of [1, 2, 3, 7, 100, 5001, 100_003]) {
    const values = Array.from({ length: n }, () => draw(random));
    expect(percentilesInc(values, FRACTIONS)).toEqual(bySorting(values));
  }
});

test("DOMAIN.md's PERCENTILE.INC example and a single value", () => {
  expect(percentilesInc([1, 2, 3, 4], [0.2])).toEqual([1.6]);
  expect(percentilesInc([5], [0.2, 0.8])).toEqual([5, 5]);
  expect(() => percentilesInc([], [0.5])).toThrow(RangeError);
});
