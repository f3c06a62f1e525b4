/**
 * The survey answers on the data sheet (NPS 0–10, CSAT 1–5, CSI 1–10, the answer's date), one
 * respondent per row, with the check the figures read from them heed; or the names of the user's
 * linked answers, checked where they are.
 */
import type { Section } from "../builder";
import { linkedAddress, linkedReference } from "../dataSource";
import { DATE_FORMAT, WHOLE_FORMAT } from "../sheetSpec";
import { addInputCheck, addTable, badRowColumns, checkedColumns, typed, type InputColumn } from "../tables";

/** The survey table's answer and date columns, in the order of the table and of a linked survey's columns. */
const SURVEY_COLUMNS: readonly InputColumn[] = [
  ["Survey_NPS", "npsAnswer", { kind: "scale", from: 0, to: 10 }], ["Survey_CSAT", "csatAnswer", { kind: "scale", from: 1, to: 5 }],
  ["Survey_CSI", "csiAnswer", { kind: "between", from: 1, to: 10 }], ["Survey_Date", "surveyDate", { kind: "date" }],
];

export const surveyTable: Section = {
  id: "survey",
  sheet: "data",
  when: (ctx) => ctx.needSurvey,
  build(b) {
    const { t, inputs, options, source } = b.ctx;
    const survey = source.survey;
    if (survey !== undefined) {
      const linkedColumns = SURVEY_COLUMNS.slice(0, survey.columns);
      linkedColumns.forEach(([name], j) => b.name("data", name, linkedReference(survey, j), true));
      // The user's answers were checked when picked; the check keeps watch as they change.
      const checked = checkedColumns(b, linkedColumns, survey);
      addTable(b, "data", "CX_Survey_Checks", `${t("surveyChecks")} ${linkedAddress(survey)}`, survey.rows, badRowColumns(b, checked, (j, i) => linkedReference(survey, j, i)));
      addInputCheck(b, "A", "Survey_Check", checked);
      return;
    }
    const checked = checkedColumns(b, SURVEY_COLUMNS);
    const table = addTable(b, "data", "CX_Survey", t("survey"), Math.max(inputs.npsAnswers.length, inputs.csatAnswers.length, inputs.csiAnswers.length), [
      { header: t("npsAnswer"), name: "Survey_NPS", width: 100, format: WHOLE_FORMAT, style: "input", content: typed((i) => inputs.npsAnswers[i]) },
      { header: t("csatAnswer"), name: "Survey_CSAT", width: 100, format: WHOLE_FORMAT, style: "input", content: typed((i) => inputs.csatAnswers[i]) },
      { header: t("csiAnswer"), name: "Survey_CSI", width: 100, format: "0.0", style: "input", content: typed((i) => inputs.csiAnswers[i]) },
      {
        header: t("surveyDate"), name: "Survey_Date", width: 90, format: DATE_FORMAT, style: "input",
        // typed, or for the sample counted back in days from the period's end
        content: typed((i) => inputs.surveyDates?.[i] ?? (inputs.surveyDaysBeforeEnd?.[i] === undefined ? undefined : options.periodEnd - (inputs.surveyDaysBeforeEnd[i] as number))),
      },
      ...badRowColumns(b, checked, (j, _i, at) => at(j)),
    ]);
    addInputCheck(b, table.column(0), "Survey_Check", checked);
  },
};
