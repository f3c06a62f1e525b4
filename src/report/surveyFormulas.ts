/**
 * The report period's survey answers in formulas: dated in the period, or undated. CX filters the
 * answers (blanks left out, as CX.NPS skips them in a range); built-in formulas count each criterion
 * less the answers dated before or after the period. Figures of the survey are #N/A while the survey
 * table's check reports a bad cell.
 */
import type { KpiRow } from "./figures";
import { guarded } from "./inputChecks";
import type { ReportContext } from "./reportContext";

export interface SurveyFormulas {
  /** The answers of a column that count for the report period, for a CX function. */
  readonly answers: (name: string) => string;
  /** COUNTIFS of criteria over the period's answers. */
  readonly count: (criteria: string) => string;
  /** The sum of a column's answers in the period. */
  readonly sum: (name: string) => string;
  /** How many answers of a column the period has. */
  readonly answered: (name: string) => string;
  /** A figure of the survey, guarded by its check. */
  readonly fromSurvey: (formula: string) => string;
  /** The CSAT row, shown with the five dimensions and with satisfaction. */
  readonly csat: KpiRow;
}

export function surveyFormulas({ datedSurvey, surveyCheck }: ReportContext): SurveyFormulas {
  const answers = (name: string): string => (datedSurvey ? `FILTER(${name},(${name}<>"")*((Survey_Date="")+(Survey_Date>=Period_Start)*(Survey_Date<=Period_End)))` : name);
  const count = (criteria: string): string => {
    const all = `COUNTIFS(${criteria})`;
    return datedSurvey ? `(${all}-COUNTIFS(${criteria},Survey_Date,"<"&Period_Start)-COUNTIFS(${criteria},Survey_Date,">"&Period_End))` : all;
  };
  const sum = (name: string): string => (datedSurvey ? `(SUM(${name})-SUMIFS(${name},Survey_Date,"<"&Period_Start)-SUMIFS(${name},Survey_Date,">"&Period_End))` : `SUM(${name})`);
  const answered = (name: string): string => count(`${name},">=0"`);
  const fromSurvey = (formula: string): string => guarded(surveyCheck, formula);
  const csat: KpiRow = {
    label: "csat", cx: fromSurvey(`=CX.CSAT(${answers("Survey_CSAT")})`), portable: fromSurvey(`=IF(${answered("Survey_CSAT")}=0,NA(),${count('Survey_CSAT,">=4"')}/${answered("Survey_CSAT")})`), format: "percent",
    trendColumn: { name: "Trend_CSAT", change: "rate" }, needs: ["survey"],
  };
  return { answers, count, sum, answered, fromSurvey, csat };
}
