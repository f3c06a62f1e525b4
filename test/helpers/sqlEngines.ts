/** What the SQL tests need of a database engine: run a query, get its rows as text or numbers. */
import { isoDateOfSerial } from "../../src/core/dates";
import { expectClose } from "./close";

export interface Rows {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

export interface Engine {
  readonly name: string;
  /** How a client reaches the database: a PostgreSQL connection URL (psql's), where there is one. */
  readonly url?: string;
  query(sql: string): Promise<Rows>;
  close(): Promise<void>;
}

/** An Excel serial as the ISO date the transactions table holds (a time of day dropped). */
export const isoDay = (serial: number): string => isoDateOfSerial(Math.floor(serial));

export { sqlFile } from "../../scripts/sqlFile";

/**
 * One cell of a CX table against the engine's: text the same, a date serial as the ISO date, numbers
 * to 1e-9, #N/A and an empty cell as NULL.
 */
export function expectCell(actual: unknown, expected: unknown, where: string): void {
  if (expected instanceof CustomFunctions.Error || expected === "") {
    if (actual !== null) throw new Error(`${where}: ${String(actual)} where CX gives ${expected === "" ? "an empty cell" : (expected as CustomFunctions.Error).code}`);
  } else if (typeof expected === "number") {
    const value = Number(actual);
    if (actual === null || !Number.isFinite(value)) throw new Error(`${where}: ${String(actual)} where CX gives ${expected}`);
    expectClose(value, expected, 1e-9 * Math.max(1, Math.abs(expected)));
  } else if (String(actual) !== String(expected)) throw new Error(`${where}: ${String(actual)} where CX gives ${String(expected)}`);
}
