/**
 * The analysis patch (src/core/patch.ts): whenever it accepts an edit, its analysis is exactly a
 * fresh analysis of the edited cells (figures, dictionaries, distinct people, issues in order);
 * the edits staff make while typing in data rows are accepted; the ones it cannot make exact are
 * declined.
 */
import fc from "fast-check";
import { epochDayFromISO } from "../../src/core/cells";
import { figures } from "../../src/core/engine";
import { analyzeForPatch, patchAnalysis, type Analyzed } from "../../src/core/patch";
import type { SheetInput, WorkbookInput } from "../../src/core/types";

const TODAY = epochDayFromISO("2026-01-01") as number;
const OPTIONS = { today: TODAY };

const ENROL_HEADER = [
  "姓名",
  "所属社区",
  "培训项目",
  "报名日期",
  "考核结果",
  "学习状态",
  "身份证号",
  "年龄",
  "类别",
  "对象",
  "性别",
];
const ACT_HEADER = [
  "日期",
  "社区",
  "活动名称",
  "参加人数",
  "课时",
  "授课教师",
  "教师类别",
  "活动类别",
];
const POP_HEADER = ["社区", "常住人口", "户数", "参与率目标"];

/** Each column's plausible values (and a few bad ones), so that random edits often stay patchable. */
const DATES = [
  "2025-03-05",
  "2025/4/1",
  "2025年9月1日",
  45700,
  "2024-12-31",
  "2025-13-01",
  "2027-01-01",
  "",
  "#N/A",
  "3月5日",
];
const COMMUNITIES = ["六角社区", "金阳村", "东湖社区", "新村", "六角", "外来社区", ""];
const ENROL_POOLS: unknown[][] = [
  ["张三", "李四", "王五", "张 三", "", "合计"],
  COMMUNITIES,
  ["信息技术培训", "书法绘画", "歌舞", ""],
  DATES,
  ["优秀", "良好", "合格", "不合格", "", "甲"],
  ["在读", "结业", "退学", "", "毕业"],
  ["", "", "11010519491231002X", "110105194912310021", 4.2e17, { error: "#N/A" }],
  ["", 30, 76, 200, "七十"],
  ["", "信息技术", "文体"],
  ["", "老年人", "党员"],
  ["", "男", "女", "未知"],
];
const ACT_POOLS: unknown[][] = [
  DATES,
  COMMUNITIES,
  ["法律知识讲座", "消防演练", "读书节", ""],
  [0, 10, 35, "35人", "1,200", -1, 2.5, "", "#REF!"],
  ["", 1, 1.5, 2, 30, 0],
  ["", "王老师", "李老师"],
  ["", "专职", "兼职", "志愿者", "外聘"],
  ["", "科普", "法律"],
];
const POP_POOLS: unknown[][] = [
  ["六角社区", "金阳村", "东湖社区", "新村"],
  [50, 1000, "1,200", 0],
  ["", 40],
  ["", "60%", 0.7],
];

const rowOf = (pools: unknown[][]) => fc.tuple(...pools.map((p) => fc.constantFrom(...p)));
const rows = (pools: unknown[][], max: number, min = 0) =>
  fc.array(
    fc.oneof(
      { weight: 10, arbitrary: rowOf(pools) },
      { weight: 1, arbitrary: fc.constant([]) },
      { weight: 1, arbitrary: fc.constant(["备注：2025年数据"]) }
    ),
    { minLength: min, maxLength: max }
  );

const workbookArb = fc.record({
  title: fc.constantFrom<unknown[][]>([], [["2025年学员花名册"]]),
  enrol: rows(ENROL_POOLS, 30, 5),
  hiddenEnrol: fc.option(rows(ENROL_POOLS, 8), { nil: undefined, freq: 4 }),
  act: fc.option(rows(ACT_POOLS, 20, 3), { nil: undefined, freq: 2 }),
  pop: fc.option(fc.array(rowOf(POP_POOLS), { minLength: 1, maxLength: 4 }), { nil: undefined }),
});
type WorkbookSpec = typeof workbookArb extends fc.Arbitrary<infer T> ? T : never;

function build(w: WorkbookSpec): WorkbookInput {
  const sheets: SheetInput[] = [{ name: "报名", values: [...w.title, ENROL_HEADER, ...w.enrol] }];
  if (w.act)
    sheets.push({ name: "活动", values: [ACT_HEADER, ...w.act], origin: { row: 2, col: 1 } });
  if (w.pop) sheets.push({ name: "人口", values: [POP_HEADER, ...w.pop] });
  if (w.hiddenEnrol)
    sheets.push({ name: "报名 (2)", values: [ENROL_HEADER, ...w.hiddenEnrol], hidden: true });
  return { sheets };
}

/** One cell edit: a sheet, a row and a column picked by fraction, and a value from the column's pool. */
const editArb = fc.record({
  // Mostly the roster and the log (sheets 0 and 1), now and then the population or the hidden copy.
  sheet: fc.constantFrom(0, 0, 0, 1, 1, 2, 3),
  row: fc.nat(1000),
  // Mostly the cells staff retype (date, result, status, ID, age, gender), sometimes any column.
  col: fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(3, 4, 5, 6, 7, 10) },
    { weight: 1, arbitrary: fc.nat(10) }
  ),
  pick: fc.nat(20),
  wild: fc.nat(9).map((n) => n === 0),
});
type Edit = typeof editArb extends fc.Arbitrary<infer T> ? T : never;

/** The workbook after the edit, the way the cell cache makes it: the edited row is a new array. */
function applyEdit(input: WorkbookInput, e: Edit): WorkbookInput {
  const s = e.sheet % input.sheets.length;
  const sheet = input.sheets[s];
  if (sheet.values.length === 0) return input;
  // Now and then a header or title row; mostly a data row.
  const r = e.pick % 7 === 0 ? e.pick % 2 : e.row % sheet.values.length;
  const pools = sheet.name === "活动" ? ACT_POOLS : sheet.name === "人口" ? POP_POOLS : ENROL_POOLS;
  const c = e.col % pools.length;
  const pool = e.wild ? ["合计", "", "#N/A", "2025-06-01", 7, "备注：2024年"] : pools[c];
  const row = [...(sheet.values[r] ?? [])];
  row[c] = pool[e.pick % pool.length];
  const values = [...sheet.values];
  values[r] = row;
  const sheets = [...input.sheets];
  sheets[s] = { ...sheet, values };
  return { ...input, sheets };
}

/** Everything formulas and the pane read from an analysis, to compare a patch with a fresh one. */
function same(patched: Analyzed, fresh: Analyzed): void {
  expect(patched.analysis).toStrictEqual(fresh.analysis);
  expect(figures(patched.analysis)).toStrictEqual(figures(fresh.analysis));
}

describe("patchAnalysis", () => {
  it("equals a fresh analysis whenever it accepts an edit (random edits of random workbooks)", () => {
    let accepted = 0;
    let declined = 0;
    fc.assert(
      fc.property(workbookArb, fc.array(editArb, { minLength: 1, maxLength: 6 }), (w, edits) => {
        let input = build(w);
        let state = analyzeForPatch(input, OPTIONS);
        for (const e of edits) {
          input = applyEdit(input, e);
          const patched = patchAnalysis(state, input, OPTIONS);
          const fresh = analyzeForPatch(input, OPTIONS);
          if (patched) {
            accepted++;
            same(patched, fresh);
            // Patches build on patches: the next edit starts from this one.
            state = patched;
          } else {
            declined++;
            state = fresh;
          }
        }
      }),
      { numRuns: 300, seed: 1313 }
    );
    // Both paths were exercised (the seed is fixed, so this does not depend on luck).
    expect(accepted).toBeGreaterThan(50);
    expect(declined).toBeGreaterThan(50);
  });

  const clean = (): WorkbookInput => ({
    sheets: [
      {
        name: "报名",
        values: [
          ENROL_HEADER,
          ["张三", "六角社区", "书法绘画", "2025-03-05", "优秀", "在读", "", 30, "文体", "", "男"],
          ["李四", "金阳村", "歌舞", "2025-04-01", "", "结业", "", "", "", "", ""],
          ["张三", "六角社区", "书法绘画", "2025-05-05", "", "", "", "", "", "", ""],
          ["王五", "东湖社区", "歌舞", "2025-06-01", "合格", "在读", "", "", "", "", ""],
        ],
      },
      {
        name: "活动",
        values: [
          ACT_HEADER,
          ["2025-03-05", "六角社区", "读书节", 35, 2, "王老师", "专职", "科普"],
          ["2025-04-05", "金阳村", "消防演练", 20, 1, "", "", ""],
        ],
      },
      { name: "人口", values: [POP_HEADER, ["六角社区", 1000, "", ""], ["金阳村", 500, "", ""]] },
    ],
  });
  const edit = (input: WorkbookInput, s: number, r: number, c: number, v: unknown): WorkbookInput =>
    applyEditAt(input, s, r, c, v);

  it.each([
    ["a roster's status", 0, 2, 5, "退学"],
    ["a roster's result", 0, 1, 4, "良好"],
    ["a roster's date (the latest date moves)", 0, 4, 3, "2025-12-30"],
    ["a roster's age, now mismatching nothing", 0, 1, 7, 31],
    ["a roster's gender word, now unknown (a new warning)", 0, 4, 10, "未知"],
    ["a roster's result, now an unknown word (a warning)", 0, 3, 4, "甲"],
    ["an activity's participants", 1, 1, 3, 40],
    ["an activity's hours", 1, 2, 4, 3],
    ["an activity's teacher type", 1, 2, 6, "志愿者"],
    ["an activity's date", 1, 2, 0, "2025-11-11"],
  ])("accepts an edit of %s", (_label, s, r, c, v) => {
    const input = clean();
    const state = analyzeForPatch(input, OPTIONS);
    const next = edit(input, s, r, c, v);
    const patched = patchAnalysis(state, next, OPTIONS);
    expect(patched).not.toBeNull();
    same(patched as Analyzed, analyzeForPatch(next, OPTIONS));
  });

  it("keeps a duplicate warning and the distinct count when a duplicate row's status changes", () => {
    const input = clean();
    const state = analyzeForPatch(input, OPTIONS);
    expect(state.analysis.issues.some((i) => i.code === "duplicate-enrolment")).toBe(true);
    const next = edit(input, 0, 3, 5, "结业");
    const patched = patchAnalysis(state, next, OPTIONS) as Analyzed;
    expect(patched).not.toBeNull();
    same(patched, analyzeForPatch(next, OPTIONS));
  });

  it.each([
    ["a header cell", 0, 0, 4, "成绩"],
    ["a name (the person changes)", 0, 1, 0, "赵六"],
    ["a course (duplicates change)", 0, 3, 2, "歌舞"],
    ["a community (spellings and people change)", 0, 2, 1, "六角社区"],
    ["a required date cleared (the row leaves the figures)", 0, 2, 3, ""],
    ["a population figure", 2, 1, 1, 2000],
    ["a row turned into a total", 0, 4, 0, "合计"],
  ])("declines an edit of %s", (_label, s, r, c, v) => {
    const input = clean();
    const state = analyzeForPatch(input, OPTIONS);
    expect(patchAnalysis(state, edit(input, s, r, c, v), OPTIONS)).toBeNull();
  });

  it("declines a row insert, a second edited sheet and another day", () => {
    const input = clean();
    const state = analyzeForPatch(input, OPTIONS);
    const inserted: WorkbookInput = {
      sheets: [
        { ...input.sheets[0], values: [...input.sheets[0].values, ["赵六"]] },
        ...input.sheets.slice(1),
      ],
    };
    expect(patchAnalysis(state, inserted, OPTIONS)).toBeNull();
    const two = edit(edit(input, 0, 1, 5, "退学"), 1, 1, 3, 9);
    expect(patchAnalysis(state, two, OPTIONS)).toBeNull();
    expect(patchAnalysis(state, edit(input, 0, 1, 5, "退学"), { today: TODAY + 1 })).toBeNull();
  });
});

function applyEditAt(
  input: WorkbookInput,
  s: number,
  r: number,
  c: number,
  v: unknown
): WorkbookInput {
  const sheet = input.sheets[s];
  const values = [...sheet.values];
  const row = [...(values[r] ?? [])];
  row[c] = v;
  values[r] = row;
  const sheets = [...input.sheets];
  sheets[s] = { ...sheet, values };
  return { ...input, sheets };
}
