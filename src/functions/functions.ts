/*
 * CEDU.* custom functions (shared runtime). custom-functions-metadata-plugin reads the JSDoc below
 * to generate dist/functions.json and appends `CustomFunctions.associate(id, fn)` for every
 * @customfunction to this file at build time; do not call associate by hand (trap P4). The
 * build wraps those calls in `typeof CustomFunctions !== "undefined"` (see
 * scripts/webpack/guard-associate-loader.js) so the page still starts without office.js.
 *
 * Localized names and descriptions: src/functions/zh-cn.json (→ dist/functions-zh-cn.json).
 * Rules for this folder (ARCHITECTURE.md): thin functions, no Excel API calls, pure results.
 */

/**
 * Divides two numbers as a rate, for example participants out of enrolled people.
 * @customfunction RATE
 * @param numerator The part, for example the number of participants.
 * @param denominator The whole, for example the number of enrolled people. Must not be 0.
 * @returns numerator / denominator; #DIV/0! when the denominator is 0.
 */
export function rate(numerator: number, denominator: number): number {
  if (denominator === 0) {
    throw new CustomFunctions.Error(CustomFunctions.ErrorCode.divisionByZero);
  }
  return numerator / denominator;
}
