/**
 * The builder the report's sections write through (src/report/sections/): a cell, a name, a table
 * with named columns, a table per period on the workings, a KPI row with its changes and light, a
 * chart, a formula in both modes. It keeps each sheet's parts as the sections add them, and where
 * sections put what later ones refer to (`at`); `finish` turns them into the ReportSpec.
 */
import { columnName, parseRange, type RangeAddress } from "../core/a1";
import type { ReportLabel } from "../i18n/reportLabels";
import { changeCell, FIGURE_NAMES, periodsBack, TARGET_NAMES, type KpiRow } from "./figures";
import { headingBands } from "./headingBands";
import { dashedWhileMissing } from "./missingData";
import { trendName } from "./periodSheet";
import type { ReportContext } from "./reportContext";
import { REPORT_FONTS, reportSettings, ROLES } from "./reportOptions";
import {
  qualifyNames, TEXT_RESULT,
  type CellSpec, type ChartSpec, type ColorScaleSpec, type DataBarSpec, type ListValidationSpec, type NameSpec, type ParagraphSpec, type PrintSpec, type ReportSpec, type SheetRole, type SheetSpec, type TableSpec, type TrafficLightSpec,
} from "./sheetSpec";

/** What a report's sheet holds while it is built. */
export interface SheetParts {
  readonly cells: CellSpec[];
  readonly names: NameSpec[];
  readonly tables: TableSpec[];
  readonly widths: (number | undefined)[];
  /** The column the next input table starts in (0: A). */
  nextColumn: number;
}

/** Rows of the dashboard, first to last. */
export interface Rows {
  readonly first: number;
  readonly last: number;
}

/** Where sections put what later sections refer to: charts, the early warning, the page break. */
export interface Anchors {
  /** The channel table on the data sheet (its body rows, and the letters of its columns). */
  channels?: Rows & { readonly column: (j: number) => string };
  /** The report period's figures on the dashboard: the row of their column headers, and each figure's row by its period-table key. */
  periodFigures?: { readonly header: number; readonly rows: Readonly<Record<string, number>> };
  /** The report period's revenue bridge on the dashboard. */
  bridge?: Rows;
  /** The first of the NPS breakdown's three rows (promoters, passives, detractors). */
  npsBreakdown?: number;
  /** The RFM segment table: its heading row and its body rows. */
  segments?: Rows & { readonly heading: number };
  /** The row under the early-warning table, once it is placed. */
  belowEarlyWarning?: number;
  /** The workings' first free row under the period tables and the tables per period. */
  belowPeriodTables?: number;
  /** The revenue bridge's waterfall chart (its table on the workings), made with the bridge where the report has charts. */
  waterfall?: Omit<ChartSpec, "topLeft" | "bottomRight">;
  /** The commentary's sentences under the title: their first and last rows. */
  commentary?: { readonly first: number; readonly last: number };
  /** The early-warning list's historical values (a column of its rows), which the commentary counts and sums. */
  earlyWarningValues?: string;
  /** The unit selector's list on the workings: its column's letters and the row of "All" (the k-th unit is k rows below). */
  unitList?: { readonly column: string; readonly allRow: number };
}

/** A section of the report: what it is, the sheet its cells are on, whether the options hold it, and how it builds. */
export interface Section {
  readonly id: string;
  readonly sheet: SheetRole;
  readonly when: (ctx: ReportContext) => boolean;
  readonly build: (b: ReportBuilder) => void;
}

/** The dashboard's sections start under its title block. */
const FIRST_SECTION_ROW = 7;

/** The dashboard's row of a cell address ("B12" → 12). */
export const rowNumber = (address: string): number => Number(address.replace(/^[A-Z]+/, ""));

export class ReportBuilder {
  readonly ctx: ReportContext;
  readonly trafficLights: TrafficLightSpec[] = [];
  readonly charts: ChartSpec[] = [];
  /** The dashboard's cells that take a choice from a list (the unit selector). */
  readonly validations: ListValidationSpec[] = [];
  /** The period's budget cell of each budgeted figure, by the figure's name: the figure's lights read it where it is set. */
  readonly budgets = new Map<string, string>();
  /** The dashboard's rows of wrapped text (the commentary). */
  readonly paragraphs: ParagraphSpec[] = [];
  /** The dashboard's data bars (the by-unit table's shares). */
  readonly dataBars: DataBarSpec[] = [];
  readonly colorScales: ColorScaleSpec[] = [];
  /** The dashboard's next free row for a section. */
  row = FIRST_SECTION_ROW;
  readonly at: Anchors = {};
  /** How each sheet prints, set by the print section. */
  print: Partial<Record<SheetRole, PrintSpec>> = {};
  private readonly parts: Record<SheetRole, SheetParts>;

  constructor(ctx: ReportContext, parts: Record<SheetRole, SheetParts>) {
    this.ctx = ctx;
    this.parts = parts;
  }

  sheet(role: SheetRole): SheetParts {
    return this.parts[role];
  }

  /** A cell of the dashboard. */
  put(cell: CellSpec): void {
    this.parts.dashboard.cells.push(cell);
  }

  putOn(role: SheetRole, cell: CellSpec): void {
    this.parts[role].cells.push(cell);
  }

  /** A sheet-scoped name; `external` for a range on the user's own sheet. */
  name(role: SheetRole, name: string, range: string, external = false): void {
    this.parts[role].names.push({ name, range, ...(external ? { external: true } : {}) });
  }

  /** The range a name of a sheet stands for, if the sheet has it. */
  named(role: SheetRole, name: string): string | undefined {
    return this.parts[role].names.find((each) => each.name === name)?.range;
  }

  /** Column j of a sheet at least this wide. */
  widen(role: SheetRole, j: number, width: number): void {
    const widths = this.parts[role].widths;
    widths[j] = Math.max(widths[j] ?? 0, width);
  }

  /** The formula of the report's mode: the add-in's CX functions, or built-in functions only. */
  either(cx: string, portable: string): string {
    return this.ctx.cx ? cx : portable;
  }

  /** Whether the workings have a column of this name (a table per period the options hold). */
  hasWorking(name: string): boolean {
    return this.named("workings", name) !== undefined;
  }

  /** The range a name of the workings stands for (a period table's column: 'Trend_Revenue' → "G5:G29"). */
  workingsRange(name: string): RangeAddress {
    return parseRange(this.named("workings", name) as string) as RangeAddress;
  }

  /** The workings' cell of the label of the period tables' i-th period (1: the first). */
  periodLabelCell(i: number): string {
    return `A${this.workingsRange(trendName("firstDay")).top + i}`;
  }

  /**
   * The cells a CX table will spill into (on the dashboard, or the sheet `role`), formatted ahead of the spill (so they are the
   * report's, and show its figures right): rows `top` (the header, aligned as figures) to `bottom`,
   * columns from `left`, each with its format; the anchor, top-left, is the section's own cell.
   */
  spillFormats(left: number, top: number, bottom: number, formats: readonly (string | undefined)[], role: SheetRole = "dashboard"): void {
    for (let r = top; r <= bottom; r++) {
      formats.forEach((format, j) => {
        if (r === top && j === 0) return;
        this.putOn(role, { address: `${columnName(left + j)}${r}`, numberFormat: r === top ? TEXT_RESULT : (format ?? TEXT_RESULT), ...(r === top ? { style: "numberHeader" as const } : {}) });
      });
    }
  }

  /** A section heading on the dashboard at the next row, with its column headers (figures' headers align right). */
  heading(key: ReportLabel, headers: readonly string[] = [], setOff?: { readonly header: string; readonly format: string }): void {
    const { t } = this.ctx;
    this.put({ address: `A${this.row}`, value: t(key), style: "heading" });
    headers.forEach((header, i) => this.put({
      address: `${columnName(i)}${this.row + 1}`, value: header, style: [t("value"), t("target"), t("versusPrevious"), t("versusYearAgo")].includes(header) ? "numberHeader" : "label",
      ...(header === setOff?.header ? { numberFormat: setOff.format } : {}),
    }));
    this.row += headers.length === 0 ? 1 : 2;
  }

  /** A KPI card's row: metric, value, 环比, 同比 (C, D), target (E) and its light. */
  addKpi(kpi: KpiRow, at: number): void {
    const { t, cx, formats, missing, yearBack } = this.ctx;
    const names = this.parts.dashboard.names;
    this.put({ address: `A${at}`, value: t(kpi.label), style: "label" });
    // A figure shown in two sections (CSAT) is computed where it first stands, and referred to after.
    const shown = names.find((name) => name.name === FIGURE_NAMES[kpi.label]);
    const formula = shown !== undefined ? `=${shown.range}` : dashedWhileMissing(cx ? kpi.cx : kpi.portable, kpi.needs, missing);
    this.put({ address: `B${at}`, formula, numberFormat: formats[kpi.format], style: "kpi" });
    const column = kpi.trendColumn !== undefined && this.hasWorking(kpi.trendColumn.name) ? kpi.trendColumn : undefined;
    for (const [letter, periods] of [["C", 1], ["D", yearBack]] as const) {
      this.put({ ...changeCell(`B${at}`, column === undefined ? undefined : periodsBack(column.name, periods), column?.change, this.ctx.locale), address: `${letter}${at}` });
    }
    const figure = FIGURE_NAMES[kpi.label];
    // A figure shown in two sections (CSAT) is named where it first stands.
    if (figure !== undefined && !names.some((name) => name.name === figure)) names.push({ name: figure, range: `B${at}` });
    if (kpi.target === undefined) return;
    // A typed target is a named input cell (refresh reads it back); a target shown twice (CSAT) is typed where it first stands.
    const targetName = TARGET_NAMES[kpi.label];
    const first = targetName === undefined ? undefined : names.find((name) => name.name === targetName);
    this.put({
      address: `E${at}`, numberFormat: formats[kpi.format],
      ...(kpi.target.formula !== undefined ? { formula: dashedWhileMissing(kpi.target.formula, kpi.target.needs, missing) }
        : first !== undefined ? { formula: `=${first.range}` }
          : { value: kpi.target.value as number, style: "input" as const }),
    });
    if (targetName !== undefined && first === undefined && kpi.target.formula === undefined) names.push({ name: targetName, range: `E${at}` });
    if (kpi.target.note !== undefined) this.put({ address: `F${at}`, value: this.ctx.t(kpi.target.note) });
    this.trafficLights.push({ range: `B${at}`, targetAddress: `E${at}`, direction: kpi.target.direction });
  }

  /**
   * The dashboard's lights, those on a budgeted figure's cell (the period figures', the KPI cards')
   * reading its budget where the period has one (DOMAIN.md §9).
   */
  lightsWithBudgets(): TrafficLightSpec[] {
    const names = this.parts.dashboard.names;
    return this.trafficLights.map((light) => {
      const budget = [...this.budgets].find(([figure]) => names.some((name) => name.name === figure && name.range === light.range))?.[1];
      return budget === undefined || budget === light.targetAddress ? light : { ...light, budgetAddress: budget };
    });
  }

  /** The report as the sections left it: each sheet's cells with names of other sheets qualified, settings, fonts and print. */
  finish(): ReportSpec {
    const { options, sheetNames, source } = this.ctx;
    // Names are scoped to their sheet: a formula on another sheet names the sheet too.
    const sheetOfName = new Map<string, string>();
    for (const role of ROLES) for (const name of this.parts[role].names) sheetOfName.set(name.name, sheetNames[role]);
    const settings = JSON.stringify(reportSettings(options));
    const linkedTables = Object.values(source).flatMap((range) => (range?.table === undefined ? [] : [range.table]));
    return {
      sheets: ROLES.map((role): SheetSpec => {
        const sheet = this.parts[role];
        // (the dashboard's section titles banded across their sections)
        const cells = role === "dashboard" ? [...sheet.cells, ...headingBands(sheet.cells, this.paragraphs)] : sheet.cells;
        const qualified = cells.map((cell) => (cell.formula === undefined ? cell : { ...cell, formula: qualifyNames(cell.formula, sheetOfName, sheetNames[role]) }));
        return {
          name: sheetNames[role], role, cells: qualified, tables: sheet.tables, names: sheet.names,
          trafficLights: role === "dashboard" ? this.lightsWithBudgets() : [], charts: role === "dashboard" ? this.charts : [],
          settings, linkedTables, columnWidths: sheet.widths, font: REPORT_FONTS[options.locale], print: this.print[role] as PrintSpec,
          // The dashboard is a page to read and print; the others are grids to type into.
          ...(role === "dashboard" ? { showGridlines: false } : {}),
          ...(role === "dashboard" && this.validations.length > 0 ? { validations: this.validations } : {}),
          ...(role === "dashboard" && this.dataBars.length > 0 ? { dataBars: this.dataBars } : {}),
          ...(role === "dashboard" && this.colorScales.length > 0 ? { colorScales: this.colorScales } : {}),
          ...(role === "dashboard" && this.paragraphs.length > 0 ? { paragraphs: this.paragraphs } : {}),
        };
      }),
    };
  }
}
