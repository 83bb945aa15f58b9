/**
 * Live formulas on the strict fake Excel (issue 13): what an edit costs, which cells recalculate,
 * and opening. The sheet holds CEDU formula cells; `Formulas` plays Excel's calculation: in
 * automatic mode an edit recalculates every volatile CEDU cell, F9 does so in manual mode, and a
 * `Range.calculate` the add-in asks for recalculates that cell.
 */
import "./customFunctionsGlobal";

import { analyze } from "../../src/core/engine";
import type { WorkbookInput } from "../../src/core/types";
import { resetStats, stats } from "../../src/functions/cache";
import * as F from "../../src/functions/functions";
import { startLiveFeed, type LiveFeed } from "../../src/functions/feed";
import { setFunctionsLanguage } from "../../src/functions/messages";
import { excelSource } from "../../src/excel/liveSource";
import { generateSummary } from "../../src/excel/generate";
import { readWorkbook } from "../../src/excel/read";
import { sharedRuntime, type LiveState } from "../../src/runtime/shared";
import {
  FakeSheetData,
  FakeState,
  installExcel,
  installOffice,
  type FakeExcel,
} from "../excel/fakeExcel";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { officeInput, TODAY_EPOCH_DAY } = require("../../scripts/bench/office");

const N = null as any;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const at = (address: string) => ({ address }) as CustomFunctions.Invocation;

/** The office of the benchmark as a fake workbook, plus a sheet of notes CEDU does not read. */
function workbook(rows: number): FakeState {
  const input = officeInput(rows) as WorkbookInput;
  const state = new FakeState();
  const sheets = input.sheets.map((s) => {
    const cols = s.values.reduce((m, r) => Math.max(m, r.length), 0);
    const values = s.values;
    return new FakeSheetData(s.name, "Visible", false, {
      row: 0,
      col: 0,
      rows: values.length,
      cols,
      value: (r, c) => {
        const v = values[r][c];
        return v === undefined || v === null ? "" : v;
      },
    });
  });
  const notes = new FakeSheetData("备忘", "Visible", false, {
    row: 0,
    col: 0,
    rows: 400,
    cols: 3,
    value: (r, c) => `第${r + 1}行备注${c}`,
  });
  state.sheets = [...sheets, notes, new FakeSheetData("报表")];
  return state;
}

/** CEDU formula cells on the sheet 报表, and Excel's calculation of them. */
class Formulas {
  readonly cells = new Map<string, () => Promise<unknown>>();
  readonly values = new Map<string, unknown>();
  readonly runs = new Map<string, number>();
  private seen = 0;
  constructor(private state: FakeState) {}
  add(address: string, call: (inv: CustomFunctions.Invocation) => Promise<unknown>): void {
    this.cells.set(address, () => call(at(address)));
  }
  private async run(address: string): Promise<void> {
    this.runs.set(address, (this.runs.get(address) ?? 0) + 1);
    try {
      this.values.set(address, await this.cells.get(address)!());
    } catch (e) {
      this.values.set(address, e);
    }
  }
  /** Excel recalculates every volatile CEDU cell (an edit in automatic mode, F9, opening). */
  async calculateAll(): Promise<void> {
    await Promise.all([...this.cells.keys()].map((a) => this.run(a)));
  }
  /** The cells the add-in asked Excel to calculate since the last look. */
  async calculateRequested(): Promise<string[]> {
    const asked = this.state.calculations.slice(this.seen);
    this.seen = this.state.calculations.length;
    const cells = asked
      .filter((c) => c.startsWith("range:"))
      .map((c) => c.slice("range:".length))
      .filter((a) => this.cells.has(a));
    await Promise.all(cells.map((a) => this.run(a)));
    return cells;
  }
  resetRuns(): void {
    this.runs.clear();
  }
}

let feed: LiveFeed | null = null;
let excel: FakeExcel | null = null;

beforeEach(() => {
  setFunctionsLanguage("zh-CN");
  sharedRuntime().model.clear();
  resetStats();
  installOffice();
});
afterEach(() => {
  feed?.stop();
  feed = null;
  excel?.uninstall();
  excel = null;
});

async function start(state: FakeState, retryDelaysMs = [5, 5]): Promise<LiveFeed> {
  excel = installExcel(state);
  feed = startLiveFeed(sharedRuntime(), excelSource(), {
    debounceMs: 5,
    retryDelaysMs,
    today: TODAY_EPOCH_DAY,
  });
  await feed.ready;
  return feed;
}

/** Waits until the feed is idle: no update in progress, nothing pending. */
async function settled(): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await sleep(10);
    if (!sharedRuntime().model.isUpdating) return;
  }
}

const syncsSince = (state: FakeState, from: number) => state.syncLog.length - from;
const bytesSince = (state: FakeState, from: number) =>
  state.syncLog.slice(from).reduce((n, s) => n + s.response, 0);

/** Figures a fresh whole read of the fake workbook gives (what the live model must equal). */
async function freshFigures(state: FakeState) {
  const fresh = installExcel(state);
  const input = await Excel.run((c) => readWorkbook(c));
  fresh.uninstall();
  excel = installExcel(state);
  return analyze(input, { today: TODAY_EPOCH_DAY });
}

/** A row of the activity log every cell of which the engine reads as it is (0-based). */
function validActivityRow(state: FakeState): number {
  const acts = state.sheet("活动记录")!;
  for (let r = 1; ; r++) if ([0, 4, 5].every((c) => typeof acts.get(r, c) === "number")) return r;
}

function standardFormulas(state: FakeState): Formulas {
  const f = new Formulas(state);
  f.add("报表!A1", (i) => F.participants(N, N, N, N, N, i));
  f.add("报表!A2", (i) => F.participants("六角社区", N, N, N, N, i));
  f.add("报表!A3", (i) => F.enrolments(N, N, N, "职业技能", N, i));
  f.add("报表!A4", (i) => F.participation("金阳村", N, N, N, N, N, i));
  f.add("报表!A5", (i) => F.hours(N, N, N, N, N, i));
  return f;
}

describe("1. edits the model does not read cost nothing", () => {
  test("an edit below the header rows of an unrecognised sheet, or on CEDU's own output: no sync, no recalculation", async () => {
    const state = workbook(2000);
    await start(state);
    await generateSummary({ lang: "zh-CN" });
    const summary = state.sheets.find((s) => s.name.startsWith("CEDU"))!.name;
    const formulas = standardFormulas(state);
    await formulas.calculateAll();
    const version = sharedRuntime().model.version;
    const syncs = state.syncLog.length;
    const figures = stats.figures;
    resetStats();

    await state.userEdit("备忘", "B300", [["明天开会"]]);
    await state.userEdit(summary, "C5", [[123]]);
    await formulas.calculateAll(); // automatic mode: Excel recalculates the volatile cells
    await settled();

    expect(syncsSince(state, syncs)).toBe(0);
    expect(sharedRuntime().model.version).toBe(version);
    expect(state.calculations).toEqual([]);
    expect(stats.parses).toBe(0);
    expect(stats.figures).toBe(0);
    expect(figures).toBeGreaterThan(0);
  });

  test("an edit in the header rows of an unrecognised sheet reads that sheet only", async () => {
    const state = workbook(2000);
    await start(state);
    const syncs = state.syncLog.length;
    await state.userEdit("备忘", "A1", [["姓名"]]);
    await settled();
    expect(syncsSince(state, syncs)).toBeGreaterThan(0);
    expect(syncsSince(state, syncs)).toBeLessThanOrEqual(2);
    expect(feed!.fullReads).toBe(1);
  });
});

describe("2. an edit re-reads what it touched", () => {
  test("a one-cell roster edit: at most 2 syncs, under 1% of a full read's bytes, figures as a fresh read gives", async () => {
    const state = workbook(20_000);
    const full0 = state.syncLog.length;
    await start(state);
    const fullBytes = bytesSince(state, full0);
    const formulas = standardFormulas(state);
    await formulas.calculateAll();
    const before = formulas.values.get("报表!A2") as number;

    // A learner of 六角社区 moves to 金阳村 (row 3 of the roster: header on row 2).
    const syncs = state.syncLog.length;
    const roster = state.sheet("学员花名册")!;
    const row = [...Array(400).keys()].find((r) => roster.get(r + 2, 4) === "六角社区")! + 2;
    await state.userEdit("学员花名册", `E${row + 1}`, [["金阳村"]]);
    await formulas.calculateAll();
    await settled();

    expect(syncsSince(state, syncs)).toBeGreaterThanOrEqual(1);
    expect(syncsSince(state, syncs)).toBeLessThanOrEqual(2);
    expect(bytesSince(state, syncs)).toBeLessThan(fullBytes / 100);
    expect(feed!.fullReads).toBe(1);
    expect(feed!.patches).toBe(1);
    const fresh = await freshFigures(state);
    const { figures } = await import("../../src/core/engine");
    const want = figures(fresh, { filter: { community: "六角社区" } }).overall.participants;
    expect(formulas.values.get("报表!A2")).toBe(want);
    expect(want).toBeLessThanOrEqual(before);
  });

  test("a one-cell edit of a learner's result patches the model: no full analysis, the analysis a fresh read gives", async () => {
    const state = workbook(5000);
    await start(state);
    const formulas = standardFormulas(state);
    await formulas.calculateAll();
    resetStats();

    await state.userEdit("学员花名册", "K5", [["不合格"]]);
    await formulas.calculateAll();
    await settled();

    expect(stats.parses).toBe(0);
    expect(stats.patches).toBe(1);
    expect(sharedRuntime().model.analysis()).toStrictEqual(await freshFigures(state));

    // A learner's name is part of who they are: that edit is analysed afresh from the cached cells.
    resetStats();
    const syncs = state.syncLog.length;
    await state.userEdit("学员花名册", "B5", [["新名字"]]);
    await formulas.calculateAll();
    await settled();
    expect(stats.parses).toBe(1);
    expect(stats.patches).toBe(0);
    expect(syncsSince(state, syncs)).toBeLessThanOrEqual(2);
    expect(sharedRuntime().model.analysis()).toStrictEqual(await freshFigures(state));
  });

  test("an edit of a merged cell's top patches every row the merged area fills, exactly", async () => {
    const state = workbook(2000);
    const roster = state.sheet("学员花名册")!;
    // K11:K15 merged (results), as Excel keeps it: the value in the top cell only.
    roster.cells.set("10,10", "优秀");
    for (let r = 11; r < 15; r++) roster.cells.set(`${r},10`, "");
    roster.merged.push({ row: 10, col: 10, rows: 5, cols: 1 });
    await start(state);
    const formulas = standardFormulas(state);
    await formulas.calculateAll();
    resetStats();

    await state.userEdit("学员花名册", "K11", [["不合格"]]);
    await formulas.calculateAll();
    await settled();

    expect(stats.patches).toBe(1);
    expect(sharedRuntime().model.analysis()).toStrictEqual(await freshFigures(state));
  });

  test("a paste of 10,000 rows reads those rows, not the sheet", async () => {
    const state = workbook(20_000);
    await start(state);
    const roster = state.sheet("学员花名册")!;
    const rows = Array.from({ length: 10_000 }, (_, r) =>
      Array.from({ length: 12 }, (_, c) => roster.get(r + 2, c))
    );
    rows.forEach((r) => (r[10] = "优秀"));
    const syncs = state.syncLog.length;
    const readBefore = bytesSince(state, 0);
    await state.userEdit("学员花名册", "A3", rows);
    await settled();
    const read = bytesSince(state, syncs);
    // Those rows: about half of what the first read carried for the whole 20,000-row roster.
    expect(read).toBeLessThan(readBefore * 0.7);
    expect(read).toBeGreaterThan(readBefore * 0.3);
    expect(feed!.fullReads).toBe(1);
    const fresh = await freshFigures(state);
    const { figures } = await import("../../src/core/engine");
    expect(await F.excellence()).toBe(figures(fresh).overall.excellenceRate);
  });

  test("inserted and deleted rows move the cached rows without reading the sheet again", async () => {
    const state = workbook(3000);
    await start(state);
    const formulas = standardFormulas(state);
    await formulas.calculateAll();
    const syncs = state.syncLog.length;
    // Excel reports deleted rows as a change of type RowDeleted at those rows.
    const roster = state.sheet("学员花名册")!;
    const handlers = (
      state as unknown as { handlers: { kind: string; handler: (a: unknown) => void }[] }
    ).handlers;
    // Delete rows 4–6 in the fake's cells, then tell the add-in as Excel would.
    const values = Array.from({ length: 3000 + 2 }, (_, r) =>
      Array.from({ length: 12 }, (_, c) => roster.get(r, c))
    );
    values.splice(3, 3);
    roster.gen = {
      row: 0,
      col: 0,
      rows: values.length,
      cols: 12,
      value: (r, c) => values[r]?.[c] ?? "",
    };
    for (const h of handlers.filter((x) => x.kind === "changed"))
      h.handler({ worksheetId: roster.id, address: "4:6", changeType: "RowDeleted" });
    await formulas.calculateAll(); // Excel recalculates the volatile cells
    await settled();
    expect(syncsSince(state, syncs)).toBe(0);
    const fresh = await freshFigures(state);
    const { figures } = await import("../../src/core/engine");
    expect(await F.enrolments()).toBe(figures(fresh).overall.enrolments);
  });
});

describe("3. only CEDU cells recalculate, once, with the new model", () => {
  test("automatic mode: each CEDU cell runs once after an edit, with the new figure; the application is never recalculated", async () => {
    const state = workbook(3000);
    await start(state);
    const formulas = standardFormulas(state);
    await formulas.calculateAll();
    formulas.resetRuns();
    const before = formulas.values.get("报表!A5") as number;

    const acts = state.sheet("活动记录")!;
    const row = validActivityRow(state);
    await state.userEdit("活动记录", `F${row + 1}`, [[Number(acts.get(row, 5)) + 1]]);
    await formulas.calculateAll(); // Excel's own recalculation after the edit
    await settled();
    await formulas.calculateRequested();

    for (const address of formulas.cells.keys()) expect(formulas.runs.get(address)).toBe(1);
    expect(formulas.values.get("报表!A5")).toBeCloseTo(before + 1, 6);
    expect(state.calculations.filter((c) => c.startsWith("application:"))).toEqual([]);
  });

  test("manual mode: nothing is calculated until the user's F9, which shows the new figure", async () => {
    const state = workbook(3000);
    state.calculationMode = "Manual";
    await start(state);
    const formulas = standardFormulas(state);
    await formulas.calculateAll();
    const before = formulas.values.get("报表!A5") as number;
    const acts = state.sheet("活动记录")!;
    const row = validActivityRow(state);
    await state.userEdit("活动记录", `F${row + 1}`, [[Number(acts.get(row, 5)) + 1]]);
    await settled();
    // The user's own pane action that changes the model without an edit: still no calculation.
    await feed!.reanalyse();
    expect(state.calculations).toEqual([]);
    expect(formulas.values.get("报表!A5")).toBe(before);
    await formulas.calculateAll(); // F9
    expect(formulas.values.get("报表!A5")).toBeCloseTo(before + 1, 6);
  });

  test("a model change without an edit (a sheet correction in the pane) recalculates exactly the CEDU cells", async () => {
    const state = workbook(3000);
    await start(state);
    const formulas = standardFormulas(state);
    await formulas.calculateAll();
    formulas.resetRuns();
    await feed!.reanalyse();
    const recalculated = await formulas.calculateRequested();
    expect(recalculated.sort()).toEqual([...formulas.cells.keys()].sort());
    expect(state.calculations.every((c) => c.startsWith("range:"))).toBe(true);
    for (const address of formulas.cells.keys()) expect(formulas.runs.get(address)).toBe(1);
  });
});

describe("4. many formulas cost about one", () => {
  test("200 formulas with different communities, categories and two periods: one figure pass per period", async () => {
    const state = workbook(5000);
    await start(state);
    const f = new Formulas(state);
    const IND = ["participants", "enrolments", "completion", "excellence", "qualified"] as const;
    const COMM = [N, "六角社区", "金阳村", "东城社区", "南湖社区", "桃源村"];
    const CAT = [N, "职业技能", "文化艺术", "健康养生", "法律法规", "思想道德"];
    for (let k = 0; k < 200; k++) {
      const half = k >= 180;
      f.add(`报表!B${k + 1}`, (i) =>
        F[IND[k % 5]](
          COMM[Math.floor(k / 5) % 6],
          half ? "2024-01-01" : N,
          half ? "2024-06-30" : N,
          CAT[Math.floor(k / 30) % 6],
          N,
          i
        )
      );
    }
    await f.calculateAll();
    await state.userEdit("学员花名册", "K3", [["优秀"]]);
    resetStats();
    await f.calculateAll();
    await settled();
    // The edit is patched into the model (core/patch), not analysed again.
    expect(stats.parses).toBe(0);
    expect(stats.patches).toBe(1);
    expect(stats.figures).toBe(2);
  });
});

describe("5. opening is quick and honest", () => {
  test("formulas wait (#BUSY!) only while the first read runs, then show the figure; one read, no forced recalculation", async () => {
    const state = workbook(2000);
    const formulas = standardFormulas(state);
    // The user is typing in a cell while the workbook opens: the read waits for it (delayForCellEdit).
    state.beginCellEdit();
    const opening = formulas.calculateAll();
    let done = false;
    void opening.then(() => (done = true));
    excel = installExcel(state);
    feed = startLiveFeed(sharedRuntime(), excelSource(), { debounceMs: 5, today: TODAY_EPOCH_DAY });
    sharedRuntime().model.waitMs = 20; // shorter than the read: a running read is waited for
    await sleep(60);
    expect(done).toBe(false);
    state.endCellEdit();
    await opening;
    await feed.ready;
    expect(typeof formulas.values.get("报表!A1")).toBe("number");
    expect(feed.fullReads).toBe(1);
    expect(excel.runs.filter((r) => r.delayForCellEdit === true).length).toBeGreaterThan(0);
    expect(state.calculations).toEqual([]);
  });

  test("a read that keeps failing is retried with backoff, then formulas say so (#N/A), the pane sees it and can read again", async () => {
    const state = workbook(500);
    const seen: LiveState[] = [];
    const off = sharedRuntime().live.subscribe((s) => seen.push(s));
    let failing = true;
    const formulas = standardFormulas(state);
    const opening = formulas.calculateAll();
    excel = installExcel(state);
    const source = excelSource();
    const readAll = source.readAll;
    // Excel refuses the reads (as a busy Excel on the web does) until it recovers.
    source.readAll = async () => {
      if (failing) throw Object.assign(new Error("busy"), { code: "GeneralException" });
      return readAll();
    };
    feed = startLiveFeed(sharedRuntime(), source, {
      debounceMs: 5,
      retryDelaysMs: [5, 10, 20],
      today: TODAY_EPOCH_DAY,
    });
    await feed.ready;
    await opening;
    expect(seen.filter((s) => s.state === "retrying").map((s) => s.attempt)).toEqual([1, 2, 3]);
    expect(seen[seen.length - 1]).toMatchObject({ state: "failed", error: "GeneralException" });
    const value = formulas.values.get("报表!A1") as { code: string; message: string };
    expect(value.code).toBe("#N/A");
    expect(value.message).toContain("重新读取");

    failing = false;
    await feed.reread();
    await formulas.calculateRequested();
    expect(typeof formulas.values.get("报表!A1")).toBe("number");
    expect(seen[seen.length - 1].state).toBe("ready");
    off();
  });
});

test("rows that cannot be read after the retries make the feed read the whole workbook, not give up", async () => {
  const state = workbook(1000);
  excel = installExcel(state);
  const source = excelSource();
  source.apply = async () => {
    throw Object.assign(new Error("too large"), { code: "ResponsePayloadSizeLimitExceeded" });
  };
  const seen: LiveState[] = [];
  const off = sharedRuntime().live.subscribe((s) => seen.push(s));
  feed = startLiveFeed(sharedRuntime(), source, {
    debounceMs: 5,
    retryDelaysMs: [5],
    today: TODAY_EPOCH_DAY,
  });
  await feed.ready;
  const before = (await F.hours()) as number;
  const row = validActivityRow(state);
  const acts = state.sheet("活动记录")!;
  await state.userEdit("活动记录", `F${row + 1}`, [[Number(acts.get(row, 5)) + 1]]);
  await settled();
  expect(await F.hours()).toBeCloseTo(before + 1, 6);
  expect(feed.fullReads).toBe(2);
  expect(
    seen.some((s) => s.state === "retrying" && s.error === "ResponsePayloadSizeLimitExceeded")
  ).toBe(true);
  expect(seen[seen.length - 1].state).toBe("ready");
  off();
});

describe("sheets added, deleted and renamed refresh the model without reading the workbook again", () => {
  test("delete, rename, copy", async () => {
    const state = workbook(2000);
    await start(state);
    const formulas = standardFormulas(state);
    await formulas.calculateAll();
    expect(typeof formulas.values.get("报表!A4")).toBe("number");

    await state.userRenameSheet("学员花名册", "花名册2024");
    await settled();
    const issues = (await F.issues()) as unknown[][];
    expect(issues.some((r) => r.some((c) => String(c).includes("花名册2024")))).toBe(true);

    const participants = (await F.participants()) as number;
    await state.userCopySheet("花名册2024");
    await settled();
    expect(await F.participants()).toBe(participants); // the copy's rows repeat the original's

    await state.userDeleteSheet("社区人口");
    await settled();
    await expect(F.participation("金阳村")).rejects.toMatchObject({ code: "#N/A" });
    expect(feed!.fullReads).toBe(1);
  });
});
