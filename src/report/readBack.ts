/**
 * Refresh: a report sheet is rebuilt from the settings stored with it and the data its input cells
 * and tables hold now (the user has replaced the sample figures, added rows to a table, …). Pure:
 * the writer reads the cells, this turns them back into report options.
 */
import { columnName, parseRange, type RangeAddress } from "../core/a1";
import { calendarMonths, isoDateOfSerial, serialFromUtc, utcDateOfSerial } from "../core/dates";
import { fillTemplate } from "../i18n/locale";
import { reportLabels } from "../i18n/reportLabels";
import { isBlank } from "../core/cells";
import { buildReport, reportPeriodLabel, SCALAR_INPUTS, TARGET_KEYS, type CellValue, type ReportInputs, type ReportOptions, type ReportSettings, type ReportTargets } from "./buildReport";
import { BUDGET_FIGURES } from "./budget";
import type { DataSource } from "./dataSource";
import type { ReportSpec, SheetSpec } from "./sheetSpec";

/** What the writer reads from a report sheet: each named input cell's value, and each input table's body rows. */
export interface SheetContents {
  /** By name (Customers_Start, …). */
  readonly scalars: Readonly<Record<string, unknown>>;
  /** By the table's wanted name (CX_Channels, …): the rows of its data body, as Range.values gives them. */
  readonly tables: Readonly<Record<string, readonly (readonly unknown[])[]>>;
  /** The user's linked Excel tables by name: the address of their data body now ("Sales!A2:C950"). */
  readonly linkedTables?: Readonly<Record<string, string>>;
}

/** The names of the scalar inputs the writer must read. */
export const SCALAR_INPUT_NAMES: readonly string[] = [...SCALAR_INPUTS.map(([, name]) => name), "Lapse_Days"];

/** The names of the dashboard's input cells, which the writer reads there: the targets typed, and the unit chosen. */
export const DASHBOARD_INPUT_NAMES: readonly string[] = [...Object.keys(TARGET_KEYS), "Selected_Unit"];

/** The targets as typed over on the dashboard: a number replaces the stored target; anything else keeps it. */
export function targetsFromSheet(stored: ReportTargets, contents: SheetContents): ReportTargets {
  const typed = Object.entries(TARGET_KEYS).flatMap(([name, key]) => {
    const value = contents.scalars[name];
    return typeof value === "number" && Number.isFinite(value) ? [[key, value] as const] : [];
  });
  return { ...stored, ...Object.fromEntries(typed) };
}

const cell = (value: unknown): CellValue | undefined => (typeof value === "number" || (typeof value === "string" && value !== "") ? value : typeof value === "boolean" ? String(value).toUpperCase() : undefined);

/** Body rows without the blank rows an Excel table keeps at its end (a new table has one). */
function rows(contents: SheetContents, table: string, columns: number): (CellValue | undefined)[][] {
  const body = (contents.tables[table] ?? []).map((row) => Array.from({ length: columns }, (_, j) => cell(row[j])));
  while (body.length > 0 && (body.at(-1) as unknown[]).every((value) => value === undefined)) body.pop();
  return body;
}

/**
 * The settings a report sheet was made with, as the writer kept them with it; undefined when they
 * are not (not a sheet this add-in made, or made by a version it cannot rebuild).
 */
export function parseSettings(value: unknown): ReportSettings | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const parsed = value as Partial<ReportSettings>;
  const valid = typeof parsed.title === "string" && typeof parsed.periodStart === "number" && typeof parsed.periodEnd === "number"
    && typeof parsed.currency === "string" && (parsed.locale === "en-US" || parsed.locale === "zh-CN")
    && (parsed.formulaMode === "cx" || parsed.formulaMode === "portable")
    && typeof parsed.targets === "object" && parsed.targets !== null && typeof parsed.sections === "object" && parsed.sections !== null;
  return valid ? (parsed as ReportSettings) : undefined;
}

/**
 * The report's inputs as the sheet holds them now: typed-over values, added rows and text included,
 * unchanged; `unitColumns` unit columns after each purchase's amount (ReportOptions.unitNames).
 */
export function inputsFromSheet(contents: SheetContents, unitColumns = 0): ReportInputs {
  const scalars = Object.fromEntries(SCALAR_INPUTS.map(([, name, key]) => [key, cell(contents.scalars[name]) ?? ""])) as Record<(typeof SCALAR_INPUTS)[number][2], CellValue>;
  // (the answer date, the fourth column, is in the report's own table only)
  const survey = rows(contents, "CX_Survey", 4);
  const text = (value: CellValue | undefined): string => (value === undefined ? "" : String(value));
  const lapseDays = cell(contents.scalars["Lapse_Days"]);
  return {
    ...scalars,
    // The lapse window as typed over (a blank one goes back to the default for the period).
    ...(lapseDays === undefined ? {} : { lapseDays }),
    // (the month, the fifth column, is in the report's own table only)
    channels: rows(contents, "CX_Channels", 5).map(([name, , spend, newCustomers, month]) => ({
      name: { "en-US": text(name), "zh-CN": text(name) }, spend: spend ?? "", newCustomers: newCustomers ?? "", ...(month === undefined ? {} : { month }),
    })),
    npsAnswers: survey.map((row) => row[0]),
    csatAnswers: survey.map((row) => row[1]),
    csiAnswers: survey.map((row) => row[2]),
    surveyDates: survey.map((row) => row[3]),
    transactions: rows(contents, "CX_Transactions", 3 + unitColumns).map(([customer, date, amount, ...units]) => ({
      customer: customer ?? "", date: date ?? "", amount: amount ?? "",
      ...(unitColumns === 0 ? {} : { units: units.map((unit) => ({ "en-US": text(unit), "zh-CN": text(unit) })) }),
    })),
    engagement: rows(contents, "CX_Engagement", 4).map(([customer, visits, interactions, usageHours]) => ({
      customer: customer ?? "", visits: visits ?? "", interactions: interactions ?? "", usageHours: usageHours ?? "",
    })),
    // (blank cells stay blank: no budget for that figure that month)
    budget: rows(contents, "CX_Budget", 1 + BUDGET_FIGURES.length).map(([month, ...figures]) => ({
      ...(month === undefined ? {} : { month }),
      ...Object.fromEntries(BUDGET_FIGURES.flatMap((figure, j) => (figures[j] === undefined ? [] : [[figure.key, figures[j]]]))),
    })),
  };
}

/** Links to the user's Excel tables moved to where the tables are now (rows added or removed); other links kept. */
export function followTables(source: DataSource, bodies: Readonly<Record<string, string>>): DataSource {
  return Object.fromEntries(Object.entries(source).map(([kind, range]) => {
    const now = range?.table === undefined ? undefined : bodies[range.table];
    const moved = now === undefined ? undefined : parseRange(now);
    if (range === undefined || moved === undefined) return [kind, range];
    return [kind, { ...range, row: moved.top, column: moved.left, rows: moved.bottom - moved.top + 1 }];
  }));
}

/** The rebuilt report: the stored settings, today's date, and the data as the sheet holds it now; undefined for unknown settings. */
export function rebuildReport(stored: unknown, contents: SheetContents, today: number): ReportSpec | undefined {
  return reportFromSheet(stored, contents, today, false);
}

/** The same report for the period after the stored one (nextPeriod), with the sheet's data and links as they are now. */
export function rolledForwardReport(stored: unknown, contents: SheetContents, today: number): ReportSpec | undefined {
  return reportFromSheet(stored, contents, today, true);
}

function reportFromSheet(stored: unknown, contents: SheetContents, today: number, forward: boolean): ReportSpec | undefined {
  const settings = parseSettings(stored);
  if (settings === undefined) return undefined;
  const period = forward ? nextPeriod(settings.periodStart, settings.periodEnd) : { start: settings.periodStart, end: settings.periodEnd };
  const options: ReportOptions = {
    ...settings, periodStart: period.start, periodEnd: period.end, generatedOn: today,
    // the unit the dashboard shows, as chosen in its list (kept by refresh and roll forward)
    ...(typeof contents.scalars["Selected_Unit"] === "string" && contents.scalars["Selected_Unit"] !== "" ? { selectedUnit: contents.scalars["Selected_Unit"] } : {}),
    inputs: inputsFromSheet(contents, settings.source?.transactions === undefined ? (settings.unitNames?.length ?? 0) : 0), targets: targetsFromSheet(settings.targets, contents),
    ...(settings.source === undefined ? {} : { source: followTables(settings.source, contents.linkedTables ?? {}) }),
  };
  return buildReport(options);
}

/**
 * The period after [start, end] (Excel serials): as many calendar months again when it runs from the
 * first of a month to the last day of a month (a month, a quarter, a half-year, a year), else as many
 * days again.
 *
 * @example nextPeriod(45474, 45565) // 2024-07-01..2024-09-30 → { start: 45566, end: 45657 } (2024-10-01..2024-12-31)
 */
export function nextPeriod(start: number, end: number): { start: number; end: number } {
  const months = calendarMonths(start, end);
  if (months !== undefined) {
    const afterEnd = utcDateOfSerial(end + 1);
    const nextEnd = serialFromUtc(Date.UTC(afterEnd.getUTCFullYear(), afterEnd.getUTCMonth() + months, 1)) - 1;
    return { start: end + 1, end: nextEnd };
  }
  return { start: end + 1, end: end + (end - start + 1) };
}

/** Whether a cell (zero-based row and column) lies in any of the areas. */
function inAreas(areas: readonly RangeAddress[], row: number, column: number): boolean {
  return areas.some((t) => row >= t.top && row <= t.bottom && column >= t.left && column <= t.right);
}

const parsedAreas = (areas: readonly string[]): RangeAddress[] => areas.map((range) => parseRange(range)).filter((range): range is RangeAddress => range !== undefined);

/**
 * Cells a refresh would wipe that are not the report's: non-empty cells of the sheet's used range
 * (its address, e.g. "A1:AM142", and formulas) outside the areas that are the report's on the sheet now (`reportAreas`: those it wrote, as the sheet
 * lists them, "A1:A7"; where its arrays spilled; its tables) and the rebuilt report's tables (and,
 * for a sheet that does not list its cells, the rebuilt report's cells), such as notes a user typed
 * beside it. A refresh refuses to run while there are any.
 */
export function cellsOutsideReport(spec: SheetSpec, usedAddress: string, formulas: readonly (readonly unknown[])[], reportAreas: readonly string[] = [], listed = false): string[] {
  // Where the sheet lists the cells the report wrote (`listed`), a cell outside them is the user's even
  // where the rebuilt report would write (a note typed into a row inserted in the dashboard).
  const own = new Set(listed ? [] : spec.cells.map((c) => c.address));
  // The report's tables, and the areas that are its own (a later version may lay it out otherwise).
  const areas = parsedAreas([...spec.tables.map((table) => table.range), ...reportAreas]);
  const origin = parseRange(usedAddress) ?? { top: 0, left: 0 };
  const outside: string[] = [];
  formulas.forEach((values, r) => values.forEach((value, c) => {
    const row = origin.top + r;
    const column = origin.left + c;
    const address = `${columnName(column)}${row + 1}`;
    if (!isBlank(value) && !own.has(address) && !inAreas(areas, row, column)) outside.push(address);
  }));
  return outside;
}

/**
 * Cells where the user typed a value over one of the report's formulas (C9 typed 12345 where the
 * report computes a change): non-empty cells that hold no formula in the areas where the report wrote
 * formulas (`formulaAreas`, as the sheet lists them). A refresh would put the formula back and the
 * typed value would be lost. Not counted: cells in `exempt`, the named input cells (typed over on
 * purpose and read back) and the cells an array spilled into, whose formulas read back as values.
 */
export function editedCells(usedAddress: string, formulas: readonly (readonly unknown[])[], formulaAreas: readonly string[], exempt: readonly string[]): string[] {
  const origin = parseRange(usedAddress) ?? { top: 0, left: 0 };
  const [areas, skipped] = [parsedAreas(formulaAreas), parsedAreas(exempt)];
  const edited: string[] = [];
  for (const area of areas) {
    for (let row = area.top; row <= area.bottom; row++) {
      for (let column = area.left; column <= area.right; column++) {
        const now = formulas[row - origin.top]?.[column - origin.left];
        if (isBlank(now) || (typeof now === "string" && now.startsWith("=")) || inAreas(skipped, row, column)) continue;
        edited.push(`${columnName(column)}${row + 1}`);
      }
    }
  }
  return edited;
}

/**
 * The name of the sheet a report is archived to when issued: "Issued 2024-09" (the month of its
 * period end), in the report's language; undefined when the settings are not a report's.
 */
export function issuedSheetName(stored: unknown, unit?: string): string | undefined {
  const settings = parseSettings(stored);
  if (settings === undefined) return undefined;
  const month = isoDateOfSerial(settings.periodEnd).slice(0, 7);
  const name = fillTemplate(reportLabels.issuedSheet[settings.locale], { period: month });
  // one unit's issue: "Issued 2024-09 East" / "已发布 2024-09 华东" (a sheet name holds 31 characters at most, without : \ / ? * [ ])
  return unit === undefined ? name : `${name} ${unit.replace(/[:\\/?*[\]]/g, " ")}`.slice(0, 31).trim();
}

/** A report as the task pane names it: its title, its period ("2024-09", "2024-Q3") and the period's last day; undefined for settings that are not a report's. */
export function reportSummary(stored: unknown): { readonly title: string; readonly period: string; readonly periodEnd: number; readonly units: boolean } | undefined {
  const settings = parseSettings(stored);
  if (settings === undefined) return undefined;
  // whether it has a unit selector: unit columns in its own transaction table, or in the linked one
  const units = (settings.source?.transactions === undefined ? settings.unitNames?.length ?? 0 : settings.source.transactions.units?.length ?? 0) > 0;
  return { title: settings.title, period: reportPeriodLabel(settings.periodStart, settings.periodEnd), periodEnd: settings.periodEnd, units };
}
