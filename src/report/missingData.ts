/**
 * A report made without some of the data beyond the transactions: which data it lacks, the figures'
 * formulas that show a dash while it does, and the note that says what is missing.
 */
import { fillTemplate, type Locale } from "../i18n/locale";
import { reportLabels } from "../i18n/reportLabels";
import type { ReportInputs } from "./buildReport";
import type { DataSource } from "./dataSource";

/**
 * Data beyond the transactions that a report may be made without (a manager's first report from
 * transactions alone): survey answers, acquisition costs, engagement, the typed lifespan, margin and
 * prospects. The figures they feed then show a dash ("–") instead of an error while the data is not
 * there, live (typing it on the data sheet brings them), and the note under the title says what is missing.
 */
export type MissingData = "survey" | "costs" | "engagement" | "lifespan" | "margin" | "prospects";

/** Each kind of data as a live test that it is still missing (no number in its cells). */
const MISSING_TESTS: Readonly<Record<MissingData, string>> = {
  survey: "COUNT(Survey_NPS,Survey_CSAT,Survey_CSI)=0",
  costs: "COUNT(Channel_Spend)=0",
  engagement: "COUNT(Engagement_Measures)=0",
  lifespan: "COUNT(Lifespan_Years)=0",
  margin: "COUNT(Gross_Margin)=0",
  prospects: "COUNT(Prospects,Converted)<2",
};

/** The data a report is given neither linked nor typed (its formulas then dash the figures that need it). */
export function missingData(inputs: ReportInputs, source: DataSource): MissingData[] {
  const blank = (value: unknown): boolean => value === undefined || value === "";
  const missing: [MissingData, boolean][] = [
    ["survey", source.survey === undefined && [...inputs.npsAnswers, ...inputs.csatAnswers, ...inputs.csiAnswers].every(blank)],
    ["costs", source.costs === undefined && inputs.channels.length === 0],
    ["engagement", inputs.engagement.length === 0],
    ["lifespan", blank(inputs.lifespanYears)],
    ["margin", blank(inputs.grossMargin)],
    ["prospects", blank(inputs.prospects) || blank(inputs.converted)],
  ];
  return missing.filter(([, isMissing]) => isMissing).map(([kind]) => kind);
}

/** A figure's formula that shows a dash while any of the data it needs (of that missing) is still not there. */
export function dashedWhileMissing(formula: string, needs: readonly MissingData[] | undefined, missing: readonly MissingData[]): string {
  const tests = (needs ?? []).filter((kind) => missing.includes(kind)).map((kind) => MISSING_TESTS[kind]);
  if (tests.length === 0) return formula;
  return `=IF(${tests.length === 1 ? tests[0] : `OR(${tests.join(",")})`},"–",${formula.slice(1)})`;
}

/** The note under the title naming the data a report lacks ("Not given yet: survey answers, …"), in the report's language. */
export function missingDataNote(missing: readonly MissingData[], locale: Locale): string {
  const names = missing.map((kind) => reportLabels[`missing_${kind}`][locale]).join(locale === "zh-CN" ? "、" : ", ");
  return fillTemplate(reportLabels.missingNote[locale], { data: names });
}
