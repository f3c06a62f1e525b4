/**
 * The kinds of data a report is built on, as options to spread into a report's: the sample, the
 * user's linked sheets (transactions, a dated survey, costs by month), mapped transaction columns,
 * and database query results. Shared by the tests that go over every configuration.
 */
import { EMPTY_INPUTS, SAMPLE_INPUTS, SAMPLE_TARGETS, type ReportOptions } from "../../src/report/buildReport";

const linked = { sheet: "Sales data", row: 1, column: 0, rows: 900, columns: 3 };

export const REPORT_DATA: Readonly<Record<"sample" | "linked" | "mapped" | "queries", Partial<ReportOptions>>> = {
  sample: { inputs: SAMPLE_INPUTS, targets: SAMPLE_TARGETS },
  linked: { inputs: EMPTY_INPUTS, source: { transactions: linked, survey: { ...linked, sheet: "Survey", columns: 4 }, costs: { ...linked, sheet: "Costs", rows: 12, columns: 4 } } },
  mapped: { inputs: EMPTY_INPUTS, source: { transactions: { ...linked, fields: [1, 3, 2] } } },
  queries: { inputs: EMPTY_INPUTS, source: { customerSummary: { ...linked, sheet: "Summary", columns: 10 }, periodTable: { ...linked, sheet: "Bridge", rows: 30, columns: 9 } } },
};
