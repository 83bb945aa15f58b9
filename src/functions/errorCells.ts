/**
 * Error cells in a range argument, made the value the file door reads for the same cell.
 *
 * With `allowErrorForDataTypeAny` in the metadata (added at build time, see
 * scripts/webpack/functions-metadata-options-plugin.js), Excel passes a range holding #N/A,
 * #REF! … to the function, each error as an error object rather than text ("Handle and return
 * errors from your custom function"). ExcelJS reads the same cell of a saved file as
 * `{ error: "#N/A" }`, which is what core understands; so every error object becomes that, and the
 * figures of `=CEDU.PARTICIPANTS(, , , , 花名册!A1:H5000)` equal those of `cedu report`.
 */

/** The error text an object from Excel stands for, else null. */
export function excelErrorText(v: unknown): string | null {
  if (typeof v !== "object" || v === null || Array.isArray(v) || v instanceof Date) return null;
  const o = v as { code?: unknown; type?: unknown; basicValue?: unknown; error?: unknown };
  // CustomFunctions.Error: its code is the error's text (#N/A, #VALUE! …).
  if (typeof o.code === "string" && o.code.startsWith("#")) return o.code;
  // An Excel.ErrorCellValue (data types): { type: "Error", basicValue: "#N/A", errorType }.
  if (o.type === "Error" && typeof o.basicValue === "string") return o.basicValue;
  return null;
}

/**
 * Replaces error objects by `{ error: text }` in place (the array is the call's own, and keeping
 * its identity keeps the analysis cache's fingerprint of it). Returns the grid.
 */
export function normalizeErrorCells<T extends ReadonlyArray<ReadonlyArray<unknown>>>(grid: T): T {
  for (const cells of grid) {
    if (!Array.isArray(cells)) continue;
    const row = cells as unknown[];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== "object" || v === null) continue;
      const text = excelErrorText(v);
      if (text !== null) row[c] = { error: text };
    }
  }
  return grid;
}
