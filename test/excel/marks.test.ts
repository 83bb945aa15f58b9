import type { Issue } from "../../src/core/types";
import { MARKS_KEY, MAX_MARKS, cellsToMark, clearMarks, markIssues } from "../../src/excel/marks";
import { excelText } from "../../src/excel/errors";
import { selectIssueCell } from "../../src/excel/navigate";
import { loadSettings, saveSettings } from "../../src/excel/settings";
import { FakeContext, FakeSheetData, FakeState, installOffice } from "./fakeExcel";

beforeEach(() => installOffice());
/** A host before ExcelApi 1.18: fills only, no notes. */
const withoutNotes = () => installOffice((v) => Number(v.split(".")[1]) < 18);

function issue(sheet: string, row: number, col: number, severity: Issue["severity"]): Issue {
  return {
    code: "bad-date",
    severity,
    sheet,
    row,
    col,
    cell: `${sheet}!?`,
    value: "x",
    message: { key: "k" },
  };
}

describe("marks", () => {
  test("at most MAX_MARKS cells are marked, errors first, in the same three syncs", async () => {
    withoutNotes();
    const state = new FakeState();
    const roster = new FakeSheetData("名册");
    state.sheets = [roster];
    const issues = Array.from({ length: MAX_MARKS + 1000 }, (_, i) =>
      issue("名册", 2 + i, 3, "warning")
    );
    issues.push(issue("名册", 1, 1, "error")); // A1, last in the list
    const ctx = new FakeContext(state);
    const { marked, unmarked } = await markIssues(ctx.asExcel, issues);
    expect(ctx.syncCount).toBe(3);
    expect(marked).toBe(MAX_MARKS);
    expect(unmarked).toBe(1001);
    expect(roster.fills.get("0,0")).toBe("#FFC7CE");
    expect(roster.fills.size).toBe(MAX_MARKS);
    expect(cellsToMark(issues).cells.filter((c) => c.severity === "error")).toHaveLength(1);
    expect(cellsToMark(issues).over).toBe(1001);
  });

  test("mark then clear restores exactly the previous fills, also after reopening", async () => {
    withoutNotes();
    const state = new FakeState();
    const roster = new FakeSheetData("名册");
    roster.fills.set("1,1", "#00B0F0"); // B2 had a blue fill
    roster.fills.set("9,9", "#92D050"); // J10 unrelated, must stay
    const other = new FakeSheetData("活动");
    state.sheets = [roster, other];
    const before = new Map(state.sheets.map((s) => [s.name, new Map(s.fills)]));

    const ctx = new FakeContext(state);
    const issues = [
      issue("名册", 2, 2, "error"), // B2
      issue("名册", 2, 2, "warning"), // same cell: error wins
      issue("名册", 3, 1, "warning"), // A3
      issue("活动", 5, 3, "error"), // C5
      issue("活动", 6, 3, "info"), // info: not marked
      issue("活动", 0, 0, "error"), // whole sheet: not marked
      issue("已删除", 2, 2, "error"), // missing sheet: skipped
    ];
    const { marked } = await markIssues(ctx.asExcel, issues);
    expect(ctx.syncCount).toBe(3);
    expect(marked).toBe(3);
    expect(roster.fills.get("1,1")).toBe("#FFC7CE");
    expect(roster.fills.get("2,0")).toBe("#FFEB9C");
    expect(other.fills.get("4,2")).toBe("#FFC7CE");
    expect(other.fills.has("5,2")).toBe(false);
    expect(roster.fills.get("9,9")).toBe("#92D050");

    // Marking again keeps the original previous fill, not our own colour.
    await markIssues(new FakeContext(state).asExcel, issues);
    const stored = JSON.parse(state.settings.get(MARKS_KEY) as string);
    expect(stored).toEqual([
      { sheet: "名册", sheetId: roster.id, address: "B2", previousFill: "#00B0F0" },
      { sheet: "名册", sheetId: roster.id, address: "A3", previousFill: null },
      { sheet: "活动", sheetId: other.id, address: "C5", previousFill: null },
    ]);

    // "Reopen": a new context over the same persisted state (settings travel with the file).
    const ctx2 = new FakeContext(state);
    const { restored } = await clearMarks(ctx2.asExcel);
    expect(ctx2.syncCount).toBe(3);
    expect(restored).toBe(3);
    for (const s of state.sheets) expect(s.fills).toEqual(before.get(s.name));
    expect(state.settings.has(MARKS_KEY)).toBe(false);

    const ctx3 = new FakeContext(state);
    expect(await clearMarks(ctx3.asExcel)).toEqual({ restored: 0 });
    expect(ctx3.syncCount).toBe(1);
  });

  test("many cells: addresses are chunked into getRanges calls, syncs stay at 3", async () => {
    const state = new FakeState();
    state.sheets = [new FakeSheetData("名册")];
    const ctx = new FakeContext(state);
    const issues = Array.from({ length: 1000 }, (_, i) => issue("名册", i + 2, 3, "warning"));
    await markIssues(ctx.asExcel, issues);
    expect(ctx.syncCount).toBe(3);
    expect(ctx.getRangesCalls.length).toBe(5);
    expect(Math.max(...ctx.getRangesCalls.map((c) => c.count))).toBeLessThanOrEqual(200);
  });
});

describe("navigate", () => {
  test("visible sheet: activates and selects; hidden sheet: message key, nothing selected", async () => {
    const state = new FakeState();
    state.sheets = [new FakeSheetData("名册"), new FakeSheetData("人口", "Hidden")];
    const ctx = new FakeContext(state);
    expect(await selectIssueCell(ctx.asExcel, issue("名册", 12, 6, "error"))).toEqual({ ok: true });
    expect(state.active).toBe("名册");
    expect(state.selected).toBe("名册!F12");
    const hidden = await selectIssueCell(
      new FakeContext(state).asExcel,
      issue("人口", 2, 2, "error")
    );
    expect(hidden).toEqual({ ok: false, key: "excel.sheetHidden", params: { sheet: "人口" } });
    expect(state.active).toBe("名册");
    const missing = await selectIssueCell(
      new FakeContext(state).asExcel,
      issue("无", 2, 2, "error")
    );
    expect(missing).toMatchObject({ ok: false, key: "excel.sheetMissing" });
  });
});

describe("settings", () => {
  test("round trip in one sync each; junk is dropped", async () => {
    const state = new FakeState();
    const ctx = new FakeContext(state);
    expect(await loadSettings(ctx.asExcel)).toEqual({ overrides: {} });
    const saving = new FakeContext(state);
    await saveSettings(saving.asExcel, {
      overrides: { 名册: { kind: "enrolment", headerRow: 2, columns: { name: 0 } } },
      period: { from: "2024-01-01", to: "not a date" },
      lang: "en-US",
    });
    expect(saving.syncCount).toBe(1);
    const loading = new FakeContext(state);
    expect(await loadSettings(loading.asExcel)).toEqual({
      overrides: { 名册: { kind: "enrolment", headerRow: 2, columns: { name: 0 } } },
      period: { from: "2024-01-01" },
      lang: "en-US",
    });
    expect(loading.syncCount).toBe(1);
  });
});

describe("notes on marked cells (ExcelApi 1.18)", () => {
  const bad = (row: number, col: number): Issue => ({
    code: "bad-date",
    severity: "error",
    sheet: "名册",
    row,
    col,
    cell: `名册!?`,
    value: "2025-02-30",
    message: { key: "issue.badDate", params: { field: "enrolment.enrolDate" } },
  });

  test("a note with the message where the cell had none; the user's notes are kept; clear removes only ours", async () => {
    const state = new FakeState();
    const roster = new FakeSheetData("名册");
    roster.notes.set("2,3", "请核对报名日期（王老师）"); // D3: the user's own note
    state.sheets = [roster];

    await markIssues(new FakeContext(state).asExcel, [bad(2, 4), bad(3, 4)], "zh-CN");
    expect(roster.notes.get("1,3")).toBe(
      "CEDU: “报名日期”不是有效日期（或早于 1900 年、晚于今天），此行未计入统计"
    );
    expect(roster.notes.get("2,3")).toBe("请核对报名日期（王老师）");

    roster.notes.set("9,9", "unrelated");
    const ctx = new FakeContext(state);
    expect(await clearMarks(ctx.asExcel)).toEqual({ restored: 2 });
    expect(ctx.syncCount).toBe(4);
    expect([...roster.notes.entries()]).toEqual([
      ["2,3", "请核对报名日期（王老师）"],
      ["9,9", "unrelated"],
    ]);
  });

  test("a CEDU note the user has rewritten is theirs and stays", async () => {
    const state = new FakeState();
    const roster = new FakeSheetData("名册");
    state.sheets = [roster];
    await markIssues(new FakeContext(state).asExcel, [bad(2, 4)], "en-US");
    expect(roster.notes.get("1,3")).toMatch(/^CEDU: “Enrolment date” is not a valid date/);
    roster.notes.set("1,3", "checked with the learner: 2025-03-02");
    await clearMarks(new FakeContext(state).asExcel);
    expect(roster.notes.get("1,3")).toBe("checked with the learner: 2025-03-02");
    expect(roster.fills.has("1,3")).toBe(false);
  });
});

describe("marks on the strict fake (issue 12, B.6)", () => {
  const bad = (sheet: string, row: number, col: number): Issue => ({
    code: "bad-date",
    severity: "error",
    sheet,
    row,
    col,
    cell: `${sheet}!?`,
    value: "2025-02-30",
    message: { key: "issue.badDate", params: { field: "enrolment.enrolDate" } },
  });

  test("a sheet whose protection forbids formatting is named, and nothing is marked or recorded", async () => {
    const state = new FakeState();
    const roster = new FakeSheetData("名册");
    const locked = new FakeSheetData("活动");
    locked.protectedSheet = true;
    state.sheets = [roster, locked];
    await expect(
      markIssues(new FakeContext(state).asExcel, [bad("名册", 2, 2), bad("活动", 3, 3)])
    ).rejects.toMatchObject({ key: "excel.marksSheetProtected", params: { sheet: "活动" } });
    expect(roster.fills.size).toBe(0);
    expect(state.settings.has(MARKS_KEY)).toBe(false);
    expect(excelText("excel.marksSheetProtected", "zh-CN", { sheet: "活动" })).toMatch(
      /“活动”受保护.*设置单元格格式/
    );
  });

  test("protection allowing formatting only: fills without notes; a threaded comment's cell gets no note", async () => {
    const state = new FakeState();
    const roster = new FakeSheetData("名册");
    roster.comments.set("1,1", "王老师：请核对"); // B2
    const locked = new FakeSheetData("活动");
    locked.protectedSheet = true;
    locked.protectionOptions = { allowFormatCells: true };
    state.sheets = [roster, locked];
    const { marked } = await markIssues(new FakeContext(state).asExcel, [
      bad("名册", 2, 2),
      bad("名册", 3, 2),
      bad("活动", 3, 3),
    ]);
    expect(marked).toBe(3);
    expect(locked.fills.get("2,2")).toBe("#FFC7CE");
    expect(locked.notes.size).toBe(0);
    expect(roster.notes.has("1,1")).toBe(false);
    expect(roster.notes.has("2,1")).toBe(true);
  });

  test("a batch that stops part-way leaves no fill without its record: Clear marks restores them", async () => {
    withoutNotes();
    const state = new FakeState();
    const a = new FakeSheetData("名册");
    a.fills.set("1,1", "#00B0F0");
    const b = new FakeSheetData("活动");
    state.sheets = [a, b];
    state.failWhen = (op) => op.kind === "fill" && op.sheet === "活动";
    await expect(
      markIssues(new FakeContext(state).asExcel, [bad("名册", 2, 2), bad("活动", 2, 2)])
    ).rejects.toBeDefined();
    expect(a.fills.get("1,1")).toBe("#FFC7CE");
    state.failWhen = null;
    await clearMarks(new FakeContext(state).asExcel);
    expect(a.fills.get("1,1")).toBe("#00B0F0");
    expect(b.fills.size).toBe(0);
  });

  test("a renamed sheet keeps its marks: Clear marks finds it by id", async () => {
    withoutNotes();
    const state = new FakeState();
    const roster = new FakeSheetData("名册");
    state.sheets = [roster];
    await markIssues(new FakeContext(state).asExcel, [bad("名册", 2, 2)]);
    await state.userRenameSheet("名册", "名册2025");
    expect(await clearMarks(new FakeContext(state).asExcel)).toEqual({ restored: 1 });
    expect(roster.fills.size).toBe(0);
  });
});

describe("marks at their cap stay under 4 MB a request (issue 12, B.3)", () => {
  test("5,000 marked cells with notes and their record", async () => {
    const state = new FakeState();
    const roster = new FakeSheetData("学员花名册（2025年春季班）");
    state.sheets = [roster];
    const issues = Array.from({ length: MAX_MARKS + 500 }, (_, i) => ({
      code: "bad-date" as const,
      severity: "error" as const,
      sheet: roster.name,
      row: 2 + i,
      col: 5,
      cell: `${roster.name}!E${2 + i}`,
      value: "2025-02-30",
      message: { key: "issue.badDate", params: { field: "enrolment.enrolDate" } },
    }));
    const ctx = new FakeContext(state);
    const { marked } = await markIssues(ctx.asExcel, issues, "zh-CN");
    expect(marked).toBe(MAX_MARKS);
    expect(roster.notes.size).toBe(MAX_MARKS);
    expect(Math.max(...ctx.requestBytes)).toBeLessThan(4_000_000);
    expect(Math.max(...ctx.responseBytes)).toBeLessThan(4_000_000);
  });
});
