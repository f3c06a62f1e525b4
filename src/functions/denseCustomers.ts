/**
 * The fast way to number customers, for the id columns most tables have: every id a whole number,
 * or every id text of a few prefixes and digits, under each prefix either a fixed count of them
 * ("C012345") or any count without leading zeros ("C7", "C12345", "A-1000093"). Then an id is its number
 * (text: the number its digits spell, which tells the ids apart exactly), and customers are numbered
 * through a plain array indexed by it instead of a hash table: one memory access per row instead of
 * hashing the text and comparing it with the stored key (most of RFM's time on a million rows). Any
 * other column, or numbers spread too thinly for the array, returns undefined: the general path
 * (CustomerIndex) then reads it, matching ids as it describes. Both number customers in order of
 * first appearance and keep each one's id as first seen, so the results are the same.
 */
import type { CustomerGroups, CustomerId } from "../core/prep/groupCustomers";
import type { Matrix } from "./coerce";
import { scratchInt32 } from "./scratch";

/** A few distinct prefixes at most: more is not the kind of column this path is for. */
const MAX_PREFIXES = 8;

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** Whether the id starts with the prefix and a digit follows it. */
function hasPrefix(id: string, prefix: string): boolean {
  if (id.length <= prefix.length || !isDigit(id.charCodeAt(prefix.length))) return false;
  for (let k = 0; k < prefix.length; k++) if (id.charCodeAt(k) !== prefix.charCodeAt(k)) return false;
  return true;
}

/**
 * The prefixes of the text ids read so far ("C" for C7, "A-" for A-1000093), each with the length
 * of its first id and whether ids of other lengths and digits with a leading zero came under it (the
 * readers mark these as they go); an id's prefix is found from its first character (a table from
 * character code to the one prefix that starts with it: -1 none yet, -2 several, which are then searched).
 */
class Prefixes {
  readonly texts: string[] = [];
  readonly firstLength = new Int32Array(MAX_PREFIXES);
  readonly mixedLength = new Uint8Array(MAX_PREFIXES);
  readonly leadingZero = new Uint8Array(MAX_PREFIXES);
  private readonly byLead = new Int8Array(128).fill(-1);

  /** The number of the id's prefix, cutting a new one where none fits; undefined for an id of another kind, or one prefix too many. */
  find(id: string): number | undefined {
    const lead = id.charCodeAt(0);
    if (!(lead > 32) || isDigit(lead)) return undefined;
    let found = lead < 128 ? (this.byLead[lead] as number) : -2;
    if (found >= 0 && !hasPrefix(id, this.texts[found] as string)) found = -2;
    if (found >= 0) return found;
    // Look among the known prefixes before cutting a new one.
    found = this.texts.findIndex((known) => hasPrefix(id, known));
    if (found >= 0) return found;
    if (this.texts.length === MAX_PREFIXES) return undefined;
    let cut = 0;
    while (cut < id.length && !isDigit(id.charCodeAt(cut))) cut++;
    found = this.texts.length;
    this.texts.push(id.slice(0, cut));
    this.firstLength[found] = id.length;
    if (lead < 128) this.byLead[lead] = this.byLead[lead] === -1 ? found : -2;
    return found;
  }

  /**
   * Whether numbers tell the ids apart: not where digits of different lengths with a leading zero
   * came under one prefix ("C07" and "C7" are two ids but one number), nor where two prefixes differ
   * only in letter case ("c7" and "C7" are one customer, as COUNTIF matches them).
   */
  tellApart(): boolean {
    for (let r = 0; r < this.texts.length; r++) if (this.mixedLength[r] === 1 && this.leadingZero[r] === 1) return false;
    return new Set(this.texts.map((known) => known.toLowerCase())).size === this.texts.length;
  }
}

/** The least number of each count of digits (1 to 9) without a leading zero: 1, 10, 100, … */
const LEAST_OF_DIGITS = Array.from({ length: 10 }, (_, digits) => (digits === 0 ? 0 : 10 ** (digits - 1)));

/** The number an id's digits after its prefix spell (1 to 9 of them), or -1 when they are not all digits. */
function digitsOf(id: string, from: number): number {
  const count = id.length - from;
  if (count < 1 || count > 9) return -1;
  let code = 0;
  for (let k = from; k < id.length; k++) {
    const digit = id.charCodeAt(k) - 48;
    if (digit < 0 || digit > 9) return -1;
    code = code * 10 + digit;
  }
  return code;
}

/**
 * Customers numbered from an id column of whole numbers or of prefixed text ids (see above), in order
 * of first appearance; undefined for any other column.
 */
export function denseCustomers(matrix: Matrix, keptRows: Int32Array): CustomerGroups | undefined {
  const count = keptRows.length;
  if (count < 1024) return undefined;
  const first = (matrix[keptRows[0] as number] as readonly unknown[])[0];
  const groups = typeof first === "number" ? numbersInOnePass(matrix, keptRows) : textInOnePass(matrix, keptRows);
  if (groups !== "too wide") return groups;
  const codes = scratchInt32(count);
  const runOf = new Uint8Array(count);
  const runs = typeof first === "number" ? numberRun(matrix, keptRows, codes) : textRuns(matrix, keptRows, codes, runOf);
  return runs === undefined ? undefined : groupsOfRuns(matrix, keptRows, codes, runOf, runs);
}

/** No customer numbered yet. */
const NO_SLOTS = new Int32Array(0);

/** The most slots the array of customers by number may have: about four per row (else the numbers are too thinly spread). */
const slotLimit = (count: number): number => Math.min(4 * count + 1024, 1 << 24);

/**
 * Text ids numbered in one pass: each prefix's customers in an array indexed by the number itself,
 * grown as larger numbers come. Measured 1.6x faster than finding each prefix's lowest and highest
 * number first (textRuns) and numbering in a second pass, which stays for numbers that start far
 * from zero ("too wide": A-1000093 in a table of a few thousand rows). The prefix of the row before
 * and its array are kept in local variables: most rows are of the same prefix as the one before, and
 * then finding it is a comparison of a character or a few.
 */
function textInOnePass(matrix: Matrix, keptRows: Int32Array): CustomerGroups | undefined | "too wide" {
  const prefixes = new Prefixes();
  const groups = numberTexts(matrix, keptRows, prefixes);
  return typeof groups === "object" && !prefixes.tellApart() ? undefined : groups;
}

/** textInOnePass' loop (a loop in a function of its own: docs/architecture.md, "Loops over a million rows"). */
function numberTexts(matrix: Matrix, keptRows: Int32Array, prefixes: Prefixes): CustomerGroups | undefined | "too wide" {
  const count = keptRows.length;
  const limit = slotLimit(count);
  const inOrder = count === matrix.length;
  // (an array per possible prefix from the start: reading past the end of a shorter one stopped the compiled loop)
  const slotsOf: Int32Array[] = Array.from({ length: MAX_PREFIXES }, () => NO_SLOTS);
  const { mixedLength, leadingZero } = prefixes;
  const groupOf = scratchInt32(count);
  const labels: CustomerId[] = [];
  const used = { slots: 0 };
  let current = -1;
  let prefix = "";
  let prefixLength = 0;
  let prefixLead = -1;
  let prefixSecond = -1;
  let slots: Int32Array = NO_SLOTS;
  let runLength = 0;
  for (let j = 0; j < count; j++) {
    const id = (matrix[inOrder ? j : (keptRows[j] as number)] as readonly unknown[])[0];
    if (typeof id !== "string") return undefined;
    // (a prefix of one or two characters, as most are: compared here; a longer one by hasPrefix)
    const samePrefix = id.charCodeAt(0) === prefixLead && (prefixLength === 1 || (prefixLength === 2 ? id.charCodeAt(1) === prefixSecond : hasPrefix(id, prefix)));
    // (the digits after the row before's prefix; where they are not all digits, the id's own prefix is found)
    let code = samePrefix ? digitsOf(id, prefixLength) : -1;
    if (code < 0) {
      const found = prefixes.find(id);
      if (found === undefined) return undefined;
      current = found;
      prefix = prefixes.texts[current] as string;
      prefixLength = prefix.length;
      prefixLead = id.charCodeAt(0);
      prefixSecond = prefixLength > 1 ? prefix.charCodeAt(1) : -1;
      slots = slotsOf[current] as Int32Array;
      runLength = prefixes.firstLength[current] as number;
      code = digitsOf(id, prefixLength);
      if (code < 0) return undefined;
    }
    if (id.length !== runLength) mixedLength[current] = 1;
    // a leading zero: more than one digit, and a number below the least of that many digits
    const digits = id.length - prefixLength;
    if (digits > 1 && code < (LEAST_OF_DIGITS[digits] as number)) leadingZero[current] = 1;
    if (code >= slots.length) {
      // a larger number than any so far: the array grows, within the limit
      const grown = grownFor(slots, code, used, limit);
      if (grown === undefined) return "too wide";
      slots = grown;
      slotsOf[current] = slots;
    }
    groupOf[j] = groupIn(slots, code, labels, id);
  }
  return { groupOf, labels };
}

/** The customer in a slot, numbered next (and its id kept) the first time the slot is seen. */
function groupIn(slots: Int32Array, slot: number, labels: CustomerId[], id: CustomerId): number {
  const group = slots[slot] as number;
  if (group >= 0) return group;
  slots[slot] = labels.length;
  labels.push(id);
  return labels.length - 1;
}

/** A slot array grown to hold a number (doubling, within the limit); undefined past the limit. */
function grownFor(slots: Int32Array, code: number, used: { slots: number }, limit: number): Int32Array | undefined {
  // (comparisons, not Math.max and Math.min: the compiled loop this is inlined into bailed out at them)
  const doubled = 2 * slots.length < limit ? 2 * slots.length : limit;
  const size = code + 1 > doubled ? code + 1 : doubled;
  used.slots += size - slots.length;
  if (used.slots > limit) return undefined;
  const grown = new Int32Array(size).fill(-1);
  grown.set(slots);
  return grown;
}

/** Whole-number ids from 0 up numbered in one pass, each customer in an array indexed by the id (textInOnePass's way). */
function numbersInOnePass(matrix: Matrix, keptRows: Int32Array): CustomerGroups | undefined | "too wide" {
  const count = keptRows.length;
  const limit = slotLimit(count);
  const inOrder = count === matrix.length;
  const used = { slots: 0 };
  const groupOf = scratchInt32(count);
  const labels: CustomerId[] = [];
  let slots: Int32Array = NO_SLOTS;
  for (let j = 0; j < count; j++) {
    const id = (matrix[inOrder ? j : (keptRows[j] as number)] as readonly unknown[])[0];
    if (typeof id !== "number" || !Number.isInteger(id)) return undefined;
    if (id < 0) return "too wide";
    if (id >= slots.length) {
      const grown = grownFor(slots, id, used, limit);
      if (grown === undefined) return "too wide";
      slots = grown;
    }
    groupOf[j] = groupIn(slots, id, labels, id);
  }
  return { groupOf, labels };
}

interface Run {
  low: number;
  high: number;
}

/** Customers numbered from each row's run and number, each run's numbers in a stretch of one array. */
function groupsOfRuns(matrix: Matrix, keptRows: Int32Array, codes: Int32Array, runOf: Uint8Array, runs: readonly Run[]): CustomerGroups | undefined {
  const count = keptRows.length;
  const offsets: number[] = [];
  let span = 0;
  for (const run of runs) {
    offsets.push(span - run.low);
    span += run.high - run.low + 1;
  }
  if (span > slotLimit(count)) return undefined;
  // Scratch buffers: the groups are used only within this call (see scratch.ts).
  const groupBySlot = scratchInt32(span).fill(-1);
  const groupOf = scratchInt32(count);
  const labels: CustomerId[] = [];
  for (let j = 0; j < count; j++) {
    const slot = (codes[j] as number) + (offsets[runOf[j] as number] as number);
    // (the id read again only for a customer not seen before)
    const known = groupBySlot[slot] as number;
    groupOf[j] = known >= 0 ? known : groupIn(groupBySlot, slot, labels, (matrix[keptRows[j] as number] as readonly unknown[])[0] as CustomerId);
  }
  return { groupOf, labels };
}

/** Whole-number ids: one run of their values. */
function numberRun(matrix: Matrix, keptRows: Int32Array, codes: Int32Array): Run[] | undefined {
  const run: Run = { low: Infinity, high: -Infinity };
  for (let j = 0; j < keptRows.length; j++) {
    const id = (matrix[keptRows[j] as number] as readonly unknown[])[0];
    if (typeof id !== "number" || !Number.isInteger(id) || id < -0x80000000 || id > 0x7fffffff) return undefined;
    codes[j] = id;
    if (id < run.low) run.low = id;
    if (id > run.high) run.high = id;
  }
  return [run];
}

/**
 * Text ids of a prefix and up to nine digits: a run per prefix, each id the number its digits spell,
 * each run's lowest and highest number. Undefined for anything else, and where numbers would not
 * tell ids apart: digits of different lengths with a leading zero under one prefix, or two prefixes
 * equal but for letter case.
 */
function textRuns(matrix: Matrix, keptRows: Int32Array, codes: Int32Array, runOf: Uint8Array): Run[] | undefined {
  const prefixes = new Prefixes();
  const low = new Float64Array(MAX_PREFIXES).fill(Infinity);
  const high = new Float64Array(MAX_PREFIXES).fill(-Infinity);
  const { mixedLength, leadingZero } = prefixes;
  for (let j = 0; j < keptRows.length; j++) {
    const id = (matrix[keptRows[j] as number] as readonly unknown[])[0];
    if (typeof id !== "string") return undefined;
    const current = prefixes.find(id);
    if (current === undefined) return undefined;
    const prefixLength = (prefixes.texts[current] as string).length;
    const code = digitsOf(id, prefixLength);
    if (code < 0) return undefined;
    if (id.length !== prefixes.firstLength[current]) mixedLength[current] = 1;
    if (id.length - prefixLength > 1 && id.charCodeAt(prefixLength) === 48) leadingZero[current] = 1;
    if (code < (low[current] as number)) low[current] = code;
    if (code > (high[current] as number)) high[current] = code;
    codes[j] = code;
    runOf[j] = current;
  }
  if (!prefixes.tellApart()) return undefined;
  return prefixes.texts.map((_, r) => ({ low: low[r] as number, high: high[r] as number }));
}
