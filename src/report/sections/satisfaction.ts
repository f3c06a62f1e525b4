/**
 * Satisfaction: NPS with its margin of error, CSAT and CSI for the report period's answers, with
 * their changes and targets, and the NPS breakdown (promoters, passives, detractors) its chart shows.
 * Portable NPS and its margin write out DOMAIN.md §2's formulas with COUNTIF (no LET: LibreOffice 7
 * lacks it); blank answers are skipped in both modes.
 */
import type { ReportLabel } from "../../i18n/reportLabels";
import type { Section } from "../builder";
import type { KpiRow } from "../figures";
import { COUNT_FORMAT } from "../sheetSpec";
import { surveyFormulas } from "../surveyFormulas";

export const satisfaction: Section = {
  id: "satisfaction",
  sheet: "dashboard",
  when: (ctx) => ctx.sections.satisfaction,
  build(b) {
    const { t, options } = b.ctx;
    const { answers, count, sum, answered, fromSurvey, csat } = surveyFormulas(b.ctx);
    b.heading("satisfaction", [t("metric"), t("value"), t("versusPrevious"), t("versusYearAgo"), t("target")]);
    const n = answered("Survey_NPS");
    const p = `${count('Survey_NPS,">=9"')}/${n}`;
    const d = `${count('Survey_NPS,"<=6"')}/${n}`;
    const rows: KpiRow[] = [
      {
        label: "nps", cx: fromSurvey(`=CX.NPS(${answers("Survey_NPS")})`), portable: fromSurvey(`=IF(${n}=0,NA(),100*(${p}-${d}))`), format: "score", needs: ["survey"],
        trendColumn: { name: "Trend_NPS", change: "score" }, target: { value: options.targets.nps, direction: "atLeast" },
      },
      { label: "npsMargin", cx: fromSurvey(`=CX.NPS(${answers("Survey_NPS")},"moe")`), portable: fromSurvey(`=IF(${n}=0,NA(),1.96*100*SQRT((${p}+${d}-(${p}-${d})^2)/${n}))`), format: "score", needs: ["survey"] },
      { ...csat, target: { value: options.targets.csat, direction: "atLeast" } },
      { label: "csi", cx: fromSurvey(`=CX.CSI(${answers("Survey_CSI")})`), portable: fromSurvey(`=IF(${answered("Survey_CSI")}=0,NA(),(${sum("Survey_CSI")}/${answered("Survey_CSI")}-1)/9*100)`), format: "score", needs: ["survey"] },
    ];
    rows.forEach((kpi) => b.addKpi(kpi, b.row++));
    // The NPS breakdown the pie chart shows: built-in counts in both modes.
    const counts: [ReportLabel, string][] = [
      ["promoters", `=${count('Survey_NPS,">=9"')}`],
      ["passives", `=${count('Survey_NPS,">=7",Survey_NPS,"<=8"')}`],
      ["detractors", `=${count('Survey_NPS,"<=6"')}`],
    ];
    b.at.npsBreakdown = b.row;
    for (const [key, formula] of counts) {
      b.put({ address: `A${b.row}`, value: t(key), style: "label" });
      b.put({ address: `B${b.row}`, formula: fromSurvey(formula), numberFormat: COUNT_FORMAT });
      b.row++;
    }
    b.row++;
  },
};
