/**
 * Several workbooks in the pane: the open one (or the first file opened) and the files added to
 * it, analysed one by one and merged by core/district, as `cedu report a.xlsx b.xlsx` does. The
 * merged sheets are named `[file]sheet` (Excel's notation for another workbook's sheet), so a
 * correction made in the Sheets tab is stored under that name and given back to its own file.
 */

/** `[六角社区学校.xlsx]学员花名册`, as core/district names a file's sheet. */
const sheetOf = (label: string, sheet: string) => `[${label}]${sheet}`;
import { analyze, type Analysis } from "../core";
import { consolidate, type District } from "../core";
import { cellAddress } from "../core";
import type { Issue, Overrides, WorkbookInput } from "../core";

export interface SourceFile {
  label: string;
  input: WorkbookInput;
}

/** A file's own corrections: those stored under its `[label]` prefix; the open workbook also keeps its plain ones. */
export function overridesOf(overrides: Overrides, label: string, primary: boolean): Overrides {
  const prefix = `[${label}]`;
  const out: Overrides = {};
  for (const [key, value] of Object.entries(overrides)) {
    if (key.startsWith(prefix)) out[key.slice(prefix.length)] = value;
    else if (primary && !key.startsWith("[")) out[key] = value;
  }
  return out;
}

/** One workbook as always; with files added, the district they make together. */
export function analyzeSources(
  primary: SourceFile,
  extras: readonly SourceFile[],
  overrides: Overrides
): { analysis: Analysis; district: District | null } {
  if (extras.length === 0)
    return { analysis: analyze(primary.input, { overrides }), district: null };
  const district = consolidate(
    [primary, ...extras].map((s) => ({
      label: s.label,
      analysis: analyze(s.input, { overrides: overridesOf(overrides, s.label, s === primary) }),
    }))
  );
  return { analysis: district.analysis, district };
}

/** The sheets of every file under their district names, for the Sheets tab's header cells. */
export function mergedInput(primary: SourceFile, extras: readonly SourceFile[]): WorkbookInput {
  if (extras.length === 0) return primary.input;
  return {
    sheets: [primary, ...extras].flatMap((s) =>
      s.input.sheets.map((sheet) => ({ ...sheet, name: sheetOf(s.label, sheet.name) }))
    ),
  };
}

/** `name`, or `name (2)` … when another file already has that label. */
export function uniqueLabel(name: string, taken: readonly string[]): string {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  if (!used.has(name.toLowerCase())) return name;
  const dot = name.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ""];
  for (let i = 2; ; i++) {
    const next = `${stem} (${i})${ext}`;
    if (!used.has(next.toLowerCase())) return next;
  }
}

/**
 * The issues of the open workbook's own sheets, named as Excel knows them (without the
 * `[label]` prefix); the other files' issues have no cell in this workbook to mark or select.
 */
export function ownIssues(issues: readonly Issue[], label: string): Issue[] {
  const prefix = `[${label}]`;
  return issues
    .filter((i) => i.sheet.startsWith(prefix))
    .map((i) => {
      const sheet = i.sheet.slice(prefix.length);
      return { ...i, sheet, cell: cellAddress(sheet, i.row, i.col) };
    });
}
