/**
 * Outside Excel there is no CustomFunctions global: the stand-in cx-report uses too
 * (scripts/customFunctionsRuntime.ts) mirrors the runtime's API, so the adapter runs unchanged under Jest.
 */
import "../../scripts/customFunctionsRuntime";

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
