import { CxError, type CxErrorKind } from "../core/errors";
import type { Locale } from "../i18n/locale";
import { displayLanguage } from "./displayLanguage";
import { formatMessage, formatPosition, type MessageKey, type MessageParams } from "../i18n/messages";
import { cellInRange } from "./address";
import { resetScratch } from "./scratch";

interface ArgumentShape {
  readonly rows: number;
  readonly columns: number;
  /** Maps an index into the values handed to the core back to a row-major index into the range. */
  readonly sourceIndex?: Int32Array | undefined;
}

const ERROR_CODES: Readonly<Record<CxErrorKind, CustomFunctions.ErrorCode>> = {
  value: "#VALUE!" as CustomFunctions.ErrorCode,
  div0: "#DIV/0!" as CustomFunctions.ErrorCode,
  num: "#NUM!" as CustomFunctions.ErrorCode,
  na: "#N/A" as CustomFunctions.ErrorCode,
};

/**
 * One invocation of a worksheet function: knows the argument names and, where Excel gave them,
 * the argument addresses, so that any error can name the argument, the cell and the value.
 */
export class Call {
  /** The language of the labels a table spills (English where the user's language is unknown). */
  readonly locale: Locale;
  /** The languages of error messages: the user's, or both where it is unknown. */
  readonly messageLocales: readonly Locale[];
  private readonly shapes = new Map<string, ArgumentShape>();

  constructor(
    private readonly parameterNames: readonly string[],
    private readonly invocation?: CustomFunctions.Invocation,
    locale?: Locale,
  ) {
    const known = locale ?? displayLanguage();
    this.locale = known ?? "en-US";
    this.messageLocales = known === undefined ? ["en-US", "zh-CN"] : [known];
    resetScratch();
  }

  /** Records an argument's shape (and how core indices map back into it) for positions in messages. */
  noteShape(argument: string, rows: number, columns: number, sourceIndex?: Int32Array): void {
    this.shapes.set(argument, { rows, columns, sourceIndex });
  }

  /** The position text for a row-major index into an argument's range (" (Sheet1!B7)", " at row 7, column 1"). */
  position(argument: string, rangeIndex?: number, locale: Locale = this.locale): string {
    const shape = this.shapes.get(argument);
    const single = shape === undefined || shape.rows * shape.columns <= 1;
    const index = rangeIndex ?? 0;
    const columns = shape?.columns ?? 1;
    const row = Math.floor(index / columns);
    const column = index % columns;
    const parameter = this.parameterNames.indexOf(argument);
    const range = parameter >= 0 ? this.invocation?.parameterAddresses?.[parameter] : undefined;
    const address = cellInRange(range, row, column);
    if (address !== undefined) return formatPosition({ address }, locale);
    if (single || rangeIndex === undefined) return "";
    return formatPosition({ row: row + 1, column: column + 1 }, locale);
  }

  /** While set, errors carry their code alone: a spill's failing cells past the first thousand (elementwise). */
  quiet = false;

  /** An error for a value at a known place in an argument's range. */
  fail(kind: CxErrorKind, key: MessageKey, argument: string, params: MessageParams, rangeIndex?: number): never {
    if (this.quiet) throw new CustomFunctions.Error(ERROR_CODES[kind]);
    throw this.excelError(new CxError(kind, key, { arg: argument, ...params }), argument, rangeIndex);
  }

  /** Turns anything thrown below into the Excel error the cell should show, in the user's language (its code alone while quiet). */
  toExcelError(error: unknown, elementIndex?: number): CustomFunctions.Error {
    if (error instanceof CustomFunctions.Error) return error;
    if (error instanceof CxError && this.quiet) return new CustomFunctions.Error(ERROR_CODES[error.kind]);
    if (error instanceof CxError) {
      const argument = error.location.argument;
      if (argument === undefined) return this.excelError(error, undefined, undefined);
      const shape = this.shapes.get(argument);
      let rangeIndex = error.location.index ?? elementIndex;
      if (rangeIndex !== undefined && error.location.index !== undefined && shape?.sourceIndex) {
        rangeIndex = shape.sourceIndex[rangeIndex];
      }
      if (shape !== undefined && shape.rows * shape.columns <= 1) rangeIndex = 0;
      return this.excelError(error, argument, rangeIndex);
    }
    const text = error instanceof Error ? error.message : String(error);
    return new CustomFunctions.Error(ERROR_CODES.value, this.inEachLanguage((locale) => formatMessage("internal", { value: text }, locale)));
  }

  /** An #N/A for one cell of a table (a figure with no defined value), saying why in the user's language. */
  notAvailable(key: MessageKey, params: MessageParams): CustomFunctions.Error {
    return new CustomFunctions.Error(ERROR_CODES.na, this.inEachLanguage((locale) => formatMessage(key, params, locale)));
  }

  /** A message in the user's language, or in English and Chinese where the language is unknown. */
  private inEachLanguage(message: (locale: Locale) => string): string {
    return this.messageLocales.map(message).join(" / ");
  }

  private excelError(error: CxError, argument: string | undefined, rangeIndex: number | undefined): CustomFunctions.Error {
    const message = this.inEachLanguage((locale) => {
      const at = argument === undefined ? "" : this.position(argument, rangeIndex, locale);
      return formatMessage(error.key, { ...error.params, at }, locale);
    });
    const code = ERROR_CODES[error.kind];
    // Excel shows custom text only for #VALUE! and #N/A; other codes get none rather than a silent drop.
    return error.kind === "value" || error.kind === "na" ? new CustomFunctions.Error(code, message) : new CustomFunctions.Error(code);
  }
}

/**
 * Runs a function body so that nothing but a CustomFunctions.Error ever leaves it, and no result is
 * Infinity or NaN: a number that overflowed (sums of amounts near 1e308) is #NUM! in the cells it
 * touches, as Excel's own SUM gives, and a single result that overflowed is #NUM! itself.
 */
export function run<T>(call: Call, body: () => T): T {
  let result: T;
  try {
    result = body();
  } catch (error) {
    throw call.toExcelError(error);
  }
  if (typeof result === "number" && !Number.isFinite(result)) throw new CustomFunctions.Error(ERROR_CODES.num);
  if (Array.isArray(result)) {
    for (const row of result as unknown[]) {
      if (!Array.isArray(row)) continue;
      for (let j = 0; j < row.length; j++) if (typeof row[j] === "number" && !Number.isFinite(row[j] as number)) row[j] = new CustomFunctions.Error(ERROR_CODES.num);
    }
  }
  return result;
}
