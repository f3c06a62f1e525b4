/** The report period's revenue bridge: from the period before's revenue, through new, returning, expansion, contraction and lost, to this one's. */
import type { Section } from "../builder";
import { periodsBack, REVENUE_BRIDGE_STEPS } from "../figures";
import { trendName } from "../periodSheet";
import { reportPeriodLabel } from "../reportOptions";
import { accountingFormat } from "../sheetSpec";
import { hasWaterfall, waterfallChart } from "../waterfall";

export const revenueBridge: Section = {
  id: "revenueBridge",
  sheet: "dashboard",
  when: (ctx) => ctx.trend,
  build(b) {
    const { t, options, money } = b.ctx;
    b.put({ address: `A${b.row}`, value: `${t("revenueBridgeOf")} ${reportPeriodLabel(options.periodStart, options.periodEnd)}`, style: "heading" });
    b.row++;
    b.at.bridge = { first: b.row, last: b.row + REVENUE_BRIDGE_STEPS.length - 1 };
    for (const [label, key] of REVENUE_BRIDGE_STEPS) {
      b.put({ address: `A${b.row}`, value: t(label), style: "label" });
      b.put({ address: `B${b.row}`, formula: `=${periodsBack(trendName(key), 0)}`, numberFormat: accountingFormat(money), style: "kpi" });
      b.row++;
    }
    // its waterfall's table on the workings, in the same place whichever sections follow
    if (hasWaterfall(b.ctx)) b.at.waterfall = waterfallChart(b, b.at.bridge);
    b.row++;
  },
};
