/**
 * The language of the custom functions' error messages and spilled headers, and the few
 * messages that are the functions' own (the engine's catalogue in core/i18n covers the rest).
 *
 * The language is decided once, lazily: what the shared runtime set with
 * `setFunctionsLanguage`, else Office's display language when office.js is loaded, else zh-CN
 * (CEDU's users are Chinese community-education offices).
 */
import { fillTemplate, normalizeLang } from "../core";
import type { Lang } from "../core";

let language: Lang | null = null;

/** Called by the shared runtime once Office is ready (e.g. with Office.context.displayLanguage). */
export function setFunctionsLanguage(tag: string | null | undefined): void {
  language = tag ? normalizeLang(tag) : null;
}

export function functionsLanguage(): Lang {
  if (language) return language;
  try {
    const office = (globalThis as { Office?: { context?: { displayLanguage?: string } } }).Office;
    const tag = office?.context?.displayLanguage;
    if (tag) return normalizeLang(tag);
  } catch {
    // Office not ready: fall through.
  }
  return "zh-CN";
}

const zh = {
  unknownCommunity: "找不到社区“{community}”：请检查名称是否与数据中的社区一致",
  notInPopulation: "社区“{community}”不在社区人口表中，无法计算参与率",
  unknownSchoolType: "学校名单中没有类型为“{type}”的学校",
  badDate: "“{value}”不是有效日期：请输入日期、2025-03-01 这样的文本或年份",
  badPeriod: "统计期无效：开始日期晚于结束日期",
  noHeader: "{role}区域中没有可识别的{kind}表头。{detail}",
  needsSource: "缺少{kind}区域：给出数据区域时，请同时给出{kind}区域（第 {position} 个参数）",
  modelMissingKind: "工作簿中没有识别出{kind}：请在 CEDU 任务窗格中检查工作表识别结果",
  notReady: "CEDU 尚未读取工作簿：请打开 CEDU 任务窗格，或在参数中给出数据区域",
  readFailed:
    "CEDU 多次尝试后仍无法读取工作簿（{code}）：请在 CEDU 任务窗格的“公式”页点击“重新读取”",
  badNumber: "参数不是数字",
  internal: "CEDU 无法计算此函数：请检查参数",
  tooManyIssues: "另有 {count} 条问题未列出：请在 CEDU 任务窗格中查看全部问题",
  noIssues: "没有发现问题",
  colCell: "单元格",
  colCode: "问题代码",
  colSeverity: "级别",
  colMessage: "说明",
  role_roster: "花名册",
  role_population: "人口",
  role_activities: "活动",
  role_schools: "学校",
};

const en: typeof zh = {
  unknownCommunity: "No community named “{community}”: check the name against the data",
  notInPopulation:
    "Community “{community}” is not in the population sheet, so it has no participation rate",
  unknownSchoolType: "The school list has no school of type “{type}”",
  badDate: "“{value}” is not a date: give a date, text such as 2025-03-01, or a year",
  badPeriod: "Invalid period: the start date is after the end date",
  noHeader: "No {kind} header recognised in the {role} range. {detail}",
  needsSource:
    "Missing {kind} range: when data ranges are given, give the {kind} range too (argument {position})",
  modelMissingKind: "No {kind} recognised in this workbook: check the sheets in the CEDU task pane",
  notReady:
    "CEDU has not read the workbook yet: open the CEDU task pane, or give the data ranges as arguments",
  readFailed:
    "CEDU could not read the workbook after several attempts ({code}): choose “Read again” on the Formulas tab of the CEDU task pane",
  badNumber: "The argument is not a number",
  internal: "CEDU could not compute this function: check its arguments",
  tooManyIssues: "{count} more issues not listed: see all of them in the CEDU task pane",
  noIssues: "No issues found",
  colCell: "Cell",
  colCode: "Code",
  colSeverity: "Severity",
  colMessage: "Message",
  role_roster: "roster",
  role_population: "population",
  role_activities: "activities",
  role_schools: "schools",
};

export type FnMessageKey = keyof typeof zh;

/** A message of the functions in the current language, with `{name}` placeholders filled. */
export function fnText(
  key: FnMessageKey,
  params: Record<string, string | number> = {},
  lang: Lang = functionsLanguage()
): string {
  const template = (lang === "zh-CN" ? zh : en)[key];
  return fillTemplate(template, params);
}
