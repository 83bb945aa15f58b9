/**
 * Turns figures into a declarative summary: titled tables with column
 * formats and engine-computed totals, and the charts that go beside them.
 * The Excel writer and the .xlsx writer draw the same spec.
 *
 * One summary sheet with sections stacked top to bottom, each chart beside
 * its table: staff copy sections into their 工作总结 one by one, and one
 * generated sheet is one thing to find, replace or delete.
 */
import { isoFromEpochDay } from "../cells";
import { t, type MessageKey } from "../i18n";
import { rateValue } from "../rate";
import type {
  ChartSpec,
  ColumnFormat,
  Lang,
  Metrics,
  Rate,
  ReportCell,
  ReportColumn,
  ReportSection,
  ReportSpec,
  ReportTable,
  SectionKey,
} from "../types";
import { SECTION_KEYS } from "../types";

import type { District } from "../district/consolidate";
import { reportTable, type TableDescriptor } from "./columns";
import {
  CATEGORY_TABLE,
  COMMUNITY_TABLE,
  knownCommunities,
  MONTH_TABLE,
  NOT_REPORTED_TABLE,
  PLAN_TABLE,
  SOURCES_TABLE,
  type DistrictSource,
  SCHOOLS_TABLE,
  TARGET_GROUP_TABLE,
  TEACHERS_TABLE,
} from "./tables";

export interface ReportOptions {
  lang: Lang;
  /** Sections to include (default: every section the data supports). */
  sections?: readonly SectionKey[];
  /** Local time of generation as shown to the user, e.g. "2026-11-23 09:30". */
  generatedAt?: string;
  /** Several workbooks merged: their by-source and not-reported sections. */
  district?: District | null;
  /** The 工作总结 draft as a table (core/draft's draftTable), for the 总结 section. */
  draft?: ReportTable | null;
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

/** Sections the figures can fill (the district's only when several workbooks are merged). */
export function availableSections(
  m: Metrics,
  extras: { district?: District | null } = {}
): SectionKey[] {
  const data = m.overall.enrolments + m.overall.activities > 0;
  const has: Record<SectionKey, boolean> = {
    overview: true,
    community: m.byCommunity.length > 0,
    category: m.byCategory.length > 0,
    targetGroup: m.byTargetGroup.length > 0,
    month: data,
    schools: m.schools !== null,
    teachers: m.teachers !== null,
    plan: m.plan !== null,
    sources: Boolean(extras.district),
    notReported: Boolean(extras.district),
    // Sections with no data are left out of the draft: with no figures at all there is no draft.
    draft: data || m.schools !== null || m.plan !== null,
  };
  return SECTION_KEYS.filter((k) => has[k]);
}

export function buildReport(m: Metrics, options: ReportOptions): ReportSpec {
  const { lang } = options;
  const district = options.district ?? null;
  const wanted = new Set(options.sections ?? SECTION_KEYS);
  const period = { from: isoFromEpochDay(m.period.from), to: isoFromEpochDay(m.period.to) };
  const generatedAt = options.generatedAt ?? localTime(new Date());
  const builders: Record<SectionKey, () => ReportSection | null> = {
    overview: () => overview(m, lang),
    community: () => community(m, lang),
    category: () =>
      section(
        CATEGORY_TABLE,
        m,
        lang,
        chart("category", lang, "barClustered", "category", ["enrolments"], false)
      ),
    targetGroup: () =>
      section(
        TARGET_GROUP_TABLE,
        m,
        lang,
        chart("targetGroup", lang, "barClustered", "targetGroup", ["participants"], false)
      ),
    month: () =>
      section(
        MONTH_TABLE,
        m,
        lang,
        chart("month", lang, "line", "month", ["activities", "attendance"], false)
      ),
    schools: () =>
      m.schools
        ? section(
            SCHOOLS_TABLE,
            m,
            lang,
            chart(
              "schools",
              lang,
              "columnClustered",
              "type",
              ["excellenceRate", "qualifiedRate"],
              true
            )
          )
        : null,
    teachers: () =>
      m.teachers
        ? section(
            TEACHERS_TABLE,
            m,
            lang,
            chart(
              "teachers",
              lang,
              "columnStacked",
              "month",
              ["fullTime", "partTime", "volunteer", "unspecified"],
              false
            )
          )
        : null,
    plan: () => (m.plan ? section(PLAN_TABLE, m, lang, null) : null),
    sources: () => (district ? districtSection(SOURCES_TABLE, district, m, lang) : null),
    notReported: () => (district ? districtSection(NOT_REPORTED_TABLE, district, m, lang) : null),
    draft: () => (options.draft ? { key: "draft", table: options.draft, chart: null } : null),
  };
  const sections = availableSections(m, { district })
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

function districtSection<Row>(
  table: TableDescriptor<Row, DistrictSource>,
  district: District,
  m: Metrics,
  lang: Lang
): ReportSection {
  const source = { district, period: m.period };
  const words =
    table.key === "notReported" && district.notReported.length === 0
      ? { note: t("district.allReported", lang) }
      : {};
  return {
    key: table.key as SectionKey,
    table: reportTable(table, source, lang, words),
    chart: null,
  };
}

/** A section drawn from its table's descriptor, with the chart that goes beside it. */
function section<Row>(
  table: TableDescriptor<Row, Metrics>,
  m: Metrics,
  lang: Lang,
  chartSpec: ChartSpec | null
): ReportSection {
  return { key: table.key as SectionKey, table: reportTable(table, m, lang), chart: chartSpec };
}

function chart(
  key: SectionKey,
  lang: Lang,
  kind: ChartSpec["kind"],
  categoryColumn: string,
  seriesColumns: string[],
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
    table: {
      key: "overview",
      title: t("section.overview", lang),
      columns: columns(lang, [
        ["col.indicator", "text"],
        ["col.value", "decimal"],
        ["col.unit", "text"],
      ]),
      rows: rows.map(([k, v, unit]) => [t(k, lang), v, unit ? t(unit, lang) : ""]),
      totals: null,
      note: t("note.overview", lang),
      cellFormats: rows.map(([, , , f]) => [null, f, null]),
    },
    chart: null,
  };
}

function community(m: Metrics, lang: Lang): ReportSection {
  const known = knownCommunities(m);
  // Only communities with a rate are charted: they come first in byCommunity.
  const rated =
    known > 0
      ? chart(
          "community",
          lang,
          "columnClustered",
          "community",
          ["participationRate", "target"],
          true,
          known
        )
      : null;
  return section(COMMUNITY_TABLE, m, lang, rated);
}
