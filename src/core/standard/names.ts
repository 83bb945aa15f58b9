/**
 * Names in the target workbook: sheet names and the workbook name behind the community
 * drop-downs, always ones the workbook does not use yet (Excel compares both case-insensitively),
 * so that nothing of the user's is replaced.
 */
import { cleanSheetName } from "../text";
import type { CommunityListName } from "./types";

/** `wanted`, or `wanted (2)`, `wanted (3)` … cut to Excel's 31 characters. */
export function freeSheetName(wanted: string, taken: Iterable<string>): string {
  const used = new Set(Array.from(taken, (n) => n.toLowerCase()));
  const base = cleanSheetName(wanted);
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = base.slice(0, 31 - suffix.length) + suffix;
    if (!used.has(name.toLowerCase())) return name;
  }
}

export const COMMUNITY_LIST_NAME = "CEDU_Communities";

/** A workbook name that is not taken: CEDU_Communities, CEDU_Communities2 … */
export function freeWorkbookName(wanted: string, taken: Iterable<string>): string {
  const used = new Set(Array.from(taken, (n) => n.toLowerCase()));
  if (!used.has(wanted.toLowerCase())) return wanted;
  for (let i = 2; ; i++) if (!used.has(`${wanted}${i}`.toLowerCase())) return `${wanted}${i}`;
}

/** A sheet name as a formula reference: always quoted, quotes doubled (Excel accepts this for any name). */
export function sheetRef(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** Rows a column reference runs to: the whole column below the header, as Excel counts rows. */
export const LAST_ROW = 1_048_576;

/**
 * The communities of the population sheet: its column from row 2 down, as many cells as are
 * filled. A fixed range would either miss communities added later or show blank entries in the
 * drop-down; OFFSET with COUNTA grows as staff add rows (communities are listed without gaps).
 */
export function communityList(
  populationSheet: string,
  column: string,
  taken: Iterable<string>
): CommunityListName {
  const ref = sheetRef(populationSheet);
  return {
    name: freeWorkbookName(COMMUNITY_LIST_NAME, taken),
    formula: `OFFSET(${ref}!$${column}$2,0,0,MAX(1,COUNTA(${ref}!$${column}$2:$${column}$${LAST_ROW})),1)`,
  };
}
