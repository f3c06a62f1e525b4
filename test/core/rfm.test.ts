import {
  groupCustomers, inactiveShare, percentileIncSorted, quintileCutPoints, repurchaseRate, rfmAnalysis, rfmScores, rfmSegment,
} from "../../src/core";
import { errorOf } from "../helpers/errors";


describe("PERCENTILE.INC", () => {
  test("matches Excel's documented examples: PERCENTILE.INC({1,2,3,4}, 0.3) = 1.9", () => {
    expect(percentileIncSorted([1, 2, 3, 4], 0.3)).toBeCloseTo(1.9, 14);
  });
  test("ends are the minimum and maximum", () => {
    expect(percentileIncSorted([3, 8, 9], 0)).toBe(3);
    expect(percentileIncSorted([3, 8, 9], 1)).toBe(9);
    expect(percentileIncSorted([7], 0.6)).toBe(7);
  });
  test("quintile cut points of 1..10 by hand: h = 9p → 2.8, 4.6, 6.4, 8.2", () => {
    const cuts = quintileCutPoints([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    [2.8, 4.6, 6.4, 8.2].forEach((expected, k) => expect(cuts[k]).toBeCloseTo(expected, 12));
  });
});

describe("RFM scores (shared/DOMAIN.md §4)", () => {
  test("frequency 1..10 scores by the cut points 2.8/4.6/6.4/8.2", () => {
    const frequency = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const scores = rfmScores(frequency, frequency, frequency);
    expect(Array.from(scores.frequency)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    // Recency is reversed: the smallest number of days gets 5.
    expect(Array.from(scores.recency)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    expect(scores.code[0]).toBe(511);
  });
  test("ties are never split by row order", () => {
    const frequency = [1, 1, 1, 1, 1, 1, 2, 2, 3, 9];
    const scores = rfmScores(frequency.map(() => 5), frequency, frequency);
    const byValue = new Map<number, Set<number>>();
    frequency.forEach((f, i) => byValue.set(f, (byValue.get(f) ?? new Set()).add(scores.frequency[i] as number)));
    for (const set of byValue.values()) expect(set.size).toBe(1);
    // Cut points: 1, 1, 1.4, 2.2 → f=1 scores 1, f=2 scores 4, f=3 and 9 score 5.
    expect(Array.from(scores.frequency)).toEqual([1, 1, 1, 1, 1, 1, 4, 4, 5, 5]);
    // Everyone has the same recency: nobody is below any cut point, so all get 1.
    expect(new Set(scores.recency)).toEqual(new Set([1]));
  });
  test("one customer scores 1 on F and M and 1 on R (nothing is above or below itself)", () => {
    const scores = rfmScores([3], [4], [50]);
    expect(Array.from(scores.code)).toEqual([111]);
  });
  test("negative summaries are refused with their position", () => {
    expect(errorOf(() => rfmScores([1, -2], [1, 1], [1, 1])).location).toEqual({ argument: "recency", index: 1 });
  });
});

describe("RFM segments (the 10-segment map of shared/DOMAIN.md §4)", () => {
  test.each([
    [5, 5, 5, "Champions"],
    [5, 5, 4, "Potential Loyalist"],
    [3, 3, 2, "Potential Loyalist"],
    [2, 2, 2, "Loyal Customers"],
    [4, 2, 4, "Loyal Customers"],
    [3, 1, 3, "Promising"],
    [4, 1, 5, "Promising"],
    [5, 1, 1, "New Customers"],
    [4, 3, 1, "New Customers"],
    [1, 3, 4, "Can't Lose Them"],
    [2, 4, 5, "Can't Lose Them"],
    [1, 5, 4, "At Risk"],
    [1, 2, 5, "At Risk"],
    [3, 5, 1, "Others"],
    [1, 3, 3, "Need Attention"],
    [2, 1, 1, "About To Sleep"],
    [3, 2, 1, "About To Sleep"],
    [1, 1, 1, "Lost"],
    [1, 2, 3, "Lost"],
    [5, 4, 1, "Others"],
  ] as const)("R%i F%i M%i is %s", (r, f, m, segment) => {
    expect(rfmSegment(r, f, m)).toBe(segment);
  });
  test("every one of the 125 score triples gets a segment, and each named rule is reachable", () => {
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let f = 1; f <= 5; f++) for (let m = 1; m <= 5; m++) seen.add(rfmSegment(r, f, m));
    expect(seen.size).toBe(11);
  });
  test("scores outside 1–5 or not whole are refused", () => {
    expect(errorOf(() => rfmSegment(6, 1, 1)).key).toBe("outOfRange");
    expect(errorOf(() => rfmSegment(2.5, 1, 1)).key).toBe("notWhole");
  });
});

describe("customer grouping", () => {
  test("ids match regardless of case, spaces, and number-versus-text", () => {
    const groups = groupCustomers(["C-1", " c-1 ", 1001, "1001", "C-2"]);
    expect(groups.labels).toEqual(["C-1", 1001, "C-2"]);
    expect(Array.from(groups.groupOf)).toEqual([0, 0, 1, 1, 2]);
  });
});

describe("RFM from transactions, worked by hand", () => {
  // Serial 45292 is 2024-01-01. Five customers:
  //   A: 3 purchases, last 45350, total 300      B: 1 purchase, 45300, 20
  //   C: 2 purchases, last 45360, total 500      D: 5 purchases, last 45361, total 1000
  //   E: 1 purchase, 45292, 10
  const ids = ["A", "B", "A", "C", "D", "D", "A", "C", "D", "D", "D", "E"];
  const dates = [45300, 45300, 45320, 45310, 45301, 45302, 45350, 45360, 45303, 45304, 45361, 45292];
  const amounts = [100, 20, 100, 250, 200, 200, 100, 250, 200, 200, 200, 10];

  test("as-of defaults to the day after the last purchase, and recency counts days to it", () => {
    const result = rfmAnalysis({ customerIds: ids, dates, amounts });
    expect(result.asOf).toBe(45362);
    expect(result.customers).toEqual(["A", "B", "C", "D", "E"]);
    expect(Array.from(result.recencyDays)).toEqual([12, 62, 2, 1, 70]);
    expect(Array.from(result.frequency)).toEqual([3, 1, 2, 5, 1]);
    expect(Array.from(result.monetary)).toEqual([300, 20, 500, 1000, 10]);
    // Recency sorted 1,2,12,62,70: cuts at h = 4p → 1.8, 2+0.6·10=8, 12+0.4·50=32, 62+0.2·8=63.6
    // R: 12 → below 32, 63.6 → 3; 62 → below 63.6 → 2; 2 → below 8,32,63.6 → 4; 1 → 5; 70 → 1.
    expect(Array.from(result.scores.recency)).toEqual([3, 2, 4, 5, 1]);
    // F sorted 1,1,2,3,5: cuts 1, 1.6, 2.4, 3.4 → 3 → 4; 1 → 1; 2 → 3; 5 → 5
    expect(Array.from(result.scores.frequency)).toEqual([4, 1, 3, 5, 1]);
    // M sorted 10,20,300,500,1000: cuts 18, 188, 380, 600 → 300 → 3; 20 → 2; 500 → 4; 1000 → 5; 10 → 1
    expect(Array.from(result.scores.monetary)).toEqual([3, 2, 4, 5, 1]);
    expect(Array.from(result.scores.code)).toEqual([343, 212, 434, 555, 111]);
    expect(result.segments).toEqual(["Potential Loyalist", "About To Sleep", "Potential Loyalist", "Champions", "Lost"]);
  });

  test("purchases after an explicit as-of date are left out", () => {
    const result = rfmAnalysis({ customerIds: ids, dates, amounts, asOf: 45305 });
    expect(result.customers).toEqual(["A", "B", "D", "E"]);
    expect(Array.from(result.frequency)).toEqual([1, 1, 4, 1]);
    expect(Array.from(result.recencyDays)).toEqual([5, 5, 1, 13]);
  });

  test("a time of day does not change the day", () => {
    const result = rfmAnalysis({ customerIds: ["A", "A"], dates: [45300.25, 45300.9], amounts: [1, 1] });
    expect(result.asOf).toBe(45301);
    expect(result.recencyDays[0]).toBe(1);
  });

  test("a negative amount is refused at its row; an as-of before every purchase is #N/A", () => {
    expect(errorOf(() => rfmAnalysis({ customerIds: ["A", "B"], dates: [1, 2], amounts: [5, -1] })).location).toEqual({ argument: "amounts", index: 1 });
    expect(errorOf(() => rfmAnalysis({ customerIds: ids, dates, amounts, asOf: 45000 })).kind).toBe("na");
  });

  test("repurchase rate: A, C, D bought twice or more of five customers → 0.6", () => {
    expect(repurchaseRate(ids)).toBe(0.6);
  });

  test("inactive share: more than 30 days without a purchase at 45362 → B (62) and E (70) of five", () => {
    expect(inactiveShare(ids, dates, 45362, 30)).toBe(0.4);
    // exactly at the threshold is still active: A's 12 days with a 12-day threshold
    expect(inactiveShare(["A"], [45350], 45362, 12)).toBe(0);
    expect(inactiveShare(["A"], [45350], 45362, 11)).toBe(1);
  });
});
