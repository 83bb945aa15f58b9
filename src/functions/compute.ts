/**
 * What every CEDU.* function does, below its JSDoc wrapper in functions.ts: read the filters,
 * find the analysis (range arguments → a cached analysis of those ranges; no range arguments →
 * the workbook model), take the figures for the period and filter, shape the result.
 *
 * Argument order, for every function: filters first (community, from, to, category; the school
 * functions: community, type), then the optional sources (roster, population, activities,
 * schools), each function taking the subset that applies, in that order.
 */
import { allIssues, periodFrom, type Analysis } from "../core";
import { format, t } from "../core";
import { findCommunity } from "../core";
import { isDivByZero } from "../core";
import { spillRows, COMMUNITY_TABLE, ISSUES_TABLE } from "../core";
import { isoFromEpochDay, normalizeText, parseDate, todayEpochDay } from "../core";
import { boundOfYearOrMonth, yearBound } from "../core";
import type { Filter, Grid, Lang, Metrics, Period, Rate, SchoolGroup, SheetKind } from "../core";
import { analysisOfSources, figuresOf, overallOf, type SourceSheet } from "./cache";
import { normalizeErrorCells } from "./errorCells";
import { fail, Failure } from "./errors";
import { fnText, functionsLanguage } from "./messages";
import { sharedRuntime } from "../runtime/shared";

/* ------------------------------------------------------------------ sources */

export type Role = "roster" | "population" | "activities" | "schools";
export const ROLES: readonly Role[] = ["roster", "population", "activities", "schools"];
export const ROLE_KIND: Record<Role, SheetKind> = {
  roster: "enrolment",
  population: "population",
  activities: "activity",
  schools: "school",
};

/** The range arguments of one call, by role; a role the function does not take is absent. */
export type Sources = Partial<Record<Role, unknown>>;

/** A range argument the user gave: a non-empty 2-D array. Omitted optional arguments arrive as null. */
function givenGrid(v: unknown): Grid | null {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) {
    if (v.length === 0) return null;
    // The array itself when it is 2-D (the fingerprint cache keys on its identity); error cells
    // read as the file door reads them.
    return normalizeErrorCells(
      v.every(Array.isArray) ? (v as Grid) : v.map((row) => (Array.isArray(row) ? row : [row]))
    );
  }
  // A single value where a range was expected: Excel normally wraps it as [[v]] already.
  return [[v]];
}

interface Resolved {
  analysis: Analysis;
  /** True for the workbook model, false for range arguments. */
  live: boolean;
  date1904: boolean;
}

/**
 * The analysis to compute from. `required`: roles without which the function has no answer
 * (#VALUE! when ranges are given without them; #N/A when the workbook model has no such sheet).
 * `positions`: 1-based argument position of each role, for messages.
 */
async function resolve(
  sources: Sources,
  required: readonly Role[],
  positions: Partial<Record<Role, number>>,
  cell?: string
): Promise<Resolved> {
  const lang = functionsLanguage();
  const given: { role: Role; grid: Grid }[] = [];
  for (const role of ROLES) {
    if (!(role in sources)) continue;
    const grid = givenGrid(sources[role]);
    if (grid) given.push({ role, grid });
  }

  if (given.length === 0) {
    // No ranges: the workbook the add-in recognised. The cell is marked as computing while it
    // waits, so that the feed does not recalculate it again once the model it waits for arrives.
    const model = sharedRuntime().model;
    model.enterCell(cell);
    let version = -1;
    let analysis: Analysis;
    try {
      ({ analysis, version } = await model.ready());
    } finally {
      model.leaveCell(cell, version);
    }
    for (const role of required) {
      if (!analysis.sheets.some((s) => s.kind === ROLE_KIND[role])) {
        fail("na", fnText("modelMissingKind", { kind: t(`kind.${ROLE_KIND[role]}`, lang) }));
      }
    }
    return { analysis, live: true, date1904: model.date1904() };
  }

  for (const role of required) {
    if (!given.some((g) => g.role === role)) {
      fail(
        "value",
        fnText("needsSource", {
          kind: t(`kind.${ROLE_KIND[role]}`, lang),
          position: positions[role] ?? "",
        })
      );
    }
  }
  const sheets: SourceSheet[] = given.map((g) => ({
    name: fnText(`role_${g.role}`),
    kind: ROLE_KIND[g.role],
    values: g.grid,
  }));
  // Serial dates in the ranges follow this workbook's date system: 1900 unless the workbook
  // model (same workbook) says 1904.
  const date1904 = sharedRuntime().model.date1904();
  const analysis = analysisOfSources(sheets, todayEpochDay(), date1904);
  sheets.forEach((s, i) => {
    const detection = analysis.sheets[i];
    if (!detection || detection.kind === null) {
      fail(
        "value",
        fnText("noHeader", {
          role: s.name,
          kind: t(`kind.${s.kind}`, lang),
          detail: detection ? format(detection.explanation, lang) : "",
        })
      );
    }
  });
  return { analysis, live: false, date1904 };
}

/* ------------------------------------------------------------------ filters */

export interface Filters {
  community?: unknown;
  from?: unknown;
  to?: unknown;
  category?: unknown;
}

/** A text filter: null/empty → undefined; numbers are read as their text. */
function textArg(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return textArg(v[0]?.[0]);
  const s =
    typeof v === "string"
      ? v.trim()
      : typeof v === "number" || typeof v === "boolean"
        ? String(v)
        : "";
  return s === "" ? undefined : s;
}

/**
 * A date argument as an epoch day: an Excel serial (1900 date system, or 1904 when the model's
 * workbook says so), a Date, a text date the engine reads (2025-03-05, 2025/3/5, 2025年3月5日 …),
 * a year (2025 or "2025年": 1 January for `from`, 31 December for `to`) or a year and month
 * ("2025-03": its first or last day).
 */
export function dateArg(v: unknown, which: "from" | "to", date1904: boolean): number | undefined {
  if (v === null || v === undefined || v === "") return undefined;
  if (Array.isArray(v)) return dateArg(v[0]?.[0], which, date1904);
  const bad = () => fail("value", fnText("badDate", { value: String(v) }));
  if (typeof v === "number" && Number.isInteger(v) && v >= 1900 && v <= 9999) {
    // A year, not a serial: serials 1900–9999 are dates in 1905–1927, which no record holds.
    return yearBound(v, which) ?? bad();
  }
  if (typeof v === "string") {
    const bound = boundOfYearOrMonth(v, which);
    if (bound !== undefined) return bound ?? bad();
  }
  if (typeof v === "boolean") return bad();
  const parsed = parseDate(v, date1904);
  return parsed.ok ? parsed.value : bad();
}

function periodOf(analysis: Analysis, filters: Filters, date1904: boolean): Period {
  const from = dateArg(filters.from, "from", date1904);
  const to = dateArg(filters.to, "to", date1904);
  const period = periodFrom(
    analysis,
    from === undefined ? undefined : isoFromEpochDay(from),
    to === undefined ? undefined : isoFromEpochDay(to)
  );
  return period ?? fail("value", fnText("badPeriod"));
}

/** The period and filter of a call: #N/A for an unknown community. */
function selectionOf(
  resolved: Resolved,
  filters: Filters,
  useCategory: boolean
): { period: Period; filter: Filter } {
  const { analysis } = resolved;
  const period = periodOf(analysis, filters, resolved.date1904);
  const filter: Filter = {};
  const community = textArg(filters.community);
  if (community !== undefined) {
    if (findCommunity(analysis.data, community) === undefined)
      fail("na", fnText("unknownCommunity", { community }));
    filter.community = community;
  }
  const category = useCategory ? textArg(filters.category) : undefined;
  if (category !== undefined) filter.category = category;
  return { period, filter };
}

/** The whole figures of a call (tables, schools). */
function metricsOf(resolved: Resolved, filters: Filters, useCategory = true): Metrics {
  const { period, filter } = selectionOf(resolved, filters, useCategory);
  return figuresOf(resolved.analysis, period, filter);
}

function rateOrFail(r: Rate): number {
  if (isDivByZero(r)) fail("div0");
  return r as number;
}

/* ------------------------------------------------------------------ indicators */

export type Indicator =
  | "participation"
  | "participants"
  | "enrolments"
  | "completion"
  | "excellence"
  | "qualified"
  | "activities"
  | "attendance"
  | "hours";

/** Which source each indicator needs, at which argument position (1-based) it is. */
const INDICATOR_SOURCES: Record<
  Indicator,
  { required: Role[]; positions: Partial<Record<Role, number>> }
> = {
  participation: { required: ["roster", "population"], positions: { roster: 5, population: 6 } },
  participants: { required: ["roster"], positions: { roster: 5 } },
  enrolments: { required: ["roster"], positions: { roster: 5 } },
  completion: { required: ["roster"], positions: { roster: 5 } },
  excellence: { required: ["roster"], positions: { roster: 5 } },
  qualified: { required: ["roster"], positions: { roster: 5 } },
  activities: { required: ["activities"], positions: { activities: 5 } },
  attendance: { required: ["activities"], positions: { activities: 5 } },
  hours: { required: ["activities"], positions: { activities: 5 } },
};

export async function indicator(
  which: Indicator,
  filters: Filters,
  sources: Sources,
  cell?: string
): Promise<number> {
  const spec = INDICATOR_SOURCES[which];
  const resolved = await resolve(sources, spec.required, spec.positions, cell);
  const { period, filter } = selectionOf(resolved, filters, true);
  const o = overallOf(resolved.analysis, period, filter);
  switch (which) {
    case "participation":
      if (textArg(filters.community) !== undefined && o.residents === 0) {
        fail("na", fnText("notInPopulation", { community: textArg(filters.community) ?? "" }));
      }
      return rateOrFail(o.participationRate);
    case "participants":
      return o.participants;
    case "enrolments":
      return o.enrolments;
    case "completion":
      return rateOrFail(o.completionRate);
    case "excellence":
      return rateOrFail(o.excellenceRate);
    case "qualified":
      return rateOrFail(o.qualifiedRate);
    case "activities":
      return o.activities;
    case "attendance":
      return o.attendance;
    case "hours":
      return o.hours;
  }
}

/* ------------------------------------------------------------------ schools */

function sameText(a: string, b: string): boolean {
  const k = (s: string) => normalizeText(s).replace(/\s+/g, "").toLowerCase();
  return k(a) === k(b);
}

export async function schoolRate(
  which: "excellence" | "qualified",
  community: unknown,
  type: unknown,
  schools: unknown,
  cell?: string
): Promise<number> {
  const resolved = await resolve({ schools }, ["schools"], { schools: 3 }, cell);
  const m = metricsOf(resolved, { community }, false);
  const s = m.schools;
  if (!s)
    return fail("na", fnText("modelMissingKind", { kind: t("kind.school", functionsLanguage()) }));
  const wanted = textArg(type);
  let group: Pick<SchoolGroup, "excellenceRate" | "qualifiedRate"> = s;
  if (wanted !== undefined) {
    const found = s.byType.find((g) => sameText(g.type, wanted));
    if (!found) return fail("na", fnText("unknownSchoolType", { type: wanted }));
    group = found;
  }
  return rateOrFail(which === "excellence" ? group.excellenceRate : group.qualifiedRate);
}

/* ------------------------------------------------------------------ tables */

/** A zero-denominator rate in a spilled table: #DIV/0!. */
const divByZeroCell = () => new CustomFunctions.Error(CustomFunctions.ErrorCode.divisionByZero);

export type TableCell = string | number | boolean | CustomFunctions.Error;

/** The summary sheet's community table (core/report), spilled: header, one row per community, totals. */
export async function summaryTable(
  filters: Filters,
  sources: Sources,
  cell?: string
): Promise<TableCell[][]> {
  const lang: Lang = functionsLanguage();
  const resolved = await resolve(sources, [], {}, cell);
  if (
    resolved.live &&
    !resolved.analysis.sheets.some(
      (s) => s.kind === "enrolment" || s.kind === "activity" || s.kind === "population"
    )
  ) {
    fail("na", fnText("modelMissingKind", { kind: t("kind.enrolment", lang) }));
  }
  const m = metricsOf(resolved, filters);
  return spillRows(COMMUNITY_TABLE, m, lang, divByZeroCell);
}

/** At most this many issue rows spill (large spills stay #BUSY!, docs/design/officejs-notes.md §7.2). */
export const MAX_ISSUE_ROWS = 500;

/** The issue table (core/report), spilled: header and one row per issue; ID and phone numbers are masked by the engine. */
export async function issuesTable(
  filters: Filters,
  sources: Sources,
  cell?: string
): Promise<TableCell[][]> {
  const lang: Lang = functionsLanguage();
  const resolved = await resolve(sources, [], {}, cell);
  const m = metricsOf(resolved, filters, false);
  const issues = allIssues(resolved.analysis, m);
  if (issues.length === 0) {
    const [header] = spillRows(ISSUES_TABLE, [], lang, divByZeroCell);
    return [header, header.map((_, i) => (i === header.length - 1 ? fnText("noIssues") : ""))];
  }
  const shown = issues.slice(0, MAX_ISSUE_ROWS);
  const rows: TableCell[][] = spillRows(ISSUES_TABLE, shown, lang, divByZeroCell);
  if (issues.length > shown.length) {
    const more = fnText("tooManyIssues", { count: issues.length - shown.length });
    rows.push(rows[0].map((_, i) => (i === rows[0].length - 1 ? more : "")));
  }
  return rows;
}

/* ------------------------------------------------------------------ RATE */

export function divide(numerator: unknown, denominator: unknown): number {
  const n = typeof numerator === "number" ? numerator : Number.NaN;
  const d = typeof denominator === "number" ? denominator : Number.NaN;
  if (!Number.isFinite(n) || !Number.isFinite(d)) throw new Failure("value", fnText("badNumber"));
  if (d === 0) throw new Failure("div0");
  return n / d;
}
