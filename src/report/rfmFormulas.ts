/** RFM in built-in formulas (DOMAIN.md §4): quintile scores and the segment's name from the core's rule table. */
import { RFM_SEGMENT_RULES, type Span } from "../core/rfmScores";
import { segmentNames } from "../i18n/labels";
import type { Locale } from "../i18n/locale";

/** A text as a formula writes it, quotes doubled. */
export const quote = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/** PERCENTILE.INC's quintile cut points, as an array constant for built-in formulas. */
const QUINTILES = "{0.2,0.4,0.6,0.8}";

/**
 * A quintile score 1–5 of `cell` among the `column`'s values: recency scores higher the fewer the
 * days ("<": the cut points above it), frequency and monetary the more (">": those below it).
 */
export function scoreFormula(cell: string, comparison: "<" | ">", column: string): string {
  return `1+SUMPRODUCT(--(${cell}${comparison}PERCENTILE.INC(${column},${QUINTILES})))`;
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
