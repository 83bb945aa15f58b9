/**
 * CEDU.* on range arguments: the same figures as `cedu report --json` (reportJson) on the same
 * cells, the error values with their messages, and the parse cache.
 */

import { FakeCustomFunctionsError } from "./customFunctionsGlobal";

import { reportJson } from "../../src/cli/main";
import { analyze, figures, periodFrom, type Analysis } from "../../src/core/engine";
import { epochDayFromISO } from "../../src/core/cells";
import { t, type MessageKey } from "../../src/core/i18n";
import type { WorkbookInput } from "../../src/core/types";
import { clearAnalyses, fingerprint, resetStats, stats } from "../../src/functions/cache";
import { MAX_ISSUE_ROWS } from "../../src/functions/compute";
import * as F from "../../src/functions/functions";
import { setFunctionsLanguage } from "../../src/functions/messages";
import { clearWorkbookModel, setWorkbookModel } from "../../src/functions/model";
import {
  buildRoster,
  fixtureWorkbook,
  POPULATION,
  rangeOf,
  ROSTER_HEADER,
  rosterRows,
} from "./fixture";

let input: WorkbookInput;
let analysis: Analysis;
let json: ReturnType<typeof reportJson>;
let roster: unknown[][];
let population: unknown[][];
let activities: unknown[][];
let schools: unknown[][];
const N = null as any;

/** The error value a call rejected or threw with. */
async function errorOf(call: () => unknown): Promise<FakeCustomFunctionsError> {
  try {
    await call();
  } catch (e) {
    expect(e).toBeInstanceOf(FakeCustomFunctionsError);
    return e as FakeCustomFunctionsError;
  }
  throw new Error("expected an error value");
}

const serial = (iso: string) => (epochDayFromISO(iso) as number) + 25569;

beforeAll(async () => {
  setFunctionsLanguage("zh-CN");
  clearWorkbookModel();
  input = await fixtureWorkbook();
  analysis = analyze(input);
  json = reportJson(analysis, figures(analysis), "zh-CN");
  roster = rangeOf(input, "学员花名册");
  population = rangeOf(input, "社区人口");
  activities = rangeOf(input, "活动记录");
  schools = rangeOf(input, "学校名单");
  setWorkbookModel(input);
});

afterAll(() => clearWorkbookModel());

describe("figures agree with the CLI's reportJson", () => {
  test("the fixture is recognised and has figures", () => {
    expect(analysis.sheets.map((s) => s.kind)).toEqual([
      "enrolment",
      "population",
      "activity",
      "school",
    ]);
    expect(json.overall.participants).toBeGreaterThan(40);
    expect(json.byCommunity.map((c) => c.community)).toEqual([
      ...POPULATION.map((p) => p[0]),
      "外来社区",
    ]);
  });

  test("overall indicators", async () => {
    const o = json.overall;
    expect(await F.participation(N, N, N, N, roster, population)).toBeCloseTo(
      o.participationRate as number,
      12
    );
    expect(await F.participants(N, N, N, N, roster)).toBe(o.participants);
    expect(await F.enrolments(N, N, N, N, roster)).toBe(o.enrolments);
    expect(await F.completion(N, N, N, N, roster)).toBeCloseTo(o.completionRate as number, 12);
    expect(await F.excellence(N, N, N, N, roster)).toBeCloseTo(o.excellenceRate as number, 12);
    expect(await F.qualified(N, N, N, N, roster)).toBeCloseTo(o.qualifiedRate as number, 12);
    expect(await F.activities(N, N, N, N, activities)).toBe(o.activities);
    expect(await F.attendance(N, N, N, N, activities)).toBe(o.attendance);
    expect(await F.hours(N, N, N, N, activities)).toBe(o.hours);
  });

  test("omitted optional arguments may also be undefined", async () => {
    expect(await F.participants(undefined, undefined, undefined, undefined, roster)).toBe(
      json.overall.participants
    );
  });

  test("per community, as in byCommunity", async () => {
    for (const row of json.byCommunity) {
      const c = row.community;
      expect(await F.participants(c, N, N, N, roster)).toBe(row.participants);
      expect(await F.enrolments(c, N, N, N, roster)).toBe(row.enrolments);
      if (row.activities > 0) {
        expect(await F.activities(c, N, N, N, activities)).toBe(row.activities);
        expect(await F.attendance(c, N, N, N, activities)).toBe(row.attendance);
        expect(await F.hours(c, N, N, N, activities)).toBe(row.hours);
      } else {
        // A community the activity range never names is unknown to that range alone.
        expect((await errorOf(() => F.activities(c, N, N, N, activities))).code).toBe("#N/A");
        expect(await F.activities(c, N, N, N, N)).toBe(0); // the workbook model knows it (set below)
      }
      if (row.residents !== null) {
        expect(await F.participation(c, N, N, N, roster, population)).toBeCloseTo(
          row.participationRate as number,
          12
        );
      } else {
        // Not in the population sheet: no participation rate.
        const e = await errorOf(() => F.participation(c, N, N, N, roster, population));
        expect(e.code).toBe("#N/A");
        expect(e.message).toContain(c);
      }
    }
  });

  test("a period given as text, as Excel serials, or as a year", async () => {
    const p = periodFrom(analysis, "2025-03-01", "2025-06-30")!;
    const m = reportJson(analysis, figures(analysis, { period: p }), "zh-CN");
    expect(await F.participants(N, "2025-03-01", "2025-06-30", N, roster)).toBe(
      m.overall.participants
    );
    expect(await F.participants(N, serial("2025-03-01"), serial("2025-06-30"), N, roster)).toBe(
      m.overall.participants
    );
    expect(await F.participants(N, "2025/3/1", "2025年6月30日", N, roster)).toBe(
      m.overall.participants
    );
    expect(await F.hours(N, "2025-03", "2025-06", N, activities)).toBe(m.overall.hours);
    expect(await F.participants(N, 2025, N, N, roster)).toBe(json.overall.participants);
    expect(await F.participants(N, "2025", "2025", N, roster)).toBe(json.overall.participants);
    const y2024 = reportJson(
      analysis,
      figures(analysis, { period: periodFrom(analysis, "2024-01-01")! }),
      "zh-CN"
    );
    expect(await F.participants(N, 2024, N, N, roster)).toBe(y2024.overall.participants);
    expect(y2024.overall.participants).toBe(1);
  });

  test("a category filter, as the engine computes it", async () => {
    const m = figures(analysis, { filter: { category: "书法绘画" } });
    expect(await F.participants(N, N, N, "书法绘画", roster)).toBe(m.overall.participants);
    expect(await F.enrolments("六角社区", N, N, "书法绘画", roster)).toBe(
      figures(analysis, { filter: { category: "书法绘画", community: "六角社区" } }).overall
        .enrolments
    );
    expect(await F.activities(N, N, N, "读书活动", activities)).toBe(8);
  });

  test("school ratings, overall and by type", async () => {
    expect(await F.schoolExcellence(N, N, schools)).toBeCloseTo(
      json.schools.excellenceRate as number,
      12
    );
    expect(await F.schoolQualified(N, N, schools)).toBeCloseTo(
      json.schools.qualifiedRate as number,
      12
    );
    expect(json.schools.excellenceRate).toBeCloseTo(7 / 15, 12);
    for (const [type, g] of Object.entries(json.schools.byType)) {
      expect(await F.schoolExcellence(N, type, schools)).toBeCloseTo(
        g.excellenceRate as number,
        12
      );
      expect(await F.schoolQualified(N, type, schools)).toBeCloseTo(g.qualifiedRate as number, 12);
    }
    expect(await F.schoolExcellence(N, "职工学校", schools)).toBeCloseTo(0.4, 12);
    expect(await F.schoolExcellence(N, "社区学校", schools)).toBeCloseTo(0.5, 12);
  });

  test("SUMMARY spills byCommunity with a header and a total row", async () => {
    // Column for column the summary sheet's community table (test/core/report-tables.test.ts).
    const table = await F.summary(N, N, N, N, roster, population, activities);
    expect(table[0]).toEqual([
      "社区",
      "常住人口(人)",
      "参与人数(人)",
      "报名人次(人次)",
      "参与率",
      "目标参与率",
      "是否达标",
      "活动场次(场)",
      "活动参与(人次)",
      "课时",
    ]);
    const body = table.slice(1, -1);
    expect(body).toHaveLength(json.byCommunity.length);
    json.byCommunity.forEach((c, i) => {
      const row = body[i];
      expect(row[0]).toBe(c.community);
      expect(row[1]).toBe(c.residents ?? "");
      expect(row.slice(2, 4)).toEqual([c.participants, c.enrolments]);
      if (c.participationRate === null) expect(row[4]).toMatchObject({ code: "#DIV/0!" });
      else expect(row[4]).toBeCloseTo(c.participationRate, 12);
      expect(row.slice(7)).toEqual([c.activities, c.attendance, c.hours]);
    });
    const total = table[table.length - 1];
    const o = json.overall;
    expect(total).toEqual([
      "合计",
      o.residents,
      o.participants,
      o.enrolments,
      o.participationRate,
      o.target,
      o.targetMet ? "达标" : "未达标",
      o.activities,
      o.attendance,
      o.hours,
    ]);
    // Rates are numbers, not text.
    expect(typeof body[0][4]).toBe("number");
  });

  test("SUMMARY for one community has that row and its total", async () => {
    const table = await F.summary("金阳村", N, N, N, roster, population, activities);
    expect(table).toHaveLength(3);
    expect(table[1][0]).toBe("金阳村");
  });

  test("ISSUES spills the CLI's issues (severity, sheet, cell, kind, value, message)", async () => {
    const table = await F.issues(N, N, roster, population, activities, schools);
    expect(table[0]).toEqual(["级别", "工作表", "单元格", "问题类型", "单元格内容", "说明"]);
    const rows = table.slice(1);
    const severity: Record<string, string> = { error: "错误", warning: "警告", info: "提示" };
    const strip = (cell: string) => cell.replace(/^.*!/, "");
    const kind = (code: string) => t(`code.${code}` as MessageKey, "zh-CN");
    const expected = json.issues
      .map((i) => [severity[i.severity], strip(i.cell), kind(i.code), i.message].join(" | "))
      .sort();
    const actual = rows.map((r) => [r[0], strip(String(r[2])), r[3], r[5]].join(" | ")).sort();
    expect(actual).toEqual(expected);
    expect(json.issues.map((i) => i.code)).toEqual(
      expect.arrayContaining(["bad-date", "missing-required", "unknown-community", "out-of-period"])
    );
    // Cells name the role of the range: 花名册!E93.
    expect(rows.find((r) => r[3] === kind("bad-date"))![2]).toMatch(/^花名册!E\d+$/);
  });

  test("ISSUES without any issue says so", async () => {
    const table = await F.issues(N, N, N, population);
    expect(table).toEqual([
      ["级别", "工作表", "单元格", "问题类型", "单元格内容", "说明"],
      ["", "", "", "", "", "没有发现问题"],
    ]);
  });

  test("ISSUES spills at most MAX_ISSUE_ROWS rows and says how many are left", async () => {
    const bad = [
      ROSTER_HEADER,
      ...Array.from({ length: MAX_ISSUE_ROWS + 20 }, (_, i) => [
        `人${i}`,
        "六角社区",
        "书法",
        "书法",
        "不是日期",
        "",
        "",
      ]),
    ];
    const table = await F.issues(N, N, bad);
    expect(table).toHaveLength(MAX_ISSUE_ROWS + 2);
    expect(String(table[table.length - 1][5])).toMatch(/^另有 \d+ 条问题未列出/);
  });

  test("English headers and messages when Office is in English", async () => {
    setFunctionsLanguage("en-US");
    try {
      const table = await F.summary(N, N, N, N, roster, population, activities);
      expect(table[0][0]).toBe("Community");
      const e = await errorOf(() => F.participants("Nowhere", N, N, N, roster));
      expect(e.message).toMatch(/No community named/);
    } finally {
      setFunctionsLanguage("zh-CN");
    }
  });
});

describe("error values", () => {
  test("RATIO divides, #DIV/0! for a zero denominator (no message), #VALUE! for non-numbers", () => {
    expect(F.ratio(3, 4)).toBe(0.75);
    let err: any;
    try {
      F.ratio(1, 0);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(FakeCustomFunctionsError);
    expect(err.code).toBe("#DIV/0!");
    expect(err.message).toBeUndefined();
    expect(() => F.ratio("a" as any, 2)).toThrow(expect.objectContaining({ code: "#VALUE!" }));
  });

  test("unknown community → #N/A with a message", async () => {
    const e = await errorOf(() => F.participants("火星社区", N, N, N, roster));
    expect(e.code).toBe("#N/A");
    expect(e.message).toBe("找不到社区“火星社区”：请检查名称是否与数据中的社区一致");
    expect((await errorOf(() => F.schoolQualified("火星社区", N, schools))).code).toBe("#N/A");
  });

  test("community names match as the engine matches them (width, spaces)", async () => {
    expect(await F.participants(" 六角社区 ", N, N, N, roster)).toBe(
      json.byCommunity[0].participants
    );
  });

  test("no header recognised in a range → #VALUE! naming the range", async () => {
    const e = await errorOf(() =>
      F.participants(N, N, N, N, [
        ["a", "b"],
        [1, 2],
      ])
    );
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain("花名册");
    expect(e.message).toContain("学员花名册");
    // A population range passed where the roster goes is not taken for a roster.
    expect((await errorOf(() => F.participants(N, N, N, N, population))).code).toBe("#VALUE!");
  });

  test("a needed range missing → #VALUE! saying which", async () => {
    const e = await errorOf(() => F.participation(N, N, N, N, roster, N));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain("社区人口");
    expect(e.message).toContain("6");
  });

  test("zero denominators → #DIV/0!", async () => {
    const noStatus = [
      ROSTER_HEADER.slice(0, 5),
      ["王芳", "六角社区", "书法", "书法", "2025-01-02"],
    ];
    expect((await errorOf(() => F.completion(N, N, N, N, noStatus))).code).toBe("#DIV/0!");
    expect((await errorOf(() => F.excellence(N, N, N, N, noStatus))).code).toBe("#DIV/0!");
    const unrated = [
      ["学校名称", "评估等级"],
      ["一校", ""],
    ];
    expect((await errorOf(() => F.schoolExcellence(N, N, unrated))).code).toBe("#DIV/0!");
    // A period without data: the learner rates have nothing to divide.
    expect((await errorOf(() => F.completion(N, "2023-01-01", "2023-12-31", N, roster))).code).toBe(
      "#DIV/0!"
    );
  });

  test("bad dates and reversed periods → #VALUE! with a message", async () => {
    const e = await errorOf(() => F.participants(N, "明年", N, N, roster));
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toContain("明年");
    expect((await errorOf(() => F.participants(N, true, N, N, roster))).code).toBe("#VALUE!");
    const r = await errorOf(() => F.participants(N, "2025-06-01", "2025-01-01", N, roster));
    expect(r.code).toBe("#VALUE!");
    expect(r.message).toMatch(/统计期/);
  });

  test("unknown school type → #N/A", async () => {
    const e = await errorOf(() => F.schoolExcellence(N, "老年大学", schools));
    expect(e.code).toBe("#N/A");
    expect(e.message).toContain("老年大学");
  });

  test("a JavaScript exception never shows its text in a cell", async () => {
    const evil = {
      toJSON: () => {
        throw new Error("secret stack");
      },
      toString: () => {
        throw new Error("secret stack");
      },
    };
    const e = await errorOf(() =>
      F.participants(N, N, N, N, [ROSTER_HEADER, ["王芳", evil, "书法", "书法", "2025-01-02"]])
    );
    expect(e.code).toBe("#VALUE!");
    expect(e.message).not.toMatch(/secret/);
    expect(e.message).toBe("CEDU 无法计算此函数：请检查参数");
  });
});

describe("cache: one parse per source per change", () => {
  beforeEach(() => {
    clearAnalyses();
    resetStats();
  });

  test("200 formulas over the same 100k-row roster parse it once", async () => {
    const big = [ROSTER_HEADER, ...rosterRows(100_000)];
    // Excel hands each invocation its own copy of the range: give some formulas fresh copies.
    const copies = [big, big.map((r) => [...r]), big.map((r) => [...r])];
    const communities = [null, ...POPULATION.map((p) => p[0])];
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        F.participants(
          communities[i % communities.length] as any,
          N,
          N,
          N,
          copies[i % copies.length]
        )
      )
    );
    expect(stats.parses).toBe(1);
    expect(stats.hits).toBe(199);
    expect(stats.fingerprints).toBe(3);
    results.forEach((r, i) => expect(r).toBe(results[i % communities.length]));
    expect(results[0]).toBeGreaterThan(results[1]);
    // A recalculation of the same formulas (volatile) parses nothing and computes no new figures.
    const figuresBefore = stats.figures;
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        F.participants(
          communities[i % communities.length] as any,
          N,
          N,
          N,
          copies[i % copies.length]
        )
      )
    );
    expect(stats.parses).toBe(1);
    expect(stats.figures).toBe(figuresBefore);
  });

  test("a changed cell is a new source: parsed again", async () => {
    const a = buildRoster();
    const b = a.map((r) => [...r]);
    await F.participants(N, N, N, N, a);
    await F.participants(N, N, N, N, b);
    expect(stats.parses).toBe(1);
    const c = a.map((r) => [...r]);
    c[5][0] = "新名字";
    await F.participants(N, N, N, N, c);
    expect(stats.parses).toBe(2);
  });

  test("fingerprints tell types and shapes apart", () => {
    expect(fingerprint([[1, "1"]])).not.toBe(fingerprint([["1", 1]]));
    expect(fingerprint([[1, 2]])).not.toBe(fingerprint([[1], [2]]));
    expect(fingerprint([[null]])).not.toBe(fingerprint([[""]]));
    expect(fingerprint([["ab", "c"]])).not.toBe(fingerprint([["a", "bc"]]));
    expect(fingerprint([[1, 2]])).toBe(fingerprint([[1, 2]]));
  });
});
