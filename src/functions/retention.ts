/**
 * The retention and churn family: churn, retention, purchase frequency, repurchase rate, inactive share and engagement.
 *
 * Signatures spell out unknown[][] and CustomFunctions.Invocation: the metadata generator reads the
 * type text literally and does not resolve aliases.
 */
import { churnRate, type ChurnMethod } from "../core/churnRate";
import { engagementScores } from "../core/engagementScores";
import { inactiveShareOf } from "../core/inactiveShare";
import { purchaseFrequency } from "../core/purchaseFrequency";
import { repurchaseRateOf } from "../core/repurchaseRate";
import { retentionRate } from "../core/retentionRate";
import { label } from "../i18n/labels";
import { Call, run } from "./call";
import { optionalChoice, optionalDate, optionalNumber, rangeNumbers } from "./coerce";
import { elementwise } from "./elementwise";
import { alignToRows, readRecords } from "./records";
import { readPurchases, optionalScalarOrRange } from "./arguments";

const CHURN_METHODS: Readonly<Record<string, ChurnMethod>> = { start: "start", average: "average", avg: "average", 期初: "start", 平均: "average" };

/**
 * Customer churn rate, as a fraction: customers lost / customers at the start (method "start", the default) or / the average of start and end counts (method "average"). =CX.CHURN(1000,50) is 0.05.
 * @customfunction CHURN
 * @param customers_start Customers at the start of the period.
 * @param customers_lost Customers lost during the period (not counting those who joined and left inside it).
 * @param [customers_end] Customers at the end of the period; needed for method "average".
 * @param [method] "start" (default) or "average".
 * @param invocation Invocation
 * @returns Churn rate as a fraction; format the cell as a percentage.
 * @requiresParameterAddresses
 */
export function CHURN(customers_start: unknown[][], customers_lost: unknown[][], customers_end: unknown[][], method: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customers_start", "customers_lost", "customers_end", "method"], invocation);
  return run(call, () => {
    const chosen = optionalChoice(call, "method", method, CHURN_METHODS) ?? "start";
    return elementwise(call, [
      { name: "customers_start", value: customers_start },
      { name: "customers_lost", value: customers_lost },
      { name: "customers_end", value: customers_end, optional: true },
    ], ([start, lost, end]) => churnRate(start as number, lost as number, end, chosen));
  });
}

/**
 * Customer retention rate, as a fraction: (customers at the end − new customers) / customers at the start. =CX.RETENTION(1000,1050,150) is 0.9.
 * @customfunction RETENTION
 * @param customers_start Customers at the start of the period.
 * @param customers_end Customers at the end of the period.
 * @param new_customers New customers won during the period.
 * @param invocation Invocation
 * @returns Retention rate as a fraction; format the cell as a percentage.
 * @requiresParameterAddresses
 */
export function RETENTION(customers_start: unknown[][], customers_end: unknown[][], new_customers: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customers_start", "customers_end", "new_customers"], invocation);
  return run(call, () =>
    elementwise(call, [
      { name: "customers_start", value: customers_start },
      { name: "customers_end", value: customers_end },
      { name: "new_customers", value: new_customers },
    ], ([start, end, fresh]) => retentionRate(start as number, end as number, fresh as number)),
  );
}

/**
 * Purchase frequency: purchases / customers / periods. =CX.PURCHASE_FREQUENCY(2400,600,12) is 0.33 purchases per customer per month.
 * @customfunction PURCHASE_FREQUENCY
 * @param purchases Purchases in the whole time span.
 * @param customers Customers who bought.
 * @param [periods] Number of periods the span covers (e.g. 12 months). Default 1.
 * @param invocation Invocation
 * @returns Purchases per customer per period.
 * @requiresParameterAddresses
 */
export function PURCHASE_FREQUENCY(purchases: unknown[][], customers: unknown[][], periods: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["purchases", "customers", "periods"], invocation);
  return run(call, () =>
    elementwise(call, [
      { name: "purchases", value: purchases },
      { name: "customers", value: customers },
      { name: "periods", value: periods, optional: true },
    ], ([p, c, n]) => purchaseFrequency(p as number, c as number, n ?? 1)),
  );
}

/**
 * Repurchase rate, as a fraction: customers with two or more purchases / customers with at least one, from a transaction table's customer column (one row per purchase). Fully blank rows are skipped.
 * @customfunction REPURCHASE_RATE
 * @param customer_ids The customer id of each purchase (text or numbers; case and spaces ignored).
 * @param invocation Invocation
 * @returns Repurchase rate as a fraction; format the cell as a percentage.
 * @requiresParameterAddresses
 */
export function REPURCHASE_RATE(customer_ids: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids"], invocation);
  return run(call, () => {
    return [[repurchaseRateOf(readPurchases(call, [{ name: "customer_ids", value: customer_ids, kind: "customer" }], undefined))]];
  });
}

/**
 * Inactive-customer share, as a fraction: customers whose last purchase is more than `days` days before the as-of date / all customers who had bought by then. Purchases after the as-of date are ignored.
 * @customfunction INACTIVE_SHARE
 * @param customer_ids The customer id of each purchase.
 * @param dates The date of each purchase (date cells or text such as 2024-03-31).
 * @param as_of The report date.
 * @param [days] Days without a purchase after which a customer counts as inactive. Default 180.
 * @param invocation Invocation
 * @returns Share of inactive customers as a fraction.
 * @requiresParameterAddresses
 */
export function INACTIVE_SHARE(customer_ids: unknown[][], dates: unknown[][], as_of: unknown, days: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "dates", "as_of", "days"], invocation);
  return run(call, () => {
    const asOf = optionalDate(call, "as_of", as_of) ?? call.fail("na", "blankValue", "as_of", {});
    const threshold = optionalNumber(call, "days", days) ?? 180;
    const purchases = readPurchases(call, [
      { name: "customer_ids", value: customer_ids, kind: "customer" },
      { name: "dates", value: dates, kind: "date" },
    ], asOf);
    return [[inactiveShareOf(purchases, asOf, threshold)]];
  });
}

/**
 * Customer engagement score 0-100 for each customer: every measure (visits, interactions, usage…) is scaled 0-1 between its lowest and highest customer, then averaged with the weights and × 100. Spills one score per row.
 * @customfunction ENGAGEMENT
 * @param measures One row per customer, one column per measure.
 * @param [weights] One weight per measure (a row or column). Default: equal weights.
 * @param invocation Invocation
 * @returns One engagement score per customer, 0 to 100.
 * @requiresParameterAddresses
 */
export function ENGAGEMENT(measures: unknown[][], weights: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["measures", "weights"], invocation);
  return run(call, () => {
    const records = readRecords(call, [{ name: "measures", value: measures, kind: "number", wide: true }]);
    const measureCount = records.widths[0] as number;
    let weightValues: Float64Array | undefined;
    if (optionalScalarOrRange(weights) !== undefined) {
      weightValues = rangeNumbers(call, "weights", weights, false).values;
      if (weightValues.length !== measureCount) {
        call.fail("value", "countMismatch", "weights", { count: weightValues.length, expected: measureCount, per: label("measure", call.locale).toLowerCase() });
      }
    }
    const scores = engagementScores({
      measures: records.columns[0] as Float64Array, customers: records.keptRows.length, measureCount,
      ...(weightValues === undefined ? {} : { weights: weightValues }),
    });
    return alignToRows(records, Array.from(scores, (score) => [score]), 1);
  });
}
