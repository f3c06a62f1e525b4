/**
 * Gnumeric as a second spreadsheet engine for the portable formulas (issue 24): `ssconvert
 * --recalc` (Debian's gnumeric) recalculates an .xlsx and writes each sheet's values as CSV in raw
 * form (numbers unformatted, errors as their text), which is read back here and compared with what
 * LibreOffice computed for the same file. exceljs cannot be the reader: Gnumeric's own .xlsx leaves
 * out results of 0 and stores a formula's text result in a form exceljs reads as a number.
 * CI installs gnumeric; elsewhere the comparison is skipped with a warning.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { columnName } from "../../src/core/a1";

export const haveGnumeric = spawnSync("ssconvert", ["--version"], { stdio: "ignore" }).status === 0;
if (!haveGnumeric && process.env["CI"] === "true") throw new Error("CI must run the third-engine checks: install gnumeric");
if (!haveGnumeric) console.warn("Gnumeric (ssconvert) is not installed: portable formulas are checked in LibreOffice only. apt-get install gnumeric");

/** Splits CSV text (quotes doubled inside quoted fields, which may hold separators and line breaks) into rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (ch === '"') quoted = !quoted;
    else if (quoted) field += ch;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      rows.push([...row, field]);
      row = [];
      field = "";
    } else field += ch;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

/**
 * Recalculates an .xlsx in Gnumeric and returns every non-empty cell's value by Sheet!A1, the
 * sheets named in their order in the file (`sheetNames`). Values are the CSV's text; see sameValue.
 */
export function recalculateInGnumeric(file: string, sheetNames: readonly string[]): Map<string, string> {
  const out = mkdtempSync(path.join(tmpdir(), "cx-gnumeric-"));
  try {
    const options = "separator=, format=raw quoting-mode=auto eol=unix charset=UTF-8";
    execFileSync("ssconvert", ["--recalc", "-S", "-T", "Gnumeric_stf:stf_assistant", "-O", options, file, path.join(out, "sheet.%n.csv")], { stdio: "ignore", timeout: 300_000 });
    const written = readdirSync(out).filter((name) => name.endsWith(".csv"));
    if (written.length !== sheetNames.length) throw new Error(`Gnumeric wrote ${written.length} sheets of ${path.basename(file)}, which has ${sheetNames.length}`);
    const cells = new Map<string, string>();
    sheetNames.forEach((sheet, n) => {
      parseCsv(readFileSync(path.join(out, `sheet.${n}.csv`), "utf8")).forEach((row, r) => row.forEach((value, c) => {
        if (value !== "") cells.set(`${sheet}!${columnName(c)}${r + 1}`, value);
      }));
    });
    return cells;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** A value LibreOffice stored, as exceljs reads it, in Gnumeric's raw CSV form for comparison ("" for an empty cell). */
function asText(value: unknown): string {
  if (value === undefined || value === null) return "";
  // exceljs turns a date-formatted number into a Date by day 0 = 1899-12-30 (also 0 itself, which
  // serialFromUtc would place before Excel's 1900 leap-day rule): the same arithmetic back.
  if (value instanceof Date) return String((value.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "object" && "error" in value) return String((value as { error: unknown }).error);
  if (typeof value === "object" && "richText" in value) return (value as { richText: { text: string }[] }).richText.map((run) => run.text).join("");
  return String(value);
}

const isError = (text: string): boolean => /^#(N\/A|NAME\?|VALUE!|REF!|DIV\/0!|NUM!|NULL!)$/.test(text);

/**
 * Whether two texts are the same cell value: equal text, or two numbers within a relative 1e-9
 * (Gnumeric computes in long double and prints 20 digits; LibreOffice stores a double).
 */
export function sameValue(libreOffice: string, gnumeric: string): boolean {
  if (libreOffice === gnumeric) return true;
  const [a, b] = [Number(libreOffice), Number(gnumeric)];
  if (libreOffice.trim() === "" || gnumeric.trim() === "" || !Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * The cells where Gnumeric's result differs from LibreOffice's (`libreOffice`: by Sheet!A1, as
 * recalculate returns), each as "Sheet!A1: LibreOffice … Gnumeric …", and the cells that are an
 * error in Gnumeric and not in LibreOffice; `formulaOf` names a cell's formula in the message.
 */
export function engineDifferences(
  libreOffice: ReadonlyMap<string, unknown>, gnumeric: ReadonlyMap<string, string>, formulaOf: (address: string) => string | undefined = () => undefined,
): { differ: string[]; newErrors: string[] } {
  const differ: string[] = [];
  const newErrors: string[] = [];
  const addresses = new Set([...[...libreOffice.keys()].filter((key) => key.includes("!")), ...gnumeric.keys()]);
  for (const address of addresses) {
    const [lo, gn] = [asText(libreOffice.get(address)), gnumeric.get(address) ?? ""];
    if (sameValue(lo, gn)) continue;
    const formula = formulaOf(address);
    differ.push(`${address}${formula === undefined ? "" : ` (=${formula})`}: LibreOffice ${JSON.stringify(lo)}, Gnumeric ${JSON.stringify(gn)}`);
    if (isError(gn) && !isError(lo)) newErrors.push(address);
  }
  return { differ, newErrors };
}
