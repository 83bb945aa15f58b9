/**
 * `cedu template` and `cedu tidy` (src/cli/standard.ts) on real files: what they write, what they
 * refuse (overwriting a file, writing over the input), and that the template, filled with the
 * sample's data as Excel would let staff type it, passes `cedu validate` without a warning.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { analyze } from "../../src/core/engine";
import { todayEpochDay } from "../../src/core/cells";
import {
  standardWorkbook,
  tidyWorkbook,
  type Rule,
  type StandardRow,
  type StandardValue,
} from "../../src/core/standard";
import { standardXlsx } from "../../src/xlsx/standard";
import { readXlsx } from "../helpers/readXlsx";
import { errLines, runCli, sha256 } from "../robustness/helpers";

const SAMPLE = path.resolve(__dirname, "../../samples/community-school-2025.xlsx");

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cedu-standard-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});
const file = (name: string) => path.join(dir, name);

describe("cedu template", () => {
  test("writes the six sheets in the chosen language and says so", async () => {
    const r = await runCli(["template", file("模板.xlsx")], "zh-CN");
    expect(r.code).toBe(0);
    expect(r.out).toContain("填写说明、社区人口、学员花名册、活动记录、学校名单、培训计划");
    const en = await runCli(["template", file("template.xlsx"), "--lang", "en-US"], "zh-CN");
    expect(en.code).toBe(0);
    const a = analyze(await readXlsx(file("template.xlsx")));
    expect(a.sheets.map((s) => s.name)).toEqual([
      "How to fill in",
      "Population",
      "Learner roster",
      "Activity log",
      "School list",
      "Training plan",
    ]);
  });

  test("never overwrites a file: exit 2, one line, the file unchanged", async () => {
    const target = file("roster.xlsx");
    await fs.copyFile(SAMPLE, target);
    const before = await sha256(target);
    const r = await runCli(["template", target], "en-US");
    expect(r.code).toBe(2);
    expect(errLines(r)).toEqual([
      `${target} already exists: CEDU does not overwrite files, choose another name`,
    ]);
    expect(await sha256(target)).toBe(before);
  });
});

describe("cedu tidy", () => {
  test("writes the tidied sheets to a new file, lists them, and leaves the input alone", async () => {
    const before = await sha256(SAMPLE);
    const r = await runCli(["tidy", SAMPLE, "-o", file("tidied.xlsx")], "zh-CN");
    expect(r.code).toBe(0);
    expect(r.out).toContain("（原文件未改动）");
    expect(r.out).toContain(
      "学员花名册：118 行（来自 学员花名册），其中 0 行有错误、5 行有警告，已标出"
    );
    expect(r.out).toContain(
      "活动记录：41 行（来自 活动记录），其中 1 行有错误、0 行有警告，已标出"
    );
    expect(await sha256(SAMPLE)).toBe(before);
    // The originals are not copied: the tidied sheets and the instructions only.
    const a = analyze(await readXlsx(file("tidied.xlsx")));
    expect(a.sheets.map((s) => s.name)).toEqual([
      "填写说明",
      "社区人口",
      "学员花名册",
      "活动记录",
      "学校名单",
      "培训计划",
    ]);
  });

  test("the tidied file reports the same figures as the original (cedu report --json)", async () => {
    await runCli(["tidy", SAMPLE, "--out", file("same.xlsx")]);
    const figuresOf = async (f: string) => {
      const json = JSON.parse((await runCli(["report", f, "--json"])).out);
      return {
        ...json,
        sheets: undefined,
        issues: json.issues.map((i: { code: string }) => i.code).sort(),
      };
    };
    expect(await figuresOf(file("same.xlsx"))).toEqual(await figuresOf(SAMPLE));
  });

  test("refuses to write over its input, even spelled differently, and needs -o", async () => {
    const copy = file("input.xlsx");
    await fs.copyFile(SAMPLE, copy);
    const before = await sha256(copy);
    const spelled = path.join(dir, ".", "input.xlsx");
    const same = await runCli(["tidy", copy, "-o", spelled], "en-US");
    expect(same.code).toBe(2);
    expect(errLines(same)).toEqual([
      "The output file cannot be the input file: CEDU never changes the original",
    ]);
    const none = await runCli(["tidy", copy], "en-US");
    expect(none.code).toBe(2);
    expect(errLines(none)[0]).toMatch(/^Name the output file with -o/);
    expect(await sha256(copy)).toBe(before);
  });

  test("an existing output file is not overwritten; nothing recognised writes nothing", async () => {
    const taken = file("taken.xlsx");
    await fs.writeFile(taken, "mine");
    const r = await runCli(["tidy", SAMPLE, "-o", taken], "en-US");
    expect(r.code).toBe(2);
    expect(await fs.readFile(taken, "utf8")).toBe("mine");
    const blank = file("blank.xlsx");
    await fs.writeFile(
      blank,
      await standardXlsx({ lang: "zh-CN", sheets: [], instructions: null, communities: null })
    );
    const nothing = await runCli(["tidy", blank, "-o", file("never.xlsx")], "en-US");
    expect(nothing.code).toBe(2);
    expect(errLines(nothing)[0]).toMatch(/No sheet in .* is recognised/);
    await expect(fs.stat(file("never.xlsx"))).rejects.toThrow();
  });
});

/* ------------------------------------------------------------------ the template, filled in */

/**
 * Whether Excel lets staff enter `value` in a cell with `rule` (blank cells are allowed: every
 * rule ignores blanks). A warning-style list lets another value through after the warning.
 */
function admits(rule: Rule | null, value: StandardValue, communities: readonly string[]): boolean {
  if (value === null || rule === null) return true;
  const n = typeof value === "number" ? value : null;
  switch (rule.type) {
    case "list":
      return !rule.strict || (typeof value === "string" && rule.values.includes(value));
    case "communities":
      return typeof value === "string" && communities.includes(value);
    case "whole":
      return n !== null && Number.isInteger(n) && n >= rule.min && n <= rule.max;
    case "decimal":
      return n !== null && n >= rule.min && n <= rule.max;
    case "above":
      return n !== null && n > rule.min && n <= rule.max;
    case "date":
      return (
        typeof value === "object" &&
        "date" in value &&
        value.date >= rule.min &&
        value.date <= todayEpochDay()
      );
  }
}

describe("the template filled with the sample's data", () => {
  test("the rules refuse what CEDU would flag; entered through them, the data passes cedu validate without a warning", async () => {
    const input = await readXlsx(SAMPLE);
    const analysis = analyze(input);
    const { workbook } = tidyWorkbook(input, analysis, { lang: "zh-CN" });
    const template = standardWorkbook({ lang: "zh-CN" });
    const communities = workbook.sheets
      .find((s) => s.kind === "population")!
      .rows.map((r) => r.cells[1] as string);
    const issuesAt = (row: StandardRow) =>
      analysis.issues.filter((i) => i.sheet === row.source?.sheet && i.row === row.source?.row);

    const refused: string[] = [];
    const beyondRules = new Set<string>();
    for (const sheet of template.sheets) {
      const tidied = workbook.sheets.find((s) => s.kind === sheet.kind)!;
      sheet.rows = tidied.rows.filter((row) => {
        const ok = row.cells.every((v, c) => admits(sheet.columns[c].rule, v, communities));
        const issues = issuesAt(row);
        if (!ok) {
          refused.push(`${row.source?.sheet}!${row.source?.row}`);
          // Refused rows are rows CEDU flags: the rules are not stricter than the engine.
          expect(issues.length).toBeGreaterThan(0);
          return false;
        }
        // What no cell rule can see: a repeat needs two rows, a check digit arithmetic, a blank a value.
        for (const i of issues) beyondRules.add(i.code);
        return issues.length === 0;
      });
      sheet.rows = sheet.rows.map((r) => ({ ...r, highlights: [] }));
    }
    // 青石社区 is not in the population sheet; 男性? is not a gender.
    expect(refused.sort()).toEqual(["学员花名册!44", "学员花名册!70"]);
    expect([...beyondRules].sort()).toEqual([
      "bad-id-number",
      "duplicate-enrolment",
      "id-precision-lost",
      "missing-required",
    ]);

    const filled = file("filled.xlsx");
    await fs.writeFile(filled, await standardXlsx(template));
    const r = await runCli(["validate", filled, "--json"], "zh-CN");
    const json = JSON.parse(r.out);
    expect(r.code).toBe(0);
    expect(json.counts).toMatchObject({ error: 0, warning: 0 });
    expect(Object.keys(json.byCode)).toEqual(["out-of-period"]);
    expect(json.sheets.filter((s: { kind: string | null }) => s.kind)).toHaveLength(5);
  });
});
