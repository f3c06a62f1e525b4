/*
 * Placeholder task pane until the report-builder pane lands: says what the add-in offers, in the
 * user's language, and how to start. It touches no workbook.
 */
import { localeFromDisplayLanguage } from "../i18n/locale";

const TEXT = {
  "en-US": {
    title: "Customer metrics (CX)",
    body: "Type =CX. in any cell to see the functions: CLV, CHURN, NPS, CSAT, RFM and more. The report builder is coming to this pane.",
  },
  "zh-CN": {
    title: "客户指标 (CX)",
    body: "在任意单元格中输入 =CX. 即可看到全部函数：CLV、CHURN、NPS、CSAT、RFM 等。报告生成器即将在此窗格中提供。",
  },
} as const;

function render(displayLanguage: string | undefined): void {
  const locale = localeFromDisplayLanguage(displayLanguage);
  const root = document.getElementById("root");
  if (root === null) return;
  document.documentElement.lang = locale;
  const title = document.createElement("h1");
  title.textContent = TEXT[locale].title;
  const body = document.createElement("p");
  body.textContent = TEXT[locale].body;
  root.replaceChildren(title, body);
}

if (typeof Office !== "undefined") {
  Office.onReady(() => render(Office.context?.displayLanguage));
} else {
  render(navigator.language);
}
