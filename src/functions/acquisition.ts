/**
 * The acquisition family: acquisition cost, LTV:CAC, payback, conversion and average order value.
 *
 * Signatures spell out unknown[][] and CustomFunctions.Invocation: the metadata generator reads the
 * type text literally and does not resolve aliases.
 */
import { averageOrderValue } from "../core/averageOrderValue";
import { cacPaybackMonths } from "../core/cacPaybackMonths";
import { conversionRate } from "../core/conversionRate";
import { customerAcquisitionCost } from "../core/customerAcquisitionCost";
import { ltvToCac } from "../core/ltvToCac";
import { Call, run } from "./call";
import { elementwise } from "./elementwise";

/**
 * Customer acquisition cost: marketing and sales spend / new customers. =CX.CAC(100000,200) is 500. Give a column of spend and one of new customers to get CAC per channel.
 * @customfunction CAC
 * @param spend Marketing and sales spend in the period, in currency.
 * @param new_customers New customers won in the period.
 * @param invocation Invocation
 * @returns Cost per new customer, in currency.
 * @requiresParameterAddresses
 */
export function CAC(spend: unknown[][], new_customers: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["spend", "new_customers"], invocation);
  return run(call, () =>
    elementwise(call, [{ name: "spend", value: spend }, { name: "new_customers", value: new_customers }],
      ([s, n]) => customerAcquisitionCost(s as number, n as number)),
  );
}

/**
 * LTV:CAC ratio: customer lifetime value / acquisition cost. 3 or more is the usual healthy mark. =CX.LTV_CAC(1500,500) is 3.
 * @customfunction LTV_CAC
 * @param clv Customer lifetime value, in currency.
 * @param cac Customer acquisition cost, in currency.
 * @param invocation Invocation
 * @returns The ratio (times).
 * @requiresParameterAddresses
 */
export function LTV_CAC(clv: unknown[][], cac: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["clv", "cac"], invocation);
  return run(call, () =>
    elementwise(call, [{ name: "clv", value: clv }, { name: "cac", value: cac }], ([v, c]) => ltvToCac(v as number, c as number)),
  );
}

/**
 * CAC payback period in months: acquisition cost / (monthly revenue per customer × gross margin). =CX.CAC_PAYBACK(500,100,0.5) is 10.
 * @customfunction CAC_PAYBACK
 * @param cac Customer acquisition cost, in currency.
 * @param monthly_revenue_per_customer Revenue per customer per month, in currency.
 * @param [gross_margin] Gross margin as a fraction, e.g. 0.4. Default 1.
 * @param invocation Invocation
 * @returns Months to earn back the acquisition cost.
 * @requiresParameterAddresses
 */
export function CAC_PAYBACK(cac: unknown[][], monthly_revenue_per_customer: unknown[][], gross_margin: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["cac", "monthly_revenue_per_customer", "gross_margin"], invocation);
  return run(call, () =>
    elementwise(call, [
      { name: "cac", value: cac },
      { name: "monthly_revenue_per_customer", value: monthly_revenue_per_customer },
      { name: "gross_margin", value: gross_margin, optional: true },
    ], ([c, revenue, margin]) => cacPaybackMonths(c as number, revenue as number, margin ?? 1)),
  );
}

/**
 * Conversion rate, as a fraction: converted prospects / prospects. =CX.CONVERSION(30,1200) is 0.025.
 * @customfunction CONVERSION
 * @param converted Prospects who became customers.
 * @param prospects All prospects in the period.
 * @param invocation Invocation
 * @returns Conversion rate as a fraction; format the cell as a percentage.
 * @requiresParameterAddresses
 */
export function CONVERSION(converted: unknown[][], prospects: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["converted", "prospects"], invocation);
  return run(call, () =>
    elementwise(call, [{ name: "converted", value: converted }, { name: "prospects", value: prospects }], ([c, p]) => conversionRate(c as number, p as number)),
  );
}

/**
 * Average order value: revenue / orders. =CX.AOV(50000,400) is 125.
 * @customfunction AOV
 * @param revenue Revenue in the period, in currency.
 * @param orders Number of orders in the period.
 * @param invocation Invocation
 * @returns Revenue per order, in currency.
 * @requiresParameterAddresses
 */
export function AOV(revenue: unknown[][], orders: unknown[][], invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["revenue", "orders"], invocation);
  return run(call, () =>
    elementwise(call, [{ name: "revenue", value: revenue }, { name: "orders", value: orders }], ([r, o]) => averageOrderValue(r as number, o as number)),
  );
}
