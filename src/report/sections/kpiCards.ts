/**
 * The five dimensions as KPI cards (DOMAIN.md §1): CAC, CLV, churn, CSAT, engagement, with LTV:CAC
 * and CAC payback; each with its 环比 and 同比 where the workings have it per period, its target and
 * light. CAC and CLV are held against each other through the LTV:CAC target.
 */
import type { Section } from "../builder";
import { CHURN_FORMULAS, type KpiRow } from "../figures";
import { trendName } from "../periodSheet";
import { surveyFormulas } from "../surveyFormulas";
import { TEXT_RESULT } from "../sheetSpec";
import { quote, textFormula } from "../textFormula";

/** The engagement measures' names on the data sheet. */
const MEASURES = ["Engagement_Visits", "Engagement_Interactions", "Engagement_Usage"];

export const kpiCards: Section = {
  id: "kpis",
  sheet: "dashboard",
  when: (ctx) => ctx.sections.dimensions,
  build(b) {
    const { t, options } = b.ctx;
    b.heading("kpis", [t("metric"), t("value"), t("versusPrevious"), t("versusYearAgo"), t("target")]);
    const cac = `B${b.row}`;
    const clv = `B${b.row + 1}`;
    const ltvCacTarget = `E${b.row + 5}`;
    // Engagement: the mean of each measure's min-max normalised values, averaged over the measures that
    // vary (a constant measure tells customers apart in no way), × 100: the mean of CX.ENGAGEMENT's scores.
    const varies = (m: string): string => `(MAX(${m})>MIN(${m}))`;
    const varying = MEASURES.map(varies).join("+");
    const normalisedMean = MEASURES.map((m) => `IF(${varies(m)},(AVERAGE(${m})-MIN(${m}))/(MAX(${m})-MIN(${m})),0)`).join("+");
    const kpis: KpiRow[] = [
      // CAC and CLV have no target of their own: each is held against the other through the LTV:CAC
      // target (the most a customer may cost for the CLV, the least a customer must be worth for the CAC).
      {
        label: "cac", cx: "=CX.CAC(Marketing_Spend,Acquired_Customers)", portable: "=IF(Acquired_Customers=0,NA(),Marketing_Spend/Acquired_Customers)", format: "currency", trendColumn: { name: "Trend_CAC" }, needs: ["costs"],
        // (a dash while the CLV it derives from is one)
        target: { formula: `=IF(${ltvCacTarget}=0,NA(),${clv}/${ltvCacTarget})`, direction: "atMost", needs: ["lifespan", "margin"], note: "derivedCacTarget" },
      },
      {
        label: "clv", cx: "=CX.CLV(Avg_Order_Value,Purchases_Per_Year,Lifespan_Years,Gross_Margin)", portable: "=Avg_Order_Value*Purchases_Per_Year*Lifespan_Years*Gross_Margin", format: "currency", needs: ["lifespan", "margin"],
        trendColumn: { name: "Trend_CLV" },
        target: { formula: `=${ltvCacTarget}*${cac}`, direction: "atLeast", needs: ["costs"], note: "derivedClvTarget" },
      },
      // with the period tables, the period's churn itself (one figure, referred to here)
      { label: "churn", ...(b.ctx.trend ? { cx: "=Period_Churn_Rate", portable: "=Period_Churn_Rate" } : CHURN_FORMULAS), format: "percent", trendColumn: { name: trendName("churnRate"), change: "rate" }, target: { value: options.targets.churn, direction: "atMost" } },
      { ...surveyFormulas(b.ctx).csat, target: { value: options.targets.csat, direction: "atLeast" } },
      { label: "engagement", cx: "=AVERAGE(CX.ENGAGEMENT(Engagement_Measures))", portable: `=IF(${varying}=0,NA(),100*(${normalisedMean})/(${varying}))`, format: "score", target: { value: options.targets.engagement, direction: "atLeast" }, needs: ["engagement"] },
      { label: "ltvCac", cx: `=CX.LTV_CAC(${clv},${cac})`, portable: `=IF(${cac}=0,NA(),${clv}/${cac})`, format: "ratio", trendColumn: { name: "Trend_LTV_CAC" }, target: { value: options.targets.ltvCac, direction: "atLeast" }, needs: ["costs", "lifespan", "margin"] },
      { label: "payback", cx: `=CX.CAC_PAYBACK(${cac},Monthly_Revenue,Gross_Margin)`, portable: `=IF(Monthly_Revenue*Gross_Margin=0,NA(),${cac}/(Monthly_Revenue*Gross_Margin))`, format: "months", trendColumn: { name: "Trend_Payback_Months" }, target: { value: options.targets.paybackMonths, direction: "atMost" }, needs: ["costs", "margin"] },
    ];
    kpis.forEach((kpi) => b.addKpi(kpi, b.row++));
    // New customers two ways: from the transactions (the period figures) and in the channel table (CAC's
    // divisor). Where the report has both, a live line under the cards reconciles them.
    if (b.ctx.trend && !b.ctx.missing.includes("costs")) {
      b.put({ address: `A${b.row}`, formula: reconciliation(b.ctx.t("newCustomersReconciled"), b.ctx.t("newCustomersAgree"), b.ctx.t("newCustomersDiffer")), numberFormat: TEXT_RESULT });
      b.row++;
    }
    b.row++;
  },
};

/**
 * The line reconciling the new customers of the transactions with the channel table's acquired
 * customers: the two counts, and whether they agree or by how many they differ (blank while either
 * is not a number, e.g. the channel table's check reports a bad cell).
 */
function reconciliation(template: string, agree: string, differ: string): string {
  const difference = textFormula(differ, { difference: 'TEXT(Acquired_Customers-New_Customers,"+#,##0;-#,##0")' });
  const counts = textFormula(template, { transactions: 'TEXT(New_Customers,"#,##0")', channels: 'TEXT(Acquired_Customers,"#,##0")' });
  return `=IFERROR(${counts}&IF(Acquired_Customers=New_Customers,${quote(agree)},${difference}),"")`;
}
