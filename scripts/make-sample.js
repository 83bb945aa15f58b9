#!/usr/bin/env node
/**
 * Writes samples/community-school-2025.xlsx: the workbook of a street community-education
 * centre for 2025, kept the way staff really keep it (title rows, mixed date forms, IDs typed
 * as numbers by mistake, totals and a 填表人 footer), with a handful of planted problems that
 * CEDU must find.
 *
 * Deterministic: a seeded PRNG, no clock. The logical data (before it is written into cells)
 * is exported so that tests can recompute every figure independently.
 *
 *   node scripts/make-sample.js [output.xlsx]
 */
"use strict";
const path = require("path");

/* ------------------------------------------------------------------ deterministic helpers */

function mulberry32(seed) {
  let a = seed >>> 0;
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(20250101);
const pick = (list) => list[Math.floor(rand() * list.length)];
const between = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pad = (n, w) => String(n).padStart(w, "0");

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";
/** ISO 7064 MOD 11-2 check character of the first 17 digits of a PRC resident ID. */
function idCheckChar(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/* ------------------------------------------------------------------ the street */

const STREET = "六角街道";
const YEAR = 2025;

/** 社区人口. target null = left blank (the 60% default applies). */
const POPULATION = [
  { community: "六角社区", residents: 3260, households: 1185, target: 0.6 },
  { community: "金阳村", residents: 1840, households: 532, target: 0.5 },
  { community: "东湖社区", residents: 2715, households: 948, target: 0.6 },
  { community: "西苑社区", residents: 2108, households: 701, target: 0.65 },
  { community: "南山村", residents: 1532, households: 447, target: null },
  { community: "北塘社区", residents: 2396, households: 823, target: 0.6 },
];
const COMMUNITIES = POPULATION.map((p) => p.community);
/** Area codes (6 digits) of the ID numbers, one per community. */
const AREA = {
  六角社区: "420111",
  金阳村: "420111",
  东湖社区: "420106",
  西苑社区: "420111",
  南山村: "420115",
  北塘社区: "420106",
};

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘".split(
  ""
);
const GIVEN_M = [
  "建国",
  "建华",
  "志强",
  "伟",
  "军",
  "勇",
  "涛",
  "明",
  "超",
  "刚",
  "国强",
  "德明",
  "海波",
  "振华",
  "文斌",
  "子轩",
  "浩然",
  "宇航",
];
const GIVEN_F = [
  "秀英",
  "桂英",
  "丽",
  "敏",
  "静",
  "芳",
  "艳",
  "娟",
  "霞",
  "平",
  "玉兰",
  "淑珍",
  "海燕",
  "红梅",
  "春花",
  "雨涵",
  "欣怡",
  "梓萱",
];

/** Courses: name, category, the target groups that take it. */
const COURSES = [
  {
    course: "信息技术培训",
    category: "信息技术",
    groups: ["老年人", "失业人员", "外来务工人员", "企业职工"],
  },
  { course: "老年健康教育", category: "老年健康", groups: ["老年人"] },
  { course: "书法绘画", category: "书法绘画", groups: ["老年人", "青少年"] },
  { course: "歌舞", category: "文体艺术", groups: ["老年人", "企业职工"] },
  {
    course: "法律知识讲座",
    category: "法律知识",
    groups: ["外来务工人员", "失地农民", "企业职工"],
  },
  {
    course: "转岗就业培训",
    category: "就业培训",
    groups: ["失业人员", "失地农民", "外来务工人员"],
  },
  { course: "优生优育讲座", category: "计划生育", groups: ["外来务工人员", "企业职工"] },
  { course: "科普知识", category: "科普", groups: ["青少年", "老年人"] },
  { course: "公民道德教育", category: "公民道德", groups: ["党员", "青少年"] },
  { course: "党员教育", category: "党员教育", groups: ["党员"] },
];
const BIRTH_YEARS = {
  老年人: [1942, 1964],
  青少年: [2008, 2012],
  失业人员: [1972, 1996],
  外来务工人员: [1978, 2001],
  失地农民: [1960, 1985],
  党员: [1950, 1990],
  企业职工: [1975, 2001],
};

let sequence = 100;
function makeId(community, gender, birthYear) {
  const month = between(1, 12);
  const day = between(1, 28);
  sequence += between(1, 7);
  // 17th digit: odd = male, even = female.
  let seq = pad(sequence % 1000, 3);
  const last = Number(seq[2]);
  if ((last % 2 === 1) !== (gender === "男")) seq = seq.slice(0, 2) + String((last + 1) % 10);
  const first17 = AREA[community] + pad(birthYear, 4) + pad(month, 2) + pad(day, 2) + seq;
  return first17 + idCheckChar(first17);
}

function makePerson(community, group) {
  const gender = group === "老年人" ? (rand() < 0.62 ? "女" : "男") : rand() < 0.5 ? "女" : "男";
  const name = pick(SURNAMES) + pick(gender === "男" ? GIVEN_M : GIVEN_F);
  const [lo, hi] = BIRTH_YEARS[group];
  return {
    name,
    gender,
    community,
    id: makeId(community, gender, between(lo, hi)),
    phone: "1" + pick(["38", "39", "58", "86", "37"]) + pad(between(0, 99999999), 8),
  };
}

function outcome() {
  const r = rand();
  if (r < 0.6) {
    const g = rand();
    return {
      status: "结业",
      result: g < 0.25 ? "优秀" : g < 0.55 ? "良好" : g < 0.9 ? "合格" : "不合格",
    };
  }
  if (r < 0.8) return { status: "在读", result: null };
  if (r < 0.88) return { status: "退学", result: null };
  return { status: null, result: rand() < 0.5 ? pick(["良好", "合格"]) : null };
}

function enrolDate() {
  const m = between(2, 11);
  return { y: YEAR, m, d: between(1, 28) };
}

/** Date forms as staff type them: 0 real Excel date, "iso" 2025-03-05, "cn" 2025年4月8日, "dot" 2025.5.6. */
function dateForm(i) {
  const k = i % 10;
  return k === 3 ? "iso" : k === 6 ? "cn" : k === 8 ? "dot" : "date";
}

/* ------------------------------------------------------------------ 学员花名册 (logical rows) */

function rosterRow(person, c, date, extra = {}) {
  const o = outcome();
  return {
    name: person.name,
    gender: person.gender,
    id: person.id,
    community: person.community,
    communityText: person.community,
    course: c.course,
    category: c.category,
    targetGroup: person.group,
    date,
    status: o.status,
    result: o.result,
    phone: person.phone,
    ...extra,
  };
}

function buildRoster() {
  const rows = [];
  for (let i = 0; i < 100; i++) {
    const community = COMMUNITIES[i % 6];
    const c = COURSES[(i * 7 + Math.floor(i / 6)) % COURSES.length];
    const group = pick(c.groups);
    const person = { ...makePerson(community, group), group };
    rows.push(rosterRow(person, c, enrolDate()));
    // Some people take a second course.
    if (i % 9 === 4) {
      const other = COURSES.filter((k) => k.course !== c.course && k.groups.includes(group));
      const c2 =
        other.length > 0 ? pick(other) : COURSES[0].course === c.course ? COURSES[1] : COURSES[0];
      rows.push(rosterRow(person, c2, enrolDate()));
    }
  }

  // Winter sign-ups of December 2024: outside the 2025 period.
  const p1 = { ...makePerson("六角社区", "老年人"), group: "老年人" };
  const p2 = { ...makePerson("东湖社区", "企业职工"), group: "企业职工" };
  const again = rows[6];
  const r2024 = [
    rosterRow(p1, COURSES[1], { y: 2024, m: 12, d: 16 }),
    rosterRow(p2, COURSES[0], { y: 2024, m: 12, d: 20 }),
    // Someone who also has a 2025 row, in another course.
    rosterRow(
      { ...again, id: again.id, group: again.targetGroup },
      COURSES.find((k) => k.course !== again.course && k.course !== "党员教育"),
      {
        y: 2024,
        m: 11,
        d: 28,
      }
    ),
  ];
  rows.splice(1, 0, ...r2024);

  const specials = {};
  // Excel row = index + 4 (title, blank, header above).
  const excelRow = (index) => index + 4;

  // 学员花名册!D17: an ID with a wrong check digit.
  {
    const person = { ...makePerson("西苑社区", "老年人"), group: "老年人" };
    const good = person.id;
    const wrong = CHECK_CHARS[(CHECK_CHARS.indexOf(good[17]) + 3) % 11];
    person.id = good.slice(0, 17) + (wrong === "0" ? "7" : wrong);
    rows.splice(13, 0, rosterRow(person, COURSES[2], enrolDate()));
    specials.wrongCheckDigit = excelRow(13);
  }
  // An ID typed as a number: Excel kept 15 digits.
  {
    let person = { ...makePerson("北塘社区", "失业人员"), group: "失业人员" };
    while (person.id.endsWith("X"))
      person = { ...makePerson("北塘社区", "失业人员"), group: "失业人员" };
    rows.splice(
      21,
      0,
      rosterRow(person, COURSES[5], enrolDate(), { id: Number(person.id), idAsNumber: true })
    );
    specials.idAsNumber = excelRow(21);
  }
  // Someone from a community the population sheet does not list.
  {
    const person = {
      ...makePerson("六角社区", "外来务工人员"),
      group: "外来务工人员",
      community: "青石社区",
    };
    rows.splice(40, 0, rosterRow(person, COURSES[4], enrolDate()));
    specials.unknownCommunity = excelRow(40);
  }
  // The same person in the same course twice: first 在读, later 结业 优秀.
  {
    const first = rows[30];
    const later = { ...first.date, m: Math.min(11, first.date.m + 1) };
    first.status = "在读";
    first.result = null;
    rows.splice(57, 0, { ...first, date: later, status: "结业", result: "优秀" });
    specials.duplicateOf = excelRow(30);
    specials.duplicate = excelRow(57);
  }
  // A gender typed wrongly.
  rows[66].genderText = rows[66].gender + "性?";
  specials.badGender = excelRow(66);
  // A community written without its suffix (金阳 for 金阳村).
  {
    let i = 75;
    while (rows[i].community !== "金阳村" || rows[i].idAsNumber) i++;
    rows[i].communityText = "金阳";
    specials.communityWithoutSuffix = excelRow(i);
  }

  rows.forEach((r, i) => {
    if (!r.form) r.form = dateForm(i);
  });
  specials.total = excelRow(rows.length);
  specials.footer = excelRow(rows.length) + 1;
  return { rows, specials };
}

/* ------------------------------------------------------------------ 活动记录 */

const TEACHERS = [
  { name: "王丽华", type: "专职" },
  { name: "陈志明", type: "专职" },
  { name: "刘芳", type: "兼职" },
  { name: "赵建国", type: "兼职" },
  { name: "孙晓梅", type: "志愿者" },
  { name: "周文斌", type: "志愿者" },
];
const ACTIVITY_TEMPLATES = [
  { title: "信息技术培训：智能手机使用", category: "信息技术", teacher: 0 },
  { title: "信息技术培训：网上办事", category: "信息技术", teacher: 1 },
  { title: "老年健康教育讲座", category: "老年健康", teacher: 2 },
  { title: "书法绘画培训", category: "书法绘画", teacher: 3 },
  { title: "广场舞培训", category: "文体艺术", teacher: 4 },
  { title: "法律法规维权调解讲座", category: "法律知识", teacher: 2 },
  { title: "优生优育优教讲座", category: "计划生育", teacher: 5 },
  { title: "科普宣传进社区", category: "科普", teacher: 5 },
  { title: "公民道德教育报告会", category: "公民道德", teacher: 0 },
  { title: "转岗就业知识培训", category: "就业培训", teacher: 1 },
  { title: "未成年人思想健康教育", category: "青少年教育", teacher: 3 },
  { title: "环保节水绿化讲座", category: "环保", teacher: 4 },
  { title: "冬季趣味运动会", category: "文体艺术", teacher: 4 },
];
const PLACES = [
  "社区学校多功能室",
  "村民活动中心",
  "社区党群服务中心",
  "市民学校电脑室",
  "社区广场",
];

function buildActivities() {
  const rows = [];
  // One held late in 2024: outside the period.
  rows.push({
    date: { y: 2024, m: 12, d: 28 },
    community: "六角社区",
    ...activityOf(12),
    participants: 52,
    participantsText: null,
    hours: 2,
    place: PLACES[4],
  });
  for (let i = 0; i < 40; i++) {
    const m = 1 + Math.floor((i * 12) / 40);
    const t = ACTIVITY_TEMPLATES[(i * 5 + m) % ACTIVITY_TEMPLATES.length];
    const participants = between(15, 80);
    rows.push({
      date: { y: YEAR, m, d: between(1, 28) },
      community: COMMUNITIES[(i * 5) % 6],
      ...activityOf(ACTIVITY_TEMPLATES.indexOf(t)),
      participants,
      participantsText: i % 5 === 2 ? `${participants}人` : null,
      hours: pick([1, 1.5, 2, 2, 3]),
      place: pick(PLACES),
    });
  }
  // Attendance never written down for one session.
  rows[18].participants = null;
  rows[18].participantsText = null;
  rows.forEach((r, i) => {
    r.form = i % 7 === 3 ? "iso" : i % 11 === 5 ? "cn" : "date";
  });
  // Title, header above: Excel row = index + 3.
  return { rows, specials: { blankParticipants: 18 + 3, outOfPeriod: 0 + 3 } };
}
function activityOf(k) {
  const t = ACTIVITY_TEMPLATES[k];
  const teacher = TEACHERS[t.teacher];
  return { title: t.title, category: t.category, teacher: teacher.name, teacherType: teacher.type };
}

/* ------------------------------------------------------------------ 学校名单, 培训计划 */

const SCHOOLS = [
  { name: "六角社区学校", type: "社区学校", community: "六角社区", level: "优秀" },
  { name: "金阳村社区学校", type: "社区学校", community: "金阳村", level: "合格" },
  { name: "东湖社区学校", type: "社区学校", community: "东湖社区", level: "优秀" },
  { name: "西苑社区学校", type: "社区学校", community: "西苑社区", level: "合格" },
  { name: "南山村社区学校", type: "社区学校", community: "南山村", level: "优秀" },
  { name: "北塘社区学校", type: "社区学校", community: "北塘社区", level: "合格" },
  { name: "六角社区老年学校分校", type: "社区学校", community: "六角社区", level: "合格" },
  { name: "金阳村农民技术学校", type: "社区学校", community: "金阳村", level: "优秀" },
  { name: "东湖社区市民学校", type: "社区学校", community: "东湖社区", level: "合格" },
  { name: "北塘社区家长学校", type: "社区学校", community: "北塘社区", level: "优秀" },
  { name: "武汉重型机床厂职工学校", type: "职工学校", community: "六角社区", level: "优秀" },
  { name: "金阳食品有限公司职工学校", type: "职工学校", community: "金阳村", level: "合格" },
  { name: "东湖物流园职工学校", type: "职工学校", community: "东湖社区", level: "优秀" },
  { name: "西苑纺织厂职工学校", type: "职工学校", community: "西苑社区", level: "合格" },
  { name: "南山建材厂职工学校", type: "职工学校", community: "南山村", level: "不合格" },
];

/** docs/design/domain-notes.md §1.6, by two-month block. */
const PLAN = [
  { month: "二月", item: "制定规章制度和年度计划", category: "管理", sessions: 1 },
  { month: "二月", item: "校务委员会会议", category: "管理", sessions: 1 },
  { month: "三四月", item: "信息技术培训", category: "信息技术", sessions: 2 },
  { month: "三四月", item: "公民道德教育", category: "公民道德", sessions: 1 },
  { month: "三四月", item: "书法绘画培训", category: "书法绘画", sessions: 1 },
  { month: "三四月", item: "歌舞乐声培训", category: "文体艺术", sessions: 1 },
  { month: "五六月", item: "计划生育（优生优育优教）讲座", category: "计划生育", sessions: 1 },
  { month: "五六月", item: "法律法规维权调解讲座", category: "法律知识", sessions: 1 },
  { month: "五六月", item: "信息技术培训", category: "信息技术", sessions: 2 },
  { month: "五六月", item: "老年健康教育讲座", category: "老年健康", sessions: 1 },
  { month: "七八月", item: "开放阅览室、微机室、体育场", category: "开放服务", sessions: 1 },
  { month: "七八月", item: "信息技术培训", category: "信息技术", sessions: 2 },
  { month: "七八月", item: "未成年人思想健康教育", category: "青少年教育", sessions: 1 },
  { month: "九十月", item: "管理委员会会议（总结上半年）", category: "管理", sessions: 1 },
  { month: "九十月", item: "创建国家文明城市动员", category: "公民道德", sessions: 1 },
  { month: "九十月", item: "环保节水绿化讲座", category: "环保", sessions: 1 },
  { month: "九十月", item: "信息技术培训", category: "信息技术", sessions: 2 },
  { month: "九十月", item: "科普宣传", category: "科普", sessions: 1 },
  { month: "十一十二月", item: "冬季体育活动", category: "文体艺术", sessions: 1 },
  { month: "十一十二月", item: "转岗就业知识培训", category: "就业培训", sessions: 1 },
  { month: "十一十二月", item: "信息技术培训", category: "信息技术", sessions: 2 },
  { month: "十一十二月", item: "书法绘画培训", category: "书法绘画", sessions: 1 },
  { month: "十一十二月", item: "年度工作总结", category: "管理", sessions: 1 },
];
/** Months covered by each block, for tests. */
const PLAN_MONTHS = {
  二月: [2],
  三四月: [3, 4],
  五六月: [5, 6],
  七八月: [7, 8],
  九十月: [9, 10],
  十一十二月: [11, 12],
};

const roster = buildRoster();
const activities = buildActivities();

/* ------------------------------------------------------------------ writing */

function dateCell(date, form) {
  if (form === "iso") return `${date.y}-${pad(date.m, 2)}-${pad(date.d, 2)}`;
  if (form === "cn") return `${date.y}年${date.m}月${date.d}日`;
  if (form === "dot") return `${date.y}.${date.m}.${date.d}`;
  return new Date(Date.UTC(date.y, date.m - 1, date.d));
}

const THIN = { style: "thin", color: { argb: "FF999999" } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function titleRow(ws, text, columns) {
  ws.addRow([text]);
  ws.mergeCells(1, 1, 1, columns);
  const c = ws.getCell(1, 1);
  c.font = { bold: true, size: 16, name: "宋体" };
  c.alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(1).height = 28;
}
function headerRow(ws, headers) {
  const row = ws.addRow(headers);
  row.eachCell((c) => {
    c.font = { bold: true };
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
    c.border = BORDER;
    c.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  });
  return row;
}

function buildWorkbook(ExcelJS) {
  const wb = new ExcelJS.Workbook();
  wb.creator = `${STREET}社区教育中心`;
  // Fixed timestamps: the file is the same on every run.
  wb.created = new Date(Date.UTC(2026, 0, 5));
  wb.modified = new Date(Date.UTC(2026, 0, 5));

  /* 学员花名册 */
  const ws = wb.addWorksheet("学员花名册", { views: [{ state: "frozen", ySplit: 3 }] });
  const rosterHeaders = [
    "序号",
    "姓名",
    "性别",
    "身份证号",
    "所属社区",
    "培训项目",
    "类别",
    "对象",
    "报名日期",
    "学习状态",
    "考核结果",
    "联系电话",
  ];
  titleRow(ws, `${STREET}社区教育中心${YEAR}年学员花名册`, rosterHeaders.length);
  ws.addRow([]);
  headerRow(ws, rosterHeaders);
  roster.rows.forEach((r, i) => {
    const row = ws.addRow([
      i + 1,
      r.name,
      r.genderText ?? r.gender,
      r.id,
      r.communityText,
      r.course,
      r.category,
      r.targetGroup,
      dateCell(r.date, r.form),
      r.status,
      r.result,
      r.phone,
    ]);
    row.getCell(4).numFmt = typeof r.id === "number" ? "0" : "@";
    row.getCell(12).numFmt = "@";
    if (r.form === "date") row.getCell(9).numFmt = "yyyy/m/d";
    row.eachCell({ includeEmpty: true }, (c) => (c.border = BORDER));
  });
  ws.addRow(["合计", `${roster.rows.length}人次`]);
  ws.addRow(["填表人：李红　　审核人：王建国　　填表日期：2026年1月5日"]);
  [6, 9, 6, 21, 11, 15, 10, 12, 12, 10, 10, 14].forEach((w, i) => (ws.getColumn(i + 1).width = w));

  /* 活动记录 */
  const wa = wb.addWorksheet("活动记录");
  const actHeaders = [
    "日期",
    "社区",
    "活动名称",
    "类别",
    "参加人数",
    "课时",
    "授课教师",
    "教师类别",
    "地点",
  ];
  titleRow(wa, `${STREET}社区教育中心${YEAR}年活动记录`, actHeaders.length);
  headerRow(wa, actHeaders);
  for (const a of activities.rows) {
    const row = wa.addRow([
      dateCell(a.date, a.form),
      a.community,
      a.title,
      a.category,
      a.participantsText ?? a.participants,
      a.hours,
      a.teacher,
      a.teacherType,
      a.place,
    ]);
    if (a.form === "date") row.getCell(1).numFmt = "yyyy/m/d";
  }
  [11, 11, 28, 10, 10, 8, 10, 10, 18].forEach((w, i) => (wa.getColumn(i + 1).width = w));

  /* 社区人口 */
  const wp = wb.addWorksheet("社区人口");
  headerRow(wp, ["社区", "常住人口", "户数", "参与率目标"]);
  for (const p of POPULATION) {
    const row = wp.addRow([p.community, p.residents, p.households, p.target]);
    row.getCell(4).numFmt = "0%";
  }
  [12, 10, 8, 12].forEach((w, i) => (wp.getColumn(i + 1).width = w));

  /* 学校名单 */
  const wsch = wb.addWorksheet("学校名单");
  headerRow(wsch, ["学校名称", "类型", "所属社区", "评估等级"]);
  for (const s of SCHOOLS) wsch.addRow([s.name, s.type, s.community, s.level]);
  [26, 10, 12, 10].forEach((w, i) => (wsch.getColumn(i + 1).width = w));

  /* 培训计划: the month cell is merged over its block, as in the printed plan. */
  const wpl = wb.addWorksheet("培训计划");
  titleRow(wpl, `${STREET}社区教育中心${YEAR}年培训计划`, 4);
  headerRow(wpl, ["月份", "项目", "类别", "计划次数"]);
  let blockStart = 0;
  PLAN.forEach((p, i) => {
    const first = i === 0 || PLAN[i - 1].month !== p.month;
    wpl.addRow([first ? p.month : null, p.item, p.category, p.sessions]);
    if (first) blockStart = wpl.rowCount;
    const last = i === PLAN.length - 1 || PLAN[i + 1].month !== p.month;
    if (last && wpl.rowCount > blockStart) wpl.mergeCells(blockStart, 1, wpl.rowCount, 1);
  });
  [12, 30, 12, 10].forEach((w, i) => (wpl.getColumn(i + 1).width = w));

  return wb;
}

/** The .xlsx bytes, with fixed zip entry times so that the file is byte-for-byte the same on every run. */
async function sampleBuffer() {
  const ExcelJS = require("exceljs");
  const JSZip = require("jszip"); // exceljs's own dependency
  const raw = await buildWorkbook(ExcelJS).xlsx.writeBuffer();
  const zip = await JSZip.loadAsync(raw);
  const fixed = new JSZip();
  const when = new Date(Date.UTC(2026, 0, 5));
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name];
    if (entry.dir) {
      fixed.folder(name);
      fixed.files[name].date = when;
      continue;
    }
    // Parent folders JSZip adds by itself would carry the current time.
    const parts = name.split("/");
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join("/") + "/";
      if (!fixed.files[dir]) fixed.file(dir, null, { dir: true, date: when });
    }
    fixed.file(name, await entry.async("uint8array"), { date: when });
  }
  return fixed.generateAsync({
    type: "nodebuffer",
    compression: "DEFLATE",
    compressionOptions: { level: 9 },
  });
}

async function writeSample(outFile) {
  require("fs").writeFileSync(outFile, await sampleBuffer());
  return outFile;
}

const DEFAULT_OUT = path.join(__dirname, "..", "samples", "community-school-2025.xlsx");

module.exports = {
  YEAR,
  POPULATION,
  COMMUNITIES,
  COURSES,
  TEACHERS,
  SCHOOLS,
  PLAN,
  PLAN_MONTHS,
  roster,
  activities,
  idCheckChar,
  buildWorkbook,
  sampleBuffer,
  writeSample,
  DEFAULT_OUT,
};

if (require.main === module) {
  const fs = require("fs");
  const out = process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_OUT;
  fs.mkdirSync(path.dirname(out), { recursive: true });
  writeSample(out).then(
    (f) =>
      console.log(
        `wrote ${path.relative(process.cwd(), f)}: ${roster.rows.length} roster rows, ${activities.rows.length} activities`
      ),
    (e) => {
      console.error(e);
      process.exit(1);
    }
  );
}
