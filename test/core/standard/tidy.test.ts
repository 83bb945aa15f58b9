/**
 * Tidy (core/standard/tidy.ts): the recognised rows written in the standard layout give exactly
 * the figures of the original workbook, for the sample, for hand-made messy sheets and for
 * generated workbooks; each value is written in its standard form, and every row CEDU flagged is
 * kept, highlighted with the issue's message.
 */
import * as path from "path";
import fc from "fast-check";
import { allIssues, analyze, figures, type Analysis } from "../../../src/core/engine";
import { epochDayFromISO } from "../../../src/core/cells";
import {
  tidyWorkbook,
  type StandardValue,
  type StandardWorkbook,
} from "../../../src/core/standard";
import type { Lang, Metrics, Period, SheetKind, WorkbookInput } from "../../../src/core/types";
import { readXlsx } from "../../helpers/readXlsx";
import { standardInput } from "../../helpers/standard";

const TODAY = epochDayFromISO("2026-11-23") as number;
const SAMPLE = path.resolve(__dirname, "../../../samples/community-school-2025.xlsx");

/**
 * Everything the engine computes; of its issues, which name cells, the codes, and for rows
 * outside the period (one note per sheet, and tidy joins sheets) how many rows they are.
 */
const figuresOnly = (m: Metrics) => ({
  ...m,
  issues: m.issues
    .filter((i) => i.code !== "out-of-period")
    .map((i) => i.code)
    .sort(),
  outOfPeriodRows: m.issues
    .filter((i) => i.code === "out-of-period")
    .reduce((n, i) => n + Number(i.message.params?.count ?? 0), 0),
});

function tidyAndReread(input: WorkbookInput, lang: Lang = "zh-CN") {
  const original = analyze(input, { today: TODAY });
  const { workbook, summary } = tidyWorkbook(input, original, { lang });
  const tidied = analyze(standardInput(workbook), { today: TODAY });
  return { original, workbook, summary, tidied };
}

function expectSameFigures(
  a: Analysis,
  b: Analysis,
  periods: (Period | undefined)[] = [undefined]
) {
  expect(b.defaultPeriod).toEqual(a.defaultPeriod);
  for (const period of periods) {
    expect(figuresOnly(figures(b, { period }))).toEqual(figuresOnly(figures(a, { period })));
  }
}

const day = (iso: string) => epochDayFromISO(iso) as number;

describe("the sample workbook", () => {
  let input: WorkbookInput;
  beforeAll(async () => {
    input = await readXlsx(SAMPLE);
  });

  test.each<Lang>(["zh-CN", "en-US"])(
    "%s: same figures for the default year, 上半年, one quarter and one community",
    (lang) => {
      const { original, tidied } = tidyAndReread(input, lang);
      expectSameFigures(original, tidied, [
        undefined,
        { from: day("2025-01-01"), to: day("2025-06-30") },
        { from: day("2025-10-01"), to: day("2025-12-31") },
        { from: day("2024-01-01"), to: day("2026-12-31") },
      ]);
      const filtered = (a: Analysis) =>
        figuresOnly(figures(a, { filter: { community: "金阳村" } }));
      expect(filtered(tidied)).toEqual(filtered(original));
      expect(tidied.sheets.filter((s) => s.kind).every((s) => s.confidence === 1)).toBe(true);
    }
  );

  test("the same issues, and every flagged row highlighted with its message as a note", () => {
    const { original, workbook, tidied } = tidyAndReread(input);
    const codes = (a: Analysis) =>
      allIssues(a, figures(a))
        .map((i) => `${i.code}/${i.severity}`)
        .sort();
    expect(codes(tidied)).toEqual(codes(original));
    const flagged = original.issues.filter((i) => i.severity !== "info" && i.row > 0);
    const highlighted = workbook.sheets.flatMap((s) =>
      s.rows.flatMap((r) =>
        r.highlights.map((h) => ({ sheet: r.source?.sheet, row: r.source?.row, h }))
      )
    );
    expect(flagged.length).toBeGreaterThan(4);
    for (const issue of flagged) {
      const hit = highlighted.find((x) => x.sheet === issue.sheet && x.row === issue.row);
      expect(hit).toBeDefined();
      expect(hit!.h.severity).toBe(issue.severity);
    }
    const blank = highlighted.find((x) => x.h.severity === "error");
    expect(blank?.h.note).toBe("必填项“参加人数”为空，此行未计入统计");
  });

  test("rows CEDU skips are not copied; rows with errors are", () => {
    const { original, summary } = tidyAndReread(input);
    for (const s of summary.sheets) {
      const sources = original.sheets.filter((d) => s.sources.includes(d.name));
      expect(s.rows).toBe(sources.reduce((n, d) => n + d.dataRows, 0));
    }
    expect(summary.sheets.find((s) => s.kind === "activity")?.errors).toBe(1);
  });
});

/* ------------------------------------------------------------------ values in standard form */

const MESSY: WorkbookInput = {
  sheets: [
    {
      name: "人口",
      values: [
        ["社区名称", "人口数", "目标参与率"],
        ["六角社区", "3,260", "60"],
        ["金阳村", "1840人", "50%"],
      ],
    },
    {
      name: "一月",
      values: [
        ["2025年1月学员名册"],
        [
          "序号",
          "学员姓名",
          "性别",
          "身份证号码",
          "村（社区）",
          "课程",
          "入学日期",
          "结业情况",
          "成绩等级",
        ],
        [1, " 张三 ", "男性", 110105194912310, "六角", "信息技术", "2025年1月5日", "已毕业", "优"],
        [2, "李四", "F", "  11010519491231002x ", "金阳", "书法", "2025.1.6", "在学", "及格"],
        [3, "王五", "男", 4.20106197001015e17, "金阳村", "书法", 45663, "退出", "不及格"],
        [4, "赵六", "男?", "", "六角社区", "书法", "3/5", "", ""],
        ["合计", "", "", "", "", "", "", "", ""],
        ["填表人：王老师"],
      ],
    },
    {
      name: "二月",
      values: [
        ["姓名", "所属社区", "培训项目", "报名日期"],
        ["钱七", "东湖社区", "歌舞", { error: "#N/A" }],
        ["孙八", "六角社区", "歌舞", new Date(Date.UTC(2025, 1, 3, 15, 30))],
      ],
    },
    {
      name: "活动",
      values: [
        ["活动日期", "举办社区", "活动主题", "参加人次", "学时", "师资类型"],
        ["2025-03-05（星期三）", "六角", "消防演练", "35人", "1.5小时", "志愿"],
        ["20250306", "金阳村", "读书节", "１２", 0, "外聘"],
      ],
    },
    {
      name: "计划",
      values: [
        ["计划时间", "计划内容", "类别", "场次"],
        ["", "开学典礼", "管理", 1],
        ["三、四月份", "信息技术培训", "信息技术", 2],
        [null, "消防演练", "安全", "1次"],
        [3, "读书节", "文化", ""],
      ],
    },
  ],
};

describe("values in their standard form", () => {
  const { original, workbook, tidied } = tidyAndReread(MESSY);
  const sheet = (kind: SheetKind) => workbook.sheets.find((s) => s.kind === kind)!;
  const cell = (kind: SheetKind, row: number, field: string): StandardValue => {
    const s = sheet(kind);
    return s.rows[row].cells[s.columns.findIndex((c) => c.field === field)];
  };

  test("the figures are the original's", () => {
    expectSameFigures(original, tidied, [
      undefined,
      { from: day("2025-01-01"), to: day("2025-12-31") },
    ]);
  });

  test("sheets of one kind become one standard sheet, in workbook order; totals and footers are dropped", () => {
    expect(sheet("enrolment").sources).toEqual(["一月", "二月"]);
    expect(sheet("enrolment").rows.map((r) => r.cells[0])).toEqual([1, 2, 3, 4, 5, 6]);
    expect(sheet("enrolment").rows.map((r) => r.cells[1])).toEqual([
      "张三",
      "李四",
      "王五",
      "赵六",
      "钱七",
      "孙八",
    ]);
    expect(sheet("enrolment").rows.map((r) => r.source)).toEqual([
      { sheet: "一月", row: 3 },
      { sheet: "一月", row: 4 },
      { sheet: "一月", row: 5 },
      { sheet: "一月", row: 6 },
      { sheet: "二月", row: 2 },
      { sheet: "二月", row: 3 },
    ]);
  });

  test("real dates, whatever they looked like", () => {
    expect(cell("enrolment", 0, "enrolDate")).toEqual({ date: day("2025-01-05") });
    expect(cell("enrolment", 1, "enrolDate")).toEqual({ date: day("2025-01-06") });
    expect(cell("enrolment", 2, "enrolDate")).toEqual({ date: day("2025-01-06") });
    expect(cell("enrolment", 5, "enrolDate")).toEqual({ date: day("2025-02-03") });
    expect(cell("activity", 0, "date")).toEqual({ date: day("2025-03-05") });
    expect(cell("activity", 1, "date")).toEqual({ date: day("2025-03-06") });
  });

  test("the population sheet's spelling of each community", () => {
    expect(cell("enrolment", 0, "community")).toBe("六角社区");
    expect(cell("enrolment", 1, "community")).toBe("金阳村");
    expect(cell("activity", 0, "community")).toBe("六角社区");
    // Not in the population sheet: kept as written (and still flagged).
    expect(cell("enrolment", 4, "community")).toBe("东湖社区");
  });

  test("canonical words for the enumerations", () => {
    expect(["gender", "status", "result"].map((f) => cell("enrolment", 0, f))).toEqual([
      "男",
      "结业",
      "优秀",
    ]);
    expect(["gender", "status", "result"].map((f) => cell("enrolment", 1, f))).toEqual([
      "女",
      "在读",
      "合格",
    ]);
    expect(["gender", "status", "result"].map((f) => cell("enrolment", 2, f))).toEqual([
      "男",
      "退学",
      "不合格",
    ]);
    expect(cell("activity", 0, "teacherType")).toBe("志愿者");
    const { workbook: en } = tidyWorkbook(MESSY, original, { lang: "en-US" });
    const roster = en.sheets.find((s) => s.kind === "enrolment")!;
    const at = (f: string) => roster.rows[0].cells[roster.columns.findIndex((c) => c.field === f)];
    expect([at("gender"), at("status"), at("result")]).toEqual(["Male", "Completed", "Excellent"]);
  });

  test("numbers without units, percentages as fractions", () => {
    expect(sheet("population").rows.map((r) => r.cells.slice(2))).toEqual([
      [3260, null, 0.6],
      [1840, null, 0.5],
    ]);
    expect(cell("activity", 0, "participants")).toBe(35);
    expect(cell("activity", 1, "participants")).toBe(12);
    expect(cell("activity", 0, "hours")).toBe(1.5);
  });

  test("ID numbers as text; an ID whose digits Excel already lost stays as it was, flagged", () => {
    expect(cell("enrolment", 0, "idNumber")).toBe("110105194912310");
    expect(cell("enrolment", 1, "idNumber")).toBe("11010519491231002X");
    expect(cell("enrolment", 2, "idNumber")).toBe(4.20106197001015e17);
    expect(sheet("enrolment").rows[2].highlights).toEqual([
      { col: 3, severity: "warning", note: expect.stringContaining("身份证号被存成了数字") },
    ]);
  });

  test("what CEDU could not read is kept as it was and highlighted with the reason", () => {
    expect(cell("enrolment", 3, "gender")).toBe("男?");
    expect(cell("enrolment", 3, "enrolDate")).toBe("3/5");
    expect(sheet("enrolment").rows[3].highlights.map((h) => [h.col, h.severity])).toEqual([
      [2, "warning"],
      [11, "error"],
    ]);
    expect(cell("enrolment", 4, "enrolDate")).toEqual({ error: "#N/A" });
    expect(cell("activity", 1, "hours")).toBe(0);
    expect(cell("activity", 1, "teacherType")).toBe("外聘");
    const notes = sheet("activity").rows[1].highlights.map((h) => h.note);
    expect(notes.join("\n")).toMatch(/课时/);
  });

  test("plan months written out on every row; a row without any month first, so none takes another's", () => {
    expect(sheet("plan").rows.map((r) => [r.cells[1], r.cells[2]])).toEqual([
      [null, "开学典礼"],
      ["三、四月份", "信息技术培训"],
      ["三、四月份", "消防演练"],
      ["3月", "读书节"],
    ]);
    expect(sheet("plan").rows[0].highlights[0].severity).toBe("error");
  });
});

test("without a population sheet, no community drop-down and the data's own spellings", () => {
  const input: WorkbookInput = {
    sheets: [
      {
        name: "花名册",
        values: [
          ["姓名", "所属社区", "培训项目", "报名日期"],
          ["张三", "金阳", "书法", "2025-03-01"],
          ["李四", "金阳村", "书法", "2025-03-02"],
        ],
      },
    ],
  };
  const { original, workbook, tidied } = tidyAndReread(input);
  expect(workbook.communities).toBeNull();
  expect(workbook.sheets.map((s) => s.kind)).toEqual(["enrolment"]);
  expect(workbook.sheets[0].columns.find((c) => c.field === "community")?.rule).toBeNull();
  expect(workbook.sheets[0].rows.map((r) => r.cells[7])).toEqual(["金阳村", "金阳村"]);
  expectSameFigures(original, tidied);
});

/* ------------------------------------------------------------------ generated workbooks */

const pick = <T>(...xs: T[]) => fc.constantFrom(...xs);
const realisticCell: fc.Arbitrary<unknown> = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -1000, max: 100_000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.date({
    noInvalidDate: true,
    min: new Date(Date.UTC(1850, 0, 1)),
    max: new Date(Date.UTC(2100, 0, 1)),
  }),
  pick<unknown>({ error: "#N/A" }, "#REF!", "合计", "备注：无", "=SUM(A1:A3)", " ", "１２", "12人")
);
const date = pick<unknown>(
  "2025-03-05",
  "2025/4/1",
  "2025.6.30",
  "2025年9月1日",
  "20251102",
  45700,
  45800.5,
  60,
  -3,
  new Date(Date.UTC(2025, 6, 7)),
  new Date(Date.UTC(1899, 6, 7)),
  "2024-12-31",
  "2025-13-01",
  "2027-01-01",
  "3/5",
  "",
  { error: "#N/A" }
);
const community = pick<unknown>(
  "六角社区",
  "金阳村",
  "东湖社区",
  "新村",
  "六角",
  "金阳",
  " 东湖社区 ",
  "外来社区",
  ""
);
const id = pick<unknown>(
  "",
  "11010519491231002X",
  "11010519491231002x",
  "110105194912310021",
  4.2e17,
  110105491231002,
  "学号001"
);
const rows: Record<SheetKind, fc.Arbitrary<unknown[]>> = {
  enrolment: fc.tuple(
    pick<unknown>("张三", "李四", " 王五", "赵六", "", "合计", "示例"),
    community,
    pick<unknown>("信息技术培训", "书法绘画", "歌舞", ""),
    date,
    pick<unknown>("优秀", "优", "良好", "合格", "不合格", "", "甲", "Excellent"),
    pick<unknown>("在读", "结业", "退学", "", "毕业", "dropped"),
    id,
    pick<unknown>("", 30, 76, 200, "七十", "30岁"),
    pick<unknown>("", "男", "女", "男性", "M", "?"),
    pick<unknown>("", "1949-12-31", 18000, "1949年12月"),
    pick<unknown>("", "信息技术", "文体"),
    pick<unknown>("", "老年人", "党员", "其它人")
  ),
  activity: fc.tuple(
    date,
    community,
    pick<unknown>("法律知识讲座", "消防演练", "读书节", ""),
    pick<unknown>(0, 10, 35, "35人", "1,200", -1, 2.5, "", "#REF!"),
    pick<unknown>("", 1, 1.5, "2小时", 30, 0),
    pick<unknown>("", "王老师", "李老师"),
    pick<unknown>("", "专职", "兼职教师", "志愿者", "外聘"),
    pick<unknown>("", "科普", "法律")
  ),
  population: fc.tuple(
    pick<unknown>("六角社区", "金阳村", "东湖社区", "新村", "", "合计", "六角 社区"),
    pick<unknown>(3, 50, 1000, "1,200", "12人", 0, -5, 3.5, "", "#N/A"),
    pick<unknown>("", 40, "x"),
    pick<unknown>("", "60%", 0.7, 50, "1", 120)
  ),
  school: fc.tuple(
    pick<unknown>("六角社区学校", "金阳村市民学校", "东湖职工学校", "新村学校", ""),
    pick<unknown>("优秀", "合格", "不合格", "", "良", "示范"),
    community,
    pick<unknown>("", "社区学校", "职工学校")
  ),
  plan: fc.tuple(
    pick<unknown>("三、四月份", "3月", "2025-03", "十一十二月", "二月", "13月", "", null, 4, 45700),
    pick<unknown>("法律知识讲座", "消防演练", "读书节", "书法", ""),
    pick<unknown>("", "科普", "法律"),
    pick<unknown>("", 1, 2, 3, 0, "2次")
  ),
};
const HEADERS: Record<SheetKind, unknown[]> = {
  enrolment: [
    "姓名",
    "所属社区",
    "培训项目",
    "报名日期",
    "考核结果",
    "学习状态",
    "身份证号",
    "年龄",
    "性别",
    "出生年月",
    "类别",
    "对象",
  ],
  activity: ["日期", "社区", "活动名称", "参加人数", "课时", "授课教师", "教师类别", "活动类别"],
  population: ["社区", "常住人口", "户数", "参与率目标"],
  school: ["学校名称", "评估等级", "所属社区", "类型"],
  plan: ["月份", "项目", "类别", "计划次数"],
};
const KINDS = Object.keys(HEADERS) as SheetKind[];

const generatedSheet = fc.record({
  kind: fc.constantFrom(...KINDS),
  prefix: fc.array(pick<unknown[]>([], ["2025年统计表"], ["序号"]), { maxLength: 2 }),
  leadingColumn: fc.boolean(),
  rows: fc.array(
    fc.oneof(
      { weight: 10, arbitrary: fc.constant(null) },
      { weight: 2, arbitrary: fc.array(realisticCell, { maxLength: 6 }) }
    ),
    { maxLength: 14 }
  ),
});

describe("generated workbooks", () => {
  test("tidied, they give the original's figures", () => {
    fc.assert(
      fc.property(
        fc
          .array(generatedSheet, { minLength: 1, maxLength: 5 })
          .chain((sheets) =>
            fc.tuple(
              fc.constant(sheets),
              fc.tuple(...sheets.map((s) => fc.array(rows[s.kind], { maxLength: 14 }))),
              fc.boolean()
            )
          ),
        ([sheets, data, date1904]) => {
          const input: WorkbookInput = {
            date1904,
            sheets: sheets.map((s, i) => {
              const lead = (r: unknown[]) => (s.leadingColumn ? [i, ...r] : r);
              const body = s.rows.map((r, j) =>
                r === null ? (data[i][j % Math.max(1, data[i].length)] ?? []) : r
              );
              return {
                name: `表${i}`,
                values: [
                  ...s.prefix,
                  lead(HEADERS[s.kind]),
                  ...body.map((r) => lead(r as unknown[])),
                ],
              };
            }),
          };
          const { original, tidied } = tidyAndReread(input);
          expectSameFigures(original, tidied);
        }
      ),
      { numRuns: 300 }
    );
  });
});

test("a tidied workbook tidied again is the same workbook", async () => {
  const input = await readXlsx(SAMPLE);
  const once = tidyAndReread(input).workbook;
  const again = tidyWorkbook(standardInput(once), analyze(standardInput(once), { today: TODAY }), {
    lang: "zh-CN",
  }).workbook;
  const cells = (w: StandardWorkbook) => w.sheets.map((s) => s.rows.map((r) => r.cells));
  expect(cells(again)).toEqual(cells(once));
});
