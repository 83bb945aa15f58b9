/**
 * How Excel hands a cell's range to a custom function (issue 12, rule A.6): a range argument that
 * holds an error value never reaches the function unless the metadata sets
 * `allowErrorForDataTypeAny`; the cell then shows the error itself. With the flag, each error
 * cell arrives as an error object (CustomFunctions.Error, its `code` the error's text), never as
 * text. Sources: "Handle and return errors from your custom function" ("Errors as custom
 * function inputs": "To process inputs that contain errors, a custom function must have the JSON
 * metadata property allowErrorForDataTypeAny set to true"), and "Manually create JSON metadata for
 * custom functions" (metadata reference, allowErrorForDataTypeAny). Parameters typed number,
 * string or boolean never take an error.
 */

/** An error value in a cell, as the tests write it. */
export interface XlError {
  readonly xlError: string;
}
export const xlError = (code: string): XlError => ({ xlError: code });
const isXlError = (v: unknown): v is XlError =>
  typeof v === "object" && v !== null && typeof (v as XlError).xlError === "string";

export interface FunctionMetadata {
  id: string;
  name: string;
  parameters?: { name: string; type?: string; dimensionality?: string; optional?: boolean }[];
}
export interface Metadata {
  allowErrorForDataTypeAny?: boolean;
  functions: FunctionMetadata[];
}

export type Invocation =
  | { called: false; shows: string }
  | { called: true; value: unknown }
  | { called: true; error: unknown };

/** The error object Excel passes in: the runtime's CustomFunctions.Error where there is one. */
function errorObject(code: string): unknown {
  const Ctor = (globalThis as { CustomFunctions?: { Error?: new (code: string) => unknown } })
    .CustomFunctions?.Error;
  return Ctor ? new Ctor(code) : Object.assign(new Error(code), { code });
}

function firstError(v: unknown): string | null {
  if (isXlError(v)) return v.xlError;
  if (Array.isArray(v)) {
    for (const x of v) {
      const e = firstError(x);
      if (e !== null) return e;
    }
  }
  return null;
}

function withErrorObjects(v: unknown): unknown {
  if (isXlError(v)) return errorObject(v.xlError);
  return Array.isArray(v) ? v.map(withErrorObjects) : v;
}

/**
 * Calls `fn` (the function registered as `id`) as Excel would for the given cell arguments
 * (omitted optional arguments as null, ranges as 2-D arrays that may hold xlError cells).
 */
export async function invokeCustomFunction(
  metadata: Metadata,
  id: string,
  fn: (...args: any[]) => unknown,
  args: unknown[]
): Promise<Invocation> {
  const meta = metadata.functions.find((f) => f.id === id);
  if (!meta) throw new Error(`${id} is not in the metadata: Excel shows #NAME?`);
  const params = meta.parameters ?? [];
  const passed: unknown[] = [];
  for (let i = 0; i < args.length; i++) {
    const p = params[i];
    const error = firstError(args[i]);
    if (error !== null) {
      const takesErrors =
        (p?.type ?? "any") === "any" && metadata.allowErrorForDataTypeAny === true;
      if (!takesErrors) return { called: false, shows: error };
    }
    passed.push(withErrorObjects(args[i]));
  }
  try {
    return { called: true, value: await fn(...passed) };
  } catch (error) {
    return { called: true, error };
  }
}
