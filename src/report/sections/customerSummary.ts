/**
 * RFM from a database's per-customer summary (sql/customer_summary.sql): CX reads its columns
 * directly; portable mode mirrors days since the last purchase, orders and revenue beside working
 * columns that score each customer and name its segment (DOMAIN.md §4 with built-in functions only).
 */
import type { Section } from "../builder";
import { linkedAddress, linkedReference, type LinkedRange } from "../dataSource";
import { addCutPoints, scoreFormula, segmentFormula } from "../rfmFormulas";
import { TEXT_RESULT, WHOLE_FORMAT } from "../sheetSpec";
import { addTable, link, workingColumn } from "../tables";

export const customerSummary: Section = {
  id: "customerSummary",
  sheet: "workings",
  when: (ctx) => ctx.needed.includes("customerSummary"),
  build(b) {
    const { t, cx, unitMoney: money, locale, source } = b.ctx;
    const summary = source.customerSummary as LinkedRange;
    if (cx) {
      ["Sum_Recency", "Sum_Orders", "Sum_Revenue"].forEach((name, j) => b.name("data", name, linkedReference(summary, 3 + j), true));
      return;
    }
    addTable(b, "workings", "CX_Customer_Summary", `${t("summaryLinked")} ${linkedAddress(summary)}`, summary.rows, [
      { header: t("customer"), width: 90, style: "helper", format: TEXT_RESULT, content: link(summary, 0) },
      { header: t("recencyDays"), name: "Sum_Recency", width: 80, style: "helper", format: WHOLE_FORMAT, content: link(summary, 3) },
      { header: t("frequency"), name: "Sum_Orders", width: 80, style: "helper", format: WHOLE_FORMAT, content: link(summary, 4) },
      { header: t("monetary"), name: "Sum_Revenue", width: 90, style: "helper", format: money, content: link(summary, 5) },
      workingColumn("R", undefined, (at) => `=${scoreFormula(at(1), "<", "Sum_R_Cuts")}`, WHOLE_FORMAT),
      workingColumn("F", undefined, (at) => `=${scoreFormula(at(2), ">", "Sum_F_Cuts")}`, WHOLE_FORMAT),
      workingColumn("M", undefined, (at) => `=${scoreFormula(at(3), ">", "Sum_M_Cuts")}`, WHOLE_FORMAT),
      workingColumn(t("segment"), "Sum_Segment", (at) => `=${segmentFormula(at(4), at(5), at(6), locale)}`, TEXT_RESULT),
    ]);
    addCutPoints(b, [["Sum_R_Cuts", "Sum_Recency"], ["Sum_F_Cuts", "Sum_Orders"], ["Sum_M_Cuts", "Sum_Revenue"]]);
  },
};
