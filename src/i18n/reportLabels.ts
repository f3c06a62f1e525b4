import type { Localized } from "./locale";

/** Labels of the report sheet, in both languages. */
export const reportLabels = {
  sheetName: { "en-US": "Customer Metrics", "zh-CN": "客户指标" },
  period: { "en-US": "Period", "zh-CN": "期间" },
  currency: { "en-US": "Currency", "zh-CN": "币种" },
  generatedOn: { "en-US": "Generated on", "zh-CN": "生成日期" },
  inputs: { "en-US": "Inputs (replace the sample figures with yours)", "zh-CN": "输入（请将示例数据替换为您的数据）" },
  marketingSpend: { "en-US": "Marketing and sales spend", "zh-CN": "营销与销售支出" },
  newCustomers: { "en-US": "New customers", "zh-CN": "新增客户数" },
  customersStart: { "en-US": "Customers at the start", "zh-CN": "期初客户数" },
  customersLost: { "en-US": "Customers lost", "zh-CN": "流失客户数" },
  averageOrderValue: { "en-US": "Average order value", "zh-CN": "客单价" },
  purchasesPerYear: { "en-US": "Purchases per customer per year", "zh-CN": "每位客户年购买次数" },
  lifespanYears: { "en-US": "Customer lifespan (years)", "zh-CN": "客户生命周期（年）" },
  grossMargin: { "en-US": "Gross margin", "zh-CN": "毛利率" },
  monthlyRevenue: { "en-US": "Monthly revenue per customer", "zh-CN": "每位客户月收入" },
  kpis: { "en-US": "Key customer metrics", "zh-CN": "关键客户指标" },
  metric: { "en-US": "Metric", "zh-CN": "指标" },
  value: { "en-US": "Value", "zh-CN": "数值" },
  target: { "en-US": "Target", "zh-CN": "目标" },
  cac: { "en-US": "Customer acquisition cost (CAC)", "zh-CN": "客户获取成本 (CAC)" },
  clv: { "en-US": "Customer lifetime value (CLV)", "zh-CN": "客户终身价值 (CLV)" },
  churn: { "en-US": "Churn rate", "zh-CN": "客户流失率" },
  ltvCac: { "en-US": "LTV:CAC", "zh-CN": "LTV:CAC 比率" },
  payback: { "en-US": "CAC payback (months)", "zh-CN": "获客成本回收期（月）" },
  survey: { "en-US": "Survey answers (replace with yours)", "zh-CN": "调查答案（请替换为您的数据）" },
  npsAnswer: { "en-US": "NPS answer (0-10)", "zh-CN": "NPS 答案（0-10）" },
  csatAnswer: { "en-US": "CSAT answer (1-5)", "zh-CN": "满意度答案（1-5）" },
  satisfaction: { "en-US": "Satisfaction and loyalty", "zh-CN": "满意度与忠诚度" },
  nps: { "en-US": "Net Promoter Score (NPS)", "zh-CN": "净推荐值 (NPS)" },
  npsMargin: { "en-US": "NPS margin of error (95 %)", "zh-CN": "NPS 误差范围（95%）" },
  csat: { "en-US": "Customer satisfaction (CSAT)", "zh-CN": "客户满意度 (CSAT)" },
} as const satisfies Record<string, Localized>;

export type ReportLabel = keyof typeof reportLabels;
