/**
 * The indicators of docs/data-model.md over a period and an optional filter.
 *
 * Every figure is order-independent: when one person is enrolled twice in a
 * course, the pair counts once, with its most advanced status and best
 * result, and is filed under the attributes of its earliest row (ties broken
 * by the text of the attributes, never by row order).
 */
import { isoFromEpochDay, ymdFromEpochDay } from "./cells";
import { monthPeriod, yearAround, yearOf } from "./period";
import { RESULT_CODES, STATUS_CODES, TEACHER_CODES, type Dataset } from "./dataset";
import { rate, isDivByZero } from "./rate";
import { DEFAULT_TARGET } from "./schema";
import { cellAddress, headerKey } from "./text";
import { CommunityResolver } from "./validate";
import type {
  CommunityRow,
  Counts,
  EpochDay,
  Filter,
  GroupRow,
  Issue,
  LearnerRates,
  Metrics,
  MonthRow,
  Overall,
  Period,
  PlanStats,
  SchoolGroup,
  SchoolStats,
  TeacherMonthRow,
  TeacherRow,
  TeacherStats,
  TeacherType,
} from "./types";

const COMPLETED = STATUS_CODES.indexOf("completed");
const R_EXCELLENT = RESULT_CODES.indexOf("excellent");
const R_GOOD = RESULT_CODES.indexOf("good");
const R_PASS = RESULT_CODES.indexOf("pass");
/** Best result first: excellent(1) > good(2) > pass(3) > fail(4) > none(0). */
const RESULT_RANK = [0, 4, 3, 2, 1];
/** Most advanced status: completed(2) > withdrawn(3) > enrolled(1) > none(0). */
const STATUS_RANK = [0, 1, 3, 2];

function zeroCounts(): Counts {
  return { participants: 0, enrolments: 0, activities: 0, attendance: 0, hours: 0 };
}

interface LearnerTally {
  completed: number;
  withStatus: number;
  excellent: number;
  qualified: number;
  withResult: number;
}
function zeroTally(): LearnerTally {
  return { completed: 0, withStatus: 0, excellent: 0, qualified: 0, withResult: 0 };
}
function learnerRates(t: LearnerTally): LearnerRates {
  return {
    ...t,
    completionRate: rate(t.completed, t.withStatus),
    excellenceRate: rate(t.excellent, t.withResult),
    qualifiedRate: rate(t.qualified, t.withResult),
  };
}

/** Month index (year * 12 + month - 1) of a day. */
function monthIndex(day: EpochDay): number {
  const { y, m } = ymdFromEpochDay(day);
  return y * 12 + m - 1;
}
function monthLabel(index: number): string {
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${y}-${m < 10 ? "0" : ""}${m}`;
}

const collator = new Intl.Collator("zh-CN");

/** The default reporting period: the calendar year of the latest date in the data (or of today). */
export function defaultPeriod(data: Dataset, today: EpochDay): Period {
  return yearAround(data.latestDate ?? today);
}

/** Resolves a community as a user typed it (forgiving a missing suffix); undefined when there is no such community. */
export function findCommunity(data: Dataset, name: string): number | undefined {
  const names = data.population
    ? data.population.map((p) => data.dicts.community.values[p.community])
    : data.dicts.community.values;
  const canonical = new CommunityResolver(names).resolve(name);
  if (canonical !== undefined) return data.dicts.community.find(canonical);
  // Communities outside the population sheet are still in the data and may be asked for.
  const key = headerKey(name);
  const values = data.dicts.community.values;
  for (let i = 0; i < values.length; i++) if (headerKey(values[i]) === key) return i;
  return undefined;
}

function findText(values: readonly string[], name: string): number {
  const key = headerKey(name);
  for (let i = 0; i < values.length; i++) if (headerKey(values[i]) === key) return i;
  return -2; // matches nothing (−1 means "not stated")
}

export interface MetricsOptions {
  period: Period;
  filter?: Filter;
}

export function computeMetrics(data: Dataset, options: MetricsOptions): Metrics {
  const { period } = options;
  const filter = options.filter ?? {};
  const { dicts } = data;
  const nCommunities = dicts.community.size;
  const nCategories = dicts.category.size + 1; // slot 0 = not stated
  const nGroups = dicts.targetGroup.size + 1;

  const fCommunity =
    filter.community !== undefined && filter.community !== ""
      ? (findCommunity(data, filter.community) ?? -2)
      : -1;
  const fCategory = filter.category ? findText(dicts.category.values, filter.category) : -1;
  const fGroup = filter.targetGroup ? findText(dicts.targetGroup.values, filter.targetGroup) : -1;

  const popByCommunity = new Map<number, number>();
  for (const p of data.population ?? []) popByCommunity.set(p.community, p.residents);
  const known = new Uint8Array(nCommunities);
  for (const c of popByCommunity.keys()) known[c] = 1;

  const firstMonth = monthIndex(period.from);
  const nMonths = Math.max(0, monthIndex(period.to) - firstMonth + 1);

  const outOfPeriod = new Map<number, { count: number; row: number }>();
  const noteOutOfPeriod = (sheet: number, row: number) => {
    const o = outOfPeriod.get(sheet);
    if (!o) outOfPeriod.set(sheet, { count: 1, row });
    else {
      o.count++;
      if (row < o.row) o.row = row;
    }
  };

  /* ------------------------------------------------ enrolments: pick one representative row per (person, course) */
  const e = data.enrolments;
  // One slot per (person, course) pair, found through a per-person list: no Map keyed by doubles.
  const nPeople0 = dicts.person.size;
  const head = new Int32Array(nPeople0).fill(-1);
  const slotNext = new Int32Array(e.length);
  const slotRep = new Int32Array(e.length);
  const slotStatus = new Int8Array(e.length);
  const slotResult = new Int8Array(e.length);
  let slots = 0;
  const attrText = (i: number) =>
    `${dicts.community.values[e.community[i]]}\u0001${e.category[i] < 0 ? "" : dicts.category.values[e.category[i]]}\u0001${
      e.targetGroup[i] < 0 ? "" : dicts.targetGroup.values[e.targetGroup[i]]
    }`;
  for (let i = 0; i < e.length; i++) {
    const d = e.date[i];
    if (d < period.from || d > period.to) {
      noteOutOfPeriod(e.sheet[i], e.row[i]);
      continue;
    }
    if (fCommunity !== -1 && e.community[i] !== fCommunity) continue;
    if (fCategory !== -1 && e.category[i] !== fCategory) continue;
    if (fGroup !== -1 && e.targetGroup[i] !== fGroup) continue;
    const person = e.person[i];
    const course = e.course[i];
    let slot = head[person];
    while (slot !== -1 && e.course[slotRep[slot]] !== course) slot = slotNext[slot];
    if (slot === -1) {
      slot = slots++;
      slotRep[slot] = i;
      slotStatus[slot] = e.status[i];
      slotResult[slot] = e.result[i];
      slotNext[slot] = head[person];
      head[person] = slot;
      continue;
    }
    const rep = slotRep[slot];
    if (d < e.date[rep] || (d === e.date[rep] && attrText(i) < attrText(rep))) slotRep[slot] = i;
    if (STATUS_RANK[e.status[i]] > STATUS_RANK[slotStatus[slot]]) slotStatus[slot] = e.status[i];
    if (RESULT_RANK[e.result[i]] > RESULT_RANK[slotResult[slot]]) slotResult[slot] = e.result[i];
  }
  const monthOf = new Int32Array(Math.max(0, period.to - period.from + 1));
  for (let d = period.from, k = 0; d <= period.to; d++, k++)
    monthOf[k] = monthIndex(d) - firstMonth;

  const overall = { ...zeroCounts(), ...zeroTally(), participantsKnown: 0 };
  const byCommunity = Array.from({ length: nCommunities }, zeroCounts);
  const byCategory = Array.from({ length: nCategories }, () => ({
    ...zeroCounts(),
    ...zeroTally(),
  }));
  const byGroup = Array.from({ length: nGroups }, () => ({ ...zeroCounts(), ...zeroTally() }));
  const byMonth = Array.from({ length: nMonths }, zeroCounts);

  const nPeople = dicts.person.size;
  const seen = new Uint8Array(nPeople);
  const seenKnown = new Uint8Array(nPeople);
  // Pairs are visited person by person, so "already counted in this group" is one stamp per group.
  const stampCommunity = new Int32Array(Math.max(1, nCommunities)).fill(-1);
  const stampCategory = new Int32Array(nCategories).fill(-1);
  const stampGroup = new Int32Array(nGroups).fill(-1);
  const stampMonth = new Int32Array(Math.max(1, nMonths)).fill(-1);
  const countCommunity = new Float64Array(Math.max(1, nCommunities));
  const countCategory = new Float64Array(nCategories);
  const countGroup = new Float64Array(nGroups);
  const countMonth = new Float64Array(Math.max(1, nMonths));

  const tally = (t: LearnerTally, status: number, result: number) => {
    if (status !== 0) {
      t.withStatus++;
      if (status === COMPLETED) t.completed++;
    }
    if (result !== 0) {
      t.withResult++;
      if (result === R_EXCELLENT) t.excellent++;
      if (result === R_EXCELLENT || result === R_GOOD || result === R_PASS) t.qualified++;
    }
  };

  for (let p = 0; p < nPeople0; p++)
    for (let slot = head[p]; slot !== -1; slot = slotNext[slot]) {
      const i = slotRep[slot];
      const person = e.person[i];
      const community = e.community[i];
      const cat = e.category[i] + 1;
      const grp = e.targetGroup[i] + 1;
      const month = monthOf[e.date[i] - period.from];
      const status = slotStatus[slot];
      const result = slotResult[slot];

      overall.enrolments++;
      byCommunity[community].enrolments++;
      byCategory[cat].enrolments++;
      byGroup[grp].enrolments++;
      byMonth[month].enrolments++;
      tally(overall, status, result);
      tally(byCategory[cat], status, result);
      tally(byGroup[grp], status, result);

      if (!seen[person]) {
        seen[person] = 1;
        overall.participants++;
      }
      if (known[community] && !seenKnown[person]) {
        seenKnown[person] = 1;
        overall.participantsKnown++;
      }
      if (stampCommunity[community] !== person) {
        stampCommunity[community] = person;
        countCommunity[community]++;
      }
      if (stampCategory[cat] !== person) {
        stampCategory[cat] = person;
        countCategory[cat]++;
      }
      if (stampGroup[grp] !== person) {
        stampGroup[grp] = person;
        countGroup[grp]++;
      }
      if (stampMonth[month] !== person) {
        stampMonth[month] = person;
        countMonth[month]++;
      }
    }
  for (let c = 0; c < nCommunities; c++) byCommunity[c].participants = countCommunity[c];
  for (let c = 0; c < nCategories; c++) byCategory[c].participants = countCategory[c];
  for (let g = 0; g < nGroups; g++) byGroup[g].participants = countGroup[g];
  for (let m = 0; m < nMonths; m++) byMonth[m].participants = countMonth[m];

  /* ------------------------------------------------ activities */
  const a = data.activities;
  const teacherMonths: TeacherMonthRow[] = Array.from({ length: nMonths }, (_, m) => ({
    month: monthLabel(firstMonth + m),
    fullTime: 0,
    partTime: 0,
    volunteer: 0,
    unspecified: 0,
    total: 0,
  }));
  const teacherSessions = new Map<number, { sessions: number; hours: number; types: number[] }>();
  let hasTeachers = false;
  for (let i = 0; i < a.length; i++) {
    const d = a.date[i];
    if (d < period.from || d > period.to) {
      noteOutOfPeriod(a.sheet[i], a.row[i]);
      continue;
    }
    if (fCommunity !== -1 && a.community[i] !== fCommunity) continue;
    if (fCategory !== -1 && a.category[i] !== fCategory) continue;
    if (fGroup !== -1 && a.targetGroup[i] !== fGroup) continue;
    const people = a.participants[i];
    const hours = a.hours[i];
    const month = monthIndex(d) - firstMonth;
    for (const c of [
      overall,
      byCommunity[a.community[i]],
      byCategory[a.category[i] + 1],
      byGroup[a.targetGroup[i] + 1],
      byMonth[month],
    ]) {
      c.activities++;
      c.attendance += people;
      c.hours += hours;
    }
    const type = TEACHER_CODES[a.teacherType[i]] ?? "unspecified";
    const tm = teacherMonths[month];
    tm[type]++;
    tm.total++;
    const teacher = a.teacher[i];
    if (teacher >= 0 || a.teacherType[i] !== 0) hasTeachers = true;
    if (teacher >= 0) {
      let t = teacherSessions.get(teacher);
      if (!t) teacherSessions.set(teacher, (t = { sessions: 0, hours: 0, types: [0, 0, 0, 0] }));
      t.sessions++;
      t.hours += hours;
      t.types[a.teacherType[i]]++;
    }
  }

  /* ------------------------------------------------ population and rates */
  const targetOf = new Map<number, number>();
  for (const p of data.population ?? []) targetOf.set(p.community, p.target ?? DEFAULT_TARGET);
  let residents = 0;
  let weightedTarget = 0;
  // Summed in name order: floating-point addition is not associative, and the same population
  // sheet sorted differently must give the same target to the last digit.
  const names = dicts.community.values;
  const byName = [...(data.population ?? [])].sort((a, b) =>
    names[a.community] < names[b.community] ? -1 : names[a.community] > names[b.community] ? 1 : 0
  );
  for (const p of byName) {
    if (fCommunity !== -1 && p.community !== fCommunity) continue;
    residents += p.residents;
    weightedTarget += p.residents * (p.target ?? DEFAULT_TARGET);
  }
  const overallTarget = residents > 0 ? weightedTarget / residents : DEFAULT_TARGET;
  const participationRate = rate(overall.participantsKnown, residents);
  const finalOverall: Overall = {
    participants: overall.participants,
    enrolments: overall.enrolments,
    activities: overall.activities,
    attendance: overall.attendance,
    hours: overall.hours,
    ...learnerRates(overall),
    residents,
    participantsKnown: overall.participantsKnown,
    participationRate,
    target: overallTarget,
    targetMet: isDivByZero(participationRate) ? null : participationRate >= overallTarget - 1e-12,
  };

  const issues: Issue[] = [];
  const communityRows: CommunityRow[] = [];
  const listed = new Set<number>();
  const pushCommunity = (c: number) => {
    if (listed.has(c)) return;
    listed.add(c);
    const counts = byCommunity[c];
    const res = popByCommunity.get(c);
    const target = targetOf.get(c) ?? DEFAULT_TARGET;
    const r = res === undefined ? rate(counts.participants, 0) : rate(counts.participants, res);
    communityRows.push({
      community: dicts.community.values[c],
      inPopulation: res !== undefined,
      residents: res ?? null,
      ...counts,
      participationRate: r,
      target,
      targetMet: res === undefined || isDivByZero(r) ? null : r >= target - 1e-12,
    });
  };
  for (const p of data.population ?? []) {
    if (fCommunity !== -1 && p.community !== fCommunity) continue;
    pushCommunity(p.community);
    const row = communityRows[communityRows.length - 1];
    if (!isDivByZero(row.participationRate) && row.participationRate > 1) {
      issues.push({
        code: "rate-over-100",
        severity: "warning",
        sheet: p.sheet,
        row: p.row,
        col: p.col,
        cell: cellAddress(p.sheet, p.row, p.col),
        field: "residents",
        value: String(p.residents),
        message: {
          key: "issue.rateOver100",
          params: { community: row.community, rate: Math.round(row.participationRate * 1000) / 10 },
        },
      });
    }
  }
  const others: number[] = [];
  for (let c = 0; c < nCommunities; c++) {
    if (listed.has(c) || popByCommunity.has(c)) continue;
    const k = byCommunity[c];
    if (k.enrolments > 0 || k.activities > 0) others.push(c);
  }
  others.sort((x, y) => collator.compare(dicts.community.values[x], dicts.community.values[y]));
  others.forEach(pushCommunity);

  const groupRows = (rows: typeof byCategory, names: readonly string[]): GroupRow[] => {
    const out: GroupRow[] = [];
    rows.forEach((r, i) => {
      if (r.enrolments === 0 && r.activities === 0) return;
      out.push({
        key: i === 0 ? "" : names[i - 1],
        participants: r.participants,
        enrolments: r.enrolments,
        activities: r.activities,
        attendance: r.attendance,
        hours: r.hours,
        ...learnerRates(r),
      });
    });
    // Most enrolments first; "not stated" last; ties by name.
    return out.sort((x, y) =>
      x.key === ""
        ? 1
        : y.key === ""
          ? -1
          : y.enrolments - x.enrolments ||
            y.attendance - x.attendance ||
            collator.compare(x.key, y.key)
    );
  };

  const months: MonthRow[] = byMonth.map((c, m) => ({ month: monthLabel(firstMonth + m), ...c }));

  /* ------------------------------------------------ out of period */
  for (const [sheet, o] of outOfPeriod) {
    const name = data.sheetNames[sheet];
    const col = data.dateColumns[sheet] ?? 0;
    issues.push({
      code: "out-of-period",
      severity: "info",
      sheet: name,
      row: o.row,
      col,
      cell: cellAddress(name, o.row, col),
      value: "",
      message: {
        key: "issue.outOfPeriod",
        params: {
          count: o.count,
          from: isoFromEpochDay(period.from),
          to: isoFromEpochDay(period.to),
        },
      },
    });
  }

  return {
    period,
    filter,
    overall: finalOverall,
    byCommunity: communityRows,
    byCategory: groupRows(byCategory, dicts.category.values),
    byTargetGroup: groupRows(byGroup, dicts.targetGroup.values),
    byMonth: months,
    schools: schoolStats(data, fCommunity),
    teachers: hasTeachers
      ? teacherStats(teacherMonths, teacherSessions, dicts.teacher.values)
      : null,
    plan: planStats(data, period, data.plan ? collectActivities(data, period, fCommunity) : []),
    issues,
  };
}

function schoolStats(data: Dataset, fCommunity: number): SchoolStats | null {
  if (!data.schools) return null;
  const schools =
    fCommunity === -1 ? data.schools : data.schools.filter((s) => s.community === fCommunity);
  const group = (type: string, list: typeof schools): SchoolGroup => {
    let rated = 0;
    let excellent = 0;
    let qualified = 0;
    for (const s of list) {
      if (!s.level) continue;
      rated++;
      if (s.level === "excellent") excellent++;
      if (s.level !== "unqualified") qualified++;
    }
    return {
      type,
      count: list.length,
      rated,
      excellent,
      qualified,
      excellenceRate: rate(excellent, rated),
      qualifiedRate: rate(qualified, rated),
    };
  };
  const types = new Map<string, typeof schools>();
  for (const s of schools) {
    const list = types.get(s.type);
    if (list) list.push(s);
    else types.set(s.type, [s]);
  }
  const byType = Array.from(types.entries())
    .map(([t, list]) => group(t, list))
    .sort((x, y) =>
      x.type === "" ? 1 : y.type === "" ? -1 : y.count - x.count || collator.compare(x.type, y.type)
    );
  const { type: _ignored, ...all } = group("", schools);
  return { ...all, byType };
}

function teacherStats(
  byMonth: TeacherMonthRow[],
  sessions: Map<number, { sessions: number; hours: number; types: number[] }>,
  names: readonly string[]
): TeacherStats {
  const byTeacher: TeacherRow[] = [];
  for (const [t, s] of sessions) {
    // A teacher's type is the one written most often for them (full-time first on a tie).
    let best = 0;
    for (let k = 1; k < 4; k++)
      if (s.types[k] > s.types[best] || (best === 0 && s.types[k] > 0 && s.types[k] >= s.types[0]))
        best = k;
    byTeacher.push({
      teacher: names[t],
      type: (TEACHER_CODES[best] ?? "unspecified") as TeacherType,
      sessions: s.sessions,
      hours: s.hours,
    });
  }
  byTeacher.sort((x, y) => y.sessions - x.sessions || collator.compare(x.teacher, y.teacher));
  return { byMonth, byTeacher };
}

interface ActivityRef {
  month: number;
  year: number;
  category: string;
  title: string;
}
function collectActivities(data: Dataset, period: Period, fCommunity: number): ActivityRef[] {
  const a = data.activities;
  const out: ActivityRef[] = [];
  for (let i = 0; i < a.length; i++) {
    const d = a.date[i];
    if (d < period.from || d > period.to) continue;
    if (fCommunity !== -1 && a.community[i] !== fCommunity) continue;
    const { y, m } = ymdFromEpochDay(d);
    out.push({
      month: m,
      year: y,
      category: a.category[i] < 0 ? "" : headerKey(data.dicts.category.values[a.category[i]]),
      title: headerKey(data.dicts.title.values[a.title[i]]),
    });
  }
  return out;
}

/**
 * Planned sessions against delivered ones. A plan row without a year belongs
 * to the year the period ends in; it counts when one of its months lies in
 * the period, and may be delivered by activities in those months whose
 * category equals the plan's, or whose title and the planned item contain one
 * another. Each activity delivers at most one planned session: the sessions
 * are matched to activities by a maximum bipartite matching (Kuhn's augmenting
 * paths), so the total does not depend on the order of the plan's rows.
 */
function planStats(data: Dataset, period: Period, activities: ActivityRef[]): PlanStats | null {
  if (!data.plan) return null;
  const endYear = yearOf(period.to);
  const rows: PlanStats["rows"] = [];
  const candidates: number[][] = [];
  for (const p of data.plan) {
    const year = p.year ?? endYear;
    const months = p.months.filter((m) => {
      const month = monthPeriod(year, m);
      return month !== null && month.to >= period.from && month.from <= period.to;
    });
    if (months.length === 0) continue;
    const cat = headerKey(p.category);
    const item = headerKey(p.item);
    const matches: number[] = [];
    activities.forEach((act, i) => {
      if (act.year !== year || !months.includes(act.month)) return;
      const byCategory = cat !== "" && act.category === cat;
      const byTitle =
        item !== "" && act.title !== "" && (act.title.includes(item) || item.includes(act.title));
      if (byCategory || byTitle) matches.push(i);
    });
    candidates.push(matches);
    rows.push({
      month: p.monthText,
      months,
      item: p.item,
      category: p.category,
      planned: p.sessions,
      delivered: 0,
    });
  }

  const owner = new Int32Array(activities.length).fill(-1);
  const assign = (row: number, visited: Uint8Array): boolean => {
    for (const a of candidates[row]) {
      if (visited[a]) continue;
      visited[a] = 1;
      if (owner[a] === -1 || assign(owner[a], visited)) {
        owner[a] = row;
        return true;
      }
    }
    return false;
  };
  // Sessions are matched in an order fixed by the plan rows' content, not their position: a
  // greedy matching over a fixed order gives each row the same count however the sheet is sorted.
  const key = (r: PlanStats["rows"][number]) =>
    `${r.months.join(",")}\u0001${r.item}\u0001${r.category}\u0001${r.planned}`;
  const order = rows
    .map((_, i) => i)
    .sort((a, b) => (key(rows[a]) < key(rows[b]) ? -1 : key(rows[a]) > key(rows[b]) ? 1 : 0));
  for (const i of order) {
    for (let s = 0; s < rows[i].planned && s < candidates[i].length; s++) {
      if (!assign(i, new Uint8Array(activities.length))) break;
    }
  }
  for (const o of owner) if (o >= 0) rows[o].delivered++;
  const planned = rows.reduce((n, r) => n + r.planned, 0);
  const delivered = rows.reduce((n, r) => n + r.delivered, 0);
  return { rows, planned, delivered, planCompletion: rate(delivered, planned) };
}
