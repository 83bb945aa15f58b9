"use strict";
/**
 * A generated community-education office, deterministic for a given size.
 *
 * `officeInput(n)` is what Office.js hands over: 2-D arrays of strings and serial-number dates,
 * a merged title row above the header, and some messy cells (numbers with units, full-width
 * digits, text dates, a community written without its suffix, a few Excel errors and a few
 * rows with a required cell left empty).
 *
 * `officeClean(n)` is the same office after a staff member has cleaned it: the rows the engine
 * leaves out (errors, empty required cells) removed, every date a serial number, every count a
 * number, every community spelt as in the population sheet, and one helper column with the
 * person's identity ("I:" + ID number, else "N:" + name + "_" + community; the prefix keeps a
 * spreadsheet from reading an 18-digit ID as a number). The peers (HyperFormula, Arquero, plain
 * aggregation) work on this, so they do strictly less work than the engine.
 *
 * Both are produced by one pass over one random sequence, so they describe the same office.
 */

const COMMUNITIES = ["六角社区", "金阳村", "东城社区", "南湖社区", "桃源村"];
const RESIDENTS = [120000, 90000, 150000, 110000, 80000];
const TARGETS = ["60%", "0.55", "60", "", "65%"];
const COURSES = [
  "信息技术培训",
  "法律知识讲座",
  "老年健康教育",
  "书法绘画",
  "歌舞",
  "优生优育",
  "科普",
  "转岗就业培训",
  "公民道德教育",
  "党员教育",
  "太极拳",
  "智能手机使用",
  "家庭教育",
  "烹饪",
  "英语口语",
  "摄影",
  "插花",
  "剪纸",
  "合唱",
  "防诈骗讲座",
];
const CATEGORIES = ["职业技能", "文化艺术", "健康养生", "法律法规", "思想道德"];
const GROUPS = ["老年人", "青少年", "失业人员", "外来务工人员", "党员", "企业职工", "其他"];
const STATUSES = ["在读", "结业", "退学", "结业", "已结业"];
const RESULTS = ["优秀", "良好", "合格", "不合格", ""];
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂兰玉萍红华建国文辉力斌波宁凯浩鹏飞云亮成林鑫燕琳晨雪梅";
const TITLES = ["防火演练", "读书节", "健康讲座", "法律咨询", "文艺汇演", "科普展览", "趣味运动会", "插花沙龙"];
const TEACHERS = ["李老师", "王老师", "张老师", "刘老师", "陈老师", "杨老师", "黄老师", "赵老师"];
const TEACHER_TYPES = ["专职", "兼职", "志愿者", "兼职"];
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

/** Serial of 2024-01-01 (1900 system) and the days of 2024. */
const SERIAL_2024 = 45292;
const DAYS_2024 = 366;
/** `today` for the engine: every 2024 date is in the past. */
const TODAY_EPOCH_DAY = Math.round(Date.UTC(2025, 5, 30) / 86400000);

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function idNumber(i) {
  // Unique per person: birth day and sequence both derived from the person's index.
  const birth = new Date(Date.UTC(1945, 0, 1) + (i % 21000) * 86400000);
  const y = birth.getUTCFullYear();
  const m = String(birth.getUTCMonth() + 1).padStart(2, "0");
  const d = String(birth.getUTCDate()).padStart(2, "0");
  const seq = String(Math.floor(i / 21000) % 1000).padStart(3, "0");
  const body = `420111${y}${m}${d}${seq}`;
  let sum = 0;
  for (let k = 0; k < 17; k++) sum += (body.charCodeAt(k) - 48) * WEIGHTS[k];
  return body + CHECK[sum % 11];
}

function uniqueName(i) {
  const a = SURNAMES[i % SURNAMES.length];
  const b = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length];
  const c = GIVEN[Math.floor(i / (SURNAMES.length * GIVEN.length)) % GIVEN.length];
  const extra = Math.floor(i / (SURNAMES.length * GIVEN.length * GIVEN.length));
  return extra > 0 ? `${a}${b}${c}${extra}` : `${a}${b}${c}`;
}

function isoOfSerial(serial) {
  const d = new Date((serial - 25569) * 86400000);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

function textDate(serial, style) {
  const { y, m, d } = isoOfSerial(serial);
  if (style === 0) return `${y}年${m}月${d}日`;
  if (style === 1) return `${y}/${m}/${d}`;
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function fullWidth(n) {
  return String(n).replace(/[0-9]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
}

const ENROL_HEADER = ["序号", "姓名", "身份证号", "性别", "所属社区", "培训项目", "类别", "对象", "报名日期", "学习状态", "考核结果", "联系电话"];
const ACT_HEADER = ["日期", "举办社区", "活动名称", "活动类别", "参加人数", "课时", "授课教师", "教师类别", "活动地点"];

/**
 * One pass over the office. `sink.enrol(raw, clean)` / `sink.act(raw, clean)`: clean is null for
 * a row the engine must leave out.
 */
function walk(n, sink) {
  const rand = rng(20241123 + n);
  let row = 0;
  let i = 0;
  // Each new person takes 1–4 distinct courses (about 2.5 rows a person); stop at n rows.
  for (; row < n; i++) {
    const c = Math.floor(rand() * COMMUNITIES.length);
    const community = COMMUNITIES[c];
    const hasId = rand() < 0.9;
    const id = hasId ? idNumber(i) : "";
    const name = hasId ? SURNAMES[Math.floor(rand() * SURNAMES.length)] + GIVEN[Math.floor(rand() * GIVEN.length)] : uniqueName(i);
    // As the ID says (its 17th digit is odd for men); a few are written the other way round.
    const idMale = hasId ? (id.charCodeAt(16) - 48) % 2 === 1 : rand() < 0.5;
    const gender = (rand() < 0.002 ? !idMale : idMale) ? "男" : "女";
    const group = GROUPS[Math.floor(rand() * GROUPS.length)];
    const phone = `13${Math.floor(100000000 + rand() * 899999999)}`;
    const k = 1 + Math.floor(rand() * 4);
    const first = Math.floor(rand() * COURSES.length);
    for (let j = 0; j < k && row < n; j++) {
      const course = COURSES[(first + j * 7) % COURSES.length]; // distinct for j < 4 (7 is coprime with 20)
      const serial = SERIAL_2024 + Math.floor(rand() * DAYS_2024);
      const roll = rand();
      let dateCell = serial;
      let communityCell = community;
      let courseCell = course;
      let valid = true;
      if (roll < 0.02) dateCell = textDate(serial, Math.floor(rand() * 3));
      else if (roll < 0.0205) {
        dateCell = "#N/A";
        valid = false;
      } else if (roll < 0.021) {
        courseCell = "";
        valid = false;
      } else if (roll < 0.026) communityCell = community.replace(/(社区|村)$/, "");
      const status = STATUSES[Math.floor(rand() * STATUSES.length)];
      const result = RESULTS[Math.floor(rand() * RESULTS.length)];
      const raw = [
        row + 1,
        name,
        id,
        gender,
        communityCell,
        courseCell,
        CATEGORIES[(first + j) % CATEGORIES.length],
        group,
        dateCell,
        status,
        result,
        phone,
      ];
      // Prefixed like the engine's own keys, so that no spreadsheet reads an ID as a number.
      const person = hasId ? `I:${id}` : `N:${name}_${community}`;
      sink.enrol(raw, valid ? [community, person, serial, course] : null);
      row++;
    }
  }

  const acts = Math.max(1, Math.round(n / 20));
  for (let a = 0; a < acts; a++) {
    const c = Math.floor(rand() * COMMUNITIES.length);
    const community = COMMUNITIES[c];
    const serial = SERIAL_2024 + Math.floor(rand() * DAYS_2024);
    const participants = 5 + Math.floor(rand() * 80);
    const hours = [1, 1.5, 2, 3][Math.floor(rand() * 4)];
    const roll = rand();
    let dateCell = serial;
    let partCell = participants;
    let hoursCell = hours;
    let valid = true;
    if (roll < 0.03) partCell = `${participants}人`;
    else if (roll < 0.04) partCell = fullWidth(participants);
    else if (roll < 0.05) dateCell = textDate(serial, Math.floor(rand() * 3));
    else if (roll < 0.06) hoursCell = `${hours}课时`;
    else if (roll < 0.061) {
      partCell = "#REF!";
      valid = false;
    }
    const raw = [
      dateCell,
      community,
      TITLES[Math.floor(rand() * TITLES.length)],
      CATEGORIES[Math.floor(rand() * CATEGORIES.length)],
      partCell,
      hoursCell,
      TEACHERS[Math.floor(rand() * TEACHERS.length)],
      TEACHER_TYPES[Math.floor(rand() * TEACHER_TYPES.length)],
      `${community}活动室`,
    ];
    sink.act(raw, valid ? [community, serial, participants, hours] : null);
  }
}

function smallSheets() {
  return [
    {
      name: "社区人口",
      values: [["社区", "常住人口", "户数", "目标参与率"], ...COMMUNITIES.map((c, i) => [c, RESIDENTS[i], Math.round(RESIDENTS[i] / 2.8), TARGETS[i]])],
    },
    {
      name: "社区学校",
      values: [
        ["学校名称", "评估等级", "所属社区", "类型"],
        ...COMMUNITIES.map((c, i) => [`${c}社区学校`, i % 2 === 0 ? "优秀" : "合格", c, "社区学校"]),
        ["金阳机械厂职工学校", "优秀", "金阳村", "职工学校"],
        ["南湖物流职工学校", "合格", "南湖社区", "职工学校"],
      ],
    },
    {
      name: "培训计划",
      values: [
        ["月份", "计划内容", "类别", "计划次数"],
        ["二月", "春节安全讲座", "法律法规", 4],
        ["三四月", "智能手机使用", "职业技能", 20],
        ["", "健康讲座", "健康养生", 20],
        ["五六月", "读书节", "文化艺术", 10],
        ["七八月", "暑期青少年科普", "思想道德", 10],
        ["九十月", "重阳敬老活动", "健康养生", 8],
        ["十一十二月", "年终文艺汇演", "文化艺术", 6],
      ],
    },
  ];
}

/** The office as Office.js hands it over (one WorkbookInput). */
function officeInput(n) {
  const enrol = [["2024年社区教育学员花名册"], ENROL_HEADER];
  const act = [ACT_HEADER];
  walk(n, {
    enrol: (raw) => enrol.push(raw),
    act: (raw) => act.push(raw),
  });
  return { sheets: [{ name: "学员花名册", values: enrol }, { name: "活动记录", values: act }, ...smallSheets()] };
}

/**
 * The cleaned office, column-wise: enrolments {community, person, date, course},
 * activities {community, date, participants, hours}.
 */
function officeClean(n) {
  const e = { community: [], person: [], date: [], course: [] };
  const a = { community: [], date: [], participants: [], hours: [] };
  walk(n, {
    enrol: (_raw, c) => {
      if (!c) return;
      e.community.push(c[0]);
      e.person.push(c[1]);
      e.date.push(c[2]);
      e.course.push(c[3]);
    },
    act: (_raw, c) => {
      if (!c) return;
      a.community.push(c[0]);
      a.date.push(c[1]);
      a.participants.push(c[2]);
      a.hours.push(c[3]);
    },
  });
  return { enrolments: e, activities: a };
}

/** The office's sheets as sheets of the fake Excel (test/excel/fakeExcel.ts), cells read on demand. */
function fakeSheetsOf(fake, input) {
  return input.sheets.map((s) => {
    const cols = s.values.reduce((m, r) => Math.max(m, r.length), 0);
    const values = s.values;
    return new fake.FakeSheetData(s.name, "Visible", false, {
      row: 0,
      col: 0,
      rows: values.length,
      cols,
      value: (r, c) => {
        const v = values[r][c];
        return v === undefined || v === null ? "" : v;
      },
    });
  });
}

module.exports = {
  COMMUNITIES,
  SERIAL_2024,
  DAYS_2024,
  TODAY_EPOCH_DAY,
  ENROL_HEADER,
  ACT_HEADER,
  officeInput,
  officeClean,
  fakeSheetsOf,
};
