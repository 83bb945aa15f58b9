"use strict";
/**
 * What an edit costs the live formulas (issue 13), through test/excel/fakeExcel.ts: the live feed
 * (src/functions/feed.ts over src/excel/liveSource.ts) on the benchmark's office, with a notes sheet CEDU
 * does not read. Per size: the first read, then (a) an edit in the notes sheet, (b) a one-cell
 * roster edit, (c) a 1,000-row paste into the roster, each measured from the edit until the model
 * is up to date and one formula has its figure: syncs, bytes read, milliseconds (the add-in's
 * JavaScript and the fake's own work, on this machine), figure passes and analyses.
 * At `formulasAt` rows: 200 argument-free formulas (5 indicators × 6 communities × 6 categories,
 * the last 20 over a half year) after a one-cell edit, counted with the model's update (a patch, or
 * a rebuild from the cached cells when the patch declines; the rebuild is also timed alone).
 */
const path = require("path");
const { performance } = require("perf_hooks");
const { setImmediate } = require("timers");
const { fakeSheetsOf } = require("./office");

async function benchLive({ root, n, formulasAt, officeInput, TODAY_EPOCH_DAY, log }) {
  global.CustomFunctions ??= {
    Error: class extends Error {
      constructor(code, message) {
        super(message);
        this.code = code;
      }
    },
    ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!" },
  };
  const fake = require(path.join(root, "test/excel/fakeExcel.ts"));
  const { startLiveFeed } = require(path.join(root, "src/functions/feed.ts"));
  const { excelSource } = require(path.join(root, "src/excel/liveSource.ts"));
  const { sharedRuntime } = require(path.join(root, "src/runtime/shared.ts"));
  const cache = require(path.join(root, "src/functions/cache.ts"));
  const fns = require(path.join(root, "src/functions/functions.ts"));
  const core = require(path.join(root, "src/core/index.ts"));

  let input = officeInput(n);
  const roster = input.sheets[0].values;
  const state = new fake.FakeState();
  state.platform = "desktop"; // the sizes here are about cost, not the web's 5 MB refusal
  state.sheets = [
    ...fakeSheetsOf(fake, input),
    new fake.FakeSheetData("备忘", "Visible", false, { row: 0, col: 0, rows: 2000, cols: 4, value: (r, c) => `备注${r}-${c}` }),
  ];
  fake.installOffice();
  const excel = fake.installExcel(state);
  const runtime = sharedRuntime();
  runtime.model.clear();
  const at = (address) => ({ address });
  const N = null;

  const t0 = performance.now();
  const feed = startLiveFeed(runtime, excelSource(), { debounceMs: 0, retryDelaysMs: [], today: TODAY_EPOCH_DAY });
  await feed.ready;
  await fns.participants(N, N, N, N, N, at("报表!A1"));
  const fullMs = performance.now() - t0;
  const fullSyncs = state.syncLog.length;
  const fullBytes = state.syncLog.reduce((s, x) => s + x.response, 0);

  const settle = async () => {
    for (let i = 0; i < 100000 && runtime.model.isUpdating; i++) await new Promise((r) => setImmediate(r));
  };
  const measure = async (edit) => {
    const s0 = state.syncLog.length;
    cache.resetStats();
    const t = performance.now();
    await edit();
    await settle();
    await fns.participants(N, N, N, N, N, at("报表!A1"));
    const msTaken = performance.now() - t;
    const log = state.syncLog.slice(s0);
    return {
      syncs: log.length,
      bytes: log.reduce((s, x) => s + x.response, 0),
      ms: msTaken,
      figureRuns: cache.stats.figures,
      analyses: cache.stats.parses,
      patches: cache.stats.patches,
    };
  };
  log(`live ${n}: first read ${Math.round(fullMs)} ms, ${fullSyncs} syncs`);
  const unrelated = await measure(() => state.userEdit("备忘", "B300", [["明天开会"]]));
  const oneCell = await measure(() => state.userEdit("学员花名册", "K3", [[roster[2][10] === "优秀" ? "合格" : "优秀"]]));
  const paste = await measure(() =>
    state.userEdit(
      "学员花名册",
      "A1003",
      roster.slice(1002, 2002).map((r) => r.map((v, c) => (c === 10 ? "优秀" : v === undefined || v === null ? "" : v)))
    )
  );
  const out = { n, full: { syncs: fullSyncs, bytes: fullBytes, ms: fullMs }, unrelated, oneCell, paste };

  if (n === formulasAt) {
    const IND = ["participants", "enrolments", "completion", "excellence", "qualified"];
    const COMM = ["", "六角社区", "金阳村", "东城社区", "南湖社区", "桃源村"];
    const CAT = ["", "职业技能", "文化艺术", "健康养生", "法律法规", "思想道德"];
    const formulas = Array.from({ length: 200 }, (_, k) => ({
      fn: IND[k % 5],
      community: COMM[Math.floor(k / 5) % 6] || N,
      category: CAT[Math.floor(k / 30) % 6] || N,
      from: k >= 180 ? "2024-01-01" : N,
      to: k >= 180 ? "2024-06-30" : N,
    }));
    const calc = async () => {
      for (let k = 0; k < formulas.length; k++) {
        const f = formulas[k];
        await fns[f.fn](f.community, f.from, f.to, f.category, N, at(`报表!B${k + 1}`));
      }
    };
    await calc();
    await state.userEdit("学员花名册", "K4", [[roster[3][10] === "优秀" ? "合格" : "优秀"]]);
    await settle();
    cache.resetStats();
    const tr = performance.now();
    const analysis = runtime.model.analysis(); // the model brought up to date: patched, or rebuilt from the cached cells
    const modelMs = performance.now() - tr;
    const patched = cache.stats.patches;
    const tf = performance.now();
    await calc();
    const formulasMs = performance.now() - tf;
    const runs = cache.stats.figures;
    const analyses = cache.stats.parses;
    const tOne = performance.now();
    core.figures(analysis);
    const oneFigureMs = performance.now() - tOne;
    // What the model update would cost without the patch: a fresh analysis of the cached cells.
    const tb = performance.now();
    core.analyze(runtime.model.cellsInput(), { today: TODAY_EPOCH_DAY });
    const rebuildMs = performance.now() - tb;
    out.formulas = {
      count: formulas.length,
      modelMs,
      patched,
      rebuildMs,
      formulasMs,
      totalMs: modelMs + formulasMs,
      figureRuns: runs,
      analyses,
      oneFigureMs,
    };
  }
  feed.stop();
  excel.uninstall();
  input = null;
  return out;
}

module.exports = { benchLive };
