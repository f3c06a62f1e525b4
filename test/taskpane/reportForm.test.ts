/**
 * The create-report form's values checked as the pane shows them (each field's problem in the
 * pane's language) and the report options a valid form makes.
 */
import { fillTemplate } from "../../src/i18n/locale";
import { paneStrings, type PaneString } from "../../src/i18n/paneStrings";
import { ALL_SECTIONS, EMPTY_INPUTS, SAMPLE_INPUTS, SAMPLE_UNIT_NAMES } from "../../src/report/buildReport";
import { formProblems, initialValues, reportOptionsOf, type FormValues } from "../../src/taskpane/reportForm";

const en = (key: PaneString, params: Record<string, string> = {}): string => fillTemplate(paneStrings[key]["en-US"], params);
const zh = (key: PaneString, params: Record<string, string> = {}): string => fillTemplate(paneStrings[key]["zh-CN"], params);
// September 2024: 45536 is 2024-09-01, 45565 is 2024-09-30.
const valid: FormValues = { ...initialValues("Customer metrics"), start: "2024-09-01", end: "9/30/2024" };

test("the defaults with a period have no problem", () => {
  expect(formProblems(valid, en)).toEqual({});
});

test("each field's problem, in the pane's language", () => {
  expect(formProblems({ ...valid, title: "  " }, en)).toEqual({ title: "Enter a title." });
  expect(formProblems({ ...valid, title: "x".repeat(121) }, en)).toEqual({ title: "Keep the title to 120 characters." });
  expect(formProblems({ ...valid, title: "x".repeat(120) }, en)).toEqual({});
  expect(formProblems({ ...valid, start: "", end: "2024-08-31" }, en)).toEqual({ start: "Enter a date." });
  expect(formProblems({ ...valid, end: "2024-08-31" }, en)).toEqual({ end: "The end must not be before the start." });
  expect(formProblems({ ...valid, churn: "101" }, zh)).toEqual({ churn: "请输入 0 到 100 之间的百分比。" });
  expect(formProblems({ ...valid, churn: "" }, en)).toEqual({ churn: "Enter a percentage from 0 to 100." });
  expect(formProblems({ ...valid, trendPeriods: "1" }, en)).toEqual({ trend: "Enter a whole number from 2 to 60." });
  expect(formProblems({ ...valid, trendPeriods: "12.5" }, en)).toEqual({ trend: "Enter a whole number from 2 to 60." });
  expect(Object.keys(formProblems({ ...valid, ltvCac: "0", nps: "-101" }, en))).toEqual(["ltvCac", "nps"]);
  const chartsOnly = { ...ALL_SECTIONS, dimensions: false, satisfaction: false, lifecycle: false, rfm: false, trend: false };
  expect(formProblems({ ...valid, sections: chartsOnly }, en)).toEqual({ sections: "Choose at least one section besides charts." });
});

test("a valid form's options: the period's serials, targets as the report reads them, sample or linked data", () => {
  const sample = reportOptionsOf({ ...valid, churn: "4.5", ltvCac: "2.5", nps: "-10", trendPeriods: "8", currency: "USD", mode: "portable" }, { sample: true }, "zh-CN", 45600);
  expect(sample).toMatchObject({ title: "Customer metrics", periodStart: 45536, periodEnd: 45565, currency: "USD", locale: "zh-CN", formulaMode: "portable", generatedOn: 45600, trendPeriods: 8 });
  expect(sample.targets).toMatchObject({ churn: 0.045, ltvCac: 2.5, nps: -10, csat: 0.8 });
  expect(sample.inputs).toBe(SAMPLE_INPUTS);
  expect(sample.unitNames).toBe(SAMPLE_UNIT_NAMES);
  expect(sample.source).toBeUndefined();
  const source = { transactions: { sheet: "Sales", row: 1, column: 0, rows: 10, columns: 3 } };
  const mine = reportOptionsOf(valid, { sample: false, source }, "en-US", 45600);
  expect(mine.inputs).toBe(EMPTY_INPUTS);
  expect(mine.source).toBe(source);
  expect(mine.unitNames).toBeUndefined();
  // the fiscal year from January by default, left unset; April kept for the year to date
  expect([mine.fiscalYearStart, reportOptionsOf({ ...valid, fiscalYearStart: 4 }, { sample: true }, "en-US", 45600).fiscalYearStart]).toEqual([undefined, 4]);
});
