/**
 * Failures inside the functions, and their translation into Excel error values at the boundary.
 * Everything a function body throws ends up as a `CustomFunctions.Error`: a JavaScript
 * exception's own text never reaches a cell.
 */
import { fnText } from "./messages";

/** value = #VALUE!, na = #N/A, div0 = #DIV/0!, num = #NUM!. */
export type FailureCode = "value" | "na" | "div0" | "num";

/** A failure the functions raise on purpose; the message is shown only for #VALUE! and #N/A. */
export class Failure {
  constructor(
    readonly code: FailureCode,
    readonly message?: string
  ) {}
}

export const fail = (code: FailureCode, message?: string): never => {
  throw new Failure(code, message);
};

/** The Excel error value for anything thrown inside a function body. */
export function toCustomError(e: unknown): CustomFunctions.Error {
  if (e instanceof CustomFunctions.Error) return e;
  const codes = CustomFunctions.ErrorCode;
  if (e instanceof Failure) {
    switch (e.code) {
      case "div0":
        return new CustomFunctions.Error(codes.divisionByZero);
      case "num":
        return new CustomFunctions.Error(codes.invalidNumber);
      case "na":
        return new CustomFunctions.Error(codes.notAvailable, e.message);
      default:
        return new CustomFunctions.Error(codes.invalidValue, e.message);
    }
  }
  // A bug or an unexpected input: a fixed, localized message, never the exception's text.
  return new CustomFunctions.Error(codes.invalidValue, fnText("internal"));
}

/** Runs a function body; whatever it throws becomes an Excel error value (a rejected promise). */
export async function guarded<T>(body: () => T | Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (e) {
    throw toCustomError(e);
  }
}

/** The synchronous variant (RATE). */
export function guardedSync<T>(body: () => T): T {
  try {
    return body();
  } catch (e) {
    throw toCustomError(e);
  }
}
