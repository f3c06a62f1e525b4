/**
 * An in-memory workbook with the part of the Excel object model the writer uses, keeping cell
 * contents, number formats, names, tables, charts, conditional formats, page setup and protection,
 * so that a report can be written, edited as a user would (fakeEdits.ts), and refreshed
 * (office-addin-mock records calls but keeps no cells). It is the project's only Excel, so where
 * Excel is strict, so is this fake, each rule with the Microsoft page that states it:
 *
 * - A request or response over 5 MB, counted in UTF-8 bytes, fails its sync ("Resource limits and
 *   performance optimization for Office Add-ins": "Excel on the web has a payload size limit for
 *   requests and responses of 5MB").
 * - A rejected batch is applied up to the failing operation: Office.js batches are not transactions
 *   ("Error handling with the application-specific JavaScript APIs": "operations before the error
 *   are not rolled back").
 * - Text written through `formulas` is kept as text only behind an apostrophe; "=…" is a formula
 *   and "2024" a number (Excel.Range.formulas).
 * - Dynamic arrays spill (fakeSpills.ts, "Handle dynamic arrays and spilling using the Excel
 *   JavaScript API"): a spilled cell holds no formula, so `formulas` reads back its value
 *   (Excel.Range.formulas: "If a cell has no formula, its value is returned instead"); a spill
 *   blocked by a non-empty cell is #SPILL!.
 * - A protected sheet refuses writes, clears, name, table and chart changes with AccessDenied
 *   ("Protect a worksheet", support.microsoft.com; Excel.WorksheetProtection).
 * - Custom functions read #BUSY! while they calculate ("Custom functions: #BUSY!", office-js #6930).
 * - A chart made from an empty range has no series, and a series that does not exist fails the
 *   sync with ItemNotFound (Excel.ChartSeriesCollection.getItemAt).
 * - Copying a sheet renames its tables and points its charts' same-sheet series at the copy; a
 *   renamed sheet's references follow it, a deleted sheet's turn into #REF! (fakeReferences.ts).
 * - A cell's list validation ("Add data validation to Excel ranges", learn.microsoft.com;
 *   Excel.DataValidation, ExcelApi 1.8): setting `dataValidation.rule` replaces the rule the range
 *   had, `dataValidation.clear()` removes it, and a copied sheet keeps its rules.
 */
import { formatRange } from "../../src/core/a1";
import { deleteSheetIn, qualified, renameSheetIn } from "./fakeReferences";
import { area, type Area, type Cell, cellKeys, recalculate, type SpillModel } from "./fakeSpills";
import { editsOf, type FakeEdits } from "./fakeEdits";
import { sheetObject } from "./fakeSheet";

export type { Area, Cell, SpillModel };

export interface FakeSeries {
  name: string;
  values?: string;
  categories?: string;
  /** Its fill or line colour as set ("none": cleared), and its data labels' number format. */
  color?: string;
  labels?: string;
}

export interface FakeChart {
  type: string;
  series: FakeSeries[];
  /** The value axis' number format, where set. */
  axisFormat?: string;
}

export interface FakeConditionalFormat { range: string; type: string; formula?: string; color?: string; criteria?: unknown }

export interface FakeSheet {
  name: string;
  /** Set by protection.protect(): the sheet no longer takes edits. */
  protected?: boolean;
  /** As the writer set it; undefined: Excel's default (shown). */
  showGridlines?: boolean;
  /** The page setup as the writer set it (pageLayout): paper, orientation, zoom, print area, title rows, header and footer texts, row breaks. */
  print?: Record<string, unknown>;
  /** Conditional formats as the writer added them: the range, the kind, the rule's formula and the fill. */
  conditionalFormats?: FakeConditionalFormat[];
  /**
   * Merged areas (Range.merge, ExcelApi 1.2), as Excel keeps them until unmerged: merging keeps the
   * upper-left cell's data only ("Merge and unmerge cells", support.microsoft.com).
   */
  merges?: string[];
  /** Ranges set to wrap their text, and row heights set (points), by row. */
  wrapped?: string[];
  rowHeights?: Map<number, number>;
  /** List validations (in-cell dropdowns) by range: the list's source as set. */
  validations?: { range: string; source: string }[];
  /** What each cell holds as typed or written: its formula, or its constant. */
  cells: Map<string, Cell>;
  /** Cells that hold a formula (their content starts with "="); other strings are text. */
  formulaCells: Set<string>;
  /** Number formats set on cells (unset: "General"). */
  numberFormats: Map<string, string>;
  /** The values dynamic-array formulas spill into cells around their anchor (not the cells' contents). */
  spilled: Map<string, Cell>;
  /** The value a spilling anchor shows: the array's first value, or #SPILL! when blocked. */
  anchors: Map<string, Cell>;
  /** Sheet-scoped names and their formulas ("='Report'!$B$5", or a text constant ="…"). */
  names: Map<string, string>;
  tables: Map<string, Area>;
  charts: FakeChart[];
}

/** The largest request or response Excel on the web accepts. */
export const EXCEL_WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;

/** An Excel error as Office.js rejects a sync with it. */
export function excelError(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

export interface FakeWorkbook extends FakeEdits {
  sheets: FakeSheet[];
  active: string;
  syncs: number;
  /** The size in UTF-8 bytes (JSON) of each sync's request and response, in order. */
  payloads: { request: number; response: number }[];
  /** Make the sync with this number (1-based) fail as Excel does when it rejects a batch. */
  failSync?: number;
  /** For this many more syncs, custom functions are still calculating: their cells read #BUSY!. */
  calculating: number;
  context: Excel.RequestContext;
}

export function newSheet(name: string): FakeSheet {
  return { name, cells: new Map(), formulaCells: new Set(), numberFormats: new Map(), spilled: new Map(), anchors: new Map(), names: new Map(), tables: new Map(), charts: [] };
}

/** What the sheet shows in a cell: a spilled value, an anchor's value, #BUSY! while calculating, else its content. */
export function shownValue(book: FakeWorkbook, sheet: FakeSheet, key: string): Cell {
  const content = sheet.cells.get(key);
  if (content === undefined) return sheet.spilled.get(key) ?? "";
  if (!sheet.formulaCells.has(key)) return content;
  if (book.calculating > 0 && /CX\./.test(String(content))) return "#BUSY!";
  if (/#REF!/.test(String(content))) return "#REF!";
  return sheet.anchors.get(key) ?? content; // (a formula the fake does not compute shows its own text)
}

/** The internal state a sheet and range object need from their workbook. */
export interface FakeBook {
  readonly book: FakeWorkbook;
  /** Queues an operation for the next sync, as Office.js batches do. */
  later(operation: () => void): void;
  /** Counts a request's payload. */
  sent(payload: unknown): void;
  /** Counts a response's payload. */
  returned(payload: unknown): void;
  sheetOf(name: string): FakeSheet;
  /** Which formulas spill, as the test says. */
  readonly spill?: SpillModel;
}

/** JSON's size in UTF-8 bytes, as Excel on the web counts a payload. */
export const utf8Bytes = (payload: unknown): number => Buffer.byteLength(JSON.stringify(payload) ?? "", "utf8");

export function fakeWorkbook(sheetNames: string[] = ["Sheet1"], options: { spill?: SpillModel } = {}): FakeWorkbook {
  let queue: (() => void)[] = [];
  let requestBytes = 0;
  let responseBytes = 0;
  const book = {
    sheets: sheetNames.map(newSheet),
    active: sheetNames[0] as string,
    syncs: 0,
    payloads: [],
    calculating: 0,
    context: undefined as unknown as Excel.RequestContext,
  } as unknown as FakeWorkbook;
  const internal: FakeBook = {
    book,
    ...(options.spill === undefined ? {} : { spill: options.spill }),
    later: (operation) => void queue.push(operation),
    sent: (payload) => void (requestBytes += utf8Bytes(payload)),
    returned: (payload) => void (responseBytes += utf8Bytes(payload)),
    sheetOf: (name) => {
      const found = book.sheets.find((s) => s.name === name);
      if (found === undefined) throw excelError("ItemNotFound", `there is no sheet ${name}`);
      return found;
    },
  };
  const calculate = (): void => recalculate(book.sheets, options.spill);
  Object.assign(book, editsOf(book, calculate));

  const tablesObject = {
    getItemOrNullObject: (t: string) => {
      const owner = (): FakeSheet | undefined => book.sheets.find((x) => x.tables.has(t));
      const rangeOf = (body: boolean): Record<string, unknown> => {
        const loaded: Record<string, unknown> = { null: true };
        return {
          get isNullObject() { return loaded["null"] === true; },
          load: () => internal.later(() => {
            const sheet = owner();
            const box = sheet?.tables.get(t);
            loaded["null"] = box === undefined;
            if (sheet !== undefined && box !== undefined) loaded["address"] = `${qualified(sheet.name)}${formatRange(body ? { ...box, top: box.top + 1 } : box)}`;
          }),
          get address() { return loaded["address"]; },
        };
      };
      return { getDataBodyRange: () => rangeOf(true), getRange: () => rangeOf(false) };
    },
    getItem: (t: string) => ({
      delete: () => internal.later(() => {
        const sheet = book.sheets.find((x) => x.tables.has(t));
        if (sheet === undefined) throw excelError("ItemNotFound", `there is no table ${t}`);
        if (sheet.protected === true) throw excelError("AccessDenied", `the sheet ${sheet.name} is protected`);
        sheet.tables.delete(t);
      }),
    }),
    items: [] as { name: string }[],
    load() {
      internal.later(() => (this.items = book.sheets.flatMap((s) => [...s.tables.keys()].map((t) => ({ name: t })))));
    },
  };
  const worksheets = {
    items: [] as { name: string }[],
    load() {
      internal.later(() => (this.items = book.sheets.map((s) => ({ name: s.name }))));
    },
    add: (name: string) => {
      internal.later(() => {
        if (book.sheets.some((s) => s.name.toLowerCase() === name.toLowerCase())) throw excelError("ItemAlreadyExists", `a sheet ${name} exists`);
        book.sheets.push(newSheet(name));
      });
      return sheetObject(internal, name);
    },
    getActiveWorksheet: () => sheetObject(internal, book.active),
    getItem: (name: string) => sheetObject(internal, name),
    getItemOrNullObject: (name: string) => sheetObject(internal, name),
  };
  book.context = {
    workbook: { worksheets, tables: tablesObject },
    application: { suspendApiCalculationUntilNextSync: () => undefined },
    sync: async () => {
      book.syncs++;
      const batch = queue;
      queue = [];
      const request = requestBytes;
      requestBytes = 0;
      responseBytes = 0;
      if (book.calculating > 0) book.calculating--;
      if (request > EXCEL_WEB_PAYLOAD_LIMIT) {
        book.payloads.push({ request, response: 0 });
        throw excelError("RequestPayloadSizeLimitExceeded", `the request is ${request} bytes`);
      }
      if (book.failSync === book.syncs) {
        // Excel applies a rejected batch up to the failing operation: here, half of it.
        batch.slice(0, Math.floor(batch.length / 2)).forEach((operation) => operation());
        calculate();
        book.payloads.push({ request, response: 0 });
        throw excelError("InvalidArgument", "the batch was rejected");
      }
      const saved = book.sheets.map((sheet) => ({ sheet, cells: new Map(sheet.cells), formulaCells: new Set(sheet.formulaCells) }));
      try {
        batch.forEach((operation) => operation());
      } catch (error) {
        // a rejected batch (a missing item, say) fails the sync; unlike a size refusal it was partly applied
        calculate();
        book.payloads.push({ request, response: 0 });
        throw error;
      }
      calculate();
      book.payloads.push({ request, response: responseBytes });
      if (responseBytes > EXCEL_WEB_PAYLOAD_LIMIT) {
        for (const { sheet, cells, formulaCells } of saved) Object.assign(sheet, { cells, formulaCells });
        throw excelError("ResponsePayloadSizeLimitExceeded", `the response is ${responseBytes} bytes`);
      }
    },
  } as unknown as Excel.RequestContext;
  return book;
}

/** A sheet renamed as Excel renames one: every reference to it, on every sheet, follows. */
export function renameSheet(book: FakeWorkbook, from: string, to: string): void {
  const sheet = book.sheets.find((s) => s.name === from);
  if (sheet === undefined) throw excelError("ItemNotFound", `there is no sheet ${from}`);
  if (book.sheets.some((s) => s !== sheet && s.name.toLowerCase() === to.toLowerCase())) throw excelError("InvalidArgument", `a sheet ${to} exists`);
  rewriteReferences(book, (formula) => renameSheetIn(formula, from, to));
  sheet.name = to;
  if (book.active === from) book.active = to;
}

/** A sheet deleted as Excel deletes one: every reference to it elsewhere becomes #REF!. */
export function deleteSheet(book: FakeWorkbook, name: string): void {
  book.sheets = book.sheets.filter((s) => s.name !== name);
  rewriteReferences(book, (formula) => deleteSheetIn(formula, name));
}

/** Every formula, name and chart series of the workbook through `change`. */
export function rewriteReferences(book: FakeWorkbook, change: (formula: string, sheet: FakeSheet) => string): void {
  for (const sheet of book.sheets) {
    for (const key of sheet.formulaCells) sheet.cells.set(key, change(String(sheet.cells.get(key)), sheet));
    for (const [name, formula] of sheet.names) sheet.names.set(name, change(formula, sheet));
    for (const chart of sheet.charts) {
      for (const series of chart.series) {
        if (series.values !== undefined) series.values = change(`=${series.values}`, sheet).slice(1);
        if (series.categories !== undefined) series.categories = change(`=${series.categories}`, sheet).slice(1);
      }
    }
  }
}

/** The used range of a sheet (contents and spilled values), or undefined when it is empty; a loop, so 100,000 rows are no trouble. */
export function usedArea(sheet: FakeSheet): Area | undefined {
  let box: Area | undefined;
  for (const key of cellKeys(sheet)) {
    const at = area(key);
    if (box === undefined) box = { ...at };
    else {
      box.top = Math.min(box.top, at.top);
      box.left = Math.min(box.left, at.left);
      box.bottom = Math.max(box.bottom, at.bottom);
      box.right = Math.max(box.right, at.right);
    }
  }
  return box;
}

