import { fitBgNbd, expectedPurchases, probabilityAlive } from "../../src/core/clv/betaGeometricNbd";
import { forecastCustomerValue } from "../../src/core/clv/customerValueForecast";
import { cohortRetention } from "../../src/core/cohortRetention";
import { summarizeTransactions } from "../../src/core/prep/summarizeTransactions";
import { expectClose } from "../helpers/close";
import { seededRandom, simulateBgNbdCustomer, simulateTransactions } from "../helpers/simulate";

describe("cohort retention (shared/DOMAIN.md §6)", () => {
  // 45292 = 2024-01-01, 45323 = 2024-02-01, 45352 = 2024-03-01
  test("by month, worked by hand", () => {
    const cohorts = cohortRetention(
      ["a", "b", "c", "a", "a", "b", "d", "d"],
      [45292, 45300, 45310, 45325, 45360, 45355, 45330, 45331],
      "month",
    );
    // January cohort a, b, c: Feb a → 1/3; Mar a, b → 2/3. February cohort d: Mar none → 0.
    expect(cohorts.map((c) => c.label)).toEqual(["2024-01", "2024-02"]);
    expect(cohorts[0]?.size).toBe(3);
    expect(cohorts[0]?.retention).toEqual([1, 1 / 3, 2 / 3]);
    expect(cohorts[1]?.retention).toEqual([1, 0]);
  });
  test("quarters and weeks (weeks start on Monday)", () => {
    expect(cohortRetention(["a", "a"], [45292, 45400], "quarter").map((c) => [c.label, c.retention])).toEqual([["2024-Q1", [1, 1]]]);
    // 2024-01-01 was a Monday; 2024-01-07 (45298) is the same week, 2024-01-08 the next.
    expect(cohortRetention(["a", "a", "a"], [45292, 45298, 45299], "week").map((c) => [c.label, c.retention])).toEqual([["2024-01-01", [1, 1]]]);
  });
});

describe("BG/NBD recovery and the CLV forecast", () => {
  const truth = { r: 0.6, alpha: 5, a: 0.8, b: 3 };
  const { ids, dates, amounts, end } = simulateTransactions(seededRandom(2024), 20_000, truth, { p: 6, q: 4, v: 15 });
  const histories = summarizeTransactions({ customerIds: ids, dates, amounts, asOf: end, timeUnit: "weeks" });

  test("20,000 simulated customers: the fit recovers r, α, a, b within 15 %", () => {
    const fit = fitBgNbd(histories);
    expect(fit.converged).toBe(true);
    expectClose(fit.parameters.r, truth.r, 0.15 * truth.r);
    expectClose(fit.parameters.alpha, truth.alpha, 0.15 * truth.alpha);
    expectClose(fit.parameters.a, truth.a, 0.15 * truth.a);
    expectClose(fit.parameters.b, truth.b, 0.15 * truth.b);
  });

  test("CLV: undiscounted equals margin × spend × expected purchases; discounting lowers it", () => {
    const spend = { p: 6, q: 4, v: 15 };
    const sample = { ...histories, customers: histories.customers.slice(0, 50), frequency: histories.frequency.slice(0, 50), recency: histories.recency.slice(0, 50), age: histories.age.slice(0, 50), meanRepeatSpend: histories.meanRepeatSpend.slice(0, 50) };
    const flat = forecastCustomerValue(sample, truth, spend, { horizonMonths: 12, grossMargin: 0.3 });
    const discounted = forecastCustomerValue(sample, truth, spend, { horizonMonths: 12, grossMargin: 0.3, monthlyDiscountRate: 0.01 });
    for (let i = 0; i < 50; i++) {
      const weeks = 12 * (365.25 / 12 / 7);
      const purchases = expectedPurchases(truth, weeks, sample.frequency[i] as number, sample.recency[i] as number, sample.age[i] as number);
      expectClose(flat.expectedPurchases[i] as number, purchases, 1e-9);
      expectClose(flat.lifetimeValue[i] as number, 0.3 * (flat.expectedSpend[i] as number) * purchases, 1e-9);
      expect(discounted.lifetimeValue[i]).toBeLessThan(flat.lifetimeValue[i] as number);
      expect(flat.probabilityAlive[i]).toBeGreaterThanOrEqual(0);
      expect(flat.probabilityAlive[i]).toBeLessThanOrEqual(1);
    }
  });
});

describe("edge cases of the lifetime-value fit", () => {
  test("one customer who bought again: a fit all the same, penalised and saying so (DESIGN.md: fitted wherever a repeat purchase exists)", () => {
    const fit = fitBgNbd({ frequency: [3], recency: [20], age: [30] });
    expect(fit.penalty).toBeGreaterThan(0);
    for (const value of Object.values(fit.parameters)) expect(Number.isFinite(value) && value > 0).toBe(true);
    expect(() => fitBgNbd({ frequency: [0], recency: [0], age: [30] })).toThrow(/none of the 1 customers bought more than once/);
  });
  test("everybody repeats (frequent buyers who rarely leave): the fit converges to finite parameters", () => {
    const random = seededRandom(5);
    const frequency: number[] = [];
    const recency: number[] = [];
    const age: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const T = 30 + random() * 20;
      const customer = simulateBgNbdCustomer(random, { r: 4, alpha: 2, a: 1, b: 30 }, T);
      frequency.push(customer.repeatTimes.length);
      recency.push(customer.repeatTimes.at(-1) ?? 0);
      age.push(T);
    }
    expect(frequency.every((x) => x > 0)).toBe(true);
    const fit = fitBgNbd({ frequency, recency, age });
    expect(fit.repeatBuyers).toBe(3000);
    expect(fit.converged).toBe(true);
    for (const value of Object.values(fit.parameters)) expect(Number.isFinite(value) && value > 0).toBe(true);
    // the purchase rate r/α is recovered within 15 %
    expectClose(fit.parameters.r / fit.parameters.alpha, 2, 0.3);
  });
  test("data with no finite optimum (nobody ever seems to leave): a penalised fit at the edge, said so, never a number from infinity", () => {
    // Every customer bought steadily until the very end: the likelihood rises without bound as dropout → 0.
    const frequency = Array.from({ length: 200 }, (_, i) => 5 + (i % 7));
    const age = frequency.map(() => 40);
    const fit = fitBgNbd({ frequency, recency: age, age });
    expect(fit.penalty).toBeGreaterThan(0);
    for (const value of Object.values(fit.parameters)) expect(Number.isFinite(value) && value > 0 && value < 1e6).toBe(true);
    // nobody seems to leave: P(alive) of a customer who just bought is near 1
    expect(probabilityAlive(fit.parameters, 8, 40, 40)).toBeGreaterThan(0.95);
  });
});
