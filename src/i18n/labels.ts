import type { Locale, Localized } from "./locale";

/** The RFM segments of shared/DOMAIN.md §4, in the order their rules are tried. */
export const RFM_SEGMENTS = [
  "Champions",
  "Potential Loyalist",
  "Loyal Customers",
  "Promising",
  "New Customers",
  "Can't Lose Them",
  "At Risk",
  "Need Attention",
  "About To Sleep",
  "Lost",
  "Others",
] as const;

export type RfmSegment = (typeof RFM_SEGMENTS)[number];

export const segmentNames: Readonly<Record<RfmSegment, Localized>> = {
  Champions: { "en-US": "Champions", "zh-CN": "重要价值客户" },
  "Potential Loyalist": { "en-US": "Potential Loyalist", "zh-CN": "潜力忠诚客户" },
  "Loyal Customers": { "en-US": "Loyal Customers", "zh-CN": "忠诚客户" },
  Promising: { "en-US": "Promising", "zh-CN": "有潜力客户" },
  "New Customers": { "en-US": "New Customers", "zh-CN": "新客户" },
  "Can't Lose Them": { "en-US": "Can't Lose Them", "zh-CN": "不能失去的客户" },
  "At Risk": { "en-US": "At Risk", "zh-CN": "流失风险客户" },
  "Need Attention": { "en-US": "Need Attention", "zh-CN": "需要关注客户" },
  "About To Sleep": { "en-US": "About To Sleep", "zh-CN": "即将沉睡客户" },
  Lost: { "en-US": "Lost", "zh-CN": "已流失客户" },
  Others: { "en-US": "Others", "zh-CN": "其他" },
};

/** Headers and row labels of the tables the functions spill. */
export const tableLabels = {
  customer: { "en-US": "Customer", "zh-CN": "客户" },
  recencyDays: { "en-US": "Recency (days)", "zh-CN": "最近购买（天）" },
  frequency: { "en-US": "Frequency", "zh-CN": "购买频率" },
  monetary: { "en-US": "Monetary", "zh-CN": "购买金额" },
  rScore: { "en-US": "R", "zh-CN": "R" },
  fScore: { "en-US": "F", "zh-CN": "F" },
  mScore: { "en-US": "M", "zh-CN": "M" },
  rfmCode: { "en-US": "RFM code", "zh-CN": "RFM 代码" },
  segment: { "en-US": "Segment", "zh-CN": "客户分群" },
  group: { "en-US": "Group", "zh-CN": "类别" },
  count: { "en-US": "Count", "zh-CN": "人数" },
  share: { "en-US": "Share", "zh-CN": "占比" },
  promoters: { "en-US": "Promoters (9-10)", "zh-CN": "推荐者（9-10）" },
  passives: { "en-US": "Passives (7-8)", "zh-CN": "被动者（7-8）" },
  detractors: { "en-US": "Detractors (0-6)", "zh-CN": "贬损者（0-6）" },
  answers: { "en-US": "Answers", "zh-CN": "答卷数" },
  nps: { "en-US": "NPS", "zh-CN": "净推荐值" },
  standardError: { "en-US": "Standard error", "zh-CN": "标准误" },
  marginOfError: { "en-US": "Margin of error (95 %)", "zh-CN": "误差范围（95%）" },
  npsLow: { "en-US": "NPS lower bound (95 %)", "zh-CN": "净推荐值下限（95%）" },
  measure: { "en-US": "Measure", "zh-CN": "指标" },
  parameter: { "en-US": "Parameter", "zh-CN": "参数" },
  value: { "en-US": "Value", "zh-CN": "数值" },
  bgNbdLogLikelihood: { "en-US": "BG/NBD log-likelihood", "zh-CN": "BG/NBD 对数似然" },
  gammaGammaLogLikelihood: { "en-US": "Gamma-Gamma log-likelihood", "zh-CN": "Gamma-Gamma 对数似然" },
  customers: { "en-US": "Customers", "zh-CN": "客户数" },
  repeatBuyers: { "en-US": "Repeat buyers", "zh-CN": "重复购买客户数" },
  timeUnit: { "en-US": "Time unit", "zh-CN": "时间单位" },
  converged: { "en-US": "Converged", "zh-CN": "已收敛" },
  bgNbdFit: { "en-US": "BG/NBD fit", "zh-CN": "BG/NBD 拟合方式" },
  gammaGammaFit: { "en-US": "Gamma-Gamma fit", "zh-CN": "Gamma-Gamma 拟合方式" },
  maximumLikelihood: { "en-US": "maximum likelihood", "zh-CN": "最大似然" },
  penalised: { "en-US": "penalised", "zh-CN": "惩罚" },
  repeatPurchases: { "en-US": "Repeat purchases (x)", "zh-CN": "重复购买次数 (x)" },
  lastPurchaseTime: { "en-US": "Last purchase (t_x)", "zh-CN": "最近购买时间 (t_x)" },
  customerAge: { "en-US": "Age (T)", "zh-CN": "客户年龄 (T)" },
  probabilityAlive: { "en-US": "P(alive)", "zh-CN": "存活概率" },
  expectedPurchases: { "en-US": "Expected purchases", "zh-CN": "预期购买次数" },
  expectedSpend: { "en-US": "Expected spend per purchase", "zh-CN": "预期每次消费" },
  clv: { "en-US": "CLV", "zh-CN": "客户终身价值" },
  cohort: { "en-US": "Cohort", "zh-CN": "客户群组" },
  days: { "en-US": "Days", "zh-CN": "天" },
  weeks: { "en-US": "Weeks", "zh-CN": "周" },
  months: { "en-US": "Months", "zh-CN": "月" },
  revenue: { "en-US": "Revenue", "zh-CN": "收入" },
  revenueShare: { "en-US": "Share of revenue", "zh-CN": "收入占比" },
  /** RFM's revenue: all of a customer's purchases up to the as-of date, not the period's. */
  lifetimeRevenue: { "en-US": "Revenue to date (all purchases)", "zh-CN": "累计收入（全部购买）" },
  npsHigh: { "en-US": "NPS upper bound (95 %)", "zh-CN": "净推荐值上限（95%）" },
  period: { "en-US": "Period", "zh-CN": "期间" },
  historicalValue: { "en-US": "Historical value", "zh-CN": "历史消费额" },
  valueAtRisk: { "en-US": "Value at risk", "zh-CN": "风险价值" },
  firstDay: { "en-US": "First day", "zh-CN": "期初日" },
  lastDay: { "en-US": "Last day", "zh-CN": "期末日" },
  customersStart: { "en-US": "Customers at start", "zh-CN": "期初活跃客户" },
  newCustomers: { "en-US": "New", "zh-CN": "新增客户" },
  reactivated: { "en-US": "Reactivated", "zh-CN": "回流客户" },
  lapsed: { "en-US": "Lapsed", "zh-CN": "流失客户" },
  customersEnd: { "en-US": "Customers at end", "zh-CN": "期末活跃客户" },
  churnRate: { "en-US": "Churn rate", "zh-CN": "流失率" },
  previousRevenue: { "en-US": "Revenue in previous period", "zh-CN": "上期收入" },
  newRevenue: { "en-US": "New", "zh-CN": "新客收入" },
  returningRevenue: { "en-US": "Returning", "zh-CN": "回流收入" },
  expansion: { "en-US": "Expansion", "zh-CN": "增购" },
  contraction: { "en-US": "Contraction", "zh-CN": "减购" },
  lostRevenue: { "en-US": "Lost", "zh-CN": "流失收入" },
  periodRevenue: { "en-US": "Revenue", "zh-CN": "本期收入" },
  netRevenueRetention: { "en-US": "Net revenue retention", "zh-CN": "净收入留存率" },
  buyers: { "en-US": "Buyers", "zh-CN": "购买客户数" },
  newBuyers: { "en-US": "New buyers", "zh-CN": "新购买客户数" },
  orders: { "en-US": "Orders", "zh-CN": "订单数" },
  averageOrderValue: { "en-US": "Average order value", "zh-CN": "客单价" },
  ordersPerBuyer: { "en-US": "Orders per buyer", "zh-CN": "人均订单数" },
  repeatBuyerShare: { "en-US": "Repeat-buyer share", "zh-CN": "复购客户占比" },
  unit: { "en-US": "Unit", "zh-CN": "单元" },
  revenueChange: { "en-US": "Revenue change on previous period", "zh-CN": "收入环比" },
  companyRevenueShare: { "en-US": "Share of company revenue", "zh-CN": "占公司收入比" },
  noUnit: { "en-US": "(none)", "zh-CN": "（未填）" },
  allUnits: { "en-US": "All units together", "zh-CN": "全部单元合计" },
  company: { "en-US": "Company", "zh-CN": "公司整体" },
  crossUnitCustomers: { "en-US": "Customers active in more than one unit", "zh-CN": "跨单元客户" },
  crossUnitExcess: { "en-US": "Counted more than once (units together − company)", "zh-CN": "重复计数（单元合计 − 公司）" },
} as const satisfies Record<string, Localized>;

export type TableLabel = keyof typeof tableLabels;

export function label(key: TableLabel, locale: Locale): string {
  return tableLabels[key][locale];
}

/** Metric names as they appear inside messages ("... so the churn rate cannot be calculated"). */
export const metricNames = {
  cac: { "en-US": "the customer acquisition cost", "zh-CN": "客户获取成本" },
  churn: { "en-US": "the churn rate", "zh-CN": "客户流失率" },
  retention: { "en-US": "the retention rate", "zh-CN": "客户留存率" },
  ltvCac: { "en-US": "the LTV:CAC ratio", "zh-CN": "LTV:CAC 比率" },
  payback: { "en-US": "the CAC payback period", "zh-CN": "CAC 回收期" },
  aov: { "en-US": "the average order value", "zh-CN": "客单价" },
  conversion: { "en-US": "the conversion rate", "zh-CN": "转化率" },
  complaints: { "en-US": "the complaint rate", "zh-CN": "客户投诉率" },
  frequency: { "en-US": "the purchase frequency", "zh-CN": "消费频次" },
} as const satisfies Record<string, Localized>;

export type MetricName = keyof typeof metricNames;
