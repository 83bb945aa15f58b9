/**
 * The engine end to end on samples/community-school-2025.xlsx, read with ExcelJS as a file
 * reader would. Every figure is recomputed here from the generator's own data arrays
 * (scripts/make-sample.js) by a plain, different method, and must agree to the last digit.
 */
import fs from "fs";
import path from "path";
import ExcelJS from "exceljs";
import * as sample from "../../scripts/make-sample";
import type { RosterRow } from "../../scripts/make-sample";
import { allIssues, analyze, figures, periodFrom, type Analysis } from "../../src/core/engine";
import { epochDayFromISO } from "../../src/core/cells";
import { isDivByZero } from "../../src/core/rate";
import type { Issue, Metrics, WorkbookInput } from "../../src/core/types";
import { readXlsx, readXlsxBuffer } from "../helpers/readXlsx";

const SAMPLE = path.join(__dirname, "..", "..", "samples", "community-school-2025.xlsx");
const TODAY = epochDayFromISO("2026-11-23") as number;
const YEAR = sample.YEAR;

let input: WorkbookInput;
let analysis: Analysis;
let metrics: Metrics;
let issues: Issue[];

beforeAll(async () => {
  input = await readXlsx(SAMPLE);
  analysis = analyze(input, { today: TODAY });
  metrics = figures(analysis);
  issues = allIssues(analysis, metrics);
});

/* ------------------------------------------------------------------ independent recomputation */

const POP = new Map(sample.POPULATION.map((p) => [p.community, p]));
const rosterInYear = sample.roster.rows.filter((r) => r.date.y === YEAR);
/** Identity: the ID as typed (text), else name + community (an ID typed as a number lost its digits). */
const personOf = (r: RosterRow) =>
  typeof r.id === "string" ? `id ${r.id}` : `name ${r.name} in ${r.community}`;
const distinct = (rows: RosterRow[]) => new Set(rows.map(personOf)).size;

const STATUS_ORDER = ["在读", "退学", "结业"]; // least to most advanced
const RESULT_ORDER = ["不合格", "合格", "良好", "优秀"]; // worst to best
interface Pair {
  status: string | null;
  result: string | null;
  first: RosterRow;
}
function pairsOf(rows: RosterRow[]): Pair[] {
  const pairs: Record<string, Pair> = {};
  for (const r of rows) {
    const key = `${personOf(r)} | ${r.course}`;
    const p = pairs[key];
    if (!p) {
      pairs[key] = { status: r.status, result: r.result, first: r };
      continue;
    }
    if (r.status && STATUS_ORDER.indexOf(r.status) > STATUS_ORDER.indexOf(p.status ?? ""))
      p.status = r.status;
    if (r.result && RESULT_ORDER.indexOf(r.result) > RESULT_ORDER.indexOf(p.result ?? ""))
      p.result = r.result;
    const d = (x: RosterRow) => x.date.y * 10000 + x.date.m * 100 + x.date.d;
    if (d(r) < d(p.first)) p.first = r;
  }
  return Object.values(pairs);
}
const pairs = pairsOf(rosterInYear);
const activitiesInYear = sample.activities.rows.filter(
  (a) => a.date.y === YEAR && a.participants !== null
);
const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe("the sample workbook", () => {
  test("the committed sample is what scripts/make-sample.js writes", async () => {
    const wb = sample.buildWorkbook(ExcelJS);
    const fresh = await readXlsxBuffer((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(fresh).toEqual(input);
  });

  test("the generator is deterministic: the committed file, byte for byte", async () => {
    const bytes = await sample.sampleBuffer();
    expect(Buffer.compare(bytes, fs.readFileSync(SAMPLE))).toBe(0);
  });

  test("generator data: check digits computed, the planted ones as planned", () => {
    const rows = sample.roster.rows;
    const good = rows.filter(
      (r) => typeof r.id === "string" && sample.idCheckChar(r.id) === r.id[17]
    );
    expect(rows.filter((r) => typeof r.id === "number")).toHaveLength(1);
    expect(rows.length - good.length).toBe(2);
    expect(rows.length).toBeGreaterThanOrEqual(110);
    expect(sample.activities.rows.length).toBeGreaterThanOrEqual(40);
    expect(sample.roster.specials.wrongCheckDigit).toBe(17);
  });

  test("every sheet is recognised with its header row; totals and the footer are skipped and counted", () => {
    const byName = Object.fromEntries(analysis.sheets.map((s) => [s.name, s]));
    expect(byName["学员花名册"]).toMatchObject({
      kind: "enrolment",
      headerRow: 3,
      dataRows: sample.roster.rows.length,
      skippedRows: 2,
    });
    expect(byName["活动记录"]).toMatchObject({
      kind: "activity",
      headerRow: 2,
      dataRows: sample.activities.rows.length,
      skippedRows: 0,
    });
    expect(byName["社区人口"]).toMatchObject({ kind: "population", headerRow: 1, dataRows: 6 });
    expect(byName["学校名单"]).toMatchObject({ kind: "school", headerRow: 1, dataRows: 15 });
    expect(byName["培训计划"]).toMatchObject({
      kind: "plan",
      headerRow: 2,
      dataRows: sample.PLAN.length,
    });
    // 7 of the 10 optional enrolment fields (no 出生日期, 年龄, 成绩).
    expect(byName["学员花名册"].confidence).toBe(Math.round((0.6 + (0.4 * 7) / 10) * 100) / 100);
  });

  test("default period is calendar 2025 and periodFrom agrees", () => {
    expect(analysis.defaultPeriod).toEqual({
      from: epochDayFromISO("2025-01-01"),
      to: epochDayFromISO("2025-12-31"),
    });
    expect(periodFrom(analysis)).toEqual(analysis.defaultPeriod);
    expect(periodFrom(analysis, "2025-01-01")).toEqual(analysis.defaultPeriod);
    expect(periodFrom(analysis, undefined, "2025-12-31")).toEqual(analysis.defaultPeriod);
    expect(periodFrom(analysis, "2025-12-31", "2025-01-01")).toBeNull();
  });
});

describe("figures of the sample agree with an independent count", () => {
  test("participants, enrolments and the overall participation rate", () => {
    const known = rosterInYear.filter((r) => POP.has(r.community));
    const residents = sum(sample.POPULATION.map((p) => p.residents));
    const o = metrics.overall;
    expect(o.participants).toBe(distinct(rosterInYear));
    expect(o.enrolments).toBe(pairs.length);
    expect(o.enrolments).toBe(rosterInYear.length - 1); // the one duplicate
    expect(o.participants).toBeLessThan(o.enrolments); // some people take two courses
    expect(o.residents).toBe(residents);
    expect(o.participantsKnown).toBe(distinct(known));
    expect(o.participantsKnown).toBe(o.participants - 1); // the 青石社区 learner
    expect(o.participationRate).toBe(distinct(known) / residents);
    const weighted = sum(sample.POPULATION.map((p) => p.residents * (p.target ?? 0.6))) / residents;
    expect(o.target).toBeCloseTo(weighted, 12);
    expect(o.targetMet).toBe(false);
  });

  test("per community: participants, enrolments, rate, target (blank target → 60%)", () => {
    for (const p of sample.POPULATION) {
      const rows = rosterInYear.filter((r) => r.community === p.community);
      const row = metrics.byCommunity.find((c) => c.community === p.community);
      expect(row).toBeDefined();
      const people = distinct(rows);
      expect(row).toMatchObject({
        inPopulation: true,
        residents: p.residents,
        participants: people,
        enrolments: pairs.filter((x) => x.first.community === p.community).length,
        activities: activitiesInYear.filter((a) => a.community === p.community).length,
        attendance: sum(
          activitiesInYear
            .filter((a) => a.community === p.community)
            .map((a) => a.participants as number)
        ),
        participationRate: people / p.residents,
        target: p.target ?? 0.6,
        targetMet: people / p.residents >= (p.target ?? 0.6),
      });
    }
    const unknown = metrics.byCommunity.find((c) => c.community === "青石社区");
    expect(unknown).toMatchObject({
      inPopulation: false,
      residents: null,
      participants: 1,
      enrolments: 1,
    });
    expect(unknown && isDivByZero(unknown.participationRate)).toBe(true);
    expect(metrics.byCommunity.map((c) => c.community)).toEqual([
      ...sample.COMMUNITIES,
      "青石社区",
    ]);
    // 金阳 (no suffix) is filed under 金阳村.
    expect(metrics.byCommunity.some((c) => c.community === "金阳")).toBe(false);
  });

  test("activities, attendance, hours", () => {
    const o = metrics.overall;
    expect(o.activities).toBe(activitiesInYear.length);
    expect(o.activities).toBe(sample.activities.rows.length - 2); // one blank 参加人数, one in 2024
    expect(o.attendance).toBe(sum(activitiesInYear.map((a) => a.participants as number)));
    expect(o.hours).toBe(sum(activitiesInYear.map((a) => a.hours)));
  });

  test("completion, excellence and qualified rates of learners (duplicate counted once with its best)", () => {
    const withStatus = pairs.filter((p) => p.status !== null);
    const completed = pairs.filter((p) => p.status === "结业");
    const withResult = pairs.filter((p) => p.result !== null);
    const excellent = pairs.filter((p) => p.result === "优秀");
    const qualified = pairs.filter(
      (p) => p.result === "优秀" || p.result === "良好" || p.result === "合格"
    );
    expect(metrics.overall).toMatchObject({
      withStatus: withStatus.length,
      completed: completed.length,
      completionRate: completed.length / withStatus.length,
      withResult: withResult.length,
      excellent: excellent.length,
      qualified: qualified.length,
      excellenceRate: excellent.length / withResult.length,
      qualifiedRate: qualified.length / withResult.length,
    });
  });

  test("by category and by target group", () => {
    for (const g of metrics.byCategory) {
      const rows = rosterInYear.filter((r) => r.category === g.key);
      expect(g.participants).toBe(distinct(rows));
      expect(g.enrolments).toBe(pairs.filter((p) => p.first.category === g.key).length);
      expect(g.activities).toBe(activitiesInYear.filter((a) => a.category === g.key).length);
    }
    for (const g of metrics.byTargetGroup) {
      const rows = rosterInYear.filter((r) => r.targetGroup === g.key);
      expect(g.participants).toBe(distinct(rows));
      expect(g.enrolments).toBe(pairs.filter((p) => p.first.targetGroup === g.key).length);
    }
    expect(sum(metrics.byTargetGroup.map((g) => g.enrolments))).toBe(pairs.length);
  });

  test("by month: every month of 2025, dates in all four forms read alike", () => {
    expect(metrics.byMonth.map((m) => m.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, "0")}`)
    );
    metrics.byMonth.forEach((m, i) => {
      expect(m.enrolments).toBe(pairs.filter((p) => p.first.date.m === i + 1).length);
      expect(m.activities).toBe(activitiesInYear.filter((a) => a.date.m === i + 1).length);
    });
    const forms = new Set(rosterInYear.map((r) => r.form));
    expect([...forms].sort()).toEqual(["cn", "date", "dot", "iso"]);
  });

  test("teachers: sessions per teacher and per month by type", () => {
    const t = metrics.teachers;
    expect(t).not.toBeNull();
    for (const teacher of sample.TEACHERS) {
      const mine = activitiesInYear.filter((a) => a.teacher === teacher.name);
      const row = t?.byTeacher.find((x) => x.teacher === teacher.name);
      if (mine.length === 0) continue;
      expect(row).toMatchObject({ sessions: mine.length, hours: sum(mine.map((a) => a.hours)) });
      expect(row?.type).toBe(
        { 专职: "fullTime", 兼职: "partTime", 志愿者: "volunteer" }[teacher.type]
      );
    }
    const volunteersInMarch = activitiesInYear.filter(
      (a) => a.date.m === 3 && a.teacherType === "志愿者"
    ).length;
    expect(t?.byMonth[2].volunteer).toBe(volunteersInMarch);
  });

  test("schools: 10 社区学校 50% excellent, 100% qualified; 5 职工学校 40% excellent", () => {
    const s = metrics.schools;
    expect(s).not.toBeNull();
    const community = s?.byType.find((g) => g.type === "社区学校");
    const staff = s?.byType.find((g) => g.type === "职工学校");
    expect(community).toMatchObject({
      count: 10,
      rated: 10,
      excellent: 5,
      qualified: 10,
      excellenceRate: 0.5,
      qualifiedRate: 1,
    });
    expect(staff).toMatchObject({
      count: 5,
      rated: 5,
      excellent: 2,
      qualified: 4,
      excellenceRate: 0.4,
      qualifiedRate: 0.8,
    });
    expect(s).toMatchObject({
      count: 15,
      rated: 15,
      excellent: 7,
      qualified: 14,
      excellenceRate: 7 / 15,
      qualifiedRate: 14 / 15,
    });
  });

  test("plan completion: planned sessions matched by an activity of that category (or title) in that block", () => {
    const norm = (s: string) => s.replace(/[(（][^)）]*[)）]/g, "").replace(/\s+/g, "");
    let planned = 0;
    let delivered = 0;
    const expectedRows = sample.PLAN.map((p) => {
      const months = sample.PLAN_MONTHS[p.month];
      const matches = activitiesInYear.filter(
        (a) =>
          months.includes(a.date.m) &&
          (a.category === p.category ||
            norm(a.title).includes(norm(p.item)) ||
            norm(p.item).includes(norm(a.title)))
      ).length;
      const done = Math.min(p.sessions, matches);
      planned += p.sessions;
      delivered += done;
      // Text is width-folded when read: （…） comes back as (…).
      const item = p.item.replace(/（/g, "(").replace(/）/g, ")");
      return {
        month: p.month,
        months,
        item,
        category: p.category,
        planned: p.sessions,
        delivered: done,
      };
    });
    expect(metrics.plan?.rows).toEqual(expectedRows);
    expect(metrics.plan).toMatchObject({ planned, delivered, planCompletion: delivered / planned });
    expect(planned).toBe(sum(sample.PLAN.map((p) => p.sessions)));
    // 信息技术培训 repeats in five blocks.
    expect(metrics.plan?.rows.filter((r) => r.item === "信息技术培训")).toHaveLength(5);
  });

  test("a community filter: 东湖社区 alone", () => {
    const m = figures(analysis, { filter: { community: "东湖" } });
    const rows = rosterInYear.filter((r) => r.community === "东湖社区");
    const p = POP.get("东湖社区");
    expect(m.overall.participants).toBe(distinct(rows));
    expect(m.overall.residents).toBe(p?.residents);
    expect(m.overall.participationRate).toBe(distinct(rows) / (p?.residents ?? 1));
    expect(m.byCommunity.map((c) => c.community)).toEqual(["东湖社区"]);
  });

  test("a half-year period: 上半年 counts only January to June", () => {
    const h1 = periodFrom(analysis, "2025-01-01", "2025-06-30");
    expect(h1).not.toBeNull();
    const m = figures(analysis, { period: h1 ?? undefined });
    const rows = rosterInYear.filter((r) => r.date.m <= 6);
    expect(m.overall.participants).toBe(distinct(rows));
    expect(m.overall.enrolments).toBe(pairsOf(rows).length);
    expect(m.overall.activities).toBe(activitiesInYear.filter((a) => a.date.m <= 6).length);
  });
});

describe("issues planted in the sample", () => {
  const find = (cell: string, code: string) =>
    issues.find((i) => i.cell === cell && i.code === code);
  const sp = sample.roster.specials;

  test("学员花名册!D17: wrong check digit (warning, value masked)", () => {
    const i = find("学员花名册!D17", "bad-id-number");
    expect(i).toMatchObject({ severity: "warning", field: "idNumber", row: 17, col: 4 });
    expect(i?.value).toMatch(/^\d{6}\*{8}\d{3}[\dX]$/);
  });

  test("an ID stored as a number: id-precision-lost", () => {
    expect(find(`学员花名册!D${sp.idAsNumber}`, "id-precision-lost")).toMatchObject({
      severity: "warning",
    });
  });

  test("a community not in the population sheet: unknown-community (row still counted)", () => {
    expect(find(`学员花名册!E${sp.unknownCommunity}`, "unknown-community")).toMatchObject({
      severity: "warning",
      value: "青石社区",
    });
  });

  test("the same person in the same course twice: duplicate-enrolment on the later row", () => {
    expect(find(`学员花名册!F${sp.duplicate}`, "duplicate-enrolment")).toMatchObject({
      severity: "warning",
    });
  });

  test("a gender typo: bad-enum", () => {
    expect(find(`学员花名册!C${sp.badGender}`, "bad-enum")).toMatchObject({
      severity: "warning",
      field: "gender",
    });
  });

  test("blank 参加人数: missing-required error, row left out", () => {
    expect(
      find(`活动记录!E${sample.activities.specials.blankParticipants}`, "missing-required")
    ).toMatchObject({ severity: "error" });
  });

  test("out-of-period rows: one info issue per sheet with the count and the first cell", () => {
    const oop = issues.filter((i) => i.code === "out-of-period");
    expect(oop).toHaveLength(2);
    const roster = oop.find((i) => i.sheet === "学员花名册");
    expect(roster).toMatchObject({ severity: "info", cell: "学员花名册!I5" });
    expect(roster?.message.params?.count).toBe(sample.roster.rows.length - rosterInYear.length);
    const act = oop.find((i) => i.sheet === "活动记录");
    expect(act).toMatchObject({
      severity: "info",
      cell: `活动记录!A${sample.activities.specials.outOfPeriod}`,
    });
    expect(act?.message.params?.count).toBe(1);
  });

  test("nothing else: exactly the planted problems, most severe first", () => {
    const list = issues.map((i) => `${i.severity} ${i.code} ${i.cell}`);
    expect(list).toEqual([
      `error missing-required 活动记录!E${sample.activities.specials.blankParticipants}`,
      `warning bad-id-number 学员花名册!D17`,
      `warning id-precision-lost 学员花名册!D${sp.idAsNumber}`,
      `warning unknown-community 学员花名册!E${sp.unknownCommunity}`,
      `warning duplicate-enrolment 学员花名册!F${sp.duplicate}`,
      `warning bad-enum 学员花名册!C${sp.badGender}`,
      `info out-of-period 学员花名册!I5`,
      `info out-of-period 活动记录!A${sample.activities.specials.outOfPeriod}`,
    ]);
  });
});

describe("results that do not depend on how rows are sorted", () => {
  const HEAD = ["姓名", "所属社区", "培训项目", "报名日期", "身份证号"];
  const ID = "110105194912310021";
  const roster = (rows: unknown[][]): WorkbookInput => ({
    sheets: [{ name: "花名册", values: [HEAD, ...rows] }],
  });
  const conflicts = (w: WorkbookInput) =>
    allIssues(analyze(w, { today: TODAY }), figures(analyze(w, { today: TODAY })))
      .filter((i) => i.code === "id-name-conflict")
      .map((i) => `${i.cell} ${i.value}`)
      .sort();

  test("one ID under two names marks every row of that ID, whichever name comes first", () => {
    const a = ["张三", "六角社区", "书法", "2025-03-05", ID];
    const b = ["孙八", "六角社区", "摄影", "2025-03-06", ID];
    const c = ["张三", "六角社区", "舞蹈", "2025-03-07", ID];
    const noId = ["张三", "六角社区", "茶艺", "2025-03-08", ""];
    expect(conflicts(roster([a, b, c, noId]))).toEqual([
      "花名册!A2 张三",
      "花名册!A3 孙八",
      "花名册!A4 张三",
    ]);
    // Same rows, the other name first: the same three rows, now at their new places.
    expect(conflicts(roster([b, a, c, noId]))).toEqual([
      "花名册!A2 孙八",
      "花名册!A3 张三",
      "花名册!A4 张三",
    ]);
    expect(conflicts(roster([a, c, noId]))).toEqual([]);
  });

  test("the overall participation target is the same whatever order the population sheet lists", () => {
    const pop = [
      ["六角社区", 3, 0.7],
      ["新村", 12, null],
      ["东湖社区", 3, 0.55],
      ["西山村", 7, 0.65],
    ];
    const target = (rows: unknown[][]) =>
      figures(
        analyze(
          { sheets: [{ name: "人口", values: [["社区名称", "常住人口", "参与率目标"], ...rows] }] },
          { today: TODAY }
        )
      ).overall.target;
    const first = target(pop);
    expect(first).toBeCloseTo((3 * 0.7 + 12 * 0.6 + 3 * 0.55 + 7 * 0.65) / 25, 12);
    for (const order of [
      [3, 2, 1, 0],
      [1, 0, 3, 2],
      [2, 3, 0, 1],
      [0, 2, 1, 3],
    ]) {
      expect(target(order.map((i) => pop[i]))).toBe(first);
    }
  });
});

describe("test/helpers/readXlsx on unusual cells", () => {
  let wb: WorkbookInput;
  beforeAll(async () => {
    wb = await readXlsx(path.join(__dirname, "..", "fixtures", "cell-kinds.xlsx"));
  });

  test("formula results, rich text, hyperlinks, errors, dates, merged cells, hidden sheets", () => {
    const v = wb.sheets[0].values;
    // A merged area reads as its value in every cell (docs/data-model.md: a merged cell belongs to each of its rows).
    expect(v[0]).toEqual(Array(5).fill("东湖社区2025年学员名册"));
    expect(v[2][0]).toBe("张三");
    expect(v[2][3]).toEqual(new Date(Date.UTC(2025, 2, 5)));
    expect(v[3][0]).toBe("李四");
    expect(v[3][1]).toBe("东湖社区");
    expect(v[3][3]).toEqual(new Date(Date.UTC(2025, 3, 8)));
    expect(v[4][3]).toEqual({ error: "#N/A" });
    expect(v[4][4]).toEqual({ error: "#N/A" });
    expect(v[5]).toEqual(["合计", 3]); // trailing empty cells are dropped
    expect(wb.sheets[1]).toMatchObject({ name: "社区人口", hidden: true });
    expect(wb.date1904).toBe(false);
  });

  test("the engine reads them like plain cells; an error in a required date is an error, never a crash", () => {
    const a = analyze(wb, { today: TODAY });
    const m = figures(a);
    expect(a.sheets[0]).toMatchObject({
      kind: "enrolment",
      headerRow: 2,
      dataRows: 3,
      skippedRows: 1,
    });
    expect(m.overall).toMatchObject({
      participants: 2,
      enrolments: 2,
      excellent: 1,
      withResult: 2,
      residents: 2000,
    });
    const all = allIssues(a, m).map((i) => `${i.severity} ${i.code} ${i.cell}`);
    expect(all).toContain("error error-value 花名册!D5");
    expect(all).toContain("warning error-value 花名册!E5");
  });
});
