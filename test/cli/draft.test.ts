/**
 * Every number in the 工作总结 draft is a figure of the report: for each sample workbook, in
 * both languages, with and without a workbook to compare with, every number printed by
 * `cedu report --text` is found, in order, among the draft's tagged figures, and each tagged
 * figure is checked against the value at its place in `cedu report --json`.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { readWorkbookFile } from "../../src/cli/read";
import { analyze, figures } from "../../src/core/engine";
import {
  buildDraft,
  draftText,
  isComparison,
  previousYearInData,
  previousYearInWorkbook,
  type Draft,
  type FigurePart,
} from "../../src/core/draft";
import type { Lang } from "../../src/core/types";
import * as lastYearSample from "../../scripts/make-sample-2024";

const ROOT = path.join(__dirname, "..", "..");
const SAMPLES = path.join(ROOT, "samples");
const LAST_YEAR = path.join(SAMPLES, "community-school-2024.xlsx");
const THIS_YEAR = path.join(SAMPLES, "community-school-2025.xlsx");

async function run(args: string[]) {
  let out = "";
  let err = "";
  const code = await main(
    args,
    { out: (s) => (out += s.endsWith("\n") ? s : `${s}\n`), err: (s) => (err += `${s}\n`) },
    { LANG: "zh_CN.UTF-8" }
  );
  return { code, out, err };
}

/** The value at an RFC 6901 pointer. */
function resolve(json: unknown, pointer: string): unknown {
  let node = json;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !(key in (node as object)))
      throw new Error(`${pointer}: no "${key}" in the JSON`);
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Every number as written: 21,905 → 21905, 62.3 → 62.3. */
function numbers(text: string): number[] {
  return (text.match(/\d[\d,]*(?:\.\d+)?/g) ?? []).map((n) => Number(n.replace(/,/g, "")));
}

const UP = /增长|提高|高出|增加|\bup\b|^\+/;
const DOWN = /下降|降低|减少|相差|\bdown\b|^\u2212/;

/** Checks the text of one tagged figure against the report's value. */
function checkFigure(part: FigurePart, reported: unknown, lang: Lang) {
  const where = `${part.pointer} «${part.text}»`;
  expect({ where, value: part.value }).toEqual({ where, value: reported });
  const shown = numbers(part.text);
  switch (part.format) {
    case "year":
      expect({ where, shown }).toEqual({ where, shown: [Number(String(reported).slice(0, 4))] });
      return;
    case "date": {
      const [y, m, d] = String(reported).split("-").map(Number);
      if (lang === "zh-CN") {
        expect({ where, shown }).toEqual({ where, shown: [y, m, d] });
      } else {
        const month = new Date(Date.UTC(y, m - 1, 1)).toLocaleString("en-US", {
          month: "long",
          timeZone: "UTC",
        });
        expect({ where, shown }).toEqual({ where, shown: [d, y] });
        expect(part.text).toContain(month);
      }
      return;
    }
    case "count":
      expect({ where, shown }).toEqual({ where, shown: [reported] });
      return;
    case "decimal":
      expect(shown).toHaveLength(1);
      expect(Math.abs(shown[0] - (reported as number))).toBeLessThanOrEqual(0.05 + 1e-9);
      return;
    case "percent":
      expect(shown).toHaveLength(1);
      expect(Math.abs(shown[0] - (reported as number) * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
      return;
    case "change":
    case "points":
    case "gap":
    case "difference": {
      const v = reported as number;
      const scale = part.format === "difference" ? 1 : 100;
      if (shown.length === 0) {
        // 持平 / unchanged: the change rounds to nothing.
        expect(Math.abs(v * scale)).toBeLessThan(0.05 + 1e-9);
        return;
      }
      expect(shown).toHaveLength(1);
      expect(Math.abs(shown[0] - Math.abs(v) * scale)).toBeLessThanOrEqual(0.05 + 1e-9);
      // The direction word (Chinese always has one; English gaps take it from the sentence).
      if (lang === "zh-CN" || part.format !== "gap") {
        expect({ where, up: UP.test(part.text) }).toEqual({ where, up: v > 0 });
        expect({ where, down: DOWN.test(part.text) }).toEqual({ where, down: v < 0 });
      }
      return;
    }
  }
}

function draftFigures(d: Draft): FigurePart[] {
  const parts = [
    ...d.title.parts,
    ...d.intro.sentences.flatMap((s) => s.parts),
    ...d.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences.flatMap((x) => x.parts))),
  ];
  return parts.filter((p): p is FigurePart => p.kind === "figure");
}

function tableFigures(d: Draft): FigurePart[] {
  return d.table.rows.flatMap((r) =>
    [r.value, r.target, r.previous, r.change].filter((f): f is FigurePart => f !== null)
  );
}

/** The draft's text with the names from the user's data (which may hold digits) blanked out. */
function withoutNames(d: Draft, text: string): string {
  let out = text;
  const names = [
    ...d.title.parts,
    ...d.intro.sentences.flatMap((s) => s.parts),
    ...d.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences.flatMap((x) => x.parts))),
  ]
    .filter((p) => p.kind === "name")
    .map((p) => p.text)
    .sort((a, b) => b.length - a.length);
  for (const n of names) out = out.split(n).join(" ");
  return out;
}

async function sampleFiles(): Promise<string[]> {
  return (await fs.readdir(SAMPLES))
    .filter((f) => f.endsWith(".xlsx"))
    .sort()
    .map((f) => path.join(SAMPLES, f));
}

async function draftOf(file: string, lang: Lang, compare?: string): Promise<Draft> {
  const a = analyze(await readWorkbookFile(file));
  const m = figures(a);
  let comparison = previousYearInData(a, m);
  if (compare) {
    const found = previousYearInWorkbook(
      a,
      m,
      analyze(await readWorkbookFile(compare)),
      path.basename(compare)
    );
    comparison = isComparison(found) ? found : null;
  }
  return buildDraft(m, { lang, comparison });
}

describe("every number in the draft is a figure of cedu report --json", () => {
  const cases: [string, Lang, string | undefined][] = [];
  beforeAll(async () => {
    for (const file of await sampleFiles())
      for (const lang of ["zh-CN", "en-US"] as const) cases.push([file, lang, undefined]);
  });

  it("finds the sample workbooks; the previous year's is what its script writes", async () => {
    const files = await sampleFiles();
    expect(files).toEqual(expect.arrayContaining([THIS_YEAR, LAST_YEAR]));
    const committed = await fs.readFile(LAST_YEAR);
    expect(Buffer.compare(await lastYearSample.sampleBuffer(), committed)).toBe(0);
  });

  const check = async (file: string, lang: Lang, compare?: string) => {
    const extra = compare ? ["--compare", compare] : [];
    const json = await run(["report", file, "--json", "--lang", lang, ...extra]);
    const text = await run(["report", file, "--text", "--lang", lang, ...extra]);
    expect(json.code).toBe(0);
    expect(text.code).toBe(0);
    const report = JSON.parse(json.out);
    const draft = await draftOf(file, lang, compare);
    // The CLI prints exactly the structured draft.
    expect(text.out).toBe(draftText(draft));

    const tagged = draftFigures(draft);
    // Every number of the text (names from the data left aside) belongs to a tagged figure …
    expect(numbers(withoutNames(draft, text.out))).toEqual(tagged.flatMap((f) => numbers(f.text)));
    // … and every tagged figure, in the text and in the key-figure table, is the report's.
    for (const f of [...tagged, ...tableFigures(draft)])
      checkFigure(f, resolve(report, f.pointer), lang);
    return { report, draft, text: text.out };
  };

  it("holds for every sample, in Chinese and in English", async () => {
    expect(cases.length).toBeGreaterThanOrEqual(4);
    for (const [file, lang] of cases) {
      const { draft } = await check(file, lang);
      expect(draftFigures(draft).length).toBeGreaterThan(30);
    }
  });

  it("holds with last year's workbook given for comparison, and names its figures", async () => {
    for (const lang of ["zh-CN", "en-US"] as const) {
      const { report, draft, text } = await check(THIS_YEAR, lang, LAST_YEAR);
      expect(report.comparison).toMatchObject({
        source: "file",
        file: "community-school-2024.xlsx",
        period: { from: "2024-01-01", to: "2024-12-31" },
      });
      const pointers = new Set(draftFigures(draft).map((f) => f.pointer));
      for (const p of [
        "/comparison/change/participants/relative",
        "/comparison/change/activities/relative",
        "/comparison/change/participationRate/points",
        "/comparison/change/schools/difference",
        "/comparison/learners/returning",
        "/comparison/learners/returningShare",
      ])
        expect(pointers).toContain(p);
      if (lang === "zh-CN") {
        expect(text).toMatch(/比上年增长\d+\.\d%/);
        expect(text).toMatch(/新学员\d+人，老学员\d+人，老学员占\d+\.\d%/);
      } else {
        expect(text).toMatch(/up \d+\.\d% on the previous year/);
        expect(text).toMatch(/\d+ people were new and \d+ people had also taken part/);
      }
    }
  });
});

describe("README", () => {
  it("shows an excerpt of the draft the sample really gives", async () => {
    const readme = await fs.readFile(path.join(ROOT, "README.md"), "utf8");
    const start = readme.indexOf("## The work summary draft");
    const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
    const quoted = section
      .split("\n")
      .filter((l) => l.startsWith(">"))
      .map((l) => l.replace(/^>\s?/, "").replace(/……$/, ""))
      .filter((l) => l !== "");
    expect(quoted.length).toBeGreaterThanOrEqual(8);
    const r = await run(["report", THIS_YEAR, "--compare", LAST_YEAR, "--text"]);
    for (const line of quoted) expect(r.out).toContain(line);
  });
});

describe("cedu report --text, --docx, --compare", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "cedu-draft-"));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("prints the draft in the office's register, sections numbered in order", async () => {
    const r = await run(["report", THIS_YEAR, "--text"]);
    expect(r.code).toBe(0);
    const headings = r.out.split("\n").filter((l) => /^[一二三四五六]、/.test(l));
    expect(headings).toEqual([
      "一、学校建设",
      "二、教育培训",
      "三、活动开展",
      "四、师资队伍",
      "五、计划完成",
    ]);
    expect(r.out).toMatch(/^2025年社区教育工作总结\n/);
    expect(r.out).toContain("全年共开展活动39场，参与1,944人次，累计71.5课时。");
    expect(r.out).toContain("未达到59.4%的目标，相差58.7个百分点");
  });

  it("writes a .docx (a zip holding word/document.xml) and says where", async () => {
    const out = path.join(dir, "总结.docx");
    const r = await run(["report", THIS_YEAR, "--docx", out]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(out);
    const bytes = await fs.readFile(out);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    expect(bytes.includes(Buffer.from("word/document.xml"))).toBe(true);
  });

  it("refuses --text with --json, and an unreadable comparison workbook, in one line", async () => {
    const both = await run(["report", THIS_YEAR, "--text", "--json"]);
    expect(both.code).toBe(2);
    expect(both.err.trim()).toBe("--text 与 --json 只能选一个");
    const missing = await run(["report", THIS_YEAR, "--compare", path.join(dir, "nope.xlsx")]);
    expect(missing.code).toBe(2);
    expect(missing.err.trim().split("\n")).toHaveLength(1);
    expect(missing.err).toContain("nope.xlsx");
  });

  it("says so and drafts without comparison when the other workbook has nothing for last year", async () => {
    // A workbook with 2025 activities only: nothing dated in 2024, no school list.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("活动记录");
    ws.addRow(["日期", "社区", "活动名称", "参加人数"]);
    ws.addRow(["2025-03-01", "六角社区", "科普讲座", 30]);
    const other = path.join(dir, "2025-only.xlsx");
    await wb.xlsx.writeFile(other);
    const r = await run(["report", THIS_YEAR, "--text", "--compare", other]);
    expect(r.code).toBe(0);
    expect(r.out).not.toContain("比上年");
    expect(r.err.trim()).toBe(`对比工作簿 ${other} 在 2024-01-01 至 2024-12-31 没有数据，未作同比`);
    const json = await run(["report", THIS_YEAR, "--json", "--compare", other]);
    expect(JSON.parse(json.out).comparison).toBeNull();
  });

  it("compares only the school list with a workbook whose rows do not cover last year", async () => {
    // The 2025 workbook holds a few sign-ups of November and December 2024 and its school list.
    const json = await run(["report", THIS_YEAR, "--json", "--compare", THIS_YEAR]);
    const change = JSON.parse(json.out).comparison.change;
    expect(change.participants).toBeNull();
    expect(change.planCompletion).toBeNull();
    expect(change.schools).toEqual({ previous: 15, difference: 0 });
    const text = await run(["report", THIS_YEAR, "--text", "--compare", THIS_YEAR]);
    expect(text.out).toContain("比上年持平");
    expect(text.out).not.toMatch(/比上年(增长|下降|提高|降低)/);
  });
});
