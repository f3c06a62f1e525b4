/**
 * The report period by unit (shared/DOMAIN.md §8): each unit (region, channel, product line, …) is a
 * business of its own, so its figures are §7's on its transactions alone; their sums ("all units
 * together"), the company's (§7 on every transaction), and the customers active in more than one
 * unit, by whom the units' customer counts exceed the company's.
 */
import { periodTables, requireLapseWindow, type PeriodTables } from "./periodTables";
import { periodEnd as lastDayOf, periodIndex, periodLabel, periodStart as firstDayOf, type Period } from "./periods";
import type { CustomerGroups } from "./prep/groupCustomers";

/** One row of the by-unit table: the period's customer bridge, revenue bridge and activity. */
export interface UnitFigures {
  readonly customersStart: number;
  readonly newCustomers: number;
  readonly reactivated: number;
  readonly lapsed: number;
  readonly customersEnd: number;
  readonly revenue: number;
  readonly previousRevenue: number;
  readonly orders: number;
  readonly expansion: number;
  /** Negative, as the bridge subtracts it. */
  readonly contraction: number;
  /** Negative, as the bridge subtracts it. */
  readonly lostRevenue: number;
}

export interface UnitTable {
  /** The period's label ("2024-02"), first and last day. */
  readonly label: string;
  readonly firstDay: number;
  readonly lastDay: number;
  /** Each unit (its index in the units' labels) with its figures, the largest revenue first (ties: in order of first appearance). */
  readonly units: readonly { readonly unit: number; readonly figures: UnitFigures }[];
  /** The units' figures added up. */
  readonly together: UnitFigures;
  readonly company: UnitFigures;
  /**
   * Customers active in two or more units at the period's start (end of the day before) and end,
   * and by how many the units together exceed the company: Σ (k − 1) over customers active in k ≥ 2.
   */
  readonly crossUnit: { readonly start: number; readonly end: number; readonly excessStart: number; readonly excessEnd: number };
}

export interface UnitInput {
  readonly groups: CustomerGroups;
  /** Excel date serials; a time of day is ignored. */
  readonly dates: ArrayLike<number>;
  readonly amounts: ArrayLike<number>;
  /** Each transaction's unit (blank cells are a unit of their own). */
  readonly units: CustomerGroups;
}

export interface UnitOptions {
  readonly period: Period;
  readonly lapseDays: number;
  /** A day in the period to show; default: the last purchase's. */
  readonly periodEnd?: number;
}

/** A row of zeros, whose keys are the figures summed for "all units together". */
const ZERO: Record<keyof UnitFigures, number> = { customersStart: 0, newCustomers: 0, reactivated: 0, lapsed: 0, customersEnd: 0, revenue: 0, previousRevenue: 0, orders: 0, expansion: 0, contraction: 0, lostRevenue: 0 };
const FIGURES = Object.keys(ZERO) as (keyof UnitFigures)[];

/** The one period's figures of a period table whose `from` and `to` are that period. */
function figuresOf(tables: PeriodTables): UnitFigures {
  const customers = tables.customers;
  const at = (values: Float64Array | undefined): number => values?.[0] ?? 0;
  return {
    customersStart: at(customers?.customersStart), newCustomers: at(customers?.newCustomers), reactivated: at(customers?.reactivated),
    lapsed: at(customers?.lapsed), customersEnd: at(customers?.customersEnd), revenue: at(tables.revenue), previousRevenue: at(tables.previousRevenue),
    orders: at(tables.orders), expansion: at(tables.expansion), contraction: at(tables.contraction), lostRevenue: at(tables.lostRevenue),
  };
}

/**
 * The by-unit table of the period holding `periodEnd` (§8), each unit's figures from its own
 * transactions: in one pass the rows are split by unit, then §7 is applied to each part and to all.
 *
 * @throws CxError as periodTables does (a short lapse window, negative amounts, no transactions)
 * @example DOMAIN.md §8: February 2024, East (A, B) and North (A): North revenue 50, East 0; together 3 at the end, company 2, crossUnit.end 1
 */
export function unitTables(input: UnitInput, options: UnitOptions): UnitTable {
  const { groups, dates, amounts, units } = input;
  const { period, lapseDays } = options;
  requireLapseWindow(lapseDays, period);
  const rows = groups.groupOf.length;
  let lastDay = -Infinity;
  for (let i = 0; i < rows; i++) lastDay = Math.max(lastDay, Math.floor(dates[i] as number));
  const index = periodIndex(options.periodEnd ?? lastDay, period);
  const [from, to] = [firstDayOf(index, period), lastDayOf(index, period)];
  const tableOptions = { period, lapseDays, from, to };
  const company = figuresOf(periodTables({ groups, dates, amounts }, tableOptions));
  // Each unit's rows, by a counting sort on the unit: one pass to count, one to place.
  const unitCount = units.labels.length;
  const starts = new Int32Array(unitCount + 1);
  for (let i = 0; i < rows; i++) starts[(units.groupOf[i] as number) + 1] = (starts[(units.groupOf[i] as number) + 1] as number) + 1;
  for (let u = 0; u < unitCount; u++) starts[u + 1] = (starts[u + 1] as number) + (starts[u] as number);
  const placed = new Int32Array(rows);
  const next = starts.slice(0, unitCount);
  for (let i = 0; i < rows; i++) {
    const unit = units.groupOf[i] as number;
    placed[next[unit] as number] = i;
    next[unit] = (next[unit] as number) + 1;
  }
  // A unit's customers are numbered anew (0, 1, … in the unit), so that each unit's table costs its own rows, not the company's customers.
  const localOf = new Int32Array(groups.labels.length).fill(-1);
  const perUnit = Array.from({ length: unitCount }, (_, unit) => {
    const part = placed.subarray(starts[unit] as number, starts[unit + 1] as number);
    const groupOf = new Int32Array(part.length);
    const partDates = new Float64Array(part.length);
    const partAmounts = new Float64Array(part.length);
    const labels: CustomerGroups["labels"][number][] = [];
    part.forEach((i, j) => {
      const customer = groups.groupOf[i] as number;
      if ((localOf[customer] as number) < 0) {
        localOf[customer] = labels.length;
        labels.push(groups.labels[customer] as CustomerGroups["labels"][number]);
      }
      groupOf[j] = localOf[customer] as number;
      partDates[j] = dates[i] as number;
      partAmounts[j] = amounts[i] as number;
    });
    for (const i of part) localOf[groups.groupOf[i] as number] = -1;
    const tables = periodTables({ groups: { groupOf, labels }, dates: partDates, amounts: partAmounts }, tableOptions);
    return { unit, figures: figuresOf(tables) };
  });
  perUnit.sort((a, b) => b.figures.revenue - a.figures.revenue || a.unit - b.unit);
  // (no Object.fromEntries: the functions' runtime is ES2016)
  const together = { ...ZERO };
  for (const { figures } of perUnit) for (const key of FIGURES) together[key] += figures[key];
  return {
    label: periodLabel(index, period), firstDay: from, lastDay: to, units: perUnit, together, company,
    crossUnit: crossUnitCustomers(input, lapseDays, from - 1, to),
  };
}

/**
 * Customers active in more than one unit at the end of two days (the period's start, the day before
 * its first, and its end): active in a unit when their last purchase there on or before the day is
 * fewer than `lapseDays` old.
 */
function crossUnitCustomers({ groups, dates, units }: UnitInput, lapseDays: number, startDay: number, endDay: number): UnitTable["crossUnit"] {
  const unitCount = units.labels.length;
  // The last purchase day on or before each of the two days, per customer and unit.
  const lastByDay = [new Map<number, number>(), new Map<number, number>()];
  const days = [startDay, endDay];
  for (let i = 0; i < groups.groupOf.length; i++) {
    const day = Math.floor(dates[i] as number);
    const key = (groups.groupOf[i] as number) * unitCount + (units.groupOf[i] as number);
    for (let d = 0; d < 2; d++) {
      if (day > (days[d] as number)) continue;
      const last = lastByDay[d] as Map<number, number>;
      if (!(day <= (last.get(key) ?? -Infinity))) last.set(key, day);
    }
  }
  const counts = lastByDay.map((last, d) => {
    const activeUnits = new Map<number, number>();
    for (const [key, day] of last) {
      if ((days[d] as number) - day >= lapseDays) continue;
      const customer = Math.floor(key / unitCount);
      activeUnits.set(customer, (activeUnits.get(customer) ?? 0) + 1);
    }
    let customers = 0;
    let excess = 0;
    for (const k of activeUnits.values()) {
      if (k < 2) continue;
      customers++;
      excess += k - 1;
    }
    return { customers, excess };
  });
  const [start, end] = counts as [{ customers: number; excess: number }, { customers: number; excess: number }];
  return { start: start.customers, end: end.customers, excessStart: start.excess, excessEnd: end.excess };
}
