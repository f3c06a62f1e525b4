/**
 * Demo data sets for the report: realistic enough to show every section working, generated from a
 * fixed seed so that the same report comes out every time (and tests can recompute it).
 */

import { simulateBgNbdRepeats, type BgNbdParameters } from "../core/numeric/randomDraws";
import { seededRandom } from "../core/numeric/seededRandom";

/**
 * What an input cell holds: a number, or text (an id, or what a user typed where a number belongs,
 * which a refreshed report writes back unchanged so that the sheet shows the same error).
 */
export type CellValue = number | string;

/** One purchase: the customer, when (a date serial, or days before the period end), and its amount. */
export interface TransactionInput {
  readonly customer: CellValue;
  readonly daysBeforeEnd?: number;
  readonly date?: CellValue;
  readonly amount: CellValue;
}

/** One customer's interaction counts in the period, for the engagement score. */
export interface EngagementInput {
  readonly customer: CellValue;
  readonly visits: CellValue;
  readonly interactions: CellValue;
  readonly usageHours: CellValue;
}

/** How the sample customers buy (BG/NBD, per week): about 0.8 purchases a month while active, and a one-in-four chance of leaving after each. */
const SAMPLE_BUYING: BgNbdParameters = { r: 0.9, alpha: 5, a: 0.7, b: 2.2 };

/**
 * `days` of purchases (a year by default) by `customers` customers ("C-1001", …), who join at any
 * time in it and buy as BG/NBD assumes: some often, many once or twice, some stopped months ago.
 * So the sample's lifetime-value fit converges and its months show new, returning and lapsed
 * customers. Rows are in date order, as a sales export would be. Engagement counts go with each
 * customer's buying habit.
 */
export function sampleCustomers(seed: number, customers: number, days = 365): { transactions: { customer: string; daysBeforeEnd: number; amount: number }[]; engagement: EngagementInput[] } {
  const random = seededRandom(seed);
  const transactions: { customer: string; daysBeforeEnd: number; amount: number }[] = [];
  const engagement: EngagementInput[] = [];
  for (let k = 0; k < customers; k++) {
    const customer = `C-${1001 + k}`;
    const firstDaysAgo = Math.floor(random() * days);
    const basket = 40 + Math.round(random() * 46) * 10;
    const purchase = (daysBeforeEnd: number): void => void transactions.push({ customer, daysBeforeEnd, amount: Math.round(basket * (0.6 + 0.8 * random())) });
    purchase(firstDaysAgo);
    const repeats = simulateBgNbdRepeats(random, SAMPLE_BUYING, firstDaysAgo / 7);
    for (const weeks of repeats) purchase(Math.max(0, firstDaysAgo - Math.floor(weeks * 7)));
    const purchases = 1 + repeats.length;
    engagement.push({
      customer,
      visits: 2 + purchases * 3 + Math.floor(random() * 10),
      interactions: purchases + Math.floor(random() * 20),
      usageHours: Math.round((purchases * 2 + random() * 40) * 10) / 10,
    });
  }
  transactions.sort((a, b) => b.daysBeforeEnd - a.daysBeforeEnd);
  return { transactions, engagement };
}
