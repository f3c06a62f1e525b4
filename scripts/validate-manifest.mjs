// `npm run validate`: structural checks of manifest.xml against the files in dist/ (run `npm run build` first).
// Microsoft's `office-addin-manifest validate` needs its online service; where that is reachable, run it too.
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { checkManifest } = require("../build/manifestChecks.js");

const distDir = existsSync("dist/functions.js") ? "dist" : undefined;
const problems = checkManifest(readFileSync("manifest.xml", "utf8"), { distDir });
if (!distDir) console.warn("dist/ is missing: URLs were not checked against build output (run `npm run build`).");
if (problems.length > 0) {
  for (const problem of problems) console.error(`manifest.xml: ${problem}`);
  process.exit(1);
}
console.log(`manifest.xml passed the structural checks${distDir ? " and every URL resolves in dist/" : ""}.`);
