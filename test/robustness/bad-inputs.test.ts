/**
 * Named bad inputs, each with the message the user sees (CLI stderr/stdout or the engine's
 * message in the user's language), and a sheet of Excel's maximum 1,048,576 rows through the
 * command line in bounded memory (the streaming reader of src/cli/read.ts).
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { analyze, figures } from "../../src/core/engine";
import { format } from "../../src/core/i18n";
import { buildReport } from "../../src/core/report";
import type { WorkbookInput } from "../../src/core/types";
import { ReadError, readWorkbookFile, readStreaming } from "../../src/cli/read";
import { renderWorkbook } from "../../src/xlsx/tables";
import { cleanSheetName } from "../../src/excel/support";
import { errLines, runCli, sha256, STACK_FRAME } from "./helpers";

const ROOT = path.resolve(__dirname, "../..");
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cedu-bad-"));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

async function xlsx(
  name: string,
  sheets: Record<string, unknown[][]>,
  setup?: (wb: ExcelJS.Workbook) => void
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const [sheet, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(sheet);
    rows.forEach((r) => ws.addRow(r));
  }
  setup?.(wb);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

const HEADER = ["姓名", "所属社区", "培训项目", "报名日期", "考核结果"];
const ROWS = [
  ["张三", "六角社区", "信息技术培训", "2025-03-05", "优秀"],
  ["李四", "六角社区", "信息技术培训", "2025-03-06", "合格"],
  ["王五", "金阳村", "书法绘画", "2025-04-01", "不合格"],
];
const POPULATION = [
  ["社区", "常住人口"],
  ["六角社区", 100],
  ["金阳村", 50],
];

/** Exit 2 with exactly one line on stderr and no stack trace. */
function oneLineFailure(r: { code: number; err: string; out: string }): string {
  expect(r.code).toBe(2);
  const lines = errLines(r as never);
  expect(lines).toHaveLength(1);
  expect(r.err).not.toMatch(STACK_FRAME);
  return lines[0];
}

/** The start of an OLE compound file: what both a password-protected .xlsx and an old .xls are. */
const OLE_FILE = Buffer.concat([
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  Buffer.alloc(4096),
]);

describe("bad workbooks: what the user is told", () => {
  test("an empty workbook → nothing recognised; the sheet says 'Empty sheet'", async () => {
    const file = await xlsx("empty.xlsx", { Sheet1: [] });
    expect(oneLineFailure(await runCli(["validate", file]))).toMatch(
      /^No sheet in .*empty\.xlsx is recognised/
    );
    const a = analyze(await readWorkbookFile(file));
    expect(format(a.sheets[0].explanation, "en-US")).toBe("Empty sheet");
    expect(format(a.sheets[0].explanation, "zh-CN")).toBe("空工作表");
  });

  test("a header row only → recognised, no errors, zero figures, the rate is #DIV/0! (null)", async () => {
    const file = await xlsx("header-only.xlsx", { 学员花名册: [HEADER] });
    const r = await runCli(["report", file, "--json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.overall).toMatchObject({ participants: 0, enrolments: 0, participationRate: null });
    const v = await runCli(["validate", file]);
    expect(v.code).toBe(0);
    expect(v.out).toContain("No population sheet");
  });

  test("a header in row 25 → not found within the first 20 rows, and the message says so", async () => {
    const rows: unknown[][] = Array.from({ length: 24 }, (_, i) => [`说明第${i + 1}行`]);
    const file = await xlsx("deep-header.xlsx", { 学员花名册: [...rows, HEADER, ...ROWS] });
    oneLineFailure(await runCli(["validate", file]));
    const a = analyze(await readWorkbookFile(file));
    expect(a.sheets[0].kind).toBeNull();
    expect(format(a.sheets[0].explanation, "en-US")).toMatch(
      /^No recognisable header in the first 20 rows/
    );
    expect(format(a.sheets[0].explanation, "zh-CN")).toMatch(/^前 20 行中没有可识别的表头/);
  });

  test("duplicate header names → the leftmost column is used, figures unchanged", async () => {
    const file = await xlsx("dup-headers.xlsx", {
      学员花名册: [["姓名", ...HEADER], ...ROWS.map((r) => ["（旧）", ...r])],
      社区人口: POPULATION,
    });
    const json = JSON.parse((await runCli(["report", file, "--json"])).out);
    expect(json.sheets[0].columns).toMatchObject({
      name: "A",
      community: "C",
      course: "D",
      enrolDate: "E",
    });
    // Every row's name is "（旧）" in column A: one person per community, enrolled twice in one course there.
    expect(json.overall).toMatchObject({ participants: 2, enrolments: 2 });
    expect(json.issues.map((i: { code: string }) => i.code)).toContain("duplicate-enrolment");
  });

  test("merged cells over a title and a two-row header → recognised, same figures as a plain header", async () => {
    const file = await xlsx("merged.xlsx", { 学员花名册: [] }, (wb) => {
      const ws = wb.getWorksheet("学员花名册")!;
      ws.getCell("A1").value = "2025年社区教育学员花名册";
      ws.mergeCells("A1:E1");
      ws.getCell("A2").value = "学员信息";
      ws.mergeCells("A2:B2");
      ws.getCell("A3").value = "姓名";
      ws.getCell("B3").value = "所属社区";
      ws.getCell("C2").value = "培训项目";
      ws.mergeCells("C2:C3");
      ws.getCell("D2").value = "报名日期";
      ws.mergeCells("D2:D3");
      ws.getCell("E2").value = "考核结果";
      ws.mergeCells("E2:E3");
      ROWS.forEach((r, i) => r.forEach((v, c) => (ws.getCell(4 + i, c + 1).value = v)));
      const pop = wb.addWorksheet("社区人口");
      POPULATION.forEach((r) => pop.addRow(r));
    });
    const plain = await xlsx("plain.xlsx", { 学员花名册: [HEADER, ...ROWS], 社区人口: POPULATION });
    const merged = JSON.parse((await runCli(["report", file, "--json"])).out);
    const reference = JSON.parse((await runCli(["report", plain, "--json"])).out);
    expect(merged.sheets[0]).toMatchObject({ kind: "enrolment", headerRow: 3 });
    expect(merged.overall).toEqual(reference.overall);
    expect(merged.byCommunity).toEqual(reference.byCommunity);
  });

  test("numbers stored as text (12人, １２, 1,200) read as numbers", async () => {
    const file = await xlsx("numbers-as-text.xlsx", {
      活动记录: [
        ["日期", "社区", "活动名称", "参加人数", "课时"],
        ["2025-03-01", "六角社区", "法律知识讲座", "35人", "2"],
        ["2025-03-02", "六角社区", "消防演练", "１２", "1.5"],
        ["2025-03-03", "金阳村", "读书节", "1,200", "3课时"],
      ],
      社区人口: [
        ["社区", "常住人口"],
        ["六角社区", "1,200"],
        ["金阳村", "800人"],
      ],
    });
    const r = await runCli(["report", file, "--json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.overall).toMatchObject({
      activities: 3,
      attendance: 1247,
      hours: 6.5,
      residents: 2000,
    });
    expect(json.issues.filter((i: { severity: string }) => i.severity === "error")).toEqual([]);
  });

  test("the 1904 date system gives the same figures as the 1900 system", async () => {
    const dated = [
      HEADER,
      ...ROWS.map((r) => [r[0], r[1], r[2], new Date(`${r[3]}T00:00:00Z`), r[4]]),
    ];
    const f1900 = await xlsx("d1900.xlsx", { 学员花名册: dated, 社区人口: POPULATION });
    const f1904 = await xlsx("d1904.xlsx", { 学员花名册: dated, 社区人口: POPULATION }, (wb) => {
      (wb.properties as { date1904?: boolean }).date1904 = true;
    });
    expect((await readWorkbookFile(f1904)).date1904).toBe(true);
    const a = JSON.parse((await runCli(["report", f1900, "--json"])).out);
    const b = JSON.parse((await runCli(["report", f1904, "--json"])).out);
    expect(b.period).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(b).toEqual(a);
    // Raw serials (no date format) too: 1904 serial + 1462 = 1900 serial.
    const serials = (offset: number, date1904: boolean): WorkbookInput => ({
      date1904,
      sheets: [
        { name: "名册", values: [HEADER, ["张三", "六角社区", "信息技术培训", 45721 - offset]] },
      ],
    });
    const m1900 = figures(analyze(serials(0, false)));
    const m1904 = figures(analyze(serials(1462, true)));
    expect(m1904.period).toEqual(m1900.period);
    expect(m1904.byMonth).toEqual(m1900.byMonth);
  });

  test("#N/A and #REF! cells → an error-value issue naming the cell, never a crash", async () => {
    const file = await xlsx("errors.xlsx", {
      学员花名册: [
        HEADER,
        ["张三", { error: "#N/A" }, "信息技术培训", "2025-03-05", "优秀"],
        ["李四", "六角社区", "书法绘画", "2025-03-06", { error: "#REF!" }],
      ],
      社区人口: POPULATION,
    });
    const r = await runCli(["validate", file, "--json"]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out);
    const issues = json.byCode["error-value"];
    expect(issues.map((i: { cell: string }) => i.cell).sort()).toEqual([
      "学员花名册!B2",
      "学员花名册!E3",
    ]);
    expect(issues.find((i: { cell: string }) => i.cell === "学员花名册!B2").message).toMatch(
      /holds the Excel error #N\/A/
    );
    expect(issues.find((i: { cell: string }) => i.cell === "学员花名册!E3")).toMatchObject({
      severity: "warning",
    });
  });

  test("sheet names: the summary's name obeys Excel's rules; odd input names survive report --out", async () => {
    expect(cleanSheetName("汇总:2025/上半年[1]*?\\")).toBe("汇总_2025_上半年_1____");
    expect(cleanSheetName("'''")).toBe("CEDU");
    expect(cleanSheetName("很长".repeat(40)).length).toBe(31);
    const file = await xlsx("odd-names.xlsx", {
      "学员'花名册 (2025) 😀": [HEADER, ...ROWS],
      "人口&<数据>": POPULATION,
    });
    const out = path.join(dir, "odd-summary.xlsx");
    const r = await runCli(["report", file, "--out", out]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    for (const ws of wb.worksheets) expect(ws.name).not.toMatch(/[:\\/?*[\]]/);
    for (const lang of ["zh-CN", "en-US"] as const) {
      const spec = buildReport(figures(analyze(await readWorkbookFile(file))), { lang });
      for (const s of spec.sheets) {
        expect(s.name).toBe(cleanSheetName(s.name));
        expect(() => renderWorkbook(spec)).not.toThrow();
      }
    }
  });

  test("a password-protected .xlsx (OLE compound file) → one line: protected by a password", async () => {
    const file = path.join(dir, "protected.xlsx");
    fs.writeFileSync(file, OLE_FILE);
    expect(oneLineFailure(await runCli(["validate", file]))).toMatch(
      /is protected by a password to open; CEDU cannot read it/
    );
    expect(oneLineFailure(await runCli(["validate", file], "zh-CN"))).toMatch(/设有打开密码/);
  });

  test("a .xls file → refused clearly: save as .xlsx", async () => {
    const file = path.join(dir, "old.xls");
    fs.writeFileSync(file, OLE_FILE);
    expect(oneLineFailure(await runCli(["validate", file]))).toMatch(
      /is an old \.xls file; CEDU reads \.xlsx only/
    );
  });

  test("a .csv file → read, with the same figures as the .xlsx", async () => {
    const csv = path.join(dir, "roster.csv");
    fs.writeFileSync(csv, [HEADER, ...ROWS].map((r) => r.join(",")).join("\n"), "utf8");
    const r = await runCli(["report", csv, "--json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    const plain = JSON.parse(
      (
        await runCli([
          "report",
          await xlsx("roster.xlsx", { 学员花名册: [HEADER, ...ROWS] }),
          "--json",
        ])
      ).out
    );
    expect(json.overall).toEqual(plain.overall);
    expect(json.overall).toMatchObject({ participants: 3, enrolments: 3 });
  });

  test("a non-spreadsheet renamed .xlsx, and a truncated .xlsx → one line: not an Excel workbook", async () => {
    const text = path.join(dir, "notes.xlsx");
    fs.writeFileSync(text, "这不是表格 just some text\n");
    expect(oneLineFailure(await runCli(["validate", text]))).toMatch(
      /notes\.xlsx is not an Excel workbook/
    );
    const good = fs.readFileSync(await xlsx("whole.xlsx", { 学员花名册: [HEADER, ...ROWS] }));
    const cut = path.join(dir, "truncated.xlsx");
    fs.writeFileSync(cut, good.subarray(0, Math.floor(good.length / 2)));
    for (const stream of [false, true]) {
      await expect(readWorkbookFile(cut, { stream })).rejects.toBeInstanceOf(ReadError);
    }
    const line = oneLineFailure(await runCli(["validate", cut]));
    expect(line).toMatch(/truncated\.xlsx/);
  });

  test("a missing file → one line: file not found", async () => {
    expect(oneLineFailure(await runCli(["validate", path.join(dir, "nope.xlsx")]))).toMatch(
      /^File not found: /
    );
  });
});

describe("the streaming reader", () => {
  test("gives the same WorkbookInput as the whole-file reader: values, dates, hidden sheets, 1904, tab order", async () => {
    for (const date1904 of [false, true]) {
      const file = await xlsx(`same-${date1904}.xlsx`, {}, (wb) => {
        (wb.properties as { date1904?: boolean }).date1904 = date1904;
        const pop = wb.addWorksheet("社区人口");
        POPULATION.forEach((r) => pop.addRow(r));
        const ws = wb.addWorksheet("学员花名册");
        ws.addRow(["2025年花名册"]);
        ws.addRow([]);
        ws.addRow(HEADER);
        ROWS.forEach((r) => ws.addRow([r[0], r[1], r[2], new Date(`${r[3]}T00:00:00Z`), r[4]]));
        ws.addRow([
          "赵六",
          "金阳村",
          "歌舞",
          45700,
          { error: "#N/A" },
          true,
          -1.5,
          "=不是公式",
          "😀",
        ]);
        const hidden = wb.addWorksheet("隐藏");
        hidden.state = "hidden";
        hidden.addRow(["x"]);
      });
      const whole = await readWorkbookFile(file, { stream: false });
      const streamed = await readStreaming(file);
      expect(streamed).toEqual(whole);
      expect(streamed.sheets.map((s) => [s.name, s.hidden])).toEqual([
        ["社区人口", false],
        ["学员花名册", false],
        ["隐藏", true],
      ]);
      expect(streamed.date1904).toBe(date1904);
    }
  });

  test("every corpus workbook either reads or fails with a ReadError when streamed", async () => {
    const corpus = path.resolve(__dirname, "../fixtures/corpus");
    if (!fs.existsSync(corpus)) throw new Error(`Corpus folder missing: ${corpus}`);
    for (const name of fs.readdirSync(corpus).filter((f) => f.endsWith(".xlsx"))) {
      try {
        const wb = await readWorkbookFile(path.join(corpus, name), { stream: true });
        expect(Array.isArray(wb.sheets)).toBe(true);
      } catch (e) {
        expect(e).toBeInstanceOf(ReadError);
      }
    }
  });
});

/* ------------------------------------------------------------------ 1,048,576 rows */

/** Bump when the generated file changes; the file is cached in os.tmpdir() between runs. */
const BIG_VERSION = "v1";
const MAX_ROWS = 1_048_576;

async function bigWorkbook(): Promise<string> {
  const file = path.join(os.tmpdir(), `cedu-robustness-max-rows-${BIG_VERSION}.xlsx`);
  if (fs.existsSync(file) && fs.statSync(file).size > 1_000_000) return file;
  const partial = `${file}.${process.pid}.part`;
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: partial,
    useSharedStrings: true,
    useStyles: false,
  });
  const pop = wb.addWorksheet("社区人口");
  pop.addRow(["社区", "常住人口"]).commit();
  for (let c = 0; c < 20; c++) pop.addRow([`社区${c}`, 100000]).commit();
  await pop.commit();
  const ws = wb.addWorksheet("学员花名册");
  ws.addRow(["姓名", "所属社区", "培训项目", "报名日期"]).commit();
  for (let i = 1; i < MAX_ROWS; i++) {
    const month = String((i % 12) + 1).padStart(2, "0");
    const day = String((i % 28) + 1).padStart(2, "0");
    ws.addRow([`学员${i}`, `社区${i % 20}`, `课程${i % 8}`, `2024-${month}-${day}`]).commit();
  }
  await ws.commit();
  await wb.commit();
  fs.renameSync(partial, file);
  return file;
}

/** The CLI's compiled copy in lib/ must be current: rebuild it when a source file is newer. */
function ensureCliBuilt(): void {
  const lib = path.join(ROOT, "lib", "cli", "main.js");
  const built = fs.existsSync(lib) ? fs.statSync(lib).mtimeMs : 0;
  // The CLI imports modules from several folders of src (core, xlsx, docx …) at any depth.
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...fs.readdirSync(dir, { withFileTypes: true }).map((e) => {
        const p = path.join(dir, e.name);
        return e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs;
      })
    );
  if (built < newest(path.join(ROOT, "src")))
    execFileSync(process.execPath, [path.join(ROOT, "scripts", "build-cli.js")], {
      cwd: ROOT,
      stdio: "pipe",
    });
}

describe("Excel's maximum sheet through the command line", () => {
  test("1,048,576 rows: `node --max-old-space-size=1536 bin/cedu.js validate --json` exits 0/1 in bounded memory", async () => {
    ensureCliBuilt();
    const file = await bigWorkbook();
    const before = await sha256(file);
    const r = spawnSync(
      process.execPath,
      ["--max-old-space-size=1536", path.join(ROOT, "bin", "cedu.js"), "validate", file, "--json"],
      {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, CEDU_LANG: "en-US" },
        maxBuffer: 256 * 1024 * 1024,
        timeout: 120_000,
      }
    );
    expect(r.signal).toBeNull();
    expect(r.stderr).not.toMatch(STACK_FRAME);
    expect(r.stderr).not.toMatch(/heap out of memory/i);
    expect([0, 1]).toContain(r.status);
    const json = JSON.parse(r.stdout);
    const roster = json.sheets.find((s: { name: string }) => s.name === "学员花名册");
    expect(roster).toMatchObject({ kind: "enrolment", headerRow: 1 });
    expect(json.counts.error).toBe(0);
    expect(await sha256(file)).toBe(before);
  }, 180_000);
});
