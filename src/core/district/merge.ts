/**
 * Several workbooks' validated data as one district's: dictionaries re-keyed, people known across
 * files by their ID number (or name + community), communities spelt as the district's population
 * sheets spell them, one population row per community, one row per school, and an activity that
 * two files report counted once. What the merge decides that a single workbook never has to
 * (population conflicts, shared activities) comes back as issues on the files' own cells.
 */
import { isoFromEpochDay } from "../cells";
import {
  Dict,
  newActivityTable,
  newEnrolmentTable,
  type Dataset,
  type PlanItem,
  type PopulationRow,
  type SchoolRow,
  trimTable,
} from "../dataset";
import { cellAddress, headerKey } from "../text";
import type { Issue } from "../types";
import { CommunityResolver } from "../validate";

export interface MergePart {
  /** What the user calls the file ("六角社区学校.xlsx"); sheets become `[label]sheet`. */
  label: string;
  data: Dataset;
  /** 0-based column of each sheet's activity title, for pointing at a shared activity. */
  titleColumns: readonly (number | undefined)[];
}

export interface MergeResult {
  data: Dataset;
  issues: Issue[];
  /** Per part, its activity rows left out because another file reports the same activity. */
  droppedActivities: number[][];
}

/** `[六角社区学校.xlsx]学员花名册`: Excel's own notation for a sheet of another workbook. */
export function sourceSheetName(label: string, sheet: string): string {
  return `[${label}]${sheet}`;
}

type DictName = keyof Dataset["dicts"];
const DICTS: readonly DictName[] = [
  "person",
  "community",
  "course",
  "category",
  "targetGroup",
  "teacher",
  "title",
];

const LEVEL_RANK = { excellent: 3, qualified: 2, unqualified: 1 } as const;

function newDicts(): Dataset["dicts"] {
  return {
    person: new Dict(),
    community: new Dict(),
    course: new Dict(),
    category: new Dict(),
    targetGroup: new Dict(),
    teacher: new Dict(),
    title: new Dict(),
  };
}

/** A part's ids of one dictionary → the merged ids. */
function remap(values: readonly string[], key: (text: string) => string, into: Dict): Int32Array {
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = into.id(key(values[i]));
  return out;
}

/** -1 (not stated) stays -1. */
const mapped = (ids: Int32Array, id: number) => (id < 0 ? id : ids[id]);

export function mergeDatasets(parts: readonly MergePart[]): MergeResult {
  const issues: Issue[] = [];
  const dicts = newDicts();

  /* ---------------- communities: the district's population spellings */
  const populationNames = parts.flatMap((p) =>
    (p.data.population ?? []).map((row) => p.data.dicts.community.values[row.community])
  );
  const resolver = new CommunityResolver(populationNames);
  const canonical = (name: string) => resolver.resolve(name) ?? name;

  const maps = parts.map((p) => {
    const m = {} as Record<DictName, Int32Array>;
    m.community = remap(p.data.dicts.community.values, canonical, dicts.community);
    for (const name of DICTS) {
      if (name === "community" || name === "person" || name === "course") continue;
      m[name] = remap(p.data.dicts[name].values, (s) => s, dicts[name]);
    }
    return m;
  });
  parts.forEach((p, k) => {
    // A person by ID is the same person in every file; one by name is name + the district's
    // spelling of the community.
    maps[k].person = remap(
      p.data.dicts.person.values,
      (s) => {
        if (!s.startsWith("N:")) return s;
        const cut = s.indexOf("\u0001");
        return `${s.slice(0, cut)}\u0001${canonical(s.slice(cut + 1))}`;
      },
      dicts.person
    );
    // A course belongs to the school that runs it: 太极拳 at two schools is two courses.
    maps[k].course = remap(p.data.dicts.course.values, (s) => `${k}\u0001${s}`, dicts.course);
  });

  /* ---------------- sheets */
  const sheetNames: string[] = [];
  const dateColumns: number[] = [];
  const sheetOffset = parts.map((p) => {
    const offset = sheetNames.length;
    for (const s of p.data.sheetNames) sheetNames.push(sourceSheetName(p.label, s));
    dateColumns.push(...p.data.dateColumns);
    return offset;
  });

  /* ---------------- enrolments */
  const enrolTotal = parts.reduce((n, p) => n + p.data.enrolments.length, 0);
  const enrol = newEnrolmentTable(enrolTotal);
  parts.forEach((p, k) => {
    const e = p.data.enrolments;
    const m = maps[k];
    for (let i = 0; i < e.length; i++) {
      const j = enrol.length++;
      enrol.sheet[j] = e.sheet[i] + sheetOffset[k];
      enrol.row[j] = e.row[i];
      enrol.person[j] = m.person[e.person[i]];
      enrol.community[j] = m.community[e.community[i]];
      enrol.course[j] = m.course[e.course[i]];
      enrol.date[j] = e.date[i];
      enrol.category[j] = mapped(m.category, e.category[i]);
      enrol.targetGroup[j] = mapped(m.targetGroup, e.targetGroup[i]);
      enrol.status[j] = e.status[i];
      enrol.result[j] = e.result[i];
    }
  });

  /* ---------------- activities: one reported by two files counts once */
  const activityKey = (k: number, i: number) => {
    const a = parts[k].data.activities;
    const m = maps[k];
    return `${a.date[i]}\u0001${m.community[a.community[i]]}\u0001${headerKey(parts[k].data.dicts.title.values[a.title[i]])}`;
  };
  /** key → per part: total participants and the first row. */
  const reported = new Map<string, Map<number, { participants: number; first: number }>>();
  parts.forEach((p, k) => {
    const a = p.data.activities;
    for (let i = 0; i < a.length; i++) {
      const key = activityKey(k, i);
      let byPart = reported.get(key);
      if (!byPart) reported.set(key, (byPart = new Map()));
      const seen = byPart.get(k);
      if (seen) seen.participants += a.participants[i];
      else byPart.set(k, { participants: a.participants[i], first: i });
    }
  });
  /** key → the part whose rows are kept: the most participants, then the first file. */
  const keeper = new Map<string, number>();
  for (const [key, byPart] of reported) {
    if (byPart.size < 2) continue;
    let best = -1;
    for (const [k, v] of byPart)
      if (
        best === -1 ||
        v.participants > (byPart.get(best) as { participants: number }).participants
      )
        best = k;
    keeper.set(key, best);
  }
  const activityCell = (k: number, i: number) => {
    const a = parts[k].data.activities;
    const sheet = sheetNames[a.sheet[i] + sheetOffset[k]];
    const col = (parts[k].titleColumns[a.sheet[i]] ?? -1) + 1;
    return { sheet, row: a.row[i], col, cell: cellAddress(sheet, a.row[i], col) };
  };

  const actTotal = parts.reduce((n, p) => n + p.data.activities.length, 0);
  const act = newActivityTable(actTotal);
  const droppedActivities: number[][] = parts.map(() => []);
  parts.forEach((p, k) => {
    const a = p.data.activities;
    const m = maps[k];
    for (let i = 0; i < a.length; i++) {
      if (keeper.size > 0) {
        const key = activityKey(k, i);
        const keep = keeper.get(key);
        if (keep !== undefined && keep !== k) {
          droppedActivities[k].push(i);
          const here = activityCell(k, i);
          const kept = reported.get(key)!.get(keep)!;
          const there = activityCell(keep, kept.first);
          issues.push({
            code: "duplicate-activity",
            severity: "warning",
            ...here,
            field: "title",
            value: p.data.dicts.title.values[a.title[i]],
            message: {
              key: "issue.duplicateActivity",
              params: {
                date: isoFromEpochDay(a.date[i]),
                title: p.data.dicts.title.values[a.title[i]],
                other: parts[keep].label,
                otherCell: there.cell,
              },
            },
          });
          continue;
        }
      }
      const j = act.length++;
      act.sheet[j] = a.sheet[i] + sheetOffset[k];
      act.row[j] = a.row[i];
      act.date[j] = a.date[i];
      act.community[j] = m.community[a.community[i]];
      act.title[j] = m.title[a.title[i]];
      act.category[j] = mapped(m.category, a.category[i]);
      act.targetGroup[j] = mapped(m.targetGroup, a.targetGroup[i]);
      act.teacher[j] = mapped(m.teacher, a.teacher[i]);
      act.teacherType[j] = a.teacherType[i];
      act.participants[j] = a.participants[i];
      act.hours[j] = a.hours[i];
    }
  });

  /* ---------------- population: one row per community, conflicts reported */
  let population: PopulationRow[] | null = null;
  if (parts.some((p) => p.data.population)) {
    const byCommunity = new Map<number, { row: PopulationRow; part: number }[]>();
    parts.forEach((p, k) => {
      for (const row of p.data.population ?? []) {
        const community = maps[k].community[row.community];
        const list = byCommunity.get(community) ?? [];
        list.push({
          row: { ...row, community, sheet: sourceSheetName(p.label, row.sheet) },
          part: k,
        });
        byCommunity.set(community, list);
      }
    });
    population = [];
    for (const [community, list] of byCommunity) {
      // The larger population is kept, as for a community listed twice in one sheet.
      const kept = list.reduce((a, b) => (b.row.residents > a.row.residents ? b : a));
      population.push(kept.row);
      for (const other of list) {
        if (other === kept) continue;
        if (other.row.residents === kept.row.residents && other.row.target === kept.row.target)
          continue;
        issues.push({
          code: "population-conflict",
          severity: "warning",
          sheet: other.row.sheet,
          row: other.row.row,
          col: other.row.col,
          cell: cellAddress(other.row.sheet, other.row.row, other.row.col),
          field: "residents",
          value: String(other.row.residents),
          message: {
            key: "issue.populationConflict",
            params: {
              community: dicts.community.values[community],
              value: other.row.residents,
              other: parts[kept.part].label,
              otherValue: kept.row.residents,
              otherCell: cellAddress(kept.row.sheet, kept.row.row, kept.row.col),
            },
          },
        });
      }
    }
  }

  /* ---------------- schools: one row per school, the better rating */
  let schools: SchoolRow[] | null = null;
  if (parts.some((p) => p.data.schools)) {
    const byName = new Map<string, SchoolRow>();
    parts.forEach((p, k) => {
      for (const s of p.data.schools ?? []) {
        const row = { ...s, community: mapped(maps[k].community, s.community) };
        const key = headerKey(s.name);
        const known = byName.get(key);
        const rank = (x: SchoolRow) => (x.level ? LEVEL_RANK[x.level] : 0);
        if (!known || rank(row) > rank(known))
          byName.set(key, known ? { ...row, name: known.name } : row);
      }
    });
    schools = Array.from(byName.values());
  }

  const plan: PlanItem[] | null = parts.some((p) => p.data.plan)
    ? parts.flatMap((p) => p.data.plan ?? [])
    : null;

  const dates = parts.map((p) => p.data);
  const latest = dates.reduce<number | null>(
    (d, x) => (x.latestDate !== null && (d === null || x.latestDate > d) ? x.latestDate : d),
    null
  );
  const earliest = dates.reduce<number | null>(
    (d, x) => (x.earliestDate !== null && (d === null || x.earliestDate < d) ? x.earliestDate : d),
    null
  );

  return {
    data: {
      sheetNames,
      dateColumns,
      dicts,
      enrolments: enrol,
      activities: trimTable(act),
      population,
      schools,
      plan,
      latestDate: latest,
      earliestDate: earliest,
    },
    issues,
    droppedActivities,
  };
}
