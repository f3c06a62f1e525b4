/**
 * The period by unit (shared/DOMAIN.md §8): its worked example exactly, and on random data each unit's
 * figures equal §7 on that unit's transactions alone, revenue adds up, and the units together exceed
 * the company by the customers active in more than one unit.
 */
import { seededRandom } from "../../src/core/numeric/seededRandom";
import { periodTables } from "../../src/core/periodTables";
import { groupCustomers, type CustomerId } from "../../src/core/prep/groupCustomers";
import { unitTables, type UnitFigures } from "../../src/core/unitTables";

// §8: A 2024-01-10 100 East; A 2024-02-12 50 North; B 2024-01-20 80 East (45301 is 2024-01-10).
const example = (periodEnd: number) => unitTables({
  groups: groupCustomers(["A", "A", "B"]), dates: [45301, 45334, 45311], amounts: [100, 50, 80], units: groupCustomers(["East", "North", "East"]),
}, { period: "month", lapseDays: 90, periodEnd });

const zero: UnitFigures = { customersStart: 0, newCustomers: 0, reactivated: 0, lapsed: 0, customersEnd: 0, revenue: 0, previousRevenue: 0, orders: 0, expansion: 0, contraction: 0, lostRevenue: 0 };

test("DOMAIN.md §8's worked example: January", () => {
  const january = example(45322);
  expect(january.label).toBe("2024-01");
  const [east, north] = january.units;
  expect(east).toEqual({ unit: 0, figures: { ...zero, newCustomers: 2, customersEnd: 2, revenue: 180, orders: 2 } });
  expect(north).toEqual({ unit: 1, figures: zero });
});

test("DOMAIN.md §8's worked example: February, by unit, together and for the company", () => {
  const february = example(45340);
  expect(february.label).toBe("2024-02");
  // North (revenue 50) before East (0): the largest revenue first
  expect(february.units.map(({ unit }) => unit)).toEqual([1, 0]);
  expect(february.units[0]?.figures).toEqual({ ...zero, newCustomers: 1, customersEnd: 1, revenue: 50, orders: 1 });
  expect(february.units[1]?.figures).toEqual({ ...zero, customersStart: 2, customersEnd: 2, previousRevenue: 180, lostRevenue: -180 });
  expect(february.company).toEqual({ ...zero, customersStart: 2, customersEnd: 2, revenue: 50, previousRevenue: 180, orders: 1, contraction: -50, lostRevenue: -80 });
  expect(february.together.customersEnd).toBe(3);
  expect(february.together.revenue).toBe(50);
  expect(february.crossUnit).toEqual({ start: 0, end: 1, excessStart: 0, excessEnd: 1 });
});

test("a unit whose purchases all come after the period shows zeros, and blank units are a unit", () => {
  const table = unitTables({
    groups: groupCustomers(["A", "B", "C"]), dates: [45301, 45400, 45302], amounts: [10, 20, 30], units: groupCustomers(["East", "West", ""]),
  }, { period: "month", lapseDays: 90, periodEnd: 45310 });
  expect(table.units.map(({ unit, figures }) => [unit, figures.revenue, figures.customersEnd])).toEqual([[2, 30, 1], [0, 10, 1], [1, 0, 0]]);
});

test("on random data: each unit is §7 on its rows alone; revenue adds up; together − company = the excess", () => {
  const random = seededRandom(8);
  for (let trial = 0; trial < 20; trial++) {
    const rows = 200 + Math.floor(random() * 400);
    const ids: CustomerId[] = [];
    const dates: number[] = [];
    const amounts: number[] = [];
    const units: CustomerId[] = [];
    for (let i = 0; i < rows; i++) {
      ids.push(`c${Math.floor(random() * 60)}`);
      dates.push(45000 + Math.floor(random() * 400));
      amounts.push(Math.round(random() * 10_000) / 100);
      units.push(["North", "South", "East", ""][Math.floor(random() * 4)] as string);
    }
    const periodEnd = 45000 + Math.floor(random() * 420);
    const unitGroups = groupCustomers(units);
    const table = unitTables({ groups: groupCustomers(ids), dates, amounts, units: unitGroups }, { period: "month", lapseDays: 90, periodEnd });
    const from = 45000 + 0;
    for (const { unit, figures } of table.units) {
      const mine = ids.flatMap((_, i) => (unitGroups.groupOf[i] === unit ? [i] : []));
      const alone = periodTables({ customerIds: mine.map((i) => ids[i] as CustomerId), dates: mine.map((i) => dates[i] as number), amounts: mine.map((i) => amounts[i] as number) }, {
        period: "month", lapseDays: 90, from: Math.min(from, periodEnd), to: periodEnd,
      });
      const k = alone.labels.indexOf(table.label);
      expect(figures.customersEnd).toBe(alone.customers?.customersEnd[k]);
      expect(figures.customersStart).toBe(alone.customers?.customersStart[k]);
      expect(figures.lapsed).toBe(alone.customers?.lapsed[k]);
      expect(figures.revenue).toBeCloseTo(alone.revenue[k] as number, 9);
      expect(figures.lostRevenue).toBeCloseTo(alone.lostRevenue[k] as number, 9);
    }
    expect(table.together.revenue).toBeCloseTo(table.company.revenue, 9);
    expect(table.together.previousRevenue).toBeCloseTo(table.company.previousRevenue, 9);
    expect(table.together.orders).toBe(table.company.orders);
    expect(table.together.customersEnd - table.company.customersEnd).toBe(table.crossUnit.excessEnd);
    expect(table.together.customersStart - table.company.customersStart).toBe(table.crossUnit.excessStart);
    expect(table.crossUnit.end).toBeLessThanOrEqual(table.crossUnit.excessEnd);
  }
});
