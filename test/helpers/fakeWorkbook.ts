/**
 * A small in-memory workbook with the part of the Excel object model the writer uses, keeping cell
 * contents, names, tables and charts so that a report can be written, edited as a user would, and
 * refreshed (office-addin-mock records calls but keeps no cells). Values of formula cells are the
 * formula text: the read-back only reads literal input cells.
 *
 * Where Excel is strict, so is this fake: a request or response over 5 MB (Excel on the web's limit)
 * fails its sync; text written through `formulas` is kept as text only behind an apostrophe (else
 * "=…" is a formula and "2024" a number); a chart made from an empty range has no series, and a
 * series that does not exist fails the sync (ItemNotFound).
 */
import { columnIndex, columnName, formatRange } from "../../src/core/a1";

type Cell = string | number | boolean;

interface Area { top: number; left: number; bottom: number; right: number }

function area(address: string): Area {
  const local = address.split("!").at(-1) as string;
  const [from, to = from] = local.replace(/\$/g, "").split(":") as [string, string?];
  const column = (a: string): number => columnIndex(a.replace(/\d+$/, ""));
  const row = (a: string): number => (/\d/.test(a) ? Number(a.replace(/^[A-Z]+/, "")) - 1 : -1);
  const whole = row(from) === -1; // a whole column "B:B"
  return { top: whole ? 0 : row(from), left: column(from), bottom: whole ? 1_048_575 : row(to as string), right: column(to as string) };
}

const a1 = formatRange;

export interface FakeSeries {
  name: string;
  values?: string;
  categories?: string;
}

export interface FakeChart {
  type: string;
  series: FakeSeries[];
}

export interface FakeSheet {
  name: string;
  /** Set by protection.protect(): the sheet no longer takes edits. */
  protected?: boolean;
  /** As the writer set it; undefined: Excel's default (shown). */
  showGridlines?: boolean;
  /** The page setup as the writer set it (pageLayout): paper, orientation, zoom, print area, title rows, header and footer texts. */
  print?: Record<string, unknown>;
  /** Conditional formats as the writer added them: the range, the kind, the rule's formula and the fill. */
  conditionalFormats?: { range: string; type: string; formula?: string; color?: string }[];
  cells: Map<string, Cell>;
  /** Cells that hold a formula (their content starts with "="); other strings are text. */
  formulaCells: Set<string>;
  names: Map<string, string>;
  tables: Map<string, Area>;
  charts: FakeChart[];
}

/** The largest request or response Excel on the web accepts. */
export const EXCEL_WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;

/** An Excel error as Office.js rejects a sync with it. */
function excelError(code: string, message: string): Error {
  return Object.assign(new Error(`${code}: ${message}`), { code });
}

/** How Excel stores what is typed or written through `formulas`. */
function typed(input: Cell): { value: Cell; formula: boolean } {
  if (typeof input !== "string") return { value: input, formula: false };
  if (input.startsWith("'")) return { value: input.slice(1), formula: false };
  if (/^[=+]/.test(input) && input.length > 1) return { value: input.startsWith("+") ? `=${input}` : input, formula: true };
  if (/^-?\d+(\.\d+)?$/.test(input.trim())) return { value: Number(input), formula: false };
  return { value: input, formula: false };
}

export interface FakeWorkbook {
  sheets: FakeSheet[];
  active: string;
  syncs: number;
  /** The size in bytes (JSON) of each sync's request and response, in order. */
  payloads: { request: number; response: number }[];
  /** Make the sync with this number (1-based) fail as Excel does when it rejects a batch. */
  failSync?: number;
  context: Excel.RequestContext;
}

function newSheet(name: string): FakeSheet {
  return { name, cells: new Map(), formulaCells: new Set(), names: new Map(), tables: new Map(), charts: [] };
}

export function fakeWorkbook(sheetNames: string[] = ["Sheet1"]): FakeWorkbook {
  const book: FakeWorkbook = {
    sheets: sheetNames.map(newSheet),
    active: sheetNames[0] as string,
    syncs: 0,
    payloads: [],
    context: undefined as unknown as Excel.RequestContext,
  };
  // Queued operations run at sync, as Office.js batches do; a failing sync runs none of its batch's tail.
  let queue: (() => void)[] = [];
  const later = (operation: () => void): void => void queue.push(operation);
  // bytes of the batch being queued, and of what its loads will return
  let requestBytes = 0;
  let responseBytes = 0;
  const sent = (payload: unknown): void => void (requestBytes += JSON.stringify(payload).length);
  const sheetOf = (name: string): FakeSheet => book.sheets.find((s) => s.name === name) as FakeSheet;

  const rangeObject = (sheetName: string, address: string): Record<string, unknown> => {
    const box = area(address);
    const each = (visit: (key: string, r: number, c: number) => void): void => {
      for (let r = box.top; r <= (box.bottom === 1_048_575 ? Math.min(box.bottom, 20_000) : box.bottom); r++) for (let c = box.left; c <= box.right; c++) visit(`${columnName(c)}${r + 1}`, r - box.top, c - box.left);
    };
    const read = (): Cell[][] => {
      const rows: Cell[][] = [];
      each((key, r, c) => ((rows[r] ??= [])[c] = sheetOf(sheetName).cells.get(key) ?? ""));
      return rows;
    };
    const loaded: Record<string, unknown> = {};
    const range: Record<string, unknown> = {
      isNullObject: false,
      boxAddress: a1(box),
      load: (properties?: string) => later(() => {
        const rows = read();
        loaded["values"] = rows;
        loaded["formulas"] = rows;
        loaded["address"] = `${sheetName}!${a1(box)}`;
        const wanted = (properties ?? "values").split(",").filter((p) => p === "values" || p === "formulas");
        responseBytes += wanted.length * JSON.stringify(rows).length;
      }),
      get values() { return loaded["values"]; },
      get address() { return loaded["address"]; },
      set formulas(rows: Cell[][]) {
        sent(rows);
        later(() => each((key, r, c) => {
          const sheet = sheetOf(sheetName);
          if (sheet.protected === true) throw excelError("AccessDenied", `the sheet ${sheetName} is protected`);
          const { value, formula } = typed(rows[r]?.[c] ?? "");
          if (formula) sheet.formulaCells.add(key);
          else sheet.formulaCells.delete(key);
          if (value === "") sheet.cells.delete(key);
          else sheet.cells.set(key, value);
        }));
      },
      get formulas() { return loaded["formulas"] as Cell[][]; },
      set numberFormat(formats: unknown) { sent(formats); /* formats are not kept */ },
      format: { font: {}, fill: {}, set columnWidth(_w: number) { /* not kept */ } },
      conditionalFormats: {
        add: (type: string) => {
          const added: { range: string; type: string; formula?: string; color?: string } = { range: a1(box), type };
          later(() => (sheetOf(sheetName).conditionalFormats ??= []).push(added));
          return { custom: { rule: { set formula(formula: string) { added.formula = formula; } }, format: { fill: { set color(color: string) { added.color = color; } } } } };
        },
        clearAll: () => undefined,
      },
      clear: () => later(() => each((key) => {
        sheetOf(sheetName).cells.delete(key);
        sheetOf(sheetName).formulaCells.delete(key);
      })),
    };
    return range;
  };

  const sheetObject = (name: string): Record<string, unknown> => {
    const sheet = (): FakeSheet => sheetOf(name);
    const loadedName = { name: "" };
    const names = {
      items: [] as unknown[],
      load(): void {
        later(() => (names.items = [...sheet().names.keys()].map((n) => ({ name: n, delete: () => later(() => sheet().names.delete(n)) }))));
      },
      add: (n: string, reference: string | Record<string, unknown>) => later(() => {
        if (sheet().names.has(n)) throw new Error(`InvalidArgument: the name ${n} already exists`);
        sheet().names.set(n, typeof reference === "string" ? reference : `=${name}!${(reference["boxAddress"] as string | undefined) ?? ""}`);
      }),
      getItem: (n: string) => ({
        delete: () => later(() => {
          if (!sheet().names.delete(n)) throw excelError("ItemNotFound", `the name ${n} does not exist`);
        }),
      }),
      getItemOrNullObject: (n: string) => {
        const state: Record<string, unknown> = {};
        return {
          get isNullObject() { return state["null"] === true; },
          load: () => later(() => {
            const formula = sheet().names.get(n);
            state["null"] = formula === undefined;
            // A text constant ="a"&"b": its value is the joined text.
            state["value"] = formula?.startsWith('="') ? [...formula.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] as string).replace(/""/g, '"')).join("") : formula;
          }),
          get value() { return state["value"]; },
          getRangeOrNullObject: () => {
            const target = sheet().names.get(n);
            return rangeObject(name, target?.replace(/^=.*!/, "") ?? "A1");
          },
        };
      },
    };
    const tables = {
      items: [] as unknown[],
      load(): void {
        later(() => (tables.items = [...sheet().tables.keys()].map((t) => ({ name: t, delete: () => later(() => sheet().tables.delete(t)) }))));
      },
      add: (address: string) => {
        const table = { set name(value: string) { later(() => sheet().tables.set(value, area(address))); } };
        return table;
      },
      getItemOrNullObject: (t: string) => ({
        getDataBodyRange: () => {
          const box = sheet().tables.get(t) as Area;
          return rangeObject(name, a1({ ...box, top: box.top + 1 }));
        },
      }),
    };
    const charts = {
      items: [] as unknown[],
      load(): void {
        later(() => (charts.items = sheet().charts.map((c) => ({ name: c.type, delete: () => later(() => sheet().charts.splice(sheet().charts.indexOf(c), 1)) }))));
      },
      add: (type: string, source: Record<string, unknown>) => {
        const chart: FakeChart = { type, series: [] };
        later(() => {
          // Excel makes a series only from a source range that holds something
          const box = area(source["boxAddress"] as string);
          let filled = false;
          for (let r = box.top; r <= box.bottom && !filled; r++) for (let c = box.left; c <= box.right; c++) if (sheet().cells.has(`${columnName(c)}${r + 1}`)) filled = true;
          if (filled) chart.series.push({ name: "Series1", values: source["boxAddress"] as string });
          sheet().charts.push(chart);
        });
        const seriesAt = (index: () => number) => {
          const at = (): FakeSeries => {
            const item = chart.series[index()];
            if (item === undefined) throw excelError("ItemNotFound", "the requested chart series does not exist");
            return item;
          };
          return {
            set name(value: string) { later(() => (at().name = value)); },
            setValues: (range: Record<string, unknown>) => later(() => (at().values = range["boxAddress"] as string)),
            setXAxisValues: (range: Record<string, unknown>) => later(() => (at().categories = range["boxAddress"] as string)),
          };
        };
        return {
          title: {}, legend: {}, setPosition: () => undefined,
          series: {
            getItemAt: (i: number) => seriesAt(() => i),
            add: (name: string) => {
              let index = -1;
              later(() => (index = chart.series.push({ name }) - 1));
              return seriesAt(() => index);
            },
          },
        };
      },
    };
    return {
      load: () => later(() => (loadedName.name = name)),
      get name() { return loadedName.name || name; },
      getRange: (address: string) => rangeObject(name, address),
      getRanges: (address: string) => {
        sent(address);
        return rangeObject(name, (address.split(",")[0] as string));
      },
      getUsedRangeOrNullObject: () => {
        const loaded: Record<string, unknown> = {};
        return {
          get isNullObject() { return loaded["null"] === true; },
          load: (properties?: string) => later(() => {
            const keys = [...sheet().cells.keys()].map((key) => area(key));
            if (keys.length === 0) { loaded["null"] = true; return; }
            const box = { top: Math.min(...keys.map((k) => k.top)), left: Math.min(...keys.map((k) => k.left)), bottom: Math.max(...keys.map((k) => k.bottom)), right: Math.max(...keys.map((k) => k.right)) };
            const rows: Cell[][] = [];
            for (let r = box.top; r <= box.bottom; r++) {
              const row: Cell[] = [];
              for (let c = box.left; c <= box.right; c++) row.push(sheet().cells.get(`${columnName(c)}${r + 1}`) ?? "");
              rows.push(row);
            }
            Object.assign(loaded, { address: `${name}!${a1(box)}`, formulas: rows });
            if (properties?.split(",").includes("formulas")) responseBytes += JSON.stringify(rows).length;
          }),
          get address() { return loaded["address"]; },
          get formulas() { return loaded["formulas"]; },
        };
      },
      names,
      tables,
      charts,
      // A copy with its cells, names, tables (renamed, as Excel renames them) and charts, placed after this sheet.
      copy: () => {
        const taken = new Set(book.sheets.map((s) => s.name.toLowerCase()));
        let n = 2;
        while (taken.has(`${name} (${n})`.toLowerCase())) n++;
        const copyName = `${name} (${n})`;
        later(() => {
          const source = sheet();
          const allTables = new Set(book.sheets.flatMap((s) => [...s.tables.keys()].map((t) => t.toLowerCase())));
          const tablesCopy = new Map<string, Area>();
          for (const [t, box] of source.tables) {
            let k = 2;
            while (allTables.has(`${t}${k}`.toLowerCase())) k++;
            tablesCopy.set(`${t}${k}`, { ...box });
            allTables.add(`${t}${k}`.toLowerCase());
          }
          const copied: FakeSheet = {
            name: copyName, cells: new Map(source.cells), formulaCells: new Set(source.formulaCells), names: new Map(source.names),
            tables: tablesCopy, charts: source.charts.map((c) => ({ type: c.type, series: c.series.map((x) => ({ ...x })) })),
          };
          book.sheets.splice(book.sheets.indexOf(source) + 1, 0, copied);
        });
        return { set name(value: string) { later(() => (sheetOf(copyName).name = value)); } };
      },
      protection: { protect: () => later(() => (sheet().protected = true)) },
      horizontalPageBreaks: { add: (at: string) => later(() => void ((sheet().print ??= {})["rowBreaks"] = [...((sheet().print?.["rowBreaks"] as number[] | undefined) ?? []), Number(at.replace(/^[A-Z]+/, ""))])) },
      set showGridlines(value: boolean) { later(() => (sheet().showGridlines = value)); },
      // The page setup: each property the writer sets is recorded on the sheet, as Excel keeps it.
      pageLayout: (() => {
        const record = (key: string, value: unknown): void => later(() => ((sheet().print ??= {})[key] = value));
        const texts = new Proxy({}, { set: (_target, key, value) => { record(String(key), value); return true; } });
        return new Proxy({
          setPrintArea: (area: string) => record("area", area),
          setPrintTitleRows: (rows: string) => record("titleRows", rows),
          headersFooters: { defaultForAllPages: texts },
        }, { set: (_target, key, value) => { record(String(key), value); return true; } });
      })(),
      activate: () => later(() => (book.active = name)),
      delete: () => later(() => (book.sheets = book.sheets.filter((s) => s.name !== name))),
    };
  };

  const tablesObject = {
    getItemOrNullObject: (t: string) => ({
      getDataBodyRange: () => {
        const owner = book.sheets.find((x) => x.tables.has(t)) as FakeSheet;
        const box = owner.tables.get(t) as Area;
        return rangeObject(owner.name, a1({ ...box, top: box.top + 1 }));
      },
    }),
    items: [] as { name: string }[],
    load() {
      later(() => (this.items = book.sheets.flatMap((s) => [...s.tables.keys()].map((t) => ({ name: t })))));
    },
  };
  const worksheets = {
    items: [] as { name: string }[],
    load() {
      later(() => (this.items = book.sheets.map((s) => ({ name: s.name }))));
    },
    add: (name: string) => {
      later(() => book.sheets.push(newSheet(name)));
      return sheetObject(name);
    },
    getActiveWorksheet: () => sheetObject(book.active),
    getItem: (name: string) => sheetObject(name),
    getItemOrNullObject: (name: string) => sheetObject(name),
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
      if (request > EXCEL_WEB_PAYLOAD_LIMIT) {
        book.payloads.push({ request, response: 0 });
        throw excelError("RequestPayloadSizeLimitExceeded", `the request is ${request} bytes`);
      }
      if (book.failSync === book.syncs) {
        // Excel applies a rejected batch up to the failing operation: here, half of it.
        batch.slice(0, Math.floor(batch.length / 2)).forEach((operation) => operation());
        throw new Error("InvalidArgument: the batch was rejected");
      }
      const saved = book.sheets.map((sheet) => ({ sheet, cells: new Map(sheet.cells), formulaCells: new Set(sheet.formulaCells) }));
      try {
        batch.forEach((operation) => operation());
      } catch (error) {
        // a rejected batch (a missing item, say) fails the sync; unlike a size refusal it was partly applied
        book.payloads.push({ request, response: 0 });
        throw error;
      }
      book.payloads.push({ request, response: responseBytes });
      if (responseBytes > EXCEL_WEB_PAYLOAD_LIMIT) {
        for (const { sheet, cells, formulaCells } of saved) Object.assign(sheet, { cells, formulaCells });
        throw excelError("ResponsePayloadSizeLimitExceeded", `the response is ${responseBytes} bytes`);
      }
    },
  } as unknown as Excel.RequestContext;
  return book;
}
