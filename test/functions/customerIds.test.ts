/**
 * Transaction tables number their customers by one of two paths: a plain array for the usual id
 * columns (whole numbers, or a few prefixes each with digits of one length or without leading zeros) and a hash table for any other.
 * Both must group exactly as the core's groupCustomers does (case and surrounding spaces ignored,
 * the number 1001 equal to the text "1001"), whichever path a column takes.
 */
import { rfmAnalysis } from "../../src/core/rfmAnalysis";
import * as cx from "../../src/functions/functions";
import { invocation } from "../helpers/excel";
import { seededRandom } from "../helpers/simulate";

const inv = invocation();

/** The RFM table the core gives for the same purchases, with the add-in's header. */
function coreTable(ids: readonly (string | number)[], dates: readonly number[], amounts: readonly number[]): unknown[][] {
  const result = rfmAnalysis({ customerIds: ids, dates, amounts });
  return result.customers.map((customer, i) => [customer, result.recencyDays[i], result.frequency[i], result.monetary[i]]);
}

describe.each([
  ["text ids of one prefix and fixed digits (array path)", (n: number) => `C${String(n).padStart(6, "0")}`],
  ["text ids of one prefix and any count of digits without leading zeros (array path, one pass)", (n: number) => `C${n}`],
  ["digits of different lengths with leading zeros: C07 is not C7 (hash path)", (n: number) => (n % 4 === 0 ? `C0${n % 50}` : `C${n % 50}`)],
  ["a few prefixes, digits of varying length, one far from zero (array path, lowest and highest first)", (n: number) => (n % 3 === 0 ? `A-${1_000_000 + n}` : n % 3 === 1 ? `C${n}` : `KD${String(n).padStart(5, "0")}`)],
  ["prefixes that differ only in letter case: c7 is C7 (hash path)", (n: number) => (n % 3 === 0 ? `c${n % 700}` : `C${n % 700}`)],
  ["more prefixes than the array path takes (hash path)", (n: number) => `${"ABCDEFGHIJ"[n % 10] as string}-${n}`],
  ["the same number under two prefixes is two customers (array path)", (n: number) => (n % 3 === 0 ? `A${n % 700}` : `B${n % 700}`)],
  ["prefixes that start alike: CA7, CB7 and C7 are three customers (array path)", (n: number) => (n % 3 === 0 ? `CA${n % 700}` : n % 3 === 1 ? `CB${n % 700}` : `C${n % 700}`)],
  ["a prefix in Chinese beside a Latin one (array path)", (n: number) => (n % 2 === 0 ? `客${n}` : `C${n}`)],
  ["whole-number ids far from zero (array path, lowest and highest first)", (n: number) => 500_000 + n],
  ["whole-number ids from zero (array path, one pass)", (n: number) => n],
  ["negative whole numbers (array path)", (n: number) => -n],
  ["ids that differ only in letter case (hash path)", (n: number) => (n % 3 === 0 ? `c${String(n).padStart(6, "0")}` : `C${String(n).padStart(6, "0")}`)],
  ["numbers and the same numbers as text (hash path)", (n: number) => (n % 2 === 0 ? 1000 + n : String(1000 + n))],
  ["ids with surrounding spaces (hash path)", (n: number) => (n % 5 === 0 ? ` K-${n} ` : `K-${n}`)],
  ["numbers spread too thinly for an array (hash path)", (n: number) => n * 1_000_003],
  ["fractional numbers (hash path)", (n: number) => n + 0.5],
])("%s", (_name, idOf) => {
  test("group exactly as the core does, customers in order of first appearance", () => {
    const random = seededRandom(7);
    const rows = 5000;
    const ids = Array.from({ length: rows }, () => idOf(Math.floor(random() * 1500)));
    const dates = Array.from({ length: rows }, () => 45_000 + Math.floor(random() * 400));
    const amounts = Array.from({ length: rows }, () => Math.round(random() * 10_000) / 100);
    const column = (values: readonly unknown[]): unknown[][] => values.map((value) => [value]);
    const table = cx.RFM(column(ids), column(dates), column(amounts), null, "en-US", inv);
    expect(table.slice(1).map((row) => row.slice(0, 4))).toEqual(coreTable(ids, dates, amounts));
  });
});

test("rows blank in every column are skipped, and the array path numbers the rest as the core does", () => {
  const random = seededRandom(11);
  const rows = 5000;
  const blank = (r: number): boolean => r % 97 === 5;
  const ids = Array.from({ length: rows }, (_, r) => (blank(r) ? "" : `C${Math.floor(random() * 1500)}`));
  const dates = Array.from({ length: rows }, (_, r) => (blank(r) ? "" : 45_000 + Math.floor(random() * 400)));
  const amounts = Array.from({ length: rows }, (_, r) => (blank(r) ? "" : Math.round(random() * 10_000) / 100));
  const column = (values: readonly unknown[]): unknown[][] => values.map((value) => [value]);
  const table = cx.RFM(column(ids), column(dates), column(amounts), null, "en-US", inv);
  const kept = (values: readonly unknown[]): never[] => values.filter((_, r) => !blank(r)) as never[];
  expect(table.slice(1).map((row) => row.slice(0, 4))).toEqual(coreTable(kept(ids), kept(dates), kept(amounts)));
});
