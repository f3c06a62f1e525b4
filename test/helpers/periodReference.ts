/**
 * shared/DOMAIN.md §7 computed the slow, literal way: for every period and every customer, each
 * definition as written (active base, new, reactivated, lapsed; r₀ and r₁ per customer). The
 * property tests hold the one-pass implementation to it.
 */
import { customerKey, type CustomerId } from "../../src/core/prep/groupCustomers";
import { periodEnd, periodIndex, periodLabel, periodStart, type Period } from "../../src/core/periods";

export interface Purchase {
  readonly customer: CustomerId;
  readonly date: number;
  readonly amount: number;
  /** The purchase's unit (region, store, …), for the by-unit figures; none by default. */
  readonly unit?: string;
}

export interface ReferenceRow {
  label: string; firstDay: number; lastDay: number;
  customersStart: number; newCustomers: number; reactivated: number; lapsed: number; customersEnd: number;
  buyers: number; orders: number; repeatBuyers: number; revenue: number;
  previousRevenue: number; newRevenue: number; returningRevenue: number; expansion: number; contraction: number; lostRevenue: number;
}

export function referencePeriods(purchases: readonly Purchase[], period: Period, lapseDays: number, from?: number, to?: number): ReferenceRow[] {
  const byCustomer = new Map<string | number, { day: number; amount: number }[]>();
  for (const p of purchases) {
    const key = customerKey(p.customer);
    const list = byCustomer.get(key) ?? [];
    list.push({ day: Math.floor(p.date), amount: p.amount });
    byCustomer.set(key, list);
  }
  const days = purchases.map((p) => Math.floor(p.date));
  const first = periodIndex(from ?? Math.min(...days), period);
  const last = periodIndex(to ?? Math.max(...days), period);
  const rows: ReferenceRow[] = [];
  for (let k = first; k <= last; k++) {
    const s = periodStart(k, period);
    const e = periodEnd(k, period);
    const ps = periodStart(k - 1, period);
    const row: ReferenceRow = {
      label: periodLabel(k, period), firstDay: s, lastDay: e,
      customersStart: 0, newCustomers: 0, reactivated: 0, lapsed: 0, customersEnd: 0,
      buyers: 0, orders: 0, repeatBuyers: 0, revenue: 0,
      previousRevenue: 0, newRevenue: 0, returningRevenue: 0, expansion: 0, contraction: 0, lostRevenue: 0,
    };
    for (const list of byCustomer.values()) {
      const lastOnOrBefore = (d: number): number => Math.max(-Infinity, ...list.filter((p) => p.day <= d).map((p) => p.day));
      const activeAt = (d: number): boolean => d - lastOnOrBefore(d) < lapseDays;
      const inP = list.filter((p) => p.day >= s && p.day <= e);
      const firstEver = Math.min(...list.map((p) => p.day));
      const r1 = inP.reduce((t, p) => t + p.amount, 0);
      const r0 = list.filter((p) => p.day >= ps && p.day < s).reduce((t, p) => t + p.amount, 0);
      const startActive = activeAt(s - 1);
      if (startActive) row.customersStart++;
      if (activeAt(e)) row.customersEnd++;
      if (firstEver >= s && firstEver <= e) row.newCustomers++;
      if (firstEver < s && !startActive && inP.length > 0) row.reactivated++;
      if (startActive && inP.length === 0 && e - lastOnOrBefore(e) >= lapseDays) row.lapsed++;
      if (inP.length > 0) row.buyers++;
      if (inP.length >= 2) row.repeatBuyers++;
      row.orders += inP.length;
      row.revenue += r1;
      row.previousRevenue += r0;
      if (firstEver >= s && firstEver <= e) row.newRevenue += r1;
      else if (firstEver < s && r0 === 0 && r1 > 0) row.returningRevenue += r1;
      else if (r0 > 0 && r1 > r0) row.expansion += r1 - r0;
      else if (r0 > 0 && r1 > 0 && r1 < r0) row.contraction += r1 - r0;
      else if (r0 > 0 && r1 === 0) row.lostRevenue -= r0;
    }
    rows.push(row);
  }
  return rows;
}
