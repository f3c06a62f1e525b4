/**
 * A report sheet as plain data: what the writer puts into a new worksheet. Built by the pure
 * buildReport, applied by src/writer. Addresses are A1 references on the report sheet.
 */

import { absoluteAddress } from "../core/a1";

/** The number formats the report builders share (every numeric cell gets one explicitly). */
export const DATE_FORMAT = "yyyy-mm-dd";
/**
 * A date, or a dash where the cell holds 0 for "no such day" (a customer's previous or next purchase
 * where there is none), not Excel's day 0, 1899-12-30: a number format's sections are positive;
 * negative; zero ("Review guidelines for customizing a number format", support.microsoft.com).
 */
export const DATE_OR_NONE_FORMAT = 'yyyy-mm-dd;;"–"';
/** A month, shown by its first day's date: 2026-10. */
export const MONTH_FORMAT = "yyyy-mm";
export const COUNT_FORMAT = "#,##0";
export const PERCENT_FORMAT = "0.0%";
/** Whole numbers shown as they are (scores, days, flags): an explicit format, so a spreadsheet never guesses a date. */
export const WHOLE_FORMAT = "0";
/**
 * An amount in the report's currency: 1,234.56 CNY; in Chinese, yuan as ¥1,234.56; or, with
 * `tenThousands` (万元), 0.1万元: the number format alone divides by 10,000 (a trailing comma
 * divides by 1,000, and an escaped point before the last digit by ten more), so the cell keeps
 * its value and formulas reading it are unchanged; one decimal of 万 (to the nearest 1,000).
 */
export const currencyFormat = (code: string, locale: "en-US" | "zh-CN" = "en-US", tenThousands = false): string => {
  const plain = code.replace(/"/g, "");
  if (tenThousands) {
    const unit = plain === "CNY" ? "万元" : `万 ${plain}`;
    // (one section, as every money format: a negative amount gets its minus, and the accounting and dash formats add sections)
    return `0\\.0,"${unit}"`;
  }
  return locale === "zh-CN" && plain === "CNY" ? '"¥"#,##0.00' : `#,##0.00 "${plain}"`;
};

/** An amount that may be negative in a bridge, in accounting style: (1,578.00 CNY), no minus sign. */
export const accountingFormat = (money: string): string => `${money};(${money})`;

/** The number format of a formula whose result is text (a segment name, a spilled table's header, a mirrored id): stated, not left unset. */
export const TEXT_RESULT = "General";

/** What a cell holds: a literal value or a formula (starting with "="). */
export interface CellSpec {
  readonly address: string;
  readonly value?: string | number | boolean;
  readonly formula?: string;
  /** Excel number format, e.g. "0.0%" or "#,##0.00 [$CNY]". */
  readonly numberFormat?: string;
  /**
   * "helper": working columns of portable formulas (RFM per customer), shaded so users leave them
   * alone; "numberHeader": a column header over figures, aligned right as they are.
   */
  readonly style?: "title" | "heading" | "label" | "numberHeader" | "input" | "kpi" | "helper";
}

/** An Excel table over a range whose first row is its header. */
export interface TableSpec {
  /** The name wanted; the writer makes it unique in the workbook (table names are workbook-wide). */
  readonly name: string;
  readonly range: string;
}

/** A workbook-level name for a range on the report sheet (formulas read =CX.CAC(Marketing_Spend, …)). */
export interface NameSpec {
  readonly name: string;
  /** An A1 range on the report sheet; with `external`, a full reference to another sheet ('Sales'!$A$2:$A$900). */
  readonly range: string;
  readonly external?: boolean;
}

/** A traffic light: green when the cell meets its target, red when it does not, no colour while the target is blank. */
export interface TrafficLightSpec {
  /** One cell. */
  readonly range: string;
  /** The target cell, and whether the value should be at least ("≥") or at most ("≤") it. */
  readonly targetAddress: string;
  readonly direction: "atLeast" | "atMost";
  /** The period's budget for the figure (DOMAIN.md §9): where it holds a number, the light reads it instead of the target. */
  readonly budgetAddress?: string;
}

/**
 * A traffic light's two rules as formulas (no leading "="), for a conditional format of the custom
 * (expression) kind: green when the value meets the target (meeting it exactly is green), red when it
 * misses. Both need a number in the target cell, so a blank target (one left for the user to type)
 * lights nothing, where a cell-value rule would compare with 0; an error value lights nothing either.
 * With a budget cell, its number stands in for the target where there is one.
 */
export function trafficLightRules(light: TrafficLightSpec): { readonly good: string; readonly bad: string } {
  const value = light.range.replace(/\$/g, "");
  const typed = absoluteAddress(light.targetAddress);
  const budget = light.budgetAddress === undefined ? undefined : absoluteAddress(light.budgetAddress);
  const target = budget === undefined ? typed : `IF(ISNUMBER(${budget}),${budget},${typed})`;
  const [meets, misses] = light.direction === "atLeast" ? [">=", "<"] : ["<=", ">"];
  const rule = (compare: string): string => `AND(ISNUMBER(${target}),ISNUMBER(${value}),${value}${compare}${target})`;
  return { good: rule(meets), bad: rule(misses) };
}

/**
 * A chart: its category labels and each series' values are ranges of the chart's sheet, or of
 * another sheet of the report ('Workings 2026-10'!B5:B17).
 */
export interface ChartSpec {
  /** ColumnStacked with an invisible first series: a waterfall that draws alike in Excel, WPS and LibreOffice. */
  readonly type: "Pie" | "BarClustered" | "ColumnClustered" | "ColumnStacked" | "Line";
  /** The value axis' number format (default "#,##0"; "0%" for shares). */
  readonly axisFormat?: string;
  /** Whether it has a legend; default: a pie's, or several series'. */
  readonly legend?: boolean;
  readonly categories: string;
  readonly series: readonly ChartSeriesSpec[];
  readonly title: string;
  /** The cells the chart covers, top-left and bottom-right. */
  readonly topLeft: string;
  readonly bottomRight: string;
}

/**
 * A sheet's page setup: A4, fit to one page wide (as many pages tall as it needs), with a header
 * and footer. Header and footer use Excel's codes (&A the sheet's name, &P the page, &N the pages).
 */
export interface PrintSpec {
  readonly orientation: "Landscape" | "Portrait";
  /** The cells to print ("A1:M64"); unset: the used range. */
  readonly area?: string;
  /** Rows printed on top of every page ("$1:$2"). */
  readonly titleRows?: string;
  /** Rows that start a new page (manual page breaks above them), so a section is not cut in two. */
  readonly rowBreaks?: readonly number[];
  readonly leftHeader: string;
  readonly rightHeader: string;
  readonly centerFooter: string;
}

/** A data bar over a range of figures, in a colour ("#5B9BD5"). */
export interface DataBarSpec {
  readonly range: string;
  readonly color: string;
}

/** A two-colour scale over a range of figures: `low`'s colour at `min` shading to `high`'s at `max` ("#FFFFFF", "#5B9BD5"). */
export interface ColorScaleSpec {
  readonly range: string;
  readonly min: number;
  readonly max: number;
  readonly low: string;
  readonly high: string;
}

/** A cell that takes one of a list's entries (an in-cell dropdown): its address and the list, a formula ("=Unit_List"). */
export interface ListValidationSpec {
  readonly range: string;
  readonly source: string;
}

/**
 * A paragraph of text across a row (the commentary's sentences): its cells merged (the text is the
 * left cell's), wrapped and aligned to the top, the row as tall as `lines` lines of text.
 */
export interface ParagraphSpec {
  /** One row: "A8:O8". */
  readonly range: string;
  readonly lines: number;
}

/** A row's height in points for a number of lines of 11-point text (a Chinese UI font's lines are taller). */
export const LINE_HEIGHT = 16;

/** What a sheet is in a report: the page a manager reads and prints, its inputs and data, or the tables behind it. */
export type SheetRole = "dashboard" | "data" | "workings";

export interface ChartSeriesSpec {
  readonly name: string;
  readonly values: string;
  /** Its fill (a line's colour): "#70AD47", or "none" for a series that is not drawn (a waterfall's base); default: the chart style's. */
  readonly color?: string;
  /** Its values as data labels, in this number format (a third, empty section hides zeros: "#,##0;-#,##0;;"). */
  readonly labels?: string;
}

export interface SheetSpec {
  /** The sheet name wanted; the writer makes it unique in the workbook (and rewrites references to it). */
  readonly name: string;
  readonly role?: SheetRole;
  readonly cells: readonly CellSpec[];
  readonly tables: readonly TableSpec[];
  readonly names: readonly NameSpec[];
  readonly trafficLights: readonly TrafficLightSpec[];
  readonly charts: readonly ChartSpec[];
  /**
   * What the sheet was made from (JSON), kept with the sheet by the writer so that "refresh" can
   * rebuild it; see report/readBack.ts.
   */
  readonly settings?: string;
  /** The user's Excel tables the report links to: refresh reads their current size, so the links follow their growth. */
  readonly linkedTables?: readonly string[];
  /** The font every cell is set in ("Calibri", or a Chinese UI font for a Chinese report); unset: the workbook's. */
  readonly font?: string;
  /** false: gridlines hidden (a page to read and print, not a grid to type into). */
  readonly showGridlines?: boolean;
  /** How the sheet prints; unset: Excel's defaults. */
  readonly print?: PrintSpec;
  /** Rows of wrapped text (merged across, ExcelApi 1.2): the commentary. */
  readonly paragraphs?: readonly ParagraphSpec[];
  /** Cells that take a choice from a list (data validation, ExcelApi 1.8): the unit selector. */
  readonly validations?: readonly ListValidationSpec[];
  /** Data bars (a conditional format): each unit's share of revenue in the by-unit table. */
  readonly dataBars?: readonly DataBarSpec[];
  /** Colour scales (a conditional format): the cohort triangle's shares. */
  readonly colorScales?: readonly ColorScaleSpec[];
  /** Column widths in points, from column A (undefined: leave the column as it is). */
  readonly columnWidths: readonly (number | undefined)[];
}


/**
 * A column width (points) wide enough for a header in the report's 11-point font, at least `minimum`:
 * so "Recency (days)" is not cut off by the next column. An estimate from character classes
 * (Chinese characters about a full em, capitals and digits wider than small letters), with padding.
 */
export function widthFor(text: string, minimum: number): number {
  let points = 12;
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    points += code >= 0x2e80 ? 11.5 : /[A-Z0-9%@#&]/.test(char) ? 7.2 : /[il.,:;'|!() ]/.test(char) ? 3.6 : 6.2;
  }
  return Math.max(minimum, Math.ceil(points));
}

/** A report: its sheets, the dashboard first. Formulas refer to another sheet of it as 'Name'!, by the name wanted. */
export interface ReportSpec {
  readonly sheets: readonly SheetSpec[];
}

/** A sheet's name as the report's formulas write it before a reference: 'Data 2026-10'! (always quoted, quotes doubled, so renameSheets finds every one; a1.sheetPrefix quotes only where needed). */
export const sheetQualifier = (name: string): string => `'${name.replace(/'/g, "''")}'!`;

/**
 * Applies `change` to the parts of a formula outside its text literals ("…"), so that a segment
 * name or a language code in quotes is never taken for a reference.
 */
export function outsideText(formula: string, change: (part: string) => string): string {
  return formula.split(/("(?:[^"]|"")*")/).map((part, i) => (i % 2 === 1 ? part : change(part))).join("");
}

/**
 * A formula on one sheet of a report with every name defined on another sheet of it qualified by
 * that sheet ('Data 2026-10'!Survey_NPS): names are scoped to their sheet, so that several reports
 * in one workbook do not clash, and a formula elsewhere must say whose name it means.
 *
 * @param sheetOfName the sheet each name is defined on
 */
export function qualifyNames(formula: string, sheetOfName: ReadonlyMap<string, string>, ownSheet: string): string {
  return outsideText(formula, (part) => part.replace(/(?<![\w.!'$])([A-Za-z_][A-Za-z0-9_]*)(?![\w.!(])/g, (name: string) => {
    const sheet = sheetOfName.get(name);
    return sheet === undefined || sheet === ownSheet ? name : `${sheetQualifier(sheet)}${name}`;
  }));
}

/** A formula or reference with the report's sheets renamed ('Report'! → 'Report (2)'!), as the writer names them unique. */
export function renameSheets(formula: string, renames: ReadonlyMap<string, string>): string {
  if (renames.size === 0) return formula;
  return outsideText(formula, (part) => part.replace(/'((?:[^']|'')+)'!/g, (whole, quoted: string) => {
    const renamed = renames.get(quoted.replace(/''/g, "'"));
    return renamed === undefined ? whole : sheetQualifier(renamed);
  }));
}
