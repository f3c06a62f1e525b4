/**
 * The writer on office-addin-mock: what it writes, how many round trips, that it never reuses an
 * existing sheet, and that a failed write removes what it created.
 */
import { OfficeMockObject } from "office-addin-mock";
import { buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS } from "../../src/report/buildReport";
import { planWrite, uniqueSheetName } from "../../src/writer/planWrite";
import { ReportWriteError, writeReport } from "../../src/writer/writeReport";

const spec = buildReport({
  title: "Customer metrics", periodStart: 45474, periodEnd: 45565, currency: "CNY", locale: "en-US",
  formulaMode: "cx", targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: SAMPLE_INPUTS,
});

interface Recorder {
  syncs: number;
  added: string[];
  deleted: string[];
  ranges: Record<string, Record<string, unknown>>;
  names: string[];
  conditionalFormats: number;
  activated?: string;
}

/** A workbook with some sheets; `failWrite` makes the second sync fail as Excel would on a rejected batch. */
function workbook(existing: string[], failWrite = false): { context: Excel.RequestContext; log: Recorder } {
  const log: Recorder = { syncs: 0, added: [], deleted: [], ranges: {}, names: [], conditionalFormats: 0 };
  const range = (address: string): Record<string, unknown> => {
    const record: Record<string, unknown> = {
      format: { font: {}, fill: {} },
      conditionalFormats: { add: () => { log.conditionalFormats++; return { cellValue: { format: { fill: {} } } }; } },
    };
    log.ranges[address] = record;
    return record;
  };
  const sheet = (name: string) => ({
    name,
    getRange: range,
    getRanges: range,
    names: { add: (n: string) => log.names.push(n) },
    tables: { add: () => ({ name: "" }) },
    activate: () => { log.activated = name; },
    delete: () => log.deleted.push(name),
  });
  const mock = new OfficeMockObject({
    workbook: {
      worksheets: {
        items: existing.map((name) => ({ name })),
        add: (name: string) => { log.added.push(name); return sheet(name); },
        getItemOrNullObject: (name: string) => sheet(name),
      },
    },
    application: { suspendApiCalculationUntilNextSync: () => undefined },
  }) as unknown as Excel.RequestContext & { sync: () => Promise<void> };
  const original = mock.sync.bind(mock);
  (mock as { sync: () => Promise<void> }).sync = async () => {
    log.syncs++;
    if (failWrite && log.syncs === 2) throw new Error("InvalidArgument: the batch was rejected");
    await original();
  };
  return { context: mock, log };
}

test("writes the whole sheet in two round trips, into a new sheet", async () => {
  const { context, log } = workbook(["Sheet1"]);
  const result = await writeReport(context, spec);
  expect(result).toEqual({ sheetName: "Customer Metrics", syncs: 2 });
  expect(log.syncs).toBe(2);
  expect(log.added).toEqual(["Customer Metrics"]);
  expect(log.activated).toBe("Customer Metrics");
  const block = log.ranges[planWrite(spec).range] as Record<string, unknown>;
  expect(block["formulas"]).toEqual(planWrite(spec).formulas);
  expect(log.names).toEqual(spec.names.map((name) => name.name));
  expect(log.conditionalFormats).toBe(4); // good and bad for churn and LTV:CAC
});

test("never reuses an existing sheet: a second report gets a new name", async () => {
  const { context, log } = workbook(["Sheet1", "Customer Metrics", "customer metrics (2)"]);
  const result = await writeReport(context, spec);
  expect(result.sheetName).toBe("Customer Metrics (3)");
  expect(log.added).toEqual(["Customer Metrics (3)"]);
});

test("a rejected write removes the new sheet again, in a third round trip, and says so", async () => {
  const { context, log } = workbook(["Sheet1"], true);
  const failure = await writeReport(context, spec).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(ReportWriteError);
  expect((failure as ReportWriteError).rolledBack).toBe(true);
  expect(log.syncs).toBe(3);
  expect(log.deleted).toEqual(["Customer Metrics"]);
});

test("the plan puts every cell in one block, with its format", () => {
  const plan = planWrite(spec);
  expect(plan.range).toBe(`A1:C${Math.max(...spec.cells.map((cell) => Number(cell.address.slice(1))))}`);
  expect(plan.formulas[0]?.[0]).toBe("Customer metrics");
  expect(plan.numberFormats[1]?.[1]).toBe("yyyy-mm-dd");
  expect(plan.styles.input?.split(",")).toContain("B7");
});

test("unique sheet names ignore case and drop characters Excel forbids", () => {
  expect(uniqueSheetName("Report", ["report"])).toBe("Report (2)");
  expect(uniqueSheetName("Q3/Q4 [draft]", [])).toBe("Q3 Q4  draft");
});
