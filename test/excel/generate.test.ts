/**
 * The ribbon's one click, whole: generateSummary through the fake Excel on the bundled sample
 * workbook — the issue counts are the engine's and the summary costs the same syncs whatever
 * the size.
 */
import path from "path";
import { allIssues, analyze, figures } from "../../src/core/engine";
import type { WorkbookInput } from "../../src/core/types";
import { generateSummary } from "../../src/excel/generate";
import { planBatches, planChunks } from "../../src/excel/read";
import { RENDER_SYNCS } from "../../src/excel/write";
import { readXlsx } from "../helpers/readXlsx";
import { FakeContext, FakeSheetData, FakeState, installOffice } from "./fakeExcel";

const SAMPLE = path.join(__dirname, "..", "..", "samples", "community-school-2025.xlsx");

/** A fake workbook holding the given sheets' values; `repeat` copies the roster's data rows. */
function fakeWorkbook(input: WorkbookInput, repeat = 1): FakeState {
  const state = new FakeState();
  state.sheets = input.sheets.map((s) => {
    let values = s.values;
    if (repeat > 1 && s.name === "学员花名册") {
      const head = values.slice(0, 3);
      const body = values.slice(3);
      values = [...head, ...Array.from({ length: repeat }, () => body).flat()];
    }
    const cols = values.reduce((m, r) => Math.max(m, r.length), 0);
    return new FakeSheetData(s.name, "Visible", false, {
      row: 0,
      col: 0,
      rows: values.length,
      cols,
      value: (r, c) => {
        const v = values[r]?.[c];
        return v === undefined || v === null ? "" : (v as string);
      },
    });
  });
  return state;
}

interface Run {
  ctx: FakeContext;
  options: unknown[];
  outcome: Awaited<ReturnType<typeof generateSummary>>;
}

async function generate(state: FakeState): Promise<Run> {
  const ctx = new FakeContext(state);
  const options: unknown[] = [];
  (globalThis as { Excel?: unknown }).Excel = {
    run: async (opts: unknown, fn: (c: Excel.RequestContext) => Promise<unknown>) => {
      options.push(opts);
      return fn(ctx.asExcel);
    },
  };
  try {
    const outcome = await generateSummary({ lang: "zh-CN" });
    return { ctx, options, outcome };
  } finally {
    delete (globalThis as { Excel?: unknown }).Excel;
  }
}

let sample: WorkbookInput;
beforeAll(async () => {
  sample = await readXlsx(SAMPLE);
});

describe("generateSummary on the sample workbook", () => {
  test("writes the summary sheet, activates it and reports the engine's issue counts", async () => {
    installOffice();
    const { ctx, outcome } = await generate(fakeWorkbook(sample));
    const analysis = analyze(sample);
    const expected = { error: 0, warning: 0, info: 0 };
    for (const i of allIssues(analysis, figures(analysis))) expected[i.severity]++;
    expect(outcome.issues).toEqual(expected);
    expect(outcome.lang).toBe("zh-CN");
    expect(ctx.state.active).toBe(outcome.sheetName);
    const written = ctx.state.sheet(outcome.sheetName)!;
    expect(written.charts.length).toBeGreaterThanOrEqual(4);
    // The user's own sheets are still there, with their values.
    for (const s of sample.sheets) expect(ctx.state.sheet(s.name)).toBeDefined();
  });

  test("the summary costs the same syncs for the sample and for a roster 60 times longer", async () => {
    installOffice();
    // Reading grows with the 4 MB batches it needs; settings take one sync; writing is fixed.
    const expectedSyncs = (state: FakeState) => {
      const sizes = state.sheets.map((s) => s.used()!).map((u) => ({ rows: u.rows, cols: u.cols }));
      return 2 + planBatches(planChunks(sizes)).length + 1 + RENDER_SYNCS;
    };
    const smallState = fakeWorkbook(sample);
    const bigState = fakeWorkbook(sample, 60);
    const small = await generate(smallState);
    const big = await generate(bigState);
    expect(small.ctx.syncCount).toBe(expectedSyncs(smallState));
    expect(big.ctx.syncCount).toBe(expectedSyncs(bigState));
    // The big roster needs more read batches, and only those.
    expect(big.ctx.syncCount).toBeGreaterThan(small.ctx.syncCount);
  });

  test("runs as one batch that waits for cell edit, without undo grouping even where Excel has it", async () => {
    // ExcelApi 1.20's mergeUndoGroup throws UndoNotSupported for a group that deletes or renames
    // a worksheet (Worksheet.delete, Worksheet.name on Windows and Mac), and replacing the
    // previous summary does both.
    installOffice();
    const run = await generate(fakeWorkbook(sample));
    expect(run.options).toEqual([{ delayForCellEdit: true }]);
  });
});
