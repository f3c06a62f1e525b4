/**
 * A clone of the repository has only the repository: every path a test, script, bench or build file
 * names must resolve inside the project's root (reference data lives in test/fixtures/).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../..");
const folders = ["src", "test", "scripts", "bench", "build", ".ci"];
const topFiles = ["webpack.config.js", "jest.config.js", "eslint.config.js", "package.json", "tsconfig.json", "tsconfig.functions.json"];

function filesUnder(folder: string): string[] {
  const full = path.join(root, folder);
  if (!existsSync(full)) return [];
  return readdirSync(full).flatMap((entry) => {
    const item = path.join(full, entry);
    if (statSync(item).isDirectory()) return entry === "fixtures" ? [] : filesUnder(path.relative(root, item));
    return /\.(ts|tsx|js|mjs|cjs|json|sh)$|^run$/.test(entry) ? [item] : [];
  });
}

/** Relative paths that climb ("../…") in string literals, resolved from the file that names them. */
function climbingPaths(file: string): { literal: string; resolved: string }[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/["'`]((?:\.\.\/)+[^"'`\s]*)["'`]/g)].map((match) => {
    const literal = match[1] as string;
    return { literal, resolved: path.resolve(path.dirname(file), literal) };
  });
}

test("no file of the project names a path outside the project's root", () => {
  const files = [...folders.flatMap(filesUnder), ...topFiles.map((name) => path.join(root, name)).filter(existsSync)];
  expect(files.length).toBeGreaterThan(50);
  const outside = files.flatMap((file) =>
    climbingPaths(file)
      .filter(({ resolved }) => resolved !== root && !resolved.startsWith(root + path.sep))
      .map(({ literal }) => `${path.relative(root, file)}: ${literal}`),
  );
  expect(outside).toEqual([]);
  // and the sibling folder of the developers' machine is never named
  const naming = files.filter((file) => /\.\.\/shared\b/.test(readFileSync(file, "utf8")));
  expect(naming.map((file) => path.relative(root, file))).toEqual([]);
});

test("the reference data sets the tests read are in the project, each with its README and licence", () => {
  const cdnow = path.join(root, "test/fixtures/cdnow");
  for (const name of ["README.md", "LIFETIMES_LICENSE.txt", "CDNOW_sample.txt", "cdnow_customers_summary_with_transactions.csv"]) {
    expect(existsSync(path.join(cdnow, name))).toBe(true);
  }
  expect(readFileSync(path.join(cdnow, "CDNOW_sample.txt"), "utf8").trim().split(/\r?\n/)).toHaveLength(6919);
  const schemas = path.join(root, "test/fixtures/office-manifest");
  for (const name of ["README.md", "OfficeAppManifestV1_1.xsd", "TaskPaneAppVersionOverridesV1_0.xsd"]) expect(existsSync(path.join(schemas, name))).toBe(true);
});
