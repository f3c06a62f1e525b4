/**
 * cx-report's progress: on a terminal a bar under a step of known size and a clock under one of
 * unknown length; in a log (not a terminal) the step lines alone, without a carriage return.
 */
import { barText, Progress } from "../../scripts/cxReport/progress";

function fakeStream(isTTY: boolean): { isTTY: boolean; text: string; write(part: string): void } {
  return { isTTY, text: "", write(part) { this.text += part; } };
}

test("the bar: its cells, share and counts, and never past full or below empty", () => {
  expect(barText(440_000, 1_000_000, 10)).toBe("[####------]  44%  440,000 / 1,000,000");
  expect(barText(0, 7, 4)).toBe("[----]   0%  0 / 7");
  expect(barText(9, 7, 4)).toBe("[####] 100%  9 / 7");
  expect(barText(0, 0, 4)).toBe("[####] 100%  0 / 0");
});

test("on a terminal: a step line, a bar redrawn at most ten times a second and at the end, cleared by the next step", () => {
  let clock = 1_000;
  const stream = fakeStream(true);
  const progress = new Progress(stream, 0, () => clock);
  progress.step("Reading sales.csv");
  progress.bar(1, 4);
  clock += 50;
  progress.bar(2, 4); // within 100 ms of the last: not drawn
  clock += 100;
  progress.bar(3, 4);
  progress.bar(4, 4); // the end is always drawn
  progress.step("Done");
  expect(stream.text).toBe([
    "[1.0 s] Reading sales.csv\n",
    "\r\u001b[2K  [########----------------------]  25%  1 / 4",
    "\r\u001b[2K  [#######################-------]  75%  3 / 4",
    "\r\u001b[2K  [##############################] 100%  4 / 4",
    "\r\u001b[2K[1.1 s] Done\n",
  ].join(""));
});

test("in a log: the step lines alone, no bar, no clock, no carriage return", async () => {
  const stream = fakeStream(false);
  const progress = new Progress(stream, 0, () => 2_500);
  progress.step("Reading sales.csv");
  progress.bar(1, 2);
  await expect(progress.during(new Promise((resolve) => setTimeout(() => resolve(42), 1_100)))).resolves.toBe(42);
  progress.step("Done");
  expect(stream.text).toBe("[2.5 s] Reading sales.csv\n[2.5 s] Done\n");
});

test("on a terminal, work of unknown length shows its seconds until it ends, then the line is cleared", async () => {
  const stream = fakeStream(true);
  const progress = new Progress(stream, 0);
  await expect(progress.during(new Promise((resolve) => setTimeout(() => resolve("done"), 2_300)))).resolves.toBe("done");
  expect(stream.text).toMatch(/^\r\u001b\[2K {2}… 1 s\r\u001b\[2K {2}… 2 s\r\u001b\[2K$/);
});
