/** Excel date serials: whole days since 1899-12-30, exact for every date from 1900-03-01 on (Excel's 1900 leap-day quirk). */
export const DAY_MS = 86_400_000;
export const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** The Excel serial of a UTC time in milliseconds (fractional for a time of day). */
export function serialFromUtc(ms: number): number {
  return (ms - SERIAL_EPOCH_MS) / DAY_MS;
}

/** The UTC calendar date of an Excel serial (its time of day dropped). */
export function utcDateOfSerial(serial: number): Date {
  return new Date(SERIAL_EPOCH_MS + Math.floor(serial) * DAY_MS);
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
