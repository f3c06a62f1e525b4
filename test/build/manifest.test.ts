/**
 * manifest.xml, checked structurally (Microsoft's online validator is out of reach here) and against
 * the build output: every URL it names must be a file in dist/. `npm test` builds first.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { REQUIRED_EXCEL_API } from "../../src/taskpane/gateway";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkManifest } = require("../../build/manifestChecks.js") as { checkManifest: (xml: string, options?: { distDir?: string; baseUrl?: string }) => string[] };

const root = path.resolve(__dirname, "../..");
const dist = path.join(root, "dist");
const manifest = readFileSync(path.join(root, "manifest.xml"), "utf8");

beforeAll(() => {
  if (!existsSync(path.join(dist, "functions.js"))) throw new Error("dist/ is missing: run `npm run build` (npm test does) before these tests");
});

test("manifest.xml passes every structural check, and every URL resolves in dist/", () => {
  expect(checkManifest(manifest, { distDir: dist })).toEqual([]);
});

test("the built dist/manifest.xml is the same manifest", () => {
  expect(readFileSync(path.join(dist, "manifest.xml"), "utf8")).toBe(manifest);
});

test("the manifest declares the Excel API set the task pane checks at run time", () => {
  expect(manifest).toContain(`<Set Name="ExcelApi" MinVersion="${REQUIRED_EXCEL_API}"/>`);
  expect(checkManifest(manifest.replace(/<Set Name="ExcelApi"[^>]*\/>/, ""))).toContain("Requirements must declare the ExcelApi version the task pane needs");
});

test("functions run in the JavaScript-only runtime with least permissions", () => {
  expect(manifest).not.toMatch(/<Runtimes>/);
  expect(manifest).toMatch(/<Permissions>ReadWriteDocument<\/Permissions>/);
  expect(manifest).not.toMatch(/ReadWriteMailbox|ReadItem/);
});

describe("the checks catch a broken manifest", () => {
  const broken = (from: string | RegExp, to: string): string[] => {
    const xml = manifest.replace(from, to);
    if (xml === manifest) throw new Error(`mutation ${from} did not apply`);
    return checkManifest(xml, { distDir: dist });
  };
  test.each([
    ['<Override Locale="zh-CN" Value="客户指标 (CX)"/>', "", "DisplayName has no zh-CN override"],
    ['<bt:Override Locale="zh-CN" Value="https://localhost:3000/functions.zh-CN.json"/>', "", "the functions' metadata URL has no zh-CN override"],
    ["https://localhost:3000/functions.js", "http://localhost:3000/functions.js", "http://localhost:3000/functions.js is not https"],
    ["https://localhost:3000/functions.js", "https://localhost:3000/missing.js", "https://localhost:3000/missing.js names dist/missing.js, which the build did not produce"],
    ['resid="Functions.Namespace"', 'resid="Functions.Nope"', '<Namespace resid="Functions.Nope"> points at no resource of its kind'],
    ["assets/icon-80.png", "assets/icon-64.png", "image Icon.80x80 https://localhost:3000/assets/icon-64.png should be 80×80 PNG, is 64×64"],
    ["<Permissions>ReadWriteDocument</Permissions>", "<Permissions>ReadWriteMailbox</Permissions>", "Permissions ReadWriteMailbox is not a task-pane permission"],
    ['<Version>0.1.0.0</Version>', "<Version>one</Version>", "Version one is not n.n.n.n"],
  ])("%s → %s", (from, to, problem) => {
    expect(broken(from, to)).toContain(problem);
  });
  test("elements out of the schema's order", () => {
    const xml = manifest.replace(/(<ProviderName>[^<]*<\/ProviderName>\s*)(<DefaultLocale>en-US<\/DefaultLocale>)/, "$2$1");
    expect(checkManifest(xml)).toContain("<ProviderName> is out of the schema's order");
  });
  test("XML that is not well-formed", () => {
    expect(checkManifest(manifest.replace("</Hosts>", ""))[0]).toMatch(/^not well-formed XML/);
  });
});

describe("Microsoft's manifest schema (XSD, test/fixtures/office-manifest) validates the manifest with xmllint", () => {
  const schema = path.join(root, "test/fixtures/office-manifest/OfficeAppManifestV1_1.xsd");
  const xmllint = (file: string): { ok: boolean; output: string } => {
    try {
      return { ok: true, output: execFileSync("xmllint", ["--noout", "--schema", schema, file], { stdio: "pipe" }).toString() };
    } catch (error) {
      const failure = error as { stderr?: Buffer; message: string };
      return { ok: false, output: failure.stderr?.toString() ?? failure.message };
    }
  };
  test("dist/manifest.xml validates", () => {
    const result = xmllint(path.join(dist, "manifest.xml"));
    expect(result.output).toBe("");
    expect(result.ok).toBe(true);
  });
  test("an element the schema does not allow is refused", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "cx-xsd-")), "manifest.xml");
    writeFileSync(file, manifest.replace("<Hosts>", "<Hostz/><Hosts>"));
    const result = xmllint(file);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/Hostz/);
  });
});

test("a production build rewrites every URL to ADDIN_BASE_URL", () => {
  const out = mkdtempSync(path.join(tmpdir(), "cx-prod-"));
  execFileSync(process.execPath, [require.resolve("webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", out], {
    cwd: root, env: { ...process.env, ADDIN_BASE_URL: "https://addins.example.com/cx/" }, stdio: "pipe",
  });
  const built = readFileSync(path.join(out, "manifest.xml"), "utf8");
  expect(built).not.toContain("localhost");
  expect(checkManifest(built, { distDir: out, baseUrl: "https://addins.example.com/cx/" })).toEqual([]);
}, 120_000);
