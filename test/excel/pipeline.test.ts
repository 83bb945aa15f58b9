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

test("several workbooks merged: the Excel summary carries the by-source and not-reported sections", async () => {
  const { consolidate } = await import("../../src/core/district/consolidate");
  const { renderReport } = await import("../../src/excel/write");
  const school = (label: string, sheets: WorkbookInput["sheets"]) => ({
    label,
    analysis: analyze({ sheets }),
  });
  const district = consolidate([
    school("六角社区学校.xlsx", [
      {
        name: "学员花名册",
        values: [
          ["姓名", "所属社区", "培训项目", "报名日期"],
          ["张三", "六角社区", "太极拳", "2025-03-01"],
        ],
      },
      {
        name: "社区人口",
        values: [
          ["社区", "常住人口"],
          ["六角社区", 1000],
        ],
      },
    ]),
    school("街道中心.xlsx", [
      {
        name: "学校名单",
        values: [
          ["学校名称", "评估等级", "所属社区", "类型"],
          ["六角社区学校", "优秀", "六角社区", "社区学校"],
          ["东湖社区学校", "合格", "东湖社区", "社区学校"],
        ],
      },
    ]),
  ]);
  const { spec } = summarize(district.analysis, {
    lang: "zh-CN",
    period: { from: "2025-01-01", to: "2025-12-31" },
    district,
  });
  const keys = spec.sheets[0].sections.map((s) => s.key);
  expect(keys).toEqual(expect.arrayContaining(["sources", "notReported", "draft"]));
  const state = new FakeState();
  const ctx = new FakeContext(state);
  const { sheetNames } = await renderReport(ctx.asExcel, spec);
  const written = state.sheet(sheetNames[0])!;
  for (const block of layoutSheet(spec.sheets[0]).blocks.filter((b) =>
    ["sources", "notReported"].includes(b.section.key)
  )) {
    const { values } = blockPayload(block);
    values.forEach((row, r) =>
      row.forEach((v, c) => expect(written.cells.get(`${block.top + r},${c}`)).toEqual(v))
    );
  }
  const sources = spec.sheets[0].sections.find((s) => s.key === "sources")!.table;
  expect(sources.rows.map((r) => r[0]).sort()).toEqual(
    ["六角社区学校.xlsx", "街道中心.xlsx"].sort()
  );
  const missing = spec.sheets[0].sections.find((s) => s.key === "notReported")!.table;
  expect(missing.rows).toEqual([["东湖社区学校", "东湖社区", "社区学校"]]);
});
