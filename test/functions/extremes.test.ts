/**
 * Property (issue: functions under hostile input): with extreme-but-legal values — amounts of 1e308,
 * Excel's first and last dates (serials 1 and 2958465), one row, all blanks, error cells — every CX
 * function answers a well-formed spill with no cell Infinity, NaN, undefined or a negative day
 * number, or an Excel error whose message (for #VALUE! and #N/A) names an argument the function has.
 * How long each takes is measured outside Jest's sandbox (which runs Math.* loops tens of times slower
 * than Node does): extremesTiming.ts, run below in a child Node process, holds each call under 2 s.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import fc from "fast-check";
import * as cx from "../../src/functions/functions";
import { invocation, outcome } from "../helpers/excel";

type AnyFunction = (...args: unknown[]) => unknown;
const catalogue = Object.entries(cx).filter(([, fn]) => typeof fn === "function") as [string, AnyFunction][];

/** A function's parameter names, as its declaration lists them (the last, invocation, left out). */
const parametersOf = (fn: AnyFunction): string[] =>
  (/\(([^)]*)\)/.exec(fn.toString())?.[1] ?? "").split(",").map((p) => p.trim().split(/[:=\s]/)[0] as string).filter((p) => p !== "" && p !== "invocation");

const errorCell = new CustomFunctions.Error("#REF!" as CustomFunctions.ErrorCode);
const extremeCell = fc.constantFrom<unknown>(1e308, 1, 2958465, 0, "", "A", "B", 45292, 3, errorCell, "2024-03-31", 10, 5);
/** A column of 1 to 6 extreme cells, all blanks, one error cell, or a single value. */
const extremeRange = fc.oneof(
  { weight: 4, arbitrary: fc.array(extremeCell, { minLength: 1, maxLength: 6 }).map((cells) => cells.map((cell) => [cell])) },
  { weight: 1, arbitrary: fc.constant([[""], [""], [""]]) },
  { weight: 1, arbitrary: fc.constant([[errorCell]]) },
  { weight: 2, arbitrary: extremeCell },
  { weight: 1, arbitrary: fc.constant(null) },
);

/** Columns whose values are days (a bridge's first and last day, a cohort's start): never below 1. */
const DAY_HEADERS = /^(First day|Last day|First purchase|Last purchase|首日|末日|首次购买|最近购买)/;

describe.each(catalogue)("=CX.%s on extreme values", (name, fn) => {
  const parameters = parametersOf(fn);
  test("a well-formed spill with no Infinity, NaN, undefined or negative day, or an error naming its own argument", () => {
    fc.assert(
      fc.property(fc.array(extremeRange, { minLength: parameters.length, maxLength: parameters.length }), (args) => {
        const result = outcome(() => fn(...args, invocation()));
        if (result.kind === "crash") throw result.error;
        if (result.kind === "error") {
          if (["#VALUE!", "#N/A"].includes(result.code)) {
            const first = /^([A-Za-z_]+)/.exec(result.message ?? "")?.[1] ?? "";
            if (!parameters.includes(first)) throw new Error(`${name}: "${result.message}" names no argument of ${parameters.join(", ")}`);
          }
          return;
        }
        const rows = result.value;
        const header = rows[0] as unknown[];
        rows.forEach((row, r) => row.forEach((cell, c) => {
          if (cell === undefined || (typeof cell === "number" && !Number.isFinite(cell))) throw new Error(`${name}: cell ${r},${c} is ${String(cell)}`);
          if (r > 0 && typeof cell === "number" && DAY_HEADERS.test(String(header[c])) && cell < 1) throw new Error(`${name}: day ${cell} in ${String(header[c])}`);
        }));
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
    );
  });
});

test("each extreme call ends in under 2 s, timed by Node outside Jest (200,000 rows, Excel's whole calendar, a century's horizon)", () => {
  const run = spawnSync(process.execPath, ["--import", "tsx", path.join(__dirname, "extremesTiming.ts")], { encoding: "utf8", timeout: 600_000 });
  if (run.status !== 0) throw new Error(run.stderr);
  const timings = JSON.parse(run.stdout) as { call: string; ms: number; outcome: string }[];
  expect(timings.length).toBeGreaterThan(30);
  expect(timings.filter((timing) => timing.ms >= 2_000)).toEqual([]);
}, 600_000);
