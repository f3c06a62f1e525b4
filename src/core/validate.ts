import { CxError } from "./errors";

/** Shows a number in a message the way a user typed it, without float noise. */
export function showNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
}

function at(argument: string, index: number | undefined): { argument: string; index?: number } {
  return index === undefined ? { argument } : { argument, index };
}

/** Throws #VALUE! unless `value` is a finite number. */
export function requireFinite(value: number, argument: string, index?: number): number {
  if (!Number.isFinite(value)) throw new CxError("value", "notNumber", { arg: argument, value: showNumber(value) }, at(argument, index));
  return value;
}

/** Throws #VALUE! unless `value` is a finite number ≥ 0. */
export function requireNonNegative(value: number, argument: string, index?: number): number {
  requireFinite(value, argument, index);
  if (value < 0) throw new CxError("value", "negative", { arg: argument, value: showNumber(value) }, at(argument, index));
  return value;
}

/** Throws #VALUE! unless `value` is a whole number ≥ 0 (a count). */
export function requireCount(value: number, argument: string, index?: number): number {
  requireNonNegative(value, argument, index);
  if (!Number.isInteger(value)) throw new CxError("value", "notWhole", { arg: argument, value: showNumber(value) }, at(argument, index));
  return value;
}

/**
 * Throws #VALUE! unless `value` is a fraction in [min, max]. The message says how to enter a
 * percentage, because typing 40 for 40 % is the usual slip.
 */
export function requireFraction(value: number, argument: string, min = 0, max = 1, index?: number): number {
  requireFinite(value, argument, index);
  if (value < min || value > max) {
    throw new CxError("value", "notFraction", { arg: argument, value: showNumber(value), min, max }, at(argument, index));
  }
  return value;
}

/** Throws #VALUE! unless `value` is within [min, max]. */
export function requireInRange(value: number, argument: string, min: number, max: number, index?: number): number {
  requireFinite(value, argument, index);
  if (value < min || value > max) {
    throw new CxError("value", "outOfRange", { arg: argument, value: showNumber(value), min, max }, at(argument, index));
  }
  return value;
}

/** Throws #DIV/0! when a denominator is zero; `metric` names what could not be calculated. */
export function requireNonZero(value: number, argument: string, metric: string, index?: number): number {
  if (value === 0) throw new CxError("div0", "zeroDenominator", { arg: argument, metric }, at(argument, index));
  return value;
}

/** Throws #NUM! when a result is not a finite number (an overflow from huge inputs). */
export function requireFiniteResult(value: number, blame: string): number {
  if (!Number.isFinite(value)) throw new CxError("num", "overflow", { arg: blame });
  return value;
}

/**
 * A power of two that brings the largest of some weights to at most 1: multiplying by it is exact,
 * so weighted means come out bit-for-bit the same, but sums of huge weights cannot overflow.
 */
export function weightScale(largest: number): number {
  // Capped so that the tiniest (denormal) weights are scaled up, never to Infinity.
  return largest > 0 ? 2 ** Math.min(1000, -Math.ceil(Math.log2(largest))) : 0;
}
