/**
 * The language of the functions' messages on each platform: Office.context where the runtime has it
 * (the web), else what the task pane recorded in OfficeRuntime.storage (the JavaScript-only runtime on
 * Windows and Mac has no Office.context, office-js issue 769), else English and Chinese together.
 */
import * as cx from "../../src/functions/functions";
import { displayLanguage, forgetStoredDisplayLanguage, loadStoredDisplayLanguage } from "../../src/functions/displayLanguage";
import { rememberDisplayLanguage } from "../../src/taskpane/gateway";
import { officeRuntimeStorage } from "../setup/customFunctionsGlobals";
import { column, invocation, outcome } from "../helpers/excel";

const globals = globalThis as Record<string, unknown>;
const runtime = globals["OfficeRuntime"];
const npsMessage = (): string | undefined => {
  const result = outcome(() => cx.NPS(column(9, "n/a"), null, null, invocation(["Survey!C2:C3", "", ""])));
  return result.kind === "error" ? result.message : undefined;
};

afterEach(async () => {
  delete globals["Office"];
  globals["OfficeRuntime"] = runtime;
  officeRuntimeStorage.set("cx.displayLanguage", "en-US");
  await loadStoredDisplayLanguage();
});

test("no Office.context (Windows, Mac): the language the task pane stored", async () => {
  officeRuntimeStorage.set("cx.displayLanguage", "zh-CN");
  await loadStoredDisplayLanguage();
  expect(displayLanguage()).toBe("zh-CN");
  expect(npsMessage()).toBe("scores（Survey!C3）：\"n/a\" 是文本而不是数字，请将单元格转换为数字。");
});

test("Office.context's display language comes first where the runtime has it (the web)", async () => {
  globals["Office"] = { context: { displayLanguage: "zh-CN" } };
  expect(displayLanguage()).toBe("zh-CN");
  globals["Office"] = { context: { displayLanguage: "en-GB" } };
  expect(npsMessage()).toBe('scores (Survey!C3): "n/a" is text, not a number; convert the cells to numbers.');
});

test("neither Office.context nor storage: the message comes in English and Chinese", async () => {
  delete globals["OfficeRuntime"];
  forgetStoredDisplayLanguage();
  await loadStoredDisplayLanguage();
  expect(displayLanguage()).toBeUndefined();
  const message = npsMessage();
  expect(message).toContain('scores (Survey!C3): "n/a" is text, not a number');
  expect(message).toContain("scores（Survey!C3）：\"n/a\" 是文本");
  // table labels fall back to English
  const table = cx.RFM_SUMMARY([["C1"], ["C2"]], [[45000], [45010]], [[10], [20]], 45020, null, invocation());
  expect(JSON.stringify(table)).toContain("Champions");
});

test("storage that refuses leaves the language unknown, not an exception", async () => {
  forgetStoredDisplayLanguage();
  globals["OfficeRuntime"] = { storage: { getItem: () => Promise.reject(new Error("storage is not available in a dialog")) } };
  await expect(loadStoredDisplayLanguage()).resolves.toBeUndefined();
  expect(displayLanguage()).toBeUndefined();
});

describe("the task pane records Office's display language for the functions", () => {
  test("where the host has SharedRuntime 1.1", async () => {
    globals["Office"] = { context: { requirements: { isSetSupported: (set: string, version: string) => set === "SharedRuntime" && version === "1.1" } } };
    await expect(rememberDisplayLanguage("zh-CN")).resolves.toBe(true);
    expect(officeRuntimeStorage.get("cx.displayLanguage")).toBe("zh-CN");
  });
  test("not where the host lacks it, nor without OfficeRuntime", async () => {
    globals["Office"] = { context: { requirements: { isSetSupported: () => false } } };
    await expect(rememberDisplayLanguage("zh-CN")).resolves.toBe(false);
    expect(officeRuntimeStorage.get("cx.displayLanguage")).toBe("en-US");
    delete globals["OfficeRuntime"];
    await expect(rememberDisplayLanguage("zh-CN")).resolves.toBe(false);
  });
});
