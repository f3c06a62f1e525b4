/**
 * functions.js runs in Excel's JavaScript-only runtime, which on Windows before version 2403 and in
 * perpetual Office through 2021 supports ECMAScript 2016 (Microsoft's "Runtimes in Office Add-ins").
 * The built bundle must parse at that level and call no built-in that came later.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "acorn";

const bundle = path.resolve(__dirname, "../../dist/functions.js");

beforeAll(() => {
  if (!existsSync(bundle)) throw new Error("dist/ is missing: run `npm run build` (npm test does) before these tests");
});

test("dist/functions.js parses as ECMAScript 2016", () => {
  const code = readFileSync(bundle, "utf8");
  expect(() => parse(code, { ecmaVersion: 2016, sourceType: "script" })).not.toThrow();
});

test("the ES2016 check refuses later syntax (optional chaining, ??, async functions, object spread)", () => {
  for (const later of ["a?.b", "a ?? b", "async function f() { await g(); }", "const o = { ...p };"]) {
    expect(() => parse(later, { ecmaVersion: 2016, sourceType: "script" })).toThrow();
  }
});

test("dist/functions.js calls no built-in newer than ES2016", () => {
  const code = readFileSync(bundle, "utf8");
  const later = [
    "Object.entries", "Object.values", "Object.fromEntries", "Object.getOwnPropertyDescriptors", ".padStart(", ".padEnd(",
    ".flatMap(", ".flat(", ".trimStart(", ".trimEnd(", ".matchAll(", ".replaceAll(", "Promise.allSettled", "Promise.any",
    ".at(", "structuredClone", "globalThis", "BigInt", "Array.prototype.findLast", ".findLast(", "Object.hasOwn",
  ];
  expect(later.filter((name) => code.includes(name))).toEqual([]);
});
