/**
 * The summary file written by `cedu report … --out x.xlsx` carries the 总结 draft as a section
 * (issue 16) and, for several workbooks, the by-source table and the schools not yet reported
 * (issue 18), every figure as `--json` and `--text` give it; LibreOffice opens the file and
 * prints the sections.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { haveLibreOffice, renderXlsx, squeeze } from "../helpers/libreoffice";

const SAMPLE = path.join(__dirname, "..", "..", "samples", "community-school-2025.xlsx");
const ROSTER = ["姓名", "所属社区", "培训项目", "报名日期", "身份证号"];
const ACTIVITIES = ["日期", "社区", "活动名称", "参加人数"];

async function run(args: string[]) {
  let out = "";
  let err = "";
  const code = await main(
    args,
    { out: (s) => (out += s + "\n"), err: (s) => (err += s + "\n") },
    { LANG: "zh_CN.UTF-8" }
  );
  return { code, out, err };
}

async function write(file: string, sheets: Record<string, unknown[][]>) {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) wb.addWorksheet(name).addRows(rows);
  await wb.xlsx.writeFile(file);
}

/** Column A and the rows under the section titled `title`, down to its note. */
async function section(file: string, title: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.worksheets[0];
  let top = -1;
  for (let r = 1; r <= ws.rowCount && top < 0; r++) if (ws.getCell(r, 1).value === title) top = r;
  expect(top).toBeGreaterThan(0);
  const rows: unknown[][] = [];
  for (let r = top + 1; r <= ws.rowCount; r++) {
    const cells: unknown[] = [];
    for (let c = 1; c <= ws.columnCount; c++) cells.push(ws.getCell(r, c).value);
    while (cells.length > 0 && (cells[cells.length - 1] ?? null) === null) cells.pop();
    if (cells.length === 0) break;
    rows.push(cells);
  }
  return rows;
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cedu-sections-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("--out: the 总结 section holds the draft of --text, line for line", async () => {
  const out = path.join(dir, "sample.xlsx");
  expect((await run(["report", SAMPLE, "--out", out])).code).toBe(0);
  const text = (await run(["report", SAMPLE, "--text"])).out;
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  expect(lines.length).toBeGreaterThan(5);
  const rows = await section(out, "工作总结（草稿）");
  // Header, one row per line of the draft, then the note.
  expect(rows[0]).toEqual(["总结"]);
  expect(rows.slice(1, -1).map((r) => r[0])).toEqual(lines);
  expect(String(rows[rows.length - 1][0])).toContain("草稿");
});

describe("several workbooks", () => {
  let files: string[];
  let xlsx: string;
  let json: any;
  beforeAll(async () => {
    files = [path.join(dir, "六角社区学校.xlsx"), path.join(dir, "街道中心.xlsx")];
    await write(files[0], {
      学员花名册: [
        ROSTER,
        ["张三", "六角社区", "太极拳", "2025-03-01", "110101199003070011"],
        ["李四", "六角社区", "书法", "2025-03-02", ""],
      ],
      活动记录: [ACTIVITIES, ["2025-03-10", "六角社区", "消防演练", 30]],
      社区人口: [
        ["社区", "常住人口"],
        ["六角社区", 1000],
      ],
    });
    await write(files[1], {
      学校名单: [
        ["学校名称", "评估等级", "所属社区", "类型"],
        ["六角社区学校", "优秀", "六角社区", "社区学校"],
        ["东湖社区学校", "合格", "东湖社区", "社区学校"],
      ],
    });
    xlsx = path.join(dir, "district.xlsx");
    const r = await run(["report", ...files, "--out", xlsx]);
    expect(r.code).toBe(0);
    json = JSON.parse((await run(["report", ...files, "--json"])).out);
  });

  test("--out: the by-source table and the schools not yet reported, as --json has them", async () => {
    const sources = await section(xlsx, "各文件报送情况");
    const keys = [
      "label",
      "school",
      "participants",
      "sharedParticipants",
      "enrolments",
      "activities",
      "sharedActivities",
      "attendance",
      "hours",
      "errors",
      "warnings",
      "sheets",
    ];
    expect(json.sources).toHaveLength(2);
    expect(sources.slice(1, -1).map((r) => r.slice(0, keys.length))).toEqual(
      json.sources.map((s: any) => keys.map((k) => s[k] ?? "—"))
    );
    expect(json.sources.find((s: any) => s.school === "六角社区学校")).toMatchObject({
      label: "六角社区学校.xlsx",
      participants: 2,
    });
    const missing = await section(xlsx, "尚未报送的学校");
    expect(missing.slice(1, -1)).toEqual(
      json.notReported.map((s: any) => [s.school, s.community, s.type])
    );
    expect(json.notReported.map((s: any) => s.school)).toEqual(["东湖社区学校"]);
  });

  (haveLibreOffice ? test : test.skip)(
    "LibreOffice opens the file and prints the district's sections and the draft",
    async () => {
      const page = renderXlsx(xlsx, path.join(dir, "lo"));
      const text = squeeze(page.text);
      for (const words of [
        "各文件报送情况",
        "六角社区学校.xlsx",
        "尚未报送的学校",
        "东湖社区学校",
        "工作总结（草稿）",
      ])
        expect(text).toContain(squeeze(words));
    }
  );
});
