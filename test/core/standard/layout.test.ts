/**
 * The standard layout (core/standard): derived from the schema, recognised by CEDU itself with
 * confidence 1, checked by rules that follow the schema's types and bounds, and worded within
 * Excel's limits in both languages.
 */
import { analyze } from "../../../src/core/engine";
import { detectSheet } from "../../../src/core/detect";
import { epochDayFromYMD } from "../../../src/core/cells";
import { ENUMS, KINDS } from "../../../src/core/schema";
import { headerKey } from "../../../src/core/text";
import {
  COLUMN_ORDER,
  communityList,
  enumWords,
  freeSheetName,
  standardColumns,
  standardWorkbook,
  STANDARD_KINDS,
  targetGroups,
  type EnumName,
  type StandardColumn,
} from "../../../src/core/standard";
import { SHEET_KINDS, type Lang } from "../../../src/core/types";
import { standardInput } from "../../helpers/standard";

const LANGS: Lang[] = ["zh-CN", "en-US"];

describe("columns follow the schema", () => {
  test.each(SHEET_KINDS)("%s: every field of the schema once, nothing else", (kind) => {
    const fields = KINDS[kind].fields.map((f) => f.field).sort();
    expect([...COLUMN_ORDER[kind]].sort()).toEqual(fields);
    expect(new Set(COLUMN_ORDER[kind]).size).toBe(fields.length);
    // After the 序号 column, which CEDU does not read.
    const columns = standardColumns(kind, "zh-CN", "社区人口");
    expect(columns.map((c) => c.field)).toEqual([null, ...COLUMN_ORDER[kind]]);
    expect(columns[0]).toMatchObject({ header: "序号", rule: null, format: "int" });
  });

  test("the five kinds are all laid out, the population sheet first", () => {
    expect([...STANDARD_KINDS].sort()).toEqual([...SHEET_KINDS].sort());
    expect(STANDARD_KINDS[0]).toBe("population");
  });

  const col = (kind: (typeof SHEET_KINDS)[number], field: string, lang: Lang = "zh-CN") =>
    standardColumns(kind, lang, "社区人口").find((c) => c.field === field) as StandardColumn;

  test("ID numbers, phone numbers and plan months are text; dates have a date format", () => {
    expect(col("enrolment", "idNumber").format).toBe("text");
    expect(col("enrolment", "phone").format).toBe("text");
    expect(col("plan", "month").format).toBe("text");
    expect(col("enrolment", "enrolDate").format).toBe("date");
    expect(col("enrolment", "birthDate").format).toBe("date");
    expect(col("activity", "date").format).toBe("date");
  });

  test("number rules take the schema's bounds", () => {
    expect(col("activity", "participants").rule).toEqual({ type: "whole", min: 0, max: 1_000_000 });
    expect(col("plan", "sessions").rule).toEqual({ type: "whole", min: 1, max: 10_000 });
    expect(col("enrolment", "age").rule).toEqual({ type: "whole", min: 0, max: 120 });
    expect(col("population", "residents").rule).toEqual({
      type: "whole",
      min: 1,
      max: 100_000_000,
    });
    // Hours > 0 (the schema's minExclusive) and at most 24.
    expect(col("activity", "hours").rule).toEqual({ type: "above", min: 0, max: 24 });
    expect(col("enrolment", "score").rule).toEqual({ type: "decimal", min: 0, max: 100 });
    expect(col("population", "target").rule).toEqual({ type: "decimal", min: 0, max: 1 });
    expect(col("population", "target").format).toBe("percent");
  });

  test("dates are checked from 1900-01-01 (the engine's first date) to today", () => {
    expect(col("enrolment", "enrolDate").rule).toEqual({
      type: "date",
      min: epochDayFromYMD(1900, 1, 1),
    });
  });

  test.each(LANGS)(
    "%s: lists for the enumerations, the target groups and the communities",
    (lang) => {
      const list = (kind: (typeof SHEET_KINDS)[number], field: string) =>
        col(kind, field, lang).rule;
      expect(list("enrolment", "gender")).toEqual({
        type: "list",
        values: enumWords("gender", lang),
        strict: true,
      });
      expect(list("enrolment", "status")).toMatchObject({ type: "list", strict: true });
      expect(list("enrolment", "result")).toMatchObject({ type: "list", strict: true });
      expect(list("activity", "teacherType")).toMatchObject({ type: "list", strict: true });
      expect(list("school", "level")).toMatchObject({ type: "list", strict: true });
      // Target groups are free text to the engine: suggested, with a warning for another group.
      expect(list("enrolment", "targetGroup")).toEqual({
        type: "list",
        values: targetGroups(lang),
        strict: false,
      });
      expect(col("enrolment", "targetGroup", lang).alert?.style).toBe("warning");
      expect(list("enrolment", "community")).toEqual({ type: "communities" });
      expect(list("activity", "community")).toEqual({ type: "communities" });
      expect(list("school", "community")).toEqual({ type: "communities" });
      // The population sheet is where communities are listed, not picked.
      expect(list("population", "community")).toBeNull();
    }
  );

  test("without a population sheet, community columns have no drop-down", () => {
    const c = standardColumns("enrolment", "zh-CN", null).find((x) => x.field === "community");
    expect(c?.rule).toBeNull();
    expect(c?.alert).toBeNull();
  });
});

describe("the words of the drop-downs are the schema's own spellings", () => {
  test.each(LANGS)("%s: each word reads back as its value", (lang) => {
    for (const name of Object.keys(ENUMS) as EnumName[]) {
      const table = ENUMS[name] as Record<string, string>;
      const keyed = new Map(Object.entries(table).map(([k, v]) => [headerKey(k), v]));
      const words = enumWords(name, lang);
      const values = words.map((w) => keyed.get(headerKey(w)));
      expect(values.every((v) => v !== undefined)).toBe(true);
      // One word per value, every value covered.
      expect(new Set(values)).toEqual(new Set(Object.values(table)));
      expect(values).toHaveLength(new Set(Object.values(table)).size);
    }
  });
});

describe("Excel's limits on what a rule may say", () => {
  test.each(LANGS)("%s: titles ≤ 32, input messages ≤ 255, alerts ≤ 225, lists ≤ 255", (lang) => {
    for (const kind of SHEET_KINDS) {
      for (const c of standardColumns(kind, lang, "社区人口")) {
        expect(c.prompt.title.length).toBeLessThanOrEqual(32);
        expect(c.prompt.message.length).toBeLessThanOrEqual(255);
        expect(c.prompt.message.length).toBeGreaterThan(0);
        if (c.alert) {
          expect(c.alert.title.length).toBeLessThanOrEqual(32);
          expect(c.alert.message.length).toBeLessThanOrEqual(225);
        }
        if (c.rule?.type === "list") {
          expect(c.rule.values.join(",").length).toBeLessThanOrEqual(255);
          for (const v of c.rule.values) expect(v).not.toMatch(/[,"]/);
        }
      }
    }
  });
});

describe("CEDU recognises its own template", () => {
  test.each(LANGS)("%s: every data sheet with confidence 1, each field in its column", (lang) => {
    const model = standardWorkbook({ lang });
    expect(model.sheets.map((s) => s.kind)).toEqual(STANDARD_KINDS);
    for (const sheet of model.sheets) {
      const d = detectSheet({ name: sheet.name, values: [sheet.columns.map((c) => c.header)] });
      expect(d.kind).toBe(sheet.kind);
      expect(d.confidence).toBe(1);
      expect(d.headerRow).toBe(1);
      sheet.columns.forEach((c, i) => {
        if (c.field) expect(d.columns[c.field]).toBe(i);
      });
    }
  });

  test.each(LANGS)(
    "%s: the instructions sheet looks like no kind at all (no partial header, so no warning)",
    (lang) => {
      const model = standardWorkbook({ lang });
      const lines = model.instructions?.lines ?? [];
      expect(lines.length).toBeGreaterThan(8);
      const d = detectSheet({ name: "x", values: lines.map((l) => [l]) });
      expect(d.kind).toBeNull();
      expect(d.explanation.key).toBe("detect.none");
    }
  );

  test.each(LANGS)("%s: the empty template raises no issue at all", (lang) => {
    const a = analyze(standardInput(standardWorkbook({ lang })));
    expect(a.sheets.filter((s) => s.kind).map((s) => s.confidence)).toEqual([1, 1, 1, 1, 1]);
    expect(a.issues).toEqual([]);
  });

  test("sheet names, headers and messages are in the user's language", () => {
    const zh = standardWorkbook({ lang: "zh-CN" });
    const en = standardWorkbook({ lang: "en-US" });
    expect(zh.sheets.map((s) => s.name)).toEqual([
      "社区人口",
      "学员花名册",
      "活动记录",
      "学校名单",
      "培训计划",
    ]);
    expect(zh.instructions?.name).toBe("填写说明");
    expect(en.sheets.map((s) => s.name)).toEqual([
      "Population",
      "Learner roster",
      "Activity log",
      "School list",
      "Training plan",
    ]);
    expect(zh.sheets[1].columns.map((c) => c.header).slice(0, 4)).toEqual([
      "序号",
      "姓名",
      "性别",
      "身份证号",
    ]);
    expect(en.sheets[1].columns.map((c) => c.header).slice(0, 4)).toEqual([
      "No.",
      "Name",
      "Gender",
      "ID",
    ]);
    const zhPrompt = zh.sheets[1].columns.find((c) => c.field === "community")?.prompt.message;
    expect(zhPrompt).toMatch(/^必填。从下拉列表选择；列表来自“社区人口”表/);
    const enPrompt = en.sheets[1].columns.find((c) => c.field === "community")?.prompt.message;
    expect(enPrompt).toMatch(/^Required\. Pick from the list; it comes from the Population sheet/);
  });
});

describe("names never replace the user's", () => {
  test("sheet names taken (in any case) get a number; the drop-downs follow the population sheet's name", () => {
    const model = standardWorkbook({
      lang: "zh-CN",
      taken: {
        sheets: ["社区人口", "学员花名册", "学员花名册 (2)", "填写说明"],
        names: ["cedu_communities"],
      },
    });
    expect(model.instructions?.name).toBe("填写说明 (2)");
    expect(model.sheets.map((s) => s.name).slice(0, 2)).toEqual(["社区人口 (2)", "学员花名册 (3)"]);
    expect(model.communities).toEqual({
      name: "CEDU_Communities2",
      formula: "OFFSET('社区人口 (2)'!$B$2,0,0,MAX(1,COUNTA('社区人口 (2)'!$B$2:$B$1048576)),1)",
    });
    const roster = model.sheets[1].columns.find((c) => c.field === "community");
    expect(roster?.prompt.message).toContain("社区人口 (2)");
  });

  test("a long name keeps Excel's 31 characters; a quote in a sheet name is doubled in formulas", () => {
    const long = "x".repeat(31);
    expect(freeSheetName(long, [long])).toBe(`${"x".repeat(27)} (2)`);
    expect(communityList("Bob's", "A", []).formula).toBe(
      "OFFSET('Bob''s'!$A$2,0,0,MAX(1,COUNTA('Bob''s'!$A$2:$A$1048576)),1)"
    );
  });
});
