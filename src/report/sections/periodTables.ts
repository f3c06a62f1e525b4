/**
 * The trend's tables on the workings (DOMAIN.md §7): the customer bridge, revenue bridge and activity
 * per period over the transactions, then per period from them the customer value (purchases a year,
 * revenue a month, CLV), the acquisition (spend, new customers, CAC, LTV:CAC, payback) and the
 * satisfaction (answers, NPS, CSAT) that the dashboard's changes and trend tables read.
 */
import type { ReportBuilder, Section } from "../builder";
import { dashAtRight, NO_CHANGE } from "../figures";
import { guarded } from "../inputChecks";
import { periodTables as addPeriodTables, trendName } from "../periodSheet";
import { COUNT_FORMAT, PERCENT_FORMAT } from "../sheetSpec";
import { addPerPeriodTable, datedIn, TABLE_HEADING_ROW } from "../tables";
import { hasUnitSelector, selectedRows } from "../unitSelection";

/** The columns the period tables take on the workings sheet: the period and at most 8 figures. */
const PERIOD_TABLE_COLUMNS = 9;

export const periodTables: Section = {
  id: "periodTables",
  sheet: "workings",
  when: (ctx) => ctx.trend,
  build(b) {
    const { options, kind, trendFrom, sections, channelMonths, datedSurvey } = b.ctx;
    // The period tables first on the workings sheet (A:I), the transaction table to their right: the
    // tables then stand in the same cells in both formula modes, whose transaction tables differ in width.
    const workings = b.sheet("workings");
    const below = addPeriodTables({
      formulaMode: options.formulaMode, locale: options.locale, currency: options.currency, money: b.ctx.money, unitMoney: b.ctx.unitMoney, period: kind, from: trendFrom, to: options.periodEnd,
      lapse: "Lapse_Days", tableFrom: "Trend_From", tableTo: "Trend_To", left: 0, top: TABLE_HEADING_ROW,
      ...(hasUnitSelector(b.ctx) ? { rows: (column: string) => selectedRows(b.ctx, column) } : {}),
    }, (cell) => b.putOn("workings", cell), workings.names, workings.widths);
    workings.nextColumn = PERIOD_TABLE_COLUMNS + 1;
    const belowValue = addValueTable(b, below + 1);
    const belowAcquisition = channelMonths && sections.dimensions ? addAcquisitionTable(b, belowValue + 1) : belowValue;
    // (the first free row under them, for the waterfall's table)
    b.at.belowPeriodTables = datedSurvey && sections.satisfaction ? addSatisfactionTable(b, belowAcquisition + 1) : belowAcquisition;
  },
};

/**
 * Customer value per period, from the period tables: purchases per active customer (the active base at
 * the period's end) a year, revenue per active customer a month, and the CLV of DOMAIN.md §1 with the
 * period's AOV and purchases, the lifespan and margin typed in. The report period's row feeds the
 * CLV card (through Avg_Order_Value and Purchases_Per_Year) and CAC payback (Monthly_Revenue); the
 * other rows, their 环比 and 同比. A dash for a period without active customers.
 */
function addValueTable(b: ReportBuilder, top: number): number {
  const { t, unitMoney, yearBack: perYear } = b.ctx;
  const columns = [
    [t("purchasesPerYear"), "Trend_Purchases_Per_Year", "0.00"], [t("monthlyRevenue"), "Trend_Monthly_Revenue", unitMoney], [t("clv"), "Trend_CLV", unitMoney],
  ] as const;
  const at = (key: string, i: number): string => `INDEX(${trendName(key)},${i})`;
  return addPerPeriodTable(b, top, t("valueTable"), columns.map(([text, name, format]) => [text, name, dashAtRight(format)] as const), (i, r) => [
    `=IF(${at("customersEnd", i)}=0,"${NO_CHANGE}",${at("orders", i)}/${at("customersEnd", i)}*${perYear})`,
    `=IF(${at("customersEnd", i)}=0,"${NO_CHANGE}",${at("revenue", i)}/${at("customersEnd", i)}*${perYear}/12)`,
    `=IFERROR(${at("averageOrderValue", i)}*B${r}*Lifespan_Years*Gross_Margin,"${NO_CHANGE}")`,
  ]);
}

/**
 * Acquisition per period: each period's spend and new customers from the channel rows of its months,
 * its CAC, LTV:CAC and CAC payback; the CAC cards' 环比 and 同比 read it. The same built-in formulas
 * in both modes; a dash where a period has no spend or no new customers.
 */
function addAcquisitionTable(b: ReportBuilder, top: number): number {
  const { t, money, unitMoney, formats, channelCheck } = b.ctx;
  const columns = [
    [t("spend"), "Trend_Marketing_Spend", money], [t("newCustomers"), "Trend_Acquired_Customers", COUNT_FORMAT],
    [t("cacShort"), "Trend_CAC", unitMoney], [t("ltvCac"), "Trend_LTV_CAC", formats.ratio], [t("payback"), "Trend_Payback_Months", formats.months],
  ] as const;
  return addPerPeriodTable(b, top, t("acquisitionTable"), columns, (i, r) => [
    guarded(channelCheck, `=SUMIFS(Channel_Spend,${datedIn("Channel_Month", i)})`), guarded(channelCheck, `=SUMIFS(Channel_New_Customers,${datedIn("Channel_Month", i)})`),
    `=IF(OR(B${r}=0,C${r}=0),"${NO_CHANGE}",B${r}/C${r})`, `=IFERROR(INDEX(Trend_CLV,${i})/D${r},"${NO_CHANGE}")`, `=IFERROR(D${r}/(INDEX(Trend_Monthly_Revenue,${i})*Gross_Margin),"${NO_CHANGE}")`,
  ]);
}

/**
 * Satisfaction per period: each period's dated answers, its NPS, CSAT and NPS's margin of error
 * (undated answers count for the report period only); the NPS and CSAT cards' 环比 and 同比 read it,
 * and the commentary whether NPS's change is beyond the two periods' margins.
 */
function addSatisfactionTable(b: ReportBuilder, top: number): number {
  const { t, surveyCheck } = b.ctx;
  const columns = [[t("surveyAnswers"), "Trend_Survey_Answers", COUNT_FORMAT], ["NPS", "Trend_NPS", "0.0"], ["CSAT", "Trend_CSAT", PERCENT_FORMAT], [t("npsMargin"), "Trend_NPS_Margin", "0.0"]] as const;
  return addPerPeriodTable(b, top, t("satisfactionTable"), columns.map(([text, name, format]) => [text, name, dashAtRight(format)] as const), (i, r) => {
    const dated = datedIn("Survey_Date", i);
    const csatAnswers = `COUNTIFS(Survey_CSAT,">=0",${dated})`;
    const [promoters, detractors] = [`COUNTIFS(Survey_NPS,">=9",${dated})/B${r}`, `COUNTIFS(Survey_NPS,"<=6",${dated})/B${r}`];
    // The answers' count is #N/A while the survey's check reports a bad cell, and so is the NPS beside it.
    return [
      guarded(surveyCheck, `=COUNTIFS(Survey_NPS,">=0",${dated})`),
      `=IF(B${r}=0,"${NO_CHANGE}",100*(COUNTIFS(Survey_NPS,">=9",${dated})-COUNTIFS(Survey_NPS,"<=6",${dated}))/B${r})`,
      guarded(surveyCheck, `=IF(${csatAnswers}=0,"${NO_CHANGE}",COUNTIFS(Survey_CSAT,">=4",${dated})/${csatAnswers})`),
      // the NPS's margin of error at 95 % (DOMAIN.md §2), as the satisfaction section's for the report period
      `=IF(B${r}=0,"${NO_CHANGE}",1.96*100*SQRT((${promoters}+${detractors}-(${promoters}-${detractors})^2)/B${r}))`,
    ];
  });
}
