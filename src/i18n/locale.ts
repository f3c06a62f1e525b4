/** The two languages every user-facing string exists in. */
export type Locale = "en-US" | "zh-CN";

/**
 * The OfficeRuntime.storage key under which the task pane records Office's display language for the
 * functions' runtime, which cannot ask Office itself on Windows and Mac.
 */
export const DISPLAY_LANGUAGE_KEY = "cx.displayLanguage";

/** A string in each supported language. */
export type Localized = Readonly<Record<Locale, string>>;

/**
 * Reads a language as Office reports it ("zh-CN", "zh-Hans-CN", "en-GB") or as a user types it into
 * a cell ("zh", "中文", "EN"). Any Chinese variant maps to zh-CN, any English one to en-US.
 * Returns undefined for anything else so that the caller can say which argument was wrong.
 */
export function parseLocale(text: string): Locale | undefined {
  const tag = text.trim().toLowerCase().replace(/_/g, "-");
  if (tag === "") return undefined;
  if (tag === "zh" || tag.startsWith("zh-") || tag === "中文" || tag === "简体中文" || tag === "chinese") return "zh-CN";
  if (tag === "en" || tag.startsWith("en-") || tag === "english" || tag === "英文" || tag === "英语") return "en-US";
  return undefined;
}

/** Picks the language for Office's display language; English where it is neither. */
export function localeFromDisplayLanguage(displayLanguage: string | undefined): Locale {
  return (displayLanguage !== undefined && parseLocale(displayLanguage)) || "en-US";
}

/** Fills `{name}` placeholders in a template. Unknown placeholders are left as they are. */
export function fillTemplate(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
