#!/usr/bin/env node
/**
 * Writes samples/community-school-2024.xlsx: the same street centre's workbook for the year
 * before the main sample, to compare with (`cedu report samples/community-school-2025.xlsx
 * --compare samples/community-school-2024.xlsx`). A third of the 2025 learners who have an ID
 * number already took a course in 2024 (returning learners, 老学员), the rest of the 2024 roster
 * are people who did not come back; the school list has one school fewer and fewer rated
 * excellent; the plan is the same plan a year earlier.
 *
 * Deterministic (seeded PRNG, fixed zip times), like scripts/make-sample.js.
 *
 *   node scripts/make-sample-2024.js [output.xlsx]
 */
"use strict";
const path = require("path");
const sample = require("./make-sample");

const YEAR = sample.YEAR - 1;

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
const rand = mulberry32(20240101);
const pick = (list) => list[Math.floor(rand() * list.length)];
const between = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pad = (n, w) => String(n).padStart(w, "0");

/** The population a year earlier: a little smaller, the same targets. */
const POPULATION = sample.POPULATION.map((p, i) => ({
  ...p,
  residents: p.residents - 20 - i * 7,
}));

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢".split("");
const GIVEN = ["建国", "秀兰", "志华", "桂芳", "国庆", "凤英", "德胜", "玉梅", "长青", "小红"];
const AREA = "420111";

let sequence = 500;
function newId(birthYear, male) {
  sequence += between(1, 5);
  let seq = pad(sequence % 1000, 3);
  const last = Number(seq[2]);
  if ((last % 2 === 1) !== male) seq = seq.slice(0, 2) + String((last + 1) % 10);
  const first17 = AREA + pad(birthYear, 4) + pad(between(1, 12), 2) + pad(between(1, 28), 2) + seq;
  return first17 + sample.idCheckChar(first17);
}

function outcome() {
  const r = rand();
  if (r < 0.55) {
    const g = rand();
    return {
      status: "结业",
      result: g < 0.2 ? "优秀" : g < 0.55 ? "良好" : g < 0.9 ? "合格" : "不合格",
    };
  }
  if (r < 0.85) return { status: "在读", result: null };
  return { status: "退学", result: null };
}

function dateOf(m) {
  return new Date(Date.UTC(YEAR, m - 1, between(1, 28)));
}

/** People of the 2025 roster known by a text ID, once each. */
function people2025() {
  const seen = new Set();
  const out = [];
  for (const r of sample.roster.rows) {
    if (typeof r.id !== "string" || seen.has(r.id) || r.date.y !== sample.YEAR) continue;
    seen.add(r.id);
    out.push(r);
  }
  return out;
}

function buildRoster() {
  const rows = [];
  const returning = people2025().filter((_, i) => i % 3 === 0);
  for (const p of returning) {
    const c = pick(sample.COURSES.filter((k) => k.groups.includes(p.targetGroup)));
    rows.push({
      name: p.name,
      id: p.id,
      community: p.community,
      course: c.course,
      category: c.category,
      group: p.targetGroup,
      date: dateOf(between(2, 11)),
      ...outcome(),
    });
  }
  for (let i = 0; i < 55; i++) {
    const c = sample.COURSES[(i * 3) % sample.COURSES.length];
    const group = pick(c.groups);
    const male = rand() < 0.5;
    rows.push({
      name: pick(SURNAMES) + pick(GIVEN),
      id: newId(between(1950, 2005), male),
      community: sample.COMMUNITIES[i % 6],
      course: c.course,
      category: c.category,
      group,
      date: dateOf(between(2, 11)),
      ...outcome(),
    });
  }
  return rows.sort((a, b) => a.date - b.date);
}

const TEMPLATES = [
  ["信息技术培训：智能手机使用", "信息技术", 0],
  ["老年健康教育讲座", "老年健康", 2],
  ["书法绘画培训", "书法绘画", 3],
  ["广场舞培训", "文体艺术", 4],
  ["法律法规维权调解讲座", "法律知识", 2],
  ["科普宣传进社区", "科普", 5],
  ["转岗就业知识培训", "就业培训", 1],
];

function buildActivities() {
  const rows = [];
  for (let i = 0; i < 33; i++) {
    const m = 1 + Math.floor((i * 12) / 33);
    const [title, category, teacher] = TEMPLATES[(i * 3 + m) % TEMPLATES.length];
    const t = sample.TEACHERS[teacher];
    rows.push({
      date: dateOf(m),
      community: sample.COMMUNITIES[(i * 5) % 6],
      title,
      category,
      participants: between(15, 70),
      hours: pick([1, 1.5, 2, 2]),
      teacher: t.name,
      teacherType: t.type,
    });
  }
  return rows;
}

/** The 2025 list less its last school, with two of the excellent ones only qualified then. */
function buildSchools() {
  const list = sample.SCHOOLS.slice(0, -1).map((s) => ({ ...s }));
  let demoted = 0;
  for (const s of list) {
    if (s.level === "优秀" && demoted < 2) {
      s.level = "合格";
      demoted++;
    }
  }
  return list;
}

const roster = buildRoster();
const activities = buildActivities();
const schools = buildSchools();

function buildWorkbook(ExcelJS) {
  const wb = new ExcelJS.Workbook();
  wb.creator = "六角街道社区教育中心";
  wb.created = new Date(Date.UTC(2025, 0, 6));
  wb.modified = new Date(Date.UTC(2025, 0, 6));

  const ws = wb.addWorksheet("学员花名册");
  ws.addRow([
    "姓名",
    "身份证号",
    "所属社区",
    "培训项目",
    "类别",
    "对象",
    "报名日期",
    "学习状态",
    "考核结果",
  ]);
  for (const r of roster) {
    const row = ws.addRow([
      r.name,
      r.id,
      r.community,
      r.course,
      r.category,
      r.group,
      r.date,
      r.status,
      r.result,
    ]);
    row.getCell(2).numFmt = "@";
    row.getCell(7).numFmt = "yyyy/m/d";
  }

  const wa = wb.addWorksheet("活动记录");
  wa.addRow(["日期", "社区", "活动名称", "类别", "参加人数", "课时", "授课教师", "教师类别"]);
  for (const a of activities) {
    const row = wa.addRow([
      a.date,
      a.community,
      a.title,
      a.category,
      a.participants,
      a.hours,
      a.teacher,
      a.teacherType,
    ]);
    row.getCell(1).numFmt = "yyyy/m/d";
  }

  const wp = wb.addWorksheet("社区人口");
  wp.addRow(["社区", "常住人口", "户数", "参与率目标"]);
  for (const p of POPULATION)
    wp.addRow([p.community, p.residents, p.households, p.target]).getCell(4).numFmt = "0%";

  const wsch = wb.addWorksheet("学校名单");
  wsch.addRow(["学校名称", "类型", "所属社区", "评估等级"]);
  for (const s of schools) wsch.addRow([s.name, s.type, s.community, s.level]);

  const wpl = wb.addWorksheet("培训计划");
  wpl.addRow(["月份", "项目", "类别", "计划次数"]);
  for (const p of sample.PLAN) wpl.addRow([p.month, p.item, p.category, p.sessions]);
  return wb;
}

async function sampleBuffer() {
  const ExcelJS = require("exceljs");
  const JSZip = require("jszip"); // exceljs's own dependency
  const zip = await JSZip.loadAsync(await buildWorkbook(ExcelJS).xlsx.writeBuffer());
  const fixed = new JSZip();
  const when = new Date(Date.UTC(2025, 0, 6));
  for (const name of Object.keys(zip.files).sort()) {
    const entry = zip.files[name];
    if (entry.dir) continue;
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

const DEFAULT_OUT = path.join(__dirname, "..", "samples", "community-school-2024.xlsx");

module.exports = { YEAR, POPULATION, roster, activities, schools, sampleBuffer, DEFAULT_OUT };

if (require.main === module) {
  const fs = require("fs");
  const out = process.argv[2] ? path.resolve(process.argv[2]) : DEFAULT_OUT;
  sampleBuffer().then(
    (buf) => {
      fs.writeFileSync(out, buf);
      console.log(
        `wrote ${path.relative(process.cwd(), out)}: ${roster.length} roster rows, ${activities.length} activities`
      );
    },
    (e) => {
      console.error(e);
      process.exit(1);
    }
  );
}
