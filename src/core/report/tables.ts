/**
 * Every table of the report, described once (./columns.ts): the summary sheet's sections, the
 * =CEDU.SUMMARY() and =CEDU.ISSUES() spills and `cedu report --json` all project these.
 */
import {
  bySource,
  type District,
  type NotReported,
  type SourceInfo,
  type SourceRow,
} from "../district/consolidate";
import { format, issueCodeLabel, t, type MessageKey } from "../i18n";
import type {
  ColumnFormat,
  CommunityRow,
  GroupRow,
  Issue,
  IssueCode,
  Metrics,
  MonthRow,
  Period,
  PlanRow,
  SchoolGroup,
  TeacherMonthRow,
} from "../types";
import { describeTable, type Column, type Figure } from "./columns";

const notStated = (text: string, lang: Parameters<typeof t>[1]) =>
  text === "" ? t("report.notStated", lang) : text;

/** Communities known to the population sheet: their residents, target and rate are figures. */
export function knownCommunities(m: Metrics): number {
  return m.byCommunity.filter((c) => c.inPopulation).length;
}

/**
 * The figures each breakdown (community, category, target group, month) shares with the overall
 * row: one header, unit and format, the row's own figure, and the engine's overall figure as total.
 */
const OVERALL_FIGURES = {
  participants: { unit: "unit.people", format: "int" },
  enrolments: { unit: "unit.times", format: "int" },
  participationRate: { unit: null, format: "percent" },
  completionRate: { unit: null, format: "percent" },
  excellenceRate: { unit: null, format: "percent" },
  qualifiedRate: { unit: null, format: "percent" },
  activities: { unit: "unit.sessions", format: "int" },
  attendance: { unit: "unit.times", format: "int" },
  hours: { unit: "unit.hours", format: "decimal" },
} as const satisfies Record<string, { unit: MessageKey | null; format: ColumnFormat }>;
type OverallFigure = keyof typeof OVERALL_FIGURES;

function overallFigure<K extends OverallFigure, Row extends { [k in K]: Figure }>(
  key: K
): Column<Row, Metrics> {
  return {
    key,
    header: `col.${key}`,
    ...OVERALL_FIGURES[key],
    value: (row) => row[key],
    total: (m) => m.overall[key],
  };
}

export const COMMUNITY_TABLE = describeTable<CommunityRow, Metrics>({
  key: "community",
  rows: (m) => m.byCommunity,
  totals: true,
  columns: [
    {
      key: "community",
      header: "col.community",
      unit: null,
      format: "text",
      value: (c) => c.community,
    },
    {
      key: "residents",
      header: "col.residents",
      unit: "unit.people",
      format: "int",
      value: (c) => c.residents,
      // No population sheet: no total of residents either, rather than a misleading 0.
      total: (m) => (knownCommunities(m) > 0 ? m.overall.residents : null),
    },
    overallFigure("participants"),
    overallFigure("enrolments"),
    overallFigure("participationRate"),
    {
      key: "target",
      header: "col.target",
      unit: null,
      format: "percent",
      value: (c) => (c.inPopulation ? c.target : null),
      total: (m) => (knownCommunities(m) > 0 ? m.overall.target : null),
    },
    {
      key: "targetMet",
      header: "col.targetMet",
      unit: null,
      format: "text",
      value: (c) => c.targetMet,
      total: (m) => m.overall.targetMet,
    },
    overallFigure("activities"),
    overallFigure("attendance"),
    overallFigure("hours"),
  ],
});

function groupTable(key: "category" | "targetGroup") {
  return describeTable<GroupRow, Metrics>({
    key,
    rows: (m) => (key === "category" ? m.byCategory : m.byTargetGroup),
    totals: true,
    columns: [
      {
        key,
        header: key === "category" ? "col.category" : "col.targetGroup",
        unit: null,
        format: "text",
        value: (g) => g.key,
        label: notStated,
      },
      overallFigure("participants"),
      overallFigure("enrolments"),
      overallFigure("completionRate"),
      overallFigure("excellenceRate"),
      overallFigure("qualifiedRate"),
      overallFigure("activities"),
      overallFigure("attendance"),
      overallFigure("hours"),
    ],
  });
}

export const CATEGORY_TABLE = groupTable("category");
export const TARGET_GROUP_TABLE = groupTable("targetGroup");

export const MONTH_TABLE = describeTable<MonthRow, Metrics>({
  key: "month",
  rows: (m) => m.byMonth,
  totals: true,
  columns: [
    { key: "month", header: "col.month", unit: null, format: "text", value: (x) => x.month },
    overallFigure("enrolments"),
    overallFigure("participants"),
    overallFigure("activities"),
    overallFigure("attendance"),
    overallFigure("hours"),
  ],
});

type SchoolCount = "count" | "rated" | "excellent" | "qualified";
const schoolCount = (key: SchoolCount, header: MessageKey): Column<SchoolGroup, Metrics> => ({
  key,
  header,
  unit: "unit.schools",
  format: "int",
  value: (g) => g[key],
  total: (m) => m.schools?.[key] ?? 0,
});
const schoolRate = (
  key: "excellenceRate" | "qualifiedRate",
  header: MessageKey
): Column<SchoolGroup, Metrics> => ({
  key,
  header,
  unit: null,
  format: "percent",
  value: (g) => g[key],
  total: (m) => m.schools?.[key] ?? null,
});

export const SCHOOLS_TABLE = describeTable<SchoolGroup, Metrics>({
  key: "schools",
  rows: (m) => m.schools?.byType ?? [],
  totals: true,
  columns: [
    {
      key: "type",
      header: "col.schoolType",
      unit: null,
      format: "text",
      value: (g) => g.type,
      label: notStated,
    },
    schoolCount("count", "col.schools"),
    schoolCount("rated", "col.rated"),
    schoolCount("excellent", "col.excellent"),
    schoolCount("qualified", "col.qualified"),
    schoolRate("excellenceRate", "col.excellenceRate"),
    schoolRate("qualifiedRate", "col.qualifiedRate"),
  ],
});

type SessionKind = "fullTime" | "partTime" | "volunteer" | "unspecified" | "total";
const sessions = (key: SessionKind): Column<TeacherMonthRow, Metrics> => ({
  key,
  header: `col.${key}` as MessageKey,
  unit: "unit.sessions",
  format: "int",
  value: (x) => x[key],
  total: (m) => (m.teachers?.byMonth ?? []).reduce((n, x) => n + x[key], 0),
});

export const TEACHERS_TABLE = describeTable<TeacherMonthRow, Metrics>({
  key: "teachers",
  rows: (m) => m.teachers?.byMonth ?? [],
  totals: true,
  columns: [
    { key: "month", header: "col.month", unit: null, format: "text", value: (x) => x.month },
    sessions("fullTime"),
    sessions("partTime"),
    sessions("volunteer"),
    sessions("unspecified"),
    sessions("total"),
  ],
});

export const PLAN_TABLE = describeTable<PlanRow, Metrics>({
  key: "plan",
  rows: (m) => m.plan?.rows ?? [],
  totals: true,
  columns: [
    { key: "month", header: "col.planMonth", unit: null, format: "text", value: (x) => x.month },
    { key: "item", header: "col.planItem", unit: null, format: "text", value: (x) => x.item },
    {
      key: "category",
      header: "col.category",
      unit: null,
      format: "text",
      value: (x) => x.category,
      label: notStated,
    },
    {
      key: "planned",
      header: "col.planned",
      unit: "unit.sessions",
      format: "int",
      value: (x) => x.planned,
      total: (m) => m.plan?.planned ?? 0,
    },
    {
      key: "delivered",
      header: "col.delivered",
      unit: "unit.sessions",
      format: "int",
      value: (x) => x.delivered,
      total: (m) => m.plan?.delivered ?? 0,
    },
    {
      key: "planCompletion",
      header: "col.planCompletion",
      unit: null,
      format: "percent",
      // A row planned at 0 has no completion rate (null), as before: not a zero denominator error.
      value: (x) => (x.planned ? x.delivered / x.planned : null),
      total: (m) => m.plan?.planCompletion ?? null,
    },
  ],
});

/**
 * The issue list: the pane's issue sheet, =CEDU.ISSUES() and `--json`'s issues. The kind of
 * problem reads in the user's language in tables; JSON keeps its code.
 */
export const ISSUES_TABLE = describeTable<Issue, readonly Issue[]>({
  key: "issues",
  rows: (issues) => issues,
  totals: false,
  columns: [
    {
      key: "severity",
      header: "col.severity",
      unit: null,
      format: "text",
      value: (i) => i.severity,
      label: (s, lang) => t(`severity.${s}` as MessageKey, lang),
    },
    { key: "sheet", header: "col.sheet", unit: null, format: "text", value: (i) => i.sheet },
    { key: "cell", header: "col.cell", unit: null, format: "text", value: (i) => i.cell },
    {
      key: "code",
      header: "col.issueKind",
      unit: null,
      format: "text",
      value: (i) => i.code,
      label: (code, lang) => issueCodeLabel(code as IssueCode, lang),
    },
    { key: "value", header: "col.cellValue", unit: null, format: "text", value: (i) => i.value },
    {
      key: "message",
      header: "col.message",
      unit: null,
      format: "text",
      value: (i, lang) => format(i.message, lang),
    },
  ],
});

/** `--json`'s rows of the tables above, as their descriptors' keys and figures give them. */
export interface CommunityJson {
  community: string;
  residents: number | null;
  participants: number;
  enrolments: number;
  participationRate: number | null;
  target: number | null;
  targetMet: boolean | null;
  activities: number;
  attendance: number;
  hours: number;
}

export interface GroupJson {
  participants: number;
  enrolments: number;
  completionRate: number | null;
  excellenceRate: number | null;
  qualifiedRate: number | null;
  activities: number;
  attendance: number;
  hours: number;
}

export interface SchoolTypeJson {
  count: number;
  rated: number;
  excellent: number;
  qualified: number;
  excellenceRate: number | null;
  qualifiedRate: number | null;
}

export interface PlanRowJson {
  month: string;
  item: string;
  category: string;
  planned: number;
  delivered: number;
  planCompletion: number | null;
}

export interface IssueJson {
  severity: Issue["severity"];
  sheet: string;
  cell: string;
  code: Issue["code"];
  value: string;
  message: string;
}

/** A district: several workbooks merged, over one period. */
export interface DistrictSource {
  district: District;
  period: Period;
}

type SourceLine = SourceRow & { matchedBy: SourceInfo["matchedBy"] };
const sourceCount = (
  key:
    | "participants"
    | "sharedParticipants"
    | "enrolments"
    | "activities"
    | "sharedActivities"
    | "attendance"
    | "errors"
    | "warnings"
    | "sheets",
  header: MessageKey,
  unit: MessageKey | null
): Column<SourceLine, DistrictSource> => ({
  key,
  header,
  unit,
  format: "int",
  value: (r) => r[key],
});

/** What each file reported, before the district's de-duplication (one row per file). */
export const SOURCES_TABLE = describeTable<SourceLine, DistrictSource>({
  key: "sources",
  rows: ({ district, period }) =>
    bySource(district, period).map((r, i) => ({ ...r, matchedBy: district.sources[i].matchedBy })),
  totals: false,
  columns: [
    { key: "label", header: "district.file", unit: null, format: "text", value: (r) => r.label },
    {
      key: "school",
      header: "district.school",
      unit: null,
      format: "text",
      value: (r) => r.school,
    },
    sourceCount("participants", "col.participants", "unit.people"),
    sourceCount("sharedParticipants", "district.shared", "unit.people"),
    sourceCount("enrolments", "col.enrolments", "unit.times"),
    sourceCount("activities", "col.activities", "unit.sessions"),
    sourceCount("sharedActivities", "district.sharedActivities", "unit.sessions"),
    sourceCount("attendance", "col.attendance", "unit.times"),
    {
      key: "hours",
      header: "col.hours",
      unit: "unit.hours",
      format: "decimal",
      value: (r) => r.hours,
    },
    sourceCount("errors", "district.errors", null),
    sourceCount("warnings", "district.warnings", null),
    sourceCount("sheets", "district.sheets", null),
    {
      key: "matchedBy",
      header: "district.matchedBy",
      unit: null,
      format: "text",
      value: (r) => r.matchedBy,
      label: (how, lang) =>
        t(how === "fileName" ? "district.byFileName" : "district.byCommunity", lang),
    },
  ],
});

const orDash = (text: string) => (text === "" ? "—" : text);

/** Schools of the district's school list that no file reports for. */
export const NOT_REPORTED_TABLE = describeTable<NotReported, DistrictSource>({
  key: "notReported",
  rows: ({ district }) => district.notReported,
  totals: false,
  columns: [
    {
      key: "school",
      header: "district.school",
      unit: null,
      format: "text",
      value: (s) => s.school,
    },
    {
      key: "community",
      header: "col.community",
      unit: null,
      format: "text",
      value: (s) => s.community,
      label: orDash,
    },
    {
      key: "type",
      header: "col.schoolType",
      unit: null,
      format: "text",
      value: (s) => s.type,
      label: orDash,
    },
  ],
});
