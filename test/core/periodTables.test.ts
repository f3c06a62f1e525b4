import fc from "fast-check";
import { serialFromUtc } from "../../src/core/dates";
import { periodTables, type PeriodTables } from "../../src/core/periodTables";
import { periodEnd, periodIndex, periodLabel, periodStart, type Period } from "../../src/core/periods";
import { expectClose } from "../helpers/close";
import { errorOf } from "../helpers/errors";
import { referencePeriods, type Purchase, type ReferenceRow } from "../helpers/periodReference";

const day = (iso: string): number => serialFromUtc(Date.parse(`${iso}T00:00:00Z`));

/** The rows of a result, laid out as the reference lays them out. */
function rowsOf(tables: PeriodTables): ReferenceRow[] {
  return tables.labels.map((label, k) => {
    const at = (values: Float64Array | undefined): number => (values === undefined ? NaN : (values[k] as number));
    return {
      label, firstDay: at(tables.firstDays), lastDay: at(tables.lastDays),
      customersStart: at(tables.customers?.customersStart), newCustomers: at(tables.customers?.newCustomers), reactivated: at(tables.customers?.reactivated),
      lapsed: at(tables.customers?.lapsed), customersEnd: at(tables.customers?.customersEnd),
      buyers: at(tables.buyers), orders: at(tables.orders), repeatBuyers: at(tables.repeatBuyers), revenue: at(tables.revenue),
      previousRevenue: at(tables.previousRevenue), newRevenue: at(tables.newRevenue), returningRevenue: at(tables.returningRevenue),
      expansion: at(tables.expansion), contraction: at(tables.contraction), lostRevenue: at(tables.lostRevenue),
    };
  });
}

function tablesOf(purchases: readonly Purchase[], period: Period, lapseDays: number, from?: number, to?: number): PeriodTables {
  return periodTables(
    { customerIds: purchases.map((p) => p.customer), dates: purchases.map((p) => p.date), amounts: purchases.map((p) => p.amount) },
    { period, lapseDays, ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) },
  );
}

const bridge = (tables: PeriodTables): number[][] =>
  rowsOf(tables).map((r) => [r.customersStart, r.newCustomers, r.reactivated, r.lapsed, r.customersEnd]);

describe("periods (shared/DOMAIN.md §7)", () => {
  test("labels, first and last days of months, quarters, years and ISO weeks", () => {
    const k = periodIndex(day("2024-02-29"), "month");
    expect([periodLabel(k, "month"), periodStart(k, "month"), periodEnd(k, "month")]).toEqual(["2024-02", day("2024-02-01"), day("2024-02-29")]);
    expect(periodLabel(periodIndex(day("2024-03-31"), "quarter"), "quarter")).toBe("2024-Q1");
    expect(periodEnd(periodIndex(day("2024-11-02"), "quarter"), "quarter")).toBe(day("2024-12-31"));
    expect([periodLabel(periodIndex(day("2024-07-01"), "year"), "year"), periodEnd(2024, "year") - periodStart(2024, "year") + 1]).toEqual(["2024", 366]);
    // ISO 8601 weeks: Monday to Sunday, numbered in the year of their Thursday.
    expect(periodLabel(periodIndex(day("2024-02-26"), "week"), "week")).toBe("2024-W09");
    expect(periodStart(periodIndex(day("2024-03-03"), "week"), "week")).toBe(day("2024-02-26")); // a Sunday: same week
    expect(periodLabel(periodIndex(day("2021-01-03"), "week"), "week")).toBe("2020-W53");
    expect(periodLabel(periodIndex(day("2020-12-28"), "week"), "week")).toBe("2020-W53");
    expect(periodLabel(periodIndex(day("2026-12-31"), "week"), "week")).toBe("2026-W53");
    expect(periodLabel(periodIndex(day("2024-12-30"), "week"), "week")).toBe("2025-W01");
    expect(periodLabel(periodIndex(day("2027-01-04"), "week"), "week")).toBe("2027-W01");
  });
});

describe("customer bridge: the worked example of DOMAIN.md §7", () => {
  // A buys 2024-01-10 and 2024-03-05; B buys 2024-01-20; C buys 2024-02-01 and 2024-06-15. W = 90.
  const purchases: Purchase[] = [
    { customer: "A", date: day("2024-01-10"), amount: 100 },
    { customer: "B", date: day("2024-01-20"), amount: 50 },
    { customer: "C", date: day("2024-02-01"), amount: 80 },
    { customer: "A", date: day("2024-03-05"), amount: 120 },
    { customer: "C", date: day("2024-06-15"), amount: 60 },
  ];
  test("every month, exactly as the worked example", () => {
    const tables = tablesOf(purchases, "month", 90);
    expect(tables.labels).toEqual(["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"]);
    // start, new, reactivated, lapsed, end
    expect(bridge(tables)).toEqual([
      [0, 2, 0, 0, 2], // January: A, B new
      [2, 1, 0, 0, 3], // February: C new
      [3, 0, 0, 0, 3], // March: A buys again
      [3, 0, 0, 1, 2], // April: B lapses (2024-04-19 is day 90 after 01-20)
      [2, 0, 0, 1, 1], // May: C lapses (2024-05-01)
      [1, 0, 1, 1, 1], // June: C reactivated, A lapses (2024-06-03)
    ]);
    expect(Array.from(tables.firstDays)).toEqual(["2024-01-01", "2024-02-01", "2024-03-01", "2024-04-01", "2024-05-01", "2024-06-01"].map(day));
    expect(tables.lastDays[1]).toBe(day("2024-02-29"));
  });
  test("the revenue bridge and activity of the same purchases, worked by hand", () => {
    const rows = rowsOf(tablesOf(purchases, "month", 90));
    // January: A 100 and B 50 are new. February: C 80 new; A and B lost (−150). March: A returns
    // with 120; C lost (−80). April–May: nothing. June: C returns with 60.
    expect(rows.map((r) => [r.previousRevenue, r.newRevenue, r.returningRevenue, r.expansion, r.contraction, r.lostRevenue, r.revenue])).toEqual([
      [0, 150, 0, 0, 0, 0, 150],
      [150, 80, 0, 0, 0, -150, 80],
      [80, 0, 120, 0, 0, -80, 120],
      [120, 0, 0, 0, 0, -120, 0],
      [0, 0, 0, 0, 0, 0, 0],
      [0, 0, 60, 0, 0, 0, 60],
    ]);
    expect(rows.map((r) => [r.buyers, r.orders, r.repeatBuyers])).toEqual([[2, 2, 0], [1, 1, 0], [1, 1, 0], [0, 0, 0], [0, 0, 0], [1, 1, 0]]);
  });
});

describe("revenue bridge: expansion, contraction, lost and net revenue retention by hand", () => {
  test("three customers over two months", () => {
    // January: X 100, Y 100, Z 50. February: X 150 (expansion +50), Y 40 (contraction −60), Z nothing (lost −50), N 30 new.
    const purchases: Purchase[] = [
      { customer: "X", date: day("2024-01-05"), amount: 60 }, { customer: "X", date: day("2024-01-25"), amount: 40 },
      { customer: "Y", date: day("2024-01-09"), amount: 100 }, { customer: "Z", date: day("2024-01-31"), amount: 50 },
      { customer: "X", date: day("2024-02-02"), amount: 150 }, { customer: "Y", date: day("2024-02-29"), amount: 40 },
      { customer: "N", date: day("2024-02-10"), amount: 30 },
    ];
    const feb = rowsOf(tablesOf(purchases, "month", 90))[1] as ReferenceRow;
    expect([feb.previousRevenue, feb.newRevenue, feb.returningRevenue, feb.expansion, feb.contraction, feb.lostRevenue, feb.revenue]).toEqual([250, 30, 0, 50, -60, -50, 220]);
    expect([feb.buyers, feb.orders, feb.repeatBuyers]).toEqual([3, 3, 0]);
    expect(rowsOf(tablesOf(purchases, "month", 90))[0]?.repeatBuyers).toBe(1); // X twice in January
    // NRR = (250 + 50 − 60 − 50) / 250 = 0.76
    expect((feb.previousRevenue + feb.expansion + feb.contraction + feb.lostRevenue) / feb.previousRevenue).toBe(0.76);
  });
});

describe("edge cases", () => {
  test("one customer, one day (two orders that day): one period, one new buyer, one repeat buyer", () => {
    const rows = rowsOf(tablesOf([{ customer: 7, date: day("2024-05-05") + 0.75, amount: 10 }, { customer: "7", date: day("2024-05-05"), amount: 5 }], "month", 90));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ label: "2024-05", customersStart: 0, newCustomers: 1, customersEnd: 1, buyers: 1, orders: 2, repeatBuyers: 1, revenue: 15, newRevenue: 15 });
  });
  test("a gap of empty periods is listed with zeros", () => {
    const tables = tablesOf([{ customer: "a", date: day("2024-01-15"), amount: 10 }, { customer: "a", date: day("2024-06-15"), amount: 10 }], "month", 31);
    expect(tables.labels).toEqual(["2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"]);
    expect(Array.from(tables.orders)).toEqual([1, 0, 0, 0, 0, 1]);
    expect(bridge(tables)).toEqual([[0, 1, 0, 0, 1], [1, 0, 0, 1, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 1, 0, 1]]);
  });
  test("a customer lapsing and coming back several times", () => {
    const dates = ["2024-01-10", "2024-04-20", "2024-05-02", "2024-09-01", "2025-01-15"].map(day);
    const tables = tablesOf(dates.map((date) => ({ customer: "a", date, amount: 1 })), "month", 60);
    const r = rowsOf(tables);
    const lapsedIn = r.filter((row) => row.lapsed === 1).map((row) => row.label);
    const reactivatedIn = r.filter((row) => row.reactivated === 1).map((row) => row.label);
    // Lapses on day 60 after each run's last purchase: 03-10, 07-01, 10-31; back in April, September, January.
    expect(lapsedIn).toEqual(["2024-03", "2024-07", "2024-10"]);
    expect(reactivatedIn).toEqual(["2024-04", "2024-09", "2025-01"]);
  });
  test("a lapse window exactly a period long: a purchase on day 0 keeps the customer through day W − 1", () => {
    // W = 31, months. Bought 2024-01-01: active through 01-31, lapsed on 02-01, so in February.
    expect(bridge(tablesOf([{ customer: "a", date: day("2024-01-01"), amount: 1 }], "month", 31, undefined, day("2024-02-01")))).toEqual([[0, 1, 0, 0, 1], [1, 0, 0, 1, 0]]);
    // W = 7, weeks. Bought on a Monday: active through Sunday, lapsed the next Monday.
    expect(bridge(tablesOf([{ customer: "a", date: day("2024-01-01"), amount: 1 }], "week", 7, undefined, day("2024-01-08")))).toEqual([[0, 1, 0, 0, 1], [1, 0, 0, 1, 0]]);
    // Bought 2024-01-01, lapse day 02-01 is February's first day: active at the end of January, so a
    // purchase in February is neither a reactivation nor after a lapse.
    expect(bridge(tablesOf([{ customer: "a", date: day("2024-01-01"), amount: 1 }, { customer: "a", date: day("2024-02-10"), amount: 1 }], "month", 31))).toEqual([[0, 1, 0, 0, 1], [1, 0, 0, 0, 1]]);
    // Bought a day earlier, 2023-12-31: the lapse day 01-31 is inside January, so January loses the customer and February wins them back.
    expect(bridge(tablesOf([{ customer: "a", date: day("2023-12-31"), amount: 1 }, { customer: "a", date: day("2024-02-10"), amount: 1 }], "month", 31))).toEqual([[0, 1, 0, 0, 1], [1, 0, 0, 1, 0], [0, 0, 1, 0, 1]]);
    // Bought on a Tuesday: still active at the end of Sunday and of the next Sunday? No: lapses on the next Tuesday, week 2.
    expect(bridge(tablesOf([{ customer: "a", date: day("2024-01-02"), amount: 1 }], "week", 7, undefined, day("2024-01-14")))).toEqual([[0, 1, 0, 0, 1], [1, 0, 0, 1, 0]]);
  });
  test("leap days: 2024-02-29 belongs to February, and a window counts it", () => {
    // Bought 2024-02-29, W = 31: lapses on 2024-03-31 (31 days later), still in March.
    const rows = rowsOf(tablesOf([{ customer: "a", date: day("2024-02-29"), amount: 1 }], "month", 31, undefined, day("2024-04-30")));
    expect(rows.map((r) => [r.label, r.customersEnd, r.lapsed])).toEqual([["2024-02", 1, 0], ["2024-03", 0, 1], ["2024-04", 0, 0]]);
  });
  test("ISO week 53 is a period of its own", () => {
    const tables = tablesOf([{ customer: "a", date: day("2020-12-24"), amount: 1 }, { customer: "b", date: day("2021-01-02"), amount: 1 }, { customer: "a", date: day("2021-01-05"), amount: 1 }], "week", 7);
    expect(tables.labels).toEqual(["2020-W52", "2020-W53", "2021-W01"]);
    expect(Array.from(tables.buyers)).toEqual([1, 1, 1]);
    expect(bridge(tables)).toEqual([[0, 1, 0, 0, 1], [1, 1, 0, 1, 1], [1, 0, 1, 1, 1]]);
  });
  test("from and to: history before from still decides; periods after the data are listed", () => {
    const purchases: Purchase[] = [
      { customer: "a", date: day("2023-11-20"), amount: 10 },
      { customer: "a", date: day("2024-01-05"), amount: 20 },
      { customer: "b", date: day("2024-01-06"), amount: 5 },
      { customer: "b", date: day("2024-09-01"), amount: 5 }, // after `to`: left out
    ];
    const tables = tablesOf(purchases, "month", 90, day("2024-01-31"), day("2024-04-15"));
    expect(tables.labels).toEqual(["2024-01", "2024-02", "2024-03", "2024-04"]);
    expect(bridge(tables)).toEqual([[1, 1, 0, 0, 2], [2, 0, 0, 0, 2], [2, 0, 0, 0, 2], [2, 0, 0, 2, 0]]);
    expect(tables.previousRevenue[0]).toBe(0); // December 2023 had no purchase
    expect(tables.newBuyers[0]).toBe(1); // a bought before: only b is new
  });
  test("dates with a time of day count as their day; rows in any order", () => {
    const a = tablesOf([{ customer: "a", date: day("2024-03-31") + 0.99, amount: 1 }, { customer: "a", date: day("2024-01-01"), amount: 1 }], "month", 90);
    expect(a.labels).toEqual(["2024-01", "2024-02", "2024-03"]);
    expect(Array.from(a.orders)).toEqual([1, 0, 1]);
  });
});

describe("bad input", () => {
  const purchases: Purchase[] = [{ customer: "a", date: day("2024-01-10"), amount: 1 }];
  const thrown = errorOf;
  test.each([["month", 30, 31], ["quarter", 91, 92], ["week", 6, 7], ["year", 365, 366]] as const)("a %s bridge refuses a lapse window of %i days (at least %i)", (period, short, min) => {
    const error = thrown(() => tablesOf(purchases, period, short));
    expect([error.kind, error.location.argument, error.message]).toEqual(["value", "lapse_days", `lapse_days is ${short}; with period "${period}" it must be a whole number of days, at least ${min} (the longest such period), or the customer bridge is not well defined.`]);
    expect(() => tablesOf(purchases, period, min)).not.toThrow();
  });
  test("a fractional lapse window, from after to, from after the data, a negative amount", () => {
    expect(thrown(() => tablesOf(purchases, "month", 90.5)).location.argument).toBe("lapse_days");
    expect(thrown(() => tablesOf(purchases, "month", 90, day("2024-03-01"), day("2024-02-01"))).message).toBe("to is 2024-02-01, before the table's first period (from, or the first purchase).");
    expect(thrown(() => tablesOf(purchases, "month", 90, day("2024-03-01"))).message).toBe("from is 2024-03-01, after the last purchase; give to as well, or an earlier date.");
    const negative = thrown(() => tablesOf([...purchases, { customer: "b", date: day("2024-01-11"), amount: -3 }], "month", 90));
    expect([negative.kind, negative.location]).toEqual(["value", { argument: "amounts", index: 1 }]);
  });
  test("no transactions", () => {
    expect(thrown(() => periodTables({ customerIds: [], dates: [] }, { period: "month" })).kind).toBe("na");
  });
});

describe("properties over random transaction tables", () => {
  const base = day("2023-10-01");
  const purchase = fc.record({
    customer: fc.constantFrom<string | number>("a", "B", "b ", "c", 7, "7", "d", "e"),
    date: fc.integer({ min: 0, max: 500 }).map((d) => base + d),
    amount: fc.oneof(fc.integer({ min: 0, max: 500 }), fc.constant(0)),
  });
  const settings = fc.record({
    period: fc.constantFrom<Period>("month", "quarter", "week", "year"),
    extraDays: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 200 })),
    from: fc.option(fc.integer({ min: -60, max: 400 }), { nil: undefined }),
    toAfter: fc.option(fc.integer({ min: 0, max: 500 }), { nil: undefined }),
  });
  const MIN = { month: 31, quarter: 92, week: 7, year: 366 } as const;

  test("every figure equals the definitions computed literally, and the rows add up exactly", () => {
    fc.assert(fc.property(fc.array(purchase, { minLength: 1, maxLength: 40 }), settings, (purchases, s) => {
      const lapseDays = MIN[s.period] + s.extraDays;
      const from = s.from === undefined ? undefined : base + s.from;
      const to = s.toAfter === undefined ? undefined : (from ?? base) + s.toAfter;
      const lastData = Math.max(...purchases.map((p) => p.date));
      const firstIndex = periodIndex(from ?? Math.min(...purchases.map((p) => p.date)), s.period);
      if (firstIndex > periodIndex(to ?? lastData, s.period)) return; // refused, tested above
      const actual = rowsOf(tablesOf(purchases, s.period, lapseDays, from, to));
      const expected = referencePeriods(purchases, s.period, lapseDays, from, to);
      expect(actual).toEqual(expected);
      for (const row of actual) {
        // Customers: start + new + reactivated − lapsed = end. Revenue: P − 1 plus the movements = P (whole amounts: exact).
        expect(row.customersStart + row.newCustomers + row.reactivated - row.lapsed).toBe(row.customersEnd);
        expect(row.previousRevenue + row.newRevenue + row.returningRevenue + row.expansion + row.contraction + row.lostRevenue).toBe(row.revenue);
        expect(row.repeatBuyers).toBeLessThanOrEqual(row.buyers);
        expect(row.buyers).toBeLessThanOrEqual(row.orders);
      }
      // Consecutive periods chain: one period's end is the next one's start, its revenue the next one's "previous".
      for (let k = 1; k < actual.length; k++) {
        expect(actual[k]?.customersStart).toBe(actual[k - 1]?.customersEnd);
        expect(actual[k]?.previousRevenue).toBe(actual[k - 1]?.revenue);
      }
    }), { numRuns: 400 });
  });

  test("purchases on the days around period boundaries, with a window of exactly one or two periods", () => {
    const edges = [-1, 0, 1].flatMap((offset) => Array.from({ length: 14 }, (_, m) => periodStart(periodIndex(base, "month") + m, "month") + offset));
    const near = fc.record({ customer: fc.constantFrom("a", "b", "c"), date: fc.constantFrom(...edges), amount: fc.integer({ min: 0, max: 9 }) });
    fc.assert(fc.property(fc.array(near, { minLength: 1, maxLength: 25 }), fc.constantFrom(31, 62), (purchases, lapseDays) => {
      expect(rowsOf(tablesOf(purchases, "month", lapseDays))).toEqual(referencePeriods(purchases, "month", lapseDays));
    }), { numRuns: 300 });
  });

  test("amounts in cents: the revenue rows add up to within a millionth of a cent", () => {
    const cents = fc.record({ customer: fc.constantFrom("a", "b", "c", "d"), date: fc.integer({ min: 0, max: 400 }).map((d) => base + d), amount: fc.integer({ min: 0, max: 99_999 }).map((c) => c / 100) });
    fc.assert(fc.property(fc.array(cents, { minLength: 1, maxLength: 60 }), (purchases) => {
      for (const row of rowsOf(tablesOf(purchases, "month", 90))) {
        expectClose(row.previousRevenue + row.newRevenue + row.returningRevenue + row.expansion + row.contraction + row.lostRevenue, row.revenue, 1e-8);
      }
    }), { numRuns: 200 });
  });

  test("a customer with hundreds of purchases in random order (the long-segment sort), beside short ones", () => {
    const random = fc.sample(fc.array(fc.record({ date: fc.integer({ min: 0, max: 700 }), amount: fc.integer({ min: 0, max: 50 }) }), { minLength: 300, maxLength: 300 }), { numRuns: 1, seed: 11 })[0] ?? [];
    const purchases: Purchase[] = [
      ...random.map((p) => ({ customer: "big", date: base + p.date, amount: p.amount })),
      { customer: "small", date: base + 40, amount: 5 }, { customer: "small", date: base + 3, amount: 7 },
    ];
    expect(purchases.length).toBe(302);
    for (const period of ["month", "week"] as const) {
      expect(rowsOf(tablesOf(purchases, period, 31))).toEqual(referencePeriods(purchases, period, 31));
    }
  });

  test("the order of the rows does not matter", () => {
    fc.assert(fc.property(fc.array(purchase, { minLength: 1, maxLength: 30 }), (purchases) => {
      const reversed = [...purchases].reverse();
      expect(rowsOf(tablesOf(reversed, "month", 60))).toEqual(rowsOf(tablesOf(purchases, "month", 60)));
    }), { numRuns: 200 });
  });
});
