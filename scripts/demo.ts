// `npm run demo`: writes demo/customer-metrics-report.xlsx — the report with sample data in portable
// mode (built-in formulas only), so that someone without Excel or the add-in can open it anywhere:
// `cx-report --sample`, the unattended command on the pane's sample data.
import path from "node:path";
import { run } from "./cx-report";
import { haveLibreOffice } from "./libreOffice";

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

const folder = path.resolve(__dirname, "../demo");
const file = path.join(folder, "customer-metrics-report.xlsx");

// The demo is cx-report on the sample data: the last full month, in portable mode.
run(["--sample", "--out", folder, "--name", path.basename(file), ...(process.argv.includes("--zh") ? ["--zh"] : []), ...(process.argv.includes("--wan") ? ["--wan"] : [])]).then(
  () => console.log(`Wrote ${path.relative(process.cwd(), file)} (sample data, portable formulas: opens in Excel or LibreOffice without the add-in), ${haveLibreOffice ? "with each formula's result stored for previewers" : "without stored results (install libreoffice-calc-nogui to store them)"}.`),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
