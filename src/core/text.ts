/** Small text helpers shared by detection and validation. */
import { foldWidth } from "./cells";

const SPACES = /[\s\u3000\u00a0\u200b\ufeff]+/g;
const BRACKETED = /[(（［[【][^)）］\]】]*[)）］\]】]/g;
const DECORATION = /[*＊:：·・。.,，、'"“”‘’_\-—–/\\]/g;

/**
 * The comparable form of a header or enum spelling: width-folded, lower-case,
 * without spaces, line breaks, bracketed units (`课时(小时)` → `课时`), stars
 * marking required columns or trailing colons.
 */
export function headerKey(raw: string): string {
  let s = foldWidth(raw).toLowerCase().replace(SPACES, "");
  const unbracketed = s.replace(BRACKETED, "");
  // `村(社区)` is a header of its own: keep the brackets when dropping them leaves nothing useful.
  if (unbracketed.length > 0) s = unbracketed;
  return s.replace(DECORATION, "");
}

/** Excel's column letters: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** `学员花名册!F12`, quoting the sheet name the way Excel does when it needs quotes. */
export function cellAddress(sheet: string, row: number, col: number): string {
  const needsQuotes = /[^A-Za-z0-9_\u3400-\u9fff\uf900-\ufaff]/.test(sheet) || /^\d/.test(sheet);
  const name = needsQuotes ? `'${sheet.replace(/'/g, "''")}'` : sheet;
  if (row <= 0 || col <= 0) return name;
  return `${name}!${columnLetter(col - 1)}${row}`;
}

/** Excel's sheet-name rules: at most 31 characters, none of : \\ / ? * [ ], no leading or trailing apostrophe. */
export function cleanSheetName(name: string): string {
  const cleaned = name
    .replace(/[:\\/?*[\]]/g, "_")
    .replace(/^'+|'+$/g, "")
    .trim();
  return (cleaned || "CEDU").slice(0, 31);
}
