/** What the bench's parts share: the figures reported (one JSON line each) and how a time is taken. */
export interface Figure {
  name: string;
  unit: string;
  value: number;
  budget?: number;
  within_budget?: boolean;
  [extra: string]: unknown;
}

export const results: Figure[] = [];
export function report(figure: Figure): void {
  if (figure.budget !== undefined) figure.within_budget = figure.value <= figure.budget;
  results.push(figure);
  console.log(JSON.stringify(figure));
}

/** Median wall time in ms of `runs` calls after `warmup` untimed ones; `prepare` runs untimed before each. */
export function time<T>(body: (input: T) => unknown, prepare: () => T, runs = 9, warmup = 2): { median: number; min: number; runs: number } {
  const samples: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const input = prepare();
    const start = process.hrtime.bigint();
    body(input);
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (i >= warmup) samples.push(elapsed);
  }
  samples.sort((a, b) => a - b);
  return { median: median(samples), min: samples[0] as number, runs };
}

export const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** Wall time in ms of one call, awaited. */
export async function elapsed(body: () => unknown): Promise<number> {
  const started = process.hrtime.bigint();
  await body();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/** A full collection, where node runs with --expose-gc (npm run bench does): between figures, so one figure's data does not slow the next one's collections. */
export const collectGarbage = (): void => (globalThis as { gc?: () => void }).gc?.();

// Excel's runtime hands a function its arguments deserialised from a message, so ranges go through
// a JSON round trip here too (text ids become flat strings, as they arrive from Excel).
export const fromExcel = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
