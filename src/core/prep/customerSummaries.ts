import { CxError } from "../errors";
import { requireCount, requireNonNegative, showNumber } from "../validate";
import type { CustomerId } from "./groupCustomers";
import type { CustomerHistories, TimeUnit } from "./summarizeTransactions";

/** Per-customer summaries as a database or lifetimes gives them: frequency, recency, T, monetary value. */
export interface CustomerSummaries {
  /** One id per customer; numbered 1, 2, … when left out. */
  readonly customers?: readonly CustomerId[];
  /** x: repeat purchases (purchase days − 1). */
  readonly frequency: ArrayLike<number>;
  /** t_x: from the first to the last purchase, in `timeUnit`. */
  readonly recency: ArrayLike<number>;
  /** T: from the first purchase to the end of observation, in `timeUnit`. */
  readonly age: ArrayLike<number>;
  /** Mean amount of the repeat purchase days; 0 for a customer without repeats. Left out: 0 for all (no spend model). */
  readonly monetary?: ArrayLike<number>;
  readonly timeUnit: TimeUnit;
}

/**
 * Summaries (one row per customer, lifetimes' frequency / recency / T / monetary_value convention,
 * shared/DOMAIN.md §5) as the histories the BG/NBD and Gamma-Gamma fits and the forecast take, each
 * row checked: x a whole number ≥ 0, 0 ≤ t_x ≤ T, t_x = 0 when x = 0, monetary ≥ 0.
 *
 * @throws CxError #VALUE! naming the argument and the customer's row
 */
export function historiesFromSummaries(input: CustomerSummaries): CustomerHistories {
  const { frequency, recency, age, monetary } = input;
  const n = frequency.length;
  for (let i = 0; i < n; i++) {
    const x = requireCount(frequency[i] as number, "frequency", i);
    const tx = requireNonNegative(recency[i] as number, "recency", i);
    const T = requireNonNegative(age[i] as number, "age", i);
    if (tx > T) throw new CxError("value", "exceeds", { arg: "recency", value: showNumber(tx), other: "age", otherValue: showNumber(T) }, { argument: "recency", index: i });
    if (x === 0 && tx !== 0) throw new CxError("value", "recencyNoRepeats", { arg: "recency", value: showNumber(tx), other: "frequency" }, { argument: "recency", index: i });
    if (monetary !== undefined) requireNonNegative(monetary[i] as number, "monetary", i);
  }
  return {
    customers: input.customers ?? Array.from({ length: n }, (_, i) => i + 1),
    frequency: Float64Array.from(frequency),
    recency: Float64Array.from(recency),
    age: Float64Array.from(age),
    meanRepeatSpend: monetary === undefined ? new Float64Array(n) : Float64Array.from(monetary),
    asOf: NaN,
    timeUnit: input.timeUnit,
  };
}
