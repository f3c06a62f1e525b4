import { formatRange, parseRange } from "../core/a1";

/**
 * Cells per read request to start with: at the 20–80 bytes a cell of a report or a pick takes in
 * JSON, 50,000 cells stay under the 5 MB that Excel on the web allows a response.
 */
export const CELLS_PER_READ = 50_000;

/** Excel's error code for a response over the size limit (Excel.ErrorCodes.responsePayloadSizeLimitExceeded). */
const RESPONSE_TOO_LARGE = "ResponsePayloadSizeLimitExceeded";

type CellProperty = "values" | "formulas";

export interface ChunkedRead {
  /** The rows of each property read, row-major from the range's top-left cell. */
  readonly rows: Readonly<Partial<Record<CellProperty, unknown[][]>>>;
  /** context.sync calls made: one per slice of rows, more where Excel refused a slice as too large. */
  readonly syncs: number;
}

/**
 * Reads the values and/or formulas of a range in slices of whole rows, each its own request, so that
 * no response exceeds the size Excel on the web allows: a slice Excel refuses as too large is read
 * again in halves. A range of up to CELLS_PER_READ cells (per property) is one request.
 *
 * @param rangeAt the range at a local address ("A1:C900") of the sheet being read
 * @param address the range's address, with or without its sheet ("Sales!A1:C900")
 * @throws whatever else Excel reports, and the size error when a single row is too large
 */
export async function readInChunks(
  context: Excel.RequestContext,
  rangeAt: (local: string) => Excel.Range,
  address: string,
  properties: readonly CellProperty[],
  cellsPerRead = CELLS_PER_READ,
): Promise<ChunkedRead> {
  const box = parseRange(address);
  if (box === undefined) throw new Error(`cannot read the range ${address}`);
  const columns = box.right - box.left + 1;
  let rowsPerRead = Math.max(1, Math.floor(cellsPerRead / columns / properties.length));
  const rows: Partial<Record<CellProperty, unknown[][]>> = Object.fromEntries(properties.map((property) => [property, []]));
  let syncs = 0;
  for (let top = box.top; top <= box.bottom; ) {
    const bottom = Math.min(box.bottom, top + rowsPerRead - 1);
    const slice = rangeAt(formatRange({ top, left: box.left, bottom, right: box.right }));
    slice.load(properties.join(","));
    try {
      syncs++;
      await context.sync();
    } catch (error) {
      if ((error as { code?: unknown }).code !== RESPONSE_TOO_LARGE || rowsPerRead === 1) throw error;
      rowsPerRead = Math.max(1, Math.floor(rowsPerRead / 2));
      continue;
    }
    for (const property of properties) {
      const into = rows[property] as unknown[][];
      for (const row of slice[property] as unknown[][]) into.push(row);
    }
    top = bottom + 1;
  }
  return { rows, syncs };
}
