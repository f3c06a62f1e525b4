/**
 * Excel date serials, converted exactly as Excel does: serial 1 is 1900-01-01, and Excel counts a
 * 1900-02-29 that never was (serial 60, a bug kept from Lotus 1-2-3: "Excel incorrectly assumes that
 * the year 1900 is a leap year", learn.microsoft.com/office/troubleshoot/excel/wrongly-assumes-1900-is-leap-year),
 * so from serial 61 (1900-03-01) on a serial is the days since 1899-12-30, and before it the days
 * since 1899-12-31. Serial 60 reads as 1900-03-01, the day after 1900-02-28. The one conversion every
 * function and the report use.
 */
export const DAY_MS = 86_400_000;
export const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);
/** The first serial Excel dates right: 1900-03-01. */
const FIRST_TRUE_SERIAL = 61;
const EARLY_EPOCH_MS = Date.UTC(1899, 11, 31);

/** The Excel serial of a UTC time in milliseconds (fractional for a time of day); before 1900-03-01, one less, as Excel numbers those days. */
export function serialFromUtc(ms: number): number {
  const serial = (ms - SERIAL_EPOCH_MS) / DAY_MS;
  return serial < FIRST_TRUE_SERIAL ? (ms - EARLY_EPOCH_MS) / DAY_MS : serial;
}

/** The UTC calendar date of an Excel serial (its time of day dropped): serial 1 is 1900-01-01, 61 is 1900-03-01. */
export function utcDateOfSerial(serial: number): Date {
  const day = Math.floor(serial);
  return new Date((day < FIRST_TRUE_SERIAL ? EARLY_EPOCH_MS : SERIAL_EPOCH_MS) + day * DAY_MS);
}

/** "2024-03-31" for an Excel serial. */
export function isoDateOfSerial(serial: number): string {
  return utcDateOfSerial(serial).toISOString().slice(0, 10);
}

/**
 * How many whole calendar months a span of days is when it runs from the first of a month to the
 * last day of a month (1 for a month, 3 for a quarter, …); undefined for any other span.
 *
 * @example calendarMonths(45474, 45565) // 2024-07-01..2024-09-30 → 3
 */
export function calendarMonths(start: number, end: number): number | undefined {
  const first = utcDateOfSerial(start);
  const afterEnd = utcDateOfSerial(end + 1);
  if (first.getUTCDate() !== 1 || afterEnd.getUTCDate() !== 1) return undefined;
  return (afterEnd.getUTCFullYear() - first.getUTCFullYear()) * 12 + afterEnd.getUTCMonth() - first.getUTCMonth();
}
