#!/usr/bin/env node
// `npx cx-report`: runs scripts/cx-report.ts with tsx (the project's TypeScript runner), passing the
// arguments through and returning its exit code.
const { spawnSync } = require("node:child_process");
const path = require("node:path");
const { pathToFileURL } = require("node:url");

const script = path.join(__dirname, "..", "scripts", "cx-report.ts");
// tsx's loader by its own path, so that the command runs from any folder
const loader = pathToFileURL(require.resolve("tsx", { paths: [path.join(__dirname, "..")] })).href;
// A report on a million customers' query results holds them in memory while it writes them: more than
// Node's default heap. Node takes only what it uses; a --max-old-space-size of the user's own wins.
const heap = /--max-old-space-size/.test(process.env.NODE_OPTIONS ?? "") ? [] : ["--max-old-space-size=12288"];
const result = spawnSync(process.execPath, [...heap, "--import", loader, script, ...process.argv.slice(2)], { stdio: "inherit", cwd: process.cwd() });
process.exit(result.status ?? 1);
