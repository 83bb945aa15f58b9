"use strict";
/**
 * `npm run bench` (issue 7). One process; see README, "Benchmark", for what is measured and how.
 * Progress goes to stderr; stdout gets the result tables and, as its last line, one JSON object
 * with every figure.
 */
const fs = require("fs");
const os = require("os");
const path = require("path");
const { spawnSync } = require("child_process");
const { Worker } = require("worker_threads");
const { performance } = require("perf_hooks");
const { setTimeout: delay } = require("timers/promises");
const { setTimeout, clearTimeout } = require("timers");

const ROOT = path.resolve(__dirname, "..", "..");
require("./ts-hook").install();
const { officeInput, officeClean, fakeSheetsOf, TODAY_EPOCH_DAY } = require("./office");
const { engineFigures, plainAggregation, arqueroFigures, compareFigures } = require("./peers");
const { benchDraft } = require("./draft");
const { benchDistrict } = require("./district");
const { benchLive } = require("./live");

/* ------------------------------------------------------------------ settings */

const RUNS = Number(process.env.CEDU_BENCH_RUNS) || 5;
const LIMIT_MS = 60_000; // a peer that cannot finish one run of a size within this is "> 60 s"
/** CEDU_BENCH_QUICK=1: tiny sizes, to check the bench itself in seconds (targets then mean nothing). */
const QUICK = process.env.CEDU_BENCH_QUICK === "1";
/** CEDU_BENCH_ONLY=engine: the engine rows alone (no peers, Office.js, functions or CLI), to check a core change quickly. */
const ENGINE_ONLY = process.env.CEDU_BENCH_ONLY === "engine";
/** CEDU_BENCH_ONLY=district: the district row alone (50 files against one file of the same rows). */
const DISTRICT_ONLY = process.env.CEDU_BENCH_ONLY === "district";
/** CEDU_BENCH_ONLY=live: what an edit costs the live formulas (issue 13), alone. */
const LIVE_ONLY = process.env.CEDU_BENCH_ONLY === "live";
const LIVE_SIZES = QUICK ? [1_000, 5_000, 20_000] : [10_000, 100_000, 1_000_000];
const LIVE_FORMULAS_AT = QUICK ? 5_000 : 100_000;
const ENGINE_SIZES = QUICK ? [1_000, 5_000, 20_000] : [10_000, 100_000, 1_000_000];
const HF_SIZES = ENGINE_SIZES;
const HF_DISTINCT_SIZES = QUICK ? [500, 1_000] : [1_000, 2_000, 5_000, 10_000, 100_000];
const OFFICE_SIZES = QUICK ? [1_000, 5_000, 20_000] : [1_000, 100_000, 1_000_000];
const CLI_ROWS = QUICK ? 5_000 : 100_000;
const DISTRICT_ROWS = QUICK ? 10_000 : 1_000_000;
const DISTRICT_FILES = QUICK ? 5 : 50;
/** Each district run reads 1M rows twice: one timed run each (the files are in the page cache). */
const DISTRICT_RUNS = Number(process.env.CEDU_BENCH_DISTRICT_RUNS) || 1;
const REQUEST_LIMIT = 4_000_000; // bytes: the door's own PAYLOAD_BUDGET, under Excel on the web's 5 MB
const GENERATED_AT = "2025-01-01 09:00";

/* ------------------------------------------------------------------ helpers */

const gc = global.gc;
const log = (s) => process.stderr.write(`[bench] ${s}\n`);
const mb = (b) => (b === null || b === undefined ? "—" : `${(b / 1e6).toFixed(1)} MB`);
const ms = (x) => (x === null || x === undefined ? "—" : x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(x < 10 ? 2 : 0)} ms`);
const round = (x, d = 2) => (x === null || x === undefined || !Number.isFinite(x) ? x : Math.round(x * 10 ** d) / 10 ** d);
function median(xs) {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
const heapUsed = () => process.memoryUsage().heapUsed;
const rss = () => process.memoryUsage.rss();
const fullGc = () => {
  gc();
  gc();
};

/** Peak RSS sampled by a worker thread every 2 ms. */
const peakBuffer = new SharedArrayBuffer(8);
const peak = new Float64Array(peakBuffer);
let sampler = null;
function startSampler() {
  sampler = new Worker(path.join(__dirname, "rss-sampler.js"), { workerData: { buffer: peakBuffer } });
  sampler.unref();
}
const resetPeak = () => {
  peak[0] = rss();
};

class Mismatch extends Error {}
function assertEqual(what, n, engine, peer, fields) {
  const diff = compareFigures(engine, peer, fields);
  if (diff) throw new Mismatch(`${what} at ${n} rows disagrees with the engine: ${diff}`);
}

const fmtN = (n) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n));

/* ------------------------------------------------------------------ engine */

const core = require(path.join(ROOT, "src/core/index.ts"));

function runEngine(input) {
  const t0 = performance.now();
  const analysis = core.analyze(input, { today: TODAY_EPOCH_DAY });
  const t1 = performance.now();
  const metrics = core.figures(analysis);
  const t2 = performance.now();
  const report = core.buildReport(metrics, { lang: "zh-CN", generatedAt: GENERATED_AT });
  const t3 = performance.now();
  return { analysis, metrics, report, times: { analyze: t1 - t0, figures: t2 - t1, report: t3 - t2, total: t3 - t0 } };
}

/** Engine figures for a size, untimed (the HyperFormula distinct ladder needs small sizes too). */
const figuresCache = new Map();
function engineFiguresFor(n) {
  if (!figuresCache.has(n)) figuresCache.set(n, engineFigures(runEngine(officeInput(n)).metrics));
  return figuresCache.get(n);
}

function benchEngine(n) {
  fullGc();
  const h0 = heapUsed();
  let input = officeInput(n);
  fullGc();
  const inputBytes = heapUsed() - h0;
  const rows = input.sheets.reduce((s, x) => s + x.values.length, 0);

  // Warm-up, measured for memory: the first run after the input is built, so that RSS freed by
  // an earlier run cannot hide this one's growth.
  fullGc();
  const rssBefore = rss();
  const heapBefore = heapUsed();
  resetPeak();
  let out = runEngine(input);
  const warmPeakRss = peak[0];
  const heapAfterRun = heapUsed();
  const figures = engineFigures(out.metrics);
  figuresCache.set(n, figures);
  fullGc();
  const retained = heapUsed() - heapBefore; // the Analysis + Metrics + ReportSpec kept alive
  const issues = out.analysis.issues.length;
  out = null;

  const times = { analyze: [], figures: [], report: [], total: [] };
  let peakRssAll = warmPeakRss;
  for (let k = 0; k < RUNS; k++) {
    fullGc();
    resetPeak();
    const r = runEngine(input);
    peakRssAll = Math.max(peakRssAll, peak[0]);
    for (const key of Object.keys(times)) times[key].push(r.times[key]);
  }
  input = null;
  fullGc();
  return {
    n,
    cells: rows,
    inputBytes,
    issues,
    median: Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)])),
    runsMs: times.total,
    memory: {
      rssBefore,
      peakRssDelta: warmPeakRss - rssBefore,
      peakRssDeltaAnyRun: peakRssAll - rssBefore,
      heapGrowthNoGc: heapAfterRun - heapBefore,
      retainedAfterGc: retained,
    },
    figures,
  };
}

/* ------------------------------------------------------------------ in-process peers */

function benchInProcess(name, n, clean, fn, fields) {
  fullGc();
  const t0 = performance.now();
  const first = fn(clean);
  const warm = performance.now() - t0;
  assertEqual(name, n, figuresCache.get(n), first, fields);
  const runs = [];
  if (warm <= LIMIT_MS) {
    for (let k = 0; k < RUNS; k++) {
      fullGc();
      const s = performance.now();
      fn(clean);
      runs.push(performance.now() - s);
    }
  }
  return { n, status: warm > LIMIT_MS ? "> 60 s" : "ok", warmupMs: warm, median: median(runs), runsMs: runs };
}

/* ------------------------------------------------------------------ HyperFormula (worker) */

/**
 * Runs the HyperFormula peer for one size in a worker thread: a warm-up run whose figures are
 * checked against the engine's, then RUNS timed runs (1 when the warm-up alone took longer than
 * `longMs`, to stay within the session). Any single run over LIMIT_MS terminates the worker.
 */
function hfSize(n, variant, longMs) {
  const fields = variant === "distinct" ? ["participants", "enrolments", "activities", "attendance", "hours"] : ["enrolments", "activities", "attendance", "hours"];
  const engine = engineFiguresFor(n);
  return new Promise((resolve, reject) => {
    const worker = new Worker(path.join(__dirname, "hf-worker.js"), {
      workerData: { n, variant, runs: 1 + RUNS },
      resourceLimits: { maxOldGenerationSizeMb: 12_000 },
    });
    const runs = [];
    let timer = null;
    let planned = 1 + RUNS;
    let finished = false;
    const finish = (result) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      worker.terminate();
      resolve(result);
    };
    const arm = (ms, what) => {
      clearTimeout(timer);
      timer = setTimeout(() => finish({ n, variant, status: "> 60 s", reason: what, runsMs: runs.map((r) => r.totalMs) }), ms);
    };
    arm(180_000, "data not ready");
    worker.on("message", (m) => {
      if (m.type === "start") arm(LIMIT_MS, `run ${m.run} exceeded ${LIMIT_MS / 1000} s`);
      else if (m.type === "check") {
        try {
          assertEqual(`HyperFormula (${variant})`, n, engine, m.figures, fields);
        } catch (e) {
          finished = true;
          clearTimeout(timer);
          worker.terminate();
          reject(e);
        }
      } else if (m.type === "run") {
        clearTimeout(timer);
        if (m.run === 0) {
          if (m.totalMs > longMs) planned = 2;
        } else runs.push(m);
        if (m.run + 1 >= planned) {
          finish({
            n,
            variant,
            status: "ok",
            warmupMs: m.run === 0 ? m.totalMs : undefined,
            median: median(runs.map((r) => r.totalMs)),
            loadMedian: median(runs.map((r) => r.loadMs)),
            formulaMedian: median(runs.map((r) => r.formulaMs)),
            runs: runs.length,
            runsMs: runs.map((r) => r.totalMs),
          });
        }
      }
    });
    worker.on("error", (e) => finish({ n, variant, status: "failed", reason: String(e && e.message ? e.message : e) }));
    worker.on("exit", () => finish({ n, variant, status: "failed", reason: "worker exited early" }));
  });
}

async function benchHf(sizes, variant, longMs, exponent) {
  const out = [];
  let last = null;
  let stopped = null;
  for (const n of sizes) {
    if (stopped) {
      out.push({ n, variant, status: "skipped", reason: `a smaller size (${fmtN(stopped)}) already exceeded 60 s` });
      continue;
    }
    if (last && last.status === "ok") {
      // Estimate from the last size that finished; do not spend a minute proving an obvious "> 60 s".
      const estimate = last.median * (n / last.n) ** exponent;
      if (estimate > 2 * LIMIT_MS) {
        out.push({ n, variant, status: "> 60 s", estimated: true, estimateMs: estimate, reason: `estimated ${ms(estimate)} from ${fmtN(last.n)} (time ∝ n^${exponent})` });
        stopped = n;
        continue;
      }
    }
    log(`HyperFormula ${variant} ${fmtN(n)}…`);
    const r = await hfSize(n, variant, longMs);
    out.push(r);
    if (r.status !== "ok") stopped = n;
    last = r;
  }
  return out;
}

/* ------------------------------------------------------------------ Office.js (fake Excel) */

async function benchOffice(n) {
  const fake = require(path.join(ROOT, "test/excel/fakeExcel.ts"));
  const { generateSummary } = require(path.join(ROOT, "src/excel/generate.ts"));
  let input = officeInput(n);
  const state = new fake.FakeState();
  state.sheets = fakeSheetsOf(fake, input);
  const ctx = new fake.FakeContext(state);
  fake.installOffice();
  global.Excel = { run: async (_options, fn) => fn(ctx.asExcel) };
  // Issue 4 counts the generation (writing the summary) in a fixed number of syncs; reading grows
  // with the number of 4 MB chunks. Count the two apart by watching renderReport (src/excel/render,
  // which src/excel/write re-exports).
  const write = require(path.join(ROOT, "src/excel/render.ts"));
  const renderReport = write.renderReport;
  let writeSyncs = 0;
  write.renderReport = async (...args) => {
    const before = ctx.syncCount;
    try {
      return await renderReport(...args);
    } finally {
      writeSyncs = ctx.syncCount - before;
    }
  };
  const t0 = performance.now();
  let outcome;
  try {
    outcome = await generateSummary({ lang: "zh-CN" });
  } finally {
    write.renderReport = renderReport;
  }
  const wall = performance.now() - t0;
  // Payloads as the fake measures them: UTF-8 bytes of everything a request or response carries
  // (a Chinese character is 3 bytes), as Excel on the web counts them against its 5 MB.
  const maxRequest = Math.max(0, ...ctx.requestBytes);
  const maxResponse = Math.max(0, ...ctx.responseBytes);
  input = null;
  delete global.Excel;
  return {
    n,
    syncs: ctx.syncCount,
    writeSyncs,
    readSyncs: ctx.syncCount - writeSyncs,
    maxRequestBytes: maxRequest,
    maxResponseBytes: maxResponse,
    largestPayloadBytes: Math.max(maxRequest, maxResponse),
    responseBytesTotal: ctx.responseBytes.reduce((a, b) => a + b, 0),
    wallMs: wall,
    sheet: outcome.sheetName,
  };
}

/* ------------------------------------------------------------------ custom functions */

/**
 * 200 live formulas over one roster, after one edit: every formula gets its own copy of the
 * range (as Excel hands each invocation its own array), so the functions' cache must recognise
 * the content. Counts come from the `stats` counter of src/functions/cache.ts.
 */
async function benchFunctions(n) {
  let cache;
  let fns;
  try {
    global.CustomFunctions ??= {
      Error: class extends Error {
        constructor(code, message) {
          super(message);
          this.code = code;
        }
      },
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!", invalidNumber: "#NUM!" },
    };
    cache = require(path.join(ROOT, "src/functions/cache.ts"));
    fns = require(path.join(ROOT, "src/functions/functions.ts"));
  } catch (e) {
    return { status: "pending", reason: `src/functions does not load: ${e.message}` };
  }
  if (!cache.stats || !("parses" in cache.stats) || typeof fns.participants !== "function") {
    return { status: "pending", reason: "src/functions has no `stats` {parses, hits} counter or no PARTICIPANTS function yet" };
  }
  const IND = ["participants", "enrolments", "completion", "excellence", "qualified"];
  const COMM = ["", "六角社区", "金阳村", "东城社区", "南湖社区", "桃源村"];
  const CAT = ["", "职业技能", "文化艺术", "健康养生", "法律法规", "思想道德"];
  const formulas = Array.from({ length: 200 }, (_, k) => ({
    fn: IND[k % 5],
    community: COMM[Math.floor(k / 5) % 6],
    category: CAT[Math.floor(k / 30) % 6],
    from: k >= 180 ? "2024-01-01" : undefined,
    to: k >= 180 ? "2024-06-30" : undefined,
  }));
  let roster = officeInput(n).sheets[0].values;
  const calc = async (grid) => {
    const times = [];
    const values = [];
    for (const f of formulas) {
      const copy = grid.slice(); // each invocation gets its own array
      const t0 = performance.now();
      values.push(await fns[f.fn](f.community || undefined, f.from, f.to, f.category || undefined, copy));
      times.push(performance.now() - t0);
    }
    return { times, values };
  };
  await calc(roster); // the sheet as it was before the edit
  const edited = roster.slice();
  edited[600] = roster[600].slice();
  edited[600][10] = edited[600][10] === "优秀" ? "合格" : "优秀"; // one edit: a result cell
  cache.resetStats();
  const { times } = await calc(edited);
  const stats = { ...cache.stats };
  roster = null;
  return {
    status: "ok",
    rows: n,
    formulas: formulas.length,
    ...stats,
    wallMs: times.reduce((a, b) => a + b, 0),
    medianPerFormulaMs: median(times),
    maxPerFormulaMs: Math.max(...times),
  };
}

/* ------------------------------------------------------------------ CLI end to end */

async function writeXlsx(file, n) {
  const ExcelJS = require("exceljs");
  const input = officeInput(n);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const dateCols = { 学员花名册: 8, 活动记录: 0 };
  for (const s of input.sheets) {
    const ws = wb.addWorksheet(s.name);
    const dc = dateCols[s.name];
    s.values.forEach((row, r) => {
      const cells = row.map((v, c) => (c === dc && r > 0 && typeof v === "number" ? new Date(Math.round((v - 25569) * 86400000)) : v));
      const added = ws.addRow(cells);
      if (dc !== undefined && cells[dc] instanceof Date) added.getCell(dc + 1).numFmt = "yyyy-mm-dd";
      added.commit();
    });
    ws.commit();
  }
  await wb.commit();
}

function timedChild(args) {
  const t0 = performance.now();
  const r = spawnSync("/usr/bin/time", ["-v", process.execPath, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
  const wall = performance.now() - t0;
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr || "");
  return { wall, peakRss: m ? Number(m[1]) * 1024 : null, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function benchCli() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cedu-bench-"));
  const file = path.join(dir, `office-${fmtN(CLI_ROWS)}.xlsx`);
  const t0 = performance.now();
  await writeXlsx(file, CLI_ROWS);
  const writeMs = performance.now() - t0;
  const size = fs.statSync(file).size;
  const { worksheetXmlBytes, STREAM_FILE_BYTES, STREAM_XML_BYTES } = require(path.join(ROOT, "src/cli/read.ts"));
  const xmlBytes = await worksheetXmlBytes(file, size);
  const cliMode = size > STREAM_FILE_BYTES || xmlBytes > STREAM_XML_BYTES ? "stream" : "whole";
  const reader = path.join(__dirname, "exceljs-read.js");
  const kinds = {
    cli: [path.join(ROOT, "bin/cedu.js"), "report", file, "--json"],
    exceljsWhole: [reader, file, "whole"],
    exceljsStream: [reader, file, "stream"],
  };
  const out = { rows: CLI_ROWS, fileBytes: size, worksheetXmlBytes: xmlBytes, cliReaderMode: cliMode, writeMs };
  for (const [k, args] of Object.entries(kinds)) {
    // The ExcelJS mode the CLI does not use is shown for information only: one run, no warm-up.
    const extra = (k === "exceljsWhole" && cliMode === "stream") || (k === "exceljsStream" && cliMode === "whole");
    log(`CLI/ExcelJS ${k}…`);
    if (extra) {
      const r = timedChild(args);
      out[k] = { median: r.wall, runsMs: [r.wall], peakRss: r.peakRss, runs: 1, note: "information only: one run" };
      continue;
    }
    const first = timedChild(args); // warm-up: also warms the page cache
    if (k === "cli") {
      if (first.status !== 0 && first.status !== 1) throw new Error(`cedu report failed (exit ${first.status}): ${first.stderr.slice(0, 500)}`);
      const json = JSON.parse(first.stdout);
      const figures = {};
      for (const c of json.byCommunity) figures[c.community] = c;
      assertEqual("cedu report --json on the .xlsx", CLI_ROWS, figuresCache.get(CLI_ROWS) ?? engineFiguresFor(CLI_ROWS), figures, ["participants", "enrolments", "activities", "attendance", "hours"]);
    } else if (first.status !== 0) throw new Error(`ExcelJS read failed: ${first.stderr.slice(0, 500)}`);
    const runs = [];
    const peaks = [];
    for (let i = 0; i < RUNS; i++) {
      const r = timedChild(args);
      runs.push(r.wall);
      peaks.push(r.peakRss);
    }
    out[k] = { median: median(runs), runsMs: runs, peakRss: Math.max(...peaks) };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return out;
}

/* ------------------------------------------------------------------ report */

function table(title, header, rows) {
  const w = header.map((h, c) => Math.max(String(h).length, ...rows.map((r) => String(r[c] ?? "").length)));
  const line = (cells) => cells.map((x, c) => (c === 0 ? String(x).padEnd(w[c]) : String(x).padStart(w[c]))).join("  ");
  return [`\n${title}`, line(header), w.map((x) => "-".repeat(x)).join("  "), ...rows.map(line)].join("\n");
}

/**
 * The CLI rows run bin/cedu.js, which loads the compiled lib/: compile it from the current sources
 * first, so a bench never measures a stale or missing build (npm ci compiles it only once).
 */
function buildCli() {
  if (ENGINE_ONLY) return;
  log("compiling the command line (scripts/build-cli.js)…");
  const r = spawnSync(process.execPath, [path.join(ROOT, "scripts/build-cli.js")], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`scripts/build-cli.js failed:\n${r.stdout}${r.stderr}`);
}

async function main() {
  const started = performance.now();
  buildCli();
  startSampler();
  await delay(50);
  const result = {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    runs: RUNS,
    limitMs: LIMIT_MS,
    engine: [],
    plain: [],
    arquero: [],
    hyperformula: [],
    hyperformulaDistinct: [],
    office: [],
    functions: null,
    cli: null,
    draft: null,
    district: null,
    live: [],
    targets: [],
  };
  const target = (name, ok, ratio, detail) => result.targets.push({ name, pass: ok, ratio: round(ratio, 2), detail });
  const districtRow = async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cedu-bench-district-"));
    try {
      result.district = await benchDistrict({ root: ROOT, dir, n: DISTRICT_ROWS, parts: DISTRICT_FILES, runs: DISTRICT_RUNS, timedChild, log });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const d = result.district;
    const r = d.district.peakRss / d.single.peakRss;
    target(`${DISTRICT_FILES} files of ${fmtN(DISTRICT_ROWS)} rows in all: peak RSS ≤ one ${fmtN(DISTRICT_ROWS)}-row file's`, r <= 1, r, `${mb(d.district.peakRss)} vs ${mb(d.single.peakRss)}`);
  };
  const liveRows = async () => {
    for (const n of LIVE_SIZES) {
      log(`live formulas ${fmtN(n)}…`);
      result.live.push(await benchLive({ root: ROOT, n, formulasAt: LIVE_FORMULAS_AT, officeInput, TODAY_EPOCH_DAY, log }));
      fullGc();
    }
    const at = result.live.find((x) => x.n === LIVE_FORMULAS_AT);
    const r = at.oneCell.bytes / at.full.bytes;
    target(`one-cell edit reads ≤ 1% of a full read's bytes at ${fmtN(at.n)}`, r <= 0.01, r, `${at.oneCell.bytes} B vs ${mb(at.full.bytes)}`);
    const syncs = Math.max(...result.live.map((x) => x.unrelated.syncs));
    target("edit in an unrelated sheet: zero syncs (every size)", syncs === 0, syncs, `${syncs} syncs at most`);
    const f = at.formulas;
    target(`200 formulas after one edit ≤ 150 ms at ${fmtN(at.n)} (model update included)`, f.totalMs <= 150, f.totalMs / 150, `${ms(f.formulasMs)} + model ${ms(f.modelMs)} (${f.patched ? "patched" : "rebuilt"}; a rebuild alone ${ms(f.rebuildMs)})`);
    target(`200 formulas ≤ 12× one figure run at ${fmtN(at.n)}`, f.formulasMs <= 12 * f.oneFigureMs, f.formulasMs / f.oneFigureMs, `${ms(f.formulasMs)} vs ${ms(f.oneFigureMs)}; ${f.figureRuns} figure runs`);
  };
  if (LIVE_ONLY) {
    await liveRows();
    result.totalMs = performance.now() - started;
    process.stdout.write(liveTable(result) + "\n");
    process.stdout.write(table("Targets", ["target", "result", "ratio", "measured"], result.targets.map((t) => [t.name, t.pass ? "PASS" : "MISS", t.ratio ?? "—", t.detail])) + "\n");
    process.stdout.write(JSON.stringify(roundAll(result)) + "\n");
    return;
  }
  if (DISTRICT_ONLY) {
    await districtRow();
    result.totalMs = performance.now() - started;
    process.stdout.write(districtTable(result) + "\n");
    process.stdout.write(table("Targets", ["target", "result", "ratio", "measured"], result.targets.map((t) => [t.name, t.pass ? "PASS" : "MISS", t.ratio ?? "—", t.detail])) + "\n");
    process.stdout.write(JSON.stringify(roundAll(result)) + "\n");
    return;
  }
  const aq = require("arquero");

  for (const n of ENGINE_SIZES) {
    log(`engine ${fmtN(n)}…`);
    const e = benchEngine(n);
    const kept = { ...e };
    delete kept.figures;
    result.engine.push(kept);
    log(`  engine ${fmtN(n)}: ${ms(e.median.total)}${ENGINE_ONLY ? "" : "; peers…"}`);
    if (ENGINE_ONLY) continue;
    let clean = officeClean(n);
    result.plain.push(benchInProcess("plain aggregation", n, clean, plainAggregation, ["participants", "enrolments", "activities", "attendance", "hours"]));
    result.arquero.push(benchInProcess("Arquero", n, clean, (c) => arqueroFigures(aq, c), ["participants", "enrolments", "activities", "attendance", "hours"]));
    clean = null;
    fullGc();
  }
  {
    const n = ENGINE_SIZES[1];
    log(`work-summary draft at ${fmtN(n)}…`);
    result.draft = await benchDraft(n, result.engine.find((x) => x.n === n).median.total, RUNS, fullGc);
  }
  if (ENGINE_ONLY) {
    result.totalMs = performance.now() - started;
    process.stdout.write(engineTable(result) + "\n" + draftTable(result) + "\n");
    process.stdout.write(JSON.stringify(roundAll(result)) + "\n");
    return;
  }
  result.hyperformula = await benchHf(HF_SIZES, "countifs", 15_000, 1);
  result.hyperformulaDistinct = await benchHf(HF_DISTINCT_SIZES, "distinct", 8_000, 2);

  for (const n of OFFICE_SIZES) {
    log(`Office.js fake ${fmtN(n)}…`);
    result.office.push(await benchOffice(n));
    fullGc();
  }
  await liveRows();
  log("custom functions…");
  result.functions = await benchFunctions(QUICK ? 5_000 : 100_000);
  result.cli = await benchCli();
  await districtRow();

  /* ---------------- targets */
  const eng = (n) => result.engine.find((x) => x.n === n);
  const plain = (n) => result.plain.find((x) => x.n === n);
  const hf = (n) => result.hyperformula.find((x) => x.n === n);
  for (const n of ENGINE_SIZES.slice(1)) {
    const r = eng(n).median.total / plain(n).median;
    target(`engine within 15× plain aggregation at ${fmtN(n)}`, r <= 15, r, `${ms(eng(n).median.total)} vs ${ms(plain(n).median)}`);
  }
  {
    const n = ENGINE_SIZES[1];
    const h = hf(n);
    const r = h && h.status === "ok" ? h.median / eng(n).median.total : null;
    target(`≥ 30× faster than HyperFormula COUNTIFS at ${fmtN(n)}`, r !== null ? r >= 30 : h && h.status === "> 60 s", r, h && h.status === "ok" ? `${ms(h.median)} vs ${ms(eng(n).median.total)}` : `HyperFormula ${h ? h.status : "missing"}`);
  }
  {
    const e = eng(ENGINE_SIZES[2]);
    const r = e.memory.peakRssDelta / e.inputBytes;
    target(`peak memory at ${fmtN(e.n)} ≤ 2× the input array`, r <= 2, r, `peak RSS growth ${mb(e.memory.peakRssDelta)} vs input ${mb(e.inputBytes)}`);
  }
  for (const o of result.office) {
    const ok = o.writeSyncs <= 6 && o.largestPayloadBytes <= REQUEST_LIMIT;
    target(
      `generation ≤ 6 syncs, no request > 4 MB at ${fmtN(o.n)}`,
      ok,
      o.writeSyncs / 6,
      `${o.writeSyncs} write syncs (+${o.readSyncs} to read), largest ${mb(o.largestPayloadBytes)}`
    );
  }
  {
    const c = result.cli;
    const base = c.cliReaderMode === "stream" ? c.exceljsStream : c.exceljsWhole;
    const r = c.cli.median / base.median;
    target(`CLI on ${fmtN(CLI_ROWS)}-row .xlsx ≤ 3× ExcelJS read alone (${c.cliReaderMode})`, r <= 3, r, `${ms(c.cli.median)} vs ${ms(base.median)}`);
  }
  {
    const d = result.draft;
    target(`work-summary draft ≤ 5% of a generation at ${fmtN(d.n)}`, d.draftShare <= 0.05, d.draftShare, `${ms(d.draftMs)} vs ${ms(d.generationMs)}`);
  }
  result.totalMs = performance.now() - started;

  /* ---------------- print */
  const lines = [];
  lines.push(`CEDU benchmark — node ${process.version}, ${result.cpus} CPU(s) ${result.cpuModel ?? ""}; median of ${RUNS} runs after a warm-up`);
  lines.push(engineTable(result));
  const peerCell = (r) => (!r ? "—" : r.status === "ok" ? ms(r.median) + (r.runs !== undefined && r.runs < RUNS ? ` (n=${r.runs})` : "") : r.estimated ? `> 60 s (est. ${ms(r.estimateMs)})` : r.status);
  lines.push(
    table(
      "Per-community figures: engine vs peers (same figures asserted before timing)",
      ["rows", "engine", "plain Maps", "Arquero", "HF COUNTIFS", "HF load+formulas", "engine/plain", "HF/engine"],
      ENGINE_SIZES.map((n) => {
        const e = eng(n);
        const h = hf(n);
        return [
          fmtN(n),
          ms(e.median.total),
          peerCell(plain(n)),
          peerCell(result.arquero.find((x) => x.n === n)),
          peerCell(h),
          h && h.status === "ok" ? `${ms(h.loadMedian)} + ${ms(h.formulaMedian)}` : h ? h.reason ?? "" : "",
          `${(e.median.total / plain(n).median).toFixed(1)}×`,
          h && h.status === "ok" ? `${(h.median / e.median.total).toFixed(1)}×` : "—",
        ];
      })
    )
  );
  lines.push(
    table(
      "HyperFormula participants: SUMPRODUCT(1/COUNTIFS(…)) distinct count (plus the 22 COUNTIFS/SUMIFS)",
      ["rows", "time", "note"],
      result.hyperformulaDistinct.map((r) => [fmtN(r.n), peerCell(r), r.reason ?? ""])
    )
  );
  lines.push(
    table(
      "Office.js: one whole generation through test/excel/fakeExcel.ts",
      ["rows", "write syncs", "read syncs", "largest request (UTF-8)", "largest response (UTF-8)", "bytes read (UTF-8)", "wall"],
      result.office.map((o) => [fmtN(o.n), o.writeSyncs, o.readSyncs, mb(o.maxRequestBytes), mb(o.maxResponseBytes), mb(o.responseBytesTotal), ms(o.wallMs)])
    )
  );
  const f = result.functions;
  lines.push(
    f.status === "ok"
      ? table(
          `Custom functions: ${f.formulas} live formulas over one ${fmtN(f.rows)}-row roster, after one edit`,
          ["parses", "cache hits", "arrays hashed", "figures runs", "wall (all)", "per formula (median)", "slowest"],
          [[f.parses, f.hits, f.fingerprints, f.figures, ms(f.wallMs), ms(f.medianPerFormulaMs), ms(f.maxPerFormulaMs)]]
        )
      : `\nCustom functions: ${f.status} — ${f.reason}`
  );
  const c = result.cli;
  lines.push(
    table(
      `CLI end to end on a ${fmtN(CLI_ROWS)}-row .xlsx (${mb(c.fileBytes)}, worksheets ${mb(c.worksheetXmlBytes)} of XML; the CLI reads it "${c.cliReaderMode}")`,
      ["what", "wall (median)", "peak RSS"],
      [
        ["node bin/cedu.js report file --json", ms(c.cli.median), mb(c.cli.peakRss)],
        ["ExcelJS alone, readFile (whole)", ms(c.exceljsWhole.median), mb(c.exceljsWhole.peakRss)],
        ["ExcelJS alone, streaming reader", ms(c.exceljsStream.median), mb(c.exceljsStream.peakRss)],
      ]
    )
  );
  lines.push(liveTable(result));
  lines.push(draftTable(result));
  lines.push(districtTable(result));
  lines.push(table("Targets", ["target", "result", "ratio", "measured"], result.targets.map((t) => [t.name, t.pass ? "PASS" : "MISS", t.ratio ?? "—", t.detail])));
  lines.push(`\nTotal bench time ${ms(result.totalMs)}.`);
  process.stdout.write(lines.join("\n") + "\n");
  process.stdout.write(JSON.stringify(roundAll(result)) + "\n");
}

function liveTable(result) {
  const rows = [];
  for (const x of result.live) {
    rows.push([fmtN(x.n), "first read", x.full.syncs, mb(x.full.bytes), ms(x.full.ms), "—", "—", "—"]);
    for (const [label, m] of [
      ["(a) edit in an unrelated sheet", x.unrelated],
      ["(b) one-cell roster edit", x.oneCell],
      ["(c) 1,000-row paste", x.paste],
    ])
      rows.push([fmtN(x.n), label, m.syncs, `${m.bytes} B`, ms(m.ms), m.figureRuns, m.analyses, m.patches]);
  }
  const lines = [
    table(
      "Live formulas: what an edit costs (fake Excel; ms = the add-in's JavaScript plus the fake's own work, edit → model up to date → one formula's figure)",
      ["rows", "what", "syncs", "bytes read", "ms", "figure runs", "analyses", "patches"],
      rows
    ),
  ];
  const f = result.live.find((x) => x.formulas)?.formulas;
  if (f)
    lines.push(
      table(
        `Live formulas: ${f.count} argument-free formulas after one edit (${fmtN(result.live.find((x) => x.formulas).n)} rows)`,
        ["model update", "200 formulas", "total", "figure runs", "one figure run (figures())", "a rebuild from cached cells"],
        [[`${ms(f.modelMs)} (${f.patched ? "patched" : "rebuilt"})`, ms(f.formulasMs), ms(f.totalMs), f.figureRuns, ms(f.oneFigureMs), ms(f.rebuildMs)]]
      )
    );
  return lines.join("\n");
}

function districtTable(result) {
  const d = result.district;
  return table(
    `District: ${fmtN(d.rows)} enrolment rows as one .xlsx (${mb(d.singleBytes)}) and as ${d.parts} files (${mb(d.folderBytes)} in all); ${d.single.runs} run(s) each`,
    ["what", "wall (median)", "peak RSS"],
    [
      [`node bin/cedu.js report office.xlsx --json`, ms(d.single.median), mb(d.single.peakRss)],
      [`node bin/cedu.js report folder/ --json (${d.parts} files)`, ms(d.district.median), mb(d.district.peakRss)],
    ]
  );
}

function engineTable(result) {
  return table(
    "Engine (analyze + figures + buildReport) on Office.js-style 2-D arrays",
    ["rows", "input heap", "analyze", "figures", "report", "total", "peak RSS +", "retained", "issues"],
    result.engine.map((e) => [fmtN(e.n), mb(e.inputBytes), ms(e.median.analyze), ms(e.median.figures), ms(e.median.report), ms(e.median.total), mb(e.memory.peakRssDelta), mb(e.memory.retainedAfterGc), e.issues])
  );
}

function draftTable(result) {
  const d = result.draft;
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  return table(
    `Work-summary draft (工作总结) at ${fmtN(d.n)} rows, against one generation (analyze + figures + report, ${ms(d.generationMs)})`,
    ["what", "time (median)", "of a generation"],
    [
      ["draft: last-year check + draft + text (zh)", ms(d.draftMs), pct(d.draftShare)],
      [".docx of that draft (docx, zipped)", ms(d.docxMs), pct(d.docxMs / d.generationMs)],
      [
        `draft against last year's workbook (+ figures over last year, new/returning learners ${d.learners ? `${d.learners.new}/${d.learners.returning}` : "—"})`,
        ms(d.compareMs),
        pct(d.compareShare),
      ],
    ]
  );
}

function roundAll(x) {
  if (typeof x === "number") return Number.isInteger(x) ? x : round(x, 2);
  if (Array.isArray(x)) return x.map(roundAll);
  if (x && typeof x === "object") return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, roundAll(v)]));
  return x;
}

module.exports = { main, Mismatch, benchOffice };
