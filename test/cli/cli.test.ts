import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(args: string[]): Promise<Run> {
  let out = "";
  let err = "";
  const code = await main(
    args,
    { out: (s) => (out += s + "\n"), err: (s) => (err += s + "\n") },
    { LANG: "zh_CN.UTF-8" }
  );
  return { code, out, err };
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cedu-cli-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function writeWorkbook(name: string, sheets: Record<string, unknown[][]>): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(sheet);
    rows.forEach((r) => ws.addRow(r));
  }
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

const roster = [
  ["2025年学员花名册"],
  ["姓名", "所属社区", "培训项目", "报名日期", "考核结果"],
  ["张三", "六角社区", "信息技术培训", "2025-03-05", "优秀"],
  ["李四", "六角社区", "信息技术培训", "2025-03-06", "合格"],
  ["王五", "金阳村", "书法绘画", "2025-04-01", "不合格"],
  ["张三", "六角社区", "书法绘画", "2025-04-02", ""],
  ["赵六", '=HYPERLINK("x")', "书法绘画", "2025-04-02", ""],
];
const population = [
  ["社区", "常住人口"],
  ["六角社区", 100],
  ["金阳村", 50],
];

describe("cedu report --json", () => {
  it("prints exactly one JSON object with the contract's shape and figures", async () => {
    const file = await writeWorkbook("small.xlsx", { 学员花名册: roster, 社区人口: population });
    const r = await run(["report", file, "--json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual([
      "period",
      "overall",
      "byCommunity",
      "byCategory",
      "byTargetGroup",
      "schools",
      "teachers",
      "plan",
      "comparison",
      "sheets",
      "issues",
    ]);
    expect(json.period).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    // 张三, 李四, 王五 and 赵六 are four people; 赵六's community is unknown so the rate counts three of 150.
    expect(json.overall.participants).toBe(4);
    expect(json.overall.enrolments).toBe(5);
    expect(json.overall.participationRate).toBeCloseTo(3 / 150, 15);
    expect(json.overall.excellenceRate).toBeCloseTo(1 / 3, 15);
    expect(json.overall.qualifiedRate).toBeCloseTo(2 / 3, 15);
    expect(json.overall.completionRate).toBeNull();
    const lj = json.byCommunity.find((c: { community: string }) => c.community === "六角社区");
    expect(lj).toMatchObject({
      residents: 100,
      participants: 2,
      enrolments: 3,
      participationRate: 0.02,
    });
    expect(json.sheets[0]).toMatchObject({ name: "学员花名册", kind: "enrolment", headerRow: 2 });
    expect(json.sheets[0].columns).toMatchObject({
      name: "A",
      community: "B",
      course: "C",
      enrolDate: "D",
    });
    const unknown = json.issues.find((i: { code: string }) => i.code === "unknown-community");
    expect(unknown).toMatchObject({
      sheet: "学员花名册",
      cell: "学员花名册!B7",
      severity: "warning",
    });
    expect(unknown.message).toContain("不在社区人口表中");
  });

  it("honours --from/--to and --lang", async () => {
    const file = await writeWorkbook("period.xlsx", { 学员花名册: roster, 社区人口: population });
    const r = await run([
      "report",
      file,
      "--json",
      "--from",
      "2025-04-01",
      "--to",
      "2025-04-30",
      "--lang",
      "en-US",
    ]);
    const json = JSON.parse(r.out);
    expect(json.overall.enrolments).toBe(3);
    const info = json.issues.find((i: { code: string }) => i.code === "out-of-period");
    expect(info.message).toMatch(/2 rows are dated outside/);
  });

  it("writes the summary workbook with text kept as text", async () => {
    const file = await writeWorkbook("out.xlsx", { 学员花名册: roster, 社区人口: population });
    const out = path.join(dir, "summary.xlsx");
    const r = await run(["report", file, "--out", out]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("CEDU汇总");
    expect(ws).toBeDefined();
    let found = false;
    ws?.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "string" && cell.value.startsWith("=HYPERLINK")) {
          found = true;
          expect(cell.type).toBe(ExcelJS.ValueType.String);
        }
        expect(cell.formula).toBeUndefined();
      })
    );
    expect(found).toBe(true);
  });
});

describe("cedu validate", () => {
  it("exits 1 when there are errors and groups issues by code", async () => {
    const file = await writeWorkbook("bad.xlsx", {
      学员花名册: [...roster, ["钱七", "金阳村", "书法绘画", "2025-02-30", ""]],
      社区人口: population,
    });
    const r = await run(["validate", file, "--json"]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    expect(json.ok).toBe(false);
    expect(json.byCode["bad-date"][0]).toMatchObject({ cell: "学员花名册!D8", severity: "error" });
  });

  it("exits 0 without errors", async () => {
    const file = await writeWorkbook("good.xlsx", {
      学员花名册: roster.slice(0, 4),
      社区人口: population,
    });
    const r = await run(["validate", file]);
    expect(r.code).toBe(0);
  });

  it.each([
    ["missing.xlsx", null, /找不到文件/],
    ["fake.xlsx", "this is not a workbook", /不是 Excel 工作簿/],
    ["old.xls", "\u00d0\u00cf\u0011\u00e0 old", /\.xls/],
  ])("exits 2 with one line for %s", async (name, content, message) => {
    const file = path.join(dir, name);
    if (content !== null) await fs.writeFile(file, Buffer.from(content, "latin1"));
    const r = await run(["validate", file]);
    expect(r.code).toBe(2);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\bat .+:\d+:\d+/);
  });

  it("exits 2 when nothing is recognised", async () => {
    const file = await writeWorkbook("other.xlsx", {
      Sheet1: [
        ["a", "b"],
        [1, 2],
      ],
    });
    const r = await run(["validate", file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/没有可识别的工作表/);
  });

  it("prints usage and exits 2 on a bad command", async () => {
    const r = await run(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cedu report/);
  });
});

describe("language of the command line", () => {
  it("follows CEDU_LANG or the locale, and is Chinese when the locale names no language", async () => {
    const { languageFromEnv } = await import("../../src/cli/main");
    expect(languageFromEnv({ LANG: "en_GB.UTF-8" })).toBe("en-US");
    expect(languageFromEnv({ LANG: "zh_CN.UTF-8" })).toBe("zh-CN");
    expect(languageFromEnv({ LANG: "C.UTF-8" })).toBe("zh-CN");
    expect(languageFromEnv({})).toBe("zh-CN");
    expect(languageFromEnv({ LANG: "zh_CN.UTF-8", CEDU_LANG: "en-US" })).toBe("en-US");
  });
});
