/**
 * Bad input in the report's own channel and survey tables: a text typed in a Month or Date column, a
 * negative spend, an answer off its scale. SUM, SUMIFS and COUNTIFS would pass over such a cell, so
 * each table has a check cell naming the first bad cell, and the figures read from the table are #N/A
 * until it is mended: in CX mode (the add-in's functions) and in portable mode (LibreOffice).
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { specToXlsx } from "../../scripts/specToXlsx";
import { buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS, type ReportInputs, type ReportOptions } from "../../src/report/buildReport";
import type { ReportSpec } from "../../src/report/sheetSpec";
import { isError, referenceValues, sheetOf } from "../helpers/evaluateReport";
import { recalculate, testWithLibreOffice } from "../helpers/libreOffice";
import { badRowFormula, inputCheckFormula } from "../../src/report/inputChecks";

const OPTIONS: ReportOptions = {
  title: "Checks", periodStart: 45536, periodEnd: 45565, currency: "CNY", locale: "en-US",
  formulaMode: "cx", targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: SAMPLE_INPUTS,
};

const withChannel = (i: number, change: Partial<ReportInputs["channels"][number]>): ReportInputs => ({
  ...SAMPLE_INPUTS, channels: SAMPLE_INPUTS.channels.map((channel, k) => (k === i ? { ...channel, ...change } : channel)),
});
const withAnswer = (key: "npsAnswers" | "csatAnswers" | "csiAnswers", i: number, value: number | string): ReportInputs => ({
  ...SAMPLE_INPUTS, [key]: SAMPLE_INPUTS[key].map((answer, k) => (k === i ? value : answer)),
});
const withDate = (i: number, value: number | string): ReportInputs => ({
  ...SAMPLE_INPUTS, surveyDates: SAMPLE_INPUTS.npsAnswers.map((_answer, k) => (k === i ? value : OPTIONS.periodEnd - (SAMPLE_INPUTS.surveyDaysBeforeEnd?.[k] as number))),
});

// The data sheet's layout (checked below): the survey table in D:G from row 5, the channel table in
// I:M (channel, CAC, spend, new customers, month) from row 5; each check in row 2 over its table.
const CASES: readonly { name: string; inputs: ReportInputs; channel: string; survey: string }[] = [
  { name: "text in a channel's Month", inputs: withChannel(3, { month: "Oct" }), channel: "Month: Q8 is not a date", survey: "" },
  { name: "a negative spend", inputs: withChannel(0, { spend: -120 }), channel: "Spend: O5 is not a number of 0 or more", survey: "" },
  { name: "text in new customers", inputs: withChannel(1, { newCustomers: "n/a" }), channel: "New customers: P6 is not a number of 0 or more", survey: "" },
  { name: "an NPS answer of 11", inputs: withAnswer("npsAnswers", 2, 11), channel: "", survey: "NPS answer (0-10): D7 is not a whole number from 0 to 10" },
  { name: "an NPS answer of 7.5", inputs: withAnswer("npsAnswers", 0, 7.5), channel: "", survey: "NPS answer (0-10): D5 is not a whole number from 0 to 10" },
  { name: "a CSAT answer of 0", inputs: withAnswer("csatAnswers", 9, 0), channel: "", survey: "CSAT answer (1-5): E14 is not a whole number from 1 to 5" },
  { name: "a CSI answer of 10.5", inputs: withAnswer("csiAnswers", 4, 10.5), channel: "", survey: "CSI answer (1-10): F9 is not a number from 1 to 10" },
  { name: "text in an answer's Date", inputs: withDate(6, "last week"), channel: "", survey: "Date: G11 is not a date" },
];
const SUFFIX = "; the figures read from this table show #N/A until it is";

const valueOf = (spec: ReportSpec, role: "dashboard" | "data", name: string): unknown => referenceValues(spec, name, sheetOf(spec, role))[0]?.[0];
/** The figures read from each table: on the data sheet and the dashboard. */
const CHANNEL_FIGURES = [["data", "Marketing_Spend"], ["data", "Acquired_Customers"], ["dashboard", "Acquisition_Cost"]] as const;
const SURVEY_FIGURES = [["dashboard", "Net_Promoter_Score"], ["dashboard", "NPS_Margin_Of_Error"], ["dashboard", "CSAT_Score"], ["dashboard", "Satisfaction_Index"]] as const;

test("the sample's tables pass their checks, and the checks stand over the tables they check", () => {
  const spec = buildReport(OPTIONS);
  const data = sheetOf(spec, "data");
  const range = (name: string): string | undefined => data.names.find((each) => each.name === name)?.range;
  expect([range("Survey_Check"), range("Survey_NPS")?.split(":")[0], range("Survey_Date")?.split(":")[0]]).toEqual(["D2", "D5", "G5"]);
  expect([range("Channel_Check"), range("Channel_Spend")?.split(":")[0], range("Channel_Month")?.split(":")[0]]).toEqual(["M2", "O5", "Q5"]);
  expect([valueOf(spec, "data", "Survey_Check"), valueOf(spec, "data", "Channel_Check")]).toEqual(["", ""]);
  for (const [role, name] of [...CHANNEL_FIGURES, ...SURVEY_FIGURES]) expect([name, typeof valueOf(spec, role, name)]).toEqual([name, "number"]);
  // DOMAIN.md §2's month: 40 answers, NPS 20
  expect(valueOf(spec, "dashboard", "Net_Promoter_Score")).toBeCloseTo(20, 12);
  // the message in red, and blank when all is well
  expect(data.cells.find((cell) => cell.address === "D2")?.numberFormat).toBe("[Red]@");
});

describe.each(CASES)("CX mode: $name", ({ inputs, channel, survey }) => {
  test("the check names the column and the cell, and the figures read from that table are #N/A", () => {
    const spec = buildReport({ ...OPTIONS, inputs });
    expect([valueOf(spec, "data", "Channel_Check"), valueOf(spec, "data", "Survey_Check")]).toEqual([channel && channel + SUFFIX, survey && survey + SUFFIX]);
    for (const [role, name] of CHANNEL_FIGURES) expect([name, isError(valueOf(spec, role, name))]).toEqual([name, channel !== ""]);
    for (const [role, name] of SURVEY_FIGURES) expect([name, isError(valueOf(spec, role, name))]).toEqual([name, survey !== ""]);
    // the workings' figures per period too (the CAC and NPS cards' 环比 and 同比 read them)
    const workings = sheetOf(spec, "workings");
    const perPeriod = (name: string): unknown[] => referenceValues(spec, name, workings).map(([value]) => value);
    expect(perPeriod("Trend_Marketing_Spend").every(isError)).toBe(channel !== "");
    expect(perPeriod("Trend_Survey_Answers").every(isError)).toBe(survey !== "");
    expect(perPeriod("Trend_CSAT").every(isError)).toBe(survey !== "");
  });
});

test("an answer of 9.5 on the CSI scale is allowed (an attribute's average), blanks are no answer", () => {
  const spec = buildReport({ ...OPTIONS, inputs: { ...withAnswer("csiAnswers", 4, 9.5), npsAnswers: SAMPLE_INPUTS.npsAnswers.map((a, k) => (k === 3 ? "" : a)) } });
  expect(valueOf(spec, "data", "Survey_Check")).toBe("");
  expect(typeof valueOf(spec, "dashboard", "Satisfaction_Index")).toBe("number");
});

test("with bad cells in two columns, the first column's first bad cell is named; the message follows the language", () => {
  const inputs: ReportInputs = { ...withAnswer("csatAnswers", 30, 9), npsAnswers: SAMPLE_INPUTS.npsAnswers.map((a, k) => (k === 12 || k === 20 ? -1 : a)) };
  expect(valueOf(buildReport({ ...OPTIONS, inputs }), "data", "Survey_Check")).toBe(`NPS answer (0-10): D17 is not a whole number from 0 to 10${SUFFIX}`);
  const zh = buildReport({ ...OPTIONS, locale: "zh-CN", inputs });
  expect(valueOf(zh, "data", "Survey_Check")).toBe("NPS 答案（0-10）：D17 不是 0 到 10 的整数；改正之前，取自本表的数字显示 #N/A");
});

test("the check is one formula of built-in functions (both modes) over the working columns of bad rows, the first column's first", () => {
  expect(inputCheckFormula([
    { name: "A", badRows: "A_Bad", header: "Amount", rule: { kind: "amount" } },
    { name: "'My costs'!$C$2:$C$9", badRows: "S_Bad", sheet: "My costs", header: "Score", rule: { kind: "scale", from: 1, to: 3 } },
  ], "en-US")).toBe(
    '=IF(COUNT(A_Bad)>0,"Amount: "&ADDRESS(MIN(A_Bad),COLUMN(A),4)&" is not a number of 0 or more' + SUFFIX + '",'
    + 'IF(COUNT(S_Bad)>0,"Score: "&ADDRESS(MIN(S_Bad),COLUMN(\'My costs\'!$C$2:$C$9),4,TRUE,"My costs")&" is not a whole number from 1 to 3' + SUFFIX + '",""))',
  );
});

test("each checked cell's working formula gives its row where it holds text or a number the rule refuses; it compares only numbers, cell by cell", () => {
  expect(badRowFormula({ kind: "amount" }, "K5")).toBe('=IF(ISTEXT(K5),ROW(K5),IF(ISNUMBER(K5),IF(K5<0,ROW(K5),""),""))');
  expect(badRowFormula({ kind: "date" }, "'Costs'!$D$2")).toBe("=IF(ISTEXT('Costs'!$D$2),ROW('Costs'!$D$2),IF(ISNUMBER('Costs'!$D$2),IF('Costs'!$D$2<1,ROW('Costs'!$D$2),\"\"),\"\"))");
  expect(badRowFormula({ kind: "between", from: 1, to: 10 }, "F5")).toBe('=IF(ISTEXT(F5),ROW(F5),IF(ISNUMBER(F5),IF(OR(F5<1,F5>10),ROW(F5),""),""))');
  expect(badRowFormula({ kind: "scale", from: 0, to: 10 }, "D5")).toBe('=IF(ISTEXT(D5),ROW(D5),IF(ISNUMBER(D5),IF(OR(D5<0,D5>10,D5<>INT(D5)),ROW(D5),""),""))');
  // each table's working columns sit in the table, after its own, one per checked column
  const data = sheetOf(buildReport(OPTIONS), "data");
  const range = (name: string): string | undefined => data.names.find((each) => each.name === name)?.range;
  expect(["Survey_NPS_Bad", "Survey_Date_Bad", "Channel_Spend_Bad", "Channel_Month_Bad"].map(range)).toEqual(["H5:H332", "K5:K332", "R5:R47", "T5:T47"]);
  expect(data.cells.find((cell) => cell.address === "H5")?.formula).toBe(badRowFormula({ kind: "scale", from: 0, to: 10 }, "D5"));
});

testWithLibreOffice("portable mode in LibreOffice: the same messages, and #N/A in the figures read from a table with a bad cell", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "cx-checks-"));
  const specs = CASES.map(({ inputs }) => buildReport({ ...OPTIONS, formulaMode: "portable", inputs }));
  const files = specs.map((_spec, k) => path.join(dir, `case-${k}.xlsx`));
  await Promise.all(specs.map((spec, k) => specToXlsx(spec, files[k] as string)));
  const recalculated = await recalculate(...files);
  CASES.forEach(({ name, channel, survey }, k) => {
    const spec = specs[k] as ReportSpec;
    const values = recalculated[k] as Map<string, unknown>;
    const at = (role: "dashboard" | "data", figure: string): unknown => {
      const sheet = sheetOf(spec, role);
      return values.get(`${sheet.name}!${sheet.names.find((each) => each.name === figure)?.range as string}`);
    };
    // LibreOffice leaves an empty text result out of the file it writes
    expect([name, at("data", "Channel_Check") ?? "", at("data", "Survey_Check") ?? ""]).toEqual([name, channel && channel + SUFFIX, survey && survey + SUFFIX]);
    for (const [role, figure] of CHANNEL_FIGURES) expect([name, figure, at(role, figure)]).toEqual([name, figure, channel === "" ? expect.any(Number) : { error: "#N/A" }]);
    for (const [role, figure] of SURVEY_FIGURES) expect([name, figure, at(role, figure)]).toEqual([name, figure, survey === "" ? expect.any(Number) : { error: "#N/A" }]);
  });
}, 300_000);

test("an empty table's first row, where the user types, is checked too", () => {
  const data = sheetOf(buildReport({ ...OPTIONS, inputs: { ...SAMPLE_INPUTS, npsAnswers: [], csatAnswers: [], csiAnswers: [], surveyDates: [], surveyDaysBeforeEnd: [] } }), "data");
  expect(data.names.find((n) => n.name === "Survey_NPS_Bad")?.range).toBe("H5:H5");
  expect(data.cells.find((cell) => cell.address === "H5")?.formula).toBe(badRowFormula({ kind: "scale", from: 0, to: 10 }, "D5"));
});
