/** A1-style column letters, shared by the functions' error addresses, the report and the writer. */

/** The letters of a zero-based column index: 0 → "A", 25 → "Z", 26 → "AA". */
export function columnName(index: number): string {
  let letters = "";
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/** The zero-based index of column letters (either case): "A" → 0, "AA" → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
