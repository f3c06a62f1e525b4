/**
 * RFM, REPURCHASE_RATE and INACTIVE_SHARE add a transaction table up per customer straight from its
 * date and amount cells when its customers take the array path and every cell is a number in range
 * (readPurchases' one pass), and read it the usual way otherwise. Either way the figures are the
 * core's, and a bad cell gets the message that names it, as before the one pass existed.
 */
import { inactiveShare } from "../../src/core/inactiveShare";
import { repurchaseRate } from "../../src/core/repurchaseRate";
import { rfmAnalysis } from "../../src/core/rfmAnalysis";
import * as cx from "../../src/functions/functions";
import { column, invocation, outcome, single, table } from "../helpers/excel";
import { seededRandom } from "../helpers/simulate";

const inv = invocation();
const ROWS = 3000; // past the 1,024 rows below which the array path is not tried

function purchases(seed: number): { ids: string[]; dates: unknown[]; amounts: unknown[] } {
  const random = seededRandom(seed);
  return {
    ids: Array.from({ length: ROWS }, () => `C${Math.floor(random() * 800)}`),
    dates: Array.from({ length: ROWS }, () => 45_000 + Math.floor(random() * 400) + (random() < 0.1 ? 0.75 : 0)),
    amounts: Array.from({ length: ROWS }, () => Math.round(random() * 10_000) / 100),
  };
}

/** RFM's first four columns as the core computes them from the same purchases. */
function coreRfm(ids: readonly string[], dates: readonly number[], amounts: readonly number[], asOf?: number): unknown[][] {
  const result = rfmAnalysis({ customerIds: ids, dates, amounts, ...(asOf === undefined ? {} : { asOf }) });
  return result.customers.map((customer, i) => [customer, result.recencyDays[i], result.frequency[i], result.monetary[i]]);
}

const firstColumns = (rows: unknown[][]): unknown[][] => rows.slice(1).map((row) => row.slice(0, 4));

test("a table of numbers in range, read in one pass: the core's figures, times of day and purchases after as_of included", () => {
  const { ids, dates, amounts } = purchases(3);
  const asOf = 45_300;
  expect(firstColumns(table(() => cx.RFM(column(...ids), column(...dates), column(...amounts), [[asOf]], "en-US", inv))))
    .toEqual(coreRfm(ids, dates as number[], amounts as number[], asOf));
  expect(single(() => cx.INACTIVE_SHARE(column(...ids), column(...dates), [[asOf]], 30, inv)))
    .toBeCloseTo(inactiveShare(ids, dates as number[], asOf, 30), 12);
  expect(single(() => cx.REPURCHASE_RATE(column(...ids), inv))).toBeCloseTo(repurchaseRate(ids), 12);
});

test("dates written as text take the usual reader, which reads them as dates: the same figures as numbers give", () => {
  const { ids, dates, amounts } = purchases(5);
  const asText = dates.map((date, r) => (r % 500 === 7 ? "2023-03-01" : date));
  const asNumbers = dates.map((date, r) => (r % 500 === 7 ? 44_986 : date)); // 2023-03-01
  expect(firstColumns(table(() => cx.RFM(column(...ids), column(...asText), column(...amounts), null, "en-US", inv))))
    .toEqual(coreRfm(ids, asNumbers as number[], amounts as number[]));
});

describe("a bad cell found by the one pass gets the usual reader's message, naming its cell", () => {
  const at = invocation(["Sales!$A$2:$A$3001", "Sales!$B$2:$B$3001", "Sales!$C$2:$C$3001", "", ""]);
  const rfm = (dates: unknown[], amounts: unknown[]) => outcome(() => cx.RFM(column(...purchases(9).ids), column(...dates), column(...amounts), null, "en-US", at));

  test("a negative amount", () => {
    const { dates, amounts } = purchases(9);
    amounts[2041] = -12.5;
    expect(rfm(dates, amounts)).toEqual({ kind: "error", code: "#VALUE!", message: "amounts (Sales!C2043) is -12.5; it cannot be negative." });
  });

  test("a negative amount after as_of does not count, as before", () => {
    const { ids, dates, amounts } = purchases(9);
    dates[2041] = 46_000;
    amounts[2041] = -12.5;
    const result = table(() => cx.RFM(column(...ids), column(...dates), column(...amounts), [[45_500]], "en-US", at));
    const kept = (values: readonly unknown[]) => values.filter((_, r) => r !== 2041) as never[];
    expect(firstColumns(result)).toEqual(coreRfm(kept(ids), kept(dates), kept(amounts), 45_500));
  });

  test("text in the amounts, a blank date, and a date before 1900 are named by the cell, the first bad column first", () => {
    const { dates, amounts } = purchases(9);
    amounts[10] = "12,50";
    expect(rfm(dates, amounts)).toEqual({ kind: "error", code: "#VALUE!", message: 'amounts (Sales!C12): "12,50" is text, not a number; convert the cells to numbers.' });
    dates[2500] = "";
    expect(rfm(dates, amounts)).toMatchObject({ kind: "error", code: "#N/A", message: expect.stringContaining("dates (Sales!B2502)") });
    dates[2500] = 45_000;
    dates[300] = -3;
    expect(rfm(dates, amounts)).toMatchObject({ kind: "error", code: "#VALUE!", message: expect.stringContaining("dates (Sales!B302)") });
  });
});
