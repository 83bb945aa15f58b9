/**
 * Sheet kinds, their fields and header synonyms, and the enumerations, as
 * data. Detection and validation read these tables; adding a synonym is a
 * one-line change here and nowhere else.
 */
import type { AnyField, FieldsOf, SheetKind } from "./types";

export type FieldType =
  | "text"
  | "date"
  | "int"
  | "number"
  | "percent"
  | "id"
  | "gender"
  | "status"
  | "result"
  | "level"
  | "teacherType"
  | "month"
  | "phone";

export interface FieldSpec<F extends AnyField = AnyField> {
  field: F;
  required: boolean;
  type: FieldType;
  /** Header synonyms, Chinese and English; matched after normalisation. */
  headers: readonly string[];
  /** Inclusive bounds for numbers. */
  min?: number;
  max?: number;
  /** The lower bound itself is not allowed (hours > 0). */
  minExclusive?: boolean;
  /**
   * A date that may be written without its year (3月5日, in a monthly log): it takes the year the
   * sheet states (see year.ts).
   */
  yearFromSheet?: boolean;
}

export interface KindSpec<K extends SheetKind = SheetKind> {
  kind: K;
  fields: readonly FieldSpec<FieldsOf[K]>[];
}

const enrolment: KindSpec<"enrolment"> = {
  kind: "enrolment",
  fields: [
    {
      field: "name",
      required: true,
      type: "text",
      headers: ["姓名", "学员姓名", "Name", "Learner", "Learner name"],
    },
    {
      field: "community",
      required: true,
      type: "text",
      headers: [
        "所属社区",
        "社区",
        "村(社区)",
        "村（社区）",
        "所在社区",
        "居委会",
        "Community",
        "Village",
      ],
    },
    {
      field: "course",
      required: true,
      type: "text",
      headers: [
        "培训项目",
        "课程",
        "课程名称",
        "班级",
        "项目",
        "Course",
        "Programme",
        "Program",
        "Class",
      ],
    },
    {
      field: "enrolDate",
      required: true,
      type: "date",
      yearFromSheet: true,
      headers: [
        "报名日期",
        "入学日期",
        "登记日期",
        "Enrolment date",
        "Enrollment date",
        "Enrolled",
        "Enrolment",
      ],
    },
    {
      field: "idNumber",
      required: false,
      type: "id",
      headers: [
        "身份证号",
        "身份证号码",
        "证件号码",
        "公民身份号码",
        "学号",
        "ID",
        "ID number",
        "ID No",
        "Learner ID",
      ],
    },
    { field: "gender", required: false, type: "gender", headers: ["性别", "Gender", "Sex"] },
    {
      field: "birthDate",
      required: false,
      type: "date",
      headers: ["出生日期", "出生年月", "Birth date", "Date of birth", "DOB"],
    },
    { field: "age", required: false, type: "int", headers: ["年龄", "Age"], min: 0, max: 120 },
    {
      field: "category",
      required: false,
      type: "text",
      headers: ["类别", "培训类别", "教育类型", "课程类别", "Category", "Type"],
    },
    {
      field: "targetGroup",
      required: false,
      type: "text",
      headers: ["对象", "人群", "人群类别", "学员类别", "Target group", "Group"],
    },
    {
      field: "status",
      required: false,
      type: "status",
      headers: ["学习状态", "结业情况", "状态", "Status"],
    },
    {
      field: "result",
      required: false,
      type: "result",
      headers: ["考核结果", "考核等级", "评定等级", "成绩等级", "Result", "Grade"],
    },
    {
      field: "score",
      required: false,
      type: "number",
      headers: ["成绩", "分数", "考核分数", "Score"],
      min: 0,
      max: 100,
    },
    {
      field: "phone",
      required: false,
      type: "phone",
      headers: ["联系电话", "电话", "手机", "手机号", "Phone", "Mobile"],
    },
  ],
};

const activity: KindSpec<"activity"> = {
  kind: "activity",
  fields: [
    {
      field: "date",
      required: true,
      type: "date",
      yearFromSheet: true,
      headers: ["日期", "活动日期", "活动时间", "培训日期", "Date"],
    },
    {
      field: "community",
      required: true,
      type: "text",
      headers: ["社区", "举办社区", "所属社区", "举办单位", "Community"],
    },
    {
      field: "title",
      required: true,
      type: "text",
      headers: ["活动名称", "活动主题", "主题", "培训内容", "内容", "Activity", "Title", "Topic"],
    },
    {
      field: "participants",
      required: true,
      type: "int",
      headers: ["参加人数", "参与人数", "人数", "参加人次", "Participants", "Attendance"],
      min: 0,
      max: 1_000_000,
    },
    {
      field: "category",
      required: false,
      type: "text",
      headers: ["类别", "活动类别", "活动类型", "Category", "Type"],
    },
    {
      field: "hours",
      required: false,
      type: "number",
      headers: ["课时", "学时", "时长", "Hours"],
      min: 0,
      max: 24,
      minExclusive: true,
    },
    {
      field: "teacher",
      required: false,
      type: "text",
      headers: ["授课教师", "主讲人", "教师", "讲师", "Teacher", "Speaker"],
    },
    {
      field: "teacherType",
      required: false,
      type: "teacherType",
      headers: ["教师类别", "师资类型", "Teacher type"],
    },
    {
      field: "location",
      required: false,
      type: "text",
      headers: ["地点", "活动地点", "Location", "Venue"],
    },
    {
      field: "targetGroup",
      required: false,
      type: "text",
      headers: ["对象", "参加对象", "Target group"],
    },
  ],
};

const population: KindSpec<"population"> = {
  kind: "population",
  fields: [
    {
      field: "community",
      required: true,
      type: "text",
      headers: ["社区", "社区名称", "村(社区)", "村（社区）", "Community"],
    },
    {
      field: "residents",
      required: true,
      type: "int",
      headers: ["常住人口", "居民人数", "人口", "人口数", "Residents", "Population"],
      min: 1,
      max: 100_000_000,
    },
    {
      field: "households",
      required: false,
      type: "int",
      headers: ["户数", "Households"],
      min: 0,
      max: 100_000_000,
    },
    {
      field: "target",
      required: false,
      type: "percent",
      headers: ["参与率目标", "目标参与率", "Participation target", "Target"],
    },
  ],
};

const school: KindSpec<"school"> = {
  kind: "school",
  fields: [
    {
      field: "name",
      required: true,
      type: "text",
      headers: ["学校名称", "学校", "名称", "School"],
    },
    {
      field: "level",
      required: true,
      type: "level",
      headers: ["评估等级", "等级", "评定结果", "Level", "Rating"],
    },
    {
      field: "community",
      required: false,
      type: "text",
      headers: ["所属社区", "社区", "村", "Community"],
    },
    { field: "type", required: false, type: "text", headers: ["类型", "学校类型", "Type"] },
  ],
};

const plan: KindSpec<"plan"> = {
  kind: "plan",
  fields: [
    {
      field: "month",
      required: true,
      type: "month",
      headers: ["月份", "时间", "计划时间", "Month"],
    },
    { field: "item", required: true, type: "text", headers: ["项目", "内容", "计划内容", "Item"] },
    { field: "category", required: false, type: "text", headers: ["类别", "Category"] },
    {
      field: "sessions",
      required: false,
      type: "int",
      headers: ["计划次数", "场次", "Planned sessions", "Sessions"],
      min: 1,
      max: 10_000,
    },
  ],
};

export const KINDS: { readonly [K in SheetKind]: KindSpec<K> } = {
  enrolment,
  activity,
  population,
  school,
  plan,
};

export function fieldSpec<K extends SheetKind>(
  kind: K,
  field: FieldsOf[K]
): FieldSpec<FieldsOf[K]> {
  const spec = (KINDS[kind].fields as readonly FieldSpec<FieldsOf[K]>[]).find(
    (f) => f.field === field
  );
  if (!spec) throw new Error(`unknown field ${kind}.${String(field)}`);
  return spec;
}

/* ------------------------------------------------------------------ enumerations */

export type Gender = "M" | "F";
/** 在读 / 结业 / 退学 */
export type Status = "enrolled" | "completed" | "withdrawn";
/** 优秀 / 良好 / 合格 / 不合格 */
export type Result = "excellent" | "good" | "pass" | "fail";
/** 优秀 / 合格 / 不合格 (schools) */
export type Level = "excellent" | "qualified" | "unqualified";
export type TeacherKind = "fullTime" | "partTime" | "volunteer";

/** Normalised spellings (see `headerKey`) to values. */
export const ENUMS = {
  gender: { 男: "M", 女: "F", m: "M", f: "F", male: "M", female: "F", 男性: "M", 女性: "F" },
  status: {
    在读: "enrolled",
    在学: "enrolled",
    在校: "enrolled",
    学习中: "enrolled",
    enrolled: "enrolled",
    studying: "enrolled",
    active: "enrolled",
    结业: "completed",
    已结业: "completed",
    毕业: "completed",
    已毕业: "completed",
    完成: "completed",
    已完成: "completed",
    completed: "completed",
    graduated: "completed",
    finished: "completed",
    退学: "withdrawn",
    已退学: "withdrawn",
    中途退出: "withdrawn",
    退出: "withdrawn",
    withdrawn: "withdrawn",
    dropped: "withdrawn",
    droppedout: "withdrawn",
  },
  result: {
    优秀: "excellent",
    优: "excellent",
    excellent: "excellent",
    良好: "good",
    良: "good",
    good: "good",
    合格: "pass",
    及格: "pass",
    通过: "pass",
    pass: "pass",
    passed: "pass",
    不合格: "fail",
    不及格: "fail",
    未通过: "fail",
    fail: "fail",
    failed: "fail",
  },
  level: {
    优秀: "excellent",
    excellent: "excellent",
    示范: "excellent",
    合格: "qualified",
    达标: "qualified",
    qualified: "qualified",
    pass: "qualified",
    不合格: "unqualified",
    未达标: "unqualified",
    unqualified: "unqualified",
    fail: "unqualified",
  },
  teacherType: {
    专职: "fullTime",
    专职教师: "fullTime",
    fulltime: "fullTime",
    兼职: "partTime",
    兼职教师: "partTime",
    parttime: "partTime",
    志愿者: "volunteer",
    志愿: "volunteer",
    volunteer: "volunteer",
  },
} as const satisfies Record<string, Record<string, string>>;

/* ------------------------------------------------------------------ rows that are not data */

/** The whole first non-empty cell of a total row (compared as a header key: `合 计：` is 合计). */
export const TOTAL_MARKERS: readonly string[] = [
  "合计",
  "总计",
  "小计",
  "累计",
  "total",
  "grandtotal",
  "subtotal",
  "sum",
];
/**
 * Starts of footer rows, and of the instruction and example rows templates put under the
 * header (必填 / 示例 …, docs/design/domain-notes.md §2.11).
 */
export const FOOTER_PREFIXES: readonly string[] = [
  "填表人",
  "审核人",
  "审核:",
  "单位负责人",
  "负责人:",
  "制表",
  "备注:",
  "填表说明",
  "填写说明",
  "说明:",
  "注:",
  "必填",
  "选填",
  "示例",
  "例:",
  "note:",
  "notes:",
  "remark:",
  "remarks:",
];

/** Grand totals, which pivot tables end with (a kind of total row). */
export const GRAND_TOTAL_MARKERS: readonly string[] = ["总计", "Grand Total"];

/* ------------------------------------------------------------------ summaries, not records */

/**
 * How a pivot table's value header begins (WPS and Excel, Chinese and English: 计数项:姓名,
 * Count of Name): an aggregate, never a field header, and proof that the sheet is pivot output.
 */
export const AGGREGATE_PREFIXES: readonly string[] = [
  "计数项",
  "求和项",
  "平均值项",
  "最大值项",
  "最小值项",
  "乘积项",
  "数值计数项",
  "标准偏差项",
  "总体标准偏差项",
  "方差项",
  "总体方差项",
  "Count of",
  "Sum of",
  "Average of",
  "Max of",
  "Min of",
  "Product of",
  "Count Numbers of",
  "StdDev of",
  "StdDevp of",
  "Var of",
  "Varp of",
];
/** Labels only a pivot table writes (compared as header keys). */
export const PIVOT_LABELS: readonly string[] = ["行标签", "列标签", "Row Labels", "Column Labels"];
/** A pivot's subtotal row: `六角社区 汇总`, `Liujiao Total` (normalised text). */
export const PIVOT_SUBTOTAL = /\s(?:汇总|total)$/i;
/** A sheet name or title that says the sheet summarises others. */
export const SUMMARY_TITLE = /汇总|统计表|小结|summary|statistics/i;
/**
 * A header that begins with one of these names a report's figure or metadata (上报日期, 主要活动内容,
 * 累计人次, 总课时), not a record's field: it never matches a synonym it merely begins or ends with.
 */
export const REPORT_QUALIFIERS: readonly string[] = [
  "上报",
  "填报",
  "报送",
  "统计",
  "汇总",
  "合计",
  "累计",
  "小计",
  "总",
  "主要",
];

/** A school row that says it does not exist yet or has not been assessed (not a school yet). */
export const PLANNED_SCHOOL = /计划创建|计划新建|筹建|拟建|待建|待评估|\bplanned\b|pending/i;

/** The participation target when the population sheet does not give one (docs/data-model.md: 60%). */
export const DEFAULT_TARGET = 0.6;
/** Headers are searched for in this many rows from the top. */
export const HEADER_SEARCH_ROWS = 20;
