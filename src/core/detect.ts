/**
 * Finds the header row, the kind and the column map of each sheet.
 *
 * The header is the row (or pair of rows, for two-row headers) within the
 * first rows of the sheet that matches the most fields of a kind with all of
 * that kind's required fields present. Title rows above it, often merged, are
 * skipped simply because they match nothing.
 */
import {
  AGGREGATE_PREFIXES,
  HEADER_SEARCH_ROWS,
  KINDS,
  REPORT_QUALIFIERS,
  type KindSpec,
} from "./schema";
import { isAggregateHeader, summaryVerdict } from "./summary";
import { headerKey } from "./text";
import type {
  AnyField,
  ColumnMap,
  Lang,
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

/** Starts of headers that name a report's figure or a pivot's aggregate, as header keys. */
const QUALIFIER_KEYS = [...REPORT_QUALIFIERS, ...AGGREGATE_PREFIXES].map(headerKey);

interface Candidate {
  kind: SheetKind;
  /** 0-based index in values of the last header row. */
  headerIndex: number;
  /** Number of header rows (1 or 2). */
  depth: number;
  columns: Map<AnyField, number>;
  /** Fields matched only by a header that begins or ends with a synonym. */
  loose: Set<AnyField>;
  matched: number;
  requiredMissing: AnyField[];
  optionalTotal: number;
}

/**
 * Header labels of one row: normalised keys, "" for non-text cells and for a pivot table's
 * aggregate headers (计数项:姓名 counts names; it is not a name column).
 */
function rowLabels(row: ReadonlyArray<unknown> | undefined): string[] {
  if (!row) return [];
  const out: string[] = new Array<string>(row.length);
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    out[c] = typeof v === "string" && !isAggregateHeader(v) ? headerKey(v) : "";
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

/** A header that begins or ends with a synonym (`联系电话号码`), unless it names a report figure (`上报日期`). */
function looseMatch(label: string, keys: readonly string[]): boolean {
  for (const q of QUALIFIER_KEYS) if (label.startsWith(q)) return false;
  return keys.some(
    (k) =>
      k.length >= 2 && label.length <= k.length + 6 && (label.startsWith(k) || label.endsWith(k))
  );
}

/**
 * Assigns columns to fields: exact synonym matches first, then a header that
 * begins or ends with a synonym (`联系电话号码`, `学员姓名（必填）`) but does not name a
 * report's figure (`上报日期`, `主要活动内容`, `累计人次`). Each column serves one field and
 * each field takes the leftmost column. `loose` lists the fields matched the second way.
 */
function matchFields(
  labels: readonly string[],
  kind: SheetKind
): { columns: Map<AnyField, number>; loose: Set<AnyField> } {
  const fields = SYNONYMS.get(kind) ?? [];
  const used = new Set<number>();
  const columns = new Map<AnyField, number>();
  const loose = new Set<AnyField>();
  for (const pass of [0, 1] as const) {
    for (const f of fields) {
      if (columns.has(f.field)) continue;
      for (let c = 0; c < labels.length; c++) {
        const label = labels[c];
        if (!label || used.has(c)) continue;
        const hit = pass === 0 ? f.keys.includes(label) : looseMatch(label, f.keys);
        if (hit) {
          columns.set(f.field, c);
          used.add(c);
          if (pass === 1) loose.add(f.field);
          break;
        }
      }
    }
  }
  return { columns, loose };
}

/** Field → column of a header row's labels (see `matchFields`). */
export function matchColumns(labels: readonly string[], kind: SheetKind): Map<AnyField, number> {
  return matchFields(labels, kind).columns;
}

function evaluate(
  kind: SheetKind,
  labels: string[],
  headerIndex: number,
  depth: number
): Candidate {
  const { columns, loose } = matchFields(labels, kind);
  const fields = SYNONYMS.get(kind) ?? [];
  const requiredMissing = fields
    .filter((f) => f.required && !columns.has(f.field))
    .map((f) => f.field);
  return {
    kind,
    headerIndex,
    depth,
    columns,
    loose,
    matched: columns.size,
    requiredMissing,
    optionalTotal: fields.filter((f) => !f.required).length,
  };
}

/**
 * Better = complete (all required found), then more fields matched, then more of them by an
 * exact synonym, then higher up, then one header row.
 */
function better(a: Candidate, b: Candidate | null): boolean {
  if (!b) return true;
  const ac = a.requiredMissing.length === 0;
  const bc = b.requiredMissing.length === 0;
  if (ac !== bc) return ac;
  if (a.matched !== b.matched) return a.matched > b.matched;
  if (a.loose.size !== b.loose.size) return a.loose.size < b.loose.size;
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
  /** 0-based index in `values` of the first header row (the upper one of a two-row header). */
  headerStart: number;
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
    headerStart: 0,
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
  // The user's word on a kind or its columns settles whether the sheet holds records.
  const judge = !override?.kind && !override?.columns;

  if (!cand || (cand.matched === 0 && !override?.kind)) {
    const verdict = judge ? summaryVerdict(sheet.name, sheet.values, null) : null;
    if (verdict) return none(verdict, overridden);
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
  const headerStart = cand.headerIndex - cand.depth + 1;

  const verdict = judge
    ? summaryVerdict(sheet.name, sheet.values, {
        kind: cand.kind,
        headerTop: headerStart,
        dataStart: cand.headerIndex + 1,
        columns,
        requiredMissing,
        looseRequired: fields
          .filter((f) => f.required && cand.loose.has(f.field))
          .map((f) => f.field),
        headerOf: (field) => headers[field] ?? "",
        found: matchedTexts.join(", "),
        missing: fieldList(cand.kind, requiredMissing),
      })
    : null;
  if (verdict) return { ...none(verdict, overridden), headerRow, headerStart };

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
    return { ...result, columns: colMap, headers, headerRow, headerStart };
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
    headerStart,
  };
}

/** Recognise every sheet of a workbook. */
export function detectSheets(
  sheets: readonly SheetInput[],
  overrides: Overrides = {}
): DetectedSheet[] {
  return sheets.map((s) => detectSheet(s, overrides[s.name]));
}

/**
 * The language a workbook is written in, from the header cells of its recognised sheets (or,
 * when none is recognised, of the sheets that matched in part): English when most are in Latin
 * letters, Chinese when most contain Chinese characters; null when there is nothing to go by.
 */
export function workbookLang(sheets: readonly SheetDetection[]): Lang | null {
  const count = (recognised: boolean) => {
    let latin = 0;
    let chinese = 0;
    for (const s of sheets) {
      if ((s.kind !== null) !== recognised) continue;
      for (const h of Object.values(s.headers)) {
        if (!h) continue;
        if (/[\u3400-\u9fff\uf900-\ufaff]/.test(h)) chinese++;
        else if (/[A-Za-z]/.test(h)) latin++;
      }
    }
    return { latin, chinese };
  };
  let { latin, chinese } = count(true);
  if (latin + chinese === 0) ({ latin, chinese } = count(false));
  if (latin + chinese === 0) return null;
  return latin > chinese ? "en-US" : "zh-CN";
}
