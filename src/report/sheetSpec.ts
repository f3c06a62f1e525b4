/**
 * A report sheet as plain data: what the writer puts into a new worksheet. Built by the pure
 * buildReport, applied by src/writer. Addresses are A1 references on the report sheet.
 */

/** The number formats the report builders share (every numeric cell gets one explicitly). */
export const DATE_FORMAT = "yyyy-mm-dd";
export const COUNT_FORMAT = "#,##0";
export const PERCENT_FORMAT = "0.0%";
/** Whole numbers shown as they are (scores, days, flags): an explicit format, so a spreadsheet never guesses a date. */
export const WHOLE_FORMAT = "0";
export const currencyFormat = (code: string): string => `#,##0.00 "${code.replace(/"/g, "")}"`;

/** The number format of a formula whose result is text (a segment name, a spilled table's header, a mirrored id): stated, not left unset. */
export const TEXT_RESULT = "General";

/** What a cell holds: a literal value or a formula (starting with "="). */
export interface CellSpec {
  readonly address: string;
  readonly value?: string | number | boolean;
  readonly formula?: string;
  /** Excel number format, e.g. "0.0%" or "#,##0.00 [$CNY]". */
  readonly numberFormat?: string;
  /** "helper": working columns of portable formulas (RFM per customer), shaded so users leave them alone. */
  readonly style?: "title" | "heading" | "label" | "input" | "kpi" | "helper";
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

/** A traffic light: green when the cell meets its target, red when it does not. */
export interface TrafficLightSpec {
  readonly range: string;
  /** The target cell, and whether the value should be at least ("≥") or at most ("≤") it. */
  readonly targetAddress: string;
  readonly direction: "atLeast" | "atMost";
}

/** A chart of one series: its category labels and values are ranges of the report sheet. */
export interface ChartSpec {
  readonly type: "Pie" | "BarClustered" | "ColumnClustered";
  readonly categories: string;
  readonly values: string;
  readonly title: string;
  /** The cells the chart covers, top-left and bottom-right. */
  readonly topLeft: string;
  readonly bottomRight: string;
}

export interface SheetSpec {
  /** The sheet name wanted; the writer makes it unique in the workbook. */
  readonly name: string;
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
