/**
 * Every numeric cell has an explicit number format (issue 10, item 7): a cell holding a number, or a
 * formula, of every report the builders make, in both formula modes and both languages, with sample
 * data and with the user's linked ranges. Left to itself a spreadsheet guesses, and it guessed a date
 * for days since the last purchase (recency "09/10/00"). A formula whose result is text states the
 * General format, and only such formulas may.
 */
import { buildReport, DEFAULT_TARGETS, EMPTY_INPUTS, SAMPLE_INPUTS, type ReportOptions } from "../../src/report/buildReport";
import { buildPeriodSheet } from "../../src/report/periodSheet";
import { TEXT_RESULT, type ReportSpec, type SheetSpec } from "../../src/report/sheetSpec";
import { columnIndex } from "../../src/core/a1";
import { label, segmentNames } from "../../src/i18n/labels";

const linked = { sheet: "Sales", row: 1, column: 0, rows: 40, columns: 3 };
const reports: [string, SheetSpec][] = [];
for (const formulaMode of ["cx", "portable"] as const) {
  for (const locale of ["en-US", "zh-CN"] as const) {
    const options: ReportOptions = { title: "Formats", periodStart: 45474, periodEnd: 45565, currency: "CNY", locale, formulaMode, targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: SAMPLE_INPUTS };
    const eachSheet = (label: string, report: ReportSpec): void => report.sheets.forEach((sheet) => reports.push([`${label}, ${sheet.role ?? ""} sheet`, sheet]));
    eachSheet(`report, ${formulaMode}, ${locale}, sample data`, buildReport(options));
    eachSheet(`report, ${formulaMode}, ${locale}, linked data`, buildReport({ ...options, inputs: EMPTY_INPUTS, source: { transactions: linked, survey: linked, costs: linked } }));
    const query = (columns: number) => ({ ...linked, columns });
    eachSheet(`report, ${formulaMode}, ${locale}, database query results`, buildReport({ ...options, inputs: EMPTY_INPUTS, source: { customerSummary: query(10), periodTable: query(9), survey: linked, costs: linked } }));
    reports.push([`period tables, ${formulaMode}, ${locale}`, buildPeriodSheet({
      formulaMode, locale, currency: "CNY", period: "month", lapseDays: 90, from: 45292, to: 45565,
      transactions: SAMPLE_INPUTS.transactions.map((tx) => ({ customer: tx.customer, date: 45565 - (tx.daysBeforeEnd ?? 0), amount: tx.amount })),
    })]);
  }
}

/** A formula that gives text: a row's RFM segment or revenue movement, a spilled table's header, a mirror of the user's text column. */
const givesText = (formula: string): boolean =>
  /^=CX\.(RFM_SUMMARY|RFM_SEGMENT_SUMMARY|CUSTOMER_BRIDGE|REVENUE_BRIDGE|PERIOD_KPIS|AT_RISK|WIN_BACK|NEW_CUSTOMERS|COHORT)\(/.test(formula) ||
  Object.values(segmentNames.Champions).some((name) => formula.includes(`"${name}"`)) ||
  (["en-US", "zh-CN"] as const).some((locale) => formula.includes(`"${label("expansion", locale)}"`)) ||
  /^=(?:'[^']+'!)?\$?[A-Z]+\$?\d+$/.test(formula) || // a mirrored label (a period's, the trend's)
  /^=(IFERROR\()?"[^"]*"&/.test(formula) || // a note that quotes a figure (the definitions note's lapse window, the new customers' reconciliation)
  // the follow-up lists' line on those not shown
  /^=IFERROR\(IF\(.*("… and |"……另有 )/.test(formula) ||
  // the follow-up lists' customer column
  /^=IFERROR\(INDEX\((?:'[^']+'!)?Tx_Customer,/.test(formula) ||
  // the commentary's sentences: text whichever branch ("All figures on target.", or the sentence, or "")
  /^=IFERROR\(.*,""\)$/.test(formula) && /"(All figures on target\.|各项指标均达目标。)"|customers on the at-risk list|流失预警名单共|Largest movements|主要变动/.test(formula);

describe.each(reports)("%s", (_name, spec) => {
  test("every number and every formula has an explicit number format", () => {
    const unformatted = spec.cells.filter((cell) => (typeof cell.value === "number" || cell.formula !== undefined) && cell.numberFormat === undefined);
    expect(unformatted.map((cell) => `${cell.address} ${cell.formula ?? cell.value}`)).toEqual([]);
  });
  test("General only where the formula's result is text", () => {
    const general = spec.cells.filter((cell) => cell.formula !== undefined && cell.numberFormat === TEXT_RESULT && !givesText(cell.formula));
    expect(general.map((cell) => `${cell.address} ${cell.formula}`)).toEqual([]);
  });
});

test("the recency column of portable RFM shows whole days", () => {
  const spec = reports.find(([name]) => name === "report, portable, en-US, sample data, workings sheet")?.[1] as SheetSpec;
  const recency = spec.cells.filter((cell) => cell.formula?.includes("As_Of-INT(MAXIFS("));
  expect(recency[0]?.formula).toMatch(/^=IF\([A-Z]+\d+=1,IF\(COUNTIFS\(Tx_Customer,[A-Z]+\d+,Tx_Date,"<"&\('Data 2024-Q3'!As_Of\+1\)\)=0,"",'Data 2024-Q3'!As_Of-INT\(MAXIFS\(/);
  expect(recency.length).toBe(SAMPLE_INPUTS.transactions.length);
  expect(new Set(recency.map((cell) => cell.numberFormat))).toEqual(new Set(["0"]));
});

describe.each(reports)("%s: headers fit their columns", (_name, spec) => {
  test("every header of a table is narrower than its column (11-point text: about 6 points a letter, 11 a Chinese character)", () => {
    const headerRows = new Set(spec.tables.map((table) => Number(/^[A-Z]+(\d+)/.exec(table.range)?.[1])));
    const cut = spec.cells
      .filter((cell) => cell.style === "label" && typeof cell.value === "string" && headerRows.has(Number(cell.address.replace(/^[A-Z]+/, ""))))
      .filter((cell) => {
        const text = cell.value as string;
        const needed = [...text].reduce((points, char) => points + ((char.codePointAt(0) as number) >= 0x2e80 ? 11 : 5.5), 8);
        return (spec.columnWidths[columnIndex(cell.address.replace(/\d+$/, ""))] ?? 0) < needed;
      })
      .map((cell) => `${cell.address} ${String(cell.value)}`);
    expect(cut).toEqual([]);
  });
});
