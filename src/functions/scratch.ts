/**
 * Grow-only scratch buffers for the columns one worksheet-function call reads. A million-row call
 * would otherwise allocate tens of megabytes of typed arrays each time, and V8 answers growth in
 * such external memory with full collections of the whole heap — slow when Excel's own argument
 * arrays fill it. Each Call resets the pool; buffers handed out in one call stay distinct and valid
 * until the next call starts, so a function must copy out anything it returns. Calls run one at a
 * time to completion (the custom-functions runtime is single-threaded and these functions are
 * synchronous), so no two calls share a buffer.
 */
const floats: Float64Array[] = [];
const ints: Int32Array[] = [];
let floatTurn = 0;
let intTurn = 0;

/** Starts a call: every buffer may be handed out again. */
export function resetScratch(): void {
  floatTurn = 0;
  intTurn = 0;
}

export function scratchFloat64(length: number): Float64Array {
  const turn = floatTurn++;
  if ((floats[turn]?.length ?? -1) < length) floats[turn] = new Float64Array(length);
  return (floats[turn] as Float64Array).subarray(0, length);
}

export function scratchInt32(length: number): Int32Array {
  const turn = intTurn++;
  if ((ints[turn]?.length ?? -1) < length) ints[turn] = new Int32Array(length);
  return (ints[turn] as Int32Array).subarray(0, length);
}
