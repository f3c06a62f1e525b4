/** README is the user's manual: its quick start and function reference must match what ships. */
import { readFileSync } from "node:fs";
import path from "node:path";
import * as cx from "../../src/functions/functions";

const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");

test("the quick start gives the two commands: run the add-in, run the tests", () => {
  expect(readme).toContain("npm install && npm start");
  expect(readme).toMatch(/```sh\nnpm test\n```/);
});

test("the function reference has a row for every CX function, with its signature's parameters", () => {
  for (const name of Object.keys(cx)) {
    const row = readme.split("\n").find((line) => line.startsWith(`| \`CX.${name}\` |`));
    expect(row).toBeDefined();
    // every parameter of the function appears in the row's signature
    const fn = (cx as Record<string, (...args: unknown[]) => unknown>)[name] as (...args: unknown[]) => unknown;
    const parameters = /\(([^)]*)\)/.exec(fn.toString())?.[1]?.split(",").map((p) => p.trim().split(/[:=\s]/)[0]).filter((p) => p && p !== "invocation") ?? [];
    expect(parameters.length).toBeGreaterThan(0);
    for (const parameter of parameters) expect(row).toContain(parameter as string);
  }
});

test("the benchmark table has no placeholder left", () => {
  expect(readme).not.toContain("BENCH_TABLE");
  expect(readme).toMatch(/\| `CX.NPS` over 1,000,000 answers \| [\d.–]+ ms/);
});
