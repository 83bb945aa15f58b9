/**
 * The plain data that flows through the engine. Nothing here knows about
 * Excel, the DOM or Node: a door turns its world into a `WorkbookInput` and
 * renders the `ReportSpec` that comes back.
 */

/** Exactly what `range.values`, a custom function's matrix or a file reader hands over. */
export type Grid = ReadonlyArray<ReadonlyArray<unknown>>;

export interface SheetInput {
  name: string;
  /** Cell values, row-major, starting at `origin` (default A1). */
  values: Grid;
  /** Optional number formats (same shape as values), used to tell dates from numbers. */
  numberFormats?: ReadonlyArray<ReadonlyArray<string>>;
  /** 0-based row and column of values[0][0] in the sheet (Office.js used ranges may start below A1). */
  origin?: { row: number; col: number };
  hidden?: boolean;
}

export interface WorkbookInput {
  sheets: SheetInput[];
  /** The workbook uses the 1904 date system (Mac Excel, some old files). */
  date1904?: boolean;
}

export type SheetKind = "enrolment" | "activity" | "population" | "school" | "plan";
export const SHEET_KINDS: readonly SheetKind[] = [
  "enrolment",
  "activity",
  "population",
  "school",
  "plan",
];

export type EnrolmentField =
  | "name"
  | "community"
  | "course"
  | "enrolDate"
  | "idNumber"
  | "gender"
  | "birthDate"
  | "age"
  | "category"
  | "targetGroup"
  | "status"
  | "result"
  | "score"
  | "phone";
export type ActivityField =
  | "date"
  | "community"
  | "title"
  | "participants"
  | "category"
  | "hours"
  | "teacher"
  | "teacherType"
  | "location"
  | "targetGroup";
export type PopulationField = "community" | "residents" | "households" | "target";
export type SchoolField = "name" | "level" | "community" | "type";
export type PlanField = "month" | "item" | "category" | "sessions";

export interface FieldsOf {
  enrolment: EnrolmentField;
  activity: ActivityField;
  population: PopulationField;
  school: SchoolField;
  plan: PlanField;
}
export type AnyField = FieldsOf[SheetKind];

/** field -> 0-based column index within the sheet's values. */
export type ColumnMap = Partial<Record<AnyField, number>>;

/** What the user corrected in the task pane; stored in the workbook. */
export interface SheetOverride {
  /** `null` = "not a data sheet, ignore it". */
  kind?: SheetKind | null;
  /** 1-based header row as the user sees it. */
  headerRow?: number;
  /** field -> 0-based column index, or -1 to unmap a field. */
  columns?: Partial<Record<AnyField, number>>;
}
export type Overrides = Record<string, SheetOverride>;

/** A message that a door renders in the user's language with `i18n.format`. */
export interface Message {
  key: string;
  params?: Record<string, string | number>;
}

export interface SheetDetection {
  name: string;
  hidden: boolean;
  kind: SheetKind | null;
  /** 0..1; 0 when nothing is recognised. */
  confidence: number;
  /** 1-based row number of the (last) header row as the user sees it; 0 when none. */
  headerRow: number;
  /** Field -> 0-based column index (within the sheet, not the values array). */
  columns: ColumnMap;
  /** Header text of each mapped column, for display. */
  headers: Partial<Record<AnyField, string>>;
  /** "matched 姓名, 所属社区, 培训项目, 报名日期" or why nothing matched. */
  explanation: Message;
  /** True when the user's override decided the kind, header row or a column. */
  overridden: boolean;
  /** Counts filled in by validation. */
  dataRows: number;
  skippedRows: number;
}

export type Severity = "error" | "warning" | "info";

export type IssueCode =
  | "missing-required"
  | "bad-date"
  | "bad-number"
  | "bad-enum"
  | "bad-id-number"
  | "unknown-community"
  | "duplicate-enrolment"
  | "id-name-conflict"
  | "out-of-period"
  | "age-mismatch"
  | "gender-mismatch"
  | "id-precision-lost"
  | "rate-over-100"
  | "error-value"
  | "duplicate-community"
  | "duplicate-school"
  | "bad-month"
  | "no-header"
  | "missing-kind"
  | "summary-sheet"
  | "date-without-year"
  | "hidden-copy"
  | "unrated-school"
  | "planned-school"
  | "population-conflict"
  | "duplicate-activity";

export interface Issue {
  code: IssueCode;
  severity: Severity;
  sheet: string;
  /** 1-based row and column as the user sees them; 0 when the issue concerns the whole sheet. */
  row: number;
  col: number;
  /** `学员花名册!F12`; just the sheet name when row/col are 0. */
  cell: string;
  field?: AnyField;
  /** The raw cell value as text (ID and phone numbers masked). */
  value: string;
  message: Message;
}

/** A rate whose denominator is zero: shown as #DIV/0! or "—", serialised as null. Never NaN, never 0. */
export interface DivByZero {
  readonly divByZero: true;
  readonly numerator: number;
}
export type Rate = number | DivByZero;

/** Days since 1970-01-01 (UTC calendar date, no time of day). */
export type EpochDay = number;

export interface Period {
  from: EpochDay;
  to: EpochDay;
}

export interface Filter {
  community?: string;
  category?: string;
  targetGroup?: string;
}

/* ------------------------------------------------------------------ metrics */

export interface Counts {
  /** 人: distinct people with at least one valid enrolment in the period. */
  participants: number;
  /** 人次: valid enrolments in the period, a person enrolled twice in one course counted once. */
  enrolments: number;
  /** 场: valid activity rows in the period. */
  activities: number;
  /** 人次: sum of activity participants. */
  attendance: number;
  /** 课时: sum of activity hours. */
  hours: number;
}

export interface LearnerRates {
  completed: number;
  withStatus: number;
  completionRate: Rate;
  excellent: number;
  qualified: number;
  withResult: number;
  excellenceRate: Rate;
  qualifiedRate: Rate;
}

export interface Overall extends Counts, LearnerRates {
  /** Residents of all communities in the population sheet (0 when there is none). */
  residents: number;
  /** Participants who live in a community of the population sheet. */
  participantsKnown: number;
  participationRate: Rate;
  /** The participation target that applies (population sheet's, else 0.6). */
  target: number;
  /** null when the rate cannot be computed. */
  targetMet: boolean | null;
}

export interface CommunityRow extends Counts {
  community: string;
  /** False for a community that appears in the data but not in the population sheet. */
  inPopulation: boolean;
  residents: number | null;
  participationRate: Rate;
  target: number;
  targetMet: boolean | null;
}

export interface GroupRow extends Counts, LearnerRates {
  /** The category or target group as written (or the "not stated" label key ""). */
  key: string;
}

export interface MonthRow extends Counts {
  /** YYYY-MM */
  month: string;
}

export interface SchoolGroup {
  type: string;
  count: number;
  rated: number;
  excellent: number;
  qualified: number;
  excellenceRate: Rate;
  qualifiedRate: Rate;
}
export interface SchoolStats extends Omit<SchoolGroup, "type"> {
  byType: SchoolGroup[];
}

export type TeacherType = "fullTime" | "partTime" | "volunteer" | "unspecified";
export interface TeacherMonthRow {
  month: string;
  fullTime: number;
  partTime: number;
  volunteer: number;
  unspecified: number;
  total: number;
}
export interface TeacherRow {
  teacher: string;
  type: TeacherType;
  sessions: number;
  hours: number;
}
export interface TeacherStats {
  byMonth: TeacherMonthRow[];
  byTeacher: TeacherRow[];
}

export interface PlanRow {
  /** As written in the plan (三四月, 2021-03 …). */
  month: string;
  /** 1..12 months covered. */
  months: number[];
  item: string;
  category: string;
  planned: number;
  delivered: number;
}
export interface PlanStats {
  rows: PlanRow[];
  planned: number;
  delivered: number;
  planCompletion: Rate;
}

export interface Metrics {
  period: Period;
  filter: Filter;
  overall: Overall;
  byCommunity: CommunityRow[];
  byCategory: GroupRow[];
  byTargetGroup: GroupRow[];
  byMonth: MonthRow[];
  schools: SchoolStats | null;
  teachers: TeacherStats | null;
  plan: PlanStats | null;
  /** Issues that depend on the period: out-of-period, rate-over-100. */
  issues: Issue[];
}

/* ------------------------------------------------------------------ report spec */

export type Lang = "zh-CN" | "en-US";

export type ColumnFormat = "text" | "int" | "decimal" | "percent" | "date";
/** A report cell: null is "not applicable" (a zero denominator) and is shown as "—". */
export type ReportCell = string | number | null;

export interface ReportColumn {
  key: string;
  header: string;
  format: ColumnFormat;
}

export interface ReportTable {
  key: string;
  title: string;
  columns: ReportColumn[];
  rows: ReportCell[][];
  /** A totals row computed by the engine (distinct counts are never summed). */
  totals: ReportCell[] | null;
  /** Caption under the table: period, denominator, 口径. */
  note: string;
  /** Per-cell formats where one column mixes kinds (the overview's values); null = the column's. */
  cellFormats?: (ColumnFormat | null)[][];
  /**
   * One paragraph per row (the 总结 draft): writers do not size columns to it, or the first
   * column of every table above would become a paragraph wide; the text runs on to the right.
   */
  prose?: boolean;
}

export type ChartKind = "columnClustered" | "barClustered" | "line" | "pie" | "columnStacked";

export interface ChartSpec {
  key: string;
  kind: ChartKind;
  title: string;
  /** Key of a table in the same sheet. */
  table: string;
  /** Key of the column holding the categories (a column's key, never its position). */
  categoryColumn: string;
  /** Keys of the columns charted as series, in legend order. */
  seriesColumns: string[];
  valueAxisTitle: string;
  /** Percent-formatted value axis. */
  percentAxis: boolean;
  /** Chart only the first rows of the table body (e.g. communities that have a rate). */
  rowCount?: number;
}

export type SectionKey =
  | "overview"
  | "community"
  | "category"
  | "targetGroup"
  | "month"
  | "schools"
  | "teachers"
  | "plan"
  | "sources"
  | "notReported"
  | "draft";
/** In the order the summary sheet stacks them: the draft last, as it cites the tables above it. */
export const SECTION_KEYS: readonly SectionKey[] = [
  "overview",
  "community",
  "category",
  "targetGroup",
  "month",
  "schools",
  "teachers",
  "plan",
  "sources",
  "notReported",
  "draft",
];

export interface ReportSection {
  key: SectionKey;
  table: ReportTable;
  chart: ChartSpec | null;
}

export interface ReportSheet {
  key: string;
  /** Localized, valid for Excel (≤ 31 characters, none of : \ / ? * [ ]). */
  name: string;
  /** First line: title, period and time of generation. */
  title: string;
  sections: ReportSection[];
}

export interface ReportSpec {
  lang: Lang;
  period: { from: string; to: string };
  generatedAt: string;
  sheets: ReportSheet[];
}
