/**
 * What a row under the header is: data, blank, or one of the rows offices put between their
 * records that are not records (totals, pivot subtotals, footers and instructions, notes and
 * separators merged across the table). Detection and validation share this judgement, so that a
 * row counted as skipped is never also read as evidence of data.
 */
import { foldWidth, isBlank } from "./cells";
import { FOOTER_PREFIXES, GRAND_TOTAL_MARKERS, TOTAL_MARKERS } from "./schema";
import { headerKey } from "./text";

/**
 * - `blank`: empty in every column the engine reads (a pre-numbered template row);
 * - `total`: 合计 / 总计 / 小计 / Total …, the whole first cell;
 * - `subtotal`: a pivot's or hand-made group total, `六角社区 汇总`, `书法绘画 Total`;
 * - `note`: a footer, instruction or note (填表人, 备注：, Note:, Remark: …), or one text merged
 *   across the table (一月份, 本月无活动（暑期）);
 * - `data`: a record.
 */
export type RowClass = "blank" | "total" | "subtotal" | "note" | "data";

const TOTAL_KEYS: ReadonlySet<string> = new Set(TOTAL_MARKERS.map(headerKey));
const GRAND_TOTAL_KEYS: ReadonlySet<string> = new Set(GRAND_TOTAL_MARKERS.map(headerKey));
const FOOTER_KEYS = FOOTER_PREFIXES.map(compactKey);
/** `六角社区 汇总`, `书法绘画 Total`: a label, white space, then the group-total word. */
const SUBTOTAL = /^\S.*\s(?:汇总|小计|合计|total)$/i;

/** Width-folded, lower-case, without white space: how footers are compared. */
function compactKey(s: string): string {
  return foldWidth(s).replace(/\s+/g, "").toLowerCase();
}

/** The first cell of a row with something in it, or undefined for an empty row. */
function firstValue(row: ReadonlyArray<unknown>): unknown {
  for (let c = 0; c < row.length; c++) if (!isBlank(row[c])) return row[c];
  return undefined;
}

/**
 * One text in every non-empty cell, in at least two cells and at least half of the mapped columns:
 * a merged note or separator (both the Excel door and the file readers repeat a merged value in
 * every cell of its area).
 */
function mergedAcross(
  row: ReadonlyArray<unknown>,
  text: string,
  mapped: readonly number[]
): boolean {
  let cells = 0;
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (isBlank(v)) continue;
    if (v !== text) return false;
    cells++;
  }
  if (cells < 2) return false;
  let inMapped = 0;
  for (const c of mapped) if (row[c] === text) inMapped++;
  return inMapped * 2 >= mapped.length;
}

/** Whether a row is data, blank in every mapped column, or one of the rows that are not data. */
export function classifyRow(
  row: ReadonlyArray<unknown> | undefined,
  mapped: readonly number[]
): RowClass {
  if (!row) return "blank";
  const first = firstValue(row);
  if (first === undefined) return "blank";
  if (typeof first === "string") {
    const key = headerKey(first);
    // The whole cell must be the marker: 小计算机兴趣班 is a course, not a subtotal.
    if (TOTAL_KEYS.has(key)) return "total";
    const compact = compactKey(first);
    for (const p of FOOTER_KEYS) if (compact.startsWith(p)) return "note";
    if (SUBTOTAL.test(foldWidth(first).trim())) return "subtotal";
    if (mergedAcross(row, first, mapped)) return "note";
  }
  // A pre-numbered template row (only 序号 filled) is blank in every column we read.
  for (const c of mapped) if (!isBlank(row[c])) return "data";
  return "blank";
}

/** A grand total row's marker (总计, Grand Total), which pivot tables end with. */
export function isGrandTotal(row: ReadonlyArray<unknown> | undefined): boolean {
  if (!row) return false;
  const first = firstValue(row);
  return typeof first === "string" && GRAND_TOTAL_KEYS.has(headerKey(first));
}
