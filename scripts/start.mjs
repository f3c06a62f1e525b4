// `npm start`: run the add-in.
// - Windows / macOS with Excel desktop: office-addin-debugging sideloads manifest.xml into Excel
//   and starts the dev server (npm run dev-server).
// - Anywhere else (Linux, CI, or `npm start -- --web`): builds, serves https://localhost:3000 and
//   prints how to sideload into Excel on the web. Stop with Ctrl+C or `npm stop`.
import { spawn, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import https from "node:https";

const web = process.argv.includes("--web") || !["win32", "darwin"].includes(process.platform);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

if (!web) {
  const result = spawnSync("npx", ["office-addin-debugging", "start", "manifest.xml", "desktop"], { stdio: "inherit", shell: process.platform === "win32" });
  process.exit(result.status ?? 1);
}

console.log("Building the add-in (development)…");
const build = spawnSync(npm, ["run", "build:dev", "--silent"], { stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);

const server = spawn(npm, ["run", "dev-server", "--silent"], { stdio: ["ignore", "inherit", "inherit"], detached: process.platform !== "win32" });
writeFileSync(".dev-server.pid", String(server.pid));
const stop = () => {
  try {
    process.kill(process.platform === "win32" ? server.pid : -server.pid);
  } catch {
    // already gone
  }
};
process.on("SIGINT", () => { stop(); process.exit(0); });
process.on("SIGTERM", () => { stop(); process.exit(0); });
server.on("exit", (code) => process.exit(code ?? 0));

// Wait for the server, then say how to use it.
const deadline = Date.now() + 60_000;
const probe = () =>
  https
    .get("https://localhost:3000/functions.json", { rejectUnauthorized: false }, (response) => {
      response.resume();
      if (response.statusCode === 200) ready();
      else setTimeout(probe, 500);
    })
    .on("error", () => (Date.now() < deadline ? setTimeout(probe, 500) : console.error("The dev server did not answer on https://localhost:3000 within a minute.")));
probe();

function ready() {
  console.log(`
The CX add-in is served at https://localhost:3000 (manifest: manifest.xml).

Excel desktop is not available on this machine (${process.platform}), so sideload into Excel on the web:
  1. If your browser does not trust the dev certificate yet, open https://localhost:3000/taskpane.html
     once and accept it (or run "npx office-addin-dev-certs install" with admin rights).
  2. Open https://excel.cloud.microsoft (or office.com → Excel) and create or open a workbook.
  3. Home → Add-ins → More Add-ins → My Add-ins → Upload My Add-in, and choose manifest.xml
     from this folder.
  4. Type =CX. in a cell to see the functions, e.g. =CX.NPS(A2:A200) or =CX.CLV(100,4,5).

No Excel at all? "npm run demo" writes demo/customer-metrics-report.xlsx: the report with sample
data in portable mode (built-in formulas only), which opens in any spreadsheet program.

Stop the server with Ctrl+C or "npm stop".`);
}
