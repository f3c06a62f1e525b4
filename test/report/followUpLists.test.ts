/**
 * The lists for follow-up on the workings (issue 22, item 5): the report period's new customers and
 * its lapsed customers, each with their value, as CX.NEW_CUSTOMERS and CX.WIN_BACK give them: the
 * first 50 of each, spilled in CX mode (every cell formatted ahead), by built-in formulas in portable
 * mode recalculated by LibreOffice; then how many more the period figures count.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { specToXlsx } from "../../scripts/specToXlsx";
import { buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS, type ReportOptions } from "../../src/report/buildReport";
import type { ReportSpec } from "../../src/report/sheetSpec";
import * as cx from "../../src/functions/functions";
import { cxValueAt, sheetOf } from "../helpers/evaluateReport";
import { invocation } from "../helpers/excel";
import { recalculate, testWithLibreOffice } from "../helpers/libreOffice";

// The tests' quarter, 2024-Q3: enough new and lapsed customers to fill both lists in part.
const options: ReportOptions = {
  title: "Q3", periodStart: 45474, periodEnd: 45565, currency: "CNY", locale: "en-US",
  formulaMode: "cx", targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: SAMPLE_INPUTS,
};
const column = (values: readonly unknown[]): unknown[][] => values.map((value) => [value]);
const tx = [
  column(SAMPLE_INPUTS.transactions.map((t) => t.customer)), column(SAMPLE_INPUTS.transactions.map((t) => options.periodEnd - Number(t.daysBeforeEnd))), column(SAMPLE_INPUTS.transactions.map((t) => t.amount)),
] as const;
const newOnes = cx.NEW_CUSTOMERS(...tx, options.periodStart, options.periodEnd, 1000, "en-US", invocation());
const lapsed = cx.WIN_BACK(...tx, options.periodStart, options.periodEnd, 92, 1000, "en-US", invocation());

/** The row of a list's title on the workings, and its column. */
function titleOf(report: ReportSpec, text: string): { row: number; column: string } {
  const address = sheetOf(report, "workings").cells.find((cell) => cell.value === text)?.address as string;
  return { row: Number(address.replace(/^[A-Z]+/, "")), column: address.replace(/\d+$/, "") };
}

test("CX: both lists spill under the waterfall's table, their cells formatted, nothing of the report in their way", () => {
  const report = buildReport(options);
  const workings = sheetOf(report, "workings");
  const fresh = titleOf(report, "New customers this period (first purchase in it), by revenue");
  const gone = titleOf(report, "Lapsed this period (to win back), by historical value");
  expect([fresh.column, gone.column, gone.row]).toEqual(["A", "E", fresh.row]);
  expect(newOnes.length).toBeGreaterThan(5);
  expect(lapsed.length).toBeGreaterThan(5);
  for (const [list, at, formats] of [[newOnes, fresh, ["yyyy-mm-dd", "#,##0.00 \"CNY\""]], [lapsed, gone, ["yyyy-mm-dd", "yyyy-mm-dd", "#,##0.00 \"CNY\""]]] as const) {
    const letter = (j: number): string => String.fromCharCode(at.column.charCodeAt(0) + j);
    for (let r = 0; r <= 50; r++) {
      for (let j = 0; j <= formats.length; j++) expect(cxValueAt(report, `'Workings 2024-Q3'!${letter(j)}${at.row + 1 + r}`) ?? "").toEqual(list[r]?.[j] ?? "");
      if (r > 0) expect(formats.map((_, j) => workings.cells.find((cell) => cell.address === `${letter(j + 1)}${at.row + 1 + r}`)?.numberFormat)).toEqual(formats);
    }
    // under the list, the count of those not shown (none here), then nothing
    expect(workings.cells.find((cell) => cell.address === `${at.column}${at.row + 52}`)?.formula).toMatch(/^=IFERROR\(IF\('Report 2024-Q3'!(New|Lapsed)_Customers-50>0,/);
  }
  const below = workings.cells.filter((cell) => /^[A-H]\d+$/.test(cell.address) && Number(cell.address.slice(1)) > fresh.row + 52);
  expect(below).toEqual([]);
  // the new customers' count is the bridge's: the quarter's "New"
  const bridge = cx.CUSTOMER_BRIDGE(tx[0], tx[1], "quarter", 92, options.periodStart, options.periodEnd, "en-US", invocation());
  expect(newOnes.length - 1).toBe(bridge[1]?.[(bridge[0] as string[]).indexOf("New")]);
});

testWithLibreOffice("portable: the same customers and values, recalculated by LibreOffice, blank below the last", async () => {
  const report = buildReport({ ...options, formulaMode: "portable" });
  const file = path.join(mkdtempSync(path.join(tmpdir(), "cx-lists-")), "report.xlsx");
  await specToXlsx(report, file);
  const [values = new Map<string, unknown>()] = await recalculate(file);
  const serial = (value: unknown): unknown => (value instanceof Date ? value.getTime() / 86_400_000 + 25_569 : value ?? "");
  for (const [title, list, left] of [["New customers this period (first purchase in it), by revenue", newOnes, "A"], ["Lapsed this period (to win back), by historical value", lapsed, "E"]] as const) {
    const at = titleOf(report, title);
    const width = (list[0] as unknown[]).length;
    const shown = Array.from({ length: 51 }, (_, r) => Array.from({ length: width }, (_, j) => serial(values.get(`Workings 2024-Q3!${String.fromCharCode(left.charCodeAt(0) + j)}${at.row + 1 + r}`))));
    expect(shown).toEqual(Array.from({ length: 51 }, (_, r) => list[r] ?? new Array(width).fill("")));
  }
}, 300_000);
