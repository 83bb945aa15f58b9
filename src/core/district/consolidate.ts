/**
 * Many workbooks, one district: each file is analysed on its own (so memory holds one file's
 * cells at a time), then the validated data are merged into one Analysis that every door can
 * report on as if it were one workbook, plus what only a district has: which file reports for
 * which school, what each file reported, and which schools have not reported yet.
 */
import type { Analysis } from "../engine";
import { computeMetrics, defaultPeriod } from "../metrics";
import { cellAddress, headerKey } from "../text";
import type { EpochDay, Issue, Period, Severity } from "../types";
import { mergeDatasets, sourceSheetName } from "./merge";

export interface Source {
  /** What the user calls the file: its name, or its path when two files share a name. */
  label: string;
  analysis: Analysis;
}

export interface SourceInfo {
  label: string;
  /** The school (from the district's school list) this file reports for, or null. */
  school: string | null;
  matchedBy: "fileName" | "community" | null;
}

export interface NotReported {
  school: string;
  community: string;
  type: string;
}

export interface District {
  /** The merged workbook: report, check and figures on it as on one workbook. */
  analysis: Analysis;
  /** In label order, as are `parts` and `droppedActivities`. */
  sources: SourceInfo[];
  parts: Analysis[];
  /** Per file, its activity rows counted under another file that reports the same activity. */
  droppedActivities: number[][];
  /** Schools of the school list that no file reports for. */
  notReported: NotReported[];
}

export interface SourceRow {
  label: string;
  school: string | null;
  /** Recognised sheets. */
  sheets: number;
  participants: number;
  /** Participants of this file who also enrol through another file (counted once in the total). */
  sharedParticipants: number;
  enrolments: number;
  activities: number;
  /** Activities of this file that another file also reports (counted there). */
  sharedActivities: number;
  attendance: number;
  hours: number;
  errors: number;
  warnings: number;
}

const collator = new Intl.Collator("zh-CN");

function prefixIssue(label: string, issue: Issue): Issue {
  const sheet = issue.sheet === "" ? `[${label}]` : sourceSheetName(label, issue.sheet);
  return {
    ...issue,
    sheet,
    cell: issue.sheet === "" ? sheet : cellAddress(sheet, issue.row, issue.col),
  };
}

/** The file name without folders and extension, folded like a header. */
function fileKey(label: string): string {
  const base = label.split(/[\\/]/).pop() ?? label;
  return headerKey(base.replace(/\.[^.]*$/, ""));
}

/**
 * The school a file reports for: the longest school name found in the file name; else, when all
 * of the file's rows belong to one community that has exactly one school, that school.
 */
function matchSchool(
  label: string,
  part: Analysis,
  schools: readonly { name: string; community: string }[]
): Pick<SourceInfo, "school" | "matchedBy"> {
  const key = fileKey(label);
  let best: string | null = null;
  let tie = false;
  for (const s of schools) {
    const k = headerKey(s.name);
    if (k === "" || !key.includes(k)) continue;
    if (best === null || k.length > headerKey(best).length) {
      best = s.name;
      tie = false;
    } else if (k.length === headerKey(best).length) tie = true;
  }
  if (best !== null && !tie) return { school: best, matchedBy: "fileName" };

  const d = part.data;
  const communities = new Set<string>();
  for (let i = 0; i < d.enrolments.length; i++)
    communities.add(d.dicts.community.values[d.enrolments.community[i]]);
  for (let i = 0; i < d.activities.length; i++)
    communities.add(d.dicts.community.values[d.activities.community[i]]);
  if (communities.size === 1) {
    const [only] = communities;
    const here = schools.filter(
      (s) => s.community !== "" && headerKey(s.community) === headerKey(only)
    );
    if (here.length === 1) return { school: here[0].name, matchedBy: "community" };
  }
  return { school: null, matchedBy: null };
}

export function consolidate(
  sources: readonly Source[],
  options: { today?: EpochDay } = {}
): District {
  // Label order, so that the figures do not depend on the order files were named or picked in.
  const ordered = [...sources].sort((a, b) => collator.compare(a.label, b.label));
  const merged = mergeDatasets(
    ordered.map((s) => ({
      label: s.label,
      data: s.analysis.data,
      titleColumns: s.analysis.sheets.map((sh) =>
        sh.kind === "activity" ? sh.columns.title : undefined
      ),
    }))
  );
  const data = merged.data;
  const today = options.today ?? Math.max(...ordered.map((s) => s.analysis.today));

  const issues: Issue[] = [];
  for (const s of ordered)
    for (const issue of s.analysis.issues)
      // "No population sheet" is about the district, not each school's file: decided below.
      if (issue.code !== "missing-kind") issues.push(prefixIssue(s.label, issue));
  issues.push(...merged.issues);
  if (data.enrolments.length > 0 && data.population === null)
    issues.push({
      code: "missing-kind",
      severity: "info",
      sheet: "",
      row: 0,
      col: 0,
      cell: "",
      value: "",
      message: { key: "issue.noPopulation", params: {} },
    });

  const schoolList = (data.schools ?? []).map((s) => ({
    name: s.name,
    community: s.community < 0 ? "" : data.dicts.community.values[s.community],
    type: s.type,
  }));
  const sourcesInfo = ordered.map((s) => ({
    label: s.label,
    ...matchSchool(s.label, s.analysis, schoolList),
  }));
  const reporting = new Set(sourcesInfo.map((s) => s.school).filter((s) => s !== null));
  const notReported = schoolList
    .filter((s) => !reporting.has(s.name))
    .map((s) => ({ school: s.name, community: s.community, type: s.type }));

  return {
    analysis: {
      sheets: ordered.flatMap((s) =>
        s.analysis.sheets.map((sh) => ({ ...sh, name: sourceSheetName(s.label, sh.name) }))
      ),
      data,
      issues,
      today,
      defaultPeriod: defaultPeriod(data, today),
    },
    sources: sourcesInfo,
    parts: ordered.map((s) => s.analysis),
    droppedActivities: merged.droppedActivities,
    notReported,
  };
}

/** People of each file (in the period) who also enrol through another file. */
function sharedPeople(d: District, period: Period): number[] {
  const data = d.analysis.data;
  const partOfSheet = new Int32Array(data.sheetNames.length);
  let sheet = 0;
  d.parts.forEach((p, k) => {
    for (let i = 0; i < p.data.sheetNames.length; i++) partOfSheet[sheet++] = k;
  });
  const e = data.enrolments;
  const nPeople = data.dicts.person.size;
  const firstPart = new Int32Array(nPeople).fill(-1);
  const several = new Uint8Array(nPeople);
  for (let i = 0; i < e.length; i++) {
    if (e.date[i] < period.from || e.date[i] > period.to) continue;
    const k = partOfSheet[e.sheet[i]];
    const p = e.person[i];
    if (firstPart[p] === -1) firstPart[p] = k;
    else if (firstPart[p] !== k) several[p] = 1;
  }
  // Rows are grouped by file in the merged table, so one stamp per person counts each pair once.
  const counted = new Int32Array(nPeople).fill(-1);
  const out = d.parts.map(() => 0);
  for (let i = 0; i < e.length; i++) {
    if (e.date[i] < period.from || e.date[i] > period.to) continue;
    const p = e.person[i];
    if (!several[p]) continue;
    const k = partOfSheet[e.sheet[i]];
    if (counted[p] === k) continue;
    counted[p] = k;
    out[k]++;
  }
  return out;
}

const count = (issues: readonly Issue[], severity: Severity) =>
  issues.reduce((n, i) => n + (i.severity === severity ? 1 : 0), 0);

/** What each file reported over the period, before the district's de-duplication. */
export function bySource(d: District, period: Period): SourceRow[] {
  const shared = sharedPeople(d, period);
  return d.parts.map((part, k) => {
    const m = computeMetrics(part.data, { period });
    const issues = [...part.issues, ...m.issues];
    return {
      label: d.sources[k].label,
      school: d.sources[k].school,
      sheets: part.sheets.filter((s) => s.kind !== null).length,
      participants: m.overall.participants,
      sharedParticipants: shared[k],
      enrolments: m.overall.enrolments,
      activities: m.overall.activities,
      sharedActivities: d.droppedActivities[k].filter((i) => {
        const day = part.data.activities.date[i];
        return day >= period.from && day <= period.to;
      }).length,
      attendance: m.overall.attendance,
      hours: m.overall.hours,
      errors: count(issues, "error"),
      warnings: count(issues, "warning"),
    };
  });
}
