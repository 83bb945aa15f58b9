/**
 * "Tidy": the recognised rows of the workbook's own sheets, written in the standard layout.
 *
 * Each value is written as the engine understood it: real dates, numbers without units, the
 * population sheet's spelling of each community, the standard word of each enumeration, ID
 * numbers as text. A value the engine could not read is kept exactly as it was, and its cell is
 * highlighted with the issue's message as a note, so the tidied rows say what the originals said
 * and the figures of the tidied workbook are the figures of the original, to the last digit
 * (tested on the samples, the corpus and generated workbooks). Rows CEDU skips (blank, totals,
 * footers) are not copied; rows with errors are, highlighted.
 *
 * Sheets of one kind (one per month, say) become one standard sheet, in workbook order. Kinds the
 * workbook does not have are not added: an empty population sheet would turn every community
 * into an unknown one.
 */
import {
  cellKind,
  epochDayFromDate,
  errorLiteral,
  isBlank,
  normalizeText,
  parseDate,
  parseMonths,
  parseNumber,
  parsePercent,
  readIdNumber,
} from "../cells";
import type { Analysis } from "../engine";
import { format } from "../i18n";
import { ENUMS, fieldSpec, type FieldSpec } from "../schema";
import { headerKey } from "../text";
import type {
  AnyField,
  FieldsOf,
  Issue,
  Lang,
  SheetDetection,
  SheetInput,
  SheetKind,
  WorkbookInput,
} from "../types";
import { classifyRow } from "../rows";
import { CommunityResolver } from "../validate";
import { COLUMN_ORDER, STANDARD_KINDS, standardWorkbook } from "./layout";
import { st } from "./strings";
import type { Highlight, StandardRow, StandardValue, StandardWorkbook, Taken } from "./types";
import { enumWord, type EnumName } from "./vocabulary";

export interface TidyOptions {
  lang: Lang;
  taken?: Taken;
  /** Add the instructions sheet (the command line does; inside Excel the pane does not). */
  instructions?: boolean;
}

export interface TidySummary {
  /** Per standard sheet: rows written and rows highlighted. */
  sheets: {
    name: string;
    kind: SheetKind;
    sources: string[];
    rows: number;
    errors: number;
    warnings: number;
  }[];
  /** Sheets that were not recognised as data and so not tidied. */
  ignored: string[];
}

/* ------------------------------------------------------------------ one value */

const ENUM_LOOKUP = new Map<EnumName, Map<string, string>>(
  (Object.keys(ENUMS) as EnumName[]).map((name) => [
    name,
    new Map(
      Object.entries(ENUMS[name] as Record<string, string>).map(([k, v]) => [headerKey(k), v])
    ),
  ])
);

/** A value CEDU could not read, kept as it was (a Date as a real date, anything else as is). */
function kept(raw: unknown): StandardValue {
  switch (cellKind(raw)) {
    case "empty":
      return null;
    case "string":
      return raw as string;
    case "number":
      return raw as number;
    case "boolean":
      return raw as boolean;
    case "date":
      return { date: epochDayFromDate(raw as Date) };
    case "error":
      return { error: errorLiteral(raw) as string };
    default:
      return normalizeText(raw);
  }
}

/**
 * The standard form of one cell of `spec`'s field; `community` gives the canonical spelling of a
 * community (null on the population sheet, whose spellings are the canon and are kept as written).
 */
function tidyValue(
  spec: FieldSpec,
  raw: unknown,
  lang: Lang,
  date1904: boolean,
  community: ((text: string) => string) | null
): StandardValue {
  if (isBlank(raw)) return null;
  const error = errorLiteral(raw);
  if (error !== null) return { error };
  switch (spec.type) {
    case "date": {
      const p = parseDate(raw, date1904);
      return p.ok ? { date: p.value } : kept(raw);
    }
    case "int":
    case "number": {
      const p = parseNumber(raw);
      return p.ok ? p.value : kept(raw);
    }
    case "percent": {
      const p = parsePercent(raw);
      return p.ok ? p.value : kept(raw);
    }
    case "month": {
      const m = parseMonths(raw, date1904);
      return m ? m.text : kept(raw);
    }
    case "id": {
      const id = readIdNumber(raw);
      // Digits already lost stay as they are (still flagged); the rest is the ID's own text.
      if (!id || id.kind === "precision-lost") return kept(raw);
      return id.key;
    }
    case "gender":
    case "status":
    case "result":
    case "level":
    case "teacherType": {
      const name = spec.type;
      const value = ENUM_LOOKUP.get(name)?.get(headerKey(normalizeText(raw)));
      return value === undefined ? kept(raw) : enumWord(name, value as never, lang);
    }
    default:
      return spec.field === "community" && community
        ? community(normalizeText(raw))
        : normalizeText(raw);
  }
}

/* ------------------------------------------------------------------ issues per row */

type IssuesByRow = Map<string, Map<number, Issue[]>>;

function issuesByRow(issues: readonly Issue[]): IssuesByRow {
  const out: IssuesByRow = new Map();
  for (const issue of issues) {
    if (issue.severity === "info" || issue.row < 1) continue;
    let rows = out.get(issue.sheet);
    if (!rows) out.set(issue.sheet, (rows = new Map()));
    const list = rows.get(issue.row);
    if (list) list.push(issue);
    else rows.set(issue.row, [issue]);
  }
  return out;
}

/** Highlights of one row; `fields` are the sheet's columns after its 序号 column. */
function highlightsOf(
  issues: readonly Issue[],
  fields: readonly AnyField[],
  lang: Lang
): Highlight[] {
  const byCol = new Map<number, Highlight>();
  for (const issue of issues) {
    const at = issue.field === undefined ? -1 : fields.indexOf(issue.field);
    const col = 1 + (at < 0 ? 0 : at);
    const message = format(issue.message, lang);
    const prev = byCol.get(col);
    if (!prev)
      byCol.set(col, { col, severity: issue.severity as Highlight["severity"], note: message });
    else {
      if (issue.severity === "error") prev.severity = "error";
      if (!prev.note.split("\n").includes(message)) prev.note += `\n${message}`;
    }
  }
  return Array.from(byCol.values()).sort((a, b) => a.col - b.col);
}

/* ------------------------------------------------------------------ communities */

/**
 * The community spelling the engine used for each counted row (the population sheet's, or the
 * data's own suffixed spelling when there is no population sheet), by sheet index and row; other
 * rows fall back to the population sheet's spelling or the text as written.
 */
function communitySpelling(analysis: Analysis) {
  const { data } = analysis;
  const names = data.dicts.community.values;
  const byRow = new Map<number, Map<number, string>>();
  for (const t of [data.enrolments, data.activities]) {
    for (let i = 0; i < t.length; i++) {
      let rows = byRow.get(t.sheet[i]);
      if (!rows) byRow.set(t.sheet[i], (rows = new Map()));
      rows.set(t.row[i], names[t.community[i]]);
    }
  }
  const resolver = new CommunityResolver(
    data.population ? data.population.map((p) => names[p.community]) : []
  );
  return (sheetIndex: number, row: number) =>
    (text: string): string =>
      byRow.get(sheetIndex)?.get(row) ?? resolver.resolve(text) ?? text;
}

/* ------------------------------------------------------------------ rows of one kind */

interface Source {
  detection: SheetDetection;
  input: SheetInput;
  index: number;
}

function tidyRows(
  kind: SheetKind,
  sources: readonly Source[],
  issues: IssuesByRow,
  spelling: ReturnType<typeof communitySpelling>,
  lang: Lang,
  date1904: boolean
): StandardRow[] {
  const fields = COLUMN_ORDER[kind] as readonly AnyField[];
  const specs = fields.map((f) => fieldSpec(kind, f as FieldsOf[typeof kind]) as FieldSpec);
  const rows: StandardRow[] = [];
  /** Plan rows without a month (not even one carried down): written first, see below. */
  const monthless: StandardRow[] = [];
  for (const { detection, input, index } of sources) {
    const origin = input.origin ?? { row: 0, col: 0 };
    const local = new Map<AnyField, number>();
    for (const [field, col] of Object.entries(detection.columns) as [AnyField, number][])
      local.set(field, col - origin.col);
    const mapped = Array.from(local.values());
    const values = input.values;
    const dataStart = detection.headerRow - origin.row;
    const monthCol = kind === "plan" ? local.get("month") : undefined;
    for (let r = dataStart; r < values.length; r++) {
      const cells = values[r] ?? [];
      if (classifyRow(values[r], mapped) !== "data") continue;
      const row = origin.row + r + 1;
      const community = kind === "population" ? null : spelling(index, row);
      let carried: unknown = undefined;
      if (monthCol !== undefined && isBlank(cells[monthCol])) {
        // A month merged down several plan rows arrives in the first only; the engine carries it
        // down, so each tidied row gets its month written out.
        for (let up = r - 1; up >= dataStart; up--) {
          const above = values[up]?.[monthCol];
          if (!isBlank(above)) {
            carried = above;
            break;
          }
        }
      }
      const out: StandardValue[] = specs.map((spec) => {
        const col = local.get(spec.field);
        if (col === undefined) return null;
        const raw = col === monthCol && carried !== undefined ? carried : cells[col];
        return tidyValue(spec, raw, lang, date1904, community);
      });
      const tidied: StandardRow = {
        cells: out,
        highlights: highlightsOf(issues.get(detection.name)?.get(row) ?? [], fields, lang),
        source: { sheet: detection.name, row },
      };
      // Written below another row, a plan row without a month would take that row's month.
      if (monthCol !== undefined && out[fields.indexOf("month")] === null) monthless.push(tidied);
      else rows.push(tidied);
    }
  }
  // 序号: the row's number in the tidied sheet.
  return [...monthless, ...rows].map((row, i) => ({ ...row, cells: [i + 1, ...row.cells] }));
}

/* ------------------------------------------------------------------ the workbook */

/**
 * The tidied workbook of `input`, as `analysis` (from `analyze(input)`, with the user's
 * corrections) recognised it. Pure: the doors write what it returns.
 */
export function tidyWorkbook(
  input: WorkbookInput,
  analysis: Analysis,
  options: TidyOptions
): { workbook: StandardWorkbook; summary: TidySummary } {
  const { lang } = options;
  const byKind = new Map<SheetKind, Source[]>();
  analysis.sheets.forEach((detection, index) => {
    const sheet = input.sheets[index];
    if (!detection.kind || !sheet) return;
    const list = byKind.get(detection.kind) ?? [];
    list.push({ detection, input: sheet, index });
    byKind.set(detection.kind, list);
  });
  const kinds = STANDARD_KINDS.filter((k) => byKind.has(k));
  const layout = standardWorkbook({
    lang,
    taken: options.taken,
    kinds,
    instructions: options.instructions ?? false,
    extraLines: [st("instructions.tidied", lang)],
  });
  const issues = issuesByRow(analysis.issues);
  const spelling = communitySpelling(analysis);
  const date1904 = input.date1904 ?? false;
  const summary: TidySummary = {
    sheets: [],
    ignored: analysis.sheets.filter((s) => !s.kind).map((s) => s.name),
  };
  for (const sheet of layout.sheets) {
    const sources = byKind.get(sheet.kind) ?? [];
    sheet.rows = tidyRows(sheet.kind, sources, issues, spelling, lang, date1904);
    sheet.sources = sources.map((s) => s.detection.name);
    summary.sheets.push({
      name: sheet.name,
      kind: sheet.kind,
      sources: sheet.sources,
      rows: sheet.rows.length,
      errors: sheet.rows.filter((r) => r.highlights.some((h) => h.severity === "error")).length,
      warnings: sheet.rows.filter(
        (r) => r.highlights.length > 0 && r.highlights.every((h) => h.severity === "warning")
      ).length,
    });
  }
  return { workbook: layout, summary };
}
