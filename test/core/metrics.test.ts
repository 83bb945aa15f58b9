/**
 * The indicators of docs/data-model.md on small hand-made grids, where every figure can be counted by eye.
 */
import { allIssues, analyze, figures } from "../../src/core/engine";
import { buildReport } from "../../src/core/report";
import { epochDayFromISO } from "../../src/core/cells";
import { isDivByZero } from "../../src/core/rate";
import type { Rate, SheetInput, WorkbookInput } from "../../src/core/types";

const TODAY = epochDayFromISO("2026-11-23") as number;
const day = (iso: string) => epochDayFromISO(iso) as number;

const ROSTER = [
  "姓名",
  "身份证号",
  "所属社区",
  "培训项目",
  "类别",
  "对象",
  "报名日期",
  "学习状态",
  "考核结果",
];
const roster = (rows: unknown[][], name = "学员花名册"): SheetInput => ({
  name,
  values: [ROSTER, ...rows],
});
const population = (rows: unknown[][]): SheetInput => ({
  name: "社区人口",
  values: [["社区", "常住人口", "参与率目标"], ...rows],
});
const ACT = ["日期", "社区", "活动名称", "类别", "参加人数", "课时"];
const activity = (rows: unknown[][]): SheetInput => ({ name: "活动记录", values: [ACT, ...rows] });
const run = (sheets: SheetInput[], opts: Parameters<typeof figures>[1] = {}) => {
  const wb: WorkbookInput = { sheets };
  const a = analyze(wb, { today: TODAY });
  const m = figures(a, opts);
  return { a, m, issues: allIssues(a, m) };
};

/** A real PRC ID with a correct check digit. */
const ID_A = "420111195001011020";
const ID_B = "42011119620315102X";

describe("zero denominators", () => {
  const expectDiv = (r: Rate, numerator: number) => {
    expect(isDivByZero(r)).toBe(true);
    expect(r).toEqual({ divByZero: true, numerator });
    expect(Number.isNaN(r as unknown as number)).toBe(false);
    expect(r).not.toBe(0);
  };

  test("no population sheet, no status, no result: each rate is a DivByZero value, never NaN or 0", () => {
    const { m } = run([
      roster([["张三", "", "六角社区", "歌舞", "文体艺术", "老年人", "2025-03-05", "", ""]]),
    ]);
    expect(m.overall.participants).toBe(1);
    expectDiv(m.overall.participationRate, 0);
    expect(m.overall.targetMet).toBeNull();
    expectDiv(m.overall.completionRate, 0);
    expectDiv(m.overall.excellenceRate, 0);
    expectDiv(m.overall.qualifiedRate, 0);
    expect(m.byCommunity[0]).toMatchObject({
      community: "六角社区",
      inPopulation: false,
      residents: null,
      targetMet: null,
    });
    expect(isDivByZero(m.byCommunity[0].participationRate)).toBe(true);
    // In a report the zero denominator is null ("—"), not 0.
    const spec = buildReport(m, {
      lang: "zh-CN",
      sections: ["community"],
      generatedAt: "2026-11-23 09:00",
    });
    const table = spec.sheets.flatMap((s) => s.sections).find((s) => s.key === "community")?.table;
    expect(table?.rows[0][4]).toBeNull();
  });

  test("schools none rated and an empty plan period give DivByZero too", () => {
    const { m } = run([
      {
        name: "学校名单",
        values: [
          ["学校名称", "评估等级"],
          ["六角社区学校", ""],
        ],
      },
      {
        name: "培训计划",
        values: [
          ["月份", "项目", "计划次数"],
          ["三四月", "信息技术培训", 2],
        ],
      },
      activity([["2025-05-01", "六角社区", "讲座", "", 30, 2]]),
    ]);
    expect(m.schools).toMatchObject({ count: 1, rated: 0 });
    expect(isDivByZero(m.schools?.excellenceRate as Rate)).toBe(true);
    expect(m.plan).toMatchObject({ planned: 2, delivered: 0, planCompletion: 0 });
    const none = run(
      [
        {
          name: "培训计划",
          values: [
            ["月份", "项目"],
            ["三四月", "信息技术培训"],
          ],
        },
      ],
      {
        period: { from: day("2025-07-01"), to: day("2025-08-31") },
      }
    );
    expect(isDivByZero(none.m.plan?.planCompletion as Rate)).toBe(true);
  });
});

describe("distinct counts", () => {
  const sheets = [
    roster([
      // The same person (one ID) enrolled in 六角社区 and, later, in 金阳村.
      [
        "王芳",
        ID_A,
        "六角社区",
        "信息技术培训",
        "信息技术",
        "老年人",
        "2025-03-05",
        "结业",
        "优秀",
      ],
      ["王芳", ID_A, "金阳村", "书法绘画", "书法绘画", "老年人", "2025-04-05", "结业", "良好"],
      ["李明", "", "六角社区", "信息技术培训", "信息技术", "老年人", "2025-03-06", "结业", "合格"],
    ]),
    population([
      ["六角社区", 100, "60%"],
      ["金阳村", 50, ""],
    ]),
  ];

  test("are not additive: the total is the distinct count over everything", () => {
    const { m } = run(sheets);
    const perCommunity = m.byCommunity.map((c) => c.participants);
    expect(perCommunity).toEqual([2, 1]);
    expect(m.overall.participants).toBe(2);
    expect(m.overall.participants).toBeLessThan(perCommunity[0] + perCommunity[1]);
    expect(m.overall.enrolments).toBe(3);
    expect(m.overall.participationRate).toBe(2 / 150);
    const spec = buildReport(m, {
      lang: "zh-CN",
      sections: ["community"],
      generatedAt: "2026-11-23 09:00",
    });
    const table = spec.sheets.flatMap((s) => s.sections).find((s) => s.key === "community")?.table;
    expect(table?.totals?.[2]).toBe(2); // 参与人数 total: distinct, not 3
    expect(table?.totals?.[3]).toBe(3); // 报名人次 total: additive
  });

  test("by category: one person in two categories counts once in each, once overall", () => {
    const { m } = run(sheets);
    expect(m.byCategory.map((g) => [g.key, g.participants, g.enrolments])).toEqual([
      ["信息技术", 2, 2],
      ["书法绘画", 1, 1],
    ]);
  });
});

describe("duplicate enrolment", () => {
  const rows = [
    ["赵军", ID_B, "六角社区", "歌舞", "文体艺术", "老年人", "2025-03-02", "在读", "不合格"],
    ["赵军", ID_B, "六角社区", "歌舞", "文体艺术", "老年人", "2025-05-02", "结业", "优秀"],
  ];
  test("counted once, with its most advanced status and best result, whatever the row order", () => {
    for (const order of [rows, [...rows].reverse()]) {
      const { m, issues } = run([roster(order), population([["六角社区", 10, ""]])]);
      expect(m.overall).toMatchObject({
        participants: 1,
        enrolments: 1,
        withStatus: 1,
        completed: 1,
        withResult: 1,
        excellent: 1,
        qualified: 1,
      });
      expect(m.overall.excellenceRate).toBe(1);
      // Filed under the month of its earliest row.
      expect(m.byMonth[2].enrolments).toBe(1);
      expect(m.byMonth[4].enrolments).toBe(0);
      const dup = issues.filter((i) => i.code === "duplicate-enrolment");
      expect(dup).toHaveLength(1);
      expect(dup[0]).toMatchObject({ severity: "warning", cell: "学员花名册!D3" });
    }
  });

  test("without an ID, the same name in the same community is the same person", () => {
    const { m } = run([
      roster([
        ["钱 敏", "", "六角社区", "歌舞", "", "", "2025-03-02", "", ""],
        ["钱敏", "", "六角社区", "歌舞", "", "", "2025-03-09", "", ""],
        ["钱敏", "", "金阳村", "歌舞", "", "", "2025-03-09", "", ""],
      ]),
    ]);
    expect(m.overall).toMatchObject({ participants: 2, enrolments: 2 });
  });
});

describe("unknown communities", () => {
  test("their people are counted, but in no community's rate and not in the overall rate", () => {
    const { m, issues } = run([
      roster([
        ["甲", "", "六角社区", "歌舞", "", "", "2025-03-02", "", ""],
        ["乙", "", "青石社区", "歌舞", "", "", "2025-03-02", "", ""],
        ["丙", "", "六角", "歌舞", "", "", "2025-03-02", "", ""], // 六角 = 六角社区
      ]),
      population([["六角社区", 40, "60%"]]),
    ]);
    expect(m.overall).toMatchObject({ participants: 3, participantsKnown: 2, residents: 40 });
    expect(m.overall.participationRate).toBe(2 / 40);
    expect(m.byCommunity.map((c) => [c.community, c.inPopulation, c.participants])).toEqual([
      ["六角社区", true, 2],
      ["青石社区", false, 1],
    ]);
    expect(isDivByZero(m.byCommunity[1].participationRate)).toBe(true);
    expect(
      issues.filter((i) => i.code === "unknown-community").map((i) => [i.cell, i.severity])
    ).toEqual([["学员花名册!C3", "warning"]]);
  });
});

describe("filters", () => {
  const sheets = [
    roster([
      ["甲", "", "六角社区", "信息技术培训", "信息技术", "老年人", "2025-03-02", "结业", "优秀"],
      ["乙", "", "六角社区", "歌舞", "文体艺术", "青少年", "2025-03-03", "结业", "合格"],
      ["丙", "", "金阳村", "信息技术培训", "信息技术", "失业人员", "2025-03-04", "退学", ""],
      ["甲", "", "六角社区", "歌舞", "文体艺术", "老年人", "2025-04-02", "在读", ""],
    ]),
    population([
      ["六角社区", 100, ""],
      ["金阳村", 50, "50%"],
    ]),
    activity([
      ["2025-03-10", "六角社区", "智能手机培训", "信息技术", 20, 2],
      ["2025-03-11", "金阳村", "广场舞", "文体艺术", "12人", 1.5],
    ]),
  ];

  test("by community (as typed without its suffix)", () => {
    const { m } = run(sheets, { filter: { community: "金阳" } });
    expect(m.overall).toMatchObject({
      participants: 1,
      enrolments: 1,
      residents: 50,
      activities: 1,
      attendance: 12,
      hours: 1.5,
      target: 0.5,
    });
    expect(m.overall.participationRate).toBe(1 / 50);
    expect(m.byCommunity.map((c) => c.community)).toEqual(["金阳村"]);
  });

  test("by category", () => {
    const { m } = run(sheets, { filter: { category: "信息技术" } });
    expect(m.overall).toMatchObject({
      participants: 2,
      enrolments: 2,
      activities: 1,
      attendance: 20,
      withStatus: 2,
      completed: 1,
    });
    expect(m.overall.completionRate).toBe(0.5);
  });

  test("by target group", () => {
    const { m } = run(sheets, { filter: { targetGroup: "老年人" } });
    expect(m.overall).toMatchObject({ participants: 1, enrolments: 2 });
  });

  test("a filter matching nothing gives zeros and DivByZero rates, not an error", () => {
    const { m } = run(sheets, { filter: { community: "不存在社区" } });
    expect(m.overall).toMatchObject({
      participants: 0,
      enrolments: 0,
      activities: 0,
      residents: 0,
    });
    expect(isDivByZero(m.overall.participationRate)).toBe(true);
  });
});

describe("periods", () => {
  const sheets = [
    roster([
      ["甲", "", "六角社区", "歌舞", "", "", "2024-12-20", "", ""],
      ["乙", "", "六角社区", "歌舞", "", "", "2025-01-03", "", ""],
      ["丙", "", "六角社区", "歌舞", "", "", "2024-11-20", "", ""],
      ["丁", "", "六角社区", "歌舞", "", "", "2025-12-31", "", ""],
    ]),
    activity([
      ["2024-06-01", "六角社区", "讲座", "", 10, 1],
      ["2025-06-01", "六角社区", "讲座", "", 20, 1],
    ]),
  ];

  test("default period = the calendar year of the latest date", () => {
    const { a, m } = run(sheets);
    expect(a.defaultPeriod).toEqual({ from: day("2025-01-01"), to: day("2025-12-31") });
    expect(m.overall).toMatchObject({ participants: 2, activities: 1, attendance: 20 });
    const only2024 = run([roster([["甲", "", "六角社区", "歌舞", "", "", "2024-03-20", "", ""]])]);
    expect(only2024.a.defaultPeriod).toEqual({ from: day("2024-01-01"), to: day("2024-12-31") });
    const empty = run([roster([])]);
    expect(empty.a.defaultPeriod).toEqual({ from: day("2026-01-01"), to: day("2026-12-31") });
  });

  test("out-of-period rows are excluded and reported as one info issue per sheet", () => {
    const { issues } = run(sheets);
    const oop = issues.filter((i) => i.code === "out-of-period");
    expect(oop.map((i) => [i.severity, i.cell, i.message.params?.count])).toEqual([
      ["info", "学员花名册!G2", 2],
      ["info", "活动记录!A2", 1],
    ]);
  });

  test("dates are inclusive at both ends", () => {
    const { m } = run(sheets, { period: { from: day("2024-12-20"), to: day("2025-01-03") } });
    expect(m.overall.participants).toBe(2);
  });

  test("a date after today is a bad-date error and the row is left out", () => {
    const { m, issues } = run([
      roster([
        ["甲", "", "六角社区", "歌舞", "", "", "2026-11-24", "", ""],
        ["乙", "", "六角社区", "歌舞", "", "", "2026-11-23", "", ""],
      ]),
    ]);
    expect(m.overall.participants).toBe(1);
    expect(issues.find((i) => i.code === "bad-date")).toMatchObject({
      severity: "error",
      cell: "学员花名册!G2",
    });
  });
});

describe("rate over 100%", () => {
  test("more participants than residents: a warning on the residents cell, the rate kept as computed", () => {
    const { m, issues } = run([
      roster([
        ["甲", "", "南山村", "歌舞", "", "", "2025-03-02", "", ""],
        ["乙", "", "南山村", "歌舞", "", "", "2025-03-02", "", ""],
        ["丙", "", "南山村", "歌舞", "", "", "2025-03-02", "", ""],
      ]),
      population([["南山村", 2, ""]]),
    ]);
    expect(m.byCommunity[0].participationRate).toBe(1.5);
    expect(m.byCommunity[0].target).toBe(0.6);
    const w = issues.filter((i) => i.code === "rate-over-100");
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: "warning", cell: "社区人口!B2", field: "residents" });
  });
});

describe("activities and learner rates", () => {
  test("attendance sums 参加人数 written as text with a unit; hours sum; a blank 参加人数 is an error", () => {
    const { m, issues } = run([
      activity([
        ["2025-03-10", "六角社区", "讲座", "", "35人", "2"],
        ["2025-03-11", "六角社区", "讲座", "", "１２", 1.5],
        ["2025-03-12", "六角社区", "讲座", "", "", 1],
      ]),
    ]);
    expect(m.overall).toMatchObject({ activities: 2, attendance: 47, hours: 3.5 });
    expect(issues.find((i) => i.code === "missing-required")).toMatchObject({
      severity: "error",
      cell: "活动记录!E4",
    });
  });

  test("completion = 结业 ÷ any status; excellence and qualified ÷ results recorded", () => {
    const { m } = run([
      roster([
        ["a", "", "六角社区", "c1", "", "", "2025-03-02", "结业", "优秀"],
        ["b", "", "六角社区", "c1", "", "", "2025-03-02", "结业", "良好"],
        ["c", "", "六角社区", "c1", "", "", "2025-03-02", "退学", "不合格"],
        ["d", "", "六角社区", "c1", "", "", "2025-03-02", "在读", ""],
        ["e", "", "六角社区", "c1", "", "", "2025-03-02", "", "合格"],
      ]),
    ]);
    expect(m.overall).toMatchObject({
      withStatus: 4,
      completed: 2,
      withResult: 4,
      excellent: 1,
      qualified: 3,
    });
    expect(m.overall.completionRate).toBe(0.5);
    expect(m.overall.excellenceRate).toBe(0.25);
    expect(m.overall.qualifiedRate).toBe(0.75);
  });
});

/*
 * Engine bugs found while writing these tests. Each test states what docs/data-model.md (or docs/design/domain-notes.md)
 * asks for; they fail until src/core is fixed.
 */
describe("engine bugs (fail until fixed)", () => {
  test("a row whose first cell merely begins with 小计 (小计算机兴趣班) is data, not a total", () => {
    // docs/data-model.md: a total row is one whose first non-empty cell *is* 合计 / 总计 / 小计 / Total.
    const { a, m } = run([
      {
        name: "活动记录",
        values: [
          ["活动名称", "日期", "社区", "参加人数", "课时"],
          ["小计算机兴趣班", "2025-03-01", "六角社区", 20, 2],
          ["总计划生育宣传日", "2025-03-02", "六角社区", 30, 1],
          ["合计", "", "", 50, 3],
        ],
      },
    ]);
    expect(a.sheets[0]).toMatchObject({ dataRows: 2, skippedRows: 1 });
    expect(m.overall).toMatchObject({ activities: 2, attendance: 50, hours: 3 });
  });

  test("one activity delivers at most one planned session", () => {
    // One 汇演 matches 书法绘画培训 by title and 歌舞乐声培训 by category; it is one session, not two.
    const { m } = run([
      {
        name: "培训计划",
        values: [
          ["月份", "项目", "类别"],
          ["三四月", "书法绘画培训", "书法绘画"],
          ["三四月", "歌舞乐声培训", "文体艺术"],
        ],
      },
      {
        name: "活动记录",
        values: [
          ["日期", "社区", "活动名称", "类别", "参加人数"],
          ["2025-03-05", "六角社区", "书法绘画培训暨歌舞乐声培训汇演", "文体艺术", 30],
        ],
      },
    ]);
    expect(m.overall.activities).toBe(1);
    expect(m.plan).toMatchObject({ planned: 2, delivered: 1, planCompletion: 0.5 });
  });
});

describe("community spellings without a population sheet", () => {
  const roster = [
    ["姓名", "所属社区", "培训项目", "报名日期"],
    ["甲", "金阳村", "书法", "2025-03-01"],
    ["乙", "金阳", "书法", "2025-03-02"],
    ["丙", "东湖社区", "书法", "2025-03-03"],
    ["丁", "东湖村", "书法", "2025-03-04"],
    ["戊", "东湖", "书法", "2025-03-05"],
  ];
  const { analyze, figures } = jest.requireActual(
    "../../src/core/engine"
  ) as typeof import("../../src/core/engine");
  const a = analyze({ sheets: [{ name: "名册", values: roster }] }, { today: 20_415 }); // 2026-11-23
  const m = figures(a);

  test("a bare name joins the one suffixed spelling of its base; an ambiguous base stays apart", () => {
    const rows = Object.fromEntries(m.byCommunity.map((c) => [c.community, c.participants]));
    expect(rows).toEqual({ 金阳村: 2, 东湖社区: 1, 东湖村: 1, 东湖: 1 });
  });

  test("a filter typed without the suffix finds the community", () => {
    expect(figures(a, { filter: { community: "金阳" } }).overall.participants).toBe(2);
  });
});
