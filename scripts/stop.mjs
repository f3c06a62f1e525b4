// `npm stop`: undo `npm start` — stop the dev server, and on Windows / macOS unregister the sideloaded add-in.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { spawnSync } from "node:child_process";

if (["win32", "darwin"].includes(process.platform) && !process.argv.includes("--web")) {
  spawnSync("npx", ["office-addin-debugging", "stop", "manifest.xml"], { stdio: "inherit", shell: process.platform === "win32" });
}
if (existsSync(".dev-server.pid")) {
  const pid = Number(readFileSync(".dev-server.pid", "utf8"));
  try {
    process.kill(process.platform === "win32" ? pid : -pid);
    console.log(`Stopped the dev server (process ${pid}).`);
  } catch {
    console.log("The dev server was not running.");
  }
  rmSync(".dev-server.pid");
} else {
  console.log("No dev server started by npm start is running.");
}
