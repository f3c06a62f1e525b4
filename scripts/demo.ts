// `npm run demo`: writes demo/customer-metrics-report.xlsx — the report with sample data in portable
// mode (built-in formulas only), so that someone without Excel or the add-in can open it anywhere.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS } from "../src/report/buildReport";
import { reportPeriodChoices, type ReportPeriodChoice } from "../src/report/reportPeriods";
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
  targets: DEFAULT_TARGETS,
  generatedOn: toSerial(today),
  inputs: SAMPLE_INPUTS,
});
const file = path.resolve(__dirname, "../demo/customer-metrics-report.xlsx");
mkdirSync(path.dirname(file), { recursive: true });
specToXlsx(spec, file).then(
  () => console.log(`Wrote ${path.relative(process.cwd(), file)} (sample data, portable formulas: opens in Excel or LibreOffice without the add-in).`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
