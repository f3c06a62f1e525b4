import { formatRange, parseRange, type RangeAddress } from "../core/a1";
import { payloadBytes } from "./planWrite";

/**
 * Cells per read request to start with: at the 20–80 bytes a cell of a report or a pick takes in
 * JSON, 50,000 cells stay under the 5 MB that Excel on the web allows a response.
 */
export const CELLS_PER_READ = 50_000;

/** Excel's error code for a response over the size limit (Excel.ErrorCodes.responsePayloadSizeLimitExceeded). */
const RESPONSE_TOO_LARGE = "ResponsePayloadSizeLimitExceeded";

type CellProperty = "values" | "formulas" | "numberFormat";

/**
 * The response size a read aims under: after each response, the cells of the next request are
 * scaled to the bytes a cell took in it, so that long formulas (Chinese text in UTF-8) do not push a
 * response near Excel on the web's 5 MB.
 */
const RESPONSE_TARGET_BYTES = 3_500_000;

export interface ChunkedRead {
  /** The rows of each property read, row-major from the range's top-left cell. */
  readonly rows: Readonly<Partial<Record<CellProperty, unknown[][]>>>;
  /** context.sync calls made: one per slice of rows, more where Excel refused a slice as too large. */
  readonly syncs: number;
}

/** A range to read: its address (with or without its sheet) and how to get a range of its sheet by a local address. */
export interface ReadArea {
  readonly address: string;
  readonly rangeAt: (local: string) => Excel.Range;
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
  const [read] = await readAreasInChunks(context, [{ address, rangeAt }], properties, cellsPerRead);
  return read as ChunkedRead;
}

/**
 * Reads several ranges (the sheets of a report) as readInChunks reads one, packing slices of all of
 * them into each request up to CELLS_PER_READ cells: three sheets of ordinary size are one request,
 * not three. Each result's `syncs` is the total of requests made.
 */
export async function readAreasInChunks(
  context: Excel.RequestContext,
  areas: readonly ReadArea[],
  properties: readonly CellProperty[],
  cellsPerRead = CELLS_PER_READ,
): Promise<ChunkedRead[]> {
  const boxes = areas.map((area) => {
    const box = parseRange(area.address);
    if (box === undefined) throw new Error(`cannot read the range ${area.address}`);
    return box;
  });
  const rows = areas.map((): Partial<Record<CellProperty, unknown[][]>> => Object.fromEntries(properties.map((property) => [property, []])));
  // Where each area's next unread row is.
  const next = boxes.map((box) => box.top);
  let budget = cellsPerRead;
  let syncs = 0;
  while (next.some((top, k) => top <= (boxes[k] as RangeAddress).bottom)) {
    // Queue slices, area by area, until this request's cells are used up (each request reads at least one row).
    const queued: { k: number; bottom: number; slice: Excel.Range }[] = [];
    let cells = 0;
    for (let k = 0; k < boxes.length; k++) {
      const box = boxes[k] as RangeAddress;
      const top = next[k] as number;
      if (top > box.bottom) continue;
      const columns = box.right - box.left + 1;
      const fit = Math.floor((budget - cells) / columns / properties.length);
      if (fit < 1 && queued.length > 0) break;
      const bottom = Math.min(box.bottom, top + Math.max(1, fit) - 1);
      const slice = (areas[k] as ReadArea).rangeAt(formatRange({ top, left: box.left, bottom, right: box.right }));
      slice.load(properties.join(","));
      queued.push({ k, bottom, slice });
      cells += (bottom - top + 1) * columns * properties.length;
      if (bottom < box.bottom) break;
    }
    try {
      syncs++;
      await context.sync();
    } catch (error) {
      const single = queued.length === 1 && (queued[0] as { bottom: number }).bottom === next[(queued[0] as { k: number }).k];
      if ((error as { code?: unknown }).code !== RESPONSE_TOO_LARGE || single) throw error;
      budget = Math.max(1, Math.floor(budget / 2));
      continue;
    }
    let bytes = 0;
    for (const { k, bottom, slice } of queued) {
      for (const property of properties) {
        const into = (rows[k] as Partial<Record<CellProperty, unknown[][]>>)[property] as unknown[][];
        const read = slice[property] as unknown[][];
        bytes += payloadBytes(read);
        for (const row of read) into.push(row);
      }
      next[k] = bottom + 1;
    }
    if (bytes > RESPONSE_TARGET_BYTES) budget = Math.max(1, Math.floor(budget * RESPONSE_TARGET_BYTES / bytes));
  }
  return rows.map((read) => ({ rows: read, syncs }));
}
