/** RFM in built-in formulas (DOMAIN.md §4): quintile scores and the segment's name from the core's rule table. */
import { columnName } from "../core/a1";
import { RFM_SEGMENT_RULES, type Span } from "../core/rfmScores";
import { segmentNames } from "../i18n/labels";
import type { Locale } from "../i18n/locale";
import type { ReportBuilder } from "./builder";
import { TABLE_HEADER_ROW } from "./tables";
import { quote } from "./textFormula";

/** A text as a formula writes it, quotes doubled (textFormula's, for the modules that read it here). */
export { quote };

/** PERCENTILE.INC's quintile cut points. */
export const QUINTILES = [0.2, 0.4, 0.6, 0.8] as const;

/**
 * A quintile score 1–5 of `cell` against a column's four cut points (the cells named `cuts`, each
 * PERCENTILE.INC of the column at a quintile): recency scores higher the fewer the days ("<": the
 * cut points above it), frequency and monetary the more (">": those below it). COUNTIF over cells,
 * not an array of cut points inside SUMPRODUCT, which engines evaluate each its own way.
 */
export function scoreFormula(cell: string, comparison: "<" | ">", cuts: string): string {
  return `1+COUNTIF(${cuts},"${comparison === "<" ? ">" : "<"}"&${cell})`;
}

/** The nested IF giving a segment number's name from R, F, M score cells, written from the core's rule table. */
export function segmentFormula(r: string, f: string, m: string, locale: Locale): string {
  const span = (cell: string, [low, high]: Span): string[] =>
    low === high ? [`${cell}=${low}`] : [...(low > 1 ? [`${cell}>=${low}`] : []), ...(high < 5 ? [`${cell}<=${high}`] : [])];
  let formula = quote(segmentNames.Others[locale]);
  for (const [segment, rs, fs, ms] of [...RFM_SEGMENT_RULES].reverse()) {
    const tests = [...span(r, rs), ...span(f, fs), ...span(m, ms)];
    const condition = tests.length === 1 ? tests[0] : `AND(${tests.join(",")})`;
    formula = `IF(${condition},${quote(segmentNames[segment][locale])},${formula})`;
  }
  return formula;
}

/**
 * RFM's quintile cut points beside a table on the workings: for each score (`[name, values]`), a
 * column headed R, F or M with PERCENTILE.INC of the values at each quintile (to 9 decimals), its four cells named;
 * the next columns are free after them.
 */
export function addCutPoints(b: ReportBuilder, scores: readonly (readonly [name: string, values: string])[]): void {
  const workings = b.sheet("workings");
  const left = workings.nextColumn;
  scores.forEach(([name, values], j) => {
    const column = columnName(left + j);
    // the header: the score's letter (Tx_R_Cuts → R)
    b.putOn("workings", { address: `${column}${TABLE_HEADER_ROW}`, value: name.replace(/_Cuts$/, "").replace(/^[A-Za-z]+_/, ""), style: "numberHeader" });
    // (rounded to 9 decimals: an engine that interpolates in long double, as Gnumeric does, puts a cut
    // point of 445 at 445.00000000000000008, and a recency of 445 would score on the other side of it)
    QUINTILES.forEach((q, k) => b.putOn("workings", { address: `${column}${TABLE_HEADER_ROW + 1 + k}`, formula: `=ROUND(PERCENTILE.INC(${values},${q}),9)`, numberFormat: "0.00", style: "helper" }));
    b.name("workings", name, `${column}${TABLE_HEADER_ROW + 1}:${column}${TABLE_HEADER_ROW + QUINTILES.length}`);
  });
  workings.nextColumn = left + scores.length + 1;
}
