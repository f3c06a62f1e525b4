/** What the SQL tests need of a database engine: run a query, get its rows as text or numbers. */
import { isoDateOfSerial } from "../../src/core/dates";

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
