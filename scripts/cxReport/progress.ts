/**
 * cx-report's progress on stderr: a line for each step with the time since the start; on a terminal,
 * under a step, a bar where its size is known (bytes read, rows loaded or written) and a running
 * clock where it is not (LibreOffice recalculating). Written to a log or by a scheduled task (not a
 * terminal), the step lines alone, with no carriage returns in them.
 */

/** A bar of `width` cells for done of total, with the share and the counts: "[######----]  60%  600,000 / 1,000,000". */
export function barText(done: number, total: number, width = 30): string {
  const share = total <= 0 ? 1 : Math.min(1, Math.max(0, done / total));
  const filled = Math.round(share * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  ${done.toLocaleString("en-US")} / ${total.toLocaleString("en-US")}`;
}

interface Stream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

export class Progress {
  private shown = false;
  private drawn = 0;

  constructor(private readonly stream: Stream = process.stderr, private readonly started = Date.now(), private readonly now: () => number = Date.now) {}

  private get live(): boolean {
    return this.stream.isTTY === true;
  }

  private clear(): void {
    if (this.shown) this.stream.write("\r\u001b[2K");
    this.shown = false;
  }

  /** A step's line, with the seconds since the start. */
  step(text: string): void {
    this.clear();
    this.stream.write(`[${((this.now() - this.started) / 1000).toFixed(1)} s] ${text}\n`);
  }

  /** The current step's bar (on a terminal; at most ten redraws a second). */
  bar(done: number, total: number): void {
    if (!this.live || (this.now() - this.drawn < 100 && done < total)) return;
    this.drawn = this.now();
    this.stream.write(`\r\u001b[2K  ${barText(done, total)}`);
    this.shown = true;
  }

  /** Work of unknown length: on a terminal, the seconds it has taken, each second, until it ends. */
  async during<T>(work: Promise<T>): Promise<T> {
    if (!this.live) return work;
    const from = this.now();
    const timer = setInterval(() => {
      this.stream.write(`\r\u001b[2K  … ${Math.round((this.now() - from) / 1000)} s`);
      this.shown = true;
    }, 1000);
    try {
      return await work;
    } finally {
      clearInterval(timer);
      this.clear();
    }
  }
}
