/**
 * Small helpers shared by the Excel door: requirement-set checks, A1 addresses and the text
 * escaping that keeps user text from being read as a formula (the rules themselves live in core,
 * so both doors escape alike).
 */
import { looksLikeFormula } from "../core";
import { columnLetter } from "../core";

export { looksLikeFormula, columnLetter };
export { cleanSheetName } from "../core";

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

/** 0-based row/col → "B3". */
export function a1(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
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

/** User text made safe for `range.values`: a leading apostrophe makes Excel store it as text. */
export function safeText(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

/**
 * Queues a probe of the workbook's date system (no sync of its own: it rides along with the
 * caller's next sync). Office.js has no property for it, but the worksheet function DATE tells:
 * DATE(1904,1,1) is 0 in a 1904 workbook and 1462 in a 1900 one. Without ExcelApi 1.2 or on any
 * error the answer is the 1900 system, Excel's default.
 */
export function queueDateSystemProbe(context: Excel.RequestContext): () => boolean {
  if (!supportsExcelApi("1.2")) return () => false;
  const result = context.workbook.functions.date(1904, 1, 1);
  result.load("value");
  return () => {
    try {
      return result.value === 0;
    } catch {
      return false;
    }
  };
}

/** UTF-8 bytes of a string: what Excel counts against its payload limit. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4; // a surrogate pair: one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}
