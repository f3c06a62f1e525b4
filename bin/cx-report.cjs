#!/usr/bin/env node
// `npx cx-report`: runs scripts/cx-report.ts with tsx (the project's TypeScript runner), passing the
// arguments through and returning its exit code.
const { spawnSync } = require("node:child_process");
const path = require("node:path");
const { pathToFileURL } = require("node:url");

const script = path.join(__dirname, "..", "scripts", "cx-report.ts");
// tsx's loader by its own path, so that the command runs from any folder
const loader = pathToFileURL(require.resolve("tsx", { paths: [path.join(__dirname, "..")] })).href;
const result = spawnSync(process.execPath, ["--import", loader, script, ...process.argv.slice(2)], { stdio: "inherit", cwd: process.cwd() });
process.exit(result.status ?? 1);
