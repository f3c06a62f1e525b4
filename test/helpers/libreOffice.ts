/**
 * LibreOffice headless as the spreadsheet that checks portable formulas: .xlsx files are converted
 * (recalculated on load) and read back with exceljs. CI installs libreoffice-calc-nogui; elsewhere
 * a test that needs it is skipped with a warning.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { convertWithLibreOffice, haveLibreOffice } from "../../scripts/libreOffice";
import { tmpdir } from "node:os";
import path from "node:path";

export { haveLibreOffice, recalculate } from "../../scripts/libreOffice";

if (!haveLibreOffice && process.env["CI"] === "true") throw new Error("CI must run the LibreOffice checks: install libreoffice-calc-nogui");
if (!haveLibreOffice) console.warn("LibreOffice (soffice) is not installed: the portable-mode checks are skipped. apt-get install libreoffice-calc-nogui");
export const testWithLibreOffice = haveLibreOffice ? test : test.skip;

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
