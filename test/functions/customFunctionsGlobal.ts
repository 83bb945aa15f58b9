/**
 * The CustomFunctions global of Excel's runtime, as far as the functions use it: an Error class
 * that keeps its code and message, and the error codes. Imported first by the function tests.
 */
export class FakeCustomFunctionsError {
  constructor(
    public code: string,
    public message?: string
  ) {}
}

(globalThis as { CustomFunctions?: unknown }).CustomFunctions = {
  Error: FakeCustomFunctionsError,
  ErrorCode: {
    invalidValue: "#VALUE!",
    notAvailable: "#N/A",
    divisionByZero: "#DIV/0!",
    invalidNumber: "#NUM!",
    nullReference: "#NULL!",
    invalidName: "#NAME?",
    invalidReference: "#REF!",
  },
};
