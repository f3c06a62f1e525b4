/**
 * =CX.COHORT against a plain reference of DOMAIN.md §6 written here, on random tables: each customer
 * (ids matched as COUNTIF matches them: case and surrounding spaces ignored, 7 the same as "7") in the
 * cohort of their first period; for each cohort and each period since, the share of it buying then,
 * each customer counted once a period; purchases after `to` left out, cohorts before `from` not
 * listed. The function numbers customers as the periodic functions do and looks each day's period up
 * in their grid (issue 26); the reference does neither, so the two must agree on every cell.
 */
import * as cx from "../../src/functions/functions";
import { cohortLabel } from "../../src/core/cohortRetention";
import { periodIndex } from "../../src/core/periods";
import { customerKey } from "../../src/core/prep/groupCustomers";
import { column, invocation } from "../helpers/excel";
import { seededRandom } from "../helpers/simulate";

type Kind = "month" | "quarter" | "week";

/** The triangle counted the slow, obvious way: rows of label, size, shares (NaN where nobody was won). */
function reference(ids: readonly (string | number)[], days: readonly number[], period: Kind, from?: number, to?: number): [string, number, number[]][] {
  const toPeriod = to === undefined ? Infinity : periodIndex(to, period);
  const kept = ids.map((id, i) => ({ key: String(customerKey(id)), p: periodIndex(days[i] as number, period) })).filter((row) => row.p <= toPeriod);
  const first = new Map<string, number>();
  for (const { key, p } of kept) first.set(key, Math.min(first.get(key) ?? Infinity, p));
  const last = to === undefined ? Math.max(...kept.map((row) => row.p)) : toPeriod;
  const fromPeriod = from === undefined ? -Infinity : periodIndex(from, period);
  const cohorts = from === undefined ? [...new Set(first.values())].sort((a, b) => a - b) : Array.from({ length: Math.max(0, last - fromPeriod + 1) }, (_, k) => fromPeriod + k);
  return cohorts.map((cohort) => {
    const members = [...first].filter(([, p]) => p === cohort).map(([key]) => key);
    const shares = Array.from({ length: last - cohort + 1 }, (_, since) => {
      const buying = new Set(kept.filter((row) => row.p === cohort + since && members.includes(row.key)).map((row) => row.key));
      return members.length === 0 ? NaN : buying.size / members.length;
    });
    return [cohortLabel(cohort, period), members.length, shares];
  });
}

test("=CX.COHORT equals the reference on 200 random tables: mixed id styles, times of day, bounds, months, quarters and weeks", () => {
  const random = seededRandom(26);
  const spellings = ["A", "a ", " B", "b", "C-1", "c-1", "会员7", 7, "7", 12];
  for (let t = 0; t < 200; t++) {
    const period = (["month", "quarter", "week"] as const)[t % 3] as Kind;
    const rows = 1 + Math.floor(random() * 40);
    const start = 45_000 + Math.floor(random() * 300);
    const ids = Array.from({ length: rows }, () => spellings[Math.floor(random() * spellings.length)] as string | number);
    const days = Array.from({ length: rows }, () => start + random() * (random() < 0.1 ? 1_500 : 300));
    const from = random() < 0.3 ? start + Math.floor(random() * 400) - 50 : undefined;
    const to = random() < 0.3 ? start + Math.floor(random() * 500) - 50 : undefined;
    if (from !== undefined && to !== undefined && to < from) continue;
    const expected = reference(ids, days, period, from, to);
    const table = cx.COHORT(column(...ids), column(...days), period, from ?? null, to ?? null, "en-US", invocation());
    const where = JSON.stringify({ t, period, ids, days, from, to });
    expect([where, table.length - 1]).toEqual([where, expected.length]);
    expected.forEach(([label, size, shares], k) => {
      const row = table[k + 1] as unknown[];
      expect([where, row[0], row[1]]).toEqual([where, label, size]);
      shares.forEach((share, since) => {
        const cell = row[2 + since];
        if (Number.isNaN(share)) expect([where, cell]).toEqual([where, ""]);
        else expect([where, cell]).toEqual([where, expect.closeTo(share, 12)]);
      });
    });
  }
});
