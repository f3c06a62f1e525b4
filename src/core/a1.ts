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

/** A range as zero-based corners, with the sheet it names (unquoted), if any. */
export interface RangeAddress {
  readonly sheet?: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

/**
 * Reads an A1 address with or without a sheet and $ signs: "B7", "Sales!A1:C9", "'Q3 data'!$B$2:$D$40".
 * Undefined when it is not one (a name, a whole column).
 */
export function parseRange(address: string): RangeAddress | undefined {
  const match = /^(?:(?:'((?:[^']|'')+)'|([^!']+))!)?\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(address);
  if (match === null) return undefined;
  const sheet = match[1]?.replace(/''/g, "'") ?? match[2];
  const top = Number(match[4]) - 1;
  const left = columnIndex(match[3] as string);
  const bottom = match[6] === undefined ? top : Number(match[6]) - 1;
  const right = match[5] === undefined ? left : columnIndex(match[5]);
  return { ...(sheet === undefined ? {} : { sheet }), top, left, bottom, right };
}

/** An A1 address with every cell reference made absolute: "A22:B28" → "$A$22:$B$28" (any $ already there kept once). */
export function absoluteAddress(address: string): string {
  return address.replace(/\$/g, "").replace(/([A-Z]+)(\d+)/g, "$$$1$$$2");
}

/** A sheet name as a reference writes it: as it is when plain, else in single quotes ('Q3 data'). */
export function sheetPrefix(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/** A box of cells as an A1 address without sheet: "B3" for one cell, "B3:D9" otherwise (zero-based rows and columns). */
export function formatRange(box: { readonly top: number; readonly left: number; readonly bottom: number; readonly right: number }): string {
  const from = `${columnName(box.left)}${box.top + 1}`;
  return box.top === box.bottom && box.left === box.right ? from : `${from}:${columnName(box.right)}${box.bottom + 1}`;
}
