/**
 * Reads the data rows of every recognised sheet into typed tables and
 * reports each problem as an issue naming the cell as the user sees it.
 *
 * Severity follows docs/data-model.md: an error leaves the row out of the figures, a
 * warning keeps it. Blank rows are skipped silently; total and footer rows
 * are skipped and counted.
 */
import {
  cellText,
  epochDayFromYMD,
  errorLiteral,
  foldWidth,
  isBlank,
  maskId,
  maskPhone,
  monthPrecision,
  normalizeText,
  parseDate,
  parseMonthDay,
  parseMonths,
  parseNumber,
  parsePercent,
  readIdNumber,
  ymdFromEpochDay,
  type IdInfo,
} from "./cells";
import {
  Dict,
  newActivityTable,
  newEnrolmentTable,
  RESULT_CODES,
  STATUS_CODES,
  TEACHER_CODES,
  trimTable,
  type Dataset,
  type PlanItem,
  type PopulationRow,
  type SchoolRow,
} from "./dataset";
import type { DetectedSheet } from "./detect";
import { classifyRow } from "./rows";
import { ENUMS, KINDS, PLANNED_SCHOOL, type FieldSpec, type Level } from "./schema";
import { statedYear } from "./year";
import { cellAddress, headerKey } from "./text";
import type {
  AnyField,
  EpochDay,
  Issue,
  IssueCode,
  Message,
  SheetInput,
  SheetKind,
  Severity,
} from "./types";

export interface ValidateOptions {
  date1904?: boolean;
  /** Dates after this day are errors (bad-date). */
  today: EpochDay;
}

/* ------------------------------------------------------------------ enums */

type EnumName = keyof typeof ENUMS;
type EnumValue<K extends EnumName> = (typeof ENUMS)[K][keyof (typeof ENUMS)[K]];
const ENUM_LOOKUP: { [K in EnumName]: Map<string, EnumValue<K>> } = {
  gender: enumMap("gender"),
  status: enumMap("status"),
  result: enumMap("result"),
  level: enumMap("level"),
  teacherType: enumMap("teacherType"),
};
function enumMap<K extends EnumName>(name: K): Map<string, EnumValue<K>> {
  const table = ENUMS[name] as unknown as Record<string, EnumValue<K>>;
  return new Map(Object.entries(table).map(([k, v]) => [headerKey(k), v]));
}

const asText = (v: unknown) => ({ ok: true as const, value: normalizeText(v) });

/* ------------------------------------------------------------------ communities */

/** Matches community names as written against the population sheet, forgiving a missing 社区/村 suffix. */
export class CommunityResolver {
  private readonly exact = new Map<string, string>();
  private readonly loose = new Map<string, string | null>();

  constructor(names: readonly string[]) {
    for (const name of names) {
      this.exact.set(communityKey(name), name);
      const l = looseCommunityKey(name);
      this.loose.set(l, this.loose.has(l) && this.loose.get(l) !== name ? null : name);
    }
  }

  get size(): number {
    return this.exact.size;
  }

  /** The population sheet's spelling, or undefined for an unknown community. */
  resolve(name: string): string | undefined {
    return (
      this.exact.get(communityKey(name)) ?? this.loose.get(looseCommunityKey(name)) ?? undefined
    );
  }
}

function communityKey(name: string): string {
  return foldWidth(name).replace(/\s+/g, "").toLowerCase();
}
const COMMUNITY_SUFFIX = /(社区居委会|社区居民委员会|居委会|村委会|村民委员会|社区|村|居)$/;
function looseCommunityKey(name: string): string {
  const k = communityKey(name);
  const stripped = k.replace(COMMUNITY_SUFFIX, "");
  return stripped.length > 0 ? stripped : k;
}

/**
 * Bare community names (no 社区/村/居委会 suffix) mapped to the one suffixed spelling that shares
 * their base in the data; a base with two suffixed spellings (东湖社区 and 东湖村) is ambiguous and
 * left alone. Reads only the community column of each sheet.
 */
function dataSpellings(
  sheets: ReadonlyArray<{ sheet: DetectedSheet; input: SheetInput; originCol: number }>
): Map<string, string> {
  const seen = new Set<string>();
  for (const { sheet, input, originCol } of sheets) {
    const col = sheet.columns.community;
    if (col === undefined) continue;
    const values = input.values;
    for (let r = sheet.dataStart; r < values.length; r++) {
      const v = values[r]?.[col - originCol];
      if (typeof v === "string" && v !== "" && !seen.has(v)) seen.add(v);
    }
  }
  const suffixed = new Map<string, string | null>();
  const bare: string[] = [];
  for (const raw of new Set(Array.from(seen, (v) => normalizeText(v)))) {
    if (!raw) continue;
    const loose = looseCommunityKey(raw);
    if (loose === communityKey(raw)) bare.push(raw);
    else suffixed.set(loose, suffixed.has(loose) && suffixed.get(loose) !== raw ? null : raw);
  }
  const out = new Map<string, string>();
  for (const name of bare) {
    const target = suffixed.get(looseCommunityKey(name));
    if (target) out.set(name, target);
  }
  return out;
}

/* ------------------------------------------------------------------ the validator */

interface SheetContext {
  sheet: DetectedSheet;
  input: SheetInput;
  sheetIndex: number;
  originRow: number;
  originCol: number;
  /** The year the sheet states for dates written without one; undefined until first needed. */
  year?: number | null;
  /** Rows whose date has no year while the sheet states none: reported once for the sheet. */
  yearless?: { count: number; r: number; col: number; field: AnyField; raw: unknown };
}

class Collector {
  readonly issues: Issue[] = [];

  add(
    ctx: SheetContext,
    r: number,
    col: number | undefined,
    code: IssueCode,
    severity: Severity,
    field: AnyField | undefined,
    raw: unknown,
    message: Message
  ): void {
    const row = ctx.originRow + r + 1;
    const column = col === undefined ? 0 : ctx.originCol + col + 1;
    // Field names travel qualified by kind so that the message can name the column in the user's words.
    const f = message.params?.field;
    if (typeof f === "string" && !f.includes(".") && ctx.sheet.kind) {
      message = { ...message, params: { ...message.params, field: `${ctx.sheet.kind}.${f}` } };
    }
    this.issues.push({
      code,
      severity,
      sheet: ctx.sheet.name,
      row,
      col: column,
      cell: cellAddress(ctx.sheet.name, row, column),
      field,
      value: displayValue(field, raw),
      message,
    });
  }
}

/** Issue values never show an ID or phone number in full. */
function displayValue(field: AnyField | undefined, raw: unknown): string {
  const text = cellText(raw);
  if (field === "idNumber") return maskId(text);
  if (field === "phone") return maskPhone(text);
  return text;
}

export interface ValidationResult {
  data: Dataset;
  issues: Issue[];
}

type Cells = ReadonlyArray<unknown>;

type Parser<T> = (v: unknown) => { ok: true; value: T } | { ok: false; reason: string };

/** The current row of a sheet, and the typed reading of its fields (see `rowReader`). */
interface RowReader {
  ctx: SheetContext;
  cols: Map<AnyField, number>;
  r: number;
  cells: Cells;
  /** A field of this row was unusable: the row is left out. */
  bad: boolean;
  at(ctx: SheetContext, cols: Map<AnyField, number>, r: number, cells: Cells): void;
  read<T>(field: AnyField, parse: Parser<T>, source?: Cells): T | undefined;
}

/** Column (index into values) of each mapped field of a detected sheet. */
function localColumns(ctx: SheetContext): Map<AnyField, number> {
  const m = new Map<AnyField, number>();
  for (const [field, col] of Object.entries(ctx.sheet.columns) as [AnyField, number][]) {
    m.set(field, col - ctx.originCol);
  }
  return m;
}

export function validate(
  sheets: readonly SheetInput[],
  detected: readonly DetectedSheet[],
  options: ValidateOptions
): ValidationResult {
  const out = new Collector();
  const dicts = {
    person: new Dict(),
    community: new Dict(),
    course: new Dict(),
    category: new Dict(),
    targetGroup: new Dict(),
    teacher: new Dict(),
    title: new Dict(),
  };
  const contexts: Record<SheetKind, SheetContext[]> = {
    enrolment: [],
    activity: [],
    population: [],
    school: [],
    plan: [],
  };
  detected.forEach((sheet, i) => {
    const input = sheets[i];
    if (!sheet.kind || !input) return;
    contexts[sheet.kind].push({
      sheet,
      input,
      sheetIndex: i,
      originRow: input.origin?.row ?? 0,
      originCol: input.origin?.col ?? 0,
    });
  });
  // Hidden sheets are read after the visible ones, so that a hidden backup copy's rows are the
  // repeats and the visible sheet's rows the originals, whatever the tabs' order.
  for (const list of Object.values(contexts))
    list.sort((a, b) => Number(a.sheet.hidden) - Number(b.sheet.hidden));
  const sheetNames = sheets.map((s) => s.name);
  const date1904 = options.date1904 ?? false;
  const today = options.today;

  /** Reads one typed field; reports and returns undefined when it is unusable. */
  const readField = <T>(
    ctx: SheetContext,
    r: number,
    spec: FieldSpec,
    col: number | undefined,
    cells: Cells,
    parse: (v: unknown) => { ok: true; value: T } | { ok: false; reason: string },
    state: { bad: boolean }
  ): T | undefined => {
    if (col === undefined) return undefined;
    const raw = cells[col];
    const err = errorLiteral(raw);
    if (err !== null) {
      const severity: Severity =
        spec.required || spec.type === "date" || spec.type === "int" || spec.type === "number"
          ? "error"
          : "warning";
      if (severity === "error") state.bad = true;
      out.add(ctx, r, col, "error-value", severity, spec.field, raw, {
        key: "issue.errorValue",
        params: { value: err, field: spec.field },
      });
      return undefined;
    }
    if (isBlank(raw)) {
      if (spec.required) {
        state.bad = true;
        out.add(ctx, r, col, "missing-required", "error", spec.field, raw, {
          key: "issue.missingRequired",
          params: { field: spec.field },
        });
      }
      return undefined;
    }
    const p = parse(raw);
    if (p.ok) return p.value;
    state.bad = true;
    if (p.reason === NO_YEAR.reason) {
      // Reported once for the sheet (see `each`), not once per row.
      const y = (ctx.yearless ??= { count: 0, r, col, field: spec.field, raw });
      y.count++;
      return undefined;
    }
    const code: IssueCode =
      spec.type === "date" ? "bad-date" : spec.type === "month" ? "bad-month" : "bad-number";
    out.add(ctx, r, col, code, "error", spec.field, raw, {
      key: `issue.${code === "bad-date" ? "badDate" : code === "bad-month" ? "badMonth" : "badNumber"}`,
      params: { field: spec.field, min: spec.min ?? "", max: spec.max ?? "" },
    });
    return undefined;
  };

  /**
   * One row's typed fields: `reader.at(ctx, cols, r, cells)`, then `read("community", asText)`;
   * `reader.bad` says whether a field made the row unusable. One reader serves every row of a kind,
   * so the hot loops allocate nothing for it.
   */
  const rowReader = (f: (field: AnyField) => FieldSpec): RowReader => {
    const reader: RowReader = {
      ctx: undefined as unknown as SheetContext,
      cols: new Map<AnyField, number>(),
      r: 0,
      cells: [],
      bad: false,
      at(ctx, cols, r, cells) {
        reader.ctx = ctx;
        reader.cols = cols;
        reader.r = r;
        reader.cells = cells;
        reader.bad = false;
      },
      read(field, parse, source = reader.cells) {
        return readField(
          reader.ctx,
          reader.r,
          f(field),
          reader.cols.get(field),
          source,
          parse,
          reader
        );
      },
    };
    return reader;
  };

  const numberIn = (spec: FieldSpec, integer: boolean) => (v: unknown) => {
    const p = parseNumber(v);
    if (!p.ok) return p;
    const n = p.value;
    if (integer && !Number.isInteger(n)) return { ok: false as const, reason: "range" };
    if (spec.min !== undefined && (spec.minExclusive ? n <= spec.min : n < spec.min))
      return { ok: false as const, reason: "range" };
    if (spec.max !== undefined && n > spec.max) return { ok: false as const, reason: "range" };
    return p;
  };
  const MIN_DAY = -25567; // 1900-01-01
  const dateIn = (v: unknown) => {
    const p = parseDate(v, date1904);
    if (!p.ok) return p;
    if (p.value < MIN_DAY || p.value > today) return { ok: false as const, reason: "range" };
    return p;
  };
  /** The sheet whose rows are being read, for the year of dates written without one. */
  let current: SheetContext | null = null;
  /** An enrolment's or activity's date: `3月5日` takes the year the sheet states. */
  const eventDateIn = (v: unknown) => {
    const p = dateIn(v);
    if (p.ok || p.reason !== "unreadable" || current === null) return p;
    const md = parseMonthDay(v);
    if (md === null) return p;
    if (current.year === undefined) current.year = statedYear(current.input, current.sheet);
    if (current.year === null) return NO_YEAR;
    const day = epochDayFromYMD(current.year, md.m, md.d);
    if (day === null) return p;
    return day < MIN_DAY || day > today
      ? { ok: false as const, reason: "range" }
      : { ok: true as const, value: day };
  };

  const readText = (cells: Cells, col: number | undefined): string =>
    col === undefined ? "" : normalizeText(cells[col]);

  const enumMemo: { [K in EnumName]: Map<unknown, unknown> } = {
    gender: new Map(),
    status: new Map(),
    result: new Map(),
    level: new Map(),
    teacherType: new Map(),
  };
  const readEnum = <K extends EnumName>(
    ctx: SheetContext,
    r: number,
    name: K,
    field: AnyField,
    col: number | undefined,
    cells: Cells
  ): EnumValue<K> | null => {
    if (col === undefined) return null;
    const raw = cells[col];
    if (isBlank(raw)) return null;
    const err = errorLiteral(raw);
    let value: EnumValue<K> | undefined;
    if (err === null) {
      const memo = enumMemo[name] as Map<unknown, EnumValue<K> | undefined>;
      if (memo.has(raw)) value = memo.get(raw);
      else {
        value = ENUM_LOOKUP[name].get(headerKey(normalizeText(raw)));
        if (typeof raw === "string" && memo.size < 4096) memo.set(raw, value);
      }
    }
    if (value === undefined) {
      out.add(ctx, r, col, err === null ? "bad-enum" : "error-value", "warning", field, raw, {
        key: err === null ? "issue.badEnum" : "issue.errorValue",
        params: { field, value: err ?? cellText(raw) },
      });
      return null;
    }
    return value;
  };

  /** Calls `fn` on each data row of the sheets of `kind`, with the row reader aimed at that row. */
  const each = (
    kind: SheetKind,
    fn: (
      ctx: SheetContext,
      cols: Map<AnyField, number>,
      r: number,
      cells: Cells,
      reader: RowReader
    ) => void
  ) => {
    const reader = rowReader(spec(kind));
    for (const ctx of contexts[kind]) {
      current = ctx;
      const cols = localColumns(ctx);
      const mapped = Array.from(cols.values());
      const values = ctx.input.values;
      let dataRows = 0;
      let skipped = 0;
      for (let r = ctx.sheet.dataStart; r < values.length; r++) {
        const cells = values[r];
        const cls = classifyRow(cells, mapped);
        if (cls === "blank") continue;
        if (cls !== "data") {
          skipped++;
          continue;
        }
        dataRows++;
        const row = cells ?? [];
        reader.at(ctx, cols, r, row);
        fn(ctx, cols, r, row, reader);
      }
      ctx.sheet.dataRows = dataRows;
      ctx.sheet.skippedRows = skipped;
      const y = ctx.yearless;
      if (y) {
        out.add(ctx, y.r, y.col, "date-without-year", "error", y.field, y.raw, {
          key: "issue.dateWithoutYear",
          params: { count: y.count, field: y.field, value: cellText(y.raw) },
        });
      }
    }
    current = null;
  };

  const spec = <K extends SheetKind>(kind: K) => {
    const m = new Map<AnyField, FieldSpec>();
    for (const f of KINDS[kind].fields as readonly FieldSpec[]) m.set(f.field, f);
    return (field: AnyField): FieldSpec => m.get(field) as FieldSpec;
  };

  /* ---------------- population (first: other sheets are checked against it) */
  let population: PopulationRow[] | null = null;
  if (contexts.population.length > 0) {
    const f = spec("population");
    const byCommunity = new Map<number, PopulationRow>();
    each("population", (ctx, cols, r, cells, reader) => {
      const read = reader.read;
      const name = read("community", asText);
      const residents = read("residents", numberIn(f("residents"), true));
      const households = read("households", numberIn(f("households"), true));
      const target = read("target", parsePercent);
      if (reader.bad || name === undefined || residents === undefined) return;
      const id = dicts.community.id(name);
      const row: PopulationRow = {
        community: id,
        residents,
        households: households ?? null,
        target: target ?? null,
        sheet: ctx.sheet.name,
        row: ctx.originRow + r + 1,
        col: ctx.originCol + (cols.get("residents") ?? 0) + 1,
      };
      const prev = byCommunity.get(id);
      if (prev) {
        out.add(
          ctx,
          r,
          cols.get("community"),
          "duplicate-community",
          "warning",
          "community",
          name,
          {
            key: "issue.duplicateCommunity",
            params: { community: name },
          }
        );
        // Keep the larger figure whatever the row order, so the result does not depend on sorting.
        if (
          row.residents > prev.residents ||
          (row.residents === prev.residents && (row.target ?? -1) > (prev.target ?? -1))
        ) {
          byCommunity.set(id, { ...row, households: row.households ?? prev.households });
        }
      } else {
        byCommunity.set(id, row);
      }
    });
    population = Array.from(byCommunity.values());
  }
  const resolver = new CommunityResolver(
    population ? population.map((p) => dicts.community.values[p.community]) : []
  );

  // Without a population sheet the data's own spellings are the list: a bare 金阳 is the 金阳村
  // written elsewhere, so that a figure never depends on which source lists the communities.
  const spellings = population
    ? new Map<string, string>()
    : dataSpellings([...contexts.enrolment, ...contexts.activity]);

  /** Canonical community id; warns when the population sheet does not list it. */
  const resolved = new Map<string, string | undefined>();
  const communityOf = (
    ctx: SheetContext,
    r: number,
    col: number | undefined,
    name: string
  ): number => {
    if (!population) return dicts.community.id(spellings.get(name) ?? name);
    let canonical = resolved.get(name);
    if (canonical === undefined && !resolved.has(name)) {
      canonical = resolver.resolve(name);
      if (resolved.size < 65536) resolved.set(name, canonical);
    }
    if (canonical !== undefined) return dicts.community.id(canonical);
    out.add(ctx, r, col, "unknown-community", "warning", "community", name, {
      key: "issue.unknownCommunity",
      params: { community: name },
    });
    return dicts.community.id(name);
  };

  /* ---------------- schools */
  let schools: SchoolRow[] | null = null;
  if (contexts.school.length > 0) {
    const byName = new Map<string, SchoolRow>();
    const rank = (l: Level | null) =>
      l === "excellent" ? 3 : l === "qualified" ? 2 : l === "unqualified" ? 1 : 0;
    each("school", (ctx, cols, r, cells, reader) => {
      const read = reader.read;
      const name = read("name", asText);
      const levelCol = cols.get("level");
      const levelRaw = levelCol === undefined ? undefined : cells[levelCol];
      const levelError = errorLiteral(levelRaw);
      if (levelError !== null) {
        // The rating is a required field: an Excel error there leaves the row out.
        reader.bad = true;
        out.add(ctx, r, levelCol, "error-value", "error", "level", levelRaw, {
          key: "issue.errorValue",
          params: { value: levelError, field: "level" },
        });
        return;
      }
      // A school being planned (计划创建, 筹建, 待评估 …) is not a school yet.
      const plannedCol = plannedColumn(cells, levelCol);
      if (plannedCol >= 0) {
        out.add(ctx, r, plannedCol, "planned-school", "info", "level", cells[plannedCol], {
          key: "issue.plannedSchool",
          params: { school: name ?? "", value: cellText(cells[plannedCol]) },
        });
        return;
      }
      if (levelCol !== undefined && isBlank(levelRaw)) {
        out.add(ctx, r, levelCol, "unrated-school", "warning", "level", "", {
          key: "issue.unratedSchool",
          params: {},
        });
      }
      const level = readEnum(ctx, r, "level", "level", levelCol, cells);
      if (reader.bad || name === undefined) return;
      const communityText = readText(cells, cols.get("community"));
      const row: SchoolRow = {
        name,
        level,
        community: communityText
          ? dicts.community.id(resolver.resolve(communityText) ?? communityText)
          : -1,
        type: readText(cells, cols.get("type")),
      };
      const key = name.replace(/\s+/g, "");
      const prev = byName.get(key);
      if (prev) {
        out.add(ctx, r, cols.get("name"), "duplicate-school", "warning", "name", name, {
          key: "issue.duplicateSchool",
          params: { school: name },
        });
        if (
          rank(row.level) > rank(prev.level) ||
          (rank(row.level) === rank(prev.level) && row.type < prev.type)
        )
          byName.set(key, row);
      } else {
        byName.set(key, row);
      }
    });
    schools = Array.from(byName.values());
  }

  /* ---------------- plan */
  let plan: PlanItem[] | null = null;
  if (contexts.plan.length > 0) {
    const f = spec("plan");
    plan = [];
    const items = plan;
    // A month cell merged over several plan rows arrives only in its first row: carry it down.
    each("plan", (ctx, cols, r, cells, reader) => {
      const read = reader.read;
      const monthCol = cols.get("month");
      let monthRaw = monthCol === undefined ? undefined : cells[monthCol];
      if (isBlank(monthRaw) && monthCol !== undefined) {
        for (let up = r - 1; up >= ctx.sheet.dataStart; up--) {
          const above = ctx.input.values[up]?.[monthCol];
          if (!isBlank(above)) {
            monthRaw = above;
            break;
          }
        }
      }
      const filled =
        monthCol === undefined ? cells : cells.map((c, i) => (i === monthCol ? monthRaw : c));
      const months = readField(
        ctx,
        r,
        f("month"),
        monthCol,
        filled,
        (v) => {
          const m = parseMonths(v, date1904);
          return m ? { ok: true, value: m } : { ok: false, reason: "unreadable" };
        },
        reader
      );
      const item = read("item", asText);
      const sessions = read("sessions", numberIn(f("sessions"), true));
      if (reader.bad || !months || item === undefined) return;
      items.push({
        monthText: months.text,
        months: months.months,
        year: months.year,
        item,
        category: readText(cells, cols.get("category")),
        sessions: sessions ?? 1,
      });
    });
  }

  /* ---------------- enrolments */
  let totalEnrolRows = 0;
  for (const ctx of contexts.enrolment)
    totalEnrolRows += Math.max(0, ctx.input.values.length - ctx.sheet.dataStart);
  const enrol = newEnrolmentTable(totalEnrolRows);
  let latest: EpochDay | null = null;
  let earliest: EpochDay | null = null;
  const seeDate = (d: EpochDay) => {
    if (latest === null || d > latest) latest = d;
    if (earliest === null || d < earliest) earliest = d;
  };
  if (contexts.enrolment.length > 0) {
    const f = spec("enrolment");
    const idPeople = new Map<string, { name: string; person: number }>();
    /** People whose ID number is written with more than one name. */
    const conflicted = new Set<number>();
    const pairHead: number[] = [];
    const pairNext: number[] = [];
    const pairCourse: number[] = [];
    const pairSheet: number[] = [];
    /** The sheet where (person, course) was first seen, or -1 when it is new (and now recorded). */
    const seenPair = (person: number, course: number, sheet: number): number => {
      while (pairHead.length <= person) pairHead.push(-1);
      for (let s = pairHead[person]; s !== -1; s = pairNext[s])
        if (pairCourse[s] === course) return pairSheet[s];
      pairCourse.push(course);
      pairSheet.push(sheet);
      pairNext.push(pairHead[person]);
      pairHead[person] = pairCourse.length - 1;
      return -1;
    };
    /** Each duplicate-enrolment issue: its index in the issues, the sheets of its two rows. */
    const duplicates: Duplicate[] = [];
    const ageIn = numberIn(f("age"), true);
    const scoreIn = numberIn(f("score"), false);
    each("enrolment", (ctx, cols, r, cells, reader) => {
      const read = reader.read;
      const name = read("name", asText);
      const communityText = read("community", asText);
      const course = read("course", asText);
      const date = read("enrolDate", eventDateIn);
      const birth = read("birthDate", dateIn);
      const age = read("age", ageIn);
      read("score", scoreIn);
      const gender = readEnum(ctx, r, "gender", "gender", cols.get("gender"), cells);
      const status = readEnum(ctx, r, "status", "status", cols.get("status"), cells);
      const result = readEnum(ctx, r, "result", "result", cols.get("result"), cells);

      // ID number: checked, never shown in full.
      const idCol = cols.get("idNumber");
      let id: IdInfo | null = null;
      if (idCol !== undefined) {
        const raw = cells[idCol];
        const err = errorLiteral(raw);
        if (err !== null) {
          out.add(ctx, r, idCol, "error-value", "warning", "idNumber", raw, {
            key: "issue.errorValue",
            params: { value: err, field: "idNumber" },
          });
        } else {
          id = readIdNumber(raw);
          if (id?.kind === "precision-lost") {
            out.add(ctx, r, idCol, "id-precision-lost", "warning", "idNumber", raw, {
              key: "issue.idPrecisionLost",
              params: {},
            });
          } else if (id?.kind === "prc18" && (!id.checkDigitOk || !id.birth)) {
            out.add(ctx, r, idCol, "bad-id-number", "warning", "idNumber", raw, {
              key: id.birth ? "issue.badIdCheckDigit" : "issue.badIdBirth",
              params: {},
            });
          }
        }
      }
      if (
        reader.bad ||
        name === undefined ||
        communityText === undefined ||
        course === undefined ||
        date === undefined
      )
        return;

      // Cross-checks against the ID number.
      if (id && (id.kind === "prc18" || id.kind === "prc15") && id.birth) {
        if (
          birth !== undefined &&
          !sameBirth(birth, id.birth, cells[cols.get("birthDate") ?? 0], ctx)
        ) {
          out.add(
            ctx,
            r,
            cols.get("birthDate"),
            "age-mismatch",
            "warning",
            "birthDate",
            cells[cols.get("birthDate") ?? 0],
            {
              key: "issue.birthMismatch",
              params: {},
            }
          );
        }
        if (age !== undefined) {
          const expected = ageAt(id.birth, date);
          if (Math.abs(expected - age) > 1) {
            out.add(ctx, r, cols.get("age"), "age-mismatch", "warning", "age", age, {
              key: "issue.ageMismatch",
              params: { expected },
            });
          }
        }
        if (gender && id.gender && gender !== id.gender) {
          out.add(
            ctx,
            r,
            cols.get("gender"),
            "gender-mismatch",
            "warning",
            "gender",
            cells[cols.get("gender") ?? 0],
            {
              key: "issue.genderMismatch",
              params: {},
            }
          );
        }
      }

      const community = communityOf(ctx, r, cols.get("community"), communityText);
      const nameKey = name.replace(/\s+/g, "").toLowerCase();
      const usableId = id !== null && id.kind !== "precision-lost" && id.key.length > 0;
      let person: number;
      if (usableId && id) {
        // One lookup per row serves both the identity and the one-ID-two-names check.
        const known = idPeople.get(id.key);
        if (known === undefined) {
          person = dicts.person.fresh(`I:${id.key}`);
          idPeople.set(id.key, { name: nameKey, person });
        } else {
          person = known.person;
          if (known.name !== nameKey) conflicted.add(person);
        }
      } else {
        person = dicts.person.id(`N:${nameKey}\u0001${dicts.community.values[community]}`);
      }
      const courseId = dicts.course.id(course);
      const firstSheet = seenPair(person, courseId, ctx.sheetIndex);
      if (firstSheet >= 0) {
        duplicates.push({ issue: out.issues.length, first: firstSheet, then: ctx.sheetIndex });
        out.add(ctx, r, cols.get("course"), "duplicate-enrolment", "warning", "course", course, {
          key: "issue.duplicateEnrolment",
          params: {},
        });
      }

      const i = enrol.length++;
      enrol.sheet[i] = ctx.sheetIndex;
      enrol.row[i] = ctx.originRow + r + 1;
      enrol.person[i] = person;
      enrol.community[i] = community;
      enrol.course[i] = courseId;
      enrol.date[i] = date;
      const category = readText(cells, cols.get("category"));
      enrol.category[i] = category ? dicts.category.id(category) : -1;
      const group = readText(cells, cols.get("targetGroup"));
      enrol.targetGroup[i] = group ? dicts.targetGroup.id(group) : -1;
      enrol.status[i] = STATUS_CODES.indexOf(status);
      enrol.result[i] = RESULT_CODES.indexOf(result);
      seeDate(date);
    });
    nameHiddenCopies(out, contexts.enrolment, duplicates);
    // Every row of a conflicting ID is marked, not only those after the first spelling: which name
    // is right is for staff to say, and the marks must not depend on how the roster is sorted.
    if (conflicted.size > 0) {
      const bySheet = new Map(
        contexts.enrolment.map((ctx) => [
          ctx.sheetIndex,
          { ctx, col: localColumns(ctx).get("name") },
        ])
      );
      for (let i = 0; i < enrol.length; i++) {
        if (!conflicted.has(enrol.person[i])) continue;
        const { ctx, col } = bySheet.get(enrol.sheet[i]) as {
          ctx: SheetContext;
          col: number | undefined;
        };
        const r = enrol.row[i] - ctx.originRow - 1;
        out.add(
          ctx,
          r,
          col,
          "id-name-conflict",
          "warning",
          "name",
          ctx.input.values[r]?.[col ?? -1],
          {
            key: "issue.idNameConflict",
            params: {},
          }
        );
      }
    }
  }

  /* ---------------- activities */
  let totalActRows = 0;
  for (const ctx of contexts.activity)
    totalActRows += Math.max(0, ctx.input.values.length - ctx.sheet.dataStart);
  const act = newActivityTable(totalActRows);
  if (contexts.activity.length > 0) {
    const f = spec("activity");
    const participantsIn = numberIn(f("participants"), true);
    const hoursIn = numberIn(f("hours"), false);
    each("activity", (ctx, cols, r, cells, reader) => {
      const read = reader.read;
      const date = read("date", eventDateIn);
      const communityText = read("community", asText);
      const title = read("title", asText);
      const participants = read("participants", participantsIn);
      const hours = read("hours", hoursIn);
      const teacherType = readEnum(
        ctx,
        r,
        "teacherType",
        "teacherType",
        cols.get("teacherType"),
        cells
      );
      if (
        reader.bad ||
        date === undefined ||
        communityText === undefined ||
        title === undefined ||
        participants === undefined
      )
        return;
      const i = act.length++;
      act.sheet[i] = ctx.sheetIndex;
      act.row[i] = ctx.originRow + r + 1;
      act.date[i] = date;
      act.community[i] = communityOf(ctx, r, cols.get("community"), communityText);
      act.title[i] = dicts.title.id(title);
      const category = readText(cells, cols.get("category"));
      act.category[i] = category ? dicts.category.id(category) : -1;
      const group = readText(cells, cols.get("targetGroup"));
      act.targetGroup[i] = group ? dicts.targetGroup.id(group) : -1;
      const teacher = readText(cells, cols.get("teacher"));
      act.teacher[i] = teacher ? dicts.teacher.id(teacher) : -1;
      act.teacherType[i] = TEACHER_CODES.indexOf(teacherType);
      act.participants[i] = participants;
      act.hours[i] = hours ?? 0;
      seeDate(date);
    });
  }

  /* ---------------- sheet-level notes */
  for (const sheet of detected) {
    if (!sheet.kind && sheet.explanation.key.startsWith("detect.summary")) {
      out.issues.push({
        code: "summary-sheet",
        severity: "info",
        sheet: sheet.name,
        row: 0,
        col: 0,
        cell: cellAddress(sheet.name, 0, 0),
        value: "",
        message: sheet.explanation,
      });
    }
    if (!sheet.kind && sheet.explanation.key === "detect.partial") {
      out.issues.push({
        code: "no-header",
        severity: "warning",
        sheet: sheet.name,
        row: sheet.headerRow,
        col: 0,
        cell: cellAddress(sheet.name, 0, 0),
        value: "",
        message: { key: "issue.partialSheet", params: sheet.explanation.params ?? {} },
      });
    }
  }
  const hasKind = (k: SheetKind) => contexts[k].length > 0;
  if (hasKind("enrolment") && !hasKind("population")) {
    out.issues.push(workbookIssue("missing-kind", { key: "issue.noPopulation", params: {} }));
  }

  return {
    data: {
      sheetNames,
      dateColumns: detected.map((d) => {
        const col =
          d.kind === "enrolment"
            ? d.columns.enrolDate
            : d.kind === "activity"
              ? d.columns.date
              : undefined;
        return col === undefined ? 0 : col + 1;
      }),
      dicts,
      enrolments: trimTable(enrol),
      activities: trimTable(act),
      population,
      schools,
      plan,
      latestDate: latest,
      earliestDate: earliest,
    },
    issues: out.issues,
  };
}

interface Duplicate {
  issue: number;
  first: number;
  then: number;
}

/**
 * A hidden roster whose rows mostly repeat a visible one (a backup copy, "报名数据导出 (2)") is
 * named once, in place of one duplicate-enrolment warning per repeated row. Figures are unchanged:
 * duplicates count once either way.
 */
function nameHiddenCopies(
  out: Collector,
  sheets: readonly SheetContext[],
  duplicates: readonly Duplicate[]
): void {
  const byIndex = new Map(sheets.map((ctx) => [ctx.sheetIndex, ctx]));
  const drop = new Set<number>();
  for (const hidden of sheets) {
    if (!hidden.sheet.hidden) continue;
    const shared = new Map<number, number[]>();
    for (const d of duplicates) {
      const other =
        d.first === hidden.sheetIndex ? d.then : d.then === hidden.sheetIndex ? d.first : -1;
      if (other < 0 || other === hidden.sheetIndex || byIndex.get(other)?.sheet.hidden !== false)
        continue;
      const list = shared.get(other);
      if (list) list.push(d.issue);
      else shared.set(other, [d.issue]);
    }
    let original: SheetContext | undefined;
    let issues: number[] = [];
    for (const [index, list] of shared) {
      if (list.length > issues.length) {
        original = byIndex.get(index);
        issues = list;
      }
    }
    if (!original || issues.length * 2 < hidden.sheet.dataRows) continue;
    for (const i of issues) drop.add(i);
    out.issues.push({
      code: "hidden-copy",
      severity: "warning",
      sheet: hidden.sheet.name,
      row: 0,
      col: 0,
      cell: cellAddress(hidden.sheet.name, 0, 0),
      value: "",
      message: {
        key: "issue.hiddenCopy",
        params: { sheet: hidden.sheet.name, original: original.sheet.name, count: issues.length },
      },
    });
  }
  if (drop.size === 0) return;
  let k = 0;
  for (let i = 0; i < out.issues.length; i++) if (!drop.has(i)) out.issues[k++] = out.issues[i];
  out.issues.length = k;
}

/**
 * The column of a school row that says the school is only planned: its rating cell (计划创建,
 * 待评估), or, when the rating is blank, any text cell of the row (名称 …（筹建）, 备注); -1 if none.
 */
function plannedColumn(cells: Cells, levelCol: number | undefined): number {
  const levelRaw = levelCol === undefined ? undefined : cells[levelCol];
  if (typeof levelRaw === "string" && !isBlank(levelRaw))
    return PLANNED_SCHOOL.test(levelRaw) ? (levelCol as number) : -1;
  for (let c = 0; c < cells.length; c++) {
    const v = cells[c];
    if (typeof v === "string" && PLANNED_SCHOOL.test(v)) return c;
  }
  return -1;
}

/** A date written without a year in a sheet that states none (see `statedYear`). */
const NO_YEAR = Object.freeze({ ok: false as const, reason: "noYear" });

/**
 * Whether a birth date agrees with the one inside the ID. A 出生年月 column, or a cell written to
 * the month (1997年06月, 1997.06), agrees with any day of that month.
 */
function sameBirth(
  birth: EpochDay,
  idBirth: EpochDay,
  raw: unknown,
  ctx: { sheet: DetectedSheet }
): boolean {
  if (birth === idBirth) return true;
  const byMonth =
    monthPrecision(raw) || headerKey(ctx.sheet.headers.birthDate ?? "") === BIRTH_MONTH_KEY;
  if (!byMonth) return false;
  const a = ymdFromEpochDay(birth);
  const b = ymdFromEpochDay(idBirth);
  return a.y === b.y && a.m === b.m;
}
const BIRTH_MONTH_KEY = headerKey("出生年月");

function workbookIssue(code: IssueCode, message: Message): Issue {
  return { code, severity: "info", sheet: "", row: 0, col: 0, cell: "", value: "", message };
}

/** Whole years from birth to a day. */
export function ageAt(birth: EpochDay, day: EpochDay): number {
  const b = ymdFromEpochDay(birth);
  const d = ymdFromEpochDay(day);
  let age = d.y - b.y;
  if (d.m < b.m || (d.m === b.m && d.d < b.d)) age--;
  return age;
}
