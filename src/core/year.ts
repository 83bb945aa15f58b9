/**
 * The year a sheet states for the dates it writes without one. Monthly logs are often kept as
 * "3月5日" under a title "2025年3月活动台账", in a sheet named "2025年4月", or with a note
 * "注：本表为2025年数据" under the table; staff read those dates in that year, and so does CEDU.
 */
import { foldWidth, isBlank } from "./cells";
import type { SheetInput } from "./types";

/** A year of this century or the last, not part of a longer number (an ID, a phone number). */
const YEAR = /(?<!\d)(19\d{2}|20\d{2})(?!\d)/g;
/** Title-area lines about the form rather than its data: 填表日期：2025年4月2日. */
const FORM_LINE = /填表|制表|填报|报送|上报|打印|日期/;
/** Notes under (or in) the table: 注：…, 备注：…, 说明：…, Note: … */
const NOTE_LINE = /^\s*(?:注|备注|说明|note|notes)\s*[:：]/i;

function yearsIn(texts: readonly string[]): Set<number> {
  const years = new Set<number>();
  for (const t of texts) for (const m of foldWidth(t).matchAll(YEAR)) years.add(Number(m[1]));
  return years;
}

function textCells(rows: ReadonlyArray<ReadonlyArray<unknown> | undefined>): string[] {
  const out: string[] = [];
  for (const row of rows) {
    for (const v of row ?? []) if (typeof v === "string" && !isBlank(v)) out.push(v);
  }
  return out;
}

/**
 * The sheet's year: from its title rows (above the header, leaving out 填表日期 lines), else its
 * name, else its note rows (注：, 备注：, Note: anywhere below the header). The first of these
 * that names a year decides; it must name exactly one, or the year is not stated (null).
 */
export function statedYear(
  input: SheetInput,
  layout: { headerStart: number; dataStart: number }
): number | null {
  const values = input.values;
  const titles = textCells(values.slice(0, layout.headerStart)).filter((t) => !FORM_LINE.test(t));
  const notes: string[] = [];
  for (let r = layout.dataStart; r < values.length; r++) {
    const row = values[r];
    const first = row?.find((v) => !isBlank(v));
    if (typeof first === "string" && NOTE_LINE.test(foldWidth(first))) notes.push(first);
  }
  for (const source of [titles, [input.name], notes]) {
    const years = yearsIn(source);
    if (years.size > 0) return years.size === 1 ? (years.values().next().value as number) : null;
  }
  return null;
}

/** Whether a row is a note that `statedYear` reads the sheet's year from (its first cell is 注：…). */
export function isYearNoteRow(row: ReadonlyArray<unknown> | undefined): boolean {
  const first = row?.find((v) => !isBlank(v));
  return typeof first === "string" && NOTE_LINE.test(foldWidth(first));
}
