/**
 * The fake workbook's worksheet and range objects (see fakeWorkbook.ts for the rules they keep).
 * Everything they change is queued and happens at the next sync, as in Office.js.
 */
import { columnName, formatRange } from "../../src/core/a1";
import { qualified } from "./fakeReferences";
import { area, type Area, type Cell, spillArea } from "./fakeSpills";
import { excelError, type FakeBook, type FakeChart, type FakeSeries, type FakeSheet, deleteSheet, newSheet, renameSheet, shownValue, usedArea } from "./fakeWorkbook";

const a1 = formatRange;

/** How Excel stores what is typed or written through `formulas`. */
function typed(input: Cell): { value: Cell; formula: boolean } {
  if (typeof input !== "string") return { value: input, formula: false };
  if (input.startsWith("'")) return { value: input.slice(1), formula: false };
  if (/^[=+]/.test(input) && input.length > 1) return { value: input.startsWith("+") ? `=${input}` : input, formula: true };
  if (/^-?\d+(\.\d+)?$/.test(input.trim())) return { value: Number(input), formula: false };
  return { value: input, formula: false };
}

const overlaps = (a: Area, b: Area): boolean => a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;

/** Refuses a change to a protected sheet, as Excel does (AccessDenied). */
function editable(sheet: FakeSheet): FakeSheet {
  if (sheet.protected === true) throw excelError("AccessDenied", `the sheet ${sheet.name} is protected`);
  return sheet;
}

type CellProperty = "values" | "formulas" | "numberFormat";

export function rangeObject(fake: FakeBook, sheetName: string, address: string): Record<string, unknown> {
  const box = area(address);
  const sheetOf = (): FakeSheet => fake.sheetOf(sheetName);
  const each = (visit: (key: string, r: number, c: number) => void): void => {
    const bottom = box.bottom === 1_048_575 ? Math.min(box.bottom, usedArea(sheetOf())?.bottom ?? 0) : box.bottom;
    for (let r = box.top; r <= bottom; r++) for (let c = box.left; c <= box.right; c++) visit(`${columnName(c)}${r + 1}`, r - box.top, c - box.left);
  };
  const read = (property: CellProperty): Cell[][] => {
    const sheet = sheetOf();
    const rows: Cell[][] = [];
    each((key, r, c) => ((rows[r] ??= [])[c] = property === "values" ? shownValue(fake.book, sheet, key)
      : property === "numberFormat" ? (sheet.numberFormats.get(key) ?? "General")
        : (sheet.cells.get(key) ?? sheet.spilled.get(key) ?? "")));
    return rows;
  };
  const loaded: Record<string, unknown> = {};
  const sheetAddress = `${qualified(sheetName)}${a1(box)}`;
  return {
    isNullObject: false,
    boxAddress: a1(box),
    sheetAddress,
    load: (properties?: string) => fake.later(() => {
      loaded["address"] = sheetAddress;
      for (const property of (properties ?? "values").split(",").map((p) => p.trim())) {
        if (property !== "values" && property !== "formulas" && property !== "numberFormat") continue;
        loaded[property] = read(property);
        fake.returned(loaded[property]);
      }
    }),
    get values() { return loaded["values"] as Cell[][]; },
    get formulas() { return loaded["formulas"] as Cell[][]; },
    get numberFormat() { return loaded["numberFormat"] as string[][]; },
    get address() { return loaded["address"]; },
    // Range.values, set: as typed into the cells (text starting with "=" is a formula), as `formulas` is.
    set values(rows: Cell[][]) {
      (this as unknown as { formulas: Cell[][] }).formulas = rows;
    },
    set formulas(rows: Cell[][]) {
      fake.sent(rows);
      fake.later(() => each((key, r, c) => {
        const sheet = editable(sheetOf());
        const { value, formula } = typed(rows[r]?.[c] ?? "");
        if (formula) sheet.formulaCells.add(key);
        else sheet.formulaCells.delete(key);
        if (value === "") sheet.cells.delete(key);
        else sheet.cells.set(key, value);
      }));
    },
    set numberFormat(formats: string[][]) {
      fake.sent(formats);
      fake.later(() => each((key, r, c) => {
        const format = formats[r]?.[c] ?? "General";
        if (format === "General") editable(sheetOf()).numberFormats.delete(key);
        else editable(sheetOf()).numberFormats.set(key, format);
      }));
    },
    format: {
      font: {}, fill: {}, set columnWidth(_w: number) { /* not kept */ },
      set wrapText(wrap: boolean) { if (wrap) fake.later(() => (editable(sheetOf()).wrapped ??= []).push(a1(box))); },
      set verticalAlignment(_v: string) { /* not kept */ },
      set rowHeight(points: number) { fake.later(() => { for (let r = box.top; r <= box.bottom; r++) (editable(sheetOf()).rowHeights ??= new Map()).set(r + 1, points); }); },
    },
    // Range.merge: one merged area per range (across: one per row); only the upper-left cell's data
    // stays. Range.unmerge: the merged areas within the range go.
    merge: (across = false) => fake.later(() => {
      const sheet = editable(sheetOf());
      const rows = across ? Array.from({ length: box.bottom - box.top + 1 }, (_, k) => ({ ...box, top: box.top + k, bottom: box.top + k })) : [box];
      for (const part of rows) {
        if ((sheet.merges ?? []).some((merged) => overlaps(area(merged), part))) throw excelError("InvalidOperation", "Cannot merge a range that overlaps a merged area");
        (sheet.merges ??= []).push(a1(part));
      }
      each((key, r, c) => {
        if (rows.some((part) => part.top === box.top + r) && c === 0) return;
        sheet.cells.delete(key);
        sheet.formulaCells.delete(key);
      });
    }),
    unmerge: () => fake.later(() => {
      const sheet = editable(sheetOf());
      if (sheet.merges !== undefined) sheet.merges = sheet.merges.filter((merged) => !overlaps(area(merged), box));
    }),
    conditionalFormats: {
      add: (type: string) => {
        const added: { range: string; type: string; formula?: string; color?: string; criteria?: unknown } = { range: a1(box), type };
        fake.later(() => (editable(sheetOf()).conditionalFormats ??= []).push(added));
        return {
          custom: { rule: { set formula(formula: string) { added.formula = formula; } }, format: { fill: { set color(color: string) { added.color = color; } } } },
          // ConditionalFormat.dataBar (type "DataBar"): the bar's colour for positive values
          dataBar: { positiveFormat: { set fillColor(color: string) { added.color = color; } } },
          // ConditionalFormat.colorScale (type "ColorScale"): its minimum and maximum points
          colorScale: { set criteria(criteria: unknown) { added.criteria = criteria; } },
        };
      },
      // Range.conditionalFormats.clearAll: the formats on the range go, others stay.
      clearAll: () => fake.later(() => {
        const sheet = editable(sheetOf());
        if (sheet.conditionalFormats !== undefined) sheet.conditionalFormats = sheet.conditionalFormats.filter((format) => !overlaps(area(format.range), box));
      }),
    },
    // Range.dataValidation (ExcelApi 1.8): a list rule replaces the range's rule; clear() removes it.
    dataValidation: {
      set rule(rule: { list?: { inCellDropDown?: boolean; source: string } }) {
        fake.later(() => {
          const sheet = editable(sheetOf());
          if (rule.list === undefined) throw excelError("InvalidArgument", "only list validations are kept by the fake");
          sheet.validations = [...(sheet.validations ?? []).filter((each) => !overlaps(area(each.range), box)), { range: a1(box), source: rule.list.source }];
        });
      },
      clear: () => fake.later(() => {
        const sheet = editable(sheetOf());
        if (sheet.validations !== undefined) sheet.validations = sheet.validations.filter((each) => !overlaps(area(each.range), box));
      }),
    },
    // Range.clear: "Contents" leaves formats; "All" (the default) takes number formats too.
    clear: (what = "All") => fake.later(() => {
      const sheet = editable(sheetOf());
      each((key) => {
        sheet.cells.delete(key);
        sheet.formulaCells.delete(key);
        if (what !== "Contents") sheet.numberFormats.delete(key);
      });
    }),
    // Range.getSpillingToRangeOrNullObject (ExcelApi 1.12): the range an anchor spills into.
    getSpillingToRangeOrNullObject: () => {
      const state: Record<string, unknown> = {};
      return {
        get isNullObject() { return state["null"] === true; },
        load: () => fake.later(() => {
          const spill = spillArea(sheetOf(), a1(box), fake.spill);
          state["null"] = spill === undefined;
          if (spill !== undefined) state["address"] = `${qualified(sheetName)}${a1(spill)}`;
        }),
        get address() { return state["address"]; },
      };
    },
  };
}

function namesObject(fake: FakeBook, name: string): Record<string, unknown> {
  const sheet = (): FakeSheet => fake.sheetOf(name);
  const names = {
    items: [] as unknown[],
    load(): void {
      fake.later(() => (names.items = [...sheet().names].map(([n, formula]) => ({ name: n, formula, delete: () => fake.later(() => editable(sheet()).names.delete(n)) }))));
    },
    add: (n: string, reference: string | Record<string, unknown>) => fake.later(() => {
      if (editable(sheet()).names.has(n)) throw excelError("InvalidArgument", `the name ${n} already exists`);
      // Excel keeps a range's name as an absolute reference: ='Report'!$B$5
      // (the address only: a sheet's name such as 'Data 2024-Q3' stays as it is)
      const absolute = (text: string): string => {
        const at = text.lastIndexOf("!") + 1;
        return text.slice(0, at) + text.slice(at).replace(/([A-Z]{1,3})(\d+)/g, (_m, c: string, r: string) => `$${c}$${r}`);
      };
      sheet().names.set(n, typeof reference === "string" ? reference : `=${absolute(reference["sheetAddress"] as string)}`);
    }),
    getItem: (n: string) => ({
      delete: () => fake.later(() => {
        if (!editable(sheet()).names.delete(n)) throw excelError("ItemNotFound", `the name ${n} does not exist`);
      }),
    }),
    getItemOrNullObject: (n: string) => {
      const state: Record<string, unknown> = {};
      return {
        get isNullObject() { return state["null"] === true; },
        load: () => fake.later(() => {
          const formula = sheet().names.get(n);
          state["null"] = formula === undefined;
          state["formula"] = formula;
          // A text constant ="a"&"b": its value is the joined text.
          state["value"] = formula?.startsWith('="') ? [...formula.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => (m[1] as string).replace(/""/g, '"')).join("") : formula;
        }),
        get value() { return state["value"]; },
        get formula() { return state["formula"]; },
        // NamedItem.getRangeOrNullObject: the range the name refers to, on whichever sheet its reference names.
        getRangeOrNullObject: () => {
          const target = sheet().names.get(n);
          const other = /^='((?:[^']|'')+)'!/.exec(target ?? "");
          const range = rangeObject(fake, other === null ? name : (other[1] as string).replace(/''/g, "'"), target?.replace(/^=.*!/, "") ?? "A1");
          // a name that does not exist gives a null object
          return Object.defineProperty(range, "isNullObject", { get: () => sheet().names.get(n) === undefined });
        },
      };
    },
  };
  return names;
}

function tablesObject(fake: FakeBook, name: string): Record<string, unknown> {
  const sheet = (): FakeSheet => fake.sheetOf(name);
  const tables = {
    items: [] as unknown[],
    load(): void {
      fake.later(() => (tables.items = [...sheet().tables.keys()].map((t) => ({ name: t, delete: () => fake.later(() => editable(sheet()).tables.delete(t)) }))));
    },
    add: (address: string) => ({ set name(value: string) { fake.later(() => editable(sheet()).tables.set(value, area(address))); } }),
  };
  return tables;
}

function chartsObject(fake: FakeBook, name: string): Record<string, unknown> {
  const sheet = (): FakeSheet => fake.sheetOf(name);
  const charts = {
    items: [] as unknown[],
    load(): void {
      fake.later(() => (charts.items = sheet().charts.map((c) => ({ name: c.type, delete: () => fake.later(() => editable(sheet()).charts.splice(sheet().charts.indexOf(c), 1)) }))));
    },
    add: (type: string, source: Record<string, unknown>) => {
      const chart: FakeChart = { type, series: [] };
      fake.later(() => {
        // Excel makes a series only from a source range that holds something
        const box = area(source["boxAddress"] as string);
        let filled = false;
        for (let r = box.top; r <= box.bottom && !filled; r++) for (let c = box.left; c <= box.right; c++) if (sheet().cells.has(`${columnName(c)}${r + 1}`)) filled = true;
        if (filled) chart.series.push({ name: "Series1", values: source["sheetAddress"] as string });
        editable(sheet()).charts.push(chart);
      });
      const seriesAt = (index: () => number) => {
        const at = (): FakeSeries => {
          const item = chart.series[index()];
          if (item === undefined) throw excelError("ItemNotFound", "the requested chart series does not exist");
          return item;
        };
        return {
          set name(value: string) { fake.later(() => (at().name = value)); },
          setValues: (range: Record<string, unknown>) => fake.later(() => (at().values = range["sheetAddress"] as string)),
          setXAxisValues: (range: Record<string, unknown>) => fake.later(() => (at().categories = range["sheetAddress"] as string)),
          // ChartSeries.format.fill (clear, setSolidColor), format.line.color, hasDataLabels, dataLabels, gapWidth (ExcelApi 1.1–1.8)
          format: {
            fill: { clear: () => fake.later(() => (at().color = "none")), setSolidColor: (color: string) => fake.later(() => (at().color = color)) },
            line: { set color(color: string) { fake.later(() => (at().color = color)); } },
          },
          set hasDataLabels(_shown: boolean) { /* the labels' format says it */ },
          dataLabels: { set numberFormat(format: string) { fake.later(() => (at().labels = format)); }, set showValue(_shown: boolean) { /* kept with the format */ } },
          set gapWidth(_width: number) { /* not kept */ },
        };
      };
      return {
        title: {}, legend: {}, setPosition: () => undefined,
        axes: { valueAxis: { set numberFormat(format: string) { fake.later(() => (chart.axisFormat = format)); } } },
        series: {
          getItemAt: (i: number) => seriesAt(() => i),
          add: (seriesName: string) => {
            let index = -1;
            fake.later(() => (index = chart.series.push({ name: seriesName }) - 1));
            return seriesAt(() => index);
          },
        },
      };
    },
  };
  return charts;
}

/** A page layout that records each property the writer sets on the sheet, as Excel keeps it. */
function pageLayoutObject(fake: FakeBook, name: string): Record<string, unknown> {
  const record = (key: string, value: unknown): void => fake.later(() => ((fake.sheetOf(name).print ??= {})[key] = value));
  const texts = new Proxy({}, { set: (_target, key, value) => { record(String(key), value); return true; } });
  return new Proxy({
    setPrintArea: (printArea: string) => record("area", printArea),
    setPrintTitleRows: (rows: string) => record("titleRows", rows),
    headersFooters: { defaultForAllPages: texts },
  }, { set: (_target, key, value) => { record(String(key), value); return true; } });
}

export function sheetObject(fake: FakeBook, name: string): Record<string, unknown> {
  const { book } = fake;
  const sheet = (): FakeSheet => fake.sheetOf(name);
  const loaded: Record<string, unknown> = {};
  const protection: Record<string, unknown> = {
    protect: () => fake.later(() => (sheet().protected = true)),
    unprotect: () => fake.later(() => (sheet().protected = false)),
    load: () => fake.later(() => (protection["protected"] = sheet().protected === true)),
  };
  const breaks = (): number[] => ((sheet().print ??= {})["rowBreaks"] ??= []) as number[];
  return {
    load: () => fake.later(() => (loaded["name"] = sheet().name)),
    get name() { return (loaded["name"] as string | undefined) ?? name; },
    set name(value: string) { fake.later(() => renameSheet(book, name, value)); },
    getRange: (address: string) => rangeObject(fake, name, address),
    getRanges: (address: string) => {
      fake.sent(address);
      return rangeObject(fake, name, (address.split(",")[0] as string));
    },
    getUsedRangeOrNullObject: () => {
      const used: Record<string, unknown> = {};
      return {
        get isNullObject() { return used["null"] === true; },
        load: (properties?: string) => fake.later(() => {
          const box = usedArea(sheet());
          used["null"] = box === undefined;
          if (box === undefined) return;
          const range = rangeObject(fake, name, a1(box));
          used["address"] = range["sheetAddress"];
          const wanted = (properties ?? "").split(",").filter((p) => p === "values" || p === "formulas");
          if (wanted.length > 0) {
            (range["load"] as (p: string) => void)(wanted.join(","));
            fake.later(() => wanted.forEach((p) => (used[p] = range[p])));
          }
        }),
        get address() { return used["address"]; },
        get formulas() { return used["formulas"]; },
        get values() { return used["values"]; },
      };
    },
    names: namesObject(fake, name),
    tables: tablesObject(fake, name),
    charts: chartsObject(fake, name),
    // A copy with its cells, names, tables (renamed, as Excel renames them) and charts, placed after this sheet or the one given;
    // the copy's charts plot the copy where the original plotted its own sheet, other sheets as before.
    copy: (_position?: string, relativeTo?: { name: string }) => {
      const taken = new Set(book.sheets.map((s) => s.name.toLowerCase()));
      let n = 2;
      while (taken.has(`${name} (${n})`.toLowerCase())) n++;
      let copyName = `${name} (${n})`;
      fake.later(() => {
        const source = sheet();
        const allTables = new Set(book.sheets.flatMap((s) => [...s.tables.keys()].map((t) => t.toLowerCase())));
        const copied: FakeSheet = { ...newSheet(copyName), cells: new Map(source.cells), formulaCells: new Set(source.formulaCells), numberFormats: new Map(source.numberFormats), names: new Map(source.names) };
        if (source.protected === true) copied.protected = true;
        if (source.print !== undefined) copied.print = structuredClone(source.print);
        if (source.conditionalFormats !== undefined) copied.conditionalFormats = source.conditionalFormats.map((format) => ({ ...format }));
        if (source.validations !== undefined) copied.validations = source.validations.map((each) => ({ ...each }));
        for (const [t, box] of source.tables) {
          let k = 2;
          while (allTables.has(`${t}${k}`.toLowerCase())) k++;
          copied.tables.set(`${t}${k}`, { ...box });
          allTables.add(`${t}${k}`.toLowerCase());
        }
        const own = (address: string): string => address.replace(`${qualified(name)}`, qualified(copyName));
        copied.charts = source.charts.map((c) => ({ type: c.type, series: c.series.map((x) => ({ name: x.name, ...(x.values === undefined ? {} : { values: own(x.values) }), ...(x.categories === undefined ? {} : { categories: own(x.categories) }) })) }));
        const after = relativeTo === undefined ? source : fake.sheetOf(relativeTo.name);
        book.sheets.splice(book.sheets.indexOf(after) + 1, 0, copied);
      });
      return {
        set name(value: string) { fake.later(() => { renameSheet(book, copyName, value); copyName = value; }); },
        delete: () => fake.later(() => (book.sheets = book.sheets.filter((s) => s.name !== copyName))),
      };
    },
    protection,
    // Worksheet.horizontalPageBreaks (ExcelApi 1.9): add puts a break above the row; removePageBreaks takes them all.
    horizontalPageBreaks: {
      add: (at: string) => fake.later(() => void breaks().push(Number(at.replace(/^[A-Z]+/, "")))),
      removePageBreaks: () => fake.later(() => void delete sheet().print?.["rowBreaks"]),
    },
    set showGridlines(value: boolean) { fake.later(() => (sheet().showGridlines = value)); },
    pageLayout: pageLayoutObject(fake, name),
    activate: () => fake.later(() => (book.active = sheet().name)),
    // (sheet protection does not stop a sheet's deletion; workbook protection would)
    delete: () => fake.later(() => deleteSheet(book, name)),
  };
}
