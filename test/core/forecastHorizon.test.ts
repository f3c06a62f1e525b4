/**
 * Long horizons of the lifetime-value forecast: bounded (at most 1,200 months, refused beyond with the
 * argument named), and computed month by month for ten years and at yearly knots after, the months
 * between interpolated without overshoot; held here to the month-by-month values.
 */
import { expectedPurchases } from "../../src/core/clv/betaGeometricNbd";
import { cumulativeByMonth, MAX_HORIZON_MONTHS } from "../../src/core/clv/customerValueForecast";
import * as cx from "../../src/functions/functions";
import { cdnowTransactions } from "../helpers/cdnow";
import { invocation, outcome } from "../helpers/excel";
import { seededRandom, simulateTransactions } from "../helpers/simulate";

// The CDNOW fit published with lifetimes (test/fixtures/cdnow): r, α (weeks), a, b
const CDNOW = { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };
const WEEKS_PER_MONTH = 365.25 / 12 / 7;

test.each([
  ["a one-off buyer", 0, 0, 38.86],
  ["a regular buyer", 6, 33.14, 38.86],
  ["a lapsed regular", 10, 12, 70],
])("%s: each month's cumulative purchases over 100 years within 2e-5 of computing every month", (_name, x, tx, T) => {
  const at = (month: number): number => expectedPurchases(CDNOW, month * WEEKS_PER_MONTH, x, tx, T);
  for (const horizon of [240, 600.5, MAX_HORIZON_MONTHS]) {
    const months = Math.ceil(horizon);
    const fast = cumulativeByMonth(months, horizon, at);
    for (let k = 1; k <= months; k++) {
      const exact = at(Math.min(k, horizon));
      expect(Math.abs((fast[k] as number) - exact)).toBeLessThanOrEqual(2e-5 * Math.max(1, exact));
      if (k > 1) expect(fast[k] as number).toBeGreaterThanOrEqual(fast[k - 1] as number); // never falls
    }
  }
});

test("a horizon over 1,200 months, or absurd, is refused at once, naming horizon_months; 1,200 itself is forecast", () => {
  const { ids, dates, amounts } = cdnowTransactions();
  const column = (values: readonly unknown[]): unknown[][] => values.map((value) => [value]);
  const end = Math.max(...dates);
  for (const horizon of [1201, 12000, 1e308]) {
    const started = performance.now();
    const result = outcome(() => cx.CLV_PREDICT(column(ids), column(dates), column(amounts), [[horizon]], [[0.01]], [[1]], [[end]], invocation()));
    expect(result).toMatchObject({ kind: "error", code: "#VALUE!" });
    expect((result as { message: string }).message).toMatch(/^horizon_months is [\d.,e+E]+; it must be from 0 to 1200\./);
    expect(performance.now() - started).toBeLessThan(5_000); // refused before any forecast (npm run bench times the cases)
  }
  // 150 simulated customers (npm run bench times CDNOW's 2,357; Jest runs such loops many times slower than node)
  const simulated = simulateTransactions(seededRandom(7), 150, CDNOW, { p: 6.25, q: 3.74, v: 15.44 });
  const full = cx.CLV_PREDICT(column(simulated.ids), column(simulated.dates), column(simulated.amounts), [[MAX_HORIZON_MONTHS]], [[0.01]], [[1]], [[simulated.end]], invocation());
  expect(full.length).toBe(151);
  for (const row of full.slice(1)) for (const value of row.slice(4)) expect(Number.isFinite(value)).toBe(true);
});
