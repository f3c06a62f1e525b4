import { DISPLAY_LANGUAGE_KEY, parseLocale, type Locale } from "../i18n/locale";

/**
 * The user's language as the functions can know it. In the JavaScript-only runtime of Excel on
 * Windows and Mac there is no Office.context (office-js issue 769) and no reliable navigator, so the
 * task pane records Office's display language in OfficeRuntime.storage, which that runtime shares,
 * and the functions read it when they load. On the web, Office.context answers directly.
 */
let stored: Locale | undefined;

/** Reads the language the task pane recorded; resolves when it is known (or known to be absent). */
export async function loadStoredDisplayLanguage(): Promise<void> {
  try {
    const storage = typeof OfficeRuntime === "undefined" ? undefined : OfficeRuntime.storage;
    if (storage === undefined) return;
    const value = await storage.getItem(DISPLAY_LANGUAGE_KEY);
    stored = value === null ? undefined : parseLocale(value);
  } catch {
    // storage refused (a dialog, an old host): the language stays unknown and messages are bilingual
  }
}

/** Office's display language where the runtime exposes it, else what the task pane recorded, else undefined. */
export function displayLanguage(): Locale | undefined {
  try {
    if (typeof Office !== "undefined" && Office.context?.displayLanguage) {
      const fromOffice = parseLocale(Office.context.displayLanguage);
      if (fromOffice !== undefined) return fromOffice;
    }
  } catch {
    // Office.context is not ready outside a host
  }
  return stored;
}

/** Forgets the stored language (tests). */
export function forgetStoredDisplayLanguage(): void {
  stored = undefined;
}
