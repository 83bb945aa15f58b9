import { CeduExcelError } from "../../src/excel/errors";
import { GENERATED_KEY, GENERATED_TAG, REGISTRY_KEY } from "../../src/excel/tags";
import { CHART_ROWS, layoutSheet } from "../../src/core/report";
import { RENDER_SYNCS, buildSheet, renderReport } from "../../src/excel/write";
import { planRequests } from "../../src/excel/render";
import { FakeContext, FakeSheetData, FakeState, installOffice } from "./fakeExcel";
import { section, spec } from "./helpers";

beforeEach(() => installOffice());

function userSheet(name: string): FakeSheetData {
  const s = new FakeSheetData(name);
  s.cells.set("0,0", "用户数据");
  s.cells.set("1,1", 42);
  return s;
}

describe("renderReport", () => {
  test("tiny spec: exactly RENDER_SYNCS syncs, tagged, registered, activated, events restored", async () => {
    expect(RENDER_SYNCS).toBeLessThanOrEqual(6);
    const state = new FakeState();
    state.sheets = [userSheet("名册")];
    const ctx = new FakeContext(state);
    const result = await renderReport(
      ctx.asExcel,
      spec([{ name: "CEDU汇总", sections: [section("overview", 1, false)] }])
    );
    expect(ctx.syncCount).toBe(RENDER_SYNCS);
    expect(result.sheetNames).toEqual(["CEDU汇总"]);
    const out = state.sheet("CEDU汇总")!;
    expect(out.customProperties.get(GENERATED_KEY)).toBe(GENERATED_TAG);
    expect(JSON.parse(state.settings.get(REGISTRY_KEY) as string)).toEqual([
      { id: out.id, name: "CEDU汇总", key: "s0" },
    ]);
    expect(state.active).toBe("CEDU汇总");
    expect(out.frozenRows).toBe(1);
    expect(out.tables).toEqual([
      { address: "A4:E5", hasHeaders: true, style: "TableStyleMedium2" },
    ]);
    expect(ctx.eventsLog).toEqual([false, true]);
    expect(ctx.suspendCalls).toEqual({ screen: 1, calc: 1 });
    expect(state.sheets.map((s) => s.name)).toEqual(["名册", "CEDU汇总"]);
  });

  test("big spec (2 sheets, 8 sections, 5,000-row tables): every request under 4 MB, syncs only for the bytes", async () => {
    const state = new FakeState();
    state.sheets = [userSheet("名册")];
    const ctx = new FakeContext(state);
    const keys = ["overview", "community", "category", "targetGroup"] as const;
    const big = spec([
      { name: "汇总", sections: keys.map((k) => section(k, 5000)) },
      { name: "明细", sections: keys.map((k) => section(k, 5000)) },
    ]);
    await renderReport(ctx.asExcel, big);
    expect(Math.max(...ctx.requestBytes)).toBeLessThan(4_000_000);
    const written = ctx.writes.filter((w) => w.kind === "values");
    const steps = big.sheets.flatMap((s) => buildSheet({} as Excel.Worksheet, s, false));
    expect(ctx.syncCount).toBe(RENDER_SYNCS - 1 + planRequests(steps).length);
    // Every row of every block is written, slices included.
    expect(written.reduce((n, w) => n + w.payload.length, 0)).toBe(
      2 * (1 + keys.length * (5000 + 4))
    );
    const out = state.sheet("汇总")!;
    expect(out.charts.length).toBe(4);
    expect(out.tables.length).toBe(4);
  });

  test("values, number formats, null cells, dates and the totals row", async () => {
    const state = new FakeState();
    state.sheets = [userSheet("名册")];
    const ctx = new FakeContext(state);
    await renderReport(
      ctx.asExcel,
      spec([{ name: "汇总", sections: [section("community", 2, false)] }])
    );
    const block = ctx.writes.find((w) => w.kind === "values" && w.address.endsWith("A3:E8"))!;
    expect(block.payload.slice(0, 5)).toEqual([
      ["表 community", "", "", "", ""],
      ["社区", "参与人数", "参与率", "课时", "日期"],
      ["东城社区", 0, "—", 0, 45352],
      ["社区1", 3, 0.5, 1.5, 45352],
      ["合计", 2, "—", 3, "—"],
    ]);
    expect(block.payload[5]).toEqual(["口径：报名人数 / 常住人口", "", "", "", ""]);
    const formats = ctx.writes.find(
      (w) => w.kind === "numberFormat" && w.address.endsWith("A3:E8")
    )!;
    expect(formats.payload[2]).toEqual(["@", "#,##0", "@", "#,##0.0", "yyyy-mm-dd"]);
    expect(formats.payload[3]).toEqual(["@", "#,##0", "0.0%", "#,##0.0", "yyyy-mm-dd"]);
  });

  test("a 1904 workbook gets dates as 1904 serials, so 2024-03-01 shows as 2024-03-01; same syncs", async () => {
    const state = new FakeState();
    state.date1904 = true;
    state.sheets = [userSheet("名册")];
    const ctx = new FakeContext(state);
    await renderReport(
      ctx.asExcel,
      spec([{ name: "汇总", sections: [section("community", 2, false)] }])
    );
    expect(ctx.syncCount).toBe(RENDER_SYNCS);
    const block = ctx.writes.find((w) => w.kind === "values" && w.address.endsWith("A3:E8"))!;
    expect(block.payload[2][4]).toBe(45352 - 1462);
  });

  test("formula-looking user text is written with a leading apostrophe", async () => {
    const state = new FakeState();
    state.sheets = [userSheet("名册")];
    const ctx = new FakeContext(state);
    const s = section("community", 2, false, '=HYPERLINK("x")');
    s.table.rows[1][0] = "+86 社区";
    s.table.columns[1].header = "-人数";
    s.table.note = "@注";
    await renderReport(ctx.asExcel, spec([{ name: "汇总", sections: [s] }]));
    const texts = ctx.writes.filter((w) => w.kind === "values").flatMap((w) => w.payload.flat());
    expect(texts).toContain('\'=HYPERLINK("x")');
    expect(texts).toContain("'+86 社区");
    expect(texts).toContain("'-人数");
    expect(texts).toContain("'@注");
    const risky = texts.filter((x) => typeof x === "string" && /^[=+\-@]/.test(x));
    expect(risky).toEqual([]);
    // Formats are queued before values so text stays text.
    const first = ctx.writes.findIndex((w) => w.address.endsWith("A3:E8"));
    expect(ctx.writes[first].kind).toBe("numberFormat");
  });

  test("charts: explicit seriesBy, titles, percent axis, right of the table, no overlap between sections", async () => {
    const state = new FakeState();
    state.sheets = [userSheet("名册")];
    const ctx = new FakeContext(state);
    const report = spec([
      { name: "汇总", sections: [section("community", 3), section("category", 30)] },
    ]);
    await renderReport(ctx.asExcel, report);
    const [c1, c2] = state.sheet("汇总")!.charts;
    expect(c1.type).toBe("ColumnClustered");
    expect(c1.seriesBy).toBe("Columns");
    expect(c1.title.text).toBe("参与率");
    expect(c1.axes.valueAxis.numberFormat).toBe("0%");
    expect(c1.axes.valueAxis.title.text).toBe("参与率");
    expect(c1.series.items.map((s) => s.name)).toEqual(["参与率", "参与人数"]);
    expect(c1.series.items[0].x).toMatch(/!A5:A7$/);
    expect(c1.series.items[1].values).toMatch(/!B5:B7$/);
    expect(c1.position).toEqual(["G3", `N${3 + CHART_ROWS - 1}`]);
    const layout = layoutSheet(report.sheets[0]);
    // Second section starts below the first chart (chart is taller than the 3-row table).
    expect(layout.blocks[1].top).toBe(2 + CHART_ROWS + 2);
    expect(c2.position![0]).toBe(`G${layout.blocks[1].top + 1}`);
  });

  test("a user sheet with the wanted name is untouched; the summary takes a free name; re-runs replace only tagged sheets", async () => {
    const state = new FakeState();
    state.sheets = [userSheet("CEDU汇总"), userSheet("CEDU汇总 (3)")];
    const ctx = new FakeContext(state);
    const report = spec([{ name: "CEDU汇总", sections: [section("overview", 2)] }]);
    const first = await renderReport(ctx.asExcel, report);
    expect(first.sheetNames).toEqual(["CEDU汇总 (2)"]);
    expect(state.sheet("CEDU汇总")!.cells.get("0,0")).toBe("用户数据");
    expect(state.sheet("CEDU汇总")!.customProperties.size).toBe(0);

    const id = state.sheet("CEDU汇总 (2)")!.id;
    const ctx2 = new FakeContext(state);
    const second = await renderReport(ctx2.asExcel, report);
    expect(ctx2.syncCount).toBe(RENDER_SYNCS);
    expect(second.sheetNames).toEqual(["CEDU汇总 (2)"]);
    expect(ctx2.deleted).toEqual([]); // rewritten in place, never deleted
    expect(state.sheet("CEDU汇总 (2)")!.id).toBe(id);
    expect(state.sheets.map((s) => s.name).sort()).toEqual([
      "CEDU汇总",
      "CEDU汇总 (2)",
      "CEDU汇总 (3)",
    ]);
    expect(state.sheet("CEDU汇总 (3)")!.cells.get("1,1")).toBe(42);
    expect(state.sheet("CEDU汇总")!.cells.get("0,0")).toBe("用户数据");
  });

  test("protected workbook → CeduExcelError before anything is written", async () => {
    const state = new FakeState();
    state.sheets = [userSheet("名册")];
    state.workbookProtected = true;
    const ctx = new FakeContext(state);
    const err = await renderReport(
      ctx.asExcel,
      spec([{ name: "汇总", sections: [section("overview", 2)] }])
    ).catch((e) => e);
    expect(err).toBeInstanceOf(CeduExcelError);
    expect(err.key).toBe("excel.workbookProtected");
    expect(ctx.writes).toEqual([]);
    expect(state.sheets.map((s) => s.name)).toEqual(["名册"]);
    expect(ctx.syncCount).toBe(1);
  });

  test("protected generated sheet → CeduExcelError, nothing written", async () => {
    const state = new FakeState();
    const old = userSheet("汇总");
    old.customProperties.set(GENERATED_KEY, GENERATED_TAG);
    old.protectedSheet = true;
    state.sheets = [userSheet("名册"), old];
    state.settings.set(REGISTRY_KEY, JSON.stringify([{ id: old.id, name: "汇总", key: "s0" }]));
    const ctx = new FakeContext(state);
    const err = await renderReport(
      ctx.asExcel,
      spec([{ name: "汇总", sections: [section("overview", 2)] }])
    ).catch((e) => e);
    expect(err).toMatchObject({ key: "excel.sheetProtected", params: { sheet: "汇总" } });
    expect(ctx.writes).toEqual([]);
  });

  test("read-only workbook → CeduExcelError", async () => {
    const state = new FakeState();
    state.readOnly = true;
    const ctx = new FakeContext(state);
    await expect(
      renderReport(ctx.asExcel, spec([{ name: "x", sections: [] }]))
    ).rejects.toMatchObject({ key: "excel.readOnly" });
  });

  test.each([3, 4])(
    "a failure at sync %i: no sheet this run added remains, events are restored, the kept summary is still CEDU's",
    async (failAt) => {
      const state = new FakeState();
      const old = userSheet("汇总");
      state.sheets = [userSheet("名册"), old];
      state.settings.set(REGISTRY_KEY, JSON.stringify([{ id: old.id, name: "汇总", key: "s0" }]));
      const report = spec([
        { name: "汇总", sections: [section("overview", 2)] },
        { name: "明细", sections: [section("community", 2)] },
      ]);
      const ctx = new FakeContext(state);
      ctx.failAtSync = failAt;
      const err = await renderReport(ctx.asExcel, report).catch((e) => e);
      expect(err).toBeInstanceOf(CeduExcelError);
      expect(state.sheets.map((s) => s.name)).toEqual(["名册", "汇总"]);
      expect(state.sheet("汇总")!.id).toBe(old.id);
      expect(ctx.eventsLog[ctx.eventsLog.length - 1]).toBe(true);
      // The next Generate completes it, in place.
      await renderReport(new FakeContext(state).asExcel, report);
      expect(state.sheets.map((s) => s.name)).toEqual(["名册", "汇总", "明细"]);
      expect(state.sheet("汇总")!.id).toBe(old.id);
    }
  );
});
