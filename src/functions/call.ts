import { CxError, type CxErrorKind } from "../core/errors";
import { localeFromDisplayLanguage, type Locale } from "../i18n/locale";
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

/** The user's language for messages: Office's display language where the runtime exposes it. */
export function runtimeLocale(): Locale {
  try {
    if (typeof Office !== "undefined" && Office.context?.displayLanguage) return localeFromDisplayLanguage(Office.context.displayLanguage);
  } catch {
    // Office.context is not ready outside a host; fall through to the browser's language.
  }
  return localeFromDisplayLanguage(typeof navigator === "undefined" ? undefined : navigator.language);
}

/**
 * One invocation of a worksheet function: knows the argument names and, where Excel gave them,
 * the argument addresses, so that any error can name the argument, the cell and the value.
 */
export class Call {
  readonly locale: Locale;
  private readonly shapes = new Map<string, ArgumentShape>();

  constructor(
    private readonly parameterNames: readonly string[],
    private readonly invocation?: CustomFunctions.Invocation,
    locale?: Locale,
  ) {
    this.locale = locale ?? runtimeLocale();
    resetScratch();
  }

  /** Records an argument's shape (and how core indices map back into it) for positions in messages. */
  noteShape(argument: string, rows: number, columns: number, sourceIndex?: Int32Array): void {
    this.shapes.set(argument, { rows, columns, sourceIndex });
  }

  /** The position text for a row-major index into an argument's range (" (Sheet1!B7)", " at row 7, column 1"). */
  position(argument: string, rangeIndex?: number): string {
    const shape = this.shapes.get(argument);
    const single = shape === undefined || shape.rows * shape.columns <= 1;
    const index = rangeIndex ?? 0;
    const columns = shape?.columns ?? 1;
    const row = Math.floor(index / columns);
    const column = index % columns;
    const parameter = this.parameterNames.indexOf(argument);
    const range = parameter >= 0 ? this.invocation?.parameterAddresses?.[parameter] : undefined;
    const address = cellInRange(range, row, column);
    if (address !== undefined) return formatPosition({ address }, this.locale);
    if (single || rangeIndex === undefined) return "";
    return formatPosition({ row: row + 1, column: column + 1 }, this.locale);
  }

  /** An error for a value at a known place in an argument's range. */
  fail(kind: CxErrorKind, key: MessageKey, argument: string, params: MessageParams, rangeIndex?: number): never {
    throw this.excelError(new CxError(kind, key, { arg: argument, ...params }), argument, rangeIndex);
  }

  /** Turns anything thrown below into the Excel error the cell should show, in the user's language. */
  toExcelError(error: unknown, elementIndex?: number): CustomFunctions.Error {
    if (error instanceof CustomFunctions.Error) return error;
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
    return new CustomFunctions.Error(ERROR_CODES.value, formatMessage("internal", { value: text }, this.locale));
  }

  private excelError(error: CxError, argument: string | undefined, rangeIndex: number | undefined): CustomFunctions.Error {
    const at = argument === undefined ? "" : this.position(argument, rangeIndex);
    const message = formatMessage(error.key, { ...error.params, at }, this.locale);
    const code = ERROR_CODES[error.kind];
    // Excel shows custom text only for #VALUE! and #N/A; other codes get none rather than a silent drop.
    return error.kind === "value" || error.kind === "na" ? new CustomFunctions.Error(code, message) : new CustomFunctions.Error(code);
  }
}

/** Runs a function body so that nothing but a CustomFunctions.Error ever leaves it. */
export function run<T>(call: Call, body: () => T): T {
  try {
    return body();
  } catch (error) {
    throw call.toExcelError(error);
  }
}
