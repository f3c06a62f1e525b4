import { customerSatisfaction, customerSatisfactionIndex, engagementScores, netPromoterScore, netPromoterScoreFromCounts } from "../../src/core";
import { expectClose } from "../helpers/close";
import { errorOf } from "../helpers/errors";


const repeat = (value: number, times: number): number[] => new Array<number>(times).fill(value);

describe("NPS (shared/DOMAIN.md §2)", () => {
  test("50 promoters, 30 passives, 20 detractors → NPS 30, SE 7.81, margin ±15.31", () => {
    const result = netPromoterScore([...repeat(10, 25), ...repeat(9, 25), ...repeat(8, 15), ...repeat(7, 15), ...repeat(0, 20)]);
    expect(result.promoters).toBe(50);
    expect(result.passives).toBe(30);
    expect(result.detractors).toBe(20);
    expectClose(result.score, 30, 1e-12);
    expectClose(result.standardError, 7.81, 0.005);
    expectClose(result.marginOfError, 15.31, 0.005);
    // Exact: SE = 100·√((0.5 + 0.2 − 0.09)/100) = √61 ≈ 7.8102
    expectClose(result.standardError, Math.sqrt(61), 1e-12);
  });
  test("scores span −100 to 100", () => {
    expect(netPromoterScore([10, 9]).score).toBe(100);
    expect(netPromoterScore([0, 6]).score).toBe(-100);
    expect(netPromoterScore([7, 8]).score).toBe(0);
  });
  test("an answer outside 0–10 or not whole is bad input, not a detractor", () => {
    for (const bad of [11, -1, 6.5, NaN]) {
      const error = errorOf(() => netPromoterScore([9, bad]));
      expect(error.key).toBe("npsAnswer");
      expect(error.location).toEqual({ argument: "scores", index: 1 });
    }
  });
  test("no answers is #N/A", () => {
    expect(errorOf(() => netPromoterScoreFromCounts(0, 0, 0)).kind).toBe("na");
  });
  test("the standard error is 0 when everybody agrees", () => {
    expect(netPromoterScore([10, 10, 10]).standardError).toBe(0);
  });
});

describe("CSAT (shared/DOMAIN.md §1)", () => {
  test("10 answers, 7 of them 4 or 5 → 70 %", () => {
    expect(customerSatisfaction([5, 4, 4, 5, 5, 4, 4, 3, 2, 1])).toBe(0.7);
  });
  test("top box only, and other scales", () => {
    expect(customerSatisfaction([5, 4, 3, 5], 5, 1)).toBe(0.5);
    expect(customerSatisfaction([7, 6, 5, 1], 7, 2)).toBe(0.5);
  });
  test("answers off the scale are refused with the scale in the message", () => {
    const error = errorOf(() => customerSatisfaction([5, 6]));
    expect(error.message).toBe("scores: 6 is not an answer on the 1 to 5 scale.");
    expect(error.location.index).toBe(1);
    expect(errorOf(() => customerSatisfaction([0])).key).toBe("scaleAnswer");
    expect(errorOf(() => customerSatisfaction([4.5])).key).toBe("scaleAnswer");
  });
  test("a bad scale or top-box count is refused", () => {
    expect(errorOf(() => customerSatisfaction([1], 5, 6)).key).toBe("outOfRange");
    expect(errorOf(() => customerSatisfaction([1], 4.5)).key).toBe("notWhole");
  });
});

describe("CSI (shared/DOMAIN.md §2)", () => {
  test("(mean − 1) / 9 × 100 by hand: answers 10, 7, 4 → mean 7 → 66.67", () => {
    expectClose(customerSatisfactionIndex([10, 7, 4]), (6 / 9) * 100, 1e-12);
  });
  test("importance weights: 10 weighted 3, 1 weighted 1 → mean 7.75 → 75", () => {
    expectClose(customerSatisfactionIndex([10, 1], [3, 1]), 75, 1e-12);
  });
  test("ends of the scale are 0 and 100", () => {
    expect(customerSatisfactionIndex([1, 1])).toBe(0);
    expect(customerSatisfactionIndex([10])).toBe(100);
  });
  test("bad answers and weights are refused", () => {
    expect(errorOf(() => customerSatisfactionIndex([11])).key).toBe("scaleAnswer");
    expect(errorOf(() => customerSatisfactionIndex([5, 6], [0, 0])).key).toBe("weightsZero");
    expect(errorOf(() => customerSatisfactionIndex([5, 6], [1, -1])).key).toBe("negative");
  });
});

describe("engagement (shared/DOMAIN.md §1)", () => {
  test("equal weights, a customer at the max of every measure → 100", () => {
    const scores = engagementScores({ measures: [10, 3, 5, 1, 0, 0], customers: 3, measureCount: 2 });
    expect(scores[0]).toBe(100);
    expect(scores[2]).toBe(0);
    // customer 2: (5−0)/10 = 0.5 and (1−0)/3 → (0.5 + 1/3)/2 × 100
    expectClose(scores[1] as number, ((0.5 + 1 / 3) / 2) * 100, 1e-12);
  });
  test("weights tilt the composite", () => {
    const scores = engagementScores({ measures: [10, 0, 0, 3], customers: 2, measureCount: 2, weights: [3, 1] });
    expect(Array.from(scores)).toEqual([75, 25]);
  });
  test("a measure on which all customers are equal is left out", () => {
    const scores = engagementScores({ measures: [5, 10, 5, 0], customers: 2, measureCount: 2 });
    expect(Array.from(scores)).toEqual([100, 0]);
  });
  test("no varying measure is #N/A, zero weights #VALUE!", () => {
    expect(errorOf(() => engagementScores({ measures: [1, 2], customers: 1, measureCount: 2 })).key).toBe("noVariation");
    expect(errorOf(() => engagementScores({ measures: [1, 2, 3, 4], customers: 2, measureCount: 2, weights: [0, 0] })).key).toBe("weightsZero");
  });
  test("every score stays within 0..100", () => {
    const measures = Array.from({ length: 300 }, (_, i) => Math.sin(i) * 1000);
    for (const score of engagementScores({ measures, customers: 100, measureCount: 3 })) {
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(100 + 1e-9);
    }
  });
});

describe("huge inputs never overflow to Infinity or NaN", () => {
  test("CSI and engagement with weights near the largest double", () => {
    expect(customerSatisfactionIndex([2], [8.98846567431158e307])).toBeCloseTo((1 / 9) * 100, 12);
    expect(customerSatisfactionIndex([10, 1], [1e308, 1e308])).toBe(50);
    expect(Array.from(engagementScores({ measures: [0, 1], customers: 2, measureCount: 1, weights: [1e308] }))).toEqual([0, 100]);
  });
  test("engagement with measures spanning more than the largest double", () => {
    expect(Array.from(engagementScores({ measures: [-1.5e308, 0, 1.5e308], customers: 3, measureCount: 1 }))).toEqual([0, 50, 100]);
  });
});

test("the tiniest positive weights still weigh (no overflow of their scale)", () => {
  expect(Array.from(engagementScores({ measures: [0, 1], customers: 2, measureCount: 1, weights: [5e-324] }))).toEqual([0, 100]);
  expect(customerSatisfactionIndex([10, 1], [5e-324, 5e-324])).toBe(50);
});
