/**
 * `cedu report a.xlsx b.xlsx folder/`: one summary for several workbooks, on small hand-made
 * files whose figures can be counted by eye (the same district as test/core/district):
 *   六角社区学校.xlsx: 张三 (ID A), 李四 (ID B), 王五 (no ID) in 六角社区; 消防演练 30, 读书节 20;
 *                     population 六角社区 1000, 金阳村 500
 *   金阳村社区学校.xlsx: 张三 (ID A) and 赵六 (ID C) in 金阳村, 王五 again; 读书节 25, 剪纸展 15;
 *                     population 六角社区 1000, 金阳村 600
 *   街道中心.xlsx: the school list, with 东湖社区学校, which sends no file
 * District: 4 people, 6 enrolments, 1600 residents, 3 activities, 70 attendances.
 */
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { main } from "../../src/cli/main";
import { districtXlsx } from "../helpers/districtFiles";

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

let dir: string;
let folder: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "cedu-district-"));
  folder = path.join(dir, "2025年报送");
  await fs.mkdir(path.join(folder, "社区学校"), { recursive: true });
  // The district of test/helpers/districtFiles.ts: two schools' files in a sub-folder.
  for (const file of ["六角社区学校.xlsx", "金阳村社区学校.xlsx"])
    await fs.writeFile(path.join(folder, "社区学校", file), await districtXlsx(file));
  await fs.writeFile(path.join(folder, "街道中心.xlsx"), await districtXlsx("街道中心.xlsx"));
  // Excel's lock file of an open workbook is not a workbook.
  await fs.writeFile(path.join(folder, "~$街道中心.xlsx"), "lock");
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe("cedu report on a folder of workbooks", () => {
  test("--json: the district's figures, what each file reported, who has not reported", async () => {
    const r = await run(["report", folder, "--json"]);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.overall).toMatchObject({
      participants: 4,
      enrolments: 6,
      residents: 1600,
      activities: 3,
      attendance: 70,
    });
    expect(json.overall.participationRate).toBeCloseTo(4 / 1600, 12);
    expect(
      json.sources.map((s: any) => [
        s.label,
        s.school,
        s.participants,
        s.sharedParticipants,
        s.activities,
        s.sharedActivities,
      ])
    ).toEqual([
      ["街道中心.xlsx", null, 0, 0, 0, 0],
      ["金阳村社区学校.xlsx", "金阳村社区学校", 3, 2, 2, 0],
      ["六角社区学校.xlsx", "六角社区学校", 3, 2, 2, 1],
    ]);
    expect(json.notReported).toEqual([
      { school: "东湖社区学校", community: "东湖社区", type: "社区学校" },
    ]);
    const codes = json.issues.map((i: any) => [i.code, i.sheet]);
    expect(codes).toContainEqual(["population-conflict", "[六角社区学校.xlsx]社区人口"]);
    expect(codes).toContainEqual(["duplicate-activity", "[六角社区学校.xlsx]活动记录"]);
  });

  test("files named one by one give the same figures as their folder, in any order", async () => {
    const files = [
      path.join(folder, "街道中心.xlsx"),
      path.join(folder, "社区学校", "金阳村社区学校.xlsx"),
      path.join(folder, "社区学校", "六角社区学校.xlsx"),
    ];
    const a = JSON.parse((await run(["report", ...files, "--json"])).out);
    const b = JSON.parse((await run(["report", ...files.reverse(), "--json"])).out);
    const c = JSON.parse((await run(["report", folder, "--json"])).out);
    expect(a.overall).toEqual(c.overall);
    expect(b.overall).toEqual(c.overall);
    expect(b.byCommunity).toEqual(c.byCommunity);
  });

  test("text: the by-source and not-reported tables follow the summary", async () => {
    const r = await run(["report", folder]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("■ 各文件报送情况");
    expect(r.out).toMatch(/六角社区学校\.xlsx\s+六角社区学校\s+3\s+2\s+3\s+2\s+1\s+50/);
    expect(r.out).toContain("■ 尚未报送的学校");
    expect(r.out).toMatch(/东湖社区学校\s+东湖社区\s+社区学校/);
  });

  test("a file that cannot be read is named, the others still count, the exit code says so", async () => {
    const broken = path.join(dir, "坏文件.xlsx");
    await fs.writeFile(broken, "not a zip");
    const r = await run(["report", folder, broken, "--json"]);
    expect(r.code).toBe(1);
    expect(r.err.trim().split("\n")).toHaveLength(1);
    expect(r.err).toContain("坏文件.xlsx");
    expect(JSON.parse(r.out).overall.participants).toBe(4);
  });

  test("a folder with no workbook says so in one line (exit 2)", async () => {
    const empty = path.join(dir, "空文件夹");
    await fs.mkdir(empty);
    const r = await run(["report", empty]);
    expect(r.code).toBe(2);
    expect(r.err.trim()).toBe(`${empty} 中没有 .xlsx 或 .csv 文件`);
  });

  test("--out writes the district's summary and is never read as an input", async () => {
    const out = path.join(folder, "汇总.xlsx");
    const first = await run(["report", folder, "--out", out, "--json"]);
    expect(first.code).toBe(0);
    const second = await run(["report", folder, "--out", out, "--json"]);
    expect(JSON.parse(second.out).sources).toHaveLength(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.length).toBeGreaterThan(0);
  });
});
