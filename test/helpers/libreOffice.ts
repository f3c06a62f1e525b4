/**
 * LibreOffice headless as the spreadsheet that checks portable formulas: .xlsx files are converted
 * (recalculated on load) and read back with exceljs. CI installs libreoffice-calc-nogui; elsewhere
 * a test that needs it is skipped with a warning.
 */
import { execFileSync, spawnSync } from "node:child_process";
import ExcelJS from "exceljs";
import { mkdtempSync } from "node:fs";
import { convertWithLibreOffice, haveLibreOffice } from "../../scripts/libreOffice";
import { tmpdir } from "node:os";
import path from "node:path";

import { recalculate as recalculateInLibreOffice } from "../../scripts/libreOffice";
import { engineDifferences, haveGnumeric, recalculateInGnumeric } from "./gnumeric";

export { haveLibreOffice } from "../../scripts/libreOffice";

if (!haveLibreOffice && process.env["CI"] === "true") throw new Error("CI must run the LibreOffice checks: install libreoffice-calc-nogui");
if (!haveLibreOffice) console.warn("LibreOffice (soffice) is not installed: the portable-mode checks are skipped. apt-get install libreoffice-calc-nogui");
export const testWithLibreOffice = haveLibreOffice ? test : test.skip;

/**
 * Recalculates .xlsx files in LibreOffice and returns each one's values (by Sheet!A1 on every
 * sheet, by A1 on the first); and, where Gnumeric is installed, recalculates each in Gnumeric too
 * and fails unless every cell of every sheet comes out the same (issue 24: portable formulas that
 * are right by one engine's rule only are a risk for everyone the workbook is shared with).
 */
export async function recalculate(...files: string[]): Promise<Map<string, unknown>[]> {
  return (await recalculateInBoth(...files)).map(({ libreOffice }) => libreOffice);
}

/**
 * As recalculate, and each file's values as Gnumeric computed them too (raw CSV text by Sheet!A1;
 * none where Gnumeric is not installed), for a test that reads the second engine's own figures.
 */
export async function recalculateInBoth(...files: string[]): Promise<{ libreOffice: Map<string, unknown>; gnumeric?: Map<string, string> }[]> {
  const values = await recalculateInLibreOffice(...files);
  if (!haveGnumeric) return values.map((libreOffice) => ({ libreOffice }));
  return Promise.all(files.map(async (file, i) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const gnumeric = recalculateInGnumeric(file, book.worksheets.map((sheet) => sheet.name));
    const formulaOf = (address: string): string | undefined => {
      const [sheet, cell] = address.split("!") as [string, string];
      const value = book.getWorksheet(sheet)?.getCell(cell).value;
      return typeof value === "object" && value !== null && "formula" in value ? String(value.formula) : undefined;
    };
    const { differ, newErrors } = engineDifferences(values[i] as Map<string, unknown>, gnumeric, formulaOf);
    if (differ.length > 0) {
      // the first cell that differs in each column, where the cause usually shows
      const firsts = [...new Map(differ.map((line) => [line.replace(/\d+[ :].*$/, ""), line])).values()];
      throw new Error(`Gnumeric and LibreOffice differ in ${differ.length} cells of ${path.basename(file)} (${newErrors.length} new errors in Gnumeric); the first in each column:\n${firsts.slice(0, 40).join("\n")}`);
    }
    return { libreOffice: values[i] as Map<string, unknown>, gnumeric };
  }));
}

export const havePdfText = spawnSync("pdftotext", ["-v"], { stdio: "ignore" }).status === 0;
if (!havePdfText && process.env["CI"] === "true") throw new Error("CI must run the print checks: install poppler-utils");
/** A test that prints through LibreOffice and reads the PDF back (poppler-utils' pdftotext). */
export const testPrinting = haveLibreOffice && havePdfText ? test : test.skip;

/**
 * Prints an .xlsx file to PDF as LibreOffice lays it out, and returns each page's text, and a way
 * to render a page as a PNG (poppler's pdftoppm) for the eye: test-results/screenshots keeps them.
 */
export function printedPages(file: string): { pages: string[]; renderPage: (page: number, png: string) => void } {
  const out = mkdtempSync(path.join(tmpdir(), "cx-pdf-"));
  convertWithLibreOffice(out, "pdf", [file]);
  const pdf = path.join(out, path.basename(file).replace(/\.xlsx$/, ".pdf"));
  // pdftotext separates pages with a form feed.
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8", maxBuffer: 1 << 26 });
  const pages = text.split("\f").filter((page, i, all) => i < all.length - 1 || page.trim() !== "");
  const renderPage = (page: number, png: string): void => {
    execFileSync("pdftoppm", ["-png", "-r", "110", "-f", String(page), "-l", String(page), "-singlefile", pdf, png.replace(/\.png$/, "")], { stdio: "ignore" });
  };
  return { pages, renderPage };
}
