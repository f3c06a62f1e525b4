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
