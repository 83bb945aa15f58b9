/**
 * A district from three small hand-made workbooks, where every figure can be counted by eye:
 *
 * 六角社区学校.xlsx   roster: 张三 (ID A) 太极拳, 李四 (ID B) 书法, 王五 (no ID) 太极拳 — all 六角社区
 *                     activities: 03-10 消防演练 30, 05-01 读书节 20 (六角社区)
 *                     population: 六角社区 1000, 金阳村 500
 * 金阳村社区学校.xlsx roster: 张三 (ID A again) 太极拳, 赵六 (ID C) 剪纸 — both 金阳 (written
 *                     without its suffix); 王五 (no ID) again in 六角社区
 *                     activities: 05-01 读书节 25 (六角社区: the same activity), 06-01 剪纸展 15
 *                     population: 六角社区 1000, 金阳村 600 (disagrees with the other file)
 * 街道中心.xlsx       school list: 六角社区学校 优秀, 金阳村社区学校 合格, 东湖社区学校 合格
 *
 * District, 2025: people 张三, 李四, 王五, 赵六 = 4 (张三 and 王五 are in two files, counted once);
 * enrolments 3 + 3 = 6 (a course belongs to its school); residents 1000 + 600 = 1600; activities
 * 消防演练, 读书节 (once, as the report with 25), 剪纸展 = 3, attendance 30 + 25 + 15 = 70;
 * 东湖社区学校 has not reported.
 */
import { epochDayFromISO } from "../../../src/core/cells";
import { analyze, figures, type Analysis } from "../../../src/core/engine";
import { bySource, consolidate, type Source } from "../../../src/core/district/consolidate";
import { format } from "../../../src/core/i18n";
import { rateValue } from "../../../src/core/rate";
import type { SheetInput } from "../../../src/core/types";

const TODAY = epochDayFromISO("2026-01-15") as number;
const YEAR = { from: epochDayFromISO("2025-01-01")!, to: epochDayFromISO("2025-12-31")! };
const ID_A = "110101199003070011";
const ID_B = "110101198506150027";
const ID_C = "110101197001010018";

const ROSTER = ["姓名", "所属社区", "培训项目", "报名日期", "身份证号"];
const ACTIVITIES = ["日期", "社区", "活动名称", "参加人数"];
const POPULATION = ["社区", "常住人口"];

function source(label: string, sheets: SheetInput[]): Source {
  return { label, analysis: analyze({ sheets }, { today: TODAY }) };
}

const liujiao = () =>
  source("六角社区学校.xlsx", [
    {
      name: "学员花名册",
      values: [
        ROSTER,
        ["张三", "六角社区", "太极拳", "2025-03-01", ID_A],
        ["李四", "六角社区", "书法", "2025-03-02", ID_B],
        ["王五", "六角社区", "太极拳", "2025-04-01", ""],
      ],
    },
    {
      name: "活动记录",
      values: [
        ACTIVITIES,
        ["2025-03-10", "六角社区", "消防演练", 30],
        ["2025-05-01", "六角社区", "读书节", 20],
      ],
    },
    {
      name: "社区人口",
      values: [POPULATION, ["六角社区", 1000], ["金阳村", 500]],
    },
  ]);

const jinyang = () =>
  source("金阳村社区学校.xlsx", [
    {
      name: "学员花名册",
      values: [
        ROSTER,
        ["张三", "金阳", "太极拳", "2025-03-05", ID_A],
        ["赵六", "金阳", "剪纸", "2025-06-01", ID_C],
        ["王五", "六角社区", "书法", "2025-06-02", ""],
      ],
    },
    {
      name: "活动记录",
      values: [
        ACTIVITIES,
        ["2025-05-01", "六角", "读书节", 25],
        ["2025-06-01", "金阳村", "剪纸展", 15],
      ],
    },
    {
      name: "社区人口",
      values: [POPULATION, ["六角社区", 1000], ["金阳村", 600]],
    },
  ]);

const centre = () =>
  source("街道中心.xlsx", [
    {
      name: "学校名单",
      values: [
        ["学校名称", "评估等级", "所属社区", "类型"],
        ["六角社区学校", "优秀", "六角社区", "社区学校"],
        ["金阳村社区学校", "合格", "金阳村", "社区学校"],
        ["东湖社区学校", "合格", "东湖社区", "社区学校"],
      ],
    },
  ]);

describe("a district of three workbooks", () => {
  const district = consolidate([jinyang(), centre(), liujiao()]);
  const m = figures(district.analysis, { period: YEAR });

  test("people are counted once across files, by ID or by name and community", () => {
    expect(m.overall.participants).toBe(4);
    expect(m.overall.enrolments).toBe(6);
    const row = (c: string) => m.byCommunity.find((r) => r.community === c)!;
    // 张三 enrols in both communities: once in each, once in the district.
    expect([row("六角社区").participants, row("金阳村").participants]).toEqual([3, 2]);
    expect(m.byCommunity.map((r) => r.community).sort()).toEqual(["六角社区", "金阳村"]);
  });

  test("the district's population takes one figure per community, the larger one", () => {
    expect(m.overall.residents).toBe(1600);
    expect(rateValue(m.overall.participationRate)).toBeCloseTo(4 / 1600, 12);
    const jin = m.byCommunity.find((r) => r.community === "金阳村")!;
    expect(jin.residents).toBe(600);
    expect(rateValue(jin.participationRate)).toBeCloseTo(2 / 600, 12);
  });

  test("a population conflict is reported on the file that loses, naming the other", () => {
    const conflicts = district.analysis.issues.filter((i) => i.code === "population-conflict");
    expect(conflicts).toHaveLength(1);
    const [c] = conflicts;
    expect(c.cell).toBe("'[六角社区学校.xlsx]社区人口'!B3");
    expect(c.value).toBe("500");
    expect(format(c.message, "en-US")).toBe(
      "Residents of “金阳村” are 500 here but 600 in 金阳村社区学校.xlsx ('[金阳村社区学校.xlsx]社区人口'!B3): the files disagree; the larger figure is used"
    );
  });

  test("an activity reported by two files counts once, as the report with more participants", () => {
    expect(m.overall.activities).toBe(3);
    expect(m.overall.attendance).toBe(70);
    const dup = district.analysis.issues.filter((i) => i.code === "duplicate-activity");
    expect(dup.map((i) => i.cell)).toEqual(["'[六角社区学校.xlsx]活动记录'!C3"]);
    expect(format(dup[0].message, "zh-CN")).toContain("金阳村社区学校.xlsx");
    expect(format(dup[0].message, "zh-CN")).toContain("'[金阳村社区学校.xlsx]活动记录'!C2");
  });

  test("each file is matched to its school; a school without a file is not yet reported", () => {
    expect(district.sources).toEqual([
      // Label order, as a Chinese reader sorts: jiē < jīn < liù.
      { label: "街道中心.xlsx", school: null, matchedBy: null },
      { label: "金阳村社区学校.xlsx", school: "金阳村社区学校", matchedBy: "fileName" },
      { label: "六角社区学校.xlsx", school: "六角社区学校", matchedBy: "fileName" },
    ]);
    expect(district.notReported).toEqual([
      { school: "东湖社区学校", community: "东湖社区", type: "社区学校" },
    ]);
  });

  test("by source: what each file reported, and what it shares with another", () => {
    const rows = bySource(district, YEAR);
    const pick = (label: string) => {
      const r = rows.find((x) => x.label === label)!;
      return [
        r.sheets,
        r.participants,
        r.sharedParticipants,
        r.enrolments,
        r.activities,
        r.sharedActivities,
        r.attendance,
      ];
    };
    expect(pick("六角社区学校.xlsx")).toEqual([3, 3, 2, 3, 2, 1, 50]);
    expect(pick("金阳村社区学校.xlsx")).toEqual([3, 3, 2, 3, 2, 0, 40]);
    expect(pick("街道中心.xlsx")).toEqual([1, 0, 0, 0, 0, 0, 0]);
    // The district's totals are not the sums: shared people and activities count once.
    const sum = (k: "participants" | "activities") => rows.reduce((n, r) => n + r[k], 0);
    expect(sum("participants") - m.overall.participants).toBe(2);
    expect(sum("activities") - rows.reduce((n, r) => n + r.sharedActivities, 0)).toBe(
      m.overall.activities
    );
  });

  test("issues carry the file in Excel's [file]sheet notation; no per-file 'no population' note", () => {
    const unknown = district.analysis.issues.filter((i) => i.code === "missing-kind");
    expect(unknown).toEqual([]);
    expect(district.analysis.sheets.map((s) => s.name)).toContain("[街道中心.xlsx]学校名单");
  });

  test("school figures come from the merged list", () => {
    expect(m.schools?.count).toBe(3);
    expect(m.schools?.excellent).toBe(1);
  });
});

describe("order and matching", () => {
  test("the figures do not depend on the order the files are given in", () => {
    const a = consolidate([liujiao(), jinyang(), centre()]);
    const b = consolidate([centre(), jinyang(), liujiao()]);
    expect(figures(b.analysis, { period: YEAR })).toEqual(figures(a.analysis, { period: YEAR }));
    expect(b.analysis.issues).toEqual(a.analysis.issues);
  });

  test("a file named otherwise is matched by its one community, when that has one school", () => {
    const report = source("2025年上半年报表.xlsx", [
      {
        name: "学员花名册",
        values: [ROSTER, ["孙七", "东湖社区", "书法", "2025-02-01", ""]],
      },
    ]);
    const d = consolidate([report, centre()]);
    expect(d.sources[0]).toEqual({
      label: "2025年上半年报表.xlsx",
      school: "东湖社区学校",
      matchedBy: "community",
    });
    expect(d.notReported.map((s) => s.school)).toEqual(["六角社区学校", "金阳村社区学校"]);
  });

  test("without any population sheet the district notes it once", () => {
    const d = consolidate([
      source("a.xlsx", [
        { name: "花名册", values: [ROSTER, ["甲", "东湖社区", "书法", "2025-02-01", ""]] },
      ]),
      source("b.xlsx", [
        { name: "花名册", values: [ROSTER, ["甲", "东湖社区", "书法", "2025-03-01", ""]] },
      ]),
    ]);
    expect(d.analysis.issues.filter((i) => i.code === "missing-kind")).toHaveLength(1);
    // Same name and community in two files: one person, two enrolments (two schools' courses).
    const m = figures(d.analysis, { period: YEAR });
    expect([m.overall.participants, m.overall.enrolments]).toEqual([1, 2]);
  });

  test("one file is its own district: the figures equal the single workbook's", () => {
    const one: Analysis = liujiao().analysis;
    const d = consolidate([{ label: "x.xlsx", analysis: one }]);
    const single = figures(one, { period: YEAR });
    const merged = figures(d.analysis, { period: YEAR });
    expect(merged.overall).toEqual(single.overall);
    expect(merged.byCommunity).toEqual(single.byCommunity);
  });
});
