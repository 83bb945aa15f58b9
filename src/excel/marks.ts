/**
 * "Mark issues": fills exactly the issue cells (error FFC7CE, warning FFEB9C; info cells are not
 * marked) and remembers each cell's previous fill in the workbook setting "cedu.marks", so
 * `clearMarks` restores exactly those cells, also after the file was saved and reopened.
 *
 * At most MAX_MARKS cells are marked, errors before warnings; the caller is told how many were
 * left out, so the pane can say so (the issue list still shows them all).
 *
 * Where ExcelApi 1.18 offers cell notes, each marked cell that has no note of its own also gets
 * a note with the issue's message; "Clear marks" deletes exactly those notes, and only while they
 * still hold CEDU's text (a note the user rewrote is theirs now).
 *
 * Before anything is changed, each sheet's protection is checked: a sheet whose protection does
 * not allow formatting cells is named in the error (nothing is marked); one that allows formatting
 * but not editing objects gets fills without notes. A cell holding a threaded comment gets no note
 * (Excel refuses a note there). The record of previous fills is queued before the fills, in the
 * same batch, so a batch that stops part-way never leaves a fill without its record; each record
 * names the sheet by id as well, so Clear marks finds a sheet the user renamed.
 *
 * Syncs: markIssues 3 (stored marks, sheets, protection, comments; previous fills, existing notes
 * and comment locations; setting, fills and notes), clearMarks 3 (stored marks; which sheets still
 * exist; restore and setting), 4 when CEDU added notes (their current text is checked before they
 * are deleted). Addresses are grouped into getRanges calls of at most MAX_ADDRESSES_PER_CALL, all
 * queued in the same batch.
 */
import { format } from "../core";
import { CeduExcelError } from "./errors";
import type { Issue, Lang, Severity } from "../core";
import { a1, supportsExcelApi } from "./support";
import { parseJson } from "./tags";

export const MARKS_KEY = "cedu.marks";
export const MAX_ADDRESSES_PER_CALL = 200;
/** Beyond this many cells, marking stops (the issue list in the pane still shows them all). */
export const MAX_MARKS = 5000;
export const MARK_FILL: Record<Exclude<Severity, "info">, string> = {
  error: "#FFC7CE",
  warning: "#FFEB9C",
};

export interface StoredMark {
  sheet: string;
  /** The worksheet's id (stable across renames); absent in records written before ids were kept. */
  sheetId?: string;
  address: string;
  /** "#RRGGBB", or null when the cell had no fill. */
  previousFill: string | null;
  /** The note CEDU added to the cell (absent when none was added). */
  note?: string;
}

export const NOTE_PREFIX = "CEDU: ";

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function loadMarks(context: Excel.RequestContext): Excel.Setting {
  const setting = context.workbook.settings.getItemOrNullObject(MARKS_KEY);
  setting.load("value");
  return setting;
}

function storedMarks(setting: Excel.Setting): StoredMark[] {
  if (setting.isNullObject) return [];
  const list = parseJson<unknown>(setting.value, []);
  return Array.isArray(list)
    ? (list as StoredMark[]).filter((m) => m && typeof m.sheet === "string")
    : [];
}

/** "'My sheet'!B2" / "名册!B2" → the key markIssues uses for a cell: sheet name, NUL, address. */
function cellKey(address: string): string {
  const bang = address.lastIndexOf("!");
  const sheet = address
    .slice(0, bang)
    .replace(/^'(.*)'$/, "$1")
    .replace(/''/g, "'");
  return `${sheet}\u0000${address.slice(bang + 1).replace(/\$/g, "")}`;
}

interface CellMark {
  sheet: string;
  address: string;
  severity: "error" | "warning";
  issue: Issue;
}

/**
 * Which cells to mark, one per cell, the most severe issue winning; `over` counts the cells left
 * unmarked beyond MAX_MARKS.
 */
export function cellsToMark(issues: readonly Issue[]): { cells: CellMark[]; over: number } {
  const byCell = new Map<string, CellMark>();
  for (const issue of issues) {
    if (issue.row < 1 || issue.col < 1 || issue.severity === "info") continue;
    const address = a1(issue.row - 1, issue.col - 1);
    const key = `${issue.sheet}\u0000${address}`;
    const prev = byCell.get(key);
    if (!prev || (prev.severity === "warning" && issue.severity === "error")) {
      byCell.set(key, { sheet: issue.sheet, address, severity: issue.severity, issue });
    }
  }
  const cells = [...byCell.values()];
  if (cells.length <= MAX_MARKS) return { cells, over: 0 };
  // Over the cap, errors go first: they are what leaves a row out of the figures.
  const errors = cells.filter((c) => c.severity === "error");
  const warnings = cells.filter((c) => c.severity === "warning");
  return {
    cells: [...errors, ...warnings].slice(0, MAX_MARKS),
    over: cells.length - MAX_MARKS,
  };
}

export async function markIssues(
  context: Excel.RequestContext,
  issues: readonly Issue[],
  lang: Lang = "zh-CN"
): Promise<{ marked: number; unmarked: number }> {
  const { cells, over } = cellsToMark(issues);
  const sheetNames = [...new Set(cells.map((c) => c.sheet))];
  const useNotes = supportsExcelApi("1.18");
  // Threaded comments (ExcelApi 1.10) are only looked for where notes could be added.
  const useComments = useNotes && supportsExcelApi("1.10");

  // Sync 1: stored marks, which sheets exist, their id and protection, the threaded comments.
  const setting = loadMarks(context);
  const sheets = new Map(
    sheetNames.map((name) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(name);
      sheet.load("id,name,protection/protected,protection/options");
      return [name, sheet] as const;
    })
  );
  const comments = useComments ? context.workbook.comments : null;
  comments?.load("items");
  await context.sync();

  const existing = sheetNames.filter((name) => !sheets.get(name)!.isNullObject);
  for (const name of existing) {
    const { protection } = sheets.get(name)!;
    if (protection.protected && !protection.options.allowFormatCells)
      throw new CeduExcelError("excel.marksSheetProtected", { sheet: name });
  }
  const notesAllowed = new Set(
    existing.filter((name) => {
      const { protection } = sheets.get(name)!;
      return useNotes && (!protection.protected || protection.options.allowEditObjects);
    })
  );

  // Sync 2: previous fills, existing notes and where the threaded comments are.
  const usePattern = supportsExcelApi("1.9");
  const toFill = cells.filter((c) => !sheets.get(c.sheet)!.isNullObject);
  const fills = toFill.map((c) => {
    const fill = sheets.get(c.sheet)!.getRange(c.address).format.fill;
    fill.load(usePattern ? "color,pattern" : "color");
    return fill;
  });
  const notes = toFill.map((c) => {
    if (!notesAllowed.has(c.sheet)) return null;
    const note = sheets.get(c.sheet)!.notes.getItemOrNullObject(c.address);
    note.load("content");
    return note;
  });
  const commentCells = (comments?.items ?? []).map((comment) => {
    const location = comment.getLocation();
    location.load("address");
    return location;
  });
  await context.sync();

  const commented = new Set(commentCells.map((location) => cellKey(location.address)));
  const marks = storedMarks(setting);
  const known = new Set(marks.map((m) => `${m.sheet}\u0000${m.address}`));
  const newNotes: { sheet: string; address: string; text: string }[] = [];
  toFill.forEach((c, i) => {
    const key = `${c.sheet}\u0000${c.address}`;
    if (known.has(key)) return; // already ours: keep the original fill, not our own colour
    known.add(key);
    const fill = fills[i];
    const none = (usePattern && fill.pattern === "None") || !fill.color;
    const mark: StoredMark = {
      sheet: c.sheet,
      sheetId: sheets.get(c.sheet)!.id,
      address: c.address,
      previousFill: none ? null : fill.color,
    };
    // A note only where the cell has none and no threaded comment: the user's own are kept.
    const note = notes[i];
    if (note && note.isNullObject && !commented.has(key)) {
      mark.note = `${NOTE_PREFIX}${format(c.issue.message, lang)}`;
      newNotes.push({ sheet: c.sheet, address: c.address, text: mark.note });
    }
    marks.push(mark);
  });

  // Sync 3: the record first, then the fills (one getRanges per sheet, severity and chunk of
  // addresses) and the notes: a batch that stops part-way leaves no fill without its record.
  context.workbook.settings.add(MARKS_KEY, JSON.stringify(marks));
  for (const name of existing) {
    const sheet = sheets.get(name)!;
    for (const severity of ["error", "warning"] as const) {
      const addresses = toFill
        .filter((c) => c.sheet === name && c.severity === severity)
        .map((c) => c.address);
      for (const part of chunk(addresses, MAX_ADDRESSES_PER_CALL)) {
        sheet.getRanges(part.join(", ")).format.fill.color = MARK_FILL[severity];
      }
    }
  }
  for (const n of newNotes) {
    const sheet = sheets.get(n.sheet)!;
    sheet.notes.add(sheet.getRange(n.address), n.text);
  }
  await context.sync();
  return { marked: toFill.length, unmarked: over };
}

export async function clearMarks(context: Excel.RequestContext): Promise<{ restored: number }> {
  // Sync 1: stored marks.
  const setting = loadMarks(context);
  await context.sync();
  const marks = storedMarks(setting);
  if (marks.length === 0) return { restored: 0 };

  // Sync 2: which sheets still exist, found by id (a renamed sheet keeps its marks) or, for
  // records without one, by name; a deleted sheet has nothing to restore.
  const sheetKey = (m: StoredMark) => m.sheetId ?? m.sheet;
  const names = [...new Set(marks.map(sheetKey))];
  const sheets = new Map(
    names.map((key) => {
      const sheet = context.workbook.worksheets.getItemOrNullObject(key);
      sheet.load("name,protection/protected,protection/options");
      return [key, sheet] as const;
    })
  );
  const useNotes = supportsExcelApi("1.18");
  const ourNotes = marks
    .filter((m) => m.note !== undefined && useNotes)
    .map((m) => ({ mark: m, sheet: sheets.get(sheetKey(m))! }));
  await context.sync();
  for (const sheet of sheets.values()) {
    if (
      !sheet.isNullObject &&
      sheet.protection.protected &&
      !sheet.protection.options.allowFormatCells
    )
      throw new CeduExcelError("excel.marksSheetProtected", { sheet: sheet.name });
  }

  // Sync 3 (still part of the same batch of checks): the notes we added, where the sheet still exists.
  const probes = ourNotes
    .filter((n) => !n.sheet.isNullObject)
    .map((n) => {
      const note = n.sheet.notes.getItemOrNullObject(n.mark.address);
      note.load("content");
      return { ...n, note };
    });
  if (probes.length > 0) await context.sync();

  // Last sync: restore, grouped by sheet and previous fill, delete our unchanged notes, forget the marks.
  for (const p of probes) {
    if (!p.note.isNullObject && p.note.content === p.mark.note) p.note.delete();
  }
  let restored = 0;
  for (const key of names) {
    const sheet = sheets.get(key)!;
    if (sheet.isNullObject) continue;
    const byFill = new Map<string | null, string[]>();
    for (const m of marks.filter((x) => sheetKey(x) === key)) {
      byFill.set(m.previousFill, [...(byFill.get(m.previousFill) ?? []), m.address]);
      restored++;
    }
    for (const [fill, addresses] of byFill) {
      for (const part of chunk(addresses, MAX_ADDRESSES_PER_CALL)) {
        const areas = sheet.getRanges(part.join(", "));
        if (fill === null) areas.format.fill.clear();
        else areas.format.fill.color = fill;
      }
    }
  }
  context.workbook.settings.getItem(MARKS_KEY).delete();
  await context.sync();
  return { restored };
}
