/**
 * Every example formula the catalogue inserts computes as it stands: its literal arguments (numbers,
 * text, array constants) are handed to the function as Excel would, and the answer is not an error.
 */
import * as cx from "../../src/functions/functions";
import { EXAMPLE_FORMULAS } from "../../src/taskpane/exampleFormulas";
import { invocation, outcome } from "../helpers/excel";

/** The arguments of a formula made of literals only, as Excel hands them over (array constants as rows). */
function literalArguments(formula: string): unknown[] {
  const inner = /^=CX\.[A-Z_]+\((.*)\)$/.exec(formula)?.[1];
  if (inner === undefined) throw new Error(`not a CX call: ${formula}`);
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = "";
  for (const ch of inner) {
    if (ch === '"') quoted = !quoted;
    if (!quoted && ch === "{") depth++;
    if (!quoted && ch === "}") depth--;
    if (!quoted && depth === 0 && ch === ",") {
      parts.push(current);
      current = "";
    } else current += ch;
  }
  parts.push(current);
  const scalar = (text: string): unknown => (/^".*"$/.test(text) ? text.slice(1, -1) : Number(text));
  return parts.map((part) => {
    // an argument left out between commas reaches the function as null
    if (part === "") return null;
    if (!part.startsWith("{")) return [[scalar(part)]];
    return part.slice(1, -1).split(";").map((row) => row.split(",").map(scalar));
  });
}

test("every CX function has an example formula", () => {
  expect(Object.keys(EXAMPLE_FORMULAS).sort()).toEqual(Object.keys(cx).sort());
});

test.each(Object.entries(EXAMPLE_FORMULAS))("%s: the example computes without an error", (name, formula) => {
  const fn = (cx as unknown as Record<string, (...args: unknown[]) => unknown>)[name] as (...args: unknown[]) => unknown;
  const args = literalArguments(formula);
  expect(args.length).toBeLessThanOrEqual(fn.length - 1);
  const padded = [...args, ...Array.from({ length: fn.length - 1 - args.length }, () => null), invocation()];
  const result = outcome(() => fn(...padded));
  expect(result.kind).toBe("value");
  expect(JSON.stringify(result)).not.toMatch(/"#(N\/A|VALUE!|NUM!|DIV\/0!)"/);
});

test("the examples are the worked examples of DOMAIN.md where it has one", () => {
  const value = (name: string): unknown => {
    const fn = (cx as unknown as Record<string, (...args: unknown[]) => unknown>)[name] as (...args: unknown[]) => unknown;
    const args = literalArguments(EXAMPLE_FORMULAS[name] as string);
    const result = outcome(() => fn(...args, ...Array.from({ length: fn.length - 1 - args.length }, () => null), invocation()));
    return result.kind === "value" ? result.value : result;
  };
  expect(value("CLV")).toEqual([[2000]]);
  expect(value("CAC")).toEqual([[500]]);
  expect(value("CHURN")).toEqual([[0.05]]);
  // §11: with a lapse window of 120 days nine customers are still active and overdue, the five of most value at risk listed
  const atRisk = (value("AT_RISK") as number[][]).slice(1);
  expect(atRisk.length).toBe(5);
  for (const [, since, usual] of atRisk) expect((since as number) < 120 && (since as number) >= 1.5 * (usual as number)).toBe(true);
  // §7's lapsed of 2024-Q2 (W = 92), the larger value first
  expect((value("WIN_BACK") as unknown[][]).slice(1).map((row) => [row[0], row[3]])).toEqual([["A", 30], ["B", 5]]);
  expect((value("NEW_CUSTOMERS") as unknown[][]).slice(1).map((row) => [row[0], row[2]])).toEqual([["A", 30], ["C", 7], ["B", 5]]);
});
