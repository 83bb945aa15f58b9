/**
 * Issue 12, B.4 and B.5 (and B.3's write side) on the strict fake: the summary is replaced in
 * place, its key figures are workbook names, only what CEDU registered is ever replaced or
 * deleted, and no write request reaches 4 MB.
 */
import path from "path";
import { analyze, figures } from "../../src/core/engine";
import type { WorkbookInput } from "../../src/core/types";
import { generateSummary } from "../../src/excel/generate";
import { KEY_FIGURE_NAMES } from "../../src/excel/render";
import { REGISTRY_KEY } from "../../src/excel/tags";
import { renderReport } from "../../src/excel/write";
import { issuesSpec } from "../../src/taskpane/display";
import type { Issue } from "../../src/core/types";
import { readXlsx } from "../helpers/readXlsx";
import { FakeContext, FakeSheetData, FakeState, installExcel, installOffice } from "./fakeExcel";

const SAMPLE = path.join(__dirname, "..", "..", "samples", "community-school-2025.xlsx");
let sample: WorkbookInput;
beforeAll(async () => {
  sample = await readXlsx(SAMPLE);
});
beforeEach(() => installOffice());

function workbook(): FakeState {
  const state = new FakeState();
  state.sheets = sample.sheets.map((s) => {
    const sheet = new FakeSheetData(s.name);
    s.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== null && v !== undefined && v !== "") sheet.cells.set(`${r},${c}`, v);
      })
    );
    return sheet;
  });
  return state;
}

async function generate(state: FakeState) {
  const excel = installExcel(state);
  try {
    return await generateSummary({ lang: "zh-CN" });
  } finally {
    excel.uninstall();
  }
}

describe("the summary is replaced in place (B.4)", () => {
  test("a user's ='CEDU汇总'!C5 on another sheet never turns into #REF!; the sheet keeps its id", async () => {
    const state = workbook();
    const { sheetName } = await generate(state);
    const summary = state.sheet(sheetName)!;
    const id = summary.id;
    const mine = new FakeSheetData("我的报告");
    state.sheets = [...state.sheets, mine];
    mine.formulas.set("0,0", `='${sheetName}'!C5`);
    const before = mine.get(0, 0);
    expect(before).not.toBe("");

    await generate(state);
    await generate(state);
    expect(state.sheet(sheetName)!.id).toBe(id);
    expect(mine.formulas.get("0,0")).toBe(`='${sheetName}'!C5`);
    expect(mine.isError(0, 0)).toBe(false);
    expect(mine.get(0, 0)).toEqual(before);
  });

  test("the key figures are workbook names pointing at their cells, and stay valid after Generate again", async () => {
    const state = workbook();
    const { sheetName } = await generate(state);
    const a = analyze(sample);
    const overall = figures(a).overall;
    const valueOf = (name: string) => {
      const formula = state.names.get(name.toLowerCase())!.formula;
      const m = /^=(?:'(.+)'|([^!]+))!\$([A-Z]+)\$(\d+)$/.exec(formula)!;
      const sheet = state.sheet(m[1] ?? m[2])!;
      return sheet.get(Number(m[4]) - 1, m[3].charCodeAt(0) - 65);
    };
    expect(Object.values(KEY_FIGURE_NAMES).every((n) => state.names.has(n!.toLowerCase()))).toBe(
      true
    );
    expect(valueOf("CEDU_Participants")).toBe(overall.participants);
    expect(valueOf("CEDU_Enrolments")).toBe(overall.enrolments);
    expect(valueOf("CEDU_ParticipationRate")).toBeCloseTo(overall.participationRate as number, 4);

    await generate(state);
    expect(state.names.get("cedu_participationrate")!.formula).not.toMatch(/#REF!/);
    expect(state.names.get("cedu_participationrate")!.formula).toContain(sheetName);
    expect(valueOf("CEDU_Participants")).toBe(overall.participants);
  });
});

describe("what is ours is exactly what we registered (B.5)", () => {
  test("a summary the user renamed is theirs: untouched, and a new summary is made", async () => {
    const state = workbook();
    const { sheetName } = await generate(state);
    await state.userRenameSheet(sheetName, "3月汇总");
    const renamed = state.sheet("3月汇总")!;
    renamed.cells.set("40,0", "王老师的批注");
    const snapshot = new Map(renamed.cells);

    const second = await generate(state);
    expect(second.sheetName).toBe(sheetName);
    expect(state.sheet("3月汇总")).toBe(renamed);
    expect(renamed.cells).toEqual(snapshot);
    expect(state.sheet(sheetName)!.id).not.toBe(renamed.id);
  });

  test("a copy of the summary is theirs: it survives the next Generate, which rewrites only the original", async () => {
    const state = workbook();
    const { sheetName } = await generate(state);
    const original = state.sheet(sheetName)!;
    const copy = await state.userCopySheet(sheetName);
    const snapshot = new Map(copy.cells);

    await generate(state);
    expect(state.sheet(copy.name)).toBe(copy);
    expect(copy.cells).toEqual(snapshot);
    expect(state.sheet(sheetName)).toBe(original);
    const registry = JSON.parse(state.settings.get(REGISTRY_KEY) as string);
    expect(registry.map((e: { id: string }) => e.id)).toEqual([original.id]);
  });
});

describe("every write request under 4 MB (B.3)", () => {
  test("exporting 90,000 issues", async () => {
    const state = new FakeState();
    state.sheets = [new FakeSheetData("学员花名册")];
    const issues: Issue[] = Array.from({ length: 90_000 }, (_, i) => ({
      code: "bad-date",
      severity: i % 3 === 0 ? "error" : "warning",
      sheet: "学员花名册",
      row: 2 + i,
      col: 5,
      cell: `学员花名册!E${2 + i}`,
      value: "2025-02-30",
      message: { key: "issue.badDate", params: { field: "enrolment.enrolDate" } },
    }));
    const spec = issuesSpec(issues, { from: 20089, to: 20453 } as never, "zh-CN");
    const ctx = new FakeContext(state);
    const { sheetNames } = await renderReport(ctx.asExcel, spec);
    expect(Math.max(...ctx.requestBytes)).toBeLessThan(4_000_000);
    expect(ctx.syncCount).toBeGreaterThan(4);
    const rows = ctx.writes
      .filter((w) => w.kind === "values" && w.sheet === sheetNames[0])
      .reduce((n, w) => n + w.payload.length, 0);
    expect(rows).toBe(1 + 90_000 + 3); // title line; block title, header, rows, note
  });
});
