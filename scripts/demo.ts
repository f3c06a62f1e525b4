// `npm run demo`: writes demo/customer-metrics-report.xlsx — the report with sample data in portable
// mode (built-in formulas only), so that someone without Excel or the add-in can open it anywhere.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { demoReport, toSerial } from "./demoReport";
import { haveLibreOffice, recalculate } from "./libreOffice";
import { specToXlsx } from "./specToXlsx";

if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log([
    "npm run demo [-- --zh] [-- --wan]",
    "Writes demo/customer-metrics-report.xlsx: the report on the sample data for the last month complete",
    "by today, in portable mode (built-in formulas only: it opens in Excel, WPS or LibreOffice without the",
    "add-in), with each formula's result stored where LibreOffice is installed.",
    "  --zh       the report in Chinese (zh-CN); English (en-US) without it",
    "  --wan      amounts in 万元 (ten thousands, by the number format alone)",
    "  --help, -h this text",
  ].join("\n"));
  process.exit(0);
}

const spec = demoReport(process.argv.includes("--zh") ? "zh-CN" : "en-US", toSerial(new Date()), "portable", { moneyInTenThousands: process.argv.includes("--wan") });
const file = path.resolve(__dirname, "../demo/customer-metrics-report.xlsx");
mkdirSync(path.dirname(file), { recursive: true });

/**
 * Writes the file, then, where LibreOffice is installed, recalculates it there and writes it again
 * with each formula's result stored, so that previewers that do not calculate show the figures.
 */
async function writeDemo(): Promise<string> {
  await specToXlsx(spec, file);
  if (!haveLibreOffice) return "without stored results (install libreoffice-calc-nogui to store them)";
  const [results] = await recalculate(file) as [Map<string, unknown>];
  await specToXlsx(spec, file, [], results);
  return "with each formula's result stored for previewers";
}

writeDemo().then(
  (stored) => console.log(`Wrote ${path.relative(process.cwd(), file)} (sample data, portable formulas: opens in Excel or LibreOffice without the add-in), ${stored}.`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
