import type { DivByZero, Rate } from "./types";

/** numerator ÷ denominator, or the distinct zero-denominator value. */
export function rate(numerator: number, denominator: number): Rate {
  return denominator === 0 ? { divByZero: true, numerator } : numerator / denominator;
}

export function isDivByZero(r: Rate): r is DivByZero {
  return typeof r === "object";
}

/** For JSON and tables: the number, or null for a zero denominator. */
export function rateValue(r: Rate): number | null {
  return isDivByZero(r) ? null : r;
}
