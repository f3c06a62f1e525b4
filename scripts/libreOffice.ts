/**
 * LibreOffice headless as a spreadsheet program that recalculates a workbook: .xlsx files are
 * converted (recalculated on load) and read back with exceljs. The demo stores what it computes in
 * the file it writes, and the tests check portable formulas with it. Node-only tooling.
 */
import { execFile, execFileSync, spawnSync } from "node:child_process";
import ExcelJS from "exceljs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** Whether soffice (Debian's libreoffice-calc-nogui) is on the path. */
export const haveLibreOffice = spawnSync("soffice", ["--version"], { stdio: "ignore" }).status === 0;

/**
 * Converts files with LibreOffice headless into `out` (`convertTo`: "xlsx", "pdf"), with a private
 * profile there: soffice otherwise shares one per user, so an open LibreOffice window or a second
 * conversion running at the same time makes this one fail.
 */
export function convertWithLibreOffice(out: string, convertTo: string, files: readonly string[], options: readonly string[] = []): void {
  execFileSync("soffice", sofficeArguments(out, convertTo, files, options), { stdio: "ignore", timeout: 300_000 });
}

/** convertWithLibreOffice without blocking, so that a caller can show the time it takes. */
function convertInBackground(out: string, convertTo: string, files: readonly string[], options: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile("soffice", sofficeArguments(out, convertTo, files, options), { timeout: 300_000 }, (error) => (error === null ? resolve() : reject(error)));
  });
}

/** soffice's command line for a conversion, with a private profile in `out`. */
function sofficeArguments(out: string, convertTo: string, files: readonly string[], options: readonly string[]): string[] {
  return [`-env:UserInstallation=file://${path.join(out, "profile")}`, "--headless", ...options, "--convert-to", convertTo, "--outdir", out, ...files];
}

/**
 * Recalculates .xlsx files in LibreOffice (one run for all) and returns each one's computed values:
 * by Sheet!A1 on every sheet, and by plain A1 on the first.
 */
export async function recalculate(...files: string[]): Promise<Map<string, unknown>[]> {
  const out = mkdtempSync(path.join(tmpdir(), "cx-lo-"));
  try {
    await convertInBackground(out, "xlsx", files, ["--calc"]);
    return await Promise.all(files.map(async (file) => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(path.join(out, path.basename(file)));
      const cells = new Map<string, unknown>();
      workbook.worksheets.forEach((sheet, k) => {
        sheet.eachRow((row) => {
          row.eachCell((cell) => {
            // the cells a merged cell covers beyond its first are empty (exceljs gives them the first's value)
            if (cell.isMerged && cell.master !== cell) return;
            // cell.result, not cell.value.result: exceljs leaves a result of 0 out of the value object.
            const read = cell.type === ExcelJS.ValueType.Formula ? cell.result : cell.value;
            // a text LibreOffice stored in runs (a CJK text with Latin in it) as the text it is
            const value = typeof read === "object" && read !== null && "richText" in read ? read.richText.map((run) => run.text).join("") : read;
            cells.set(`${sheet.name}!${cell.address}`, value);
            if (k === 0) cells.set(cell.address, value);
          });
        });
      });
      return cells;
    }));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
