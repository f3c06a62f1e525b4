/*
 * Starts the task pane: inside Office, the report builder in Office's language and theme; outside
 * Office (a plain browser tab), a note on how to open it in Excel.
 */
import { createRoot } from "react-dom/client";
import { serialFromUtc } from "../core/dates";
import { localeFromDisplayLanguage } from "../i18n/locale";
import { paneStrings } from "../i18n/paneStrings";
import { App } from "./App";
import { loadBundledCatalogue } from "./FunctionsView";
import { officeGateway, rememberDisplayLanguage } from "./gateway";

function start(): void {
  const element = document.getElementById("root");
  if (element === null) return;
  const inOffice = typeof Office !== "undefined" && Office.context?.host !== undefined && Office.context.host !== null;
  const locale = localeFromDisplayLanguage(inOffice ? Office.context.displayLanguage : navigator.language);
  document.documentElement.lang = locale;
  if (!inOffice) {
    const note = document.createElement("p");
    note.id = "outside-office";
    note.textContent = paneStrings.outsideOffice[locale];
    element.replaceChildren(note);
    return;
  }
  void rememberDisplayLanguage(Office.context.displayLanguage);
  const now = new Date();
  const today = Math.floor(serialFromUtc(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())));
  createRoot(element).render(
    <App gateway={officeGateway} initialLocale={locale} dark={Office.context.officeTheme?.isDarkTheme === true} today={today} loadCatalogue={loadBundledCatalogue} />,
  );
}

if (typeof Office !== "undefined") Office.onReady(start);
else start();
