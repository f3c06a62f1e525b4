/**
 * Demo data sets for the report: realistic enough to show every section working, generated from a
 * fixed seed so that the same report comes out every time (and tests can recompute it).
 */
import { periodIndex } from "../core/periods";
import { simulateBgNbdRepeats, type BgNbdParameters } from "../core/numeric/randomDraws";
import { seededRandom } from "../core/numeric/seededRandom";
import type { Localized } from "../i18n/locale";

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
  /** Its units (region, channel, …), as the report's unit columns name them (ReportOptions.unitNames). */
  readonly units?: readonly Localized[];
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

/** A month of the sample, in days (365.25 / 12), for counting months back from the period end. */
const DAYS_PER_MONTH = 30.44;

/** Each customer's first purchase, in days before the period end. */
function firstPurchases(transactions: readonly { customer: string; daysBeforeEnd: number }[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const tx of transactions) first.set(tx.customer, Math.max(first.get(tx.customer) ?? -Infinity, tx.daysBeforeEnd));
  return first;
}

/**
 * The figures a user would type beside their transactions, taken from the sample transactions
 * themselves, so that the sample's inputs agree with its tables: over the last year before the
 * period end, the average order value, purchases per buyer and monthly revenue per buyer; over the
 * last month (30 days), the buyers, repeat buyers, orders and revenue, the new customers (whose first
 * purchase falls in it), the customers active at its start (a purchase in the `lapseDays` before) and
 * those of them who lapsed in it (their `lapseDays` without a purchase ran out in the month).
 */
export function sampleFigures(transactions: readonly { customer: string; daysBeforeEnd: number; amount: number }[], lapseDays = 90): {
  averageOrderValue: number; purchasesPerYear: number; monthlyRevenuePerCustomer: number;
  buyingCustomers: number; repeatCustomers: number; orders: number; revenue: number; newCustomers: number; customersStart: number; customersLost: number;
} {
  const year = transactions.filter((tx) => tx.daysBeforeEnd < 365);
  const month = transactions.filter((tx) => tx.daysBeforeEnd < 30);
  const yearRevenue = year.reduce((sum, tx) => sum + tx.amount, 0);
  const yearBuyers = new Set(year.map((tx) => tx.customer)).size;
  const ordersOf = new Map<string, number>();
  for (const tx of month) ordersOf.set(tx.customer, (ordersOf.get(tx.customer) ?? 0) + 1);
  const first = firstPurchases(transactions);
  const lastBefore = new Map<string, number>();
  for (const tx of transactions) {
    if (tx.daysBeforeEnd >= 30) lastBefore.set(tx.customer, Math.min(lastBefore.get(tx.customer) ?? Infinity, tx.daysBeforeEnd));
  }
  // Active at the month's start: a purchase in the lapse window before it; lapsed: the window ran out
  // in the month (the last purchase lapseDays to lapseDays + 30 days before the end), none since.
  const activeAtStart = [...lastBefore].filter(([, days]) => days < 30 + lapseDays).map(([customer]) => customer);
  const lapsed = activeAtStart.filter((customer) => (lastBefore.get(customer) as number) >= lapseDays && !ordersOf.has(customer));
  const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
  return {
    averageOrderValue: round(yearRevenue / year.length, 2),
    purchasesPerYear: round(year.length / yearBuyers, 1),
    monthlyRevenuePerCustomer: round(yearRevenue / yearBuyers / 12, 2),
    buyingCustomers: ordersOf.size,
    repeatCustomers: [...ordersOf.values()].filter((orders) => orders > 1).length,
    orders: month.length,
    revenue: month.reduce((sum, tx) => sum + tx.amount, 0),
    newCustomers: [...first.values()].filter((days) => days < 30).length,
    customersStart: activeAtStart.length,
    customersLost: lapsed.length,
  };
}

/**
 * The sample's acquisition by channel and month, for the `months` calendar months up to the month of
 * `periodEnd` (0: that month): the customers whose first purchase falls in a month, as the report
 * dates the purchases (periodEnd − daysBeforeEnd), so each month's rows add up to the new customers
 * the transactions give (issue 22, item 9), split between search ads (half, rounded up) and social
 * media, each with its spend, a fixed part and so much per customer won. A channel that won nobody in
 * a month has no row.
 */
export function sampleChannels(transactions: readonly { customer: string; daysBeforeEnd: number }[], months: number, periodEnd: number): { channel: "search" | "social"; monthsBeforeEnd: number; spend: number; newCustomers: number }[] {
  const first = firstPurchases(transactions);
  const won = new Array<number>(months).fill(0);
  const endMonth = periodIndex(periodEnd, "month");
  for (const days of first.values()) {
    const month = endMonth - periodIndex(periodEnd - days, "month");
    if (month >= 0 && month < months) won[month] = (won[month] as number) + 1;
  }
  return won.flatMap((count, month) => {
    const search = Math.ceil(count / 2);
    const social = count - search;
    return [
      ...(search > 0 ? [{ channel: "search" as const, monthsBeforeEnd: month, spend: 150 + 380 * search, newCustomers: search }] : []),
      ...(social > 0 ? [{ channel: "social" as const, monthsBeforeEnd: month, spend: 100 + 260 * social, newCustomers: social }] : []),
    ];
  });
}

/**
 * Dated survey answers for the months before the last one (`months` of them, `perMonth` answers
 * each), so NPS and CSAT trend: respondents are promoters, passives or detractors with shares that
 * improve month by month, and their CSAT (1–5) and CSI (1–10) answers go with their NPS answer.
 * Dates are days before the period end, each month counted as 30.44 days.
 */
export function sampleSurvey(seed: number, months: number, perMonth: number): { nps: number[]; csat: number[]; csi: number[]; daysBeforeEnd: number[] } {
  const random = seededRandom(seed);
  const pick = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));
  const survey = { nps: [] as number[], csat: [] as number[], csi: [] as number[], daysBeforeEnd: [] as number[] };
  for (let month = 1; month <= months; month++) {
    // The further back, the fewer promoters and the more detractors.
    const age = month / months;
    const promoters = 0.45 - 0.15 * age;
    const detractors = 0.2 + 0.12 * age;
    for (let k = 0; k < perMonth; k++) {
      const draw = random();
      const kind = draw < promoters ? 2 : draw < promoters + detractors ? 0 : 1;
      survey.nps.push(kind === 2 ? pick(9, 10) : kind === 1 ? pick(7, 8) : pick(0, 6));
      survey.csat.push(kind === 2 ? pick(4, 5) : kind === 1 ? pick(3, 4) : pick(1, 3));
      survey.csi.push(kind === 2 ? pick(8, 10) : kind === 1 ? pick(6, 8) : pick(1, 6));
      survey.daysBeforeEnd.push(Math.floor(month * DAYS_PER_MONTH) + Math.floor(random() * 28));
    }
  }
  return survey;
}

/** The sample's regions and channels, in both languages (DOMAIN.md §8: units of the business). */
const REGIONS: readonly Localized[] = [{ "en-US": "East", "zh-CN": "华东" }, { "en-US": "South", "zh-CN": "华南" }, { "en-US": "North", "zh-CN": "华北" }];
const CHANNELS: readonly Localized[] = [{ "en-US": "Online", "zh-CN": "线上" }, { "en-US": "Store", "zh-CN": "门店" }];

/**
 * Each sample purchase's region and channel, with a story a manager would read in the by-unit table:
 * East grows (most customers won in the last year are there) while North shrinks (its customers are
 * the old ones, and it wins few new); each customer buys in a home region, one purchase in ten in
 * another (so some are active in two); the online share rises from a quarter to two thirds over the
 * sample's years. Drawn from a seed of their own, so the purchases themselves are the same as without units.
 */
export function sampleUnits(seed: number, transactions: readonly { customer: string; daysBeforeEnd: number }[], days: number): [Localized, Localized][] {
  const random = seededRandom(seed);
  const first = firstPurchases(transactions);
  const home = new Map<string, number>();
  // East, South, North by when the customer first bought: in the last 13 months (the trend) mostly
  // East, the year before that evenly, earlier mostly North.
  const weights = [[0.65, 0.3, 0.05], [0.3, 0.3, 0.4], [0.1, 0.3, 0.6]] as const;
  for (const [customer, daysAgo] of first) {
    const [east, south] = weights[daysAgo < 396 ? 0 : daysAgo < 761 ? 1 : 2];
    const u = random();
    home.set(customer, u < east ? 0 : u < east + south ? 1 : 2);
  }
  return transactions.map((tx) => {
    const own = home.get(tx.customer) as number;
    const region = random() < 0.1 ? (own + 1 + Math.floor(random() * 2)) % 3 : own;
    const online = random() < 0.25 + 0.42 * (1 - tx.daysBeforeEnd / days);
    return [REGIONS[region] as Localized, CHANNELS[online ? 0 : 1] as Localized];
  });
}
