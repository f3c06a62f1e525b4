/**
 * Text made by formulas from a sentence in the report's language: "Revenue {revenue} {currency}"
 * with each {part} an expression, as "Revenue "&TEXT(Revenue,"#,##0")&" "&"CNY". Built-in text
 * functions only (& and TEXT), so it reads the same in every spreadsheet.
 */

/** A text as a formula's string literal: "a ""quoted"" word". */
export const quote = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/**
 * A template as a formula expression (no "="): its literal pieces quoted, each {name} replaced by
 * `parts[name]` (an expression). A name without a part stays as it is written.
 */
export function textFormula(template: string, parts: Readonly<Record<string, string>>): string {
  const pieces = template.split(/(\{[A-Za-z]+\})/).filter((piece) => piece !== "");
  if (pieces.length === 0) return '""';
  return pieces.map((piece) => {
    const name = /^\{([A-Za-z]+)\}$/.exec(piece)?.[1];
    const part = name === undefined ? undefined : parts[name];
    return part === undefined ? quote(piece) : `(${part})`;
  }).join("&");
}

/** A number as TEXT shows it in a sentence, by the format of the cell it comes from: money and counts in whole units, a share in %, else one decimal. */
export function textOf(expression: string, numberFormat: string | undefined): string {
  const format = numberFormat === undefined ? "0.0" : numberFormat.includes("%") ? "0.0%" : numberFormat.includes('"x"') ? "0.00" : numberFormat.includes("#,##0") ? "#,##0" : "0.0";
  return `TEXT(${expression},${quote(format)})`;
}

/** A signed change as TEXT shows it: +10.0% (relative), +2.6 (points). */
export const signedText = (expression: string, kind: "relative" | "points"): string =>
  `TEXT(${expression},${quote(kind === "relative" ? "+0.0%;-0.0%;0.0%" : "+0.0;-0.0;0.0")})`;
