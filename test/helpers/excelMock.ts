/**
 * A workbook on office-addin-mock for the report writer (tests and bench): it records what the
 * writer does and counts context.sync calls; `failWrite` makes the second sync fail as Excel does
 * when it rejects a batch.
 */
import { OfficeMockObject } from "office-addin-mock";

export interface Recorder {
  syncs: number;
  added: string[];
  deleted: string[];
  ranges: Record<string, Record<string, unknown>>;
  names: string[];
  conditionalFormats: number;
  tables: string[];
  charts: string[];
  /** Each chart's series: Excel makes none from an empty range (and this mock holds no cells), so only those added explicitly. */
  chartSeries: { name: string; values?: unknown; categories?: unknown }[][];
  activated?: string;
}

/** A workbook with some sheets; `failWrite` makes the second sync fail as Excel would on a rejected batch. */
export function workbook(existing: string[], failWrite = false, existingTables: string[] = []): { context: Excel.RequestContext; log: Recorder } {
  const log: Recorder = { syncs: 0, added: [], deleted: [], ranges: {}, names: [], conditionalFormats: 0, tables: [], charts: [], chartSeries: [] };
  // Ranges are logged by sheet and address ("Report 2024-Q3!A1"): every sheet of a report has an A1.
  const range = (sheetName: string) => (address: string): Record<string, unknown> => {
    const record: Record<string, unknown> = {
      address: `${sheetName}!${address}`,
      format: { font: {}, fill: {} },
      conditionalFormats: { add: () => { log.conditionalFormats++; return { custom: { rule: {}, format: { fill: {} } }, dataBar: { positiveFormat: {} }, colorScale: {} }; } },
      // (merged across for the commentary's paragraphs; kept by the fuller fake workbook, fakeSheet.ts)
      merge: () => undefined,
    };
    // the first range object at an address keeps what was written to it; later ones (names, lights) are others
    log.ranges[`${sheetName}!${address}`] ??= record;
    return record;
  };
  const sheet = (name: string) => ({
    name,
    getRange: range(name),
    getRanges: range(name),
    names: { add: (n: string) => log.names.push(n) },
    tables: {
      add: () => {
        const table = { set name(value: string) { log.tables.push(value); } };
        return table;
      },
    },
    charts: {
      add: (type: string) => {
        log.charts.push(type);
        const series: Recorder["chartSeries"][number] = [];
        log.chartSeries.push(series);
        return {
          title: {}, legend: {}, setPosition: () => undefined, axes: { valueAxis: {} },
          series: {
            getItemAt: (i: number) => {
              if (series[i] === undefined) throw new Error("ItemNotFound: the chart has no such series");
              return series[i];
            },
            add: (name: string) => {
              const added: Recorder["chartSeries"][number][number] = { name };
              series.push(added);
              // (the series' look, kept by the fuller fake workbook: fakeSheet.ts)
              return {
                setValues: (range: unknown) => (added.values = range), setXAxisValues: (range: unknown) => (added.categories = range),
                format: { fill: { clear: () => undefined, setSolidColor: () => undefined }, line: {} }, dataLabels: {},
              };
            },
          },
        };
      },
    },
    pageLayout: { zoom: {}, setPrintArea: () => undefined, setPrintTitleRows: () => undefined, headersFooters: { defaultForAllPages: {} } },
    horizontalPageBreaks: { add: () => undefined },
    activate: () => { log.activated = name; },
    delete: () => log.deleted.push(name),
  });
  const mock = new OfficeMockObject({
    workbook: {
      worksheets: {
        items: existing.map((name) => ({ name })),
        add: (name: string) => { log.added.push(name); return sheet(name); },
        getItemOrNullObject: (name: string) => sheet(name),
        getItem: (name: string) => sheet(name),
      },
      tables: { items: existingTables.map((name) => ({ name })) },
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

