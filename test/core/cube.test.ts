/**
 * The figure cube gives, for every community × category filter, exactly the overall figures
 * computeMetrics gives for that filter alone: distinct people, pairs split across communities or
 * categories, best status and result per pair, residents and sums to the last digit.
 */
import fc from "fast-check";
import { buildCube, cubeOverall } from "../../src/core/cube";
import { analyze } from "../../src/core/engine";
import { computeMetrics } from "../../src/core/metrics";
import { epochDayFromISO } from "../../src/core/cells";
import type { Filter, Period, WorkbookInput } from "../../src/core/types";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { officeInput, TODAY_EPOCH_DAY } = require("../../scripts/bench/office");

const TODAY = epochDayFromISO("2026-01-01") as number;
const ROSTER = [
  "姓名",
  "身份证号",
  "所属社区",
  "培训项目",
  "类别",
  "报名日期",
  "学习状态",
  "考核结果",
];
const ACTS = ["日期", "社区", "活动名称", "活动类别", "参加人数", "课时"];
const NAMES = ["王芳", "李强", "张伟", "刘洋", "陈静"];
const COMMUNITIES = ["六角社区", "金阳村", "东城社区", "六角", "南湖社区"];
const COURSES = ["书法", "太极", "英语"];
const CATEGORIES = ["文化艺术", "健康养生", "", "职业技能"];
const STATUS = ["在读", "结业", "退学", ""];
const RESULTS = ["优秀", "良好", "合格", "不合格", ""];
const DATES = ["2025-01-05", "2025-03-01", "2025-03-01", "2025-07-20", "2024-12-31", "2025-12-31"];

function filtersOf(input: WorkbookInput): Filter[] {
  const out: Filter[] = [{}];
  const cats = ["", ...CATEGORIES.filter(Boolean), "不存在的类别", "文化 艺术"];
  for (const community of ["", ...COMMUNITIES, "没有的社区"])
    for (const category of cats)
      out.push({ community: community || undefined, category: category || undefined });
  void input;
  return out;
}

function expectSame(input: WorkbookInput, periods: Period[], filters: Filter[]): void {
  const analysis = analyze(input, { today: TODAY });
  for (const period of periods) {
    const cube = buildCube(analysis.data, period);
    expect(cube).not.toBeNull();
    for (const filter of filters) {
      const want = computeMetrics(analysis.data, { period, filter }).overall;
      expect({ filter, got: cubeOverall(analysis.data, cube!, filter) }).toEqual({
        filter,
        got: want,
      });
    }
  }
}

const YEAR_2025: Period = {
  from: epochDayFromISO("2025-01-01") as number,
  to: epochDayFromISO("2025-12-31") as number,
};
const H1_2025: Period = {
  from: epochDayFromISO("2025-01-01") as number,
  to: epochDayFromISO("2025-06-30") as number,
};

test("random rosters: every filter's figures equal computeMetrics' for that filter", () => {
  const row = fc.tuple(
    fc.integer({ min: 0, max: 4 }),
    fc.boolean(),
    fc.integer({ min: 0, max: 4 }),
    fc.integer({ min: 0, max: 2 }),
    fc.integer({ min: 0, max: 3 }),
    fc.integer({ min: 0, max: 5 }),
    fc.integer({ min: 0, max: 3 }),
    fc.integer({ min: 0, max: 4 })
  );
  const act = fc.tuple(
    fc.integer({ min: 0, max: 5 }),
    fc.integer({ min: 0, max: 4 }),
    fc.integer({ min: 0, max: 3 }),
    fc.double({ min: 0, max: 100, noNaN: true }),
    fc.double({ min: 0.1, max: 5, noNaN: true })
  );
  fc.assert(
    fc.property(
      fc.array(row, { minLength: 1, maxLength: 40 }),
      fc.array(act, { maxLength: 15 }),
      fc.boolean(),
      (rows, acts, withPopulation) => {
        const roster = [
          ROSTER,
          ...rows.map(([n, id, c, k, cat, d, s, r]) => [
            NAMES[n],
            id ? `ID-${n}` : "",
            COMMUNITIES[c],
            COURSES[k],
            CATEGORIES[cat],
            DATES[d],
            STATUS[s],
            RESULTS[r],
          ]),
        ];
        const activities = [
          ACTS,
          ...acts.map(([d, c, cat, people, hours]) => [
            DATES[d],
            COMMUNITIES[c],
            "讲座",
            CATEGORIES[cat],
            Math.round(people),
            Math.round(hours * 2) / 2,
          ]),
        ];
        const sheets: WorkbookInput["sheets"] = [
          { name: "花名册", values: roster },
          { name: "活动", values: activities },
        ];
        if (withPopulation)
          sheets.push({
            name: "人口",
            values: [
              ["社区", "常住人口", "目标参与率"],
              ["六角社区", 1000, "60%"],
              ["金阳村", 800, ""],
            ],
          });
        expectSame({ sheets }, [YEAR_2025, H1_2025], filtersOf({ sheets }));
      }
    ),
    { numRuns: 50 }
  );
});

test("the benchmark's office (5,000 rows): every community × category, two periods", () => {
  const input = officeInput(5000) as WorkbookInput;
  const analysis = analyze(input, { today: TODAY_EPOCH_DAY });
  const year = analysis.defaultPeriod;
  const half: Period = { from: year.from, to: year.from + 180 };
  const filters: Filter[] = [{}];
  for (const community of ["", "六角社区", "金阳", "东城社区", "南湖社区", "桃源村", "无此社区"])
    for (const category of ["", "职业技能", "文化艺术", "健康养生", "法律法规", "思想道德"])
      filters.push({ community: community || undefined, category: category || undefined });
  for (const period of [year, half]) {
    const cube = buildCube(analysis.data, period)!;
    for (const filter of filters)
      expect(cubeOverall(analysis.data, cube, filter)).toEqual(
        computeMetrics(analysis.data, { period, filter }).overall
      );
  }
});

test("a target-group filter is not cut by the cube: null, so the caller asks computeMetrics", () => {
  const input = officeInput(200) as WorkbookInput;
  const analysis = analyze(input, { today: TODAY_EPOCH_DAY });
  const cube = buildCube(analysis.data, analysis.defaultPeriod)!;
  expect(cubeOverall(analysis.data, cube, { targetGroup: "老年人" })).toBeNull();
});
