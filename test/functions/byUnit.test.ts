/**
 * =CX.BY_UNIT through the Excel boundary (shared/DOMAIN.md §8): the worked example in both languages;
 * on CDNOW with a synthetic unit column (ids mod 5) every unit's row equals CX.CUSTOMER_BRIDGE,
 * REVENUE_BRIDGE and PERIOD_KPIS on that unit's rows alone, revenue adds up to the company's to the
 * cent, and company − units together is the cross-unit count; bad input named.
 */
import * as cx from "../../src/functions/functions";
import { cdnowTransactions } from "../helpers/cdnow";
import { column, invocation, outcome } from "../helpers/excel";

const inv = invocation();
const show = (cell: unknown): unknown => (cell instanceof CustomFunctions.Error ? cell.code : cell);
function table(body: () => unknown): unknown[][] {
  const result = outcome(body);
  if (result.kind !== "value") throw new Error(JSON.stringify(result));
  return result.value.map((row) => row.map(show));
}

// §8: A 2024-01-10 100 East; A 2024-02-12 50 North; B 2024-01-20 80 East.
const ids = column("A", "A", "B");
const dates = column("2024-01-10", "2024-02-12", "2024-01-20");
const amounts = column(100, 50, 80);
const regions = column("East", "North", "East");

test("DOMAIN.md §8's worked example, February: North, East, all units together, company, one customer in two units", () => {
  expect(table(() => cx.BY_UNIT(ids, dates, amounts, regions, "month", "2024-02-29", 90, "en-US", inv))).toEqual([
    ["Unit", "Customers at start", "New", "Reactivated", "Lapsed", "Customers at end", "Churn rate", "Revenue", "Revenue in previous period",
      "Revenue change on previous period", "Orders", "Average order value", "Net revenue retention", "Share of company revenue"],
    ["North", 0, 1, 0, 0, 1, "#N/A", 50, 0, "#N/A", 1, 50, "#N/A", 1],
    ["East", 2, 0, 0, 0, 2, 0, 0, 180, -1, 0, "#N/A", 0, 0],
    ["All units together", 2, 1, 0, 0, 3, 0, 50, 180, 50 / 180 - 1, 1, 50, 0, 1],
    // the company's NRR: A's 100 → 50 (contraction −50) and B's 80 lost: (180 − 50 − 80) / 180
    ["Company", 2, 0, 0, 0, 2, 0, 50, 180, 50 / 180 - 1, 1, 50, 50 / 180, 1],
    ["Customers active in more than one unit", 0, "", "", "", 1, "", "", "", "", "", "", "", ""],
  ]);
});

test("January by default period end is February's (the last purchase); January chosen; in Chinese with a blank unit", () => {
  expect(table(() => cx.BY_UNIT(ids, dates, amounts, regions, null, null, null, "en-US", inv))[1]?.[0]).toBe("North");
  const january = table(() => cx.BY_UNIT(ids, dates, amounts, column("East", "", "East"), "月", "2024-01-31", null, "zh-CN", inv));
  expect(january.map((row) => row[0])).toEqual(["单元", "East", "（未填）", "全部单元合计", "公司整体"]);
  expect(january[1]?.slice(1, 6)).toEqual([0, 2, 0, 0, 2]);
  expect(january[1]?.[7]).toBe(180);
});

test("the #N/A cells say why, in the user's language", () => {
  const result = outcome(() => cx.BY_UNIT(ids, dates, amounts, regions, "month", "2024-02-29", 90, "en-US", inv));
  if (result.kind !== "value") throw new Error(JSON.stringify(result));
  expect((result.value[1]?.[9] as CustomFunctions.Error).message).toContain("North: no revenue in the period before, so there is no change on it.");
});

describe("CDNOW with a unit column (ids mod 5)", () => {
  const { ids: cdIds, dates: cdDates, amounts: cdAmounts } = cdnowTransactions();
  const units = cdIds.map((id) => `Store ${id % 5}`);
  const asOf = "1997-09-30";
  const byUnit = table(() => cx.BY_UNIT(column(...cdIds), column(...cdDates), column(...cdAmounts), column(...units), "month", asOf, 90, "en-US", inv));
  const rowOf = (name: string): unknown[] => byUnit.find((row) => row[0] === name) as unknown[];

  test.each([0, 1, 2, 3, 4])("Store %i: its row is the periodic functions on its rows alone", (store) => {
    const mine = cdIds.flatMap((id, i) => (id % 5 === store ? [i] : []));
    const pick = (values: readonly number[]) => column(...mine.map((i) => values[i] as number));
    const last = (rows: unknown[][]): unknown[] => rows[rows.length - 1] as unknown[];
    const bridge = last(table(() => cx.CUSTOMER_BRIDGE(pick(cdIds), pick(cdDates), "month", 90, asOf, asOf, "en-US", inv)));
    const revenue = last(table(() => cx.REVENUE_BRIDGE(pick(cdIds), pick(cdDates), pick(cdAmounts), "month", asOf, asOf, "en-US", inv)));
    const kpis = last(table(() => cx.PERIOD_KPIS(pick(cdIds), pick(cdDates), pick(cdAmounts), "month", asOf, asOf, "en-US", inv)));
    const row = rowOf(`Store ${store}`);
    expect(bridge[0]).toBe("1997-09");
    expect(row.slice(1, 7)).toEqual(bridge.slice(3, 9));
    expect(row[7]).toBeCloseTo(revenue[7] as number, 9);
    expect(row[8]).toBeCloseTo(revenue[1] as number, 9);
    expect(row[10]).toBe(kpis[3]);
    expect(row[11]).toBeCloseTo(kpis[5] as number, 9);
    expect(row[12]).toBeCloseTo(revenue[8] as number, 9);
  });

  test("revenue adds up to the company's to the cent; units together − company = the cross-unit customers", () => {
    const stores = byUnit.filter((row) => String(row[0]).startsWith("Store"));
    expect(stores).toHaveLength(5);
    const revenues = stores.map((row) => row[7] as number);
    expect([...revenues].sort((a, b) => b - a)).toEqual(revenues);
    const [together, company] = [rowOf("All units together"), rowOf("Company")];
    expect(Math.round(revenues.reduce((a, b) => a + b, 0) * 100)).toBe(Math.round((company[7] as number) * 100));
    expect(together[7]).toBeCloseTo(company[7] as number, 6);
    expect(stores.reduce((sum, row) => sum + (row[13] as number), 0)).toBeCloseTo(1, 12);
    // ids mod 5: each customer buys in one store only, so no customer is in two units
    expect(together.slice(1, 6)).toEqual(company.slice(1, 6));
    expect(byUnit.some((row) => row[0] === "Customers active in more than one unit")).toBe(false);
  });

  test("with customers moving between units, units together − company is the cross-unit count", () => {
    // half of each customer's purchases in one region, half in another: many customers in two units
    const moving = cdIds.map((id, i) => (i % 2 === 0 ? `R${id % 3}` : `R${(id + 1) % 3}`));
    const rows = table(() => cx.BY_UNIT(column(...cdIds), column(...cdDates), column(...cdAmounts), column(...moving), "month", asOf, 90, "en-US", inv));
    const find = (name: string): unknown[] => rows.find((row) => row[0] === name) as unknown[];
    const [together, company, cross] = [find("All units together"), find("Company"), find("Customers active in more than one unit")];
    expect(cross[5]).toBeGreaterThan(0);
    expect((together[5] as number) - (company[5] as number)).toBe(cross[5]);
    expect((together[1] as number) - (company[1] as number)).toBe(cross[1]);
    expect(rows.some((row) => row[0] === "Counted more than once (units together − company)")).toBe(false);
  });
});

describe("bad input", () => {
  test("units of another length, an error value in a unit, a short lapse window", () => {
    expect(outcome(() => cx.BY_UNIT(ids, dates, amounts, column("East", "North"), null, null, null, "en-US", inv))).toMatchObject({ kind: "error", code: "#VALUE!", message: "units is 2×1 but customer_ids is 3×1; give ranges of the same size." });
    const broken = outcome(() => cx.BY_UNIT(ids, dates, amounts, column("East", { type: "Error", errorType: "NotAvailable" }, "East"), null, null, null, "en-US", inv));
    expect(broken).toMatchObject({ kind: "error", code: "#VALUE!", message: expect.stringMatching(/^units at row 2, column 1 holds the error/) });
    expect(outcome(() => cx.BY_UNIT(ids, dates, amounts, regions, "month", null, 20, "en-US", inv))).toMatchObject({ kind: "error", code: "#VALUE!", message: expect.stringMatching(/^lapse_days/) });
  });
});

test("10,000 distinct units: refused at once with what to do, not a table of 10,000 rows", () => {
  const rows = 10_000;
  const many = outcome(() => cx.BY_UNIT(
    column(...Array.from({ length: rows }, (_, i) => `C${i % 300}`)), column(...Array.from({ length: rows }, (_, i) => 45292 + (i % 60))),
    column(...Array.from({ length: rows }, () => 10)), column(...Array.from({ length: rows }, (_, i) => `Store ${i}`)), null, null, null, "en-US", inv,
  ));
  expect(many).toEqual({
    kind: "error", code: "#VALUE!",
    message: "units holds 10,000 different units, more than the 1,000 a by-unit table shows. Choose a coarser unit column (region rather than store), or filter the rows first.",
  });
  const thousand = table(() => cx.BY_UNIT(column(...Array.from({ length: 1000 }, (_, i) => `C${i}`)), column(...Array.from({ length: 1000 }, () => 45292)),
    column(...Array.from({ length: 1000 }, (_, i) => i + 1)), column(...Array.from({ length: 1000 }, (_, i) => `Store ${i}`)), null, null, null, "en-US", inv));
  expect(thousand).toHaveLength(1 + 1000 + 2);
  expect(thousand[1]?.slice(0, 8)).toEqual(["Store 999", 0, 1, 0, 0, 1, "#N/A", 1000]);
});
