// `npm run demo`: writes demo/customer-metrics-report.xlsx — the report with sample data in portable
// mode (built-in formulas only), so that someone without Excel or the add-in can open it anywhere.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { buildReport, SAMPLE_INPUTS, SAMPLE_TARGETS } from "../src/report/buildReport";
import { reportPeriodChoices, type ReportPeriodChoice } from "../src/report/reportPeriods";
import { haveLibreOffice, recalculate } from "./libreOffice";
import { specToXlsx } from "./specToXlsx";

const toSerial = (date: Date): number => Math.floor((date.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
const today = new Date();
// The report the pane makes by default: the last month complete by today, with a 13-month trend.
const month = reportPeriodChoices("month", toSerial(today), 1)[0] as ReportPeriodChoice;
const locale = process.argv.includes("--zh") ? "zh-CN" : "en-US";
const spec = buildReport({
  title: locale === "zh-CN" ? "客户指标（示例）" : "Customer metrics (sample)",
  periodStart: month.start,
  periodEnd: month.end,
  currency: "CNY",
  locale,
  formulaMode: "portable",
  targets: SAMPLE_TARGETS,
  generatedOn: toSerial(today),
  inputs: SAMPLE_INPUTS,
});
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
