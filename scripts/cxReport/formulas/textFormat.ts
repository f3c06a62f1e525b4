/**
 * TEXT(value, format) for the number formats a report writes into its commentary ("#,##0",
 * "+0.0%;-0.0%;0.0%", "0.0", and 万元's 0\.0,"万元"), as Excel's "Number format codes" page
 * defines them: up to three sections (positive; negative; zero), digit placeholders 0 and #, a
 * decimal point, a thousands separator (or, after the last digit, a division by 1,000), %, quoted
 * text and \-escaped characters. Dates and colours are not among them and are refused.
 */

interface Token {
  readonly kind: "zero" | "hash" | "point" | "comma" | "percent" | "literal";
  readonly text: string;
}

/** A section's tokens: digit placeholders, the point, commas, % and literal text. */
function tokensOf(section: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < section.length; i++) {
    const char = section[i] as string;
    if (char === '"') {
      const end = section.indexOf('"', i + 1);
      tokens.push({ kind: "literal", text: section.slice(i + 1, end < 0 ? section.length : end) });
      i = end < 0 ? section.length : end;
    } else if (char === "\\") {
      tokens.push({ kind: "literal", text: section[++i] ?? "" });
    } else if (char === "0" || char === "#") tokens.push({ kind: char === "0" ? "zero" : "hash", text: char });
    else if (char === ".") tokens.push({ kind: "point", text: char });
    else if (char === ",") tokens.push({ kind: "comma", text: char });
    else if (char === "%") tokens.push({ kind: "percent", text: char });
    else if (/[ymdhsYMDHS[@]/.test(char)) throw new Error(`TEXT's format "${section}" is not a number format the report writes`);
    else tokens.push({ kind: "literal", text: char });
  }
  return tokens;
}

/** The sections of a format, split at the semicolons outside quotes. */
function sectionsOf(format: string): string[] {
  const sections: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < format.length; i++) {
    const char = format[i] as string;
    if (char === '"') quoted = !quoted;
    if (char === "\\" && !quoted) {
      current += char + (format[++i] ?? "");
      continue;
    }
    if (char === ";" && !quoted) {
      sections.push(current);
      current = "";
    } else current += char;
  }
  return [...sections, current];
}

/** A non-negative number rounded half away from zero to `decimals` places, as digits before and after the point. */
function roundedDigits(value: number, decimals: number): { whole: string; fraction: string } {
  const scaled = Math.round(Number((value * 10 ** decimals).toPrecision(15)));
  const text = scaled.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 0 }).padStart(decimals + 1, "0");
  return { whole: text.slice(0, text.length - decimals), fraction: decimals === 0 ? "" : text.slice(text.length - decimals) };
}

/** Formats a number by one section (its sign already chosen by the section). */
function formatSection(value: number, tokens: readonly Token[]): string {
  const placeholder = (token: Token): boolean => token.kind === "zero" || token.kind === "hash";
  const lastDigit = tokens.reduce((last, token, k) => (placeholder(token) ? k : last), -1);
  const point = tokens.findIndex((token) => token.kind === "point");
  const integerEnd = point < 0 ? tokens.length : point;
  // commas right after the last digit placeholder divide by 1,000 each; between placeholders they group
  let scale = 1;
  for (let k = lastDigit + 1; k < tokens.length && tokens[k]?.kind === "comma"; k++) scale /= 1000;
  const integer = tokens.slice(0, integerEnd).map((token, k) => (token.kind === "comma" && k > lastDigit ? null : token)).filter((token): token is Token => token !== null);
  const grouping = integer.some((token) => token.kind === "comma");
  const decimals = point < 0 ? [] : tokens.slice(point + 1).filter(placeholder);
  const percent = tokens.some((token) => token.kind === "percent");
  const { whole, fraction } = roundedDigits(value * scale * (percent ? 100 : 1), decimals.length);
  // the integer placeholders, filled from the right
  let digits = whole === "0" ? "" : whole;
  if (grouping) digits = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const places = integer.filter(placeholder);
  let out = "";
  let placed = 0;
  for (let k = integer.length - 1; k >= 0; k--) {
    const token = integer[k] as Token;
    if (token.kind === "comma") continue;
    if (!placeholder(token)) {
      out = token.text + out;
      continue;
    }
    placed++;
    const isLeftmost = placed === places.length;
    if (grouping && isLeftmost) {
      out = (digits === "" && token.kind === "zero" ? "0" : digits) + out;
      digits = "";
      continue;
    }
    // (the leftmost placeholder takes every digit left over)
    const taken = isLeftmost ? digits : digits.slice(-1);
    digits = isLeftmost ? "" : digits.slice(0, -1);
    out = (taken === "" && token.kind === "zero" ? "0" : taken) + out;
  }
  let after = "";
  if (point >= 0) {
    let kept = fraction;
    // trailing # places drop their zeros
    for (let k = decimals.length - 1; k >= 0 && decimals[k]?.kind === "hash" && kept.endsWith("0"); k--) kept = kept.slice(0, -1);
    let d = 0;
    for (const token of tokens.slice(point + 1)) {
      if (placeholder(token)) after += kept[d++] ?? "";
      else if (token.kind === "percent" || token.kind === "literal") after += token.text;
    }
    after = (tokens[point] as Token).text + after;
  } else {
    for (const token of tokens.slice(integerEnd)) if (token.kind === "percent" || token.kind === "literal") after += token.text;
  }
  return out + after;
}

/** TEXT(value, format) of a number. */
export function formatNumber(value: number, format: string): string {
  if (format === "") return "";
  const sections = sectionsOf(format).map(tokensOf);
  if (value < 0 && sections.length >= 2) return formatSection(-value, sections[1] as Token[]);
  if (value === 0 && sections.length >= 3) return formatSection(0, sections[2] as Token[]);
  const text = formatSection(Math.abs(value), sections[0] as Token[]);
  // one section: a negative number takes a minus, unless it rounds to nothing but zeros
  return value < 0 && /[1-9]/.test(text) ? `-${text}` : text;
}
