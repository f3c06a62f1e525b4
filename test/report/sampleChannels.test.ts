/**
 * The sample is consistent (issue 22, item 9): for any report month, the channel table's acquired
 * customers of each calendar month equal the new customers the sample's transactions give for it
 * (CX.CUSTOMER_BRIDGE's "New" by month), so the reconciliation line under the KPI cards agrees.
 */
import * as cx from "../../src/functions/functions";
import { SAMPLE_INPUTS, sampleInputsFor } from "../../src/report/buildReport";
import { periodIndex, periodStart } from "../../src/core/periods";
import { invocation } from "../helpers/excel";

const column = (values: readonly unknown[]): unknown[][] => values.map((value) => [value]);

// month ends: the tests' quarter end, a leap February, a 31-day month, a year end and the demo's kind of month
test.each([45565, 45351, 45688, 46022, 46356])("report ending on serial %i: every month's channel rows add up to its new customers", (periodEnd) => {
  const inputs = sampleInputsFor(periodEnd);
  const dates = inputs.transactions.map((tx) => periodEnd - Number(tx.daysBeforeEnd));
  const endMonth = periodIndex(periodEnd, "month");
  const from = periodStart(endMonth - 24, "month");
  const bridge = cx.CUSTOMER_BRIDGE(column(inputs.transactions.map((tx) => tx.customer)), column(dates), "month", 90, from, periodEnd, "en-US", invocation());
  const newColumn = (bridge[0] as string[]).indexOf("New");
  const fromTransactions = bridge.slice(1).map((row) => row[newColumn] as number);
  expect(fromTransactions).toHaveLength(25);
  const fromChannels = Array.from({ length: 25 }, (_, k) => inputs.channels.filter((row) => row.monthsBeforeEnd === 24 - k).reduce((sum, row) => sum + Number(row.newCustomers), 0));
  expect(fromChannels).toEqual(fromTransactions);
  // a month with new customers in it, so the check has something to agree on
  expect(fromTransactions.filter((count) => count > 0).length).toBeGreaterThan(10);
});

test("SAMPLE_INPUTS is the sample for the tests' quarter end, 2024-09-30", () => {
  expect(sampleInputsFor(45565)).toBe(SAMPLE_INPUTS);
  expect(sampleInputsFor(46356).channels).not.toEqual(SAMPLE_INPUTS.channels);
});
