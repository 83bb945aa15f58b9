/**
 * An analysis brought up to date after staff edit a few data rows, without validating the
 * workbook's other rows again: exactly what `analyze` gives for the new cells, or null when that
 * cannot be had cheaply (the caller then analyses afresh).
 *
 * Exact by construction rather than by imitation: each edited row is read by validation itself, in
 * a scratch run over the sheet's header rows and that row alone at its own row number (with the
 * population sheet, which decides the row's community warning, and the sheet's note rows, which
 * may state its year). The patch is taken only when nothing other rows depend on can move: the
 * row stays a data row, is kept or left out as before, and the cells that give it its place in
 * the dictionaries and in the cross-row checks (person, community, course, labels) are unchanged.
 * Then only the row's own figures (date, status, result, participants, hours …) and its own
 * issues change, and both are replaced in place.
 */
import { todayEpochDay } from "./cells";
import type { ActivityTable, EnrolmentTable } from "./dataset";
import { detectSheet, type DetectedSheet } from "./detect";
import { analyzeDetected, type Analysis, type AnalyzeOptions } from "./engine";
import { defaultPeriod } from "./metrics";
import { classifyRow } from "./rows";
import { HEADER_SEARCH_ROWS } from "./schema";
import type { AnyField, Issue, Overrides, SheetInput, WorkbookInput } from "./types";
import { dateSpan, validate } from "./validate";
import { isYearNoteRow } from "./year";

/** An analysis with what a patch needs to start from: the cells and detections it was made of. */
export interface Analyzed {
  readonly analysis: Analysis;
  readonly input: WorkbookInput;
  readonly detected: readonly DetectedSheet[];
  readonly overrides: Overrides;
}

/** Beyond this many edited rows (a paste), a fresh analysis costs about what the scratch runs do. */
export const MAX_PATCHED_ROWS = 64;

/**
 * Cells that place a row in the dictionaries or in checks across rows (duplicates, one ID with two
 * names, community spellings): an edit of one of these is not patched.
 */
const PLACING: Record<"enrolment" | "activity", readonly AnyField[]> = {
  enrolment: ["name", "community", "course", "idNumber", "category", "targetGroup"],
  activity: ["community", "title", "category", "targetGroup", "teacher"],
};

/** The row's own values, replaced by a patch. */
const OWN: { enrolment: (keyof EnrolmentTable)[]; activity: (keyof ActivityTable)[] } = {
  enrolment: ["date", "status", "result"],
  activity: ["date", "teacherType", "participants", "hours"],
};

export function analyzeForPatch(input: WorkbookInput, options: AnalyzeOptions = {}): Analyzed {
  const { analysis, detected } = analyzeDetected(input, options);
  return { analysis, input, detected, overrides: options.overrides ?? {} };
}

/**
 * `prev` brought up to `input`, equal to `analyzeForPatch(input, options)`; null when the edit is
 * not one a patch can make exact. Rows are told changed by identity: the cell cache replaces a
 * row's array when it re-reads the row and never writes into one it keeps.
 */
export function patchAnalysis(
  prev: Analyzed,
  input: WorkbookInput,
  options: AnalyzeOptions = {}
): Analyzed | null {
  const overrides = options.overrides ?? {};
  const today = options.today ?? todayEpochDay();
  if (today !== prev.analysis.today) return null;
  if (overrides !== prev.overrides && JSON.stringify(overrides) !== JSON.stringify(prev.overrides))
    return null;
  if (Boolean(input.date1904) !== Boolean(prev.input.date1904)) return null;
  const edit = editedRows(prev.input.sheets, input.sheets);
  if (edit === null) return null;
  const next: Analyzed = { ...prev, input, overrides };
  if (edit.rows.length === 0) return next;

  const { index, rows } = edit;
  const sheet = prev.detected[index];
  const kind = sheet.kind;
  // A hidden roster may be named as a backup copy from its duplicates: left to a fresh analysis.
  if ((kind !== "enrolment" && kind !== "activity") || sheet.hidden) return null;
  if (rows[0] < sheet.dataStart) return null;
  const before = prev.input.sheets[index];
  const after = input.sheets[index];
  // Detection reads only the first rows: an edit there may change what the header is.
  if (rows[0] < HEADER_SEARCH_ROWS) {
    const again = detectSheet(after, overrides[sheet.name]);
    if (JSON.stringify(again) !== JSON.stringify(sheet)) return null;
  }
  for (const issue of prev.analysis.issues) {
    if (issue.code === "hidden-copy") return null;
    // The sheet's count of dates without a year would change with the row.
    if (issue.code === "date-without-year" && issue.sheet === sheet.name) return null;
  }

  const originRow = after.origin?.row ?? 0;
  const originCol = after.origin?.col ?? 0;
  const mapped = Object.values(sheet.columns).map((c) => c - originCol);
  const placing = PLACING[kind].flatMap((f) => {
    const c = sheet.columns[f];
    return c === undefined ? [] : [c - originCol];
  });
  for (const r of rows) {
    const old = before.values[r];
    const now = after.values[r];
    if (classifyRow(old, mapped) !== "data" || classifyRow(now, mapped) !== "data") return null;
    if (isYearNoteRow(old) || isYearNoteRow(now)) return null;
    for (const c of placing) if (!sameCell(old?.[c], now?.[c])) return null;
  }

  // The sheet's note rows may state the year of dates written without one: the scratch keeps them.
  const notes: ReadonlyArray<unknown>[] = [];
  for (let r = sheet.dataStart; r < after.values.length; r++)
    if (isYearNoteRow(after.values[r])) notes.push(after.values[r]);
  const scratchDetected = prev.detected.map((d, i) =>
    i === index || d.kind === "population" ? d : { ...d, kind: null }
  );

  const old = prev.analysis.data;
  const table = (kind === "enrolment" ? old.enrolments : old.activities) as unknown as Record<
    string,
    ArrayLike<number> & { slice(): ArrayLike<number> }
  > & { length: number };
  const patched: Record<string, unknown> = { ...table };
  const own = OWN[kind] as string[];
  let copied = false;
  let issues = prev.analysis.issues;

  for (const r of rows) {
    const display = originRow + r + 1;
    const scratchSheets: SheetInput[] = input.sheets.map((s, i) =>
      i === index
        ? {
            ...s,
            values: [...after.values.slice(0, sheet.dataStart), after.values[r] ?? [], ...notes],
            origin: { row: originRow + r - sheet.dataStart, col: originCol },
          }
        : s
    );
    const scratch = validate(scratchSheets, scratchDetected, {
      date1904: input.date1904,
      today,
    });
    if (scratch.issues.some((i) => i.code === "date-without-year")) return null;
    const fresh = (kind === "enrolment"
      ? scratch.data.enrolments
      : scratch.data.activities) as unknown as {
      length: number;
      row: Int32Array;
    } & Record<string, ArrayLike<number>>;
    let j = -1;
    for (let k = 0; k < fresh.length; k++) if (fresh.row[k] === display) j = k;
    let i = -1;
    const sheets = table.sheet;
    const tableRows = table.row;
    for (let k = 0; k < table.length; k++)
      if (tableRows[k] === display && sheets[k] === index) {
        i = k;
        break;
      }
    // Kept before and left out now, or the reverse: the row's place in every table would move.
    if (i < 0 !== j < 0) return null;
    if (i >= 0) {
      if (!copied) {
        for (const col of own) patched[col] = table[col].slice();
        copied = true;
      }
      for (const col of own) (patched[col] as number[])[i] = fresh[col][j];
    }
    const spliced = spliceRowIssues(
      issues,
      sheet.name,
      display,
      originRow + sheet.dataStart + 1,
      scratch.issues.filter((x) => x.sheet === sheet.name && x.row === display)
    );
    if (spliced === null) return null;
    issues = spliced;
  }

  const data = { ...old };
  if (kind === "enrolment") data.enrolments = patched as unknown as EnrolmentTable;
  else data.activities = patched as unknown as ActivityTable;
  const span = dateSpan(data.enrolments, data.activities);
  data.latestDate = span.latest;
  data.earliestDate = span.earliest;
  const analysis: Analysis = {
    sheets: prev.analysis.sheets,
    data,
    issues,
    today,
    defaultPeriod: defaultPeriod(data, today),
  };
  return { ...next, analysis };
}

/**
 * The one sheet whose rows changed and those rows (ascending), an empty list when no row did, or
 * null when the workbook changed in another way (sheets, names, sizes) or in more than one sheet.
 */
function editedRows(
  before: readonly SheetInput[],
  after: readonly SheetInput[]
): { index: number; rows: number[] } | null {
  if (before.length !== after.length) return null;
  let index = -1;
  let rows: number[] = [];
  for (let i = 0; i < after.length; i++) {
    const a = before[i];
    const b = after[i];
    if (a === b) continue;
    if (
      a.name !== b.name ||
      Boolean(a.hidden) !== Boolean(b.hidden) ||
      (a.origin?.row ?? 0) !== (b.origin?.row ?? 0) ||
      (a.origin?.col ?? 0) !== (b.origin?.col ?? 0) ||
      a.values.length !== b.values.length
    )
      return null;
    if (a.values === b.values) continue;
    const changed: number[] = [];
    for (let r = 0; r < a.values.length; r++) {
      if (a.values[r] === b.values[r]) continue;
      changed.push(r);
      if (changed.length > MAX_PATCHED_ROWS) return null;
    }
    if (changed.length === 0) continue;
    if (index >= 0) return null;
    index = i;
    rows = changed;
  }
  return { index, rows };
}

/**
 * The issues with a data row's own ones replaced. A row's issues are found together in the pass
 * over its sheet, in row order; its duplicate warning (last of them) depends on other rows and is
 * kept; the one-ID-two-names warnings come after the pass and do not move. Null when the new
 * issues have no neighbour to be placed by.
 */
function spliceRowIssues(
  issues: readonly Issue[],
  sheet: string,
  row: number,
  firstDataRow: number,
  fresh: Issue[]
): Issue[] | null {
  let start = -1;
  let end = -1;
  let before = -1;
  let after = -1;
  for (let k = 0; k < issues.length; k++) {
    const x = issues[k];
    if (x.sheet !== sheet || x.code === "id-name-conflict" || x.row < firstDataRow) continue;
    if (x.row === row) {
      if (start < 0) start = k;
      else if (end !== k) return null;
      end = k + 1;
    } else if (x.row < row) before = k;
    else if (after < 0) after = k;
  }
  if (start < 0) {
    if (fresh.length === 0) return issues as Issue[];
    if (after >= 0) start = end = after;
    else if (before >= 0) start = end = before + 1;
    else return null;
  }
  const kept = issues.slice(start, end).filter((x) => x.code === "duplicate-enrolment");
  return [...issues.slice(0, start), ...fresh, ...kept, ...issues.slice(end)];
}

/** Two cells as validation sees them (errors arrive as objects: equal when they say the same). */
function sameCell(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null)
    return JSON.stringify(a) === JSON.stringify(b);
  return false;
}
