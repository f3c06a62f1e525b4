/**
 * The lifetime-value family: the simple and retention-based CLV, the BG/NBD and Gamma-Gamma fits and forecasts, P(alive) and expected purchases. (The follow-up lists that use P(alive) are earlyWarning.ts.)
 *
 * Signatures spell out unknown[][] and CustomFunctions.Invocation: the metadata generator reads the
 * type text literally and does not resolve aliases.
 */
import { expectedPurchases, fitBgNbd, probabilityAlive, requireHistoryAndParameters } from "../core/clv/betaGeometricNbd";
import { forecastCustomerValue } from "../core/clv/customerValueForecast";
import { fitGammaGamma } from "../core/clv/gammaGamma";
import { historiesFromSummaries } from "../core/prep/customerSummaries";
import type { CustomerHistories, TimeUnit } from "../core/prep/summarizeTransactions";
import { CxError, isCxError } from "../core/errors";
import { requireInRange } from "../core/validate";
import { customerLifetimeValue } from "../core/customerLifetimeValue";
import type { CustomerId } from "../core/prep/groupCustomers";
import { retentionLifetimeValue } from "../core/retentionLifetimeValue";
import { label } from "../i18n/labels";
import type { Locale } from "../i18n/locale";
import { Call, run } from "./call";
import { optionalChoice, optionalDate, optionalNumber, requiredNumber } from "./coerce";
import { elementwise } from "./elementwise";
import { readHistories } from "./arguments";
import { readRecords } from "./records";

/**
 * Customer lifetime value: average order value × purchases per period × lifespan × gross margin; with a discount rate, the sum of each period's value discounted. =CX.CLV(100,4,5) is 2000. Ranges of equal size give one value per row.
 * @customfunction CLV
 * @param avg_order_value Average order value (revenue per order), in currency.
 * @param purchases_per_period Purchases per customer per period (e.g. 4 a year).
 * @param lifespan_periods Customer lifespan in the same periods (e.g. 5 years).
 * @param [gross_margin] Gross margin as a fraction, e.g. 0.4 or 40%. Default 1 (revenue CLV).
 * @param [discount_rate] Discount rate per period as a fraction, e.g. 0.1. Default 0 (no discounting).
 * @param invocation Invocation
 * @returns Lifetime value per customer, in currency.
 * @requiresParameterAddresses
 */
export function CLV(avg_order_value: unknown[][], purchases_per_period: unknown[][], lifespan_periods: unknown[][], gross_margin: unknown[][], discount_rate: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["avg_order_value", "purchases_per_period", "lifespan_periods", "gross_margin", "discount_rate"], invocation);
  return run(call, () =>
    elementwise(call, [
      { name: "avg_order_value", value: avg_order_value },
      { name: "purchases_per_period", value: purchases_per_period },
      { name: "lifespan_periods", value: lifespan_periods },
      { name: "gross_margin", value: gross_margin, optional: true },
      { name: "discount_rate", value: discount_rate, optional: true },
    ], ([aov, frequency, lifespan, margin, rate]) =>
      customerLifetimeValue({
        averageOrderValue: aov as number, purchasesPerPeriod: frequency as number, lifespanPeriods: lifespan as number,
        ...(margin === undefined ? {} : { grossMargin: margin }),
        ...(rate === undefined ? {} : { discountRate: rate }),
      })),
  );
}

/**
 * Retention-based lifetime value (Gupta-Lehmann): margin × retention / (1 + discount rate − retention). =CX.CLV_RETENTION(100,0.8,0.1) is 266.67.
 * @customfunction CLV_RETENTION
 * @param margin Margin per customer per period, in currency.
 * @param retention_rate Share of customers kept each period, as a fraction (e.g. 0.8).
 * @param [discount_rate] Discount rate per period as a fraction. Default 0.
 * @param invocation Invocation
 * @returns Lifetime value per customer, in currency.
 * @requiresParameterAddresses
 */
export function CLV_RETENTION(margin: unknown[][], retention_rate: unknown[][], discount_rate: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["margin", "retention_rate", "discount_rate"], invocation);
  return run(call, () =>
    elementwise(call, [
      { name: "margin", value: margin },
      { name: "retention_rate", value: retention_rate },
      { name: "discount_rate", value: discount_rate, optional: true },
    ], ([m, r, i]) => retentionLifetimeValue(m as number, r as number, i ?? 0)),
  );
}

const TIME_UNITS: Readonly<Record<string, TimeUnit>> = {
  weeks: "weeks", week: "weeks", days: "days", day: "days", months: "months", month: "months", 周: "weeks", 天: "days", 日: "days", 月: "months",
};

/** Reads a transaction table and summarises each customer as the BG/NBD and Gamma-Gamma models take it. */
/** Reads a transaction table and fits both lifetime-value models to it (#NUM! when either cannot be fitted). */
function readAndFit(call: Call, customer_ids: unknown, dates: unknown, amounts: unknown, asOf: number | undefined, timeUnit: TimeUnit): {
  histories: CustomerHistories;
  purchases: ReturnType<typeof fitBgNbd>;
  spend: ReturnType<typeof fitGammaGamma>;
} {
  const histories = readHistories(call, customer_ids, dates, amounts, asOf, timeUnit);
  return { histories, ...fitModels(histories) };
}

/**
 * Fits the probabilistic lifetime-value models to a transaction table: BG/NBD (who is still buying, and how often) and Gamma-Gamma (how much per purchase). Spills a labelled table of the parameters, log-likelihoods, customers, repeat buyers and how each model was fitted: "maximum likelihood", or "penalised 0.001" (and so on) where small data put the maximum on a boundary (forecasts then lean towards the average customer, more so the larger the penalty). Matches the published CDNOW fits.
 * @customfunction CLV_FIT
 * @param customer_ids The customer id of each purchase.
 * @param dates The date of each purchase.
 * @param amounts The amount of each purchase (not negative).
 * @param [as_of] End of the observation period. Default: the last purchase date.
 * @param [time_unit] "weeks" (default), "days" or "months": the unit of the fitted rate parameters.
 * @param invocation Invocation
 * @returns A two-column table: parameter, value.
 * @requiresParameterAddresses
 */
export function CLV_FIT(customer_ids: unknown[][], dates: unknown[][], amounts: unknown[][], as_of: unknown, time_unit: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "dates", "amounts", "as_of", "time_unit"], invocation);
  return run(call, () => {
    const unit = optionalChoice(call, "time_unit", time_unit, TIME_UNITS) ?? "weeks";
    const { purchases, spend } = readAndFit(call, customer_ids, dates, amounts, optionalDate(call, "as_of", as_of), unit);
    return fitTable(call, purchases, spend, unit);
  });
}

/** The two-column table CLV_FIT and CLV_FIT_SUMMARY spill: parameters, log-likelihoods, customers, unit, convergence. */
function fitTable(call: Call, purchases: ReturnType<typeof fitBgNbd>, spend: ReturnType<typeof fitGammaGamma>, unit: TimeUnit): unknown[][] {
  const l = (key: Parameters<typeof label>[0]): string => label(key, call.locale);
  return [
    [l("parameter"), l("value")],
    ["BG/NBD r", purchases.parameters.r],
    ["BG/NBD alpha", purchases.parameters.alpha],
    ["BG/NBD a", purchases.parameters.a],
    ["BG/NBD b", purchases.parameters.b],
    [l("bgNbdLogLikelihood"), purchases.logLikelihood],
    ["Gamma-Gamma p", spend.parameters.p],
    ["Gamma-Gamma q", spend.parameters.q],
    ["Gamma-Gamma v", spend.parameters.v],
    [l("gammaGammaLogLikelihood"), spend.logLikelihood],
    [l("customers"), purchases.customers],
    [l("repeatBuyers"), purchases.repeatBuyers],
    [l("timeUnit"), l(unit)],
    [l("converged"), purchases.converged && spend.converged],
    // How each model was fitted: at the likelihood's maximum, or penalised where that lies on a boundary
    [l("bgNbdFit"), fitKind(purchases.penalty, call.locale)],
    [l("gammaGammaFit"), fitKind(spend.penalty, call.locale)],
  ];
}

/** A fit's kind as the table says it: "maximum likelihood", or "penalised 0.001" (lifetimes' penalizer_coef). */
function fitKind(penalty: number, locale: Locale): string {
  return penalty === 0 ? label("maximumLikelihood", locale) : `${label("penalised", locale)} ${penalty}`;
}

/**
 * Probabilistic customer lifetime value for each customer: fits BG/NBD and Gamma-Gamma to the transactions, then forecasts each customer's chance of still being active, purchases and spend over the horizon, and the discounted margin (CLV). Spills one row per customer with a header.
 * @customfunction CLV_PREDICT
 * @param customer_ids The customer id of each purchase.
 * @param dates The date of each purchase.
 * @param amounts The amount of each purchase (not negative).
 * @param horizon_months How many months ahead to forecast (e.g. 12).
 * @param [discount_rate] Discount rate per month as a fraction (e.g. 0.01). Default 0.
 * @param [gross_margin] Gross margin as a fraction. Default 1 (revenue).
 * @param [as_of] End of the observation period. Default: the last purchase date.
 * @param invocation Invocation
 * @returns customer, x, t_x, T (weeks), P(alive), expected purchases, expected spend per purchase, CLV.
 * @requiresParameterAddresses
 */
export function CLV_PREDICT(customer_ids: unknown[][], dates: unknown[][], amounts: unknown[][], horizon_months: unknown, discount_rate: unknown, gross_margin: unknown, as_of: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "dates", "amounts", "horizon_months", "discount_rate", "gross_margin", "as_of"], invocation);
  return run(call, () => {
    const horizon = requiredNumber(call, "horizon_months", horizon_months);
    const rate = optionalNumber(call, "discount_rate", discount_rate) ?? 0;
    const margin = optionalNumber(call, "gross_margin", gross_margin) ?? 1;
    const { histories, purchases, spend } = readAndFit(call, customer_ids, dates, amounts, optionalDate(call, "as_of", as_of), "weeks");
    return forecastTable(call, histories, purchases.parameters, spend.parameters, { horizonMonths: horizon, monthlyDiscountRate: rate, grossMargin: margin });
  });
}

/** The per-customer table CLV_PREDICT and CLV_PREDICT_SUMMARY spill. */
function forecastTable(call: Call, histories: CustomerHistories, purchases: ReturnType<typeof fitBgNbd>["parameters"], spend: ReturnType<typeof fitGammaGamma>["parameters"], options: Parameters<typeof forecastCustomerValue>[3]): unknown[][] {
  const forecast = forecastCustomerValue(histories, purchases, spend, options);
  const table: unknown[][] = [
    (["customer", "repeatPurchases", "lastPurchaseTime", "customerAge", "probabilityAlive", "expectedPurchases", "expectedSpend", "clv"] as const).map((key) => label(key, call.locale)),
  ];
  histories.customers.forEach((customer, i) => {
    table.push([
      customer, histories.frequency[i], histories.recency[i], histories.age[i],
      forecast.probabilityAlive[i], forecast.expectedPurchases[i], forecast.expectedSpend[i], forecast.lifetimeValue[i],
    ]);
  });
  return table;
}

/** Reads per-customer summaries (one row each) as the fits take them. */
function readSummaries(call: Call, args: { customer_ids?: unknown; frequency: unknown; recency: unknown; age: unknown; monetary: unknown }, timeUnit: TimeUnit): CustomerHistories {
  const withIds = args.customer_ids !== undefined;
  const records = readRecords(call, [
    ...(withIds ? [{ name: "customer_ids", value: args.customer_ids, kind: "id" as const }] : []),
    { name: "frequency", value: args.frequency, kind: "number" },
    { name: "recency", value: args.recency, kind: "number" },
    { name: "age", value: args.age, kind: "number" },
    { name: "monetary", value: args.monetary, kind: "number" },
  ]);
  const [frequency, recency, age, monetary] = records.columns.slice(withIds ? 1 : 0) as Float64Array[];
  return historiesFromSummaries({
    ...(withIds ? { customers: records.columns[0] as CustomerId[] } : {}),
    frequency: frequency as Float64Array, recency: recency as Float64Array, age: age as Float64Array, monetary: monetary as Float64Array, timeUnit,
  });
}

/** Fits both lifetime-value models to customers' histories (#NUM! when either cannot be fitted). */
function fitModels(histories: CustomerHistories, from: "transactions" | "summaries" = "transactions"): { purchases: ReturnType<typeof fitBgNbd>; spend: ReturnType<typeof fitGammaGamma> } {
  try {
    return { purchases: fitBgNbd(histories), spend: fitGammaGamma({ frequency: histories.frequency, meanSpend: histories.meanRepeatSpend }) };
  } catch (error) {
    // The core names the transactions' arguments (customer_ids, amounts); from per-customer summaries,
    // the purchases are the frequency column and the spend the monetary column.
    if (from === "transactions" || !isCxError(error)) throw error;
    const renamed = SUMMARY_ARGUMENTS[error.location.argument ?? ""];
    if (renamed === undefined) throw error;
    throw new CxError(error.kind, error.key, { ...error.params, arg: renamed }, { ...error.location, argument: renamed });
  }
}

/** The summary functions' argument for each of the transactions' that a failed fit names. */
const SUMMARY_ARGUMENTS: Readonly<Record<string, string>> = { customer_ids: "frequency", amounts: "monetary" };

/**
 * The fit of CX.CLV_FIT from per-customer summaries instead of transactions (a summary table a database query loads): BG/NBD and Gamma-Gamma on each customer's repeat purchases (frequency), time of the last purchase (recency), age (T) and mean repeat spend (monetary), lifetimes' convention. Spills the same table as CX.CLV_FIT.
 * @customfunction CLV_FIT_SUMMARY
 * @param frequency Each customer's repeat purchases x (purchase days − 1).
 * @param recency Each customer's time from the first to the last purchase (t_x), in time_unit.
 * @param age Each customer's time from the first purchase to the end of observation (T), in time_unit.
 * @param monetary Each customer's mean spend on repeat purchase days (0 without repeats).
 * @param [time_unit] The unit of recency and age: "weeks" (default), "days" or "months".
 * @param invocation Invocation
 * @returns A two-column table: parameter, value.
 * @requiresParameterAddresses
 */
export function CLV_FIT_SUMMARY(frequency: unknown[][], recency: unknown[][], age: unknown[][], monetary: unknown[][], time_unit: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["frequency", "recency", "age", "monetary", "time_unit"], invocation);
  return run(call, () => {
    const unit = optionalChoice(call, "time_unit", time_unit, TIME_UNITS) ?? "weeks";
    const { purchases, spend } = fitModels(readSummaries(call, { frequency, recency, age, monetary }, unit), "summaries");
    return fitTable(call, purchases, spend, unit);
  });
}

/**
 * Probabilistic CLV per customer from per-customer summaries (a summary table a database query loads): fits BG/NBD and Gamma-Gamma as CX.CLV_FIT_SUMMARY does, then forecasts as CX.CLV_PREDICT does. Spills one row per customer with a header.
 * @customfunction CLV_PREDICT_SUMMARY
 * @param customer_ids Each customer's id, one row per customer.
 * @param frequency Each customer's repeat purchases x.
 * @param recency Each customer's time from the first to the last purchase (t_x), in time_unit.
 * @param age Each customer's time from the first purchase to the end of observation (T), in time_unit.
 * @param monetary Each customer's mean spend on repeat purchase days (0 without repeats).
 * @param horizon_months How many months ahead to forecast (e.g. 12).
 * @param [discount_rate] Discount rate per month as a fraction (e.g. 0.01). Default 0.
 * @param [gross_margin] Gross margin as a fraction. Default 1 (revenue).
 * @param [time_unit] The unit of recency and age: "weeks" (default), "days" or "months".
 * @param invocation Invocation
 * @returns customer, x, t_x, T, P(alive), expected purchases, expected spend per purchase, CLV.
 * @requiresParameterAddresses
 */
export function CLV_PREDICT_SUMMARY(customer_ids: unknown[][], frequency: unknown[][], recency: unknown[][], age: unknown[][], monetary: unknown[][], horizon_months: unknown, discount_rate: unknown, gross_margin: unknown, time_unit: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "frequency", "recency", "age", "monetary", "horizon_months", "discount_rate", "gross_margin", "time_unit"], invocation);
  return run(call, () => {
    const horizon = requiredNumber(call, "horizon_months", horizon_months);
    const rate = optionalNumber(call, "discount_rate", discount_rate) ?? 0;
    const margin = optionalNumber(call, "gross_margin", gross_margin) ?? 1;
    const unit = optionalChoice(call, "time_unit", time_unit, TIME_UNITS) ?? "weeks";
    const histories = readSummaries(call, { customer_ids, frequency, recency, age, monetary }, unit);
    const { purchases, spend } = fitModels(histories, "summaries");
    return forecastTable(call, histories, purchases.parameters, spend.parameters, { horizonMonths: horizon, monthlyDiscountRate: rate, grossMargin: margin });
  });
}

/**
 * Probability that a customer is still active (BG/NBD), from their repeat purchases x, last purchase time t_x and age T, and fitted parameters (e.g. from CX.CLV_FIT). Ranges of equal size give one value per row.
 * @customfunction P_ALIVE
 * @param x Repeat purchases (purchases after the first).
 * @param t_x Time of the last purchase, counted from the first, in the model's time unit.
 * @param T Time from the first purchase to the end of observation, same unit.
 * @param r BG/NBD r.
 * @param alpha BG/NBD alpha (same time unit).
 * @param a BG/NBD a.
 * @param b BG/NBD b.
 * @param invocation Invocation
 * @returns Probability from 0 to 1.
 * @requiresParameterAddresses
 */
export function P_ALIVE(x: unknown[][], t_x: unknown[][], T: unknown[][], r: unknown[][], alpha: unknown[][], a: unknown[][], b: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["x", "t_x", "T", "r", "alpha", "a", "b"], invocation);
  return run(call, () =>
    elementwise(call, [
      { name: "x", value: x }, { name: "t_x", value: t_x }, { name: "T", value: T },
      { name: "r", value: r }, { name: "alpha", value: alpha }, { name: "a", value: a }, { name: "b", value: b },
    ], ([xs, txs, Ts, rs, alphas, as, bs]) => {
      const parameters = { r: rs as number, alpha: alphas as number, a: as as number, b: bs as number };
      requireHistoryAndParameters(xs as number, txs as number, Ts as number, parameters);
      return probabilityAlive(parameters, xs as number, txs as number, Ts as number);
    }),
  );
}

/**
 * Expected purchases in the next t time units of a customer with repeat purchases x, last purchase t_x and age T, under BG/NBD with the given parameters (e.g. from CX.CLV_FIT). Ranges of equal size give one value per row.
 * @customfunction EXPECTED_PURCHASES
 * @param t Forecast horizon, in the model's time unit.
 * @param x Repeat purchases (purchases after the first).
 * @param t_x Time of the last purchase, counted from the first.
 * @param T Time from the first purchase to the end of observation.
 * @param r BG/NBD r.
 * @param alpha BG/NBD alpha.
 * @param a BG/NBD a.
 * @param b BG/NBD b.
 * @param invocation Invocation
 * @returns Expected number of purchases.
 * @requiresParameterAddresses
 */
export function EXPECTED_PURCHASES(t: unknown[][], x: unknown[][], t_x: unknown[][], T: unknown[][], r: unknown[][], alpha: unknown[][], a: unknown[][], b: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["t", "x", "t_x", "T", "r", "alpha", "a", "b"], invocation);
  // Customers of one history get one answer, computed once (the series behind it is the costly part).
  const known = new Map<string, number>();
  return run(call, () =>
    elementwise(call, [
      { name: "t", value: t }, { name: "x", value: x }, { name: "t_x", value: t_x }, { name: "T", value: T },
      { name: "r", value: r }, { name: "alpha", value: alpha }, { name: "a", value: a }, { name: "b", value: b },
    ], ([ts, xs, txs, Ts, rs, alphas, as, bs]) => {
      const parameters = { r: rs as number, alpha: alphas as number, a: as as number, b: bs as number };
      requireHistoryAndParameters(xs as number, txs as number, Ts as number, parameters);
      // The model's series converges ever more slowly as t outgrows α + T: beyond 999 times it, refused.
      requireInRange(ts as number, "t", 0, MAX_HORIZON_RATIO * ((alphas as number) + (Ts as number)));
      const key = `${ts},${xs},${txs},${Ts},${rs},${alphas},${as},${bs}`;
      let value = known.get(key);
      if (value === undefined) known.set(key, (value = expectedPurchases(parameters, ts as number, xs as number, txs as number, Ts as number)));
      return value;
    }),
  );
}

/** How far ahead, in multiples of α + T, EXPECTED_PURCHASES forecasts: the series it sums converges slowly beyond. */
const MAX_HORIZON_RATIO = 999;
