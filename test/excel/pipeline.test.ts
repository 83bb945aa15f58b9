/**
 * One generation pipeline: the ribbon's button (generateSummary) runs core's summarize with the
 * period and sections the pane saved in the workbook's settings, so the sheet it writes is, cell
 * for cell, the spec the pane would have generated with those choices — the 总结 draft included
 * when chosen, left out when not.
 */
import path from "path";
import { analyze } from "../../src/core/engine";
import { layoutSheet, summarize } from "../../src/core/report";
import type { SectionKey, WorkbookInput } from "../../src/core/types";
import { generateSummary } from "../../src/excel/generate";
import { SETTINGS_KEY } from "../../src/excel/settings";
import { blockPayload } from "../../src/excel/write";
import { readXlsx } from "../helpers/readXlsx";
import { FakeContext, FakeSheetData, FakeState, installOffice } from "./fakeExcel";

const SAMPLE = path.join(__dirname, "..", "..", "samples", "community-school-2025.xlsx");

function fakeWorkbook(input: WorkbookInput): FakeState {
  const state = new FakeState();
  state.sheets = input.sheets.map((s) => {
    const cols = s.values.reduce((m, r) => Math.max(m, r.length), 0);
    return new FakeSheetData(s.name, "Visible", false, {
      row: 0,
      col: 0,
      rows: s.values.length,
      cols,
      value: (r, c) => {
        const v = s.values[r]?.[c];
        return v === undefined || v === null ? "" : (v as string);
      },
    });
  });
  return state;
}

async function ribbon(state: FakeState) {
  const ctx = new FakeContext(state);
  (globalThis as { Excel?: unknown }).Excel = {
    run: async (_opts: unknown, fn: (c: Excel.RequestContext) => Promise<unknown>) =>
      fn(ctx.asExcel),
  };
  try {
    return await generateSummary({ lang: "zh-CN" });
  } finally {
    delete (globalThis as { Excel?: unknown }).Excel;
  }
}

let sample: WorkbookInput;
beforeAll(async () => {
  sample = await readXlsx(SAMPLE);
  installOffice();
});

/** The written sheet's cells against what summarize gives for the same choices. */
function expectSheet(state: FakeState, sheetName: string, sections: SectionKey[] | undefined) {
  const period = { from: "2025-01-01", to: "2025-06-30" };
  const { spec } = summarize(analyze(sample), { lang: "zh-CN", period, sections });
  const written = state.sheet(sheetName)!;
  expect(String(written.cells.get("0,0"))).toContain("2025-01-01 至 2025-06-30");
  const { blocks } = layoutSheet(spec.sheets[0]);
  for (const block of blocks) {
    const { values } = blockPayload(block);
    values.forEach((row, r) =>
      row.forEach((v, c) =>
        expect([r, c, written.cells.get(`${block.top + r},${c}`)]).toEqual([r, c, v])
      )
    );
  }
  // Nothing written below the last section.
  const last = blocks[blocks.length - 1];
  expect(written.cells.get(`${last.top + last.height + 2},0`)).toBeUndefined();
  return spec.sheets[0].sections.map((s) => s.key);
}

test("the ribbon writes what the pane chose: its period and its sections, the draft among them", async () => {
  const state = fakeWorkbook(sample);
  const sections: SectionKey[] = ["overview", "community", "draft"];
  state.settings.set(
    SETTINGS_KEY,
    JSON.stringify({ overrides: {}, period: { from: "2025-01-01", to: "2025-06-30" }, sections })
  );
  const outcome = await ribbon(state);
  expect(expectSheet(state, outcome.sheetName, sections)).toEqual(sections);
});

test("with the draft unchosen the ribbon leaves it out; with no choice saved, every section", async () => {
  const state = fakeWorkbook(sample);
  state.settings.set(
    SETTINGS_KEY,
    JSON.stringify({
      overrides: {},
      period: { from: "2025-01-01", to: "2025-06-30" },
      sections: ["month", "overview"],
    })
  );
  const outcome = await ribbon(state);
  expect(expectSheet(state, outcome.sheetName, ["overview", "month"])).toEqual([
    "overview",
    "month",
  ]);

  const all = fakeWorkbook(sample);
  all.settings.set(
    SETTINGS_KEY,
    JSON.stringify({ overrides: {}, period: { from: "2025-01-01", to: "2025-06-30" } })
  );
  const again = await ribbon(all);
  const keys = expectSheet(all, again.sheetName, undefined);
  expect(keys).toContain("draft");
  expect(keys.length).toBeGreaterThanOrEqual(7);
});
