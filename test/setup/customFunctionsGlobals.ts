/**
 * Outside Excel there is no CustomFunctions global. This stand-in mirrors the runtime's API as
 * @types/custom-functions-runtime declares it (an Error class with code and message, the ErrorCode
 * values, associate), so the adapter runs unchanged under Jest. It adds no behaviour of its own.
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

/**
 * OfficeRuntime.storage of the functions' runtime, in memory, holding what the task pane records for
 * an English-speaking user (src/functions/displayLanguage.ts reads it when the functions load).
 * Tests of the other paths replace or remove it.
 */
export const officeRuntimeStorage = new Map<string, string>([["cx.displayLanguage", "en-US"]]);
(globalThis as Record<string, unknown>)["OfficeRuntime"] = {
  storage: {
    getItem: async (key: string) => officeRuntimeStorage.get(key) ?? null,
    setItem: async (key: string, value: string) => void officeRuntimeStorage.set(key, value),
  },
};
