/** The CDNOW sample of shared/data/cdnow (Fader, Hardie & Lee 2005), read for tests and benchmarks. */
import { readFileSync } from "node:fs";
import path from "node:path";

const folder = path.resolve(__dirname, "../fixtures/cdnow");
const DAY_MS = 86_400_000;
const EPOCH = Date.UTC(1899, 11, 30);

/** Excel serial of a YYYYMMDD date. */
export function serialOf(yyyymmdd: string): number {
  const ms = Date.UTC(Number(yyyymmdd.slice(0, 4)), Number(yyyymmdd.slice(4, 6)) - 1, Number(yyyymmdd.slice(6, 8)));
  return (ms - EPOCH) / DAY_MS;
}

/** The 6,919 transactions: customer id, date (Excel serial), dollar value. */
export function cdnowTransactions(): { ids: number[]; dates: number[]; amounts: number[] } {
  const lines = readFileSync(path.join(folder, "CDNOW_sample.txt"), "utf8").trim().split(/\r?\n/);
  const ids: number[] = [];
  const dates: number[] = [];
  const amounts: number[] = [];
  for (const line of lines) {
    const [master, , date, , dollars] = line.trim().split(/\s+/);
    ids.push(Number(master));
    dates.push(serialOf(date as string));
    amounts.push(Number(dollars));
  }
  return { ids, dates, amounts };
}

/** The published calibration summary (weeks, to 1997-09-30): ID, x, t_x, T, zbar. */
export function cdnowSummary(): { frequency: number[]; recency: number[]; age: number[]; meanSpend: number[] } {
  const rows = readFileSync(path.join(folder, "cdnow_customers_summary_with_transactions.csv"), "utf8").trim().split(/\r?\n/).slice(1).map((line) => line.split(",").map(Number));
  return {
    frequency: rows.map((row) => row[1] as number),
    recency: rows.map((row) => row[2] as number),
    age: rows.map((row) => row[3] as number),
    meanSpend: rows.map((row) => row[4] as number),
  };
}
