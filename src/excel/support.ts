/**
 * Small helpers shared by the Excel door: requirement-set checks, A1 addresses and the text
 * escaping that keeps user text from being read as a formula. Kept free of core imports so the
 * door's tests run even while core is being changed.
 */

/** True when the host supports ExcelApi `version`; false outside Office. */
export function supportsExcelApi(version: string): boolean {
  try {
    return (
      typeof Office !== "undefined" &&
      Office.context?.requirements?.isSetSupported("ExcelApi", version) === true
    );
  } catch {
    return false;
  }
}

/** 0-based column index → "A", "Z", "AA" … */
export function columnName(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based row/col → "B3". */
export function a1(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

/** 0-based top-left + size → "B3:D9" (or "B3" for one cell). */
export function a1Range(row: number, col: number, rows: number, cols: number): string {
  const start = a1(row, col);
  return rows === 1 && cols === 1 ? start : `${start}:${a1(row + rows - 1, col + cols - 1)}`;
}

/** "B3" / "Sheet!B3:D9" / "'My sheet'!B3" → 0-based row and column of the top-left cell. */
export function parseA1Start(address: string): { row: number; col: number } {
  const local = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const m = /^\$?([A-Za-z]+)\$?(\d+)/.exec(local);
  if (!m) return { row: 0, col: 0 };
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/**
 * True for text Excel would take as a formula when written through `range.values`: a first
 * character of = + - or @ (after leading spaces, which Excel's parser skips too).
 */
export function looksLikeFormula(text: string): boolean {
  return /^\s*[=+\-@]/.test(text);
}

/** User text made safe for `range.values`: a leading apostrophe makes Excel store it as text. */
export function safeText(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/** Excel's sheet-name rules: ≤ 31 characters, none of : \ / ? * [ ]. */
export function cleanSheetName(name: string): string {
  const cleaned = name.replace(/[:\\/?*[\]]/g, "_").replace(/^'+|'+$/g, "").trim();
  return (cleaned || "CEDU").slice(0, 31);
}
