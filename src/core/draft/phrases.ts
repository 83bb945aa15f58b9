/**
 * The draft's wording in zh-CN (the offices' official register: 全年共开展活动…，
 * 比上年增长…，超额完成…的目标) and en-US. Placeholders `{name}` are filled
 * with figures and names by the builder; both languages have every key.
 */
import type { Lang } from "../types";
import type { DraftSectionKey } from "./types";

const zh = {
  "title.year": "{year}年社区教育工作总结",
  "title.firstHalf": "{year}年上半年社区教育工作总结",
  "title.secondHalf": "{year}年下半年社区教育工作总结",
  "title.other": "社区教育工作总结（{from}至{to}）",

  "intro.period": "现将{from}至{to}的社区教育工作情况总结如下",
  "intro.compareData": "文中“比上年”均与上年同期（{from}至{to}）相比",
  "intro.compareFile": "文中“比上年”均与对比工作簿“{file}”中上年同期（{from}至{to}）的数据相比",
  "intro.empty": "本期没有可汇总的数据",

  "when.year": "全年",
  "when.firstHalf": "上半年",
  "when.secondHalf": "下半年",
  "when.other": "本期",

  "heading.schools": "学校建设",
  "heading.training": "教育培训",
  "heading.activities": "活动开展",
  "heading.teachers": "师资队伍",
  "heading.plan": "计划完成",

  "schools.count": "{when}共有各类学校{count}",
  "schools.types": "其中{list}",
  "schools.type": "{name}{count}",
  "schools.countChange": "比上年{change}",
  "schools.rated": "已评估{rated}",
  "schools.assessed": "经评估",
  "schools.qualified": "合格及以上{qualified}，合格率{rate}",
  "schools.excellent": "优秀{excellent}，优秀率{rate}",
  "schools.byType": "{name}优秀{excellent}，优秀率{rate}",
  "schools.byTypeLead": "其中",

  "training.people": "{when}共有{participants}参加各类培训，报名{enrolments}",
  "training.participantsChange": "参训人数比上年{change}",
  "training.enrolmentsChange": "报名人次{change}",
  "training.rate": "居民参与率达{rate}（常住人口{residents}）",
  "training.above": "超额完成{target}的目标，{gap}",
  "training.met": "达到{target}的目标",
  "training.below": "未达到{target}的目标，{gap}",
  "training.rateChange": "比上年{change}",
  "training.learners": "其中新学员{new}，老学员{returning}，老学员占{share}",
  "training.outcomeLead": "学员",
  "training.completion": "结业率{rate}",
  "training.excellence": "优秀率{rate}",
  "training.qualified": "合格率{rate}",
  "training.outcomeChange": "（比上年{change}）",
  "training.categories": "报名人次较多的类别是{list}",
  "training.groups": "按人群分，报名人次较多的是{list}",
  "training.item": "{name}（{count}）",
  "training.communities": "分社区看，{best}参与率最高，为{high}；{worst}最低，为{low}",

  "activities.main": "{when}共开展活动{activities}，参与{attendance}",
  "activities.hours": "累计{hours}",
  "activities.activitiesChange": "活动场次比上年{change}",
  "activities.attendanceChange": "参与人次{change}",
  "activities.categories": "活动较多的类别是{list}",

  "teachers.count": "{when}共有授课教师{teachers}",
  "teachers.byType": "按教师类别统计，{list}",
  "teachers.fullTime": "专职教师授课{count}",
  "teachers.partTime": "兼职教师授课{count}",
  "teachers.volunteer": "志愿者授课{count}",
  "teachers.unspecified": "未注明类别{count}",

  "plan.main": "{when}计划安排{planned}，已完成{delivered}，计划完成率{rate}",
  "plan.change": "比上年{change}",
  "plan.open": "尚未完成的项目主要有{list}",
  "plan.openMore": "{list}等",
  "plan.done": "各项计划均已完成",

  "table.title": "主要指标",
  "table.label": "指标",
  "table.value": "本期",
  "table.target": "目标",
  "table.previous": "上年同期",
  "table.change": "比上年",
} as const;

export type PhraseKey = keyof typeof zh;

const en: Record<PhraseKey, string> = {
  "title.year": "Community education work summary for {year}",
  "title.firstHalf": "Community education work summary for the first half of {year}",
  "title.secondHalf": "Community education work summary for the second half of {year}",
  "title.other": "Community education work summary, {from} to {to}",

  "intro.period": "This summary covers community education from {from} to {to}",
  "intro.compareData": "Changes are against the same period of the previous year ({from} to {to})",
  "intro.compareFile":
    "Changes are against the same period of the previous year ({from} to {to}) in the workbook “{file}”",
  "intro.empty": "There is no data to summarise for this period",

  "when.year": "In {year},",
  "when.firstHalf": "In the first half of {year},",
  "when.secondHalf": "In the second half of {year},",
  "when.other": "In this period,",

  "heading.schools": "Schools",
  "heading.training": "Education and training",
  "heading.activities": "Activities",
  "heading.teachers": "Teaching staff",
  "heading.plan": "Plan delivery",

  "schools.count": "{when} there were {count}",
  "schools.types": "of which {list}",
  "schools.type": "{name}: {count}",
  "schools.countChange": "{change} on the previous year",
  "schools.rated": "{rated} were rated",
  "schools.assessed": "Of the schools rated",
  "schools.qualified": "{qualified} were qualified or better, a qualified rate of {rate}",
  "schools.excellent": "{excellent} excellent, an excellence rate of {rate}",
  "schools.byType": "{name}: {excellent} excellent, an excellence rate of {rate}",
  "schools.byTypeLead": "By type, ",

  "training.people": "{when} {participants} took part in training, with {enrolments}",
  "training.participantsChange": "the number of learners was {change} on the previous year",
  "training.enrolmentsChange": "enrolments were {change}",
  "training.rate": "The residents' participation rate reached {rate} (of {residents})",
  "training.above": "exceeding the {target} target by {gap}",
  "training.met": "meeting the {target} target",
  "training.below": "short of the {target} target by {gap}",
  "training.rateChange": "{change} on the previous year",
  "training.learners":
    "Of these, {new} were new and {returning} had also taken part in the previous period, a returning share of {share}",
  "training.outcomeLead": "Learners' ",
  "training.completion": "completion rate {rate}",
  "training.excellence": "excellence rate {rate}",
  "training.qualified": "qualified rate {rate}",
  "training.outcomeChange": " ({change} on the previous year)",
  "training.categories": "The categories with the most enrolments were {list}",
  "training.groups": "By target group, most enrolments came from {list}",
  "training.item": "{name} ({count})",
  "training.communities":
    "By community, the participation rate was highest in {best} ({high}) and lowest in {worst} ({low})",

  "activities.main": "{when} {activities} were held, with {attendance}",
  "activities.hours": "totalling {hours}",
  "activities.activitiesChange": "activities were {change} on the previous year",
  "activities.attendanceChange": "attendance was {change}",
  "activities.categories": "The categories with the most activities were {list}",

  "teachers.count": "{when} {teachers} taught",
  "teachers.byType": "By teacher type: {list}",
  "teachers.fullTime": "full-time teachers led {count}",
  "teachers.partTime": "part-time teachers led {count}",
  "teachers.volunteer": "volunteers led {count}",
  "teachers.unspecified": "type not stated for {count}",

  "plan.main":
    "{when} the plan scheduled {planned}; {delivered} were delivered, a plan completion rate of {rate}",
  "plan.change": "{change} on the previous year",
  "plan.open": "Items not yet delivered include {list}",
  "plan.openMore": "{list} and others",
  "plan.done": "Every planned item was delivered",

  "table.title": "Key figures",
  "table.label": "Indicator",
  "table.value": "This period",
  "table.target": "Target",
  "table.previous": "Last year",
  "table.change": "Change",
};

const PHRASES: Record<Lang, Record<PhraseKey, string>> = { "zh-CN": zh, "en-US": en };

export function phrase(key: PhraseKey, lang: Lang): string {
  return PHRASES[lang][key];
}

/** Punctuation of the register: clauses, groups of clauses, sentence end, lists. */
export interface Punctuation {
  clause: string;
  group: string;
  end: string;
  sentenceGap: string;
  listItem: string;
  listLast: string;
}

export const PUNCTUATION: Record<Lang, Punctuation> = {
  "zh-CN": {
    clause: "，",
    group: "；",
    end: "。",
    sentenceGap: "",
    listItem: "、",
    listLast: "、",
  },
  "en-US": {
    clause: ", ",
    group: "; ",
    end: ".",
    sentenceGap: " ",
    listItem: ", ",
    listLast: " and ",
  },
};

const ZH_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];

/** 一、学校建设 / I. Schools: numbered by position, so a left-out section leaves no gap. */
export function heading(key: DraftSectionKey, position: number, lang: Lang): string {
  const name = phrase(`heading.${key}`, lang);
  return lang === "zh-CN" ? `${ZH_NUMERALS[position]}、${name}` : `${ROMAN[position]}. ${name}`;
}
