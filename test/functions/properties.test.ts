/**
 * Property: whatever junk reaches a CX function, it returns a well-formed spill (a non-empty
 * rectangular array whose cells are finite numbers, text or CustomFunctions errors) or throws a
 * CustomFunctions.Error, and never throws anything else or returns NaN/Infinity.
 */
import fc from "fast-check";
import * as cx from "../../src/functions/functions";
import { invocation, outcome } from "../helpers/excel";

const junkCell = fc.oneof(
  fc.integer({ min: -20, max: 20 }),
  fc.double(),
  fc.constantFrom(0, 1, 5, 9, 10, 45000, 45292.5, 1e308, -1e308, Number.NaN, Infinity, -Infinity, 2958466),
  fc.string({ maxLength: 6 }),
  fc.constantFrom("", " ", "2024-03-31", "2024-02-30", "10", "start", "average", "moe", "breakdown", "zh-CN", "#N/A", "A", "a "),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant({ code: "#VALUE!" }),
  fc.constant({ type: "Error", errorType: "Div0" }),
  fc.constant([1, 2]),
);

/** Mostly sensible numbers with the odd blank, so that the success path is exercised as much as the failures. */
const plausibleCell = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 10 }) },
  { weight: 1, arbitrary: fc.constantFrom("", 0.5, 45292, "A", "B") },
);

/** A range of 0..4 × 0..3 cells; rows may even be ragged, as a careless caller might send. */
const junkRange = fc.oneof(
  { weight: 3, arbitrary: fc.array(fc.array(junkCell, { minLength: 1, maxLength: 3 }), { minLength: 0, maxLength: 5 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 4 }).chain((rows) => fc.array(fc.array(junkCell, { minLength: 2, maxLength: 2 }), { minLength: rows, maxLength: rows })) },
  { weight: 3, arbitrary: fc.array(fc.array(plausibleCell, { minLength: 1, maxLength: 1 }), { minLength: 1, maxLength: 6 }) },
  { weight: 2, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: junkCell },
);

function isWellFormed(value: unknown): boolean {
  if (!Array.isArray(value) || value.length === 0 || !Array.isArray(value[0])) return false;
  const width = (value[0] as unknown[]).length;
  if (width === 0) return false;
  return value.every((row) =>
    Array.isArray(row) && row.length === width &&
    row.every((cell: unknown) =>
      (typeof cell === "number" && Number.isFinite(cell)) || typeof cell === "string" || typeof cell === "boolean" || cell instanceof CustomFunctions.Error,
    ));
}

type AnyFunction = (...args: unknown[]) => unknown;
const catalogue = Object.entries(cx).filter(([, fn]) => typeof fn === "function") as [string, AnyFunction][];

test("the property covers the whole catalogue", () => {
  expect(catalogue.map(([name]) => name).sort()).toEqual([
    "AOV", "AT_RISK", "BY_UNIT", "CAC", "CAC_PAYBACK", "CHURN", "CLV", "CLV_FIT", "CLV_FIT_SUMMARY", "CLV_PREDICT", "CLV_PREDICT_SUMMARY", "CLV_RETENTION", "COHORT", "COMPLAINT_RATE",
    "CONVERSION", "CSAT", "CSI", "CUSTOMER_BRIDGE", "ENGAGEMENT", "EXPECTED_PURCHASES", "INACTIVE_SHARE", "LTV_CAC", "NEW_CUSTOMERS", "NPS",
    "PERIOD_KPIS", "PURCHASE_FREQUENCY", "P_ALIVE", "REPURCHASE_RATE", "RETENTION", "REVENUE_BRIDGE", "RFM", "RFM_SCORES", "RFM_SEGMENT", "RFM_SEGMENT_SUMMARY", "RFM_SUMMARY", "WIN_BACK",
  ]);
});

describe.each(catalogue)("=CX.%s on junk", (_name, fn) => {
  test("returns a well-formed spill or a CustomFunctions error, nothing else", () => {
    const arity = fn.length - 1; // the last parameter is the Invocation
    fc.assert(
      fc.property(fc.array(junkRange, { minLength: arity, maxLength: arity }), fc.boolean(), (args, withAddresses) => {
        const at = withAddresses ? invocation(args.map((_, i) => `Sheet1!${"ABCDEFG"[i]}2:${"ABCDEFG"[i]}9`)) : invocation();
        const result = outcome(() => fn(...args, at));
        if (result.kind === "crash") throw result.error;
        if (result.kind === "value" && !isWellFormed(result.value)) throw new Error(`malformed result ${JSON.stringify(result.value)}`);
        if (result.kind === "error" && !["#VALUE!", "#N/A", "#DIV/0!", "#NUM!"].includes(result.code)) throw new Error(`unexpected code ${result.code}`);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 400) },
    );
  });
});
