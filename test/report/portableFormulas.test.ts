/**
 * Every portable formula the sections write is in a form every spreadsheet evaluates the same
 * (issue 24): no range where one value is expected, no function over a range inside SUMPRODUCT, no
 * array constant, no MAXIFS or MINIFS that may match nothing unguarded. Read formula by formula over
 * the report's configurations (both languages; sample, linked, mapped and query data; a unit
 * selector; a quarter), a problem named with the section that wrote it. Gnumeric's recalculation
 * (test/helpers/libreOffice's recalculate) shows what they would do to the figures.
 */
import { buildReportBySection, DEFAULT_TARGETS, SAMPLE_INPUTS, SAMPLE_UNIT_NAMES, type ReportOptions } from "../../src/report/buildReport";
import { REPORT_DATA } from "../helpers/reportData";
import { portableProblems } from "../helpers/portableFormulas";

const base: ReportOptions = {
  title: "Portable", periodStart: 45536, periodEnd: 45565, currency: "CNY", locale: "en-US", formulaMode: "portable",
  targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: SAMPLE_INPUTS,
};
const DATA: Record<string, Partial<ReportOptions>> = {
  ...REPORT_DATA,
  "sample by unit, all": { inputs: SAMPLE_INPUTS, unitNames: SAMPLE_UNIT_NAMES },
  "sample by unit, East": { inputs: SAMPLE_INPUTS, unitNames: SAMPLE_UNIT_NAMES, selectedUnit: "East" },
  "a quarter": { periodStart: 45474, periodEnd: 45565, trendPeriods: 8 },
};
const CONFIGURATIONS = (["en-US", "zh-CN"] as const).flatMap((locale) => Object.entries(DATA).map(([name, data]) => [`${name}, ${locale}`, { ...base, ...data, locale }] as const));

/** Each problem of a report's portable formulas as "section: Sheet!A1 problem", the first few of each section. */
function problemsOf(options: ReportOptions): string[] {
  const { report, sectionOf } = buildReportBySection(options);
  const ranges = new Map(report.sheets.flatMap((sheet) => sheet.names.map((name) => [name.name, name.range] as const)));
  const isRange = (reference: string): boolean => {
    const local = reference.replace(/^(?:'(?:[^']|'')+'|[^!]+)!/, "");
    return local.includes(":") || (ranges.get(local)?.includes(":") ?? false);
  };
  const found: string[] = [];
  for (const sheet of report.sheets) {
    for (const cell of sheet.cells) {
      if (cell.formula === undefined) continue;
      for (const problem of portableProblems(cell.formula, isRange)) found.push(`${(sheet.role === undefined ? undefined : sectionOf(sheet.role, cell.address)) ?? "?"}: ${sheet.name}!${cell.address} ${problem}`);
    }
  }
  // a working column repeats its problem on every row: the first three of each section are enough to read
  const perSection = new Map<string, string[]>();
  for (const line of found) {
    const section = line.split(":")[0] as string;
    perSection.set(section, [...(perSection.get(section) ?? []), line]);
  }
  return [...perSection.values()].flatMap((lines) => lines.slice(0, 3));
}

test.each(CONFIGURATIONS)("no portable formula relies on one engine's rule: %s", (_name, options) => {
  expect(problemsOf(options)).toEqual([]);
});

test("the reading finds each construct, in the forms the report once had", () => {
  const ranges = new Set(["Tx_Customer", "Tx_Date", "Tx_Day", "Tx_Amount", "Survey_NPS", "Tx_Frequency"]);
  const isRange = (reference: string): boolean => reference.includes(":") || ranges.has(reference.replace(/^.*!/, ""));
  // the workings' recency: a MAX over arrays inside SUMPRODUCT
  expect(portableProblems("=IF(N5=1,As_Of-SUMPRODUCT(MAX((Tx_Customer=K5)*(INT(Tx_Date)<=As_Of)*INT(Tx_Date))),\"\")", isRange)).toEqual([
    "MAX(Tx_Customer) inside SUMPRODUCT", "INT(Tx_Date) inside SUMPRODUCT", "INT(Tx_Date) inside SUMPRODUCT",
  ]);
  // the previous purchase day unguarded; guarded it passes
  expect(portableProblems('=MAXIFS(Tx_Day,Tx_Customer,K5,Tx_Day,"<"&W5)', isRange)).toEqual(['MAXIFS without COUNTIFS(Tx_Customer,K5,Tx_Day,"<"&W5) first']);
  expect(portableProblems('=IF(COUNTIFS(Tx_Customer,K5,Tx_Day,"<"&W5)=0,0,MAXIFS(Tx_Day,Tx_Customer,K5,Tx_Day,"<"&W5))', isRange)).toEqual([]);
  // the input check's scale as an array constant, and ISTEXT over the column inside SUMPRODUCT
  expect(portableProblems("=SUMPRODUCT(ISTEXT(Survey_NPS)+ISNUMBER(Survey_NPS)*ISNA(MATCH(Survey_NPS,{0,1,2},0)))", isRange)).toEqual([
    "ISTEXT(Survey_NPS) inside SUMPRODUCT", "ISNUMBER(Survey_NPS) inside SUMPRODUCT", "MATCH(Survey_NPS) inside SUMPRODUCT", "an array constant",
  ]);
  // implicit intersection: a column in arithmetic, as an IF's condition, or as a whole formula
  expect(portableProblems("=Tx_Amount*2", isRange)).toEqual(["the range Tx_Amount where one value is expected"]);
  expect(portableProblems('=IF(Tx_Day>0,1,"")', isRange)).toEqual(["the range Tx_Day where one value is expected (in IF)"]);
  expect(portableProblems("='Workings 2024-09'!Tx_Frequency", isRange)).toEqual(["the range 'Workings 2024-09'!Tx_Frequency where one value is expected"]);
  // what takes a range as it is passes: counts, sums, INDEX, ROWS, comparisons inside SUMPRODUCT
  expect(portableProblems('=IF(SUMPRODUCT(--($AI$5:AI9=AI9))=1,MAX($AJ$4:AJ8)+1,"")+INDEX(Tx_Amount,ROWS(Tx_Day))+COUNTIF(Tx_Frequency,">"&P5)', isRange)).toEqual([]);
});
