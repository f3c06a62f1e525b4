/**
 * The report's spec, configuration by configuration, held to a digest recorded before the report is
 * rebuilt into sections (issue: rooms one can live in): both modes, both languages, sample, linked and
 * query data, with and without the trend, each section switched off in turn. A rebuild that changes
 * nothing a user sees keeps every digest; a change on purpose records them again with
 * UPDATE_GOLDEN=1 npx jest test/report/goldenSpecs.test.ts, and the diff of the fixture shows which.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ALL_SECTIONS, buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS, type ReportOptions, type ReportSections } from "../../src/report/buildReport";
import { REPORT_DATA } from "../helpers/reportData";

const FIXTURE = path.join(__dirname, "../fixtures/report-specs/digests.json");

const base: ReportOptions = {
  title: "Customer metrics", periodStart: 45536, periodEnd: 45565, currency: "CNY", locale: "en-US", formulaMode: "cx",
  targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: SAMPLE_INPUTS,
};
const DATA = REPORT_DATA;

const configurations: [string, ReportOptions][] = [];
for (const formulaMode of ["cx", "portable"] as const) {
  for (const locale of ["en-US", "zh-CN"] as const) {
    for (const [data, options] of Object.entries(DATA)) {
      for (const trend of [true, false]) configurations.push([`${formulaMode} ${locale} ${data} trend ${trend}`, { ...base, ...options, formulaMode, locale, sections: { ...ALL_SECTIONS, trend } }]);
    }
  }
  for (const section of Object.keys(ALL_SECTIONS) as (keyof ReportSections)[]) {
    configurations.push([`${formulaMode} without ${section}`, { ...base, formulaMode, sections: { ...ALL_SECTIONS, [section]: false } }]);
  }
  configurations.push([`${formulaMode} quarter, 8 trend periods`, { ...base, formulaMode, periodStart: 45474, periodEnd: 45565, trendPeriods: 8 }]);
}

const digest = (options: ReportOptions): string => createHash("sha256").update(JSON.stringify(buildReport(options))).digest("hex");

test("the configurations cover both modes and languages, every data kind, the trend and each section off", () => {
  expect(configurations).toHaveLength(2 * (2 * 4 * 2 + 6 + 1));
});

test("every configuration's spec is the one recorded", () => {
  const now = Object.fromEntries(configurations.map(([name, options]) => [name, digest(options)]));
  if (process.env["UPDATE_GOLDEN"] === "1" || !existsSync(FIXTURE)) writeFileSync(FIXTURE, `${JSON.stringify(now, null, 2)}\n`);
  const recorded = JSON.parse(readFileSync(FIXTURE, "utf8")) as Record<string, string>;
  expect(now).toEqual(recorded);
});
