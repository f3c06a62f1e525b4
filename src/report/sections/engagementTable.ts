/**
 * Interaction counts per customer on the data sheet (visits, interactions, hours of use), whose
 * min-max normalised mean is the engagement score (DOMAIN.md §1), with the name of all three measures.
 */
import type { Section } from "../builder";
import { COUNT_FORMAT } from "../sheetSpec";
import { addTable, typed } from "../tables";

export const engagementTable: Section = {
  id: "engagement",
  sheet: "data",
  when: (ctx) => ctx.sections.dimensions,
  build(b) {
    const { t, inputs } = b.ctx;
    const table = addTable(b, "data", "CX_Engagement", t("engagementTable"), inputs.engagement.length, [
      { header: t("customer"), width: 90, style: "input", content: typed((i) => inputs.engagement[i]?.customer) },
      { header: t("visits"), name: "Engagement_Visits", width: 80, format: COUNT_FORMAT, style: "input", content: typed((i) => inputs.engagement[i]?.visits) },
      { header: t("interactions"), name: "Engagement_Interactions", width: 80, format: COUNT_FORMAT, style: "input", content: typed((i) => inputs.engagement[i]?.interactions) },
      { header: t("usageHours"), name: "Engagement_Usage", width: 90, format: "0.0", style: "input", content: typed((i) => inputs.engagement[i]?.usageHours) },
    ]);
    b.name("data", "Engagement_Measures", `${table.column(1)}${table.first}:${table.column(3)}${table.last}`);
  },
};
