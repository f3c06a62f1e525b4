/**
 * What real Excel refuses, held by the in-memory workbook that refuses it too: requests and responses
 * over 5 MB (Excel on the web), text that Excel would turn into a formula or a number, and chart
 * series that do not exist because Excel made none from an empty range.
 */
import { buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS, type ReportOptions } from "../../src/report/buildReport";
import { PICK_LIMITS } from "../../src/report/dataSource";
import { rebuildReport } from "../../src/report/readBack";
import { REQUEST_BUDGET_BYTES } from "../../src/writer/planWrite";
import { readInChunks } from "../../src/writer/readInChunks";
import { refreshReport, writeReport } from "../../src/writer/writeReport";
import { EXCEL_WEB_PAYLOAD_LIMIT, fakeWorkbook, type FakeSheet } from "../helpers/fakeWorkbook";
import { allCells, sheetOf } from "../helpers/evaluateReport";

const options: ReportOptions = {
  title: "Customer metrics", periodStart: 45474, periodEnd: 45565, currency: "CNY", locale: "zh-CN",
  formulaMode: "cx", targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: SAMPLE_INPUTS,
};
const rebuild = (settings: unknown, contents: Parameters<typeof rebuildReport>[1]) => rebuildReport(settings, contents, 45600);
/** The report's dashboard in the workbook (the first sheet it added). */
const reportSheet = (book: ReturnType<typeof fakeWorkbook>): FakeSheet => book.sheets.find((sheet) => sheet.name !== "Sheet1" && sheet.name !== "Sales") as FakeSheet;
/** Cells written over all the report's sheets. */
const writtenCells = (book: ReturnType<typeof fakeWorkbook>): number => book.sheets.filter((sheet) => sheet.name !== "Sheet1" && sheet.name !== "Sales").reduce((sum, sheet) => sum + sheet.cells.size, 0);
const localPart = (address: string): string => address.replace(/^'.*'!/, "");

describe("charts: every series is made explicitly, none is assumed", () => {
  test("the default report (CX mode, sample data, all sections) writes with one series per chart, on its ranges", async () => {
    const book = fakeWorkbook(["Sheet1"]);
    const spec = sheetOf(buildReport(options), "dashboard");
    await writeReport(book.context, buildReport(options));
    const sheet = reportSheet(book);
    // (a series' range as Excel names it, with its sheet: the dashboard's own or the workings')
    const onSheet = (address: string): string => (address.startsWith("'") ? address : `'${sheet.name}'!${address}`);
    // (with the look of a series that has one: the waterfall's)
    expect(sheet.charts.map((chart) => chart.series)).toEqual(spec.charts.map((chart) => chart.series.map((each) => ({
      name: each.name, values: onSheet(each.values), categories: onSheet(chart.categories), ...(each.color === undefined ? {} : { color: each.color }), ...(each.labels === undefined ? {} : { labels: each.labels }),
    }))));
    // the RFM chart's values are the cells =CX.RFM_SUMMARY spills into: empty while the writer runs
    const rfm = spec.charts.at(-1); // customers per RFM segment, the last chart
    expect(rfm).toBeDefined();
    expect(sheet.cells.has(localPart(rfm?.series[0]?.values as string).split(":")[0] as string)).toBe(false);
  });

  test("the workbook refuses what Excel refuses: the first series of a chart made from an empty range", async () => {
    const book = fakeWorkbook(["Sheet1"]);
    const context = book.context;
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    const chart = sheet.charts.add("Pie", sheet.getRange("D2:D9"), "Columns");
    chart.series.getItemAt(0).setXAxisValues(sheet.getRange("C2:C9"));
    await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
  });

  test("no cell of the report lies under a chart, so a chart's anchor cell is empty", () => {
    for (const mode of ["cx", "portable"] as const) {
      const spec = sheetOf(buildReport({ ...options, formulaMode: mode }), "dashboard");
      for (const chart of spec.charts) expect(spec.cells.some((cell) => cell.address === chart.topLeft)).toBe(false);
    }
  });
});

describe("no request or response over Excel on the web's 5 MB", () => {
  const largest: ReportOptions = {
    ...options, formulaMode: "portable",
    source: { transactions: { sheet: "Sales", row: 1, column: 0, rows: PICK_LIMITS.transactionsPortable, columns: 3 } },
  };

  test("the largest report the pane allows (portable, 5,000 linked transactions) writes and refreshes in requests under 4 MB", async () => {
    const book = fakeWorkbook(["Sheet1", "Sales"]);
    const report = buildReport(largest);
    const cells = allCells(report).map(({ cell }) => cell);
    expect(JSON.stringify(cells).length).toBeGreaterThan(EXCEL_WEB_PAYLOAD_LIMIT); // one request could not carry it
    const written = await writeReport(book.context, report);
    expect(written.syncs).toBeGreaterThan(2);
    expect(book.payloads).toHaveLength(written.syncs);
    for (const payload of book.payloads) {
      expect(payload.request).toBeLessThan(REQUEST_BUDGET_BYTES);
      expect(payload.response).toBeLessThan(REQUEST_BUDGET_BYTES);
    }
    const total = writtenCells(book);
    expect(total).toBe(cells.filter((cell) => cell.formula !== undefined || (cell.value !== undefined && cell.value !== "")).length);

    book.payloads.length = 0;
    book.syncs = 0;
    const refreshed = await refreshReport(book.context, rebuild);
    expect(refreshed.syncs).toBe(book.syncs);
    for (const payload of book.payloads) {
      expect(payload.request).toBeLessThan(REQUEST_BUDGET_BYTES);
      expect(payload.response).toBeLessThan(REQUEST_BUDGET_BYTES);
    }
    expect(writtenCells(book)).toBe(total);
  }, 60_000);

  test("the same write in one request is what Excel refuses", async () => {
    const book = fakeWorkbook(["Sheet1"]);
    const rows = Array.from({ length: 100_000 }, (_, i) => [`=IF(A${i + 1}="",NA(),SUMPRODUCT((Tx_Customer=A${i + 1})*Tx_Amount))`]);
    book.context.workbook.worksheets.getActiveWorksheet().getRange("B1:B100000").formulas = rows;
    await expect(book.context.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
  });

  test("an ordinary report stays at a fixed count, its three sheets together: 2 syncs to write, 5 to refresh (CX mode asks where arrays spill; portable reads its larger workings in one request more)", async () => {
    for (const mode of ["cx", "portable"] as const) {
      const book = fakeWorkbook(["Sheet1"]);
      expect((await writeReport(book.context, buildReport({ ...options, formulaMode: mode }))).syncs).toBe(2);
      book.syncs = 0;
      expect((await refreshReport(book.context, rebuild)).syncs).toBe(5);
      expect(book.syncs).toBe(5);
    }
  });
});

describe("picks of up to a million rows are read in slices Excel accepts", () => {
  /** A workbook of one generated column block, as big as a pick may be, that refuses responses over 5 MB. */
  function generatedSheet(rows: number, cell: (row: number, column: number) => string | number) {
    const responses: number[] = [];
    let pending: { rows: unknown[][] }[] = [];
    const context = {
      sync: async () => {
        const loads = pending;
        pending = [];
        const bytes = loads.reduce((sum, load) => sum + JSON.stringify(load.rows).length, 0);
        if (bytes > EXCEL_WEB_PAYLOAD_LIMIT) {
          for (const load of loads) load.rows = [];
          throw Object.assign(new Error("ResponsePayloadSizeLimitExceeded"), { code: "ResponsePayloadSizeLimitExceeded" });
        }
        responses.push(bytes);
      },
    } as unknown as Excel.RequestContext;
    const rangeAt = (local: string): Excel.Range => {
      const [, top = "1", bottom = top] = /^A(\d+):C(\d+)$/.exec(local) ?? [];
      const load = { rows: [] as unknown[][] };
      return {
        load: () => {
          load.rows = Array.from({ length: Number(bottom) - Number(top) + 1 }, (_, r) => [0, 1, 2].map((c) => cell(Number(top) + r, c)));
          pending.push(load);
        },
        get values() { return load.rows; },
      } as unknown as Excel.Range;
    };
    return { context, rangeAt, responses, address: `Sales!A1:C${rows}` };
  }

  test("a 1,000,000-row pick: every response under 4 MB, every row read", async () => {
    const sheet = generatedSheet(PICK_LIMITS.transactions, (row, column) => (column === 0 ? `C${row}` : column === 1 ? 45000 + (row % 700) : 12.5 + (row % 97)));
    const read = await readInChunks(sheet.context, sheet.rangeAt, sheet.address, ["values"]);
    expect(read.rows.values).toHaveLength(PICK_LIMITS.transactions);
    expect(read.rows.values?.[999_999]).toEqual(["C1000000", 45000 + (1_000_000 % 700), 12.5 + (1_000_000 % 97)]);
    expect(read.syncs).toBe(sheet.responses.length);
    expect(Math.max(...sheet.responses)).toBeLessThan(REQUEST_BUDGET_BYTES);
  }, 60_000);

  test("long text cells: a slice Excel refuses as too large is read again in halves", async () => {
    const sheet = generatedSheet(60_000, (row) => `${"customer note ".repeat(12)}${row}`);
    const read = await readInChunks(sheet.context, sheet.rangeAt, sheet.address, ["values"]);
    expect(read.rows.values).toHaveLength(60_000);
    expect(read.rows.values?.[59_999]?.[0]).toMatch(/60000$/);
    expect(read.syncs).toBeGreaterThan(sheet.responses.length); // some slices were refused first
    expect(Math.max(...sheet.responses)).toBeLessThanOrEqual(EXCEL_WEB_PAYLOAD_LIMIT);
  });

  test("a small pick is one request", async () => {
    const sheet = generatedSheet(900, (row) => row);
    expect((await readInChunks(sheet.context, sheet.rangeAt, sheet.address, ["values"])).syncs).toBe(1);
  });
});

describe("text is written as text", () => {
  test("a title starting with = or + and a currency of digits stay text in the sheet", async () => {
    const book = fakeWorkbook(["Sheet1"]);
    await writeReport(book.context, buildReport({ ...options, title: "=Q3 results", currency: "2024" }));
    const sheet = reportSheet(book);
    expect(sheet.cells.get("A1")).toBe("=Q3 results");
    expect(sheet.formulaCells.has("A1")).toBe(false);
    const currency = [...sheet.cells.entries()].find(([, value]) => value === "2024");
    expect(currency).toBeDefined();
    expect([...sheet.cells.values()]).not.toContain(2024);
    // formulas stay formulas
    expect(sheet.formulaCells.size).toBeGreaterThan(20);
  });

  test("the workbook turns unescaped text into a formula or a number, as Excel does", async () => {
    const book = fakeWorkbook(["Sheet1"]);
    book.context.workbook.worksheets.getActiveWorksheet().getRange("A1:B1").formulas = [["=Q3 results", "2024"]];
    await book.context.sync();
    const sheet = book.sheets[0] as FakeSheet;
    expect(sheet.formulaCells.has("A1")).toBe(true);
    expect(sheet.cells.get("B1")).toBe(2024);
  });
});
