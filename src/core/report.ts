/**
 * Turns figures into a declarative summary: titled tables with column
 * formats and engine-computed totals, and the charts that go beside them.
 * The Excel writer and the .xlsx writer draw the same spec.
 *
 * One summary sheet with sections stacked top to bottom, each chart beside
 * its table: staff copy sections into their 工作总结 one by one, and one
 * generated sheet is one thing to find, replace or delete.
 */
import { isoFromEpochDay } from "./cells";
import { t, type MessageKey } from "./i18n";
import { rateValue } from "./rate";
import type {
  ChartSpec,
  ColumnFormat,
  GroupRow,
  Lang,
  Metrics,
  Rate,
  ReportCell,
  ReportColumn,
  ReportSection,
  ReportSpec,
  ReportTable,
  SectionKey,
} from "./types";
import { SECTION_KEYS } from "./types";

export interface ReportOptions {
  lang: Lang;
  /** Sections to include (default: every section the data supports). */
  sections?: readonly SectionKey[];
  /** Local time of generation as shown to the user, e.g. "2026-11-23 09:30". */
  generatedAt?: string;
}

/** Excel number formats of the column formats, shared by the Excel door and the .xlsx writer. */
export const NUMBER_FORMATS: Readonly<Record<ColumnFormat, string>> = {
  text: "@",
  int: "#,##0",
  decimal: "#,##0.0",
  percent: "0.0%",
  date: "yyyy-mm-dd",
};

type Col = [key: MessageKey, format: ColumnFormat];

function columns(lang: Lang, cols: Col[]): ReportColumn[] {
  return cols.map(([key, format]) => ({
    key: key.replace(/^col\./, ""),
    header: t(key, lang),
    format,
  }));
}

const r = (x: Rate): ReportCell => rateValue(x);

function localTime(d: Date): string {
  const p = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Sections the figures can fill. */
export function availableSections(m: Metrics): SectionKey[] {
  const has: Record<SectionKey, boolean> = {
    overview: true,
    community: m.byCommunity.length > 0,
    category: m.byCategory.length > 0,
    targetGroup: m.byTargetGroup.length > 0,
    month: m.overall.enrolments + m.overall.activities > 0,
    schools: m.schools !== null,
    teachers: m.teachers !== null,
    plan: m.plan !== null,
  };
  return SECTION_KEYS.filter((k) => has[k]);
}

export function buildReport(m: Metrics, options: ReportOptions): ReportSpec {
  const { lang } = options;
  const wanted = new Set(options.sections ?? SECTION_KEYS);
  const period = { from: isoFromEpochDay(m.period.from), to: isoFromEpochDay(m.period.to) };
  const generatedAt = options.generatedAt ?? localTime(new Date());
  const builders: Record<SectionKey, () => ReportSection | null> = {
    overview: () => overview(m, lang),
    community: () => community(m, lang),
    category: () => groups(m.byCategory, m, lang, "category"),
    targetGroup: () => groups(m.byTargetGroup, m, lang, "targetGroup"),
    month: () => month(m, lang),
    schools: () => schools(m, lang),
    teachers: () => teachers(m, lang),
    plan: () => plan(m, lang),
  };
  const sections = availableSections(m)
    .filter((k) => wanted.has(k))
    .map((k) => builders[k]())
    .filter((s): s is ReportSection => s !== null);
  return {
    lang,
    period,
    generatedAt,
    sheets: [
      {
        key: "summary",
        name: t("report.sheet.summary", lang),
        title: t("report.titleLine", lang, {
          title: t("report.title", lang),
          ...period,
          generated: generatedAt,
        }),
        sections,
      },
    ],
  };
}

function table(
  key: SectionKey,
  lang: Lang,
  cols: Col[],
  rows: ReportCell[][],
  totals: ReportCell[] | null,
  extra: Partial<ReportTable> = {}
): ReportTable {
  return {
    key,
    title: t(`section.${key}` as MessageKey, lang),
    columns: columns(lang, cols),
    rows,
    totals,
    note: t(`note.${key}` as MessageKey, lang),
    ...extra,
  };
}

function chart(
  key: SectionKey,
  lang: Lang,
  kind: ChartSpec["kind"],
  categoryColumn: number,
  seriesColumns: number[],
  percentAxis: boolean,
  rowCount?: number
): ChartSpec {
  return {
    key: `${key}-chart`,
    kind,
    title: t(`chart.${key}` as MessageKey, lang),
    table: key,
    categoryColumn,
    seriesColumns,
    valueAxisTitle: t(percentAxis ? "axis.rate" : "axis.count", lang),
    percentAxis,
    rowCount,
  };
}

function overview(m: Metrics, lang: Lang): ReportSection {
  const o = m.overall;
  const rows: [MessageKey, ReportCell, MessageKey | null, ColumnFormat][] = [
    ["ind.participants", o.participants, "unit.people", "int"],
    ["ind.enrolments", o.enrolments, "unit.times", "int"],
    [
      "ind.residents",
      m.byCommunity.some((c) => c.inPopulation) ? o.residents : null,
      "unit.people",
      "int",
    ],
    ["ind.participationRate", r(o.participationRate), "unit.percent", "percent"],
    ["ind.target", o.target, "unit.percent", "percent"],
    [
      "ind.targetMet",
      o.targetMet === null ? null : t(o.targetMet ? "report.yes" : "report.no", lang),
      null,
      "text",
    ],
    ["ind.activities", o.activities, "unit.sessions", "int"],
    ["ind.attendance", o.attendance, "unit.times", "int"],
    ["ind.hours", o.hours, "unit.hours", "decimal"],
    ["ind.completionRate", r(o.completionRate), "unit.percent", "percent"],
    ["ind.excellenceRate", r(o.excellenceRate), "unit.percent", "percent"],
    ["ind.qualifiedRate", r(o.qualifiedRate), "unit.percent", "percent"],
  ];
  if (m.schools) {
    rows.push(
      ["ind.schools", m.schools.count, "unit.schools", "int"],
      ["ind.schoolExcellenceRate", r(m.schools.excellenceRate), "unit.percent", "percent"],
      ["ind.schoolQualifiedRate", r(m.schools.qualifiedRate), "unit.percent", "percent"]
    );
  }
  if (m.plan)
    rows.push(["ind.planCompletion", r(m.plan.planCompletion), "unit.percent", "percent"]);
  return {
    key: "overview",
    table: table(
      "overview",
      lang,
      [
        ["col.indicator", "text"],
        ["col.value", "decimal"],
        ["col.unit", "text"],
      ],
      rows.map(([k, v, unit]) => [t(k, lang), v, unit ? t(unit, lang) : ""]),
      null,
      { cellFormats: rows.map(([, , , f]) => [null, f, null]) }
    ),
    chart: null,
  };
}

function community(m: Metrics, lang: Lang): ReportSection {
  const rows = m.byCommunity.map((c) => [
    c.community,
    c.residents,
    c.participants,
    c.enrolments,
    r(c.participationRate),
    c.inPopulation ? c.target : null,
    c.targetMet === null ? null : t(c.targetMet ? "report.yes" : "report.no", lang),
    c.activities,
    c.attendance,
    c.hours,
  ]);
  const o = m.overall;
  const known = m.byCommunity.filter((c) => c.inPopulation).length;
  const totals: ReportCell[] = [
    t("report.total", lang),
    known > 0 ? o.residents : null,
    o.participants,
    o.enrolments,
    r(o.participationRate),
    known > 0 ? o.target : null,
    o.targetMet === null ? null : t(o.targetMet ? "report.yes" : "report.no", lang),
    o.activities,
    o.attendance,
    o.hours,
  ];
  return {
    key: "community",
    table: table(
      "community",
      lang,
      [
        ["col.community", "text"],
        ["col.residents", "int"],
        ["col.participants", "int"],
        ["col.enrolments", "int"],
        ["col.participationRate", "percent"],
        ["col.target", "percent"],
        ["col.targetMet", "text"],
        ["col.activities", "int"],
        ["col.attendance", "int"],
        ["col.hours", "decimal"],
      ],
      rows,
      totals
    ),
    chart: known > 0 ? chart("community", lang, "columnClustered", 0, [4, 5], true, known) : null,
  };
}

function groups(
  list: GroupRow[],
  m: Metrics,
  lang: Lang,
  key: "category" | "targetGroup"
): ReportSection {
  const notStated = t("report.notStated", lang);
  const rows = list.map((g) => [
    g.key === "" ? notStated : g.key,
    g.participants,
    g.enrolments,
    r(g.completionRate),
    r(g.excellenceRate),
    r(g.qualifiedRate),
    g.activities,
    g.attendance,
    g.hours,
  ]);
  const o = m.overall;
  const totals: ReportCell[] = [
    t("report.total", lang),
    o.participants,
    o.enrolments,
    r(o.completionRate),
    r(o.excellenceRate),
    r(o.qualifiedRate),
    o.activities,
    o.attendance,
    o.hours,
  ];
  return {
    key,
    table: table(
      key,
      lang,
      [
        [key === "category" ? "col.category" : "col.targetGroup", "text"],
        ["col.participants", "int"],
        ["col.enrolments", "int"],
        ["col.completionRate", "percent"],
        ["col.excellenceRate", "percent"],
        ["col.qualifiedRate", "percent"],
        ["col.activities", "int"],
        ["col.attendance", "int"],
        ["col.hours", "decimal"],
      ],
      rows,
      totals
    ),
    chart:
      key === "category"
        ? chart(key, lang, "barClustered", 0, [2], false)
        : chart(key, lang, "barClustered", 0, [1], false),
  };
}

function month(m: Metrics, lang: Lang): ReportSection {
  const rows = m.byMonth.map((x) => [
    x.month,
    x.enrolments,
    x.participants,
    x.activities,
    x.attendance,
    x.hours,
  ]);
  const o = m.overall;
  return {
    key: "month",
    table: table(
      "month",
      lang,
      [
        ["col.month", "text"],
        ["col.enrolments", "int"],
        ["col.participants", "int"],
        ["col.activities", "int"],
        ["col.attendance", "int"],
        ["col.hours", "decimal"],
      ],
      rows,
      [t("report.total", lang), o.enrolments, o.participants, o.activities, o.attendance, o.hours]
    ),
    chart: chart("month", lang, "line", 0, [3, 4], false),
  };
}

function schools(m: Metrics, lang: Lang): ReportSection | null {
  const s = m.schools;
  if (!s) return null;
  const notStated = t("report.notStated", lang);
  const rows = s.byType.map((g) => [
    g.type === "" ? notStated : g.type,
    g.count,
    g.rated,
    g.excellent,
    g.qualified,
    r(g.excellenceRate),
    r(g.qualifiedRate),
  ]);
  return {
    key: "schools",
    table: table(
      "schools",
      lang,
      [
        ["col.schoolType", "text"],
        ["col.schools", "int"],
        ["col.rated", "int"],
        ["col.excellent", "int"],
        ["col.qualified", "int"],
        ["col.excellenceRate", "percent"],
        ["col.qualifiedRate", "percent"],
      ],
      rows,
      [
        t("report.total", lang),
        s.count,
        s.rated,
        s.excellent,
        s.qualified,
        r(s.excellenceRate),
        r(s.qualifiedRate),
      ]
    ),
    chart: chart("schools", lang, "columnClustered", 0, [5, 6], true),
  };
}

function teachers(m: Metrics, lang: Lang): ReportSection | null {
  const tm = m.teachers;
  if (!tm) return null;
  const rows = tm.byMonth.map((x) => [
    x.month,
    x.fullTime,
    x.partTime,
    x.volunteer,
    x.unspecified,
    x.total,
  ]);
  const sum = (k: "fullTime" | "partTime" | "volunteer" | "unspecified" | "total") =>
    tm.byMonth.reduce((acc, x) => acc + x[k], 0);
  return {
    key: "teachers",
    table: table(
      "teachers",
      lang,
      [
        ["col.month", "text"],
        ["col.fullTime", "int"],
        ["col.partTime", "int"],
        ["col.volunteer", "int"],
        ["col.unspecified", "int"],
        ["col.total", "int"],
      ],
      rows,
      [
        t("report.total", lang),
        sum("fullTime"),
        sum("partTime"),
        sum("volunteer"),
        sum("unspecified"),
        sum("total"),
      ]
    ),
    chart: chart("teachers", lang, "columnStacked", 0, [1, 2, 3, 4], false),
  };
}

function plan(m: Metrics, lang: Lang): ReportSection | null {
  const p = m.plan;
  if (!p) return null;
  const notStated = t("report.notStated", lang);
  const rows = p.rows.map((x) => [
    x.month,
    x.item,
    x.category || notStated,
    x.planned,
    x.delivered,
    x.planned ? x.delivered / x.planned : null,
  ]);
  return {
    key: "plan",
    table: table(
      "plan",
      lang,
      [
        ["col.planMonth", "text"],
        ["col.planItem", "text"],
        ["col.category", "text"],
        ["col.planned", "int"],
        ["col.delivered", "int"],
        ["col.planCompletion", "percent"],
      ],
      rows,
      [t("report.total", lang), "", "", p.planned, p.delivered, r(p.planCompletion)]
    ),
    chart: null,
  };
}
