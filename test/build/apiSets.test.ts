/**
 * Every Excel, CustomFunctions and OfficeRuntime API member that src/ uses, resolved with the
 * TypeScript compiler API, must belong to a requirement set no newer than what manifest.xml declares
 * (and, for ExcelApi, what the pane checks at run time). The sets come from the `[Api set: …]` tags
 * of @types/office-js, @types/custom-functions-runtime and @types/office-runtime.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { REQUIRED_EXCEL_API } from "../../src/taskpane/gateway";

const root = path.resolve(__dirname, "../..");
const manifest = readFileSync(path.join(root, "manifest.xml"), "utf8");
const declared = Object.fromEntries([...manifest.matchAll(/<Set Name="(\w+)" MinVersion="([\d.]+)"\/>/g)].map((m) => [m[1] as string, m[2] as string]));

/**
 * Sets the manifest does not declare, allowed only where the code checks for them at run time:
 * OfficeRuntime.storage is SharedRuntime 1.1 in a task pane (the pane asks isSetSupported first) and
 * part of the JavaScript-only custom-functions runtime itself (Microsoft's "Runtimes in Office Add-ins").
 * Range.getSpillingToRangeOrNullObject is ExcelApi 1.12: the writer asks where arrays spill only when
 * the gateway found that set supported (an Excel without it has no dynamic arrays to ask about).
 */
const GUARDED: Readonly<Record<string, readonly string[]>> = {
  "SharedRuntime 1.1": ["src/taskpane/gateway.ts", "src/functions/displayLanguage.ts"],
  "ExcelApi 1.12": ["src/writer/readReport.ts"],
};

const newer = (a: string, b: string): boolean => {
  const [a1 = 0, a2 = 0] = a.split(".").map(Number);
  const [b1 = 0, b2 = 0] = b.split(".").map(Number);
  return a1 !== b1 ? a1 > b1 : a2 > b2;
};

interface Use { member: string; sets: string[]; file: string }

function apiUses(): Use[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (config === undefined) throw new Error("tsconfig.json did not parse");
  const sources = config.fileNames.filter((file) => file.includes(`${path.sep}src${path.sep}`));
  const program = ts.createProgram(sources, config.options);
  const checker = program.getTypeChecker();
  const typings = /node_modules[\\/]@types[\\/](office-js|custom-functions-runtime|office-runtime)[\\/]/;
  const setsOf = (declaration: ts.Declaration): string[] => {
    const text = declaration.getSourceFile().getFullText().slice(declaration.getFullStart(), declaration.getStart());
    const own = [...text.matchAll(/\[Api set: ([^\]]+)\]/g)].flatMap((m) => (m[1] as string).split(",").map((s) => s.trim()));
    if (own.length > 0) return own;
    // a member without its own tag takes its interface's or class's
    const parent = declaration.parent as ts.Declaration | undefined;
    return parent !== undefined && (ts.isInterfaceDeclaration(parent) || ts.isClassDeclaration(parent)) ? setsOf(parent) : [];
  };
  const uses: Use[] = [];
  for (const source of program.getSourceFiles().filter((file) => sources.includes(file.fileName))) {
    const visit = (node: ts.Node): void => {
      if (ts.isPropertyAccessExpression(node) || ts.isIdentifier(node)) {
        const symbol = checker.getSymbolAtLocation(ts.isPropertyAccessExpression(node) ? node.name : node);
        const declarations = (symbol?.declarations ?? []).filter((d) => typings.test(d.getSourceFile().fileName));
        if (declarations.length > 0) {
          // overloads differ only in their argument types; the least set among them is what the call needs
          const version = (sets: string[]): string => sets[0]?.split(" ")[1] ?? "99";
          const sets = declarations.map(setsOf).reduce((least, next) => (least.length === 0 || (next.length > 0 && newer(version(least), version(next))) ? next : least));
          const owner = (declarations[0]?.parent as ts.NamedDeclaration | undefined)?.name?.getText() ?? "";
          uses.push({ member: `${owner}.${node.getText().split(".").at(-1)}`, sets, file: path.relative(root, source.fileName) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}

const uses = apiUses();

test("the scan sees the API members the writer, the pane and the functions use", () => {
  const members = new Set(uses.map((use) => use.member));
  expect(members.size).toBeGreaterThan(30);
  for (const member of ["Worksheet.getRanges", "Range.numberFormat", "ChartSeriesCollection.add", "ChartSeries.setValues", "Invocation.parameterAddresses", "Storage.setItem", "Storage.getItem"]) {
    expect([...members]).toContain(member);
  }
  const ranges = uses.find((use) => use.member === "Worksheet.getRanges");
  expect(ranges?.sets).toContain("ExcelApi 1.9");
  expect(uses.find((use) => use.member === "Invocation.parameterAddresses")?.sets).toContain("CustomFunctionsRuntime 1.3");
});

test("the gateway checks ExcelApi 1.12 before the writer asks where arrays spill", () => {
  const gateway = readFileSync(path.join(root, "src/taskpane/gateway.ts"), "utf8");
  expect(gateway).toMatch(/isSetSupported\("ExcelApi", "1\.12"\)/);
  expect(gateway).toMatch(/refreshReport\(context, [^;]*spills: hasDynamicArrays\(\)/);
  expect(gateway).toMatch(/rollForwardReport\(context, [^;]*hasDynamicArrays\(\)\)/);
});

test("no API member is newer than the manifest declares and the pane checks", () => {
  expect(declared["ExcelApi"]).toBe(REQUIRED_EXCEL_API);
  const problems = uses.flatMap((use) => {
    const ok = use.sets.length === 0 || use.sets.some((set) => {
      if (GUARDED[set]?.includes(use.file) === true) return true;
      const [name = "", version = ""] = set.split(" ");
      const limit = declared[name];
      return limit !== undefined && !newer(version, limit);
    });
    return ok ? [] : [`${use.file}: ${use.member} needs ${use.sets.join(" or ")}`];
  });
  expect([...new Set(problems)]).toEqual([]);
});
