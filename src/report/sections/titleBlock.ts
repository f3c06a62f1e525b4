/**
 * Title and period: the dashboard's title block (title, period, currency, date of generation), the
 * titles of the data and workings sheets, the user's linked ranges, and the notes under the title:
 * what the figures mean (with the lapse window as typed) and where they come from.
 */
import type { Section } from "../builder";
import { linkedAddress } from "../dataSource";
import { missingDataNote } from "../missingData";
import { DATE_FORMAT, TEXT_RESULT } from "../sheetSpec";
import { textFormula } from "../textFormula";

export const titleBlock: Section = {
  id: "title",
  sheet: "dashboard",
  when: () => true,
  build(b) {
    const { options, t, source, fromQueries, trend, missing } = b.ctx;
    b.putOn("data", { address: "A1", value: `${options.title}: ${t("dataSheetTitle")}`, style: "title" });
    b.putOn("workings", { address: "A1", value: `${options.title}: ${t("workingsSheetTitle")}`, style: "title" });
    b.put({ address: "A1", value: options.title, style: "title" });
    b.put({ address: "A2", value: t("period"), style: "label" });
    b.put({ address: "B2", value: options.periodStart, numberFormat: DATE_FORMAT });
    // "to 2024-10-31" / "至 2024-10-31": the word is in the number format, the cell stays a date
    b.put({ address: "C2", value: options.periodEnd, numberFormat: `"${t("periodTo")} "${DATE_FORMAT}` });
    b.name("dashboard", "Period_Start", "B2");
    b.name("dashboard", "Period_End", "C2");
    b.put({ address: "A3", value: t("currency"), style: "label" });
    b.put({ address: "B3", value: options.currency });
    b.put({ address: "A4", value: t("generatedOn"), style: "label" });
    b.put({ address: "B4", value: options.generatedOn, numberFormat: DATE_FORMAT });
    // The user's own data ("my data"): listed under the title, and read through links, not copied.
    (fromQueries ? (["customerSummary", "periodTable", "survey", "costs"] as const) : (["transactions", "survey", "costs"] as const)).forEach((kind, i) => {
      const range = source[kind];
      if (range === undefined) return;
      b.put({ address: `D${2 + i}`, value: t(`linked_${kind}`), style: "label" });
      b.put({ address: `E${2 + i}`, value: linkedAddress(range) });
    });
    // The definitions note: where the figures come from when a database counted them.
    if (fromQueries) b.put({ address: "A5", value: t("fromQueriesNote") });
    if (!trend) return;
    // With the trend, what active, churn and the changes mean (the lapse window as typed on the data
    // sheet), and where the figures come from.
    b.put({ address: "A5", formula: `=${textFormula(t("definitionsNote"), { days: "Lapse_Days" })}`, numberFormat: TEXT_RESULT });
    b.put({ address: "A6", value: missing.length === 0 ? t("sourcesNote") : `${t("sourcesNote")} · ${missingDataNote(missing, options.locale)}` });
  },
};
