/**
 * summarizePurchases, the first step of RFM, repurchase rate and inactive share: each customer's
 * count, first and last whole day and total, worked out by hand and against a plain reference.
 */
import { summarizePurchases } from "../../src/core/prep/summarizePurchases";
import { seededRandom } from "../helpers/simulate";

/** The summary by a plain loop over a Map: count, first and last whole day, total, of purchases up to the cutoff. */
function reference(ids: readonly string[], dates: readonly number[], amounts: readonly number[], asOf = Infinity) {
  const byId = new Map<string, { purchases: number; first: number; last: number; total: number }>();
  ids.forEach((id, i) => {
    const day = Math.floor(dates[i] as number);
    if (day > Math.floor(asOf)) return;
    const key = id.toLowerCase();
    const known = byId.get(key) ?? { purchases: 0, first: Infinity, last: -Infinity, total: 0 };
    byId.set(key, { purchases: known.purchases + 1, first: Math.min(known.first, day), last: Math.max(known.last, day), total: known.total + (amounts[i] as number) });
  });
  return byId;
}

const asRows = (summary: ReturnType<typeof summarizePurchases>) =>
  [...summary.purchases].map((purchases, i) => ({ purchases, first: summary.firstDay[i], last: summary.lastDay[i], total: summary.total[i] }));

test("a worked example: two customers, one purchase after the cutoff left out", () => {
  const summary = summarizePurchases({ customerIds: ["a", "b", "A", "a"], dates: [45000.7, 45010, 44990, 45100], amounts: [10, 5, 2.5, 99], asOf: 45050 });
  expect(summary.labels).toEqual(["a", "b"]);
  expect(asRows(summary)).toEqual([{ purchases: 2, first: 44990, last: 45000, total: 12.5 }, { purchases: 1, first: 45010, last: 45010, total: 5 }]);
  expect(summary.latestDay).toBe(45010);
});

test("days far beyond Excel's calendar, and no days at all", () => {
  const far = summarizePurchases({ customerIds: ["a", "a", "b"], dates: [1e12, 3e12 + 0.5, 5], amounts: [1, 2, 3] });
  expect(asRows(far)).toEqual([{ purchases: 2, first: 1e12, last: 3e12, total: 3 }, { purchases: 1, first: 5, last: 5, total: 3 }]);
  const none = summarizePurchases({ customerIds: ["a", "b", "a"] });
  expect([...none.purchases]).toEqual([2, 1]);
  expect([...none.firstDay].every(Number.isNaN)).toBe(true);
  expect(none.latestDay).toBe(-Infinity);
});

test("a negative amount is #VALUE!, naming its row", () => {
  expect(() => summarizePurchases({ customerIds: ["a", "b"], dates: [45000, 45001], amounts: [1, -2] })).toThrow(expect.objectContaining({ location: expect.objectContaining({ index: 1 }) }));
  expect(() => summarizePurchases({ customerIds: ["a", "b"], dates: [1e12, 45001], amounts: [1, -2] })).toThrow(expect.objectContaining({ location: expect.objectContaining({ index: 1 }) }));
});

test("random tables: the same summary as the plain reference, with and without a cutoff", () => {
  const random = seededRandom(23);
  for (let t = 0; t < 50; t++) {
    const rows = 1 + Math.floor(random() * 3000);
    const ids = Array.from({ length: rows }, () => `C${Math.floor(random() * 300)}`);
    const dates = Array.from({ length: rows }, () => 44000 + random() * 800);
    const amounts = Array.from({ length: rows }, () => Math.round(random() * 10_000) / 100);
    const asOf = t % 2 === 0 ? undefined : 44400;
    let summary: ReturnType<typeof summarizePurchases> | undefined;
    try {
      summary = summarizePurchases({ customerIds: ids, dates, amounts, ...(asOf === undefined ? {} : { asOf }) });
    } catch {
      // (every purchase after the cutoff: #N/A, as the reference's empty list)
    }
    // (by customer: the summary lists them in order of first appearance in the whole table)
    const rounded = <T extends { total: number | undefined }>(row: T): T => ({ ...row, total: Number(row.total?.toFixed(6)) });
    const expected = Object.fromEntries([...reference(ids, dates, amounts, asOf)].map(([id, row]) => [id, rounded(row)]));
    const got = summary === undefined ? {} : Object.fromEntries(asRows(summary).map((row, i) => [String(summary?.labels[i]).toLowerCase(), rounded(row)]));
    expect(got).toEqual(expected);
  }
});
