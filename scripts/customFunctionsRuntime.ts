/**
 * Outside Excel there is no CustomFunctions global. This stand-in mirrors the runtime's API as
 * @types/custom-functions-runtime declares it (an Error class with code and message, the ErrorCode
 * values, associate), so that the add-in's functions run unchanged in Node: in cx-report, which
 * computes a CX report's formulas with them, and under Jest. It adds no behaviour of its own.
 */
class CustomFunctionsError {
  readonly code: string;
  readonly message: string | undefined;
  constructor(code: string, message?: string) {
    this.code = code;
    this.message = message;
  }
}

const registered = new Map<string, unknown>();

if (typeof (globalThis as Record<string, unknown>)["CustomFunctions"] === "undefined") {
  (globalThis as Record<string, unknown>)["CustomFunctions"] = {
    Error: CustomFunctionsError,
    ErrorCode: {
      invalidValue: "#VALUE!",
      notAvailable: "#N/A",
      divisionByZero: "#DIV/0!",
      invalidNumber: "#NUM!",
      nullReference: "#NULL!",
      invalidName: "#NAME?",
      invalidReference: "#REF!",
    },
    associate: (id: string, fn: unknown) => registered.set(id, fn),
    __registered: registered,
  };
}
