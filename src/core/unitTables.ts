/**
 * The report period by unit (shared/DOMAIN.md §8): each unit (region, channel, product line, …) is a
 * business of its own, so its figures are §7's on its transactions alone; their sums ("all units
 * together"), the company's (§7 on every transaction), and the customers active in more than one
 * unit, by whom the units' customer counts exceed the company's.
 */
import { CxError } from "./errors";
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

/** The most units a by-unit table shows: a table to read, not a list of every store of a chain. */
export const MAX_UNITS = 1_000;

export interface UnitOptions {
  readonly period: Period;
  readonly lapseDays: number;
  /** A day in the period to show; default: the last purchase's. */
  readonly periodEnd?: number;
}

/**
 * Buffers kept from one call to the next (grown as needed): a table of a million rows otherwise
 * allocates tens of megabytes a call, and the collector's pauses for them cost more than the work.
 * Nothing returned refers to them.
 */
const kept = { int: [] as Int32Array[], float: new Float64Array(0) };
function ints(slot: number, length: number): Int32Array {
  if ((kept.int[slot]?.length ?? -1) < length) kept.int[slot] = new Int32Array(length);
  return (kept.int[slot] as Int32Array).subarray(0, length);
}
function floats(length: number): Float64Array {
  if (kept.float.length < length) kept.float = new Float64Array(length);
  return kept.float.subarray(0, length);
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
 * @throws CxError #VALUE! for more than MAX_UNITS units; as periodTables does (a short lapse window, negative amounts, no transactions)
 * @example DOMAIN.md §8: February 2024, East (A, B) and North (A): North revenue 50, East 0; together 3 at the end, company 2, crossUnit.end 1
 */
export function unitTables(input: UnitInput, options: UnitOptions): UnitTable {
  const { groups, dates, amounts, units } = input;
  const { period, lapseDays } = options;
  requireLapseWindow(lapseDays, period);
  if (units.labels.length > MAX_UNITS) {
    throw new CxError("value", "tooManyUnits", { arg: "units", count: units.labels.length.toLocaleString("en-US"), max: MAX_UNITS.toLocaleString("en-US") }, { argument: "units" });
  }
  const rows = groups.groupOf.length;
  let lastDay = -Infinity;
  for (let i = 0; i < rows; i++) lastDay = Math.max(lastDay, Math.floor(dates[i] as number));
  const index = periodIndex(options.periodEnd ?? lastDay, period);
  const [from, to] = [firstDayOf(index, period), lastDayOf(index, period)];
  const tableOptions = { period, lapseDays, from, to };
  // Whole days once, for the company and, placed by unit, for each unit (no copy of the dates per table).
  const days = ints(0, rows);
  for (let i = 0; i < rows; i++) days[i] = Math.floor(dates[i] as number);
  const company = figuresOf(periodTables({ groups, dates: days, amounts }, tableOptions));
  // Each unit's rows side by side, by a counting sort on the unit: one pass to count, one to place
  // every row's customer, day and amount in its unit's stretch (in the rows' order, read once).
  const unitCount = units.labels.length;
  const starts = new Int32Array(unitCount + 1);
  for (let i = 0; i < rows; i++) starts[(units.groupOf[i] as number) + 1] = (starts[(units.groupOf[i] as number) + 1] as number) + 1;
  for (let u = 0; u < unitCount; u++) starts[u + 1] = (starts[u + 1] as number) + (starts[u] as number);
  const next = starts.slice(0, unitCount);
  const placedCustomer = ints(1, rows);
  const placedDays = ints(2, rows);
  const placedAmounts = floats(rows);
  for (let i = 0; i < rows; i++) {
    const unit = units.groupOf[i] as number;
    const at = next[unit] as number;
    next[unit] = at + 1;
    placedCustomer[at] = groups.groupOf[i] as number;
    placedDays[at] = days[i] as number;
    placedAmounts[at] = amounts[i] as number;
  }
  // A unit's customers are numbered anew (0, 1, … in the unit), so that each unit's table costs its own
  // rows, not the company's customers; on the way, each customer's count of units it is active in.
  const localOf = ints(3, groups.labels.length).fill(-1);
  const localGroups = ints(4, rows);
  const activeUnits = [ints(5, groups.labels.length).fill(0), ints(6, groups.labels.length).fill(0)];
  const activeDays = [from - 1, to];
  const perUnit = Array.from({ length: unitCount }, (_, unit) => {
    const [first, end] = [starts[unit] as number, starts[unit + 1] as number];
    const partDays = placedDays.subarray(first, end);
    const groupOf = localGroups.subarray(first, end);
    // The unit's customers by their company-wide number, in order of first appearance in the unit
    // (periodTables reads only how many there are).
    const globalOf: number[] = [];
    for (let j = 0; j < groupOf.length; j++) {
      const customer = placedCustomer[first + j] as number;
      let local = localOf[customer] as number;
      if (local < 0) {
        local = globalOf.length;
        localOf[customer] = local;
        globalOf.push(customer);
      }
      groupOf[j] = local;
    }
    for (const customer of globalOf) localOf[customer] = -1;
    countActive(groupOf, partDays, globalOf, lapseDays, activeDays, activeUnits);
    const tables = periodTables({ groups: { groupOf, labels: globalOf }, dates: partDays, amounts: placedAmounts.subarray(first, end) }, tableOptions);
    return { unit, figures: figuresOf(tables) };
  });
  perUnit.sort((a, b) => b.figures.revenue - a.figures.revenue || a.unit - b.unit);
  // (no Object.fromEntries: the functions' runtime is ES2016)
  const together = { ...ZERO };
  for (const { figures } of perUnit) for (const key of FIGURES) together[key] += figures[key];
  return {
    label: periodLabel(index, period), firstDay: from, lastDay: to, units: perUnit, together, company,
    crossUnit: crossUnitCustomers(activeUnits),
  };
}

/**
 * Adds 1 to `active[d][customer]` for each of a unit's customers active at the end of `days[d]` (the
 * period's start, the day before its first, and its end): whose last purchase in the unit on or before
 * the day is fewer than `lapseDays` old.
 */
function countActive(groupOf: Int32Array, dates: Int32Array, globalOf: readonly number[], lapseDays: number, days: readonly number[], active: readonly Int32Array[]): void {
  for (let d = 0; d < days.length; d++) {
    const day = days[d] as number;
    const last = new Float64Array(globalOf.length).fill(-Infinity);
    for (let j = 0; j < groupOf.length; j++) {
      const bought = Math.floor(dates[j] as number);
      const local = groupOf[j] as number;
      if (bought <= day && bought > (last[local] as number)) last[local] = bought;
    }
    const counts = active[d] as Int32Array;
    for (let local = 0; local < last.length; local++) {
      if (day - (last[local] as number) < lapseDays) {
        const customer = globalOf[local] as number;
        counts[customer] = (counts[customer] as number) + 1;
      }
    }
  }
}

/** Customers active in two or more units at the period's start and end, and Σ (k − 1) over them. */
function crossUnitCustomers(activeUnits: readonly Int32Array[]): UnitTable["crossUnit"] {
  const [start, end] = activeUnits.map((counts) => {
    let customers = 0;
    let excess = 0;
    for (const k of counts) {
      if (k < 2) continue;
      customers++;
      excess += k - 1;
    }
    return { customers, excess };
  }) as [{ customers: number; excess: number }, { customers: number; excess: number }];
  return { start: start.customers, end: end.customers, excessStart: start.excess, excessEnd: end.excess };
}
