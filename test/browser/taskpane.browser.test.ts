/**
 * The built task pane in headless Chromium (Debian's chromium, driven by playwright-core). dist/ and
 * office.js are served from this machine through request routing (no network): outside Office the
 * real office.js (@microsoft/office-js) is served and the pane must say how to open it in Excel;
 * with a scripted Excel stub, "Create report" must write the sheet. A screenshot of each view, in
 * English and Chinese, is kept in test-results/screenshots/.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

const root = path.resolve(__dirname, "../..");
const dist = path.join(root, "dist");
const officeDist = path.join(root, "node_modules/@microsoft/office-js/dist");
const shots = path.join(root, "test-results/screenshots");
const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const APP = "http://cx.localhost";

const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env["CI"] === "true") throw new Error(`CI must run the browser test: install Debian's chromium (${CHROMIUM} is missing)`);
if (!haveChromium) console.warn(`Chromium not found at ${CHROMIUM}: the browser test is skipped. apt-get install chromium`);
const describeWithChromium = haveChromium ? describe : describe.skip;

const PANE_WIDTH = 320;

/** Elements that stick out of their card or the pane, and buttons whose label is cut off. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const paneWidth = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > paneWidth + 1) found.push(`the page scrolls sideways (${document.documentElement.scrollWidth} px)`);
    for (const card of Array.from(document.querySelectorAll('[role="listitem"]'))) {
      const box = card.getBoundingClientRect();
      const name = card.querySelector("button")?.getAttribute("aria-label") ?? "a card";
      if (box.right > paneWidth + 0.5) found.push(`${name}: the card is wider than the pane`);
      for (const element of Array.from(card.querySelectorAll("*"))) {
        const rect = element.getBoundingClientRect();
        if (rect.width > 0 && (rect.right > box.right + 0.5 || rect.left < box.left - 0.5)) found.push(`${name}: ${element.tagName.toLowerCase()} sticks out of its card`);
      }
    }
    for (const button of Array.from(document.querySelectorAll("button"))) {
      if (button.getBoundingClientRect().width > 0 && button.scrollWidth > button.clientWidth + 1) found.push(`the label of "${button.textContent ?? ""}" is cut off`);
    }
    return [...new Set(found)];
  });
}

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".json": "application/json", ".png": "image/png", ".css": "text/css" };

/** Serves dist/ as the add-in's origin and office.js (real, or the Excel stub) in place of Microsoft's CDN. */
async function openPane(browser: Browser, officeScript: "real" | "stub", language = "en-US"): Promise<Page> {
  // Excel's task pane is often 320 px wide: every view is checked and shot at that width
  const page = await browser.newPage({ viewport: { width: PANE_WIDTH, height: 900 } });
  await page.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    let file: string | undefined;
    if (url.origin === APP) file = path.join(dist, decodeURIComponent(url.pathname));
    else if (url.hostname === "appsforoffice.microsoft.com") {
      const name = url.pathname.replace(/^\/lib\/1\/hosted\//, "");
      file = officeScript === "stub" && name === "office.js" ? path.join(__dirname, "excelStub.js") : path.join(officeDist, name);
    }
    if (file === undefined || !existsSync(file)) return route.fulfill({ status: 404, body: "" });
    return route.fulfill({ status: 200, contentType: TYPES[path.extname(file)] ?? "application/octet-stream", body: readFileSync(file) });
  });
  await page.goto(`${APP}/taskpane.html?lang=${language}`);
  return page;
}

describeWithChromium("the built task pane in headless Chromium", () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!existsSync(path.join(dist, "taskpane.html"))) throw new Error("dist/ is missing: run `npm run build` (npm test does)");
    mkdirSync(shots, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });

  test("outside Office (real office.js) it says how to open it in Excel", async () => {
    const page = await openPane(browser, "real");
    const note = page.locator("#outside-office");
    await note.waitFor({ timeout: 30_000 });
    expect(await note.textContent()).toMatch(/Open it in Excel: sideload manifest.xml/);
    await page.screenshot({ path: path.join(shots, "outside-office.png") });
  }, 60_000);

  test.each([
    ["en-US", "Create report", /^Created the report: “Report [^”]+”, “Data [^”]+”, “Workings [^”]+”\.$/],
    ["zh-CN", "生成报告", /^已创建报告：“管报 [^”]+”、“数据 [^”]+”、“底稿 [^”]+”。$/],
  ])("in Excel (%s): the Create report click writes the report's three sheets", async (language, button, done) => {
    const page = await openPane(browser, "stub", language);
    await page.getByRole("button", { name: button, exact: true }).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(shots, `create-report-${language}.png`), fullPage: true });
    expect(await overflowing(page)).toEqual([]);
    await page.getByRole("button", { name: button, exact: true }).click();
    await page.getByText(done).waitFor({ timeout: 30_000 });
    const excel = await page.evaluate(() => (window as unknown as { __excel: { syncs: number; sheets: string[]; formulas: Record<string, unknown[][]> } }).__excel);
    expect(excel.syncs).toBe(2);
    expect(excel.sheets).toHaveLength(3);
    expect(JSON.stringify(Object.values(excel.formulas))).toMatch(/=CX\.CAC\('(Data|数据) [^']+'!Marketing_Spend,'(Data|数据) [^']+'!Acquired_Customers\)/);
    await page.screenshot({ path: path.join(shots, `report-created-${language}.png`), fullPage: true });
  }, 60_000);

  test("in Excel: with my data, each pick is checked and the report links to the picked ranges", async () => {
    const page = await openPane(browser, "stub", "en-US");
    await page.getByLabel(/My data/).check();
    for (const kind of ["Transactions", "Survey answers", "Acquisition costs"]) {
      await page.getByRole("button", { name: new RegExp(`Use selection: ${kind}`) }).click();
    }
    await page.getByText("Linked to Costs!A2:C3 (2 rows).").waitFor({ timeout: 30_000 });
    await page.getByText("Linked to Sales!A2:C4 (3 rows).").waitFor();
    await page.screenshot({ path: path.join(shots, "my-data-en-US.png"), fullPage: true });
    await page.getByRole("button", { name: "Create report", exact: true }).click();
    await page.getByText(/^Created the report: “Report /).waitFor({ timeout: 30_000 });
    const excel = await page.evaluate(() => (window as unknown as { __excel: { names: [string, string][] } }).__excel);
    expect(excel.names).toEqual(expect.arrayContaining([["Tx_Customer", "='Sales'!$A$2:$A$4"], ["Survey_NPS", "='Survey'!$A$2:$A$3"]]));
  }, 60_000);

  test.each([
    ["en-US", "Functions", "CX.NPS(scores, [output], [language])"],
    ["zh-CN", "函数", "CX.NPS(scores, [output], [language])"],
  ])("in Excel (%s): the Functions view lists the catalogue from the build's metadata", async (language, tab, signature) => {
    const page = await openPane(browser, "stub", language);
    await page.getByRole("tab", { name: tab }).click();
    await page.getByText(signature).waitFor({ timeout: 30_000 });
    if (language === "zh-CN") await page.getByText(/净推荐值：/).first().waitFor();
    await page.screenshot({ path: path.join(shots, `functions-${language}.png`), fullPage: false });
    expect(await overflowing(page)).toEqual([]);
  }, 60_000);
});
