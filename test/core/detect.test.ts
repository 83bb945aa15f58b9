/**
 * Recognising sheets: where the header is, which kind, which column is which field, what the
 * user may override, and what the explanation says.
 */
import { analyze, figures } from "../../src/core/engine";
import { detectSheet } from "../../src/core/detect";
import { epochDayFromISO } from "../../src/core/cells";
import type { SheetInput } from "../../src/core/types";

const TODAY = epochDayFromISO("2026-11-23") as number;
const sheet = (name: string, values: unknown[][]): SheetInput => ({ name, values });

const ROSTER_HEADER = ["序号", "姓名", "性别", "所属社区", "培训项目", "报名日期", "考核结果"];
const rosterRows: unknown[][] = [
  [1, "张三", "男", "六角社区", "信息技术培训", "2025-03-05", "优秀"],
  [2, "李四", "女", "金阳村", "书法绘画", "2025年4月8日", "合格"],
  [3, "王五", "男", "六角社区", "歌舞", "2025.5.6", ""],
];

describe("header row", () => {
  test("title rows (merged, i.e. only the first cell filled) and a blank row above the header are skipped", () => {
    const d = detectSheet(
      sheet("学员花名册", [
        ["六角街道社区教育中心2025年学员花名册"],
        ["填表单位：六角街道", null, null, "填表日期：2026年1月5日"],
        [],
        ROSTER_HEADER,
        ...rosterRows,
      ])
    );
    expect(d).toMatchObject({ kind: "enrolment", headerRow: 4, dataStart: 4 });
    expect(d.columns).toMatchObject({
      name: 1,
      gender: 2,
      community: 3,
      course: 4,
      enrolDate: 5,
      result: 6,
    });
  });

  test("a two-row header: a merged group cell above its sub-headers", () => {
    const d = detectSheet(
      sheet("花名册", [
        ["学员花名册"],
        ["姓名", "所属社区", "报名信息", null, "考核情况", null],
        [null, null, "培训项目", "报名日期", "考核结果", "学习状态"],
        ["张三", "六角社区", "信息技术培训", "2025-03-05", "优秀", "结业"],
      ])
    );
    expect(d).toMatchObject({ kind: "enrolment", headerRow: 3, dataStart: 3 });
    expect(d.columns).toEqual({
      name: 0,
      community: 1,
      course: 2,
      enrolDate: 3,
      status: 5,
      result: 4,
    });
    expect(d.headers).toMatchObject({ name: "姓名", course: "培训项目" });
  });

  test("English headers", () => {
    const d = detectSheet(
      sheet("Roster", [
        [
          "Name",
          "Gender",
          "Community",
          "Course",
          "Enrolment date",
          "Status",
          "Result",
          "ID number",
        ],
        [
          "Zhang San",
          "M",
          "Liujiao",
          "IT basics",
          "2025-03-05",
          "Completed",
          "Excellent",
          "420111199001011234",
        ],
      ])
    );
    expect(d.kind).toBe("enrolment");
    expect(d.columns).toMatchObject({
      name: 0,
      gender: 1,
      community: 2,
      course: 3,
      enrolDate: 4,
      status: 5,
      result: 6,
      idNumber: 7,
    });
  });

  test("full-width, spaced, line-broken and bracketed-unit headers", () => {
    const d = detectSheet(
      sheet("活动", [
        [
          "日　期",
          " 社区 ",
          "活动\n名称",
          "参加\n人数",
          "课时(小时)",
          "时长（分钟）",
          "授课教师（姓名）",
          "ＴＥＡＣＨＥＲ　ＴＹＰＥ",
        ],
        ["2025-03-05", "六角社区", "信息技术培训", "35人", 2, null, "王丽华", "专职"],
      ])
    );
    expect(d.kind).toBe("activity");
    expect(d.columns).toMatchObject({
      date: 0,
      community: 1,
      title: 2,
      participants: 3,
      hours: 4,
      teacher: 6,
      teacherType: 7,
    });
    expect(d.headers.participants).toBe("参加\n人数");
  });

  test("a header below row 20 is not searched for: no kind, and the explanation says so", () => {
    const values: unknown[][] = Array.from({ length: 20 }, (_, i) => [`说明第${i + 1}行`]);
    values.push(ROSTER_HEADER, ...rosterRows);
    const d = detectSheet(sheet("花名册", values));
    expect(d.kind).toBeNull();
    expect(d.headerRow).toBe(0);
    expect(d.explanation).toEqual({ key: "detect.none", params: { rows: 20 } });
    // The same header in row 20 is found.
    const d20 = detectSheet(sheet("花名册", values.slice(1)));
    expect(d20).toMatchObject({ kind: "enrolment", headerRow: 20 });
  });

  test("a header missing a required column: not used, explained, and reported as a warning", () => {
    const values = [
      ["姓名", "所属社区", "培训项目"],
      ["张三", "六角社区", "歌舞"],
    ];
    const d = detectSheet(sheet("名单", values));
    expect(d.kind).toBeNull();
    expect(d.explanation.key).toBe("detect.partial");
    expect(d.explanation.params).toMatchObject({
      kind: "enrolment",
      row: 1,
      missing: "enrolment.enrolDate",
    });
    const a = analyze({ sheets: [sheet("名单", values)] }, { today: TODAY });
    expect(a.issues.find((i) => i.code === "no-header")).toMatchObject({
      severity: "warning",
      sheet: "名单",
    });
  });
});

describe("explanation", () => {
  test("lists the matched headers as written, with the header row", () => {
    const d = detectSheet(sheet("学员花名册", [["标题"], ROSTER_HEADER, ...rosterRows]));
    expect(d.explanation.key).toBe("detect.matched");
    expect(d.explanation.params).toMatchObject({ kind: "enrolment", row: 2 });
    const found = String(d.explanation.params?.found).split(", ");
    expect(found.sort()).toEqual(
      ["姓名", "性别", "所属社区", "培训项目", "报名日期", "考核结果"].sort()
    );
    expect(found).not.toContain("序号");
  });
});

describe("user overrides", () => {
  test("kind null ignores a sheet", () => {
    const d = detectSheet(sheet("学员花名册", [ROSTER_HEADER, ...rosterRows]), { kind: null });
    expect(d).toMatchObject({
      kind: null,
      overridden: true,
      explanation: { key: "detect.ignored" },
    });
  });

  test("kind: a sheet that looks like two kinds is read as the one the user chose", () => {
    // 社区 | 常住人口 | 日期 | 活动名称 | 参加人数: population and activity both complete.
    const values = [
      ["社区", "常住人口", "日期", "活动名称", "参加人数"],
      ["六角社区", 3000, "2025-03-05", "讲座", 30],
    ];
    expect(detectSheet(sheet("混合", values), { kind: "population" })).toMatchObject({
      kind: "population",
      overridden: true,
    });
    expect(detectSheet(sheet("混合", values), { kind: "activity" })).toMatchObject({
      kind: "activity",
      overridden: true,
    });
  });

  test("headerRow: the user's header row wins over a better-looking one above", () => {
    const values = [
      ["姓名", "所属社区", "培训项目", "报名日期", "考核结果", "学习状态"], // an old header left above
      ["填写说明：每人每课程一行"],
      ["姓名", "所属社区", "培训项目", "报名日期"],
      ["张三", "六角社区", "歌舞", "2025-03-05"],
    ];
    const auto = detectSheet(sheet("花名册", values));
    expect(auto.headerRow).toBe(1);
    const d = detectSheet(sheet("花名册", values), { headerRow: 3 });
    expect(d).toMatchObject({ kind: "enrolment", headerRow: 3, dataStart: 3, overridden: true });
    const beyond = detectSheet(sheet("花名册", values), { headerRow: 9 });
    expect(beyond).toMatchObject({
      kind: null,
      explanation: { key: "detect.headerRowBeyond", params: { row: 9 } },
    });
  });

  test("a column: the user maps 居委会 (not 所属社区) as the community, and the figures follow", () => {
    const values = [
      ["姓名", "所属社区", "居委会", "培训项目", "报名日期"],
      ["张三", "六角街道", "六角社区", "歌舞", "2025-03-05"],
      ["李四", "六角街道", "金阳村", "歌舞", "2025-03-06"],
    ];
    const auto = detectSheet(sheet("花名册", values));
    expect(auto.columns.community).toBe(1);
    const overrides = { 花名册: { columns: { community: 2 } } };
    const d = detectSheet(sheet("花名册", values), overrides.花名册);
    expect(d.columns.community).toBe(2);
    expect(d.overridden).toBe(true);
    const m = figures(analyze({ sheets: [sheet("花名册", values)] }, { today: TODAY, overrides }));
    expect(m.byCommunity.map((c) => c.community).sort()).toEqual(["六角社区", "金阳村"].sort());
    // -1 unmaps a field; an unmapped required field makes the sheet unusable.
    const un = detectSheet(sheet("花名册", values), { columns: { course: -1 } });
    expect(un.kind).toBeNull();
    expect(un.explanation.key).toBe("detect.partial");
  });
});

describe("several sheets of one kind", () => {
  const header = ["姓名", "身份证号", "所属社区", "培训项目", "报名日期", "学习状态", "考核结果"];
  const months: unknown[][][] = [
    [
      ["王芳", "420111195001011025", "六角社区", "信息技术培训", "2025-01-05", "结业", "优秀"],
      ["赵军", "", "金阳村", "歌舞", "2025-01-09", "在读", ""],
    ],
    [
      // 王芳 again in February, another course: one person, two enrolments.
      ["王芳", "420111195001011025", "六角社区", "书法绘画", "2025-02-03", "结业", "合格"],
      ["钱敏", "", "六角社区", "书法绘画", "2025-02-11", "退学", ""],
    ],
    [
      // 赵军 again in the same course in March: a duplicate across sheets.
      ["赵军", "", "金阳村", "歌舞", "2025-03-02", "结业", "良好"],
      ["合计", "", "", "", "", "", ""],
    ],
  ];
  const population = sheet("社区人口", [
    ["社区", "常住人口"],
    ["六角社区", 100],
    ["金阳村", 50],
  ]);
  const activities = (rows: unknown[][]) => [
    ["日期", "社区", "活动名称", "参加人数", "课时"],
    ...rows,
  ];
  const actMonths = [
    [["2025-01-10", "六角社区", "讲座", 20, 2]],
    [["2025-02-10", "金阳村", "培训", "15人", 1.5]],
    [["2025-03-10", "六角社区", "讲座", 25, 2]],
  ];

  test("monthly sheets give the same figures as one combined sheet", () => {
    const split = analyze(
      {
        sheets: [
          ...months.map((rows, i) =>
            sheet(`${i + 1}月`, [[`${i + 1}月学员登记`], header, ...rows])
          ),
          ...actMonths.map((rows, i) => sheet(`${i + 1}月活动`, activities(rows))),
          population,
        ],
      },
      { today: TODAY }
    );
    const one = analyze(
      {
        sheets: [
          sheet("全年", [header, ...months.flat().filter((r) => r[0] !== "合计")]),
          sheet("活动", activities(actMonths.flat())),
          population,
        ],
      },
      { today: TODAY }
    );
    expect(split.sheets.filter((s) => s.kind === "enrolment")).toHaveLength(3);
    const a = figures(split);
    const b = figures(one);
    expect(a.overall).toEqual(b.overall);
    expect(a.byCommunity).toEqual(b.byCommunity);
    expect(a.byMonth).toEqual(b.byMonth);
    expect(a.overall).toMatchObject({
      participants: 3,
      enrolments: 4,
      activities: 3,
      attendance: 60,
      hours: 5.5,
      completed: 3,
      withStatus: 4,
    });
    // The duplicate across sheets is found, on the March sheet.
    expect(split.issues.filter((i) => i.code === "duplicate-enrolment").map((i) => i.cell)).toEqual(
      ["'3月'!D3"]
    );
    expect(split.sheets.find((s) => s.name === "3月")?.skippedRows).toBe(1);
  });
});

describe("engine bugs (fail until fixed)", () => {
  test("template instruction and example rows under the header (必填 / 示例) are not data", () => {
    // docs/design/domain-notes.md §2.11 and §4: templates add 必填/说明/示例 rows under the header; skip them.
    const a = analyze(
      {
        sheets: [
          sheet("学员花名册", [
            ["姓名", "所属社区", "培训项目", "报名日期"],
            ["必填", "必填", "必填", "必填"],
            ["示例：张三", "六角社区", "书法绘画", "2025-01-01"],
            ["李四", "六角社区", "书法绘画", "2025-03-01"],
          ]),
        ],
      },
      { today: TODAY }
    );
    const m = figures(a);
    expect(m.overall.participants).toBe(1);
    expect(a.issues.filter((i) => i.severity === "error")).toEqual([]);
  });
});
