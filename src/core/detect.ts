/**
 * Finds the header row, the kind and the column map of each sheet.
 *
 * The header is the row (or pair of rows, for two-row headers) within the
 * first rows of the sheet that matches the most fields of a kind with all of
 * that kind's required fields present. Title rows above it, often merged, are
 * skipped simply because they match nothing.
 */
import { HEADER_SEARCH_ROWS, KINDS, type KindSpec } from "./schema";
import { headerKey } from "./text";
import type {
  AnyField,
  ColumnMap,
  Message,
  SheetDetection,
  SheetInput,
  SheetKind,
  SheetOverride,
  Overrides,
} from "./types";
import { SHEET_KINDS } from "./types";

/** Synonym keys per kind and field, computed once. */
const SYNONYMS: ReadonlyMap<
  SheetKind,
  ReadonlyArray<{ field: AnyField; required: boolean; keys: string[] }>
> = new Map(
  SHEET_KINDS.map((kind) => [
    kind,
    (KINDS[kind] as KindSpec).fields.map((f) => ({
      field: f.field,
      required: f.required,
      keys: Array.from(new Set(f.headers.map(headerKey))).filter((k) => k.length > 0),
    })),
  ])
);

interface Candidate {
  kind: SheetKind;
  /** 0-based index in values of the last header row. */
  headerIndex: number;
  /** Number of header rows (1 or 2). */
  depth: number;
  columns: Map<AnyField, number>;
  matched: number;
  requiredMissing: AnyField[];
  optionalTotal: number;
}

/** Header labels of one row: normalised keys, "" for non-text cells. */
function rowLabels(row: ReadonlyArray<unknown> | undefined): string[] {
  if (!row) return [];
  const out: string[] = new Array<string>(row.length);
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    out[c] = typeof v === "string" ? headerKey(v) : "";
  }
  return out;
}

/** Two-row header: the lower row's label where it has one, else the (merged) upper row's. */
function combineLabels(upper: string[], lower: string[]): string[] {
  const n = Math.max(upper.length, lower.length);
  const out: string[] = new Array<string>(n);
  for (let c = 0; c < n; c++) out[c] = lower[c] || upper[c] || "";
  return out;
}

/**
 * Assigns columns to fields: exact synonym matches first, then a header that
 * begins or ends with a synonym (`联系电话号码`, `学员姓名（必填）`). Each
 * column serves one field and each field takes the leftmost column.
 */
export function matchColumns(labels: readonly string[], kind: SheetKind): Map<AnyField, number> {
  const fields = SYNONYMS.get(kind) ?? [];
  const used = new Set<number>();
  const columns = new Map<AnyField, number>();
  for (const pass of [0, 1] as const) {
    for (const f of fields) {
      if (columns.has(f.field)) continue;
      for (let c = 0; c < labels.length; c++) {
        const label = labels[c];
        if (!label || used.has(c)) continue;
        const hit =
          pass === 0
            ? f.keys.includes(label)
            : f.keys.some(
                (k) =>
                  k.length >= 2 &&
                  label.length <= k.length + 6 &&
                  (label.startsWith(k) || label.endsWith(k))
              );
        if (hit) {
          columns.set(f.field, c);
          used.add(c);
          break;
        }
      }
    }
  }
  return columns;
}

function evaluate(
  kind: SheetKind,
  labels: string[],
  headerIndex: number,
  depth: number
): Candidate {
  const columns = matchColumns(labels, kind);
  const fields = SYNONYMS.get(kind) ?? [];
  const requiredMissing = fields
    .filter((f) => f.required && !columns.has(f.field))
    .map((f) => f.field);
  return {
    kind,
    headerIndex,
    depth,
    columns,
    matched: columns.size,
    requiredMissing,
    optionalTotal: fields.filter((f) => !f.required).length,
  };
}

/** Better = complete (all required found), then more fields matched, then higher up, then one header row. */
function better(a: Candidate, b: Candidate | null): boolean {
  if (!b) return true;
  const ac = a.requiredMissing.length === 0;
  const bc = b.requiredMissing.length === 0;
  if (ac !== bc) return ac;
  if (a.matched !== b.matched) return a.matched > b.matched;
  if (a.headerIndex - a.depth !== b.headerIndex - b.depth)
    return a.headerIndex - a.depth < b.headerIndex - b.depth;
  return a.depth < b.depth;
}

function findCandidates(
  values: SheetInput["values"],
  kinds: readonly SheetKind[],
  fixedIndex: number | null
): Candidate | null {
  const last = fixedIndex ?? Math.min(values.length, HEADER_SEARCH_ROWS) - 1;
  const first = fixedIndex ?? 0;
  let best: Candidate | null = null;
  let previous: string[] | null =
    fixedIndex !== null && fixedIndex > 0 ? rowLabels(values[fixedIndex - 1]) : null;
  for (let r = first; r <= last; r++) {
    const labels = rowLabels(values[r]);
    for (const kind of kinds) {
      const single = evaluate(kind, labels, r, 1);
      if (better(single, best)) best = single;
      if (previous && previous.some((l) => l)) {
        const pair = evaluate(kind, combineLabels(previous, labels), r, 2);
        // A two-row header must earn its place: strictly more fields than the lower row alone.
        if (pair.matched > single.matched && better(pair, best)) best = pair;
      }
    }
    previous = labels;
  }
  return best;
}

function headerText(values: SheetInput["values"], cand: Candidate, col: number): string {
  const lower = values[cand.headerIndex]?.[col];
  if (typeof lower === "string" && lower.trim()) return lower.trim();
  if (cand.depth === 2) {
    const upper = values[cand.headerIndex - 1]?.[col];
    if (typeof upper === "string") return upper.trim();
  }
  return "";
}

function fieldList(kind: SheetKind, fields: readonly AnyField[]): string {
  return fields.map((f) => `${kind}.${f}`).join("|");
}

export interface DetectedSheet extends SheetDetection {
  /** 0-based index in `values` of the first data row (after the header rows). */
  dataStart: number;
}

/** Recognise one sheet. `override` comes from the user's corrections stored in the workbook. */
export function detectSheet(sheet: SheetInput, override?: SheetOverride): DetectedSheet {
  const origin = sheet.origin ?? { row: 0, col: 0 };
  const base = {
    name: sheet.name,
    hidden: sheet.hidden ?? false,
    dataRows: 0,
    skippedRows: 0,
  };
  const none = (explanation: Message, overridden: boolean): DetectedSheet => ({
    ...base,
    kind: null,
    confidence: 0,
    headerRow: 0,
    columns: {},
    headers: {},
    explanation,
    overridden,
    dataStart: sheet.values.length,
  });

  if (override && override.kind === null) return none({ key: "detect.ignored" }, true);

  const kinds = override?.kind ? [override.kind] : SHEET_KINDS;
  const fixedIndex =
    override?.headerRow !== undefined && override.headerRow > origin.row
      ? override.headerRow - 1 - origin.row
      : null;
  if (fixedIndex !== null && fixedIndex >= sheet.values.length) {
    return none({ key: "detect.headerRowBeyond", params: { row: override?.headerRow ?? 0 } }, true);
  }
  const cand = sheet.values.length > 0 ? findCandidates(sheet.values, kinds, fixedIndex) : null;
  const overridden = Boolean(override && (override.kind || override.headerRow || override.columns));

  if (!cand || (cand.matched === 0 && !override?.kind)) {
    return none(
      {
        key: sheet.values.length === 0 ? "detect.empty" : "detect.none",
        params: { rows: HEADER_SEARCH_ROWS },
      },
      overridden
    );
  }

  // The user's column choices win over what was matched.
  const columns = new Map(cand.columns);
  for (const [field, col] of Object.entries(override?.columns ?? {}) as [AnyField, number][]) {
    if (col === undefined) continue;
    for (const [f, c] of columns) if (c === col - origin.col && f !== field) columns.delete(f);
    if (col < 0) columns.delete(field);
    else columns.set(field, col - origin.col);
  }
  const fields = SYNONYMS.get(cand.kind) ?? [];
  const requiredMissing = fields
    .filter((f) => f.required && !columns.has(f.field))
    .map((f) => f.field);

  const colMap: ColumnMap = {};
  const headers: Partial<Record<AnyField, string>> = {};
  const matchedTexts: string[] = [];
  for (const f of fields) {
    const c = columns.get(f.field);
    if (c === undefined) continue;
    colMap[f.field] = c + origin.col;
    const text = headerText(sheet.values, cand, c);
    headers[f.field] = text;
    matchedTexts.push(text || f.field);
  }
  const headerRow = origin.row + cand.headerIndex + 1;

  if (requiredMissing.length > 0) {
    // Not enough to use the sheet; say what was found and what was missing.
    const result = none(
      {
        key: "detect.partial",
        params: {
          kind: cand.kind,
          row: headerRow,
          found: matchedTexts.join(", "),
          missing: fieldList(cand.kind, requiredMissing),
        },
      },
      overridden
    );
    return { ...result, columns: colMap, headers, headerRow };
  }

  const optionalMatched = fields.filter((f) => !f.required && columns.has(f.field)).length;
  const confidence =
    cand.optionalTotal === 0 ? 1 : 0.6 + (0.4 * optionalMatched) / cand.optionalTotal;
  return {
    ...base,
    kind: cand.kind,
    confidence: Math.round(confidence * 100) / 100,
    headerRow,
    columns: colMap,
    headers,
    explanation: {
      key: "detect.matched",
      params: { kind: cand.kind, found: matchedTexts.join(", "), row: headerRow },
    },
    overridden,
    dataStart: cand.headerIndex + 1,
  };
}

/** Recognise every sheet of a workbook. */
export function detectSheets(
  sheets: readonly SheetInput[],
  overrides: Overrides = {}
): DetectedSheet[] {
  return sheets.map((s) => detectSheet(s, overrides[s.name]));
}
