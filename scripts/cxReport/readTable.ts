/**
 * A table of transactions from a file, as cx-report reads it: a CSV (UTF-8, with or without a byte
 * order mark; comma, semicolon or tab separated, as its header line shows; fields in double quotes
 * where they hold the separator, a quote or a line break, RFC 4180) or the first sheet of an .xlsx.
 * The first row is the header.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { failure } from "./messages";

export type Cell = string | number | Date | undefined;

export interface RawTable {
  readonly headers: readonly string[];
  /** The rows under the header, each as long as it is in the file. */
  readonly rows: readonly (readonly Cell[])[];
}

/** Reads a .csv or .xlsx file's first table; throws an Error whose message names the file and what is wrong. */
export async function readTable(file: string, onProgress?: (done: number, total: number) => void): Promise<RawTable> {
  const extension = path.extname(file).toLowerCase();
  if (extension === ".xlsx") return readWorkbook(file);
  if (extension === ".csv" || extension === ".txt") return parseCsv(readFileSync(file, "utf8"), onProgress);
  throw failure("notTable", { file });
}

/** The records of a CSV text: the separator is the header line's most frequent of comma, semicolon and tab. */
export function parseCsv(text: string, onProgress?: (done: number, total: number) => void): RawTable {
  const body = text.replace(/^\uFEFF/, "");
  const firstLine = body.slice(0, body.search(/\r?\n|$/));
  const separator = [",", ";", "\t"].map((s) => [s, firstLine.split(s).length] as const).sort((a, b) => b[1] - a[1])[0]?.[0] ?? ",";
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    if (onProgress !== undefined && (i & 0xfffff) === 0) onProgress(i, body.length);
    const ch = body[i] as string;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === separator) {
      record.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && body[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      [field, record] = ["", []];
    } else field += ch;
  }
  if (field !== "" || record.length > 0) records.push([...record, field]);
  onProgress?.(body.length, body.length);
  const nonEmpty = records.filter((r) => r.some((cell) => cell.trim() !== ""));
  const [headers = [], ...rows] = nonEmpty;
  return { headers: headers.map((h) => h.trim()), rows: rows.map((row) => row.map((cell) => (cell === "" ? undefined : cell))) };
}

async function readWorkbook(file: string): Promise<RawTable> {
  const ExcelJS = (await import("exceljs")).default;
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.worksheets[0];
  if (sheet === undefined) return { headers: [], rows: [] };
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(values.map(cellOf));
  });
  const [headers = [], ...body] = rows;
  return { headers: headers.map((h) => String(h ?? "").trim()), rows: body };
}

/** An .xlsx cell's value as the reader takes it: a formula's result, rich text's text, a hyperlink's text. */
function cellOf(value: unknown): Cell {
  if (value === null || value === undefined || value === "") return undefined;
  if (typeof value === "string" || typeof value === "number" || value instanceof Date) return value;
  if (typeof value === "object") {
    const object = value as { result?: unknown; richText?: { text: string }[]; text?: unknown };
    if ("result" in object) return cellOf(object.result);
    if (Array.isArray(object.richText)) return object.richText.map((part) => part.text).join("");
    if (object.text !== undefined) return String(object.text);
  }
  return String(value);
}
