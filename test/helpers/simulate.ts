/**
 * Simulates customers from the BG/NBD and Gamma-Gamma models, for recovery tests and benchmarks:
 * purchase rate λ ~ Gamma(r, rate α), dropout probability p ~ Beta(a, b); purchases follow a Poisson
 * process, and after each repeat purchase the customer leaves with probability p (FHL 2005, §2).
 * Spend per purchase ~ Gamma(p, rate ν) with ν ~ Gamma(q, rate γ) per customer (Fader–Hardie).
 */
import { gamma, simulateBgNbdRepeats, type BgNbdParameters } from "../../src/core/numeric/randomDraws";

export { seededRandom } from "../../src/core/numeric/seededRandom";

export { beta, gamma } from "../../src/core/numeric/randomDraws";

export interface SimulatedCustomer {
  /** Purchase times after the first (time 0), up to the end of observation. */
  readonly repeatTimes: number[];
  readonly age: number;
}

/** One customer's repeat purchases in (0, age] under BG/NBD. */
export function simulateBgNbdCustomer(random: () => number, parameters: BgNbdParameters, age: number): SimulatedCustomer {
  return { repeatTimes: simulateBgNbdRepeats(random, parameters, age), age };
}

export interface SimulatedTransactions {
  readonly ids: number[];
  readonly dates: number[];
  readonly amounts: number[];
  /** The end of observation, an Excel serial. */
  readonly end: number;
}

/**
 * A year of transactions from BG/NBD purchases and Gamma-Gamma spend: first purchases spread over
 * the first half year from 2024-01-01 (serial 45292), weekly model time, dates to the day, each
 * customer's spend per purchase ~ Gamma(p, rate ν) with ν ~ Gamma(q, rate v).
 */
export function simulateTransactions(
  random: () => number,
  customers: number,
  purchases: { r: number; alpha: number; a: number; b: number },
  spend: { p: number; q: number; v: number },
): SimulatedTransactions {
  const ids: number[] = [];
  const dates: number[] = [];
  const amounts: number[] = [];
  const end = 45292 + 364;
  for (let c = 0; c < customers; c++) {
    const start = 45292 + Math.floor(random() * 182);
    const nu = gamma(random, spend.q) / spend.v;
    const purchase = (): number => Math.round((gamma(random, spend.p) / nu) * 100) / 100;
    ids.push(c);
    dates.push(start);
    amounts.push(purchase());
    for (const t of simulateBgNbdCustomer(random, purchases, (end - start) / 7).repeatTimes) {
      ids.push(c);
      dates.push(start + Math.floor(t * 7));
      amounts.push(purchase());
    }
  }
  return { ids, dates, amounts, end };
}

/**
 * Per-customer summaries (x, t_x, T in weeks to the day, mean repeat spend to the cent) of customers
 * who buy as BG/NBD and spend as Gamma-Gamma assume, observed for 26 to 52 weeks: the table a
 * database's summary query gives, for benchmarks at scales no transaction table reaches.
 */
export function simulateSummaries(
  random: () => number,
  customers: number,
  purchases: { r: number; alpha: number; a: number; b: number },
  spend: { p: number; q: number; v: number },
): { frequency: number[]; recency: number[]; age: number[]; monetary: number[] } {
  const result = { frequency: [] as number[], recency: [] as number[], age: [] as number[], monetary: [] as number[] };
  for (let i = 0; i < customers; i++) {
    const age = Math.round((26 + random() * 26) * 7) / 7;
    const history = simulateBgNbdCustomer(random, purchases, age);
    const x = history.repeatTimes.length;
    const rate = gamma(random, spend.q) / spend.v;
    let total = 0;
    for (let j = 0; j < x; j++) total += gamma(random, spend.p) / rate;
    result.frequency.push(x);
    result.recency.push(x === 0 ? 0 : Math.round((history.repeatTimes[x - 1] as number) * 7) / 7);
    result.age.push(age);
    result.monetary.push(x === 0 ? 0 : Math.round((total / x) * 100) / 100);
  }
  return result;
}
