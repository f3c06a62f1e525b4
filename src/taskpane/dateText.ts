import { serialFromUtc, utcDateOfSerial } from "../core/dates";
import type { Locale } from "../i18n/locale";

/**
 * Dates in the pane's fields as the chosen language writes them — 7/1/2024 in English (US),
 * 2024年7月1日 in Chinese — instead of the browser's own date picker, whose format follows the
 * browser's language rather than the pane's (a Chinese pane showed mm/dd/yyyy).
 */
/** An Excel date serial as the language writes it. */
export function formatDateText(serial: number, locale: Locale): string {
  const date = utcDateOfSerial(serial);
  const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  return locale === "zh-CN" ? `${y}年${m}月${d}日` : `${m}/${d}/${y}`;
}

/**
 * A typed date as an Excel serial, whichever of the usual ways it is written: 2024年7月1日,
 * 2024-07-01, 2024/7/1 (year first), or 7/1/2024 (US month first). Undefined for anything else,
 * including days that do not exist (2/30/2024).
 */
export function parseDateText(text: string): number | undefined {
  const t = text.trim();
  const yearFirst = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?$/.exec(t);
  const monthFirst = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  const parts = yearFirst ? [yearFirst[1], yearFirst[2], yearFirst[3]] : monthFirst ? [monthFirst[3], monthFirst[1], monthFirst[2]] : undefined;
  if (parts === undefined) return undefined;
  const [y, m, d] = parts.map(Number) as [number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return serialFromUtc(ms);
}
