/**
 * A small in-memory workbook with the part of the Excel object model the writer uses, keeping cell
 * contents, names, tables and charts so that a report can be written, edited as a user would, and
 * refreshed (office-addin-mock records calls but keeps no cells). Values of formula cells are the
 * formula text: the read-back only reads literal input cells.
 */
import { columnIndex, columnName } from "../../src/core/a1";

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

const a1 = ({ top, left, bottom, right }: Area): string =>
  `${columnName(left)}${top + 1}${bottom === top && right === left ? "" : `:${columnName(right)}${bottom + 1}`}`;

export interface FakeSheet {
  name: string;
  cells: Map<string, Cell>;
  names: Map<string, string>;
  tables: Map<string, Area>;
  charts: string[];
}

export interface FakeWorkbook {
  sheets: FakeSheet[];
  active: string;
  syncs: number;
  /** Make the sync with this number (1-based) fail as Excel does when it rejects a batch. */
  failSync?: number;
  context: Excel.RequestContext;
}

export function fakeWorkbook(sheetNames: string[] = ["Sheet1"]): FakeWorkbook {
  const book: FakeWorkbook = {
    sheets: sheetNames.map((name) => ({ name, cells: new Map(), names: new Map(), tables: new Map(), charts: [] })),
    active: sheetNames[0] as string,
    syncs: 0,
    context: undefined as unknown as Excel.RequestContext,
  };
  // Queued operations run at sync, as Office.js batches do; a failing sync runs none of its batch's tail.
  let queue: (() => void)[] = [];
  const later = (operation: () => void): void => void queue.push(operation);
  const sheetOf = (name: string): FakeSheet => book.sheets.find((s) => s.name === name) as FakeSheet;

  const rangeObject = (sheetName: string, address: string): Record<string, unknown> => {
    const box = area(address);
    const each = (visit: (key: string, r: number, c: number) => void): void => {
      for (let r = box.top; r <= Math.min(box.bottom, 2000); r++) for (let c = box.left; c <= box.right; c++) visit(`${columnName(c)}${r + 1}`, r - box.top, c - box.left);
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
      load: () => later(() => {
        loaded["values"] = read();
        loaded["formulas"] = read();
        loaded["address"] = `${sheetName}!${a1(box)}`;
      }),
      get values() { return loaded["values"]; },
      get address() { return loaded["address"]; },
      set formulas(rows: Cell[][]) {
        later(() => each((key, r, c) => {
          const value = rows[r]?.[c] ?? "";
          if (value === "") sheetOf(sheetName).cells.delete(key);
          else sheetOf(sheetName).cells.set(key, value);
        }));
      },
      get formulas() { return loaded["formulas"] as Cell[][]; },
      set numberFormat(_formats: unknown) { /* formats are not kept */ },
      format: { font: {}, fill: {}, set columnWidth(_w: number) { /* not kept */ } },
      conditionalFormats: { add: () => ({ cellValue: { format: { fill: {} } } }), clearAll: () => undefined },
      clear: () => later(() => each((key) => sheetOf(sheetName).cells.delete(key))),
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
        later(() => (charts.items = sheet().charts.map((c) => ({ name: c, delete: () => later(() => sheet().charts.splice(sheet().charts.indexOf(c), 1)) }))));
      },
      add: (type: string) => {
        later(() => sheet().charts.push(type));
        const series = { name: "", setXAxisValues: () => undefined };
        return { title: {}, legend: {}, series: { getItemAt: () => series }, setPosition: () => undefined };
      },
    };
    return {
      load: () => later(() => (loadedName.name = name)),
      get name() { return loadedName.name || name; },
      getRange: (address: string) => rangeObject(name, address),
      getRanges: (address: string) => rangeObject(name, (address.split(",")[0] as string)),
      getUsedRangeOrNullObject: () => {
        const loaded: Record<string, unknown> = {};
        return {
          get isNullObject() { return loaded["null"] === true; },
          load: () => later(() => {
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
          }),
          get address() { return loaded["address"]; },
          get formulas() { return loaded["formulas"]; },
        };
      },
      names,
      tables,
      charts,
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
      later(() => book.sheets.push({ name, cells: new Map(), names: new Map(), tables: new Map(), charts: [] }));
      return sheetObject(name);
    },
    getActiveWorksheet: () => sheetObject(book.active),
    getItemOrNullObject: (name: string) => sheetObject(name),
  };
  book.context = {
    workbook: { worksheets, tables: tablesObject },
    application: { suspendApiCalculationUntilNextSync: () => undefined },
    sync: async () => {
      book.syncs++;
      const batch = queue;
      queue = [];
      if (book.failSync === book.syncs) {
        // Excel applies a rejected batch up to the failing operation: here, half of it.
        batch.slice(0, Math.floor(batch.length / 2)).forEach((operation) => operation());
        throw new Error("InvalidArgument: the batch was rejected");
      }
      batch.forEach((operation) => operation());
    },
  } as unknown as Excel.RequestContext;
  return book;
}
