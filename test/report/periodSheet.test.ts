/**
 * The period tables' portable formulas in a real spreadsheet program: each sheet is exported to
 * .xlsx, recalculated by LibreOffice headless, and every figure of the customer bridge, the revenue
 * bridge and the activity table must equal what =CX.CUSTOMER_BRIDGE, =CX.REVENUE_BRIDGE and
 * =CX.PERIOD_KPIS give on the same transactions: on the report's sample data, and on a second data
 * set with lapses, reactivations, same-day purchases, times of day, zero amounts, rows out of order
 * and history before the table's first period, by month, ISO week, quarter and year.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { specToXlsx } from "../../scripts/specToXlsx";
import { columnName } from "../../src/core/a1";
import { serialFromUtc } from "../../src/core/dates";
import { SAMPLE_INPUTS } from "../../src/report/buildReport";
import { buildPeriodSheet, type PeriodSheetOptions } from "../../src/report/periodSheet";
import type { SheetSpec } from "../../src/report/sheetSpec";
import { expectClose } from "../helpers/close";
import { evaluateCxTable } from "../helpers/evaluateReport";
import { recalculate, testWithLibreOffice } from "../helpers/libreOffice";

const day = (iso: string): number => serialFromUtc(Date.parse(`${iso}T00:00:00Z`));
const SAMPLE_END = day("2024-09-30");
const sample = SAMPLE_INPUTS.transactions.map((tx) => ({ customer: tx.customer, date: SAMPLE_END - (tx.daysBeforeEnd ?? 0), amount: tx.amount }));

// DOMAIN.md §7's example (A, B, C) and more: D lapses and comes back twice, E buys twice on one day
// (one row with a time of day) and once for nothing, F only before the table starts, G spends less
// then more; H and I sit on the edges of the lapse window; rows out of date order.
const second = [
  ["A", "2024-01-10", 100], ["B", "2024-01-20", 50], ["C", "2024-02-01", 80], ["A", "2024-03-05", 120], ["C", "2024-06-15", 60],
  ["D", "2023-11-02", 40], ["D", "2024-04-01", 45], ["D", "2024-09-09", 30], ["E", "2024-05-05", 20], ["E", "2024-05-05T18:30", 25],
  ["E", "2024-06-30", 0], ["F", "2023-10-15", 70], ["G", "2024-07-01", 90], ["G", "2024-08-12", 30], ["G", "2024-09-20", 95], ["G", "2024-09-21", 5],
  ["A", "2024-08-31", 10], ["B", "2023-12-31", 15],
  // On the edges of a 90-day window: H lapses on 04-30, the day before May, and is back in May
  // (reactivated); I would lapse on 05-01 but buys on 05-02 (active at the start, neither).
  ["H", "2024-01-31", 12], ["H", "2024-05-03", 12], ["I", "2024-02-01", 8], ["I", "2024-05-02", 9],
].map(([customer, date, amount]) => {
  const [iso, time] = (date as string).split("T") as [string, string?];
  const fraction = time === undefined ? 0 : (Number(time.slice(0, 2)) * 60 + Number(time.slice(3))) / 1440;
  return { customer: customer as string, date: day(iso) + fraction, amount: amount as number };
}).reverse();

const CASES: [string, Omit<PeriodSheetOptions, "formulaMode" | "currency">][] = [
  ["the sample data by month", { locale: "en-US", period: "month", lapseDays: 90, from: SAMPLE_END - 364, to: SAMPLE_END, transactions: sample }],
  ["the second data set by month, from February with history before, to a December after the data", { locale: "en-US", period: "month", lapseDays: 90, from: day("2024-02-01"), to: day("2024-12-31"), transactions: second }],
  ["the second data set by ISO week", { locale: "en-US", period: "week", lapseDays: 28, from: day("2024-01-01"), to: day("2024-10-06"), transactions: second }],
  ["the second data set by quarter, in Chinese (the revenue movements are matched by their Chinese names)", { locale: "zh-CN", period: "quarter", lapseDays: 92, from: day("2023-10-01"), to: day("2024-12-31"), transactions: second }],
  ["the second data set by year", { locale: "en-US", period: "year", lapseDays: 366, from: day("2023-01-01"), to: day("2025-12-31"), transactions: second }],
];

const specs = CASES.map(([, options]) => ({
  portable: buildPeriodSheet({ ...options, formulaMode: "portable", currency: "CNY" }),
  cx: buildPeriodSheet({ ...options, formulaMode: "cx", currency: "CNY" }),
}));
let recalculated: Map<string, unknown>[] = [];

beforeAll(async () => {
  const folder = mkdtempSync(path.join(tmpdir(), "cx-periods-"));
  const files = await Promise.all(specs.map(async ({ portable }, i) => {
    const file = path.join(folder, `periods-${i}.xlsx`);
    await specToXlsx(portable, file);
    return file;
  }));
  recalculated = await recalculate(...files);
}, 300_000);

/** A date cell read back by exceljs is a Date; the add-in's tables give the serial. */
const asSerial = (value: unknown): unknown => (value instanceof Date ? serialFromUtc(value.getTime()) : value);

/** The three CX tables of a spec, each with the row its header spills into. */
function cxTables(spec: SheetSpec): { formula: string; headerRow: number; table: unknown[][] }[] {
  return spec.cells.filter((cell) => cell.formula?.startsWith("=CX.")).map((cell) => ({
    formula: cell.formula as string, headerRow: Number(cell.address.slice(1)), table: evaluateCxTable(spec, cell.formula as string),
  }));
}

describe.each(CASES.map(([name], i) => [name, i] as const))("portable period tables equal the CX functions: %s", (_name, i) => {
  testWithLibreOffice("every label, day and figure, recalculated by LibreOffice", () => {
    const { portable, cx } = specs[i] as { portable: SheetSpec; cx: SheetSpec };
    const values = recalculated[i] as Map<string, unknown>;
    const tables = cxTables(cx);
    expect(tables.map((t) => t.formula.slice(0, 20))).toEqual(["=CX.CUSTOMER_BRIDGE(", "=CX.REVENUE_BRIDGE(T", "=CX.PERIOD_KPIS(Tx_C"]);
    let compared = 0;
    for (const { headerRow, table } of tables) {
      // The portable sheet writes the same header in the cells the CX table spills its header into.
      table[0]?.forEach((header, j) => expect(portable.cells.find((c) => c.address === `${columnName(j)}${headerRow}`)?.value).toBe(header));
      for (let k = 1; k < table.length; k++) {
        (table[k] as unknown[]).forEach((expected, j) => {
          const address = `${columnName(j)}${headerRow + k}`;
          const actual = asSerial(values.get(address));
          if (expected instanceof CustomFunctions.Error) expect([address, actual]).toEqual([address, { error: expected.code }]);
          else if (typeof expected === "number") {
            if (typeof actual !== "number") throw new Error(`${address}: LibreOffice gives ${JSON.stringify(actual)} where the add-in gives ${expected}`);
            expectClose(actual, expected, 1e-9 * Math.max(1, Math.abs(expected)));
          } else expect([address, actual]).toEqual([address, expected]);
          compared++;
        });
      }
    }
    expect(compared).toBe(tables.reduce((n, t) => n + (t.table.length - 1) * (t.table[0]?.length ?? 0), 0));
    expect(compared).toBeGreaterThan(20);
  });
});

test("the second data set has what the check is about: lapses, reactivations, every revenue movement", () => {
  const monthly = cxTables(specs[1]?.cx as SheetSpec);
  const column = (table: unknown[][], j: number): number => table.slice(1).reduce<number>((sum, row) => sum + (typeof row[j] === "number" ? (row[j] as number) : 0), 0);
  const [customers, revenue] = [monthly[0]?.table as unknown[][], monthly[1]?.table as unknown[][]];
  expect(column(customers, 5)).toBeGreaterThanOrEqual(2); // reactivated
  expect(column(customers, 6)).toBeGreaterThanOrEqual(2); // lapsed
  for (const j of [2, 3, 4]) expect(column(revenue, j)).toBeGreaterThan(0); // new, returning, expansion
  for (const j of [5, 6]) expect(column(revenue, j)).toBeLessThan(0); // contraction, lost
});

test("the CX sheet holds one formula per table and formats for the cells it spills into; the portable sheet no CX call", () => {
  const { portable, cx } = specs[1] as { portable: SheetSpec; cx: SheetSpec };
  expect(cx.cells.filter((c) => c.formula?.startsWith("=CX.")).length).toBe(3);
  expect(portable.cells.some((c) => c.formula?.includes("CX."))).toBe(false);
  expect(cx.cells.filter((c) => c.value === undefined && c.formula === undefined).every((c) => c.numberFormat !== undefined)).toBe(true);
  // Every numeric cell has an explicit number format.
  expect(portable.cells.filter((c) => typeof c.value === "number" || (c.formula !== undefined && c.style !== "helper") ).filter((c) => c.numberFormat === undefined)).toEqual([]);
});

test("a customer's previous or next purchase where there is none (0) shows a dash, not the date 1899-12-30", () => {
  const sheet = buildPeriodSheet({ ...(CASES[0] as (typeof CASES)[number])[1], formulaMode: "portable", currency: "CNY" });
  const headers = sheet.cells.filter((cell) => cell.value === "Previous purchase day (– = none)" || cell.value === "Next purchase day (– = none)");
  expect(headers).toHaveLength(2);
  for (const header of headers) {
    const column = header.address.replace(/\d+$/, "");
    const below = sheet.cells.filter((cell) => cell.address.replace(/\d+$/, "") === column && cell.formula !== undefined);
    expect(below.length).toBeGreaterThan(10);
    // sections positive;negative;zero: a day shows as a date, 0 as a dash
    for (const cell of below) expect(cell.numberFormat).toBe('yyyy-mm-dd;;"–"');
  }
});
