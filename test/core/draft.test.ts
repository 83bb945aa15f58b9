/**
 * The 工作总结 draft on small hand-made workbooks: sections without data are left out, targets
 * and last year are stated as the figures say, new and returning learners follow the engine's
 * identity, and every count carries its unit.
 */
import { epochDayFromISO } from "../../src/core/cells";
import { analyze, figures } from "../../src/core/engine";
import {
  buildDraft,
  covers,
  draftTable,
  draftText,
  isComparison,
  learnersAcross,
  mayCover,
  previousYearInData,
  previousYearInWorkbook,
  type Draft,
  type FigurePart,
} from "../../src/core/draft";
import { periodShape, samePeriodLastYear } from "../../src/core/period";
import type { Lang, SheetInput } from "../../src/core/types";

const TODAY = epochDayFromISO("2026-11-23") as number;
const day = (iso: string) => epochDayFromISO(iso) as number;
const period = (from: string, to: string) => ({ from: day(from), to: day(to) });

const ROSTER = ["姓名", "身份证号", "所属社区", "培训项目", "类别", "报名日期", "学习状态"];
const roster = (rows: unknown[][]): SheetInput => ({
  name: "学员花名册",
  values: [ROSTER, ...rows],
});
const population = (rows: unknown[][]): SheetInput => ({
  name: "社区人口",
  values: [["社区", "常住人口", "参与率目标"], ...rows],
});
const activity = (rows: unknown[][]): SheetInput => ({
  name: "活动记录",
  values: [["日期", "社区", "活动名称", "类别", "参加人数", "课时"], ...rows],
});
const schools = (rows: unknown[][]): SheetInput => ({
  name: "学校名单",
  values: [["学校名称", "类型", "评估等级"], ...rows],
});

const ID_A = "420111195001011020";
const ID_B = "42011119620315102X";

function draftOf(sheets: SheetInput[], lang: Lang = "zh-CN", from?: string, to?: string) {
  const a = analyze({ sheets }, { today: TODAY });
  const m = figures(a, from && to ? { period: period(from, to) } : {});
  const comparison = previousYearInData(a, m);
  const d = buildDraft(m, { lang, comparison });
  return { a, m, d, text: draftText(d) };
}

function figuresOf(d: Draft): FigurePart[] {
  return d.sections
    .flatMap((s) => s.paragraphs.flatMap((p) => p.sentences.flatMap((x) => x.parts)))
    .filter((p): p is FigurePart => p.kind === "figure");
}

/** Twelve monthly activities of a year, so the year counts as covered. */
const yearOfActivities = (year: number, people: number) =>
  Array.from({ length: 12 }, (_, i) => [
    `${year}-${String(i + 1).padStart(2, "0")}-10`,
    "六角社区",
    "科普讲座",
    "科普",
    people,
    2,
  ]);

describe("sections", () => {
  test("only an activity log: one section, numbered 一, and no zeros for what is missing", () => {
    const { d, text } = draftOf([activity(yearOfActivities(2025, 20))]);
    expect(d.sections.map((s) => s.heading)).toEqual(["一、活动开展"]);
    expect(text).toContain("全年共开展活动12场，参与240人次，累计24课时。");
    expect(text).not.toMatch(/学校|培训|参与率|教师|计划/);
    expect(text).not.toMatch(/(^|[^\d.])0(人|人次|场|课时|所|\.0%)/);
    const en = draftOf([activity(yearOfActivities(2025, 20))], "en-US");
    expect(en.d.sections.map((s) => s.heading)).toEqual(["I. Activities"]);
    expect(en.text).toContain(
      "In 2025, 12 activities were held, with 240 attendances, totalling 24 hours."
    );
  });

  test("nothing in the period: the intro says so and no section is written", () => {
    const { d, text } = draftOf(
      [activity(yearOfActivities(2025, 20))],
      "zh-CN",
      "2023-01-01",
      "2023-12-31"
    );
    expect(d.sections).toEqual([]);
    expect(d.table.rows).toEqual([]);
    expect(text).toContain("本期没有可汇总的数据。");
  });

  test("a rate without a denominator is left out, the other rates stay", () => {
    const { text } = draftOf([
      roster([
        ["张三", ID_A, "六角社区", "歌舞", "文体艺术", "2025-03-05", ""],
        ["李四", ID_B, "六角社区", "歌舞", "文体艺术", "2025-04-05", ""],
      ]),
    ]);
    expect(text).toContain("全年共有2人参加各类培训，报名2人次。");
    expect(text).not.toMatch(/结业率|优秀率|合格率|参与率/);
  });

  test("a half-year is 上半年 in the title and the sentences", () => {
    const { d, text } = draftOf(
      [activity(yearOfActivities(2025, 10))],
      "zh-CN",
      "2025-01-01",
      "2025-06-30"
    );
    expect(text.split("\n")[0]).toBe("2025年上半年社区教育工作总结");
    expect(text).toContain("上半年共开展活动6场");
    expect(d.sections).toHaveLength(1);
  });
});

describe("targets", () => {
  const people = (n: number) =>
    Array.from({ length: n }, (_, i) => [
      `学员${i}`,
      "",
      "六角社区",
      "歌舞",
      "文体艺术",
      "2025-03-05",
      "",
    ]);

  test("above the target: 超额完成, by how many points", () => {
    const { text, m } = draftOf([roster(people(31)), population([["六角社区", 50, "60%"]])]);
    expect(m.overall.targetMet).toBe(true);
    expect(text).toContain(
      "居民参与率达62.0%（常住人口50人），超额完成60%的目标，高出2.0个百分点。"
    );
  });

  test("below the target: 未达到, 相差 … 个百分点", () => {
    const { text } = draftOf([roster(people(29)), population([["六角社区", 50, "60%"]])]);
    expect(text).toContain("居民参与率达58.0%（常住人口50人），未达到60%的目标，相差2.0个百分点。");
    const en = draftOf([roster(people(29)), population([["六角社区", 50, "60%"]])], "en-US");
    expect(en.text).toContain(
      "The residents' participation rate reached 58.0% (of 50 residents), short of the 60% target by 2.0 percentage points."
    );
  });

  test("exactly on target: 达到, with no gap", () => {
    const { text } = draftOf([roster(people(30)), population([["六角社区", 50, "60%"]])]);
    expect(text).toContain("居民参与率达60.0%（常住人口50人），达到60%的目标。");
  });
});

describe("against last year", () => {
  test("periods: the same dates a year earlier, month ends to month ends", () => {
    const iso = (p: { from: number; to: number }) => [p.from, p.to];
    expect(iso(samePeriodLastYear(period("2025-01-01", "2025-12-31")))).toEqual(
      iso(period("2024-01-01", "2024-12-31"))
    );
    expect(iso(samePeriodLastYear(period("2025-02-01", "2025-02-28")))).toEqual(
      iso(period("2024-02-01", "2024-02-29"))
    );
    expect(iso(samePeriodLastYear(period("2024-02-01", "2024-02-29")))).toEqual(
      iso(period("2023-02-01", "2023-02-28"))
    );
    expect(iso(samePeriodLastYear(period("2025-03-15", "2025-05-20")))).toEqual(
      iso(period("2024-03-15", "2024-05-20"))
    );
    expect(periodShape(period("2025-07-01", "2025-12-31"))).toEqual({
      kind: "secondHalf",
      year: 2025,
    });
    expect(periodShape(period("2025-01-01", "2025-06-29"))).toEqual({ kind: "other" });
  });

  test("rows spread over last year: 比上年 for counts (%) and rates (percentage points)", () => {
    const { d, text } = draftOf([
      activity([...yearOfActivities(2024, 20), ...yearOfActivities(2025, 30)]),
    ]);
    expect(text).toContain(
      "全年共开展活动12场，参与360人次，累计24课时，活动场次比上年持平，参与人次增长50.0%。"
    );
    expect(text).toContain("文中“比上年”均与上年同期（2024年1月1日至2024年12月31日）相比。");
    const row = d.table.rows.find((r) => r.key === "attendance");
    expect([row?.value.text, row?.previous?.text, row?.change?.text]).toEqual([
      "360人次",
      "240人次",
      "+50.0%",
    ]);
  });

  test("a few late rows of last year do not make a comparison (3 rows in December ≠ a year)", () => {
    const { a, m, text } = draftOf([
      activity([
        ["2024-12-01", "六角社区", "科普讲座", "科普", 20, 2],
        ["2024-12-20", "六角社区", "科普讲座", "科普", 20, 2],
        ...yearOfActivities(2025, 30),
      ]),
    ]);
    expect(previousYearInData(a, m)).toBeNull();
    expect(text).not.toContain("比上年");
  });

  test("coverage needs rows in the first and the last quarter of the period", () => {
    const cover = (rows: unknown[][], from: string, to: string) => {
      const a = analyze({ sheets: [activity(rows)] }, { today: TODAY });
      const exact = covers(figures(a, { period: period(from, to) }));
      // The quick check on raw dates says the same on unfiltered rows.
      expect(mayCover(a.data, period(from, to))).toBe(exact);
      return exact;
    };
    const at = (iso: string) => [iso, "六角社区", "讲座", "科普", 10, 1];
    expect(cover([at("2024-02-10"), at("2024-10-05")], "2024-01-01", "2024-12-31")).toBe(true);
    expect(cover([at("2024-04-10"), at("2024-12-05")], "2024-01-01", "2024-12-31")).toBe(false);
    expect(cover([at("2024-02-10"), at("2024-08-05")], "2024-01-01", "2024-12-31")).toBe(false);
    expect(cover([at("2024-03-10")], "2024-03-01", "2024-03-31")).toBe(true);
  });

  test("new and returning learners within one workbook: the same ID in both years is returning", () => {
    const { d, text, m } = draftOf([
      roster([
        ["张三", ID_A, "六角社区", "歌舞", "文体艺术", "2024-01-05", ""],
        ["王五", "", "金阳村", "歌舞", "文体艺术", "2024-12-05", ""],
        ["张三", ID_A, "六角社区", "书法", "书法绘画", "2025-03-05", ""],
        ["李四", ID_B, "六角社区", "书法", "书法绘画", "2025-03-05", ""],
        ["王五", "", "金阳村", "书法", "书法绘画", "2025-04-05", ""],
        ["王五", "", "六角社区", "书法", "书法绘画", "2025-05-05", ""],
      ]),
    ]);
    // 张三 by ID and 王五 of 金阳村 by name + community came back; 李四 and 王五 of 六角社区 are new.
    expect(m.overall.participants).toBe(4);
    expect(text).toContain("其中新学员2人，老学员2人，老学员占50.0%。");
    expect(text).toContain("参训人数比上年增长100.0%");
    expect(figuresOf(d).map((f) => f.pointer)).toContain("/comparison/learners/returningShare");
  });

  test("new and returning learners across two workbooks: matched by ID, else name + community", () => {
    const lastYear = analyze(
      {
        sheets: [
          roster([
            ["张三", ID_A, "六角社区", "歌舞", "文体艺术", "2024-01-05", ""],
            ["王五", "", "金阳村", "歌舞", "文体艺术", "2024-12-05", ""],
            ["赵六", "", "金阳村", "歌舞", "文体艺术", "2024-12-05", ""],
          ]),
        ],
      },
      { today: TODAY }
    );
    const thisYear = analyze(
      {
        sheets: [
          roster([
            // The same ID under a name written with a space: still the same person.
            ["张 三", ID_A, "六角社区", "书法", "书法绘画", "2025-03-05", ""],
            ["王五", "", "金阳村", "书法", "书法绘画", "2025-04-05", ""],
            ["赵六", "", "六角社区", "书法", "书法绘画", "2025-04-05", ""],
            ["李四", ID_B, "金阳村", "书法", "书法绘画", "2025-03-05", ""],
          ]),
        ],
      },
      { today: TODAY }
    );
    const now = period("2025-01-01", "2025-12-31");
    const before = period("2024-01-01", "2024-12-31");
    expect(learnersAcross(thisYear.data, now, lastYear.data, before)).toEqual({
      new: 2,
      returning: 2,
      returningShare: 0.5,
    });
    // Under a filter, new + returning is still the participants figure.
    const m = figures(thisYear, { filter: { community: "金阳" } });
    const l = learnersAcross(thisYear.data, now, lastYear.data, before, m.filter);
    expect(l.new + l.returning).toBe(m.overall.participants);
    expect(l).toMatchObject({ new: 1, returning: 1 });
  });

  test("a second workbook that only has a school list compares the schools, nothing dated", () => {
    const now = analyze(
      {
        sheets: [
          activity(yearOfActivities(2025, 30)),
          schools([
            ["甲校", "社区学校", "优秀"],
            ["乙校", "社区学校", "合格"],
            ["丙校", "社区学校", "合格"],
          ]),
        ],
      },
      { today: TODAY }
    );
    const before = analyze(
      {
        sheets: [
          schools([
            ["甲校", "社区学校", "合格"],
            ["乙校", "社区学校", "合格"],
          ]),
        ],
      },
      { today: TODAY }
    );
    const m = figures(now);
    const c = previousYearInWorkbook(now, m, before, "2024.xlsx");
    expect(isComparison(c)).toBe(true);
    if (!isComparison(c)) return;
    expect(c.changes.activities).toBeNull();
    expect(c.changes.schools).toEqual({ previous: 2, difference: 1 });
    const text = draftText(buildDraft(m, { lang: "zh-CN", comparison: c }));
    expect(text).toContain("全年共有各类学校3所，比上年增加1所。");
    expect(text).toContain("优秀1所，优秀率33.3%，比上年提高33.3个百分点");
    expect(text).not.toMatch(/活动场次比上年/);
    expect(text).toContain("对比工作簿“2024.xlsx”");
  });
});

describe("units and names", () => {
  test("every count carries its unit, in both languages", () => {
    const sheets = [
      roster([
        ["张三", ID_A, "六角社区", "歌舞", "文体艺术", "2025-03-05", "结业"],
        ["李四", ID_B, "六角社区", "书法", "2025年新课", "2025-03-05", "在读"],
      ]),
      population([["六角社区", 1200, ""]]),
      activity(yearOfActivities(2025, 25)),
      schools([["甲校", "社区学校", "优秀"]]),
    ];
    for (const [lang, unit] of [
      ["zh-CN", /(人|人次|场|课时|所)$/],
      [
        "en-US",
        / (person|people|enrolments?|attendances?|activity|activities|sessions?|hours?|schools?|teachers?|residents?)$/,
      ],
    ] as const) {
      const { d } = draftOf(sheets, lang);
      const counts = figuresOf(d).filter((f) => f.format === "count" || f.format === "decimal");
      expect(counts.length).toBeGreaterThan(5);
      for (const f of counts)
        expect({ f: f.text, ok: unit.test(f.text) }).toEqual({ f: f.text, ok: true });
    }
  });

  test("names from the data are names, not figures, even with digits in them", () => {
    const { d } = draftOf([
      roster([
        ["张三", ID_A, "六角社区", "歌舞", "2025年新课", "2025-03-05", ""],
        ["李四", ID_B, "六角社区", "歌舞", "2025年新课", "2025-03-06", ""],
        ["王五", "", "六角社区", "书法", "书法绘画", "2025-03-05", ""],
      ]),
    ]);
    const parts = d.sections.flatMap((s) =>
      s.paragraphs.flatMap((p) => p.sentences.flatMap((x) => x.parts))
    );
    expect(parts).toContainEqual({ kind: "name", text: "2025年新课" });
    for (const p of parts) if (p.kind === "text") expect(p.text).not.toMatch(/\d/);
  });
});

describe("the draft as a report table (总结)", () => {
  test("one text row per line of the draft, title and note in the reader's language", () => {
    const { d, text } = draftOf([activity(yearOfActivities(2025, 20))]);
    const table = draftTable(d);
    expect(table.columns).toEqual([{ key: "text", header: "总结", format: "text" }]);
    expect(table.rows.map((r) => r[0])).toEqual(text.split("\n").filter((l) => l !== ""));
    expect(table.title).toBe("工作总结（草稿）");
    const en = draftTable(draftOf([activity(yearOfActivities(2025, 20))], "en-US").d);
    expect(en.title).toBe("Work summary (draft)");
    expect(en.rows[0]).toEqual(["Community education work summary for 2025"]);
  });
});
