import { ISSUED_MARKER, parseMarker, REPORT_MARKER, textOfFormula } from "./markers";

/** What the active sheet is to the month-end steps: a sheet of a report (with its stored settings), an issued copy, or neither. */
export type ActiveSheet =
  | { readonly kind: "report"; readonly settings: unknown; readonly dashboard: string }
  | { readonly kind: "issued"; readonly period: string; readonly report: string }
  | { readonly kind: "other" };

/** Reads the active sheet's markers, in one round trip. */
export async function describeActiveSheet(context: Excel.RequestContext): Promise<ActiveSheet> {
  const active = context.workbook.worksheets.getActiveWorksheet();
  const marker = active.names.getItemOrNullObject(REPORT_MARKER);
  marker.load("value");
  const issued = active.names.getItemOrNullObject(ISSUED_MARKER);
  issued.load("formula");
  await context.sync();
  const stored = parseMarker(marker);
  if (stored !== undefined) return { kind: "report", settings: stored.settings, dashboard: stored.sheets?.dashboard ?? "" };
  try {
    const copy = issued.isNullObject ? undefined : (JSON.parse(textOfFormula(issued.formula) ?? "") as { period?: unknown; report?: unknown });
    if (typeof copy?.period === "string" && typeof copy.report === "string") return { kind: "issued", period: copy.period, report: copy.report };
  } catch {
    // not a marker this version wrote
  }
  return { kind: "other" };
}
