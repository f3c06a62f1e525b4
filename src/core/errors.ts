import { formatMessage, type MessageKey, type MessageParams } from "../i18n/messages";

/**
 * Which Excel error a failure becomes: #VALUE! (wrong type, shape or scale), #DIV/0! (a zero
 * denominator), #NUM! (a model that cannot be fitted, an overflow), #N/A (missing data).
 */
export type CxErrorKind = "value" | "div0" | "num" | "na";

/** Where in an argument the offending value sits: `index` counts into the array the core received. */
export interface CxErrorLocation {
  readonly argument?: string;
  readonly index?: number;
}

/**
 * The one error type the core throws. It carries a message key and its parameters rather than
 * finished text, so that the function adapter can say it in the user's language and name the cell.
 * `message` is the English text, for logs and tests.
 */
export class CxError extends Error {
  readonly kind: CxErrorKind;
  readonly key: MessageKey;
  readonly params: MessageParams;
  readonly location: CxErrorLocation;

  constructor(kind: CxErrorKind, key: MessageKey, params: MessageParams = {}, location: CxErrorLocation = {}) {
    super(formatMessage(key, params, "en-US"));
    this.name = "CxError";
    this.kind = kind;
    this.key = key;
    this.params = params;
    this.location = location;
  }
}

export function isCxError(error: unknown): error is CxError {
  return error instanceof CxError;
}
