/**
 * The report's sections (src/report/sections/): each file one section listed once in SECTIONS, the
 * input tables before the dashboard that reads their names, charts and print last, and each section
 * built exactly when the options hold it.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { ALL_SECTIONS, buildReport, DEFAULT_TARGETS, SAMPLE_INPUTS, SAMPLE_UNIT_NAMES, SECTIONS, type ReportOptions } from "../../src/report/buildReport";
import { reportContext } from "../../src/report/reportContext";

const folder = path.join(__dirname, "../../src/report/sections");

test("every file of sections/ is one section of SECTIONS, each id once", async () => {
  const files = readdirSync(folder).filter((file) => file.endsWith(".ts"));
  const exported = await Promise.all(files.map(async (file) => Object.values(await import(path.join(folder, file))).filter((value) => typeof value === "object" && value !== null && "build" in value)));
  expect(exported.map((sections) => sections.length)).toEqual(files.map(() => 1));
  expect(new Set(exported.flat())).toEqual(new Set(SECTIONS));
  const ids = SECTIONS.map((section) => section.id);
  expect(new Set(ids).size).toBe(ids.length);
});

test("the data and workings sections build before the dashboard's, charts and print last", () => {
  const sheets = SECTIONS.map((section) => section.sheet);
  const firstDashboard = SECTIONS.findIndex((section, i) => i > 0 && section.sheet === "dashboard");
  expect(sheets.slice(1, firstDashboard).every((sheet) => sheet !== "dashboard")).toBe(true);
  expect(sheets.slice(firstDashboard).every((sheet) => sheet === "dashboard")).toBe(true);
  // (the commentary's sentences after the charts: they read every section's figures and lights)
  expect(SECTIONS.slice(-3).map((section) => section.id)).toEqual(["charts", "commentaryText", "print"]);
});

test("a section is built exactly when the options hold it", () => {
  const options: ReportOptions = {
    title: "Customer metrics", periodStart: 45536, periodEnd: 45565, currency: "CNY", locale: "en-US", formulaMode: "portable",
    targets: DEFAULT_TARGETS, generatedOn: 45570, inputs: SAMPLE_INPUTS,
  };
  const held = (sections: Partial<typeof ALL_SECTIONS>): string[] => {
    const ctx = reportContext({ ...options, sections: { ...ALL_SECTIONS, ...sections } });
    return SECTIONS.filter((section) => section.when(ctx)).map((section) => section.id);
  };
  expect(held({})).toEqual(SECTIONS.map((section) => section.id).filter((id) => !["customerSummary", "byUnit", "unitSelector"].includes(id)));
  // the by-unit table and the selector: with unit columns, in both modes
  const withUnits = (formulaMode: "cx" | "portable") => SECTIONS.filter((section) => section.when(reportContext({ ...options, formulaMode, unitNames: SAMPLE_UNIT_NAMES }))).map((section) => section.id);
  expect(withUnits("cx")).toEqual(expect.arrayContaining(["byUnit", "unitSelector"]));
  expect(withUnits("portable")).toEqual(expect.arrayContaining(["byUnit", "unitSelector"]));
  expect(held({ rfm: false })).not.toContain("earlyWarning");
  expect(held({ trend: false }).filter((id) => ["periodTables", "periodFigures", "revenueBridge", "trendTables"].includes(id))).toEqual([]);
  expect(held({ charts: false })).not.toContain("charts");
  // what the spec shows follows: without RFM no segment table, without satisfaction no NPS
  const dashboard = (sections: Partial<typeof ALL_SECTIONS>) => buildReport({ ...options, sections: { ...ALL_SECTIONS, ...sections } }).sheets[0]!;
  expect(dashboard({}).names.map((name) => name.name)).toContain("Net_Promoter_Score");
  expect(dashboard({ satisfaction: false }).names.map((name) => name.name)).not.toContain("Net_Promoter_Score");
  expect(dashboard({ rfm: false }).cells.some((cell) => cell.formula?.includes("Tx_Segment") === true)).toBe(false);
  expect(dashboard({}).cells.some((cell) => cell.formula?.includes("Tx_Segment") === true)).toBe(true);
});
