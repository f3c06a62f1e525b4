import { metricNames, type MetricName } from "./labels";
import { fillTemplate, type Locale, type Localized } from "./locale";

/**
 * Every error message the add-in can show in a cell, in both languages. Placeholders:
 * {arg} the argument's name, {at} where in it (" (Sheet1!B7)" or " at row 3, column 1", possibly
 * empty), {value} the offending value; others as named. Excel shows a custom message only for
 * #VALUE! and #N/A, so the messages that matter most are on those.
 */
export const errorMessages = {
  notNumber: {
    "en-US": "{arg}{at}: {value} is not a number.",
    "zh-CN": "{arg}{at}：{value} 不是数字。",
  },
  blankValue: {
    "en-US": "{arg}{at} is blank; enter a value.",
    "zh-CN": "{arg}{at}为空，请输入数值。",
  },
  errorValue: {
    "en-US": "{arg}{at} holds the error {value}; fix that cell first.",
    "zh-CN": "{arg}{at}包含错误值 {value}，请先修正该单元格。",
  },
  badOption: {
    "en-US": "{arg}: {value} is not one of {allowed}.",
    "zh-CN": "{arg}：{value} 不是可选值（{allowed}）之一。",
  },
  badDate: {
    "en-US": "{arg}{at}: {value} is not a date; use a date cell or text such as 2024-03-31.",
    "zh-CN": "{arg}{at}：{value} 不是日期，请使用日期单元格或 2024-03-31 这样的文本。",
  },
  dateOutOfRange: {
    "en-US": "{arg}{at}: {value} is outside Excel's dates (1900-01-01 to 9999-12-31).",
    "zh-CN": "{arg}{at}：{value} 超出了 Excel 的日期范围（1900-01-01 至 9999-12-31）。",
  },
  shapeMismatch: {
    "en-US": "{arg} is {shape} but {other} is {otherShape}; give ranges of the same size.",
    "zh-CN": "{arg}为 {shape}，而 {other}为 {otherShape}，请提供大小相同的区域。",
  },
  countMismatch: {
    "en-US": "{arg} has {count} values but {expected} are needed (one per {per}).",
    "zh-CN": "{arg}有 {count} 个值，但需要 {expected} 个（每个{per}一个）。",
  },
  emptyRange: {
    "en-US": "{arg} holds no values.",
    "zh-CN": "{arg}中没有数据。",
  },
  noAnswers: {
    "en-US": "{arg} holds no answers (every cell is blank).",
    "zh-CN": "{arg}中没有答案（所有单元格均为空）。",
  },
  negative: {
    "en-US": "{arg}{at} is {value}; it cannot be negative.",
    "zh-CN": "{arg}{at}为 {value}，不能为负数。",
  },
  lapseWindow: {
    "en-US": "{arg}{at} is {value}; with period \"{period}\" it must be a whole number of days, at least {min} (the longest such period), or the customer bridge is not well defined.",
    "zh-CN": "{arg}{at}为 {value}；按 \"{period}\" 统计时必须是不少于 {min} 的整数天数（最长一期的天数），否则客户桥表没有明确定义。",
  },
  lapseWindowDays: {
    "en-US": "{arg}{at} is {value}; it must be a whole number of days, at least 1.",
    "zh-CN": "{arg}{at}为 {value}，必须是不少于 1 的整数天数。",
  },
  periodBackwards: {
    "en-US": "{arg}{at} is {value}, before {first} ({start}).",
    "zh-CN": "{arg}{at}为 {value}，早于 {first}（{start}）。",
  },
  tooManyPeriods: {
    "en-US": "{arg} run from {from} to {to}: {count} {periods}, more than the {max} a table shows. Check the dates for a wrong year, give from and to, or report by a longer period.",
    "zh-CN": "{arg}从 {from} 到 {to}，共 {count} 个周期（{periods}），超过表格可显示的 {max} 个。请检查日期年份是否有误，给出 from 和 to，或改用更长的周期。",
  },
  tooManyUnits: {
    "en-US": "{arg} holds {count} different units, more than the {max} a by-unit table shows. Choose a coarser unit column (region rather than store), or filter the rows first.",
    "zh-CN": "{arg}共有 {count} 个不同的单元，超过分单元表可显示的 {max} 个。请改用更粗的单元列（如用区域代替门店），或先筛选数据行。",
  },
  fromAfterData: {
    "en-US": "{arg}{at} is {value}, after the last purchase; give to as well, or an earlier date.",
    "zh-CN": "{arg}{at}为 {value}，晚于最后一笔购买；请同时给出 to，或使用更早的日期。",
  },
  toBeforeFrom: {
    "en-US": "{arg}{at} is {value}, before the table's first period (from, or the first purchase).",
    "zh-CN": "{arg}{at}为 {value}，早于表格的第一期（from 或第一笔购买）。",
  },
  noStartCustomers: {
    "en-US": "{value}: no customers at the start of the period, so there is no churn rate.",
    "zh-CN": "{value}：期初没有活跃客户，因此没有流失率。",
  },
  noPreviousRevenue: {
    "en-US": "{value}: no revenue in the period before, so there is no net revenue retention.",
    "zh-CN": "{value}：上期没有收入，因此没有净收入留存率。",
  },
  noOrders: {
    "en-US": "{value}: no orders in the period, so there is no average order value.",
    "zh-CN": "{value}：本期没有订单，因此没有客单价。",
  },
  noPreviousRevenueChange: {
    "en-US": "{value}: no revenue in the period before, so there is no change on it.",
    "zh-CN": "{value}：上期没有收入，因此没有环比。",
  },
  noCompanyRevenue: {
    "en-US": "{value}: the company has no revenue in the period, so there is no share of it.",
    "zh-CN": "{value}：公司本期没有收入，因此没有收入占比。",
  },
  noBuyers: {
    "en-US": "{value}: no buyers in the period.",
    "zh-CN": "{value}：本期没有购买客户。",
  },
  notWhole: {
    "en-US": "{arg}{at} is {value}; it must be a whole number.",
    "zh-CN": "{arg}{at}为 {value}，必须是整数。",
  },
  outOfRange: {
    "en-US": "{arg}{at} is {value}; it must be from {min} to {max}.",
    "zh-CN": "{arg}{at}为 {value}，必须在 {min} 到 {max} 之间。",
  },
  notFraction: {
    "en-US": "{arg}{at} is {value}; enter a fraction from {min} to {max} (for 40 % enter 0.4 or 40%).",
    "zh-CN": "{arg}{at}为 {value}，请输入 {min} 到 {max} 之间的小数（40% 请输入 0.4 或 40%）。",
  },
  npsAnswer: {
    "en-US": "{arg}{at}: {value} is not an NPS answer; answers are whole numbers from 0 to 10.",
    "zh-CN": "{arg}{at}：{value} 不是有效的 NPS 答案，答案应为 0 到 10 的整数。",
  },
  scaleAnswer: {
    "en-US": "{arg}{at}: {value} is not an answer on the 1 to {max} scale.",
    "zh-CN": "{arg}{at}：{value} 不是 1 到 {max} 量表上的答案。",
  },
  exceeds: {
    "en-US": "{arg}{at} is {value}, more than {other} ({otherValue}).",
    "zh-CN": "{arg}{at}为 {value}，大于{other}（{otherValue}）。",
  },
  zeroDenominator: {
    "en-US": "{arg}{at} is 0, so {metric} cannot be calculated.",
    "zh-CN": "{arg}{at}为 0，无法计算{metric}。",
  },
  missingArgument: {
    "en-US": "{arg} is needed when {other} is {value}.",
    "zh-CN": "当{other}为 {value} 时，需要提供{arg}。",
  },
  neverEnds: {
    "en-US": "retention_rate is 1 and discount_rate is 0, so the value never ends; lower one of them.",
    "zh-CN": "retention_rate 为 1 且 discount_rate 为 0，价值无限大，请调低其中之一。",
  },
  noVariation: {
    "en-US": "{arg}: no measure varies across customers, so there is nothing to score them on.",
    "zh-CN": "{arg}：没有任何指标在客户之间存在差异，无法评分。",
  },
  weightsZero: {
    "en-US": "{arg}: the weights add up to 0.",
    "zh-CN": "{arg}：权重之和为 0。",
  },
  noTransactions: {
    "en-US": "{arg} holds no transactions on or before the as-of date {value}.",
    "zh-CN": "{arg}中没有截至 {value}（含）的交易。",
  },
  overflow: {
    "en-US": "The result is too large to calculate; check {arg}.",
    "zh-CN": "结果过大，无法计算，请检查{arg}。",
  },
  sumOverflow: {
    "en-US": "{arg}: customer {customer}'s amounts add up to more than a number can hold (about 1.8e308); check them for a typing error.",
    "zh-CN": "{arg}：客户 {customer} 的金额合计超出数值上限（约 1.8e308），请检查是否录入有误。",
  },
  noRepeatBuyers: {
    "en-US": "{arg}: none of the {customers} customers bought more than once, so nothing shows how often they come back. Use purchases over a longer time, or CX.CLV with an estimated lifespan.",
    "zh-CN": "{arg}：{customers} 位客户中没有人重复购买，无法得知客户多久回购一次。请使用更长时间的购买记录，或用 CX.CLV 并估计客户寿命。",
  },
  noSpend: {
    "en-US": "{arg}: every repeat purchase has an amount of 0, so the spend model has nothing to learn from. Give the purchases' amounts.",
    "zh-CN": "{arg}：所有重复购买的金额均为 0，消费模型无从学习。请提供购买金额。",
  },
  tooFewRepeatBuyers: {
    "en-US": "{arg}: only {count} customers bought more than once; at least {min} are needed to fit the model.",
    "zh-CN": "{arg}：仅有 {count} 位客户重复购买，拟合模型至少需要 {min} 位。",
  },
  fitDidNotSettle: {
    "en-US": "{arg}: the {model} model could not be fitted to these purchases, not even with a penalty; use more customers or a longer history, or CX.CLV with an estimated lifespan.",
    "zh-CN": "{arg}：即使加入惩罚项也无法用这些购买记录拟合 {model} 模型；请使用更多客户或更长的历史，或用 CX.CLV 并估计客户寿命。",
  },
  spendTooUniform: {
    "en-US": "{arg}: the {model} model could not be fitted: spend per purchase hardly differs between customers (or overflows); CX.CLV with the average order value serves instead.",
    "zh-CN": "{arg}：无法拟合 {model} 模型：客户之间的每次消费金额几乎没有差异（或数值溢出）；可改用 CX.CLV 与平均订单金额。",
  },
  notSingleValue: {
    "en-US": "{arg} must be a single value, not a range of {shape}.",
    "zh-CN": "{arg}必须是单个值，而不是 {shape} 的区域。",
  },
  textNotNumber: {
    "en-US": "{arg}{at}: {value} is text, not a number; convert the cells to numbers.",
    "zh-CN": "{arg}{at}：{value} 是文本而不是数字，请将单元格转换为数字。",
  },
  notPositive: {
    "en-US": "{arg}{at} is {value}; it must be greater than 0.",
    "zh-CN": "{arg}{at}为 {value}，必须大于 0。",
  },
  recencyNoRepeats: {
    "en-US": "{arg}{at} is {value}, but with no repeat purchases ({other} = 0) it must be 0.",
    "zh-CN": "{arg}{at}为 {value}，但没有重复购买（{other} = 0）时应为 0。",
  },
  recencyWithoutRepeats: {
    "en-US": "t_x{at} is {value}, but with no repeat purchases (x = 0) it must be 0.",
    "zh-CN": "t_x{at}为 {value}，但没有重复购买（x = 0）时应为 0。",
  },
  internal: {
    "en-US": "Unexpected problem in the add-in: {value}. Please report it.",
    "zh-CN": "加载项出现意外问题：{value}。请反馈此问题。",
  },
} as const satisfies Record<string, Localized>;

export type MessageKey = keyof typeof errorMessages;

export type MessageParams = Readonly<Record<string, string | number>>;

/** The message for `key` in `locale`, with its placeholders filled. */
export function formatMessage(key: MessageKey, params: MessageParams, locale: Locale): string {
  const metric = params["metric"];
  const localizedMetric =
    typeof metric === "string" && metric in metricNames ? { metric: metricNames[metric as MetricName][locale] } : {};
  return fillTemplate(errorMessages[key][locale], { at: "", ...params, ...localizedMetric });
}

/** How a position inside an argument reads: a cell address where Excel gave one, else row and column. */
export function formatPosition(
  position: { readonly address?: string; readonly row?: number; readonly column?: number },
  locale: Locale,
): string {
  if (position.address !== undefined) return locale === "zh-CN" ? `（${position.address}）` : ` (${position.address})`;
  if (position.row === undefined) return "";
  const column = position.column ?? 1;
  return locale === "zh-CN"
    ? ` 第 ${position.row} 行第 ${column} 列`
    : ` at row ${position.row}, column ${column}`;
}
