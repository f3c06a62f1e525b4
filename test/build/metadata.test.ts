/** The generated functions.json and its zh-CN counterpart: complete, consistent, and truly Chinese. */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import * as cx from "../../src/functions/functions";
import table from "../../src/i18n/functionHelp.zh-CN.json";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { localizeMetadata } = require("../../build/localizeMetadata.js") as {
  localizeMetadata: (metadata: Metadata, table: unknown) => { metadata: Metadata; problems: string[] };
};

interface Parameter { name: string; description?: string; optional?: boolean; dimensionality?: string; type?: string }
interface FunctionMetadata { id: string; name: string; description: string; parameters: Parameter[]; options?: Record<string, boolean> }
interface Metadata { functions: FunctionMetadata[] }

const dist = path.resolve(__dirname, "../../dist");
const read = (file: string): Metadata => {
  const full = path.join(dist, file);
  if (!existsSync(full)) throw new Error(`${full} is missing: run \`npm run build\` (npm test does) before these tests`);
  return JSON.parse(readFileSync(full, "utf8")) as Metadata;
};
const english = read("functions.json");
const chinese = read("functions.zh-CN.json");
const HAN = /[\u4e00-\u9fff]/;

test("every exported function is in the metadata with id = name = the upper-case export name", () => {
  const exported = Object.keys(cx).sort();
  expect(english.functions.map((f) => f.id).sort()).toEqual(exported);
  for (const fn of english.functions) expect(fn.name).toBe(fn.id);
});

test("every function and parameter has an English description", () => {
  for (const fn of english.functions) {
    expect(fn.description.length).toBeGreaterThan(20);
    for (const p of fn.parameters) expect((p.description ?? "").length).toBeGreaterThan(5);
  }
});

test("every function asks Excel for parameter addresses so that messages can name cells", () => {
  for (const fn of english.functions) expect(fn.options?.["requiresParameterAddresses"]).toBe(true);
});

test("cells holding errors reach the functions, so that the message names the cell (allowErrorForDataTypeAny on every parameter of type any)", () => {
  for (const file of ["functions.json", "functions.zh-CN.json"]) {
    const metadata = JSON.parse(readFileSync(path.join(dist, file), "utf8")) as { allowErrorForDataTypeAny?: boolean; functions: { parameters: { type?: string }[] }[] };
    expect(metadata.allowErrorForDataTypeAny).toBe(true);
    // Excel passes errors only to parameters of type any
    for (const fn of metadata.functions) for (const parameter of fn.parameters) expect(parameter.type ?? "any").toBe("any");
  }
});

test("data-type cells reach the functions as their basic values: no allowCustomDataForDataTypeAny (CustomFunctionsRuntime 1.4) where the manifest declares 1.3", () => {
  expect(readFileSync("manifest.xml", "utf8")).toMatch(/<Set Name="CustomFunctionsRuntime" MinVersion="1.3"\/>/);
  for (const file of ["functions.json", "functions.zh-CN.json"]) {
    const metadata = JSON.parse(readFileSync(path.join(dist, file), "utf8")) as Record<string, unknown>;
    expect(Object.keys(metadata)).not.toContain("allowCustomDataForDataTypeAny");
  }
});

test("zh-CN metadata has the same functions and parameters, with Chinese descriptions for all", () => {
  expect(chinese.functions.map((f) => f.id)).toEqual(english.functions.map((f) => f.id));
  english.functions.forEach((fn, i) => {
    const zh = chinese.functions[i] as FunctionMetadata;
    expect(zh.name).toBe(fn.name);
    expect(zh.description).toMatch(HAN);
    expect(zh.parameters.map((p) => [p.name, p.optional, p.dimensionality, p.type])).toEqual(fn.parameters.map((p) => [p.name, p.optional, p.dimensionality, p.type]));
    for (const p of zh.parameters) expect(p.description).toMatch(HAN);
  });
});

test("the generator reports any function or parameter without a zh-CN description", () => {
  const gap = JSON.parse(JSON.stringify(table)) as Record<string, { parameters: Record<string, string> }>;
  delete gap["NPS"];
  delete (gap["CLV"] as { parameters: Record<string, string> }).parameters["discount_rate"];
  const { problems } = localizeMetadata(english, gap);
  expect(problems).toEqual(["CLV(discount_rate): no zh-CN description", "NPS: no zh-CN entry"]);
  const extra = { ...table, GONE: { metric: "旧", description: "旧函数", parameters: {} } };
  expect(localizeMetadata(english, extra).problems).toEqual(["GONE: zh-CN entry for a function that does not exist"]);
});
