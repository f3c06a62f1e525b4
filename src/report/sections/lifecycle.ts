/** The customer lifecycle (DOMAIN.md §3): each stage with its goal, its main metric's value and name. */
import { fillTemplate } from "../../i18n/locale";
import type { ReportLabel } from "../../i18n/reportLabels";
import type { Section } from "../builder";
import { CHURN_FORMULAS } from "../figures";
import { dashedWhileMissing } from "../missingData";
import { PERCENT_FORMAT, widthFor } from "../sheetSpec";

/** A text set off by two spaces from the figure at the right edge of the cell before it (a text format). */
const SET_OFF_TEXT = '"  "@';

export const lifecycle: Section = {
  id: "lifecycle",
  sheet: "dashboard",
  when: (ctx) => ctx.sections.lifecycle,
  build(b) {
    const { t, unitMoney, trend, missing, sections } = b.ctx;
    // churn, where the report shows it already (the KPI cards, or the period's figures), referred to
    const churn = sections.dimensions ? "=Churn_Rate" : trend ? "=Period_Churn_Rate" : undefined;
    b.heading("lifecycle", [t("stageAndGoal"), t("value"), t("mainMetric")], { header: t("mainMetric"), format: SET_OFF_TEXT });
    const stages: [ReportLabel, ReportLabel, ReportLabel, string, string, string][] = [
      ["stageAcquisition", "goalAcquisition", "metricConversion", "=CX.CONVERSION(Converted,Prospects)", "=IF(OR(Prospects<=0,Converted>Prospects),NA(),Converted/Prospects)", PERCENT_FORMAT],
      ["stageConversion", "goalConversion", "metricAov", "=CX.AOV(Revenue,Orders)", "=IF(Orders=0,NA(),Revenue/Orders)", unitMoney],
      trend
        ? ["stageRetention", "goalRetention", "repeatBuyerShare", "=Repeat_Buyer_Share", "=Repeat_Buyer_Share", PERCENT_FORMAT]
        : ["stageRetention", "goalRetention", "metricRepurchase", "=CX.CONVERSION(Repeat_Customers,Buying_Customers)", "=IF(OR(Buying_Customers<=0,Repeat_Customers>Buying_Customers),NA(),Repeat_Customers/Buying_Customers)", PERCENT_FORMAT],
      ["stageChurn", "goalChurn", "metricChurn", churn ?? CHURN_FORMULAS.cx, churn ?? CHURN_FORMULAS.portable, PERCENT_FORMAT],
    ];
    for (const [stage, goal, metric, cxFormula, portableFormula, format] of stages) {
      const label = fillTemplate(t("stageWithGoal"), { stage: t(stage), goal: t(goal) });
      b.put({ address: `A${b.row}`, value: label, style: "label" });
      b.widen("dashboard", 0, widthFor(label, 0));
      b.put({ address: `B${b.row}`, formula: dashedWhileMissing(b.either(cxFormula, portableFormula), stage === "stageAcquisition" ? ["prospects"] : [], missing), numberFormat: format, style: "kpi" });
      // the metric's name stands right of its value, set off from it by two spaces (a text format), its
      // text free to run on over the empty cells beside
      b.put({ address: `C${b.row}`, value: t(metric), numberFormat: SET_OFF_TEXT });
      b.row++;
    }
    b.row++;
  },
};
