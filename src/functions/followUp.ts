/**
 * The follow-up family (shared/DOMAIN.md §11, §7): the customers to call before they go (at risk),
 * those who went this period (win back) and those it won (new customers), from a transaction table.
 *
 * Signatures spell out unknown[][] and CustomFunctions.Invocation: the metadata generator reads the
 * type text literally and does not resolve aliases.
 */
import { fitBgNbd, probabilityAlive } from "../core/clv/betaGeometricNbd";
import { customersAtRisk } from "../core/clv/customersAtRisk";
import { lapsedCustomers, newCustomers, overdueCustomers, type OverdueCustomer } from "../core/followUpLists";
import { CxError } from "../core/errors";
import type { CustomerHistories } from "../core/prep/summarizeTransactions";
import { requireCount } from "../core/validate";
import { isoDateOfSerial } from "../core/dates";
import { label } from "../i18n/labels";
import { Call, run } from "./call";
import { cellDate, optionalChoice, optionalDate, optionalNumber, optionalScalar } from "./coerce";
import { languageArgument, readHistories } from "./arguments";

type Rule = "overdue" | "all";
const RULES: Readonly<Record<string, Rule>> = { overdue: "overdue", all: "all", 逾期: "overdue", 全部: "all" };

/** The lapse window when none is given: 90 days, as the periodic functions' default for months. */
const DEFAULT_LAPSE_DAYS = 90;

/**
 * Early warning (流失预警, DOMAIN.md §11): customers still in the active base (days since their last purchase < lapse_days) who are overdue: two or more purchase days, and days since the last ≥ 1.5 × their usual interval between purchases. Ranked by expected value at risk = (1 − P(alive)) × historical value, P(alive) from the BG/NBD model fitted to all the transactions (as CX.CLV_FIT fits it). With rule "all", every customer ranked by value at risk, as before §11 (the long lapsed come first there). Spills a header and the top customers.
 * @customfunction AT_RISK
 * @param customer_ids The customer id of each purchase.
 * @param dates The date of each purchase.
 * @param amounts The amount of each purchase (not negative).
 * @param [top] How many customers to list. Default 10.
 * @param [as_of] End of the observation period. Default: the last purchase date.
 * @param [language] Headers: "en-US" or "zh-CN". Default: Office's language.
 * @param [lapse_days] The lapse window in days: a customer with no purchase for this long has left the active base. Default 90.
 * @param [rule] "overdue" (default: active and overdue, DOMAIN §11) or "all" (every customer by value at risk).
 * @param invocation Invocation
 * @returns "overdue": customer, days since last purchase, usual interval (days), historical value, P(alive), value at risk; "all": customer, historical value, P(alive), value at risk. The largest value at risk first.
 * @requiresParameterAddresses
 */
export function AT_RISK(customer_ids: unknown[][], dates: unknown[][], amounts: unknown[][], top: unknown, as_of: unknown, language: unknown, lapse_days: unknown, rule: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "dates", "amounts", "top", "as_of", "language", "lapse_days", "rule"], invocation);
  return run(call, () => {
    const locale = languageArgument(call, language);
    const count = requireCount(optionalNumber(call, "top", top) ?? 10, "top");
    const lapseDays = optionalNumber(call, "lapse_days", lapse_days) ?? DEFAULT_LAPSE_DAYS;
    const chosen = optionalChoice(call, "rule", rule, RULES) ?? "overdue";
    const asOf = optionalDate(call, "as_of", as_of);
    const headers = (keys: readonly Parameters<typeof label>[0][]): string[] => keys.map((key) => label(key, locale));
    if (chosen === "all") {
      // Only the purchase model: the spend model (Gamma-Gamma) plays no part in the value at risk.
      const histories = readHistories(call, customer_ids, dates, amounts, asOf, "weeks");
      const purchases = fitBgNbd(histories);
      const ranked = customersAtRisk(histories, purchases.parameters, count).map((c) => [histories.customers[c.index], c.historicalValue, c.probabilityAlive, c.valueAtRisk]);
      return [headers(["customer", "historicalValue", "probabilityAlive", "valueAtRisk"]) as unknown[]].concat(ranked);
    }
    const histories = readHistories(call, customer_ids, dates, amounts, asOf, "days");
    const ranked = rankedOverdue(histories, overdueCustomers(histories, lapseDays)).slice(0, count);
    return [
      headers(["customer", "daysSinceLast", "usualInterval", "historicalValue", "probabilityAlive", "valueAtRisk"]),
      ...ranked.map((c) => [histories.customers[c.index], c.daysSinceLast, c.usualInterval, c.historicalValue, c.probabilityAlive ?? "", c.valueAtRisk ?? ""]),
    ];
  });
}

/**
 * The overdue customers by (1 − P(alive)) × historical value, P(alive) from BG/NBD fitted to every
 * customer's history in weeks (the days' histories over 7, as CX.CLV_FIT fits it); where no model can
 * be fitted, by historical value with P(alive) left blank (§11). Ties: larger value, then first seen.
 */
function rankedOverdue(histories: CustomerHistories, overdue: readonly OverdueCustomer[]): (OverdueCustomer & { probabilityAlive?: number; valueAtRisk?: number })[] {
  const weeks = { ...histories, recency: histories.recency.map((d) => d / 7), age: histories.age.map((d) => d / 7), timeUnit: "weeks" as const };
  let parameters: ReturnType<typeof fitBgNbd>["parameters"] | undefined;
  if (overdue.length > 0) {
    try {
      parameters = fitBgNbd(weeks).parameters;
    } catch (error) {
      if (!(error instanceof CxError)) throw error;
    }
  }
  const scored = overdue.map((c) => {
    if (parameters === undefined) return c;
    const alive = probabilityAlive(parameters, weeks.frequency[c.index] as number, weeks.recency[c.index] as number, weeks.age[c.index] as number);
    return { ...c, probabilityAlive: alive, valueAtRisk: (1 - alive) * c.historicalValue };
  });
  const key = (c: { historicalValue: number; valueAtRisk?: number }): number => c.valueAtRisk ?? c.historicalValue;
  return scored.sort((a, b) => key(b) - key(a) || b.historicalValue - a.historicalValue || a.index - b.index);
}

/**
 * Win back (挽回名单, DOMAIN.md §11): the customers who lapsed in the period from period_start to period_end, as CX.CUSTOMER_BRIDGE counts its lapsed: in the active base the day before the period, no purchase in it, and their last purchase + lapse_days falls in it. Ranked by historical value (everything they spent up to period_end). Spills a header and the top customers.
 * @customfunction WIN_BACK
 * @param customer_ids The customer id of each purchase.
 * @param dates The date of each purchase.
 * @param amounts The amount of each purchase (not negative).
 * @param period_start The period's first day.
 * @param period_end The period's last day.
 * @param [lapse_days] The lapse window in days. Default 90.
 * @param [top] How many customers to list. Default 10.
 * @param [language] Headers: "en-US" or "zh-CN". Default: Office's language.
 * @param invocation Invocation
 * @returns customer, last purchase, lapsed on, historical value; the largest value first.
 * @requiresParameterAddresses
 */
export function WIN_BACK(customer_ids: unknown[][], dates: unknown[][], amounts: unknown[][], period_start: unknown, period_end: unknown, lapse_days: unknown, top: unknown, language: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "dates", "amounts", "period_start", "period_end", "lapse_days", "top", "language"], invocation);
  return run(call, () => {
    const locale = languageArgument(call, language);
    const { start, end } = readPeriod(call, period_start, period_end);
    const lapseDays = optionalNumber(call, "lapse_days", lapse_days) ?? DEFAULT_LAPSE_DAYS;
    const count = requireCount(optionalNumber(call, "top", top) ?? 10, "top");
    const histories = readHistories(call, customer_ids, dates, amounts, end, "days");
    const header = (["customer", "lastPurchase", "lapsedOn", "historicalValue"] as const).map((key) => label(key, locale));
    return [header, ...lapsedCustomers(histories, start, end, lapseDays, count).map((c) => [histories.customers[c.index], c.lastPurchase, c.lapsedOn, c.historicalValue])];
  });
}

/** A period's first and last day, whole days, the last not before the first. */
function readPeriod(call: Call, period_start: unknown, period_end: unknown): { start: number; end: number } {
  const start = Math.floor(cellDate(call, "period_start", optionalScalar(call, "period_start", period_start), 0));
  const end = Math.floor(cellDate(call, "period_end", optionalScalar(call, "period_end", period_end), 0));
  if (end < start) throw new CxError("value", "periodBackwards", { arg: "period_end", value: isoDateOfSerial(end), first: "period_start", start: isoDateOfSerial(start) }, { argument: "period_end" });
  return { start, end };
}

/**
 * New customers (新增客户名单): the customers whose first purchase ever falls in the period from period_start to period_end, as CX.CUSTOMER_BRIDGE counts its new, to welcome. Ranked by revenue in the period (purchases after period_end left out). Spills a header and the top customers.
 * @customfunction NEW_CUSTOMERS
 * @param customer_ids The customer id of each purchase.
 * @param dates The date of each purchase.
 * @param amounts The amount of each purchase (not negative).
 * @param period_start The period's first day.
 * @param period_end The period's last day.
 * @param [top] How many customers to list. Default 10.
 * @param [language] Headers: "en-US" or "zh-CN". Default: Office's language.
 * @param invocation Invocation
 * @returns customer, first purchase, revenue in the period; the largest revenue first.
 * @requiresParameterAddresses
 */
export function NEW_CUSTOMERS(customer_ids: unknown[][], dates: unknown[][], amounts: unknown[][], period_start: unknown, period_end: unknown, top: unknown, language: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "dates", "amounts", "period_start", "period_end", "top", "language"], invocation);
  return run(call, () => {
    const locale = languageArgument(call, language);
    const { start, end } = readPeriod(call, period_start, period_end);
    const count = requireCount(optionalNumber(call, "top", top) ?? 10, "top");
    const histories = readHistories(call, customer_ids, dates, amounts, end, "days");
    const header = (["customer", "firstPurchase", "periodRevenue"] as const).map((key) => label(key, locale));
    return [header, ...newCustomers(histories, start, count).map((c) => [histories.customers[c.index], c.firstPurchase, c.revenue])];
  });
}

