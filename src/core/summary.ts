/**
 * Telling a sheet of records from a summary of them. Offices keep, next to their rosters and
 * logs, sheets made from them: pivot tables (计数项:姓名, 行标签, "六角社区 汇总", 总计) and
 * hand-made summaries (汇总表, 统计表) whose headers resemble a log's. Read as data they count
 * everything twice, or count a pivot's numbers as learners. A sheet is a summary when:
 *
 * 1. pivot output shows in its first rows (an aggregate header such as 计数项:姓名 or Count of
 *    Name, or 行标签 / Row Labels), or its rows end in pivot subtotals (`… 汇总`, `… Total`) and
 *    a grand total (总计, Grand Total);
 * 2. its name or title says it is a summary (汇总, 统计表 …) and its header matches a kind only
 *    in part, or only through a header that merely resembles a required one;
 * 3. its rows are not records: a roster whose names are mostly numbers, a log whose dates are
 *    mostly months or periods (1月, 2025年1-3月, 一季度) rather than days.
 *
 * The verdict is a message for the sheet's explanation; the sheet is then left out and
 * validation notes it once (`summary-sheet`).
 */
import { isBlank, monthPrecision, normalizeText, parseDate, parseMonths } from "./cells";
import { classifyRow, isGrandTotal } from "./rows";
import {
  AGGREGATE_PREFIXES,
  HEADER_SEARCH_ROWS,
  PIVOT_LABELS,
  PIVOT_SUBTOTAL,
  SUMMARY_TITLE,
} from "./schema";
import { headerKey } from "./text";
import type { AnyField, Grid, Message, SheetKind } from "./types";

/** Data rows looked at for evidence: enough to judge, bounded for a million-row sheet. */
const EVIDENCE_ROWS = 200;
const PIVOT_LABEL_KEYS: ReadonlySet<string> = new Set(PIVOT_LABELS.map(headerKey));
const AGGREGATES = AGGREGATE_PREFIXES.map((p) => p.toLowerCase());

/** Whether a header cell is an aggregate of a pivot table (计数项:姓名, Sum of Hours), never a field. */
export function isAggregateHeader(text: string): boolean {
  const t = normalizeText(text).toLowerCase();
  for (const p of AGGREGATES) {
    // `Count of Name`, not `Count office`: an English prefix is followed by a space.
    if (t.startsWith(p) && (p.charCodeAt(0) > 0x7f || t.charCodeAt(p.length) === 32)) return true;
  }
  return false;
}

/** The first cell of the top rows that only pivot output holds, or null. */
function pivotLabel(values: Grid): string | null {
  const rows = Math.min(values.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < rows; r++) {
    const row = values[r];
    if (!row) continue;
    for (const v of row) {
      if (typeof v !== "string" || v.length === 0) continue;
      if (isAggregateHeader(v) || PIVOT_LABEL_KEYS.has(headerKey(v))) return normalizeText(v);
    }
  }
  return null;
}

/** The sheet name or a title cell above the header that says "summary", or null. */
function summaryTitle(name: string, values: Grid, headerTop: number): string | null {
  if (SUMMARY_TITLE.test(name)) return name;
  for (let r = 0; r < headerTop; r++) {
    for (const v of values[r] ?? []) {
      if (typeof v === "string" && SUMMARY_TITLE.test(v)) return normalizeText(v).slice(0, 40);
    }
  }
  return null;
}

/** What detection found for a sheet, as the summary checks need it. */
export interface Candidate {
  kind: SheetKind;
  /** 0-based indexes in values: first header row, first data row. */
  headerTop: number;
  dataStart: number;
  /** Field → 0-based index in values' rows. */
  columns: ReadonlyMap<AnyField, number>;
  /** Required fields not found (the sheet is then not usable anyway). */
  requiredMissing: readonly AnyField[];
  /** Required fields found only through a header that begins or ends with a synonym. */
  looseRequired: readonly AnyField[];
  /** The header text of a column, for messages. */
  headerOf: (field: AnyField) => string;
  /** "姓名, 社区" / "enrolment.name|enrolment.community": for the partial message. */
  found: string;
  missing: string;
}

/** Why the rows are not records, or null when they are (rule 3). */
function rowsVerdict(values: Grid, cand: Candidate): Message | null {
  const field: AnyField | null =
    cand.kind === "enrolment" ? "name" : cand.kind === "activity" ? "date" : null;
  const col = field === null ? undefined : cand.columns.get(field);
  if (field === null || col === undefined) return null;
  const mapped = Array.from(cand.columns.values());
  let filled = 0;
  let odd = 0;
  let example: unknown = undefined;
  let seen = 0;
  for (let r = cand.dataStart; r < values.length && seen < EVIDENCE_ROWS; r++) {
    const row = values[r];
    if (classifyRow(row, mapped) !== "data") continue;
    seen++;
    const v = row?.[col];
    if (isBlank(v)) continue;
    filled++;
    const notRecord = field === "name" ? looksLikeCount(v) : looksLikePeriod(v);
    if (notRecord) {
      odd++;
      if (example === undefined) example = v;
    }
  }
  if (filled < 2 || odd * 2 <= filled) return null;
  return {
    key: "detect.summaryRows",
    params: {
      kind: cand.kind,
      header: cand.headerOf(field),
      field: `${cand.kind}.${field}`,
      value: normalizeText(example),
    },
  };
}

/** A count where a name should be: a number, or digits as text. */
function looksLikeCount(v: unknown): boolean {
  return typeof v === "number" || (typeof v === "string" && /^\s*\d+(\.\d+)?\s*$/.test(v));
}

/** A month or a period where a day should be: 1月, 2025年3月, 2025年1-3月, 一季度, 上半年. */
function looksLikePeriod(v: unknown): boolean {
  if (typeof v !== "string") return false;
  if (monthPrecision(v)) return true;
  return !parseDate(v).ok && parseMonths(v) !== null;
}

/** Pivot subtotals and a grand total among the rows under the header (rule 1, second half). */
function pivotTotals(values: Grid, cand: Candidate): string | null {
  const mapped = Array.from(cand.columns.values());
  let subtotal: string | null = null;
  let grand = false;
  let seen = 0;
  for (let r = cand.dataStart; r < values.length && seen < EVIDENCE_ROWS; r++) {
    const row = values[r];
    const cls = classifyRow(row, mapped);
    if (cls === "blank") continue;
    seen++;
    if (cls === "subtotal" && subtotal === null) {
      const first = row?.find((v) => !isBlank(v));
      if (typeof first === "string" && PIVOT_SUBTOTAL.test(normalizeText(first)))
        subtotal = normalizeText(first);
    } else if (cls === "total" && isGrandTotal(row)) grand = true;
  }
  return subtotal !== null && grand ? subtotal : null;
}

/**
 * Whether a sheet is a summary rather than records, as the explanation to show; null when it is
 * (or may be) records. `cand` is null when no header matched any field.
 */
export function summaryVerdict(name: string, values: Grid, cand: Candidate | null): Message | null {
  const label = pivotLabel(values);
  if (label !== null) return { key: "detect.summaryPivot", params: { label } };
  if (!cand) return null;
  const subtotal = pivotTotals(values, cand);
  if (subtotal !== null) return { key: "detect.summaryPivot", params: { label: subtotal } };
  const title = summaryTitle(name, values, cand.headerTop);
  if (title !== null && cand.requiredMissing.length > 0) {
    return {
      key: "detect.summaryPartial",
      params: { title, found: cand.found, missing: cand.missing },
    };
  }
  if (title !== null && cand.looseRequired.length > 0) {
    const field = cand.looseRequired[0];
    return {
      key: "detect.summaryLoose",
      params: {
        title,
        header: cand.headerOf(field),
        kind: cand.kind,
        field: `${cand.kind}.${field}`,
      },
    };
  }
  if (cand.requiredMissing.length > 0) return null;
  return rowsVerdict(values, cand);
}
