/**
 * "My data": the user picks the range or Excel table that holds their transactions, survey answers
 * or acquisition costs. Each pick is checked here (shape, header, types) before anything is written,
 * and becomes a link the report's formulas read, so the report follows the user's data.
 */
import { columnName, parseRange, sheetPrefix } from "../core/a1";
import { isBlank } from "../core/cells";

export type PickKind = "transactions" | "survey" | "costs" | "customerSummary" | "periodTable" | "budget";

/**
 * Query results that stand in for the transactions (README, "Data in a database"): the per-customer
 * summary of sql/customer_summary.sql feeds the RFM section, the customer bridge of
 * sql/customer_bridge.sql the customers at the start and lapsed in the report period.
 */
export const QUERY_KINDS: readonly PickKind[] = ["customerSummary", "periodTable"];

/** What the task pane reads from the selection: its address ("Sales!A1:C900"), its values, and the table it lies in, if any. */
export interface Pick {
  readonly address: string;
  readonly values: readonly (readonly unknown[])[];
  /** The Excel table the selection is in; then address and values are the whole table, header included. */
  readonly table?: string;
}

/** A checked pick: where its data rows are (header excluded). */
export interface LinkedRange {
  readonly sheet: string;
  /** Zero-based row and column of the first data cell. */
  readonly row: number;
  readonly column: number;
  readonly rows: number;
  readonly columns: number;
  /** The Excel table it came from, if any (shown to the user; the link is by address). */
  readonly table?: string;
  /**
   * Where each needed column is within the pick, as offsets from `column` (a wider table picked
   * whole, its columns mapped by their headers: 客户编号 → customer); unset: the columns in order.
   */
  readonly fields?: readonly number[];
  /**
   * Transactions only: up to three unit columns (region, channel, product line; DOMAIN.md §8), each
   * its offset from `column` and its header, found by their headers or chosen by the user.
   */
  readonly units?: readonly UnitColumn[];
}

/** A unit column of the user's transactions: where it is in the pick, and its header ("区域"). */
export interface UnitColumn {
  readonly offset: number;
  readonly name: string;
}

/** How many unit columns a transaction table may have. */
export const MAX_UNIT_COLUMNS = 3;

/** Headers a unit column is known by (region, channel, product line, store, or a unit in general), in English and Chinese. */
const UNIT_HEADER_NAMES: readonly string[] = [
  "region", "area", "territory", "district", "channel", "sales channel", "product line", "product category", "category", "brand", "store", "shop", "branch", "unit", "business unit", "division", "segment",
  "区域", "大区", "地区", "片区", "渠道", "销售渠道", "产品线", "产品类别", "品类", "品牌", "门店", "店铺", "分店", "分公司", "单元", "事业部", "部门", "分部",
];

/**
 * The unit columns of a transaction table picked whole, by their headers (not those mapped to the
 * customer, date or amount): their offsets, at most MAX_UNIT_COLUMNS, in the table's order.
 */
export function mapUnitColumns(header: readonly unknown[], taken: readonly (number | undefined)[]): number[] {
  const known = new Set(UNIT_HEADER_NAMES.map(headerKey));
  return header.flatMap((value, at) => (known.has(headerKey(value)) && !taken.includes(at) ? [at] : [])).slice(0, MAX_UNIT_COLUMNS);
}

/** The user's data the report links to, by kind; what is not picked is typed into the report's own input cells. */
export type DataSource = Readonly<Partial<Record<PickKind, LinkedRange>>>;

/** Why a pick cannot be used, as a message key and its parameters (the pane words it in the user's language). */
export interface PickProblem {
  readonly key: "pickColumns" | "pickColumnsOptional" | "pickEmpty" | "pickBlank" | "pickNotNumber" | "pickTextNumber" | "pickNotDate" | "pickNegative" | "pickNotWhole" | "pickScale" | "pickRange" | "pickTooLarge" | "pickUnmapped" | "pickMapTwice";
  readonly params: Readonly<Record<string, string | number>>;
}

export type PickResult = { readonly ok: true; readonly range: LinkedRange } | { readonly ok: false; readonly problem: PickProblem };

/** Columns each kind needs, in order. */
export const PICK_COLUMNS: Readonly<Record<PickKind, readonly string[]>> = {
  transactions: ["customer", "date", "amount"],
  survey: ["NPS (0-10)", "CSAT (1-5)", "CSI (1-10)"],
  costs: ["channel", "spend", "new customers"],
  customerSummary: ["customer_id", "first_purchase", "last_purchase", "days_since_last", "orders", "revenue", "frequency", "recency", "age", "monetary"],
  periodTable: ["period", "first_day", "last_day", "customers_start", "new_customers", "reactivated", "lapsed", "customers_end", "churn_rate"],
  budget: ["month", "revenue", "orders", "new customers", "customers at end", "churn rate", "NPS", "CAC"],
};

/**
 * Headers each needed column is known by, in English and Chinese, compared without case, spaces or
 * punctuation: a table picked whole (with more columns, in any order) is mapped by them.
 */
export const HEADER_NAMES: Readonly<Partial<Record<PickKind, readonly (readonly string[])[]>>> = {
  transactions: [
    ["customer", "customer id", "customer no", "customer number", "customer code", "client", "client id", "buyer", "member", "member id", "客户", "客户编号", "客户id", "客户号", "客户代码", "客户名称", "会员", "会员编号", "会员id", "买家", "顾客", "顾客编号"],
    ["date", "order date", "purchase date", "transaction date", "sale date", "day", "日期", "下单日期", "订单日期", "交易日期", "购买日期", "销售日期", "下单时间", "成交日期"],
    ["amount", "revenue", "sales", "value", "total", "order amount", "order value", "net amount", "金额", "销售额", "订单金额", "交易金额", "实付金额", "收入", "营业额", "销售金额", "成交金额"],
  ],
};

const headerKey = (value: unknown): string => String(value ?? "").toLowerCase().replace(/[\s_\-.:：（）()]/g, "");

/**
 * The needed columns of a kind found among a pick's headers by their names: the offset of each, or
 * undefined where no header names it (the user then chooses it).
 */
export function mapColumns(kind: PickKind, header: readonly unknown[]): (number | undefined)[] {
  const known = HEADER_NAMES[kind];
  if (known === undefined) return PICK_COLUMNS[kind].map((_, j) => (j < header.length ? j : undefined));
  const keys = header.map(headerKey);
  return known.map((names) => {
    const wanted = new Set(names.map(headerKey));
    const at = keys.findIndex((key) => wanted.has(key));
    return at < 0 ? undefined : at;
  });
}

/**
 * Where a pick's needed columns are, when it is read by its headers: a table picked whole (wider than
 * needed, with a header row), or one whose columns the user chose (`chosen`); undefined when it is
 * read in order. The offsets may hold undefined where no header names a column.
 */
export function mappedColumns(kind: PickKind, pick: Pick, chosen?: readonly (number | undefined)[]): readonly (number | undefined)[] | undefined {
  if (HEADER_NAMES[kind] === undefined || !hasHeaderRow(pick)) return undefined;
  if ((pick.values[0]?.length ?? 0) <= PICK_COLUMNS[kind].length && chosen === undefined) return undefined;
  return chosen ?? mapColumns(kind, pick.values[0] ?? []);
}

/** Whether a pick's first row is a header: text in every cell that holds something, none of it a number. */
export function hasHeaderRow(pick: Pick): boolean {
  const first = pick.values[0] ?? [];
  const filled = first.filter((value) => !isBlank(value));
  return filled.length > 0 && filled.every((value) => typeof value === "string" && Number.isNaN(Number(value)));
}

/**
 * An optional last column a pick may have: the answers' date, the costs' month (a date in it). Then
 * the report reads each period's answers and spend, as with its own tables; without it, all count for
 * the report period. Blank cells in it count for the report period too.
 */
export const OPTIONAL_DATE_COLUMN: Readonly<Partial<Record<PickKind, string>>> = { survey: "date", costs: "month" };

/** Per kind: the columns that hold numbers (a header row has text there), the date columns, the whole-number ones, and those that may be blank. */
const COLUMN_TYPES: Readonly<Record<PickKind, { numbers: readonly number[]; dates: readonly number[]; whole: readonly number[]; blank: readonly number[] }>> = {
  transactions: { numbers: [1, 2], dates: [1], whole: [], blank: [] },
  survey: { numbers: [0, 1, 2], dates: [], whole: [], blank: [0, 1, 2] },
  costs: { numbers: [1, 2], dates: [], whole: [2], blank: [] },
  customerSummary: { numbers: [1, 2, 3, 4, 5, 6, 7, 8, 9], dates: [1, 2], whole: [3, 4, 6], blank: [] },
  // churn_rate is NULL (a blank cell) in a period with nobody at the start
  periodTable: { numbers: [1, 2, 3, 4, 5, 6, 7, 8], dates: [1, 2], whole: [3, 4, 5, 6, 7], blank: [8] },
  // a month may plan some figures only; its NPS may be below 0 (the scale check below)
  budget: { numbers: [0, 1, 2, 3, 4, 5, 6, 7], dates: [0], whole: [], blank: [1, 2, 3, 4, 5, 6, 7] },
};

/** Per kind, the columns whose numbers must lie on a scale: low, high, whole (the survey's answers; the budget's churn rate and NPS). */
const SCALES: Readonly<Partial<Record<PickKind, Readonly<Record<number, readonly [number, number, boolean]>>>>> = {
  survey: { 0: [0, 10, true], 1: [1, 5, true], 2: [1, 10, false] },
  budget: { 5: [0, 1, false], 6: [-100, 100, false] },
};

/**
 * Most rows a pick may have. Portable RFM compares every purchase with every other in built-in
 * formulas (quadratic), so its transactions stay small; CX reads the user's columns directly.
 */
export const PICK_LIMITS = { transactionsPortable: 5000, transactions: 1_000_000, survey: 1_000_000, costs: 50, customerSummary: 1_000_000, customerSummaryPortable: 5000, periodTable: 10_000, budget: 240 } as const;

/** A cell of the pick by its position in the values, as the user sees it: "Sales!C7". */
function cellName(sheet: string, top: { row: number; column: number }, r: number, c: number): string {
  return `${sheetPrefix(sheet)}!${columnName(top.column + c)}${top.row + r + 1}`;
}

/**
 * Checks a pick for a kind of data: the right number of columns, an optional header row, at least
 * one data row, and every cell of the right type (blank survey answers are allowed: they are skipped).
 *
 * @param portable whether the report uses built-in formulas only (a smaller limit for transactions)
 */
export function checkPick(kind: PickKind, pick: Pick, portable: boolean, chosen?: readonly (number | undefined)[]): PickResult {
  const picked = parseRange(pick.address);
  const top = picked?.sheet === undefined ? undefined : { sheet: picked.sheet, row: picked.top, column: picked.left };
  const width = pick.values[0]?.length ?? 0;
  const optional = OPTIONAL_DATE_COLUMN[kind];
  const fail = (key: PickProblem["key"], params: Record<string, string | number> = {}): PickResult => ({ ok: false, problem: { key, params } });
  // A table picked whole, wider than needed: its columns found by their headers, or as the user chose them.
  const mappedAll = mappedColumns(kind, pick, chosen);
  // (the transactions' unit columns come after the needed ones in a choice of the user's)
  const found = mappedAll?.slice(0, PICK_COLUMNS[kind].length);
  const mapped = found !== undefined;
  let fields: number[] | undefined;
  let units: UnitColumn[] | undefined;
  if (found !== undefined) {
    const unmapped = found.findIndex((at) => at === undefined || at >= width);
    if (unmapped >= 0) return fail("pickUnmapped", { column: PICK_COLUMNS[kind][unmapped] as string });
    const twice = found.findIndex((at, j) => found.indexOf(at) !== j);
    if (twice >= 0) return fail("pickMapTwice", { column: PICK_COLUMNS[kind][twice] as string });
    fields = found as number[];
    if (kind === "transactions") {
      const header = pick.values[0] ?? [];
      const offsets = (chosen !== undefined && chosen.length > found.length ? chosen.slice(found.length) : mapUnitColumns(header, found)).filter((at): at is number => at !== undefined);
      const clash = offsets.findIndex((at, k) => at >= width || found.includes(at) || offsets.indexOf(at) !== k);
      if (clash >= 0) return fail("pickMapTwice", { column: "unit" });
      units = offsets.map((offset) => ({ offset, name: String(header[offset] ?? "").trim() }));
    }
  }
  const columns = fields?.length ?? width;
  const dated = optional !== undefined && columns === PICK_COLUMNS[kind].length + 1;
  const expected = dated ? [...PICK_COLUMNS[kind], optional] : PICK_COLUMNS[kind];
  if (top === undefined || columns !== expected.length) {
    const required = { expected: PICK_COLUMNS[kind].length, columns: PICK_COLUMNS[kind].join(", "), got: columns };
    return optional === undefined ? fail("pickColumns", required) : fail("pickColumnsOptional", { ...required, more: required.expected + 1 });
  }
  const at = (c: number): number => fields?.[c] ?? c;
  // A header row: text in every column that holds numbers (all but the id, the channel, the period label).
  const kindTypes = COLUMN_TYPES[kind];
  // The optional date column: a date, or blank.
  const types = dated ? { ...kindTypes, numbers: [...kindTypes.numbers, columns - 1], dates: [...kindTypes.dates, columns - 1], blank: [...kindTypes.blank, columns - 1] } : kindTypes;
  const numericColumns = types.numbers;
  const first = pick.values[0] ?? [];
  const header = mapped || numericColumns.every((c) => typeof first[at(c)] === "string" && first[at(c)] !== "" && Number.isNaN(Number(first[at(c)])));
  const body = pick.values.slice(header ? 1 : 0);
  let rows = body.length;
  while (rows > 0 && (body[rows - 1] as readonly unknown[]).every(isBlank)) rows--;
  if (rows === 0) return fail("pickEmpty");
  const limit = kind === "transactions" ? (portable ? PICK_LIMITS.transactionsPortable : PICK_LIMITS.transactions)
    : kind === "customerSummary" ? (portable ? PICK_LIMITS.customerSummaryPortable : PICK_LIMITS.customerSummary) : PICK_LIMITS[kind];
  if (rows > limit) return fail("pickTooLarge", { rows, max: limit });
  const offset = header ? 1 : 0;
  for (let r = 0; r < rows; r++) {
    const row = body[r] as readonly unknown[];
    for (let c = 0; c < expected.length; c++) {
      const value = row[at(c)];
      const cell = cellName(top.sheet, top, r + offset, at(c));
      const shown = String(value);
      if (isBlank(value)) {
        if (types.blank.includes(c)) continue;
        return fail("pickBlank", { cell, column: expected[c] as string });
      }
      if (!numericColumns.includes(c)) continue;
      const isDate = types.dates.includes(c);
      // a number stored as text ("1,086.87"): converting the column mends it; other text: the wrong column
      if (typeof value === "string" && !isDate && /^\s*[-+]?[\d,]*\.?\d+\s*$/.test(value)) return fail("pickTextNumber", { cell, value: shown });
      if (typeof value !== "number") return fail(isDate ? "pickNotDate" : "pickNotNumber", { cell, value: shown, column: expected[c] as string });
      if (isDate && !(value >= 1)) return fail("pickNotDate", { cell, value: shown, column: expected[c] as string });
      const scale = isDate ? undefined : SCALES[kind]?.[c];
      if (value < 0 && (scale === undefined || scale[0] >= 0)) return fail("pickNegative", { cell, value: shown });
      if (types.whole.includes(c) && !Number.isInteger(value)) return fail("pickNotWhole", { cell, value: shown });
      if (scale !== undefined) {
        const [low, high, whole] = scale;
        // (a survey's answers are on a scale; a budget's churn rate and NPS in a range)
        if (value < low || value > high || (whole && !Number.isInteger(value))) return fail(kind === "survey" ? "pickScale" : "pickRange", { cell, value: shown, low, high });
      }
    }
  }
  return {
    ok: true,
    range: {
      sheet: top.sheet, row: top.row + offset, column: top.column, rows, columns, ...(pick.table === undefined ? {} : { table: pick.table }), ...(fields === undefined ? {} : { fields }),
      ...(units === undefined || units.length === 0 ? {} : { units }),
    },
  };
}

/** An absolute reference to column j of a linked range ('Sales data'!$C$2:$C$900), or to its row i only. */
export function linkedReference(range: LinkedRange, j: number, i?: number): string {
  const sheet = `'${range.sheet.replace(/'/g, "''")}'`;
  const column = `$${columnName(range.column + (range.fields?.[j] ?? j))}`;
  if (i !== undefined) return `${sheet}!${column}$${range.row + i + 1}`;
  return `${sheet}!${column}$${range.row + 1}:${column}$${range.row + range.rows}`;
}

/** An absolute reference to the k-th unit column of linked transactions ('Sales data'!$E$2:$E$900), or to its row i only. */
export function linkedUnitReference(range: LinkedRange, k: number, i?: number): string {
  const sheet = `'${range.sheet.replace(/'/g, "''")}'`;
  const column = `$${columnName(range.column + (range.units?.[k]?.offset ?? 0))}`;
  if (i !== undefined) return `${sheet}!${column}$${range.row + i + 1}`;
  return `${sheet}!${column}$${range.row + 1}:${column}$${range.row + range.rows}`;
}

/** Where a linked range is, as the pane shows it: "Sales!A2:C900". */
export function linkedAddress(range: LinkedRange): string {
  const right = range.column + Math.max(range.columns - 1, ...(range.fields ?? []), ...(range.units ?? []).map((unit) => unit.offset));
  return `${sheetPrefix(range.sheet)}!${columnName(range.column)}${range.row + 1}:${columnName(right)}${range.row + range.rows}`;
}
