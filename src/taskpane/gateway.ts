/**
 * The task pane's only door to Excel: components receive an ExcelGateway as a prop, so they render
 * and are tested without Office. officeGateway is the real one.
 */
import { DISPLAY_LANGUAGE_KEY, fillTemplate, type Locale } from "../i18n/locale";
import { paneStrings } from "../i18n/paneStrings";
import { buildReport, type ReportOptions } from "../report/buildReport";
import type { Pick } from "../report/dataSource";
import { issuedSheetName, rebuildReport, reportSummary, rolledForwardReport } from "../report/readBack";
import { parseRange } from "../core/a1";
import { describeActiveSheet } from "../writer/activeSheet";
import { archiveReport } from "../writer/archiveReport";
import { archiveEachUnit } from "../writer/archiveUnits";
import { readInChunks } from "../writer/readInChunks";
import { refreshReport, rollForwardReport, writeReport, type WriteResult } from "../writer/writeReport";

/** How far creating a report has come: computing it, then each request of the write. */
export type CreateProgress = { readonly step: "computing" } | { readonly step: "writing"; readonly done: number; readonly total: number };

/** What the active sheet is, as the pane names it: a report (its title, period and whether that has ended), an issued copy, or neither. */
export type ActiveReport =
  | { readonly kind: "report"; readonly title: string; readonly period: string; readonly periodEnd: number; readonly units?: boolean }
  | { readonly kind: "issued"; readonly period: string; readonly report: string }
  | { readonly kind: "other" };

export interface ExcelGateway {
  /** Writes the report into a new sheet; rejects with ReportWriteError after rolling back. */
  createReport(options: ReportOptions, progress?: (progress: CreateProgress) => void): Promise<WriteResult>;
  /** What the active sheet is, for the month-end buttons. */
  activeReport(): Promise<ActiveReport>;
  /** Calls back whenever another sheet is activated (Excel's worksheets.onActivated, ExcelApi 1.7); resolves with the way to stop. */
  onActiveSheetChanged(callback: () => void): Promise<() => void>;
  /**
   * Rebuilds the active sheet if this add-in made it, from its stored settings and its current data;
   * rejects with RefreshRefusedError (not a report, the user's cells beside it, values typed over its
   * formulas unless `discardEdits`, a protected sheet) before changing anything.
   */
  refreshReport(locale: Locale, today: number, discardEdits?: boolean): Promise<WriteResult>;
  /**
   * Copies the active report sheet as values into a protected sheet named for its period ("Issued
   * 2024-09"); rejects with RefreshRefusedError when it is not a report, ReportWriteError after removing the copy.
   */
  archiveReport(locale: Locale, today?: number): Promise<WriteResult>;
  /** One issued sheet per unit of the active report's selector, each frozen on its unit. */
  archiveEachUnit(locale: Locale, today?: number): Promise<WriteResult>;
  /**
   * Writes the active report again for its next period into a new sheet, keeping its settings, links
   * and typed figures; rejects with RefreshRefusedError when it is not a report, ReportWriteError after rolling back.
   */
  rollForwardReport(locale: Locale, today: number): Promise<WriteResult>;
  /**
   * The selected range as a pick for "my data": the used part of the selection, or the whole Excel
   * table when the selection lies in one.
   */
  readSelection(locale: Locale): Promise<Pick>;
  /** Puts a formula into the selected cell, refusing a cell that is not empty; resolves with the cell's address. */
  insertFormula(formula: string, locale: Locale): Promise<string>;
}

/** The Excel API requirement set the writer and insertFormula use (getRanges, conditional formats, getActiveCell). */
export const REQUIRED_EXCEL_API = "1.9";

/**
 * Whether the writer can ask where a formula spills (Range.getSpillingToRangeOrNullObject, ExcelApi
 * 1.12): an Excel without it has no dynamic arrays, so nothing there spills.
 */
const hasDynamicArrays = (): boolean => Office.context.requirements.isSetSupported("ExcelApi", "1.12");

function requireExcelApi(locale: Locale): void {
  if (!Office.context.requirements.isSetSupported("ExcelApi", REQUIRED_EXCEL_API)) throw new Error(paneStrings.excelTooOld[locale]);
}

/**
 * Records Office's display language where the functions' runtime reads it (OfficeRuntime.storage,
 * shared by the task pane and the functions): on Windows and Mac that runtime cannot ask Office, so
 * without this a Chinese user's messages would be in English. In a task pane the storage is
 * SharedRuntime 1.1, checked first.
 *
 * @returns whether it was recorded
 */
export async function rememberDisplayLanguage(displayLanguage: string): Promise<boolean> {
  try {
    if (typeof OfficeRuntime === "undefined" || OfficeRuntime.storage === undefined) return false;
    if (!Office.context.requirements.isSetSupported("SharedRuntime", "1.1")) return false;
    await OfficeRuntime.storage.setItem(DISPLAY_LANGUAGE_KEY, displayLanguage);
    return true;
  } catch {
    return false; // the functions then give their messages in both languages
  }
}

export const officeGateway: ExcelGateway = {
  async createReport(options, progress) {
    requireExcelApi(options.locale);
    progress?.({ step: "computing" });
    const report = buildReport(options);
    return Excel.run((context) => writeReport(context, report, (done, total) => progress?.({ step: "writing", done, total })));
  },
  async activeReport() {
    const sheet = await Excel.run((context) => describeActiveSheet(context));
    if (sheet.kind !== "report") return sheet;
    const summary = reportSummary(sheet.settings);
    return summary === undefined ? { kind: "other" } : { kind: "report", ...summary };
  },
  async onActiveSheetChanged(callback) {
    return Excel.run(async (context) => {
      const handler = context.workbook.worksheets.onActivated.add(async () => callback());
      await context.sync();
      return () => void Excel.run(async (later) => {
        handler.remove();
        await later.sync();
      }).catch(() => undefined);
    });
  },
  async refreshReport(locale, today, discardEdits = false) {
    requireExcelApi(locale);
    return Excel.run((context) => refreshReport(context, (settings, contents) => rebuildReport(settings, contents, today), { discardEdits, spills: hasDynamicArrays() }));
  },
  async archiveReport(locale, today) {
    requireExcelApi(locale);
    return Excel.run((context) => archiveReport(context, issuedSheetName, today === undefined ? {} : { today }));
  },
  async archiveEachUnit(locale, today) {
    requireExcelApi(locale);
    return Excel.run((context) => archiveEachUnit(context, issuedSheetName, today === undefined ? {} : { today }));
  },
  async rollForwardReport(locale, today) {
    requireExcelApi(locale);
    return Excel.run((context) => rollForwardReport(context, (settings, contents) => rolledForwardReport(settings, contents, today), hasDynamicArrays()));
  },
  async readSelection(locale) {
    requireExcelApi(locale);
    return Excel.run(async (context) => {
      const selected = context.workbook.getSelectedRange();
      const tables = selected.getTables(false);
      tables.load("items/name");
      const used = selected.getUsedRangeOrNullObject(true);
      used.load("address");
      await context.sync();
      const table = tables.items.length === 1 ? tables.items[0] : undefined;
      let address = used.isNullObject ? "" : used.address;
      if (table !== undefined) {
        const whole = table.getRange();
        whole.load("address");
        await context.sync();
        address = whole.address;
      }
      if (address === "") return { address: "", values: [] };
      // A pick may be a million rows: read it in slices that Excel on the web accepts (5 MB a response).
      const sheet = context.workbook.worksheets.getItem((parseRange(address) as { sheet: string }).sheet);
      const { rows } = await readInChunks(context, (local) => sheet.getRange(local), address, ["values"]);
      return { address, values: rows.values ?? [], ...(table === undefined ? {} : { table: table.name }) };
    });
  },
  async insertFormula(formula, locale) {
    requireExcelApi(locale);
    return Excel.run(async (context) => {
      const cell = context.workbook.getActiveCell();
      cell.load("formulas,address");
      await context.sync();
      const current = cell.formulas[0]?.[0];
      if (current !== "" && current !== undefined && current !== null) throw new Error(fillTemplate(paneStrings.cellNotEmpty[locale], {}));
      cell.formulas = [[formula]];
      await context.sync();
      return cell.address;
    });
  },
};
