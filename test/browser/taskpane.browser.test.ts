/**
 * The built task pane in headless Chromium (Debian's chromium, driven by playwright-core). dist/ and
 * office.js are served from this machine through request routing (no network): outside Office the
 * real office.js (@microsoft/office-js) is served and the pane must say how to open it in Excel;
 * with a scripted Excel stub, "Create report" must write the sheet. A screenshot of each view, in
 * English and Chinese, is kept in test-results/screenshots/.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { columnName, parseRange } from "../../src/core/a1";
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
async function openPane(browser: Browser, officeScript: "real" | "stub", language = "en-US", width = PANE_WIDTH, picks?: unknown): Promise<Page> {
  // Excel's task pane is often 320 px wide: every view is checked and shot at that width
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  if (picks !== undefined) await page.addInitScript((given) => void ((window as unknown as { __picks: unknown }).__picks = given), picks);
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
    await page.getByLabel(language === "zh-CN" ? "示例数据（试用）" : "Sample data, to try it out").check();
    // (the month-end panel has asked what the active sheet is: the write's own round trips are counted from here)
    const before = await page.evaluate(() => (window as unknown as { __excel: { syncs: number } }).__excel.syncs);
    await page.getByRole("button", { name: button, exact: true }).click();
    await page.getByText(done).waitFor({ timeout: 30_000 });
    const excel = await page.evaluate(() => (window as unknown as { __excel: { syncs: number; sheets: string[]; formulas: Record<string, unknown[][]> } }).__excel);
    expect(excel.syncs - before).toBe(2);
    expect(excel.sheets).toHaveLength(3);
    expect(JSON.stringify(Object.values(excel.formulas))).toMatch(/=CX\.CAC\('(Data|数据) [^']+'!Marketing_Spend,'(Data|数据) [^']+'!Acquired_Customers\)/);
    await page.screenshot({ path: path.join(shots, `report-created-${language}.png`), fullPage: true });
  }, 60_000);

  test("in Excel: with my data, each pick is checked and the report links to the picked ranges", async () => {
    const page = await openPane(browser, "stub", "en-US");
    await page.getByRole("button", { name: "More options" }).click();
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

  // A manager's transaction table: 2,000 rows headed 客户编号, 下单日期, 金额 and a fourth column, 区域.
  const TABLE = {
    address: "'交易明细'!A1:D2001",
    values: [["客户编号", "下单日期", "金额", "区域"], ...Array.from({ length: 2000 }, (_, i) => [`C${1000 + ((i * 7919) % 400)}`, 45658 + ((i * 37) % 680), 50 + ((i * 13) % 900) + 0.5, ["华东", "华南", "华北"][i % 3]])],
  };
  /** The same table picked the long way: its three columns only. */
  const LONG_WAY = { address: "'交易明细'!A1:C2001", values: TABLE.values.map((row) => row.slice(0, 3)) };
  const PATH: Record<string, { use: RegExp; create: string; done: RegExp }> = {
    "en-US": { use: /^Use selection: Transactions/, create: "Create report", done: /^Created the report: / },
    "zh-CN": { use: /^使用所选区域: 交易记录/, create: "生成报告", done: /^已创建报告：/ },
  };
  /** Opens the pane, selects the table (the stub's selection), and makes the report, counting the clicks in the pane. */
  async function reportFrom(language: string, width: number, picks: unknown): Promise<{ page: Page; clicks: number; formulas: Record<string, unknown[][]>; names: [string, string][] }> {
    const page = await openPane(browser, "stub", language, width, [picks]);
    const path_ = PATH[language] as (typeof PATH)[string];
    let clicks = 0;
    await page.getByRole("button", { name: path_.use }).waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: path_.use }).click();
    clicks++;
    await page.getByText(/(Linked to|已链接到) '交易明细'!A2:[CD]2001/).waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: path_.create, exact: true }).click();
    clicks++;
    await page.getByText(path_.done).waitFor({ timeout: 30_000 });
    const excel = await page.evaluate(() => (window as unknown as { __excel: { formulas: Record<string, unknown[][]>; names: [string, string][] } }).__excel);
    return { page, clicks, formulas: excel.formulas, names: excel.names };
  }

  test.each([["zh-CN", 320], ["zh-CN", 500], ["en-US", 320], ["en-US", 500]] as const)("from an empty pane (%s, %i px) to a report on 2,000 transactions with Chinese headers and a fourth column: one selection, two clicks, the long way's report", async (language, width) => {
    const { page, clicks, formulas, names } = await reportFrom(language, width, TABLE);
    expect(clicks).toBeLessThanOrEqual(3);
    expect(names).toEqual(expect.arrayContaining([["Tx_Customer", "='交易明细'!$A$2:$A$2001"], ["Tx_Date", "='交易明细'!$B$2:$B$2001"], ["Tx_Amount", "='交易明细'!$C$2:$C$2001"]]));
    await page.screenshot({ path: path.join(shots, `manager-path-${language}-${width}.png`), fullPage: true });
    expect(await overflowing(page)).toEqual([]);
    // the fourth column, 区域, is found as a unit column (DOMAIN.md §8): a unit selector and the by-unit table come with it
    expect(names).toEqual(expect.arrayContaining([["Tx_Unit", "='交易明细'!$D$2:$D$2001"], ["Selected_Unit", "H2"]]));
    const all = Object.values(formulas).flat(2).map(String);
    expect(all.some((formula) => formula.startsWith("=CX.BY_UNIT("))).toBe(true);
    // otherwise the same report as picking the three columns the long way: every formula the same, once the
    // selector's choice of rows, IF(Selected_Unit="All",column,FILTER(column,…)), is read as the column it chooses from
    const long = await reportFrom(language, width, LONG_WAY);
    const chosenRows = /IF\((?:'[^']+'!)?Selected_Unit="[^"]+",([^,]+),FILTER\(\1,IF\(.*?&""\)=(?:'[^']+'!)?Selected_Unit\)\)/g;
    const byUnit = (formula: string): boolean => /BY_UNIT|UNIQUE\(/.test(formula);
    // each formula by its own cell (the writer's blocks may be cut differently around the selector's cells)
    const cellOf = (at: string, r: number, c: number): string => {
      const [sheet, range] = at.split("!") as [string, string];
      const box = parseRange(range) as { top: number; left: number };
      return `${sheet}!${columnName(box.left + c)}${box.top + r + 1}`;
    };
    const formulasOnly = (written: Record<string, unknown[][]>): string[] => Object.entries(written).flatMap(([at, rows]) => rows.flatMap((row, r) => row.map((cell, c) => `${cellOf(at, r, c)}|${String(cell).replace(chosenRows, "$1")}`)))
      .filter((cell) => cell.split("|")[1]?.startsWith("=") === true && !byUnit(cell)).sort();
    expect(formulasOnly(formulas).length).toBeGreaterThan(500);
    expect(formulasOnly(formulas)).toEqual(formulasOnly(long.formulas));
    const kept = ([name]: [string, string]): boolean => (name.startsWith("Tx_") && !name.startsWith("Tx_Unit")) || name.startsWith("Trend_");
    expect(names.filter(kept)).toEqual(long.names.filter(kept));
    await long.page.close();
    await page.close();
  }, 120_000);

  test("in zh-CN at 320 px, nothing in the pane is cut off or sticks out: the end date, the column choices, More options", async () => {
    const page = await openPane(browser, "stub", "zh-CN", PANE_WIDTH, [TABLE]);
    await page.getByRole("button", { name: PATH["zh-CN"]?.use as RegExp }).click();
    await page.getByText(/已链接到/).waitFor({ timeout: 30_000 });
    await page.getByRole("button", { name: "更多选项" }).click();
    await page.getByLabel("期间结束").waitFor();
    const end = page.getByLabel("期间结束");
    expect(await end.inputValue()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    // the whole date shows: the input is at least as wide as its text
    expect(await end.evaluate((input: HTMLInputElement) => input.scrollWidth <= input.clientWidth + 1)).toBe(true);
    expect(await overflowing(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, "more-options-zh-CN.png"), fullPage: true });
    await page.close();
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
