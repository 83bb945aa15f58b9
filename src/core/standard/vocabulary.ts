/**
 * The one word per enumeration value that the standard workbook writes and offers in its
 * drop-downs, in each language. Every word is one of the schema's own spellings (ENUMS), so the
 * engine reads it back as the same value (tested); the schema stays the only place that says
 * what a spelling means.
 */
import type { Gender, Level, Result, Status, TeacherKind } from "../schema";
import type { Lang } from "../types";

export type EnumName = "gender" | "status" | "result" | "level" | "teacherType";

interface EnumValues {
  gender: Gender;
  status: Status;
  result: Result;
  level: Level;
  teacherType: TeacherKind;
}

type Words = { readonly [E in EnumName]: { readonly [V in EnumValues[E]]: string } };

const WORDS: Record<Lang, Words> = {
  "zh-CN": {
    gender: { M: "男", F: "女" },
    status: { enrolled: "在读", completed: "结业", withdrawn: "退学" },
    result: { excellent: "优秀", good: "良好", pass: "合格", fail: "不合格" },
    level: { excellent: "优秀", qualified: "合格", unqualified: "不合格" },
    teacherType: { fullTime: "专职", partTime: "兼职", volunteer: "志愿者" },
  },
  "en-US": {
    gender: { M: "Male", F: "Female" },
    status: { enrolled: "Enrolled", completed: "Completed", withdrawn: "Withdrawn" },
    result: { excellent: "Excellent", good: "Good", pass: "Pass", fail: "Fail" },
    level: { excellent: "Excellent", qualified: "Qualified", unqualified: "Unqualified" },
    teacherType: { fullTime: "Full-time", partTime: "Part-time", volunteer: "Volunteer" },
  },
};

/** The drop-down of an enumeration, in the order staff expect (best first, 男 before 女). */
export function enumWords(name: EnumName, lang: Lang): string[] {
  return Object.values(WORDS[lang][name]);
}

/** The standard word for an enumeration value. */
export function enumWord<E extends EnumName>(name: E, value: EnumValues[E], lang: Lang): string {
  return (WORDS[lang][name] as Record<string, string>)[value];
}

/**
 * The target groups of docs/data-model.md. Unlike the enumerations, a target group is free text
 * to the engine (figures are grouped by the words as written), so the drop-down suggests these
 * and lets staff keep another group after a warning.
 */
const TARGET_GROUPS: Record<Lang, readonly string[]> = {
  "zh-CN": [
    "老年人",
    "青少年",
    "失业人员",
    "失地农民",
    "残疾人",
    "外来务工人员",
    "党员",
    "企业职工",
    "其他",
  ],
  "en-US": [
    "Older people",
    "Young people",
    "Unemployed",
    "Landless farmers",
    "Disabled people",
    "Migrant workers",
    "Party members",
    "Employees",
    "Other",
  ],
};

export function targetGroups(lang: Lang): string[] {
  return [...TARGET_GROUPS[lang]];
}
