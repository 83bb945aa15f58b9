/**
 * The argument-free formulas and the live model: pending until the first read, one change → one
 * re-read → one parse → the new figure in every live formula; the add-in's own writes ignored.
 */

import "./customFunctionsGlobal";

import { resetStats, stats } from "../../src/functions/cache";
import * as F from "../../src/functions/functions";
import {
  startLiveFeed,
  type LiveChange,
  type LiveFeed,
  type LiveFeedOptions,
} from "../../src/functions/feed";
import { sharedRuntime } from "../../src/runtime/shared";
import { setFunctionsLanguage } from "../../src/functions/messages";
import {
  clearWorkbookModel,
  modelVersion,
  setModelWaitMs,
  subscribe,
} from "../../src/functions/model";
import type { WorkbookInput } from "../../src/core/types";
import {
  buildActivities,
  buildPopulation,
  buildRoster,
  buildSchools,
  ROSTER_HEADER,
} from "./fixture";

const N = null as any;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A workbook whose roster can be edited, read as the Excel door would. */
function makeWorkbook() {
  const roster = buildRoster(30);
  const read = jest.fn(async (): Promise<WorkbookInput> => ({
    sheets: [
      { name: "学员花名册", values: roster.map((r) => [...r]) },
      { name: "社区人口", values: buildPopulation() },
      { name: "活动记录", values: buildActivities() },
      { name: "学校名单", values: buildSchools() },
    ],
  }));
  return { roster, read };
}

/** A fake worksheet-change event source. */
function makeEvents() {
  const handlers = new Set<(e: LiveChange) => void>();
  return {
    onChanged(handler: (e: LiveChange) => void) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    fire(e: Partial<LiveChange> = { triggerSource: "Unknown", address: "A1" }) {
      for (const h of handlers) h({ kind: "cells", ...e });
    },
    get count() {
      return handlers.size;
    },
  };
}

/** The live formulas of a sheet; recalc() re-evaluates every one of them, as Excel would. */
function makeSheet() {
  const at = (address: string) => ({ address }) as CustomFunctions.Invocation;
  const formulas: Record<string, () => Promise<unknown>> = {
    all: () => F.participants(N, N, N, N, N, at("表!A1")),
    six: () => F.participants("六角社区", N, N, N, N, at("表!A2")),
    sixNull: () => F.participants("六角社区", N, N, N, N, at("表!A3")),
    enrol: () => F.enrolments(N, 2025, N, N, N, at("表!A4")),
    rate: () => F.participation("六角社区", N, N, N, N, N, at("表!A5")),
    hours: () => F.hours(N, N, N, N, N, at("表!A6")),
    schools: () => F.schoolExcellence(N, "职工学校", N, at("表!A7")),
    summary: () => F.summary(N, N, N, N, N, N, N, at("表!A8")),
    issues: () => F.issues(N, N, N, N, N, N, at("表!A9")),
  };
  const values: Record<string, unknown> = {};
  const recalc = jest.fn(async () => {
    await Promise.all(
      Object.entries(formulas).map(async ([k, f]) => {
        try {
          values[k] = await f();
        } catch (e) {
          values[k] = e;
        }
      })
    );
  });
  return { values, recalc };
}

let live: LiveFeed | null = null;

/**
 * The feed over a plain source: every change concerns the model and is "applied" by reading the
 * workbook again (the Excel source's row reads are tested on the fake, live-excel.test.ts).
 * `recalc` gets the stale cells; here it re-evaluates the sheet's formulas as Excel would.
 */
function startLiveModel(
  read: () => Promise<WorkbookInput>,
  events: { onChanged(h: (e: LiveChange) => void): () => void },
  options: LiveFeedOptions & { recalc: () => Promise<void> | void }
): LiveFeed {
  return startLiveFeed(
    sharedRuntime(),
    {
      readAll: read,
      overrides: async () => ({}),
      concerns: () => true,
      apply: async () => ({ input: await read() }),
      recalc: async () => {
        await options.recalc();
      },
      listen: (h) => events.onChanged(h),
    },
    { retryDelaysMs: [], ...options }
  );
}

beforeEach(() => {
  setFunctionsLanguage("zh-CN");
  clearWorkbookModel();
  resetStats();
  setModelWaitMs(15000);
});
afterEach(() => {
  live?.stop();
  live = null;
});

test("before the first read a formula waits (#BUSY!) and resolves with the first model", async () => {
  const { read } = makeWorkbook();
  const pending = F.participants();
  let settled = false;
  void pending.then(
    () => (settled = true),
    () => (settled = true)
  );
  await sleep(20);
  expect(settled).toBe(false);
  live = startLiveModel(read, makeEvents(), { recalc: async () => undefined, debounceMs: 10 });
  await expect(pending).resolves.toBeGreaterThan(0);
  expect(read).toHaveBeenCalledTimes(1);
});

test("without any model the wait ends in #N/A with a message, never #BUSY! for ever", async () => {
  setModelWaitMs(30);
  await expect(F.hours()).rejects.toMatchObject({
    code: "#N/A",
    message: expect.stringContaining("任务窗格"),
  });
});

test("a workbook without the needed sheet → #N/A naming the sheet kind", async () => {
  const read = async (): Promise<WorkbookInput> => ({
    sheets: [{ name: "社区人口", values: buildPopulation() }],
  });
  live = startLiveModel(read, makeEvents(), { recalc: async () => undefined });
  await live.ready;
  await expect(F.hours()).rejects.toMatchObject({
    code: "#N/A",
    message: expect.stringContaining("活动记录"),
  });
  await expect(F.participation()).rejects.toMatchObject({
    code: "#N/A",
    message: expect.stringContaining("学员花名册"),
  });
});

test("one change → one re-read → one parse → the new figure in every live formula", async () => {
  const { roster, read } = makeWorkbook();
  const events = makeEvents();
  const sheet = makeSheet();
  live = startLiveModel(read, events, { recalc: sheet.recalc, debounceMs: 20 });
  await live.ready;
  expect(events.count).toBe(1);
  // The first read recalculates nothing: Excel computes volatile formulas on open by itself.
  expect(sheet.recalc).toHaveBeenCalledTimes(0);
  await sheet.recalc();
  expect(stats.parses).toBe(1);
  const before = { ...sheet.values };
  expect(before.all).toBeGreaterThan(0);
  expect(before.six).toBe(before.sixNull);
  expect(typeof before.rate).toBe("number");
  expect(before.schools).toBeCloseTo(0.4, 12);
  expect(Array.isArray(before.summary)).toBe(true);
  expect(Array.isArray(before.issues)).toBe(true);

  // The user adds two new learners in 六角社区 (several change events, as a paste gives).
  const total = roster.pop()!;
  roster.push(["新学员甲", "六角社区", "书法入门", "书法绘画", "2025-05-05", "在读", ""]);
  roster.push(["新学员乙", "六角社区", "书法入门", "书法绘画", "2025-05-06", "在读", ""]);
  roster.push(total);
  events.fire();
  events.fire();
  events.fire();
  await sleep(100);
  expect(read).toHaveBeenCalledTimes(2); // the three events were debounced into one read
  expect(sheet.recalc).toHaveBeenCalledTimes(2);
  expect(stats.parses).toBe(2); // one parse for all nine live formulas
  expect(sheet.values.all).toBe((before.all as number) + 2);
  expect(sheet.values.six).toBe((before.six as number) + 2);
  expect(sheet.values.sixNull).toBe(sheet.values.six);
  expect(sheet.values.enrol).toBe((before.enrol as number) + 2);
  expect(sheet.values.rate as number).toBeGreaterThan(before.rate as number);
  expect(sheet.values.hours).toBe(before.hours);
  const row = (sheet.values.summary as unknown[][]).find((r) => r[0] === "六角社区")!;
  expect(row[2]).toBe(sheet.values.six);
});

test("debounce: a burst of changes is one read and one parse", async () => {
  const { read } = makeWorkbook();
  const events = makeEvents();
  const sheet = makeSheet();
  live = startLiveModel(read, events, { recalc: sheet.recalc, debounceMs: 30 });
  await live.ready;
  await sheet.recalc();
  const versions: number[] = [];
  const off = subscribe((v) => versions.push(v));
  for (let i = 0; i < 10; i++) {
    events.fire();
    await sleep(2);
  }
  await sleep(120);
  off();
  expect(read).toHaveBeenCalledTimes(2);
  expect(versions).toHaveLength(1);
  expect(sheet.recalc).toHaveBeenCalledTimes(2);
  expect(stats.parses).toBe(2);
});

test("the add-in's own writes do not trigger a re-read", async () => {
  const { read } = makeWorkbook();
  const events = makeEvents();
  const sheet = makeSheet();
  live = startLiveModel(read, events, {
    recalc: sheet.recalc,
    debounceMs: 10,
    suppressGraceMs: 40,
  });
  await live.ready;
  const version = modelVersion();

  // Excel marks them (ExcelApi 1.14) ...
  events.fire({ triggerSource: "ThisLocalAddin", address: "CEDU汇总!A1:H9" });
  // ... and the suppress() guard covers hosts without triggerSource, during the write and just after.
  await live.suppress(async () => {
    events.fire({ address: "CEDU汇总!A1" });
    await sleep(5);
    events.fire({ address: "CEDU汇总!B1" });
  });
  events.fire({ address: "CEDU汇总!C1" }); // delivered after the write's sync
  await sleep(60);
  expect(read).toHaveBeenCalledTimes(1);
  expect(modelVersion()).toBe(version);
  expect(stats.parses).toBe(0); // no formula asked, nothing analysed

  // A user's edit afterwards is followed.
  events.fire({ triggerSource: "Unknown", address: "学员花名册!A5" });
  await sleep(40);
  expect(read).toHaveBeenCalledTimes(2);
});

test("a failed read keeps the previous model and reports the error", async () => {
  const { read } = makeWorkbook();
  const events = makeEvents();
  const onError = jest.fn();
  live = startLiveModel(read, events, { recalc: async () => undefined, debounceMs: 5, onError });
  await live.ready;
  const value = await F.participants();
  read.mockRejectedValueOnce(new Error("InvalidOperationInCellEditMode"));
  events.fire();
  await sleep(40);
  expect(onError).toHaveBeenCalledTimes(1);
  expect(await F.participants()).toBe(value);
});

test("stop() unsubscribes and drops a pending re-read", async () => {
  const { read } = makeWorkbook();
  const events = makeEvents();
  live = startLiveModel(read, events, { recalc: async () => undefined, debounceMs: 20 });
  await live.ready;
  events.fire();
  live.stop();
  await sleep(50);
  expect(events.count).toBe(0);
  expect(read).toHaveBeenCalledTimes(1);
});

test("live formulas accept range arguments too, and then ignore the model", async () => {
  const { read } = makeWorkbook();
  live = startLiveModel(read, makeEvents(), { recalc: async () => undefined });
  await live.ready;
  const small = [ROSTER_HEADER.slice(0, 5), ["王芳", "六角社区", "书法", "书法", "2025-01-02"]];
  expect(await F.participants(N, N, N, N, small)).toBe(1);
  expect(await F.participants()).toBeGreaterThan(1);
});
