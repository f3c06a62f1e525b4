/**
 * The periods family: the customer and revenue bridges, the activity per period, the cohort table,
 * and the period by unit.
 *
 * Signatures spell out unknown[][] and CustomFunctions.Invocation: the metadata generator reads the
 * type text literally and does not resolve aliases.
 */
import { cohortRetention, type CohortPeriod } from "../core/cohortRetention";
import { isoDateOfSerial } from "../core/dates";
import { defaultLapseDays, periodTables, type CustomerBridge, type PeriodTables } from "../core/periodTables";
import type { Period } from "../core/periods";
import type { CustomerGroups, CustomerId } from "../core/prep/groupCustomers";
import { unitTables, type UnitFigures } from "../core/unitTables";
import { label } from "../i18n/labels";
import type { Locale } from "../i18n/locale";
import { Call, run } from "./call";
import { optionalChoice, optionalDate, optionalNumber } from "./coerce";
import { readRecords } from "./records";
import { languageArgument, purchaseColumns } from "./arguments";

const COHORT_PERIODS: Readonly<Record<string, CohortPeriod>> = { month: "month", quarter: "quarter", week: "week", 月: "month", 季度: "quarter", 周: "week" };

/**
 * Cohort retention triangle: customers grouped by the month (or quarter, week) of their first purchase, and for each later period the share of the cohort that bought again. Spills cohort label, size, then M0 (100%), M1, M2, … up to the last period in the data (or to's).
 * @customfunction COHORT
 * @param customer_ids The customer id of each purchase.
 * @param dates The date of each purchase.
 * @param [period] "month" (default), "quarter" or "week" (weeks start on Monday).
 * @param [from] List the cohorts from the period holding this date (earlier purchases still decide who is new). Default: the first purchase.
 * @param [to] Leave out purchases after the period holding this date; every row runs to it. Default: the last purchase.
 * @param [language] Headers: "en-US" or "zh-CN". Default: Office's language.
 * @param invocation Invocation
 * @returns The retention triangle with a header row; shares as fractions.
 * @requiresParameterAddresses
 */
export function COHORT(customer_ids: unknown[][], dates: unknown[][], period: unknown, from: unknown, to: unknown, language: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "dates", "period", "from", "to", "language"], invocation);
  return run(call, () => {
    const locale = languageArgument(call, language);
    const chosen = optionalChoice(call, "period", period, COHORT_PERIODS) ?? "month";
    const bounds = { from: optionalDate(call, "from", from), to: optionalDate(call, "to", to) };
    if (bounds.from !== undefined && bounds.to !== undefined && bounds.to < bounds.from) call.fail("value", "periodBackwards", "to", { value: isoDateOfSerial(bounds.to), first: "from", start: isoDateOfSerial(bounds.from) });
    const records = readRecords(call, [
      { name: "customer_ids", value: customer_ids, kind: "customer" },
      { name: "dates", value: dates, kind: "date" },
    ]);
    // (customers numbered as they are read, as the periodic functions number them)
    const { groups, dates: days } = purchaseColumns(records);
    const cohorts = cohortRetention(groups, days as Float64Array, chosen, {
      ...(bounds.from === undefined ? {} : { from: bounds.from }), ...(bounds.to === undefined ? {} : { to: bounds.to }),
    });
    const width = Math.max(0, ...cohorts.map((c) => c.retention.length));
    const prefix = chosen === "month" ? "M" : chosen === "quarter" ? "Q" : "W";
    const header = [label("cohort", locale), label("customers", locale), ...Array.from({ length: width }, (_, k) => `${prefix}${k}`)];
    return [header, ...cohorts.map((c) => [c.label, c.size, ...c.retention.map((share) => (Number.isNaN(share) ? "" : share)), ...new Array<string>(width - c.retention.length).fill("")])];
  });
}

const PERIODS: Readonly<Record<string, Period>> = { month: "month", quarter: "quarter", week: "week", year: "year", 月: "month", 季度: "quarter", 周: "week", 年: "year" };

/** The arguments the periodic functions share: a transaction table, the period, the table's bounds and a language. */
function readPeriods(call: Call, args: {
  customer_ids: unknown; dates: unknown; amounts?: unknown; period: unknown; lapse_days?: unknown; from: unknown; to: unknown; language: unknown;
}): { tables: PeriodTables; locale: Locale } {
  const locale = languageArgument(call, args.language);
  const period = optionalChoice(call, "period", args.period, PERIODS) ?? "month";
  const lapseDays = "lapse_days" in args ? (optionalNumber(call, "lapse_days", args.lapse_days) ?? defaultLapseDays(period)) : undefined;
  const from = optionalDate(call, "from", args.from);
  const to = optionalDate(call, "to", args.to);
  const records = readRecords(call, [
    { name: "customer_ids", value: args.customer_ids, kind: "customer" },
    { name: "dates", value: args.dates, kind: "date" },
    ...(args.amounts === undefined ? [] : [{ name: "amounts", value: args.amounts, kind: "number" as const }]),
  ]);
  const columns = purchaseColumns(records);
  const tables = periodTables({ ...columns, dates: columns.dates as Float64Array }, {
    period,
    ...(lapseDays === undefined ? {} : { lapseDays }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  });
  return { tables, locale };
}

/** A share whose base may be 0: #N/A for that period (with the reason), never 0 and never an error for the whole table. */
function shareOrNa(call: Call, numerator: number, base: number, why: "noStartCustomers" | "noPreviousRevenue" | "noOrders" | "noBuyers" | "noCompanyRevenue", period: string): number | CustomFunctions.Error {
  if (!Number.isFinite(base) || !Number.isFinite(numerator)) return NaN; // an overflow: #NUM! in the cell
  return base === 0 ? call.notAvailable(why, { value: period }) : numerator / base;
}

/**
 * Customer bridge per period from a transaction table: customers active at the start, new, reactivated, lapsed, active at the end (start + new + reactivated − lapsed = end), and the churn rate. A customer is active while their last purchase is fewer than lapse_days days old. Spills a header and one row per period, empty periods included.
 * @customfunction CUSTOMER_BRIDGE
 * @param customer_ids The customer id of each purchase.
 * @param dates The date of each purchase.
 * @param [period] "month" (default), "quarter", "week" (ISO 8601, Monday to Sunday) or "year"; also 月, 季度, 周, 年.
 * @param [lapse_days] Days without a purchase after which a customer has lapsed. Default 90 (92 for quarters, 366 for years); at least the longest period.
 * @param [from] The table starts with the period holding this date (earlier purchases still count as history). Default: the first purchase.
 * @param [to] The table ends with the period holding this date. Default: the last purchase.
 * @param [language] Headers: "en-US" or "zh-CN". Default: Office's language.
 * @param invocation Invocation
 * @returns period, first day, last day (date serials), customers at start, new, reactivated, lapsed, customers at end, churn rate.
 * @requiresParameterAddresses
 */
export function CUSTOMER_BRIDGE(customer_ids: unknown[][], dates: unknown[][], period: unknown, lapse_days: unknown, from: unknown, to: unknown, language: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "dates", "period", "lapse_days", "from", "to", "language"], invocation);
  return run(call, () => {
    const { tables, locale } = readPeriods(call, { customer_ids, dates, period, lapse_days, from, to, language });
    const bridge = tables.customers as CustomerBridge;
    const header = (["period", "firstDay", "lastDay", "customersStart", "newCustomers", "reactivated", "lapsed", "customersEnd", "churnRate"] as const).map((key) => label(key, locale));
    return [header, ...tables.labels.map((name, k) => {
      const start = bridge.customersStart[k] as number;
      const lapsed = bridge.lapsed[k] as number;
      return [
        name, tables.firstDays[k], tables.lastDays[k], start, bridge.newCustomers[k], bridge.reactivated[k], lapsed, bridge.customersEnd[k],
        shareOrNa(call, lapsed, start, "noStartCustomers", name),
      ];
    })];
  });
}

/**
 * Revenue bridge per period from a transaction table, customer by customer: revenue in the previous period, + new customers' revenue, + returning, + expansion, − contraction, − lost, = revenue in the period; and net revenue retention. Spills a header and one row per period, empty periods included.
 * @customfunction REVENUE_BRIDGE
 * @param customer_ids The customer id of each purchase.
 * @param dates The date of each purchase.
 * @param amounts The amount of each purchase (not negative; net of refunds).
 * @param [period] "month" (default), "quarter", "week" (ISO 8601) or "year"; also 月, 季度, 周, 年.
 * @param [from] The table starts with the period holding this date (earlier purchases still count as history). Default: the first purchase.
 * @param [to] The table ends with the period holding this date. Default: the last purchase.
 * @param [language] Headers: "en-US" or "zh-CN". Default: Office's language.
 * @param invocation Invocation
 * @returns period, revenue in previous period, new, returning, expansion, contraction, lost, revenue, net revenue retention.
 * @requiresParameterAddresses
 */
export function REVENUE_BRIDGE(customer_ids: unknown[][], dates: unknown[][], amounts: unknown[][], period: unknown, from: unknown, to: unknown, language: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "dates", "amounts", "period", "from", "to", "language"], invocation);
  return run(call, () => {
    const { tables, locale } = readPeriods(call, { customer_ids, dates, amounts, period, from, to, language });
    const header = (["period", "previousRevenue", "newRevenue", "returningRevenue", "expansion", "contraction", "lostRevenue", "periodRevenue", "netRevenueRetention"] as const).map((key) => label(key, locale));
    return [header, ...tables.labels.map((name, k) => {
      const previous = tables.previousRevenue[k] as number;
      const [expansion, contraction, lost] = [tables.expansion[k] as number, tables.contraction[k] as number, tables.lostRevenue[k] as number];
      return [
        name, previous, tables.newRevenue[k], tables.returningRevenue[k], expansion, contraction, lost, tables.revenue[k],
        shareOrNa(call, previous + expansion + contraction + lost, previous, "noPreviousRevenue", name),
      ];
    })];
  });
}

/**
 * Activity per period from a transaction table: buyers, new buyers (first purchase ever), orders, revenue, average order value, orders per buyer and the share of buyers with two or more orders. Spills a header and one row per period, empty periods included.
 * @customfunction PERIOD_KPIS
 * @param customer_ids The customer id of each purchase.
 * @param dates The date of each purchase.
 * @param amounts The amount of each purchase (not negative; net of refunds).
 * @param [period] "month" (default), "quarter", "week" (ISO 8601) or "year"; also 月, 季度, 周, 年.
 * @param [from] The table starts with the period holding this date. Default: the first purchase.
 * @param [to] The table ends with the period holding this date. Default: the last purchase.
 * @param [language] Headers: "en-US" or "zh-CN". Default: Office's language.
 * @param invocation Invocation
 * @returns period, buyers, new buyers, orders, revenue, average order value, orders per buyer, repeat-buyer share.
 * @requiresParameterAddresses
 */
export function PERIOD_KPIS(customer_ids: unknown[][], dates: unknown[][], amounts: unknown[][], period: unknown, from: unknown, to: unknown, language: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "dates", "amounts", "period", "from", "to", "language"], invocation);
  return run(call, () => {
    const { tables, locale } = readPeriods(call, { customer_ids, dates, amounts, period, from, to, language });
    const header = (["period", "buyers", "newBuyers", "orders", "revenue", "averageOrderValue", "ordersPerBuyer", "repeatBuyerShare"] as const).map((key) => label(key, locale));
    return [header, ...tables.labels.map((name, k) => {
      const [buyers, orders, revenue] = [tables.buyers[k] as number, tables.orders[k] as number, tables.revenue[k] as number];
      return [
        name, buyers, tables.newBuyers[k], orders, revenue,
        shareOrNa(call, revenue, orders, "noOrders", name), shareOrNa(call, orders, buyers, "noBuyers", name), shareOrNa(call, tables.repeatBuyers[k] as number, buyers, "noBuyers", name),
      ];
    })];
  });
}

/**
 * The report period by unit (region, channel, product line, store): each unit's customer bridge, revenue and orders from its own transactions, the largest revenue first; then all units together, the company, and the customers active in more than one unit, by whom the units' customer counts exceed the company's. Spills a header and one row per unit.
 * @customfunction BY_UNIT
 * @param customer_ids The customer id of each purchase.
 * @param dates The date of each purchase.
 * @param amounts The amount of each purchase (not negative; net of refunds).
 * @param units The unit of each purchase (region, channel, …); a blank cell is the unit "(none)".
 * @param [period] "month" (default), "quarter", "week" (ISO 8601) or "year"; also 月, 季度, 周, 年.
 * @param [period_end] A date in the period to show. Default: the last purchase's period.
 * @param [lapse_days] Days without a purchase after which a customer has lapsed. Default 90 (92 for quarters, 366 for years); at least the longest period.
 * @param [language] Headers and row names: "en-US" or "zh-CN". Default: Office's language.
 * @param invocation Invocation
 * @returns unit, customers at start, new, reactivated, lapsed, customers at end, churn rate, revenue, revenue in the previous period, revenue change, orders, average order value, net revenue retention, share of company revenue.
 * @requiresParameterAddresses
 */
export function BY_UNIT(customer_ids: unknown[][], dates: unknown[][], amounts: unknown[][], units: unknown[][], period: unknown, period_end: unknown, lapse_days: unknown, language: unknown, invocation: CustomFunctions.Invocation): unknown[][] {
  const call = new Call(["customer_ids", "dates", "amounts", "units", "period", "period_end", "lapse_days", "language"], invocation);
  return run(call, () => {
    const locale = languageArgument(call, language);
    const chosen = optionalChoice(call, "period", period, PERIODS) ?? "month";
    const lapseDays = optionalNumber(call, "lapse_days", lapse_days) ?? defaultLapseDays(chosen);
    const periodEnd = optionalDate(call, "period_end", period_end);
    const records = readRecords(call, [
      { name: "customer_ids", value: customer_ids, kind: "customer" },
      { name: "dates", value: dates, kind: "date" },
      { name: "amounts", value: amounts, kind: "number" },
      { name: "units", value: units, kind: "unit" },
    ]);
    const { groups, dates: days, amounts: values } = purchaseColumns(records);
    const unitGroups = records.columns[3] as CustomerGroups;
    const table = unitTables({ groups, dates: days as Float64Array, amounts: values as Float64Array, units: unitGroups }, {
      period: chosen, lapseDays, ...(periodEnd === undefined ? {} : { periodEnd }),
    });
    const unitName = (unit: number): CustomerId => (unitGroups.labels[unit] === "" ? label("noUnit", locale) : (unitGroups.labels[unit] as CustomerId));
    const row = (name: CustomerId, f: UnitFigures): unknown[] => {
      const shown = String(name);
      return [
        name, f.customersStart, f.newCustomers, f.reactivated, f.lapsed, f.customersEnd, shareOrNa(call, f.lapsed, f.customersStart, "noStartCustomers", shown),
        f.revenue, f.previousRevenue, changeOrNa(call, f.revenue, f.previousRevenue, shown), f.orders, shareOrNa(call, f.revenue, f.orders, "noOrders", shown),
        shareOrNa(call, f.previousRevenue + f.expansion + f.contraction + f.lostRevenue, f.previousRevenue, "noPreviousRevenue", shown),
        shareOrNa(call, f.revenue, table.company.revenue, "noCompanyRevenue", shown),
      ];
    };
    const header = (["unit", "customersStart", "newCustomers", "reactivated", "lapsed", "customersEnd", "churnRate", "periodRevenue", "previousRevenue", "revenueChange", "orders", "averageOrderValue", "netRevenueRetention", "companyRevenueShare"] as const).map((key) => label(key, locale));
    const { crossUnit } = table;
    const countsRow = (key: "crossUnitCustomers" | "crossUnitExcess", start: number, end: number): unknown[] => [label(key, locale), start, "", "", "", end, ...new Array<string>(header.length - 6).fill("")];
    return [
      header,
      ...table.units.map(({ unit, figures }) => row(unitName(unit), figures)),
      row(label("allUnits", locale), table.together),
      row(label("company", locale), table.company),
      ...(crossUnit.start === 0 && crossUnit.end === 0 ? [] : [countsRow("crossUnitCustomers", crossUnit.start, crossUnit.end)]),
      ...(crossUnit.excessStart === crossUnit.start && crossUnit.excessEnd === crossUnit.end ? [] : [countsRow("crossUnitExcess", crossUnit.excessStart, crossUnit.excessEnd)]),
    ];
  });
}

/** A change on the period before (环比): #N/A for the row where that period had no revenue. */
function changeOrNa(call: Call, value: number, before: number, row: string): number | CustomFunctions.Error {
  if (!Number.isFinite(value) || !Number.isFinite(before)) return NaN;
  return before === 0 ? call.notAvailable("noPreviousRevenueChange", { value: row }) : value / before - 1;
}
