/**
 * The fake Excel is as strict as Microsoft documents Excel to be (issue 12, part A). Each test
 * names the rule and its source; each fails if the rule is taken out of test/excel/fakeExcel.ts.
 */
import {
  FakeContext,
  FakeSheetData,
  FakeState,
  MAX_MERGED_AREAS,
  PAYLOAD_LIMIT_BYTES,
  installExcel,
  utf8Bytes,
} from "./fakeExcel";
import { invokeCustomFunction, xlError, type Metadata } from "./fake/customFunctions";

function workbook(...names: string[]): FakeState {
  const state = new FakeState();
  state.sheets = names.map((n) => new FakeSheetData(n));
  return state;
}
const sheetOf = (ctx: FakeContext, name: string) =>
  ctx.workbook.worksheets.getItem(name) as Excel.Worksheet;

describe("A.1 payload limits, in UTF-8 bytes (Resource limits and performance optimization; Application-specific API error handling)", () => {
  test("a request over 5 MB is refused as a whole: RequestPayloadSizeLimitExceeded, nothing written", async () => {
    const state = workbook("S");
    const ctx = new FakeContext(state);
    // Two cells of 1.2 million Chinese characters: 2.4 M characters (under 5 M if characters were
    // counted), but 7.2 MB of UTF-8.
    const text = "活".repeat(1_200_000);
    sheetOf(ctx, "S").getRange("A1:B1").values = [[text, text]];
    await expect(ctx.sync()).rejects.toMatchObject({ code: "RequestPayloadSizeLimitExceeded" });
    expect(state.sheet("S")!.cells.size).toBe(0);
    expect(ctx.requestBytes[0]).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
    expect(ctx.requestBytes[0]).toBeGreaterThanOrEqual(2 * utf8Bytes(text));
  });

  test("a response over 5 MB is refused: ResponsePayloadSizeLimitExceeded, nothing loaded", async () => {
    const state = new FakeState();
    // 30,000 cells of 60 Chinese characters: 1.8 M characters, 5.4 MB of UTF-8.
    const long = "社区教育活动内容".repeat(8).slice(0, 60);
    state.sheets = [
      new FakeSheetData("活动", "Visible", false, {
        row: 0,
        col: 0,
        rows: 30_000,
        cols: 1,
        value: () => long,
      }),
    ];
    const ctx = new FakeContext(state);
    const range = sheetOf(ctx, "活动").getRange("A1:A30000");
    range.load("values");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    // The failed sync delivered nothing: reading the values now is PropertyNotLoaded.
    // eslint-disable-next-line office-addins/call-sync-after-load, office-addins/call-sync-before-read
    expect(() => range.values).toThrow(/PropertyNotLoaded/);
    expect(ctx.responseBytes[0]).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
    // Counted as characters the same response would have looked small enough.
    expect(JSON.stringify(Array(30_000).fill([long])).length).toBeLessThan(PAYLOAD_LIMIT_BYTES);
  });

  test("limits are Excel on the web's: the desktop takes the same request", async () => {
    const state = workbook("S");
    state.platform = "desktop";
    const ctx = new FakeContext(state);
    const text = "活".repeat(1_200_000);
    sheetOf(ctx, "S").getRange("A1:B1").values = [[text, text]];
    await ctx.sync();
    expect(state.sheet("S")!.cells.size).toBe(2);
  });

  test("request and response bytes are counted per sync, for every context", async () => {
    const state = workbook("S");
    const ctx = new FakeContext(state);
    sheetOf(ctx, "S").getRange("A1").values = [["社区"]];
    await ctx.sync();
    const r = sheetOf(ctx, "S").getRange("A1");
    r.load("values");
    await ctx.sync();
    expect(ctx.requestBytes[0]).toBeGreaterThanOrEqual(utf8Bytes('[["社区"]]'));
    expect(ctx.responseBytes[1]).toBeGreaterThanOrEqual(utf8Bytes('[["社区"]]'));
    expect(state.syncLog).toHaveLength(2);
  });
});

describe("A.2 merged areas (Excel.Range.getMergedAreasOrNullObject: fails beyond 512)", () => {
  function mergedSheet(count: number): FakeState {
    const state = new FakeState();
    const s = new FakeSheetData("名册");
    for (let i = 0; i < count; i++) s.merged.push({ row: 1 + 2 * i, col: 0, rows: 2, cols: 1 });
    state.sheets = [s];
    return state;
  }
  test(`${MAX_MERGED_AREAS} areas are returned; one more and the sync fails`, async () => {
    const ok = new FakeContext(mergedSheet(MAX_MERGED_AREAS));
    const areas = sheetOf(ok, "名册").getRange("A1:A2000").getMergedAreasOrNullObject();
    areas.load("areas/items/address");
    await ok.sync();
    expect(areas.areas.items).toHaveLength(MAX_MERGED_AREAS);

    const over = new FakeContext(mergedSheet(MAX_MERGED_AREAS + 1));
    const all = sheetOf(over, "名册").getRange("A1:A2000").getMergedAreasOrNullObject();
    all.load("areas/items/address");
    await expect(over.sync()).rejects.toMatchObject({ code: "GeneralException" });
  });
});

describe("A.3 protection and notes (Excel.WorksheetProtectionOptions; notes vs threaded comments)", () => {
  test("a fill on a protected sheet fails unless the protection allows formatting", async () => {
    const state = workbook("S");
    const s = state.sheet("S")!;
    s.protectedSheet = true;
    const ctx = new FakeContext(state);
    sheetOf(ctx, "S").getRange("B2").format.fill.color = "#FFC7CE";
    await expect(ctx.sync()).rejects.toMatchObject({ code: "AccessDenied" });
    expect(s.fills.size).toBe(0);

    s.protectionOptions = { allowFormatCells: true };
    const allowed = new FakeContext(state);
    sheetOf(allowed, "S").getRange("B2").format.fill.color = "#FFC7CE";
    await allowed.sync();
    expect(s.fills.get("1,1")).toBe("#FFC7CE");
  });

  test("a note on a protected sheet fails unless the protection allows editing objects", async () => {
    const state = workbook("S");
    const s = state.sheet("S")!;
    s.protectedSheet = true;
    s.protectionOptions = { allowFormatCells: true };
    const ctx = new FakeContext(state);
    sheetOf(ctx, "S").notes.add("B2", "CEDU: …");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "AccessDenied" });
    expect(s.notes.size).toBe(0);
  });

  test("a cell with a threaded comment cannot also take a note", async () => {
    const state = workbook("S");
    state.sheet("S")!.comments.set("1,1", "王老师：请核对");
    const ctx = new FakeContext(state);
    sheetOf(ctx, "S").notes.add("B2", "CEDU: …");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "InvalidOperation" });
    expect(state.sheet("S")!.notes.size).toBe(0);
  });

  test("a failing operation stops its batch there: earlier operations stay, later ones never run", async () => {
    const state = workbook("A", "B");
    state.sheet("B")!.protectedSheet = true;
    const ctx = new FakeContext(state);
    sheetOf(ctx, "A").getRange("A1").format.fill.color = "#FFEB9C";
    sheetOf(ctx, "B").getRange("A1").format.fill.color = "#FFEB9C";
    ctx.workbook.settings.add("k", "v");
    await expect(ctx.sync()).rejects.toMatchObject({ code: "AccessDenied" });
    expect(state.sheet("A")!.fills.size).toBe(1);
    expect(state.settings.has("k")).toBe(false);
  });
});

describe("A.4 references to a deleted sheet become #REF! for good", () => {
  test("a formula follows a rename, turns #REF! on delete, and a new sheet of that name does not repair it", async () => {
    const state = workbook("CEDU汇总", "我的报告");
    state.sheet("CEDU汇总")!.cells.set("4,2", 0.42);
    const mine = state.sheet("我的报告")!;
    mine.formulas.set("0,0", "='CEDU汇总'!C5");
    expect(mine.get(0, 0)).toBe(0.42);

    await state.userRenameSheet("CEDU汇总", "汇总旧");
    expect(mine.formulas.get("0,0")).toBe("=汇总旧!C5");
    expect(mine.get(0, 0)).toBe(0.42);

    const ctx = new FakeContext(state);
    sheetOf(ctx, "汇总旧").delete();
    const fresh = ctx.workbook.worksheets.add("汇总旧");
    fresh.getRange("C5").values = [[0.5]];
    await ctx.sync();
    expect(mine.formulas.get("0,0")).toBe("=#REF!C5");
    expect(mine.get(0, 0)).toBe("#REF!");
    expect(mine.isError(0, 0)).toBe(true);
  });

  test("a workbook name pointing at a deleted sheet turns #REF! too", async () => {
    const state = workbook("CEDU汇总");
    const ctx = new FakeContext(state);
    ctx.workbook.names.add("CEDU_Rate", sheetOf(ctx, "CEDU汇总").getRange("C5"));
    await ctx.sync();
    expect(state.names.get("cedu_rate")!.formula).toBe("=CEDU汇总!$C$5");
    sheetOf(ctx, "CEDU汇总").delete();
    await ctx.sync();
    expect(state.names.get("cedu_rate")!.formula).toBe("=#REF!$C$5");
  });
});

describe("A.5 cell edit mode (Excel.RunOptions.delayForCellEdit)", () => {
  test("without delayForCellEdit a batch fails with InvalidOperationInCellEditMode and writes nothing", async () => {
    const state = workbook("S");
    state.beginCellEdit();
    const excel = installExcel(state);
    try {
      await expect(
        Excel.run(async (context) => {
          context.workbook.worksheets.getItem("S").getRange("A1").values = [[1]];
          await context.sync();
        })
      ).rejects.toMatchObject({ code: "InvalidOperationInCellEditMode" });
      expect(state.sheet("S")!.cells.size).toBe(0);
    } finally {
      excel.uninstall();
    }
  });

  test("with delayForCellEdit the batch waits until the edit ends, then runs", async () => {
    const state = workbook("S");
    state.beginCellEdit();
    const excel = installExcel(state);
    try {
      let done = false;
      const run = Excel.run({ delayForCellEdit: true }, async (context) => {
        context.workbook.worksheets.getItem("S").getRange("A1").values = [[1]];
        await context.sync();
        done = true;
      });
      await new Promise((r) => setImmediate(r));
      expect(done).toBe(false);
      expect(state.sheet("S")!.cells.size).toBe(0);
      state.endCellEdit();
      await run;
      expect(done).toBe(true);
      expect(state.sheet("S")!.get(0, 0)).toBe(1);
      expect(excel.runs).toEqual([{ delayForCellEdit: true }]);
    } finally {
      excel.uninstall();
    }
  });
});

describe("A.7 worksheet ids; Move/Copy copies custom properties", () => {
  test("ids are stable across renames, getItem takes a name or an id, a copy has a new id and the properties", async () => {
    const state = workbook("汇总");
    const original = state.sheet("汇总")!;
    original.customProperties.set("cedu.generated", '{"v":1}');
    const ctx = new FakeContext(state);
    const ws = sheetOf(ctx, "汇总");
    ws.load("id,name");
    await ctx.sync();
    const id = ws.id;
    await state.userRenameSheet("汇总", "3月汇总");
    const again = new FakeContext(state);
    const byId = again.workbook.worksheets.getItem(id) as Excel.Worksheet;
    byId.load("id,name");
    await again.sync();
    expect(byId.name).toBe("3月汇总");

    const copy = await state.userCopySheet("3月汇总");
    expect(copy.id).not.toBe(id);
    expect(copy.name).toBe("3月汇总 (2)");
    expect(copy.customProperties.get("cedu.generated")).toBe('{"v":1}');
  });
});

describe("A.8 events (Work with events using the Excel JavaScript API)", () => {
  async function listen(state: FakeState) {
    const seen: { kind: string; args: any }[] = [];
    const ctx = new FakeContext(state);
    const sheets = ctx.workbook.worksheets;
    for (const kind of ["onChanged", "onAdded", "onDeleted", "onNameChanged"] as const)
      sheets[kind].add(async (args: any) => {
        seen.push({ kind, args });
      });
    await ctx.sync();
    return { seen, ctx };
  }

  test("onChanged reports cell edits only; adding, renaming and deleting sheets raise their own events", async () => {
    const state = workbook("名册");
    const { seen } = await listen(state);
    await state.userEdit("名册", "B3", [["张三"]]);
    const added = await state.userAddSheet("新表");
    await state.userRenameSheet("新表", "活动");
    await state.userDeleteSheet("活动");
    expect(seen.map((e) => e.kind)).toEqual(["onChanged", "onAdded", "onNameChanged", "onDeleted"]);
    expect(seen[0].args).toMatchObject({ address: "B3", triggerSource: "Unknown" });
    expect(seen[0].args.worksheetId).toBe(state.sheet("名册")!.id);
    expect(seen[1].args.worksheetId).toBe(added.id);
    expect(seen[2].args).toMatchObject({ nameBefore: "新表", nameAfter: "活动" });
    expect(seen[3].args.worksheetId).toBe(added.id);
  });

  test("the add-in's own writes say so (ThisLocalAddin), and nothing is delivered while its events are off", async () => {
    const state = workbook("名册");
    const { seen } = await listen(state);
    const ctx = new FakeContext(state);
    sheetOf(ctx, "名册").getRange("A1").values = [["x"]];
    await ctx.sync();
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([
      { kind: "onChanged", args: expect.objectContaining({ triggerSource: "ThisLocalAddin" }) },
    ]);

    ctx.runtime.enableEvents = false;
    await ctx.sync();
    await state.userEdit("名册", "A2", [["y"]]);
    expect(seen).toHaveLength(1);
  });

  test("a handler is removed with its registration", async () => {
    const state = workbook("名册");
    const ctx = new FakeContext(state);
    const reg = ctx.workbook.worksheets.onChanged.add(() => undefined);
    await ctx.sync();
    expect(state.handlerCount("changed")).toBe(1);
    reg.remove();
    await ctx.sync();
    expect(state.handlerCount("changed")).toBe(0);
  });
});

describe("A.6 error cells in custom-function ranges (Handle and return errors from your custom function)", () => {
  const meta = (allow: boolean): Metadata => ({
    ...(allow ? { allowErrorForDataTypeAny: true } : {}),
    functions: [
      {
        id: "COUNTROWS",
        name: "COUNTROWS",
        parameters: [{ name: "range", type: "any", dimensionality: "matrix" }],
      },
      { id: "TWICE", name: "TWICE", parameters: [{ name: "n", type: "number" }] },
    ],
  });
  const range = [["a"], [xlError("#N/A")], ["c"]];

  test("without allowErrorForDataTypeAny the function is never called: the cell shows the error", async () => {
    const fn = jest.fn((r: unknown[][]) => r.length);
    expect(await invokeCustomFunction(meta(false), "COUNTROWS", fn, [range])).toEqual({
      called: false,
      shows: "#N/A",
    });
    expect(fn).not.toHaveBeenCalled();
  });

  test("with it the function runs and the error arrives as an error object, not as text", async () => {
    const fn = jest.fn((r: unknown[][]) => r.length);
    expect(await invokeCustomFunction(meta(true), "COUNTROWS", fn, [range])).toEqual({
      called: true,
      value: 3,
    });
    const cell = fn.mock.calls[0][0][1][0];
    expect(typeof cell).toBe("object");
    expect(cell).toMatchObject({ code: "#N/A" });
  });

  test("a number parameter never takes an error, flag or not", async () => {
    const fn = jest.fn((n: number) => 2 * n);
    expect(await invokeCustomFunction(meta(true), "TWICE", fn, [xlError("#DIV/0!")])).toEqual({
      called: false,
      shows: "#DIV/0!",
    });
  });
});
