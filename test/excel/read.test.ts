import {
  BYTES_PER_CELL,
  PAYLOAD_BUDGET,
  chunkRowsFor,
  fillMergedAreas,
  parseA1Area,
  planBatches,
  planChunks,
  readWorkbook,
} from "../../src/excel/read";
import { epochDayFromISO } from "../../src/core/cells";
import { analyze, figures } from "../../src/core/engine";
import { GENERATED_KEY, GENERATED_TAG } from "../../src/excel/tags";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { reportJson } from "../../src/cli/main";
import { readWorkbookFile } from "../../src/cli/read";
import {
  FakeContext,
  FakeSheetData,
  FakeState,
  PAYLOAD_LIMIT_BYTES,
  installOffice,
  utf8Bytes,
} from "./fakeExcel";

beforeEach(() => installOffice());

function bigSheet(
  name: string,
  rows: number,
  cols: number,
  origin = { row: 0, col: 0 }
): FakeSheetData {
  return new FakeSheetData(name, "Visible", false, {
    ...origin,
    rows,
    cols,
    value: (r, c) => (c === 0 ? `姓名${r}` : r * 100 + c),
  });
}

describe("readWorkbook", () => {
  test("3 sheets × 50,000 rows: planned number of syncs, every batch within the 4 MB estimate", async () => {
    const state = new FakeState();
    state.sheets = [
      bigSheet("A", 50_000, 10),
      bigSheet("B", 50_000, 10, { row: 2, col: 1 }),
      bigSheet("C", 50_000, 10),
    ];
    const ctx = new FakeContext(state);
    const wb = await readWorkbook(ctx.asExcel);

    const batches = planBatches(
      planChunks([50_000, 50_000, 50_000].map((rows) => ({ rows, cols: 10 })))
    );
    expect(chunkRowsFor(10)).toBe(6250);
    expect(batches.length).toBe(24);
    expect(ctx.syncCount).toBe(2 + batches.length); // 26, not 150,000
    for (const b of batches)
      expect(b.reduce((s, c) => s + c.bytes, 0)).toBeLessThanOrEqual(PAYLOAD_BUDGET);
    // Measured JSON responses stay under the estimate too (and so under the web's 5 MB).
    expect(Math.max(...ctx.responseBytes)).toBeLessThanOrEqual(PAYLOAD_BUDGET);

    expect(wb.sheets.map((s) => s.name)).toEqual(["A", "B", "C"]);
    for (const s of wb.sheets) {
      expect(s.values.length).toBe(50_000);
      expect(s.numberFormats!.length).toBe(50_000);
      expect(s.values[49_999][0]).toBe("姓名49999");
      expect(s.values[12_345][3]).toBe(12_345 * 100 + 3);
    }
    expect(wb.sheets[1].origin).toEqual({ row: 2, col: 1 });
    expect(wb.sheets[0].origin).toEqual({ row: 0, col: 0 });
  });

  test("small sheets share one batch; generated sheets skipped; hidden reported; empty sheets kept empty", async () => {
    const state = new FakeState();
    const user = new FakeSheetData("名册");
    user.cells.set("0,0", "姓名");
    user.cells.set("1,0", "张三");
    const hidden = new FakeSheetData("人口", "Hidden");
    hidden.cells.set("3,2", "社区");
    const generated = new FakeSheetData("CEDU汇总");
    generated.cells.set("0,0", "汇总");
    generated.customProperties.set(GENERATED_KEY, GENERATED_TAG);
    state.sheets = [user, hidden, generated, new FakeSheetData("空白")];
    const ctx = new FakeContext(state);
    const wb = await readWorkbook(ctx.asExcel);
    expect(ctx.syncCount).toBe(3);
    expect(wb.sheets.map((s) => s.name)).toEqual(["名册", "人口", "空白"]);
    expect(wb.sheets[0].values).toEqual([["姓名"], ["张三"]]);
    expect(wb.sheets[1]).toMatchObject({
      hidden: true,
      origin: { row: 3, col: 2 },
      values: [["社区"]],
    });
    expect(wb.sheets[2]).toMatchObject({ values: [], hidden: false });
  });

  test("wide sheets get fewer rows per chunk; a single chunk never exceeds the budget", () => {
    const chunks = planChunks([{ rows: 10_000, cols: 300 }]);
    for (const c of chunks)
      expect(c.rows * c.cols * BYTES_PER_CELL).toBeLessThanOrEqual(PAYLOAD_BUDGET);
    expect(chunks.reduce((s, c) => s + c.rows, 0)).toBe(10_000);
  });
});

describe("cell types and the date system", () => {
  function roster(): FakeSheetData {
    const sheet = new FakeSheetData("名册");
    const rows: unknown[][] = [
      ["姓名", "所属社区", "培训项目", "报名日期"],
      ["张三", "六角社区", "书法", 43_000], // 2017-09-22 in the 1900 system, 2021-09-23 in 1904
      ["李四", "#N/A", "书法", 43_001], // text that reads "#N/A"
      ["王五", "#REF!", "电脑", 43_002], // a real error cell
    ];
    rows.forEach((r, i) => r.forEach((v, c) => sheet.cells.set(`${i},${c}`, v as string)));
    for (let r = 1; r <= 3; r++) sheet.formats.set(`${r},3`, "yyyy-mm-dd");
    sheet.errors.add("3,1");
    return sheet;
  }

  test("error cells arrive as error values, told apart from text by their value type; no extra sync", async () => {
    const state = new FakeState();
    state.sheets = [roster()];
    const ctx = new FakeContext(state);
    const wb = await readWorkbook(ctx.asExcel);
    expect(ctx.syncCount).toBe(3);
    expect(wb.sheets[0].values.map((r) => r[1])).toEqual([
      "所属社区",
      "六角社区",
      "#N/A",
      { error: "#REF!" },
    ]);
    const issues = analyze(wb, { today: epochDayFromISO("2026-11-23") as number }).issues;
    expect(issues.find((i) => i.cell === "名册!B4")?.code).toBe("error-value");
  });

  test("a 1904 workbook is read in the 1904 date system, found in the first sync", async () => {
    const today = epochDayFromISO("2026-11-23") as number;
    const dates = async (date1904: boolean) => {
      const state = new FakeState();
      state.date1904 = date1904;
      state.sheets = [roster()];
      const ctx = new FakeContext(state);
      const wb = await readWorkbook(ctx.asExcel);
      expect(ctx.syncCount).toBe(3);
      expect(wb.date1904).toBe(date1904);
      return figures(analyze(wb, { today }))
        .byMonth.filter((m) => m.enrolments > 0)
        .map((m) => m.month);
    };
    // The same serial is four years and a day later in a 1904 workbook.
    expect(await dates(false)).toContain("2017-09");
    expect(await dates(true)).toContain("2021-09");
  });

  test("without ExcelApi 1.2 the workbook is taken to use Excel's default 1900 system", async () => {
    installOffice((v) => v === "1.1");
    const state = new FakeState();
    state.date1904 = true;
    state.sheets = [roster()];
    expect((await readWorkbook(new FakeContext(state).asExcel)).date1904).toBe(false);
  });
});

describe("merged cells", () => {
  const rows = [
    ["姓名", "所属社区", "培训项目", "报名日期"],
    ["张三", "六角社区", "书法", "2025-03-01"],
    ["李四", "", "书法", "2025-03-02"],
    ["王五", "", "电脑", "2025-03-03"],
  ];
  function rosterWithMergedCommunity(): FakeSheetData {
    const sheet = new FakeSheetData("名册");
    rows.forEach((r, i) => r.forEach((v, c) => sheet.cells.set(`${i},${c}`, v)));
    sheet.merged.push({ row: 1, col: 1, rows: 3, cols: 1 }); // 所属社区 merged down B2:B4
    return sheet;
  }

  test("a value merged down several rows belongs to each of them, as the file door reads it, in the same syncs", async () => {
    const state = new FakeState();
    state.sheets = [rosterWithMergedCommunity()];
    const ctx = new FakeContext(state);
    const wb = await readWorkbook(ctx.asExcel);
    expect(ctx.syncCount).toBe(3);
    expect(wb.sheets[0].values.map((r) => r[1])).toEqual([
      "所属社区",
      "六角社区",
      "六角社区",
      "六角社区",
    ]);

    const today = epochDayFromISO("2026-11-23") as number;
    const viaExcel = figures(analyze(wb, { today }));
    const filled = rows.map((r, i) => (i > 0 ? [r[0], "六角社区", r[2], r[3]] : r));
    const viaFile = figures(analyze({ sheets: [{ name: "名册", values: filled }] }, { today }));
    expect(viaExcel.overall).toEqual(viaFile.overall);
    expect(viaExcel.overall.participants).toBe(3);
  });

  test("without ExcelApi 1.13 the sheet reads as Excel reports it", async () => {
    installOffice((v) => Number(v.split(".")[1]) < 13);
    const state = new FakeState();
    state.sheets = [rosterWithMergedCommunity()];
    const wb = await readWorkbook(new FakeContext(state).asExcel);
    expect(wb.sheets[0].values.map((r) => r[1])).toEqual(["所属社区", "六角社区", "", ""]);
  });

  test("fillMergedAreas respects the used range's origin", () => {
    const values = [
      ["a", "b"],
      ["c", "d"],
    ];
    fillMergedAreas(values, { row: 4, col: 2 }, [parseA1Area("S!C5:D5")]);
    expect(values).toEqual([
      ["a", "a"],
      ["c", "d"],
    ]);
  });
});

describe("the strict fake (issue 12, B.1 and B.3)", () => {
  /** A valid 18-digit resident ID (GB 11643 check digit). */
  function residentId(i: number): string {
    const birth = new Date(Date.UTC(1950, 0, 1) + (i % 15000) * 86_400_000);
    const ymd = birth.toISOString().slice(0, 10).replace(/-/g, "");
    const body = `110101${ymd}${String(i % 1000).padStart(3, "0")}`;
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = [...body].reduce((s, d, k) => s + Number(d) * weights[k], 0);
    return body + "10X98765432"[sum % 11];
  }

  test("a roster with 姓名/身份证号 merged down each person's rows, 5,000 merged areas: cedu report's figures", async () => {
    const header = [
      "姓名",
      "身份证号",
      "所属社区",
      "培训项目",
      "培训类别",
      "报名日期",
      "学习状态",
      "考核结果",
    ];
    const communities = ["六角社区", "金阳村", "东湖社区"];
    const rows: unknown[][] = [header];
    const merges: { row: number; col: number; rows: number; cols: number }[] = [];
    for (let p = 0; p < 2500; p++) {
      const top = rows.length;
      for (let k = 0; k < 2; k++)
        rows.push([
          k === 0 ? `学员${p}` : "",
          k === 0 ? residentId(p) : "",
          communities[p % 3],
          k === 0 ? "智能手机使用" : "书法入门",
          k === 0 ? "信息技术培训" : "书法绘画",
          `2025-${String(1 + (p % 12)).padStart(2, "0")}-${String(1 + (p % 28)).padStart(2, "0")}`,
          ["结业", "在读", ""][(p + k) % 3],
          ["优秀", "合格", ""][(p * 2 + k) % 3],
        ]);
      merges.push({ row: top, col: 0, rows: 2, cols: 1 }, { row: top, col: 1, rows: 2, cols: 1 });
    }
    expect(merges).toHaveLength(5000);

    // The same roster as a saved file, through the file door.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("学员花名册");
    for (const row of rows) ws.addRow(row.map((v) => (v === "" ? undefined : v)));
    for (const m of merges) ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rows, m.col + m.cols);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cedu-merged-"));
    const file = path.join(dir, "roster.xlsx");
    await wb.xlsx.writeFile(file);
    let expected: unknown;
    try {
      const fromFile = await readWorkbookFile(file);
      const a = analyze(fromFile);
      expected = reportJson(a, figures(a), "zh-CN").overall;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    const state = new FakeState();
    const sheet = new FakeSheetData("学员花名册");
    rows.forEach((row, r) => row.forEach((v, c) => v !== "" && sheet.cells.set(`${r},${c}`, v)));
    sheet.merged = merges;
    state.sheets = [sheet];
    const ctx = new FakeContext(state);
    const input = await readWorkbook(ctx.asExcel);
    const a = analyze(input);
    expect(reportJson(a, figures(a), "zh-CN").overall).toEqual(expected);
    expect((expected as { participants: number }).participants).toBe(2500);
  });

  test("a sheet of long 活动内容 texts (60+ Chinese characters a cell) reads completely", async () => {
    const text = (r: number, c: number) =>
      `第${r}场${c}号活动：` + "社区教育居民学习活动内容记录".repeat(5);
    const state = new FakeState();
    state.sheets = [
      new FakeSheetData("活动记录", "Visible", false, {
        row: 0,
        col: 0,
        rows: 20_000,
        cols: 6,
        value: (r, c) => (c < 3 ? text(r, c) : r + c),
      }),
    ];
    expect(utf8Bytes(text(1, 1))).toBeGreaterThan(200);
    const ctx = new FakeContext(state);
    const input = await readWorkbook(ctx.asExcel);
    const values = input.sheets[0].values;
    expect(values).toHaveLength(20_000);
    expect(values[19_999][2]).toBe(text(19_999, 2));
    expect(values[12_345][4]).toBe(12_345 + 4);
    expect(input.sheets[0].numberFormats).toHaveLength(20_000);
    // One batch was refused (its texts were far beyond the per-cell estimate) and asked again in halves.
    expect(ctx.responseBytes.some((b) => b > PAYLOAD_LIMIT_BYTES)).toBe(true);
  });
});
