/**
 * The follow-up lists through the Excel boundary: CX.AT_RISK (active and overdue, by value at risk;
 * "all" keeps the ranking of every customer) and CX.WIN_BACK (lapsed in a period, by value) of
 * shared/DOMAIN.md §11, and CX.NEW_CUSTOMERS (§7's new, by revenue), by hand-worked examples and on
 * the CDNOW sample of Fader, Hardie & Lee (2005).
 */
import * as cx from "../../src/functions/functions";
import { expectClose } from "../helpers/close";
import { cdnowTransactions, serialOf } from "../helpers/cdnow";
import { column, invocation, outcome, single, table } from "../helpers/excel";

const inv = invocation();
const { ids, dates, amounts } = cdnowTransactions();
const asOf = serialOf("19970930");

/** P(alive) of a customer as CX.P_ALIVE gives it with CX.CLV_FIT's parameters (weeks). */
function aliveBy(fit: unknown[][]): (x: number, tx: number, T: number) => number {
  const parameter = (name: string): number => fit.find((row) => row[0] === name)?.[1] as number;
  return (x, tx, T) => single(() => cx.P_ALIVE([[x]], [[tx]], [[T]], [[parameter("BG/NBD r")]], [[parameter("BG/NBD alpha")]], [[parameter("BG/NBD a")]], [[parameter("BG/NBD b")]], inv)) as number;
}

describe("=CX.AT_RISK: still active, overdue against the customer's own interval (§11)", () => {
  // as_of 2024-04-30, W = 90. By hand:
  // A: 01-01, 02-01, 03-02 — 2 intervals over 61 days, usual 30.5; 59 days since ≥ 45.75: overdue.
  // B: 04-01, 04-20 — usual 19; 10 days since < 28.5: on time.
  // C: one purchase: no interval, not listed.
  // D: 2023-01-01, 2023-02-01 — 454 days since ≥ 90: lapsed long ago, on neither list (the old ranking's first).
  // E: 02-01 twice and 02-11 — purchase days, not orders: usual 10 (not 5); 79 days since: overdue.
  // G: 03-11, 03-31 — usual 20; 30 days since = 1.5 × 20: overdue (the boundary counts).
  // H: 03-01, 03-31 — usual 30; 30 days since < 45: on time.
  const rows: [string, string, number][] = [
    ["A", "20240101", 100], ["A", "20240201", 100], ["A", "20240302", 100], ["B", "20240401", 70], ["B", "20240420", 70],
    ["C", "20240401", 900], ["D", "20230101", 2000], ["D", "20230201", 2000], ["E", "20240201", 50], ["E", "20240201", 50],
    ["E", "20240211", 400], ["G", "20240311", 20], ["G", "20240331", 20], ["H", "20240301", 10], ["H", "20240331", 10],
  ];
  const args = [column(...rows.map((r) => r[0])), column(...rows.map((r) => serialOf(r[1]))), column(...rows.map((r) => r[2]))] as const;
  const end = serialOf("20240430");

  test("lists A, E and G with their days since, usual interval and value, ranked by (1 − P(alive)) × value", () => {
    const list = table(() => cx.AT_RISK(...args, [[10]], [[end]], "en-US", [[90]], null, inv));
    expect(list[0]).toEqual(["Customer", "Days since last", "Usual interval (days)", "Historical value", "P(alive)", "Value at risk"]);
    const byCustomer = new Map(list.slice(1).map((row) => [row[0], row]));
    expect([...byCustomer.keys()].sort()).toEqual(["A", "E", "G"]);
    expect(byCustomer.get("A")?.slice(1, 4)).toEqual([59, 30.5, 300]);
    expect(byCustomer.get("E")?.slice(1, 4)).toEqual([79, 10, 500]);
    expect(byCustomer.get("G")?.slice(1, 4)).toEqual([30, 20, 40]);
    // P(alive) from the model CX.CLV_FIT fits to all of them, in weeks: x, t_x = days / 7, T = days / 7.
    const alive = aliveBy(table(() => cx.CLV_FIT(...args, [[end]], "weeks", inv)));
    const histories: Record<string, [number, number, number]> = { A: [2, 61, 120], E: [1, 10, 89], G: [1, 20, 50] };
    for (const [customer, [x, txDays, TDays]] of Object.entries(histories)) {
      const row = byCustomer.get(customer) as number[];
      expectClose(row[4] as number, alive(x, txDays / 7, TDays / 7), 1e-12);
      expectClose(row[5] as number, (1 - (row[4] as number)) * (row[3] as number), 1e-9);
    }
    const risks = list.slice(1).map((row) => row[5] as number);
    expect([...risks].sort((a, b) => b - a)).toEqual(risks);
    // top 1 keeps the first; in Chinese the headers change, not the rows
    expect(table(() => cx.AT_RISK(...args, [[1]], [[end]], "zh-CN", [[90]], "逾期", inv))).toEqual([["客户", "距上次购买（天）", "平均购买间隔（天）", "历史消费额", "存活概率", "风险价值"], list[1]]);
  });

  test("a shorter lapse window drops the overdue who have lapsed by it; rule \"all\" keeps every customer, D first", () => {
    const short = table(() => cx.AT_RISK(...args, [[10]], [[end]], "en-US", [[60]], null, inv));
    expect(short.slice(1).map((row) => row[0]).sort()).toEqual(["A", "G"]);
    const all = table(() => cx.AT_RISK(...args, [[10]], [[end]], "en-US", null, "all", inv));
    expect(all[0]).toEqual(["Customer", "Historical value", "P(alive)", "Value at risk"]);
    expect(all.slice(1).map((row) => row[0]).sort()).toEqual(["A", "B", "C", "D", "E", "G", "H"]);
    expect(all[1]?.[0]).toBe("D");
  });

  test("on CDNOW: exactly the customers §11 names, each row by hand, the largest value at risk first", () => {
    const list = table(() => cx.AT_RISK(column(...ids), column(...dates), column(...amounts), [[100000]], [[asOf]], "en-US", [[90]], null, inv)).slice(1);
    // Independently: each customer's purchase days from the transactions up to as_of.
    const days = new Map<string, Set<number>>();
    const spent = new Map<string, number>();
    ids.forEach((id, i) => {
      if ((dates[i] as number) > asOf) return;
      days.set(String(id), (days.get(String(id)) ?? new Set()).add(dates[i] as number));
      spent.set(String(id), (spent.get(String(id)) ?? 0) + (amounts[i] as number));
    });
    const expected = [...days].flatMap(([id, set]) => {
      const sorted = [...set].sort((a, b) => a - b);
      const [first, last] = [sorted[0] as number, sorted[sorted.length - 1] as number];
      const usual = (last - first) / (sorted.length - 1);
      return sorted.length >= 2 && asOf - last < 90 && asOf - last >= 1.5 * usual ? [[id, asOf - last, usual, first]] as const : [];
    });
    expect(expected.length).toBeGreaterThan(20);
    expect(list.map((row) => String(row[0])).sort()).toEqual(expected.map((e) => e[0]).sort());
    const alive = aliveBy(table(() => cx.CLV_FIT(column(...ids), column(...dates), column(...amounts), [[asOf]], "weeks", inv)));
    for (const [id, since, usual, first] of expected) {
      const row = list.find((r) => String(r[0]) === id) as number[];
      expect(row[1]).toBe(since);
      expectClose(row[2] as number, usual, 1e-12);
      expectClose(row[3] as number, spent.get(id) as number, 1e-9);
      const x = (days.get(id) as Set<number>).size - 1;
      expectClose(row[4] as number, alive(x, (asOf - since - first) / 7, (asOf - first) / 7), 1e-12);
    }
    const risks = list.map((row) => row[5] as number);
    expect([...risks].sort((a, b) => b - a)).toEqual(risks);
  });

  test("rule \"all\" on CDNOW: every customer by (1 − P(alive)) × what they spent, as before §11", () => {
    const result = table(() => cx.AT_RISK(column(...ids), column(...dates), column(...amounts), [[12]], [[asOf]], "en-US", null, "all", inv));
    expect(result.length).toBe(13);
    const alive = aliveBy(table(() => cx.CLV_FIT(column(...ids), column(...dates), column(...amounts), [[asOf]], "weeks", inv)));
    const predicted = new Map(table(() => cx.CLV_PREDICT(column(...ids), column(...dates), column(...amounts), [[1]], null, null, [[asOf]], inv)).slice(1).map((row) => [row[0], row]));
    const spent = new Map(table(() => cx.RFM(column(...ids), column(...dates), column(...amounts), [[asOf]], "en-US", inv)).slice(1).map((row) => [row[0], row[3] as number]));
    for (const [customer, value, p, risk] of result.slice(1)) {
      const [, x, tx, T] = predicted.get(customer) as number[];
      expectClose(p as number, alive(x as number, tx as number, T as number), 1e-12);
      expectClose(value as number, spent.get(customer) as number, 1e-9);
      expectClose(risk as number, (1 - (p as number)) * (value as number), 1e-9);
    }
    const all = table(() => cx.AT_RISK(column(...ids), column(...dates), column(...amounts), [[100000]], [[asOf]], "en-US", null, "all", inv)).slice(1);
    expect(all.length).toBe(2357);
    expect(all[12]?.[3] as number).toBeLessThanOrEqual(result[12]?.[3] as number);
  });

  test("bad arguments are refused naming the argument and the cell", () => {
    const at = invocation(["A:A", "B:B", "C:C", "Report!B3", "Report!B4", "Report!B5", "Report!B6", "Report!B7"]);
    const call = (top: unknown, lapse: unknown, rule: unknown): unknown => outcome(() => cx.AT_RISK(column(...ids), column(...dates), column(...amounts), top, null, null, lapse, rule, at));
    expect(call([[2.5]], null, null)).toEqual({ kind: "error", code: "#VALUE!", message: "top (Report!B3) is 2.5; it must be a whole number." });
    expect(call(null, [[0]], null)).toEqual({ kind: "error", code: "#VALUE!", message: "lapse_days (Report!B6) is 0; it must be a whole number of days, at least 1." });
    expect(call(null, null, "late")).toEqual({ kind: "error", code: "#VALUE!", message: 'rule: "late" is not one of "overdue", "all".' });
  });
});

describe("=CX.WIN_BACK: the customers who lapsed in the period (§11), as the customer bridge counts them", () => {
  // DOMAIN.md §7's worked example, with amounts: A buys 2024-01-10 (10) and 2024-03-05 (20); B buys
  // 2024-01-20 (5); C buys 2024-02-01 (7) and 2024-06-15 (8). W = 90: B lapses on 2024-04-19, C on
  // 2024-05-01, A on 2024-06-03.
  const args = [column("A", "A", "B", "C", "C"), column(...["20240110", "20240305", "20240120", "20240201", "20240615"].map(serialOf)), column(10, 20, 5, 7, 8)] as const;
  const winBack = (start: string, end: string, lapse: number | null, language = "en-US"): unknown[][] =>
    table(() => cx.WIN_BACK(...args, [[serialOf(start)]], [[serialOf(end)]], lapse === null ? null : [[lapse]], null, language, inv));

  test("April B, May C, June A; each with the last purchase, the day they lapsed and what they spent", () => {
    expect(winBack("20240401", "20240430", 90)).toEqual([["Customer", "Last purchase", "Lapsed on", "Historical value"], ["B", serialOf("20240120"), serialOf("20240419"), 5]]);
    expect(winBack("20240501", "20240531", null).slice(1)).toEqual([["C", serialOf("20240201"), serialOf("20240501"), 7]]);
    expect(winBack("20240601", "20240630", 90).slice(1)).toEqual([["A", serialOf("20240305"), serialOf("20240603"), 30]]);
    expect(winBack("20240701", "20240731", 90).slice(1)).toEqual([]);
    // A quarter with W = 92: B and A lapse in it, the larger value first; C bought in it again.
    expect(winBack("20240401", "20240630", 92, "zh-CN")).toEqual([["客户", "最近购买日", "流失日", "历史消费额"], ["A", serialOf("20240305"), serialOf("20240605"), 30], ["B", serialOf("20240120"), serialOf("20240421"), 5]]);
  });

  test("on CDNOW, month by month, as many customers as CX.CUSTOMER_BRIDGE's lapsed", () => {
    const bridge = table(() => cx.CUSTOMER_BRIDGE(column(...ids), column(...dates), "month", [[90]], null, null, "en-US", inv));
    const lapsedColumn = (bridge[0] as string[]).indexOf("Lapsed");
    const [startColumn, endColumn] = [(bridge[0] as string[]).indexOf("First day"), (bridge[0] as string[]).indexOf("Last day")];
    let total = 0;
    for (const row of bridge.slice(1)) {
      const list = table(() => cx.WIN_BACK(column(...ids), column(...dates), column(...amounts), [[row[startColumn]]], [[row[endColumn]]], [[90]], [[100000]], "en-US", inv)).slice(1);
      expect(list.length).toBe(row[lapsedColumn]);
      const values = list.map((r) => r[3] as number);
      expect([...values].sort((a, b) => b - a)).toEqual(values);
      total += list.length;
    }
    expect(total).toBeGreaterThan(1000);
  });

  test("bad arguments are refused naming the argument and the cell", () => {
    const at = invocation(["A:A", "B:B", "C:C", "R!B1", "R!B2", "R!B3", "R!B4", "R!B5"]);
    const call = (start: unknown, end: unknown, lapse: unknown): unknown => outcome(() => cx.WIN_BACK(...args, start, end, lapse, null, null, at));
    expect(call([[serialOf("20240430")]], [[serialOf("20240401")]], null)).toEqual({ kind: "error", code: "#VALUE!", message: "period_end (R!B2) is 2024-04-01, before period_start (2024-04-30)." });
    expect(call([["2024-13-01"]], [[serialOf("20240401")]], null)).toMatchObject({ kind: "error", code: "#VALUE!", message: expect.stringContaining("period_start (R!B1)") });
    expect(call(null, [[serialOf("20240401")]], null)).toMatchObject({ kind: "error", code: "#N/A", message: expect.stringContaining("period_start (R!B1)") });
    expect(call([[serialOf("20240401")]], [[serialOf("20240430")]], [[-5]])).toEqual({ kind: "error", code: "#VALUE!", message: "lapse_days (R!B3) is -5; it must be a whole number of days, at least 1." });
  });
});

describe("=CX.NEW_CUSTOMERS: the customers whose first purchase falls in the period, as the customer bridge counts its new", () => {
  // §7's worked example again: A buys 2024-01-10 (10) and 2024-03-05 (20); B 2024-01-20 (5); C 2024-02-01 (7) and 2024-06-15 (8).
  const args = [column("A", "A", "B", "C", "C"), column(...["20240110", "20240305", "20240120", "20240201", "20240615"].map(serialOf)), column(10, 20, 5, 7, 8)] as const;
  const welcome = (start: string, end: string, language = "en-US"): unknown[][] => table(() => cx.NEW_CUSTOMERS(...args, [[serialOf(start)]], [[serialOf(end)]], null, language, inv));

  test("January A and B (their January revenue, A's March purchase left out), February C, March nobody; the first quarter all three", () => {
    expect(welcome("20240101", "20240131")).toEqual([["Customer", "First purchase", "Revenue"], ["A", serialOf("20240110"), 10], ["B", serialOf("20240120"), 5]]);
    expect(welcome("20240201", "20240229", "zh-CN")).toEqual([["客户", "首次购买日", "本期收入"], ["C", serialOf("20240201"), 7]]);
    expect(welcome("20240301", "20240331").slice(1)).toEqual([]);
    expect(welcome("20240101", "20240331").slice(1)).toEqual([["A", serialOf("20240110"), 30], ["C", serialOf("20240201"), 7], ["B", serialOf("20240120"), 5]]);
  });

  test("on CDNOW, month by month, as many customers as CX.CUSTOMER_BRIDGE's new, each with what they spent in the month", () => {
    const bridge = table(() => cx.CUSTOMER_BRIDGE(column(...ids), column(...dates), "month", [[90]], null, null, "en-US", inv));
    const [newColumn, startColumn, endColumn] = ["New", "First day", "Last day"].map((name) => (bridge[0] as string[]).indexOf(name)) as [number, number, number];
    for (const row of bridge.slice(1, 4)) {
      const [start, end] = [row[startColumn] as number, row[endColumn] as number];
      const list = table(() => cx.NEW_CUSTOMERS(column(...ids), column(...dates), column(...amounts), [[start]], [[end]], [[100000]], "en-US", inv)).slice(1);
      expect(list.length).toBe(row[newColumn]);
      for (const [customer, , revenue] of list.slice(0, 20)) {
        const spent = ids.reduce((sum: number, id, i) => sum + (id === customer && (dates[i] as number) >= start && (dates[i] as number) <= end ? (amounts[i] as number) : 0), 0);
        expectClose(revenue as number, spent, 1e-9);
      }
      const values = list.map((r) => r[2] as number);
      expect([...values].sort((a, b) => b - a)).toEqual(values);
    }
  });
});
