/**
 * Structural checks of manifest.xml, standing in for `office-addin-manifest validate` (which needs
 * Microsoft's online validator, out of reach here). They follow the add-in-only manifest schema
 * (OfficeApp 1.1, TaskPaneApp, VersionOverrides 1.0) for what this add-in uses: element order,
 * required elements, resource references, string lengths, https URLs, bilingual strings, icon
 * sizes, and that every URL names a file the build produced.
 *
 * checkManifest(xmlText, { distDir, baseUrl }) returns a list of problems; empty means it passed.
 */
"use strict";

const fs = require("fs");
const path = require("path");
const { XMLParser, XMLValidator } = require("fast-xml-parser");

const OFFICE_APP_ORDER = [
  "Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
  "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions",
  "VersionOverrides",
];
const PERMISSIONS = ["Restricted", "ReadDocument", "ReadAllDocument", "WriteDocument", "ReadWriteDocument"];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const asList = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** Width and height of a PNG from its IHDR chunk. */
function pngSize(file) {
  const bytes = fs.readFileSync(file);
  if (bytes.toString("latin1", 1, 4) !== "PNG") return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function checkManifest(xml, { distDir, baseUrl = "https://localhost:3000/" } = {}) {
  const problems = [];
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return [`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`];

  // Order-preserving parse for the schema's sequences, plain parse for lookups.
  const ordered = new XMLParser({ ignoreAttributes: false, preserveOrder: true }).parse(xml);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" }).parse(xml);
  const app = doc.OfficeApp;
  if (!app) return ["the root element is not OfficeApp"];

  if (app["@xmlns"] !== "http://schemas.microsoft.com/office/appforoffice/1.1") problems.push("OfficeApp must use the appforoffice/1.1 namespace");
  if (app["@xsi:type"] !== "TaskPaneApp") problems.push(`OfficeApp xsi:type must be TaskPaneApp, is ${app["@xsi:type"]}`);

  const rootNode = ordered.find((node) => node.OfficeApp);
  const childNames = rootNode.OfficeApp.map((node) => Object.keys(node).find((key) => key !== ":@")).filter((name) => name && name !== "#comment");
  let last = -1;
  for (const name of childNames) {
    const index = OFFICE_APP_ORDER.indexOf(name);
    if (index < 0) problems.push(`unknown OfficeApp element <${name}>`);
    else if (index < last) problems.push(`<${name}> is out of the schema's order`);
    else last = index;
  }
  for (const required of ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl", "DefaultSettings", "Hosts", "Permissions"]) {
    if (!childNames.includes(required)) problems.push(`<${required}> is missing`);
  }

  if (!GUID.test(String(app.Id))) problems.push(`Id ${app.Id} is not a GUID`);
  if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(String(app.Version))) problems.push(`Version ${app.Version} is not n.n.n.n`);
  if (app.DefaultLocale !== "en-US") problems.push("DefaultLocale must be en-US");
  if (!PERMISSIONS.includes(app.Permissions)) problems.push(`Permissions ${app.Permissions} is not a task-pane permission`);
  if (!asList(app.Hosts && app.Hosts.Host).some((host) => host["@Name"] === "Workbook")) problems.push("Hosts must name Workbook");
  const sets = asList(app.Requirements && app.Requirements.Sets && app.Requirements.Sets.Set);
  if (!sets.some((set) => set["@Name"] === "CustomFunctionsRuntime")) problems.push("Requirements must declare CustomFunctionsRuntime");
  if (!sets.some((set) => set["@Name"] === "ExcelApi" && /^1\.\d+$/.test(set["@MinVersion"] || ""))) problems.push("Requirements must declare the ExcelApi version the task pane needs");

  const localized = (element, name, maxLength) => {
    if (!element) return;
    const value = element["@DefaultValue"];
    if (!value) problems.push(`${name} has no DefaultValue`);
    else if (value.length > maxLength) problems.push(`${name} is ${value.length} characters, over ${maxLength}`);
    const overrides = asList(element.Override || element["bt:Override"]);
    const zh = overrides.find((o) => o["@Locale"] === "zh-CN");
    if (!zh) problems.push(`${name} has no zh-CN override`);
    else if (zh["@Value"].length > maxLength) problems.push(`${name} zh-CN is over ${maxLength} characters`);
  };
  localized(app.DisplayName, "DisplayName", 125);
  localized(app.Description, "Description", 250);
  if (String(app.ProviderName).length > 125) problems.push("ProviderName is over 125 characters");

  // Resources and the references to them.
  const overrides = app.VersionOverrides;
  if (!overrides || overrides["@xsi:type"] !== "VersionOverridesV1_0") return problems.concat("VersionOverrides V1_0 is missing");
  const resources = overrides.Resources || {};
  const pool = (group, item) => new Map(asList(resources[group] && resources[group][item]).map((r) => [r["@id"], r]));
  const images = pool("bt:Images", "bt:Image");
  const urls = pool("bt:Urls", "bt:Url");
  const shortStrings = pool("bt:ShortStrings", "bt:String");
  const longStrings = pool("bt:LongStrings", "bt:String");
  for (const [id] of [...images, ...urls, ...shortStrings, ...longStrings]) {
    if (id.length > 32) problems.push(`resource id ${id} is over 32 characters`);
  }
  for (const [id, s] of shortStrings) {
    if (s["@DefaultValue"].length > 125) problems.push(`short string ${id} is over 125 characters`);
    if (id !== "Functions.Namespace") localized(s, `short string ${id}`, 125);
  }
  for (const [id, s] of longStrings) localized(s, `long string ${id}`, 250);

  // Every resid in the document must point at a resource of the right kind.
  const residKinds = { Image: images, SourceLocation: urls, FunctionFile: urls, LearnMoreUrl: urls, Title: shortStrings, Label: shortStrings, Namespace: shortStrings, Description: undefined };
  const visit = (node, name) => {
    if (Array.isArray(node)) return node.forEach((child) => visit(child, name));
    if (node === null || typeof node !== "object") return;
    if (node["@resid"] !== undefined) {
      const kind = name === "bt:Image" ? images : name === "Description" ? (longStrings.has(node["@resid"]) ? longStrings : shortStrings) : residKinds[name];
      if (!kind || !kind.has(node["@resid"])) problems.push(`<${name} resid="${node["@resid"]}"> points at no ${name === "Description" ? "string" : "resource of its kind"}`);
    }
    for (const [key, child] of Object.entries(node)) if (!key.startsWith("@")) visit(child, key);
  };
  visit(overrides.Hosts, "Hosts");

  // The custom-functions extension point and its resources.
  const hosts = asList(overrides.Hosts && overrides.Hosts.Host);
  const workbook = hosts.find((h) => h["@xsi:type"] === "Workbook");
  const points = asList(workbook && workbook.AllFormFactors && workbook.AllFormFactors.ExtensionPoint);
  const cf = points.find((p) => p["@xsi:type"] === "CustomFunctions");
  if (!cf) problems.push("no CustomFunctions extension point for Workbook");
  else {
    for (const part of ["Script", "Page", "Metadata"]) if (!cf[part] || !cf[part].SourceLocation) problems.push(`CustomFunctions ${part} is missing`);
    const ns = cf.Namespace && shortStrings.get(cf.Namespace["@resid"]);
    if (!ns || ns["@DefaultValue"] !== "CX") problems.push("the functions' namespace must be CX");
    const metadata = cf.Metadata && urls.get(cf.Metadata.SourceLocation["@resid"]);
    const zh = metadata && asList(metadata["bt:Override"]).find((o) => o["@Locale"] === "zh-CN");
    if (!zh) problems.push("the functions' metadata URL has no zh-CN override");
    else if (!zh["@Value"].endsWith("/functions.zh-CN.json")) problems.push("the zh-CN metadata override must point at functions.zh-CN.json");
  }
  if (workbook && workbook.Runtimes) problems.push("a <Runtimes> element would move the functions into the shared runtime (see DESIGN.md)");

  // Every URL: https, under the base URL, and (given distDir) a file the build produced.
  const allUrls = [];
  const collect = (node) => {
    if (Array.isArray(node)) return node.forEach(collect);
    if (node === null || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if ((key === "@DefaultValue" || key === "@Value") && /^[a-z]+:\/\//i.test(value)) allUrls.push(value);
      else if (!key.startsWith("@")) collect(value);
    }
  };
  collect(app);
  if (allUrls.length === 0) problems.push("the manifest names no URL");
  for (const url of new Set(allUrls)) {
    if (!url.startsWith("https://")) problems.push(`${url} is not https`);
    else if (!url.startsWith(baseUrl)) problems.push(`${url} is not under ${baseUrl}`);
    else if (distDir) {
      const file = path.join(distDir, decodeURI(url.slice(baseUrl.length).split(/[?#]/)[0]));
      if (!fs.existsSync(file)) problems.push(`${url} names ${path.relative(process.cwd(), file)}, which the build did not produce`);
    }
  }

  // Icons: the declared sizes must be the files' real sizes.
  if (distDir) {
    const expectSize = (url, size, what) => {
      if (!url || !url.startsWith(baseUrl)) return;
      const file = path.join(distDir, url.slice(baseUrl.length));
      if (!fs.existsSync(file)) return;
      const actual = pngSize(file);
      if (!actual || actual.width !== size || actual.height !== size) problems.push(`${what} ${url} should be ${size}×${size} PNG, is ${actual ? `${actual.width}×${actual.height}` : "not a PNG"}`);
    };
    expectSize(app.IconUrl && app.IconUrl["@DefaultValue"], 32, "IconUrl");
    expectSize(app.HighResolutionIconUrl && app.HighResolutionIconUrl["@DefaultValue"], 64, "HighResolutionIconUrl");
    for (const [id, image] of images) {
      const size = Number(/(\d+)x\1$/.exec(id)?.[1]);
      if (size) expectSize(image["@DefaultValue"], size, `image ${id}`);
    }
  }
  return problems;
}

module.exports = { checkManifest };
