/**
 * The live feed: keeps the shared runtime's workbook model (model.ts) in step with the workbook,
 * for the argument-free formulas, at the cost of what each edit changes.
 *
 * This folder never calls Excel: the Excel door (src/excel/liveSource.ts) supplies a LiveSource that
 * reads the whole workbook once, tells which changes concern the model, reads only what a change
 * touched, and recalculates given cells. The feed decides when:
 *   - first read on start; a change the model does not read (another sheet, CEDU's own output)
 *     costs nothing: no read, no recalculation;
 *   - a change that concerns the model opens the model's gate at once (formulas asking meanwhile
 *     wait and compute once against the new model), is read after `debounceMs` of quiet together
 *     with the changes that followed it, and the model is set from the patched cells;
 *   - then only the CEDU cells that computed against an older model are recalculated (the source
 *     leaves them alone in manual calculation mode: the user's F9 does it);
 *   - a failed read is retried with backoff (`retryDelaysMs`); the state is published on the
 *     runtime's live channel for the pane; after the last attempt the model stays as it was (or,
 *     with none, formulas show #N/A saying so) and the next change or "Read again" reads it all.
 * The add-in's own writes are ignored: Excel marks them "ThisLocalAddin" (ExcelApi 1.14), and
 * `suppress()` covers older hosts, during the write and `suppressGraceMs` after it.
 */
import type { Analysis } from "../core";
import type { EpochDay, Overrides, WorkbookInput } from "../core";
import type { LiveControl, LiveState, SharedRuntime } from "../runtime/shared";
import { fnText, setFunctionsLanguage } from "./messages";

/** One change Excel reported (WorksheetChangedEventArgs and the sheet collection's events). */
export interface LiveChange {
  kind: "cells" | "added" | "deleted" | "renamed";
  worksheetId?: string;
  /** The changed range, local to the sheet ("B5", "A2:L1001"). */
  address?: string;
  /** Excel.DataChangeType: RangeEdited, RowInserted, RowDeleted, ColumnInserted … */
  changeType?: string;
  /** "ThisLocalAddin" | "Unknown" (ExcelApi 1.14); absent on older hosts. */
  triggerSource?: string;
  /** The new name (renamed). */
  nameAfter?: string;
}

/** What applying changes did besides the cells: sheet names that moved or went. */
export interface Applied {
  input: WorkbookInput;
  renamed?: { before: string; after: string }[];
  deleted?: string[];
}

export interface LiveSource {
  /** Reads the whole workbook (first read, "Read again", or after a failed patch). */
  readAll(): Promise<WorkbookInput>;
  /** The user's sheet corrections (workbook settings). */
  overrides(): Promise<Overrides>;
  /** Whether a change concerns the model; decided without Excel, from what was read. */
  concerns(change: LiveChange, analysis: Analysis | null): boolean;
  /** Reads only what the changes touched and returns the patched cells. */
  apply(changes: readonly LiveChange[], current: WorkbookInput): Promise<Applied>;
  /** Recalculates these CEDU cells ("Sheet!A1"), unless calculation is manual. */
  recalc(cells: readonly string[]): Promise<void>;
  /** The add-in itself added or replaced sheets (its own output): learn which are ours. */
  sheetsChanged?(): Promise<void>;
  /** Subscribes to Excel's change events; returns the unsubscribe function. */
  listen(handler: (change: LiveChange) => void): () => void;
}

export interface LiveFeedOptions {
  /** Quiet time after the last change before reading what changed (ms). Default 60. */
  debounceMs?: number;
  /** Changes this soon after a suppress() guard ended are the add-in's own too (ms). Default 250. */
  suppressGraceMs?: number;
  /** Waits before each retry of a failed read (ms). Default 500, 2000, 8000. */
  retryDelaysMs?: readonly number[];
  /** Office's display language, for the functions' messages and headers. */
  language?: string;
  /** Injectable "today" (tests). */
  today?: EpochDay;
  /** A read or recalculation failed (logging). */
  onError?: (error: unknown) => void;
}

export interface LiveFeed extends LiveControl {
  /** Settles after the first read finished or was given up. */
  readonly ready: Promise<void>;
  readonly fullReads: number;
  readonly patches: number;
}

export const THIS_ADDIN = "ThisLocalAddin";

function codeOf(error: unknown): string {
  const e = error as { code?: unknown; name?: unknown } | null;
  if (e && typeof e.code === "string" && e.code) return e.code;
  if (e && typeof e.name === "string" && e.name) return e.name;
  return "Error";
}

export function startLiveFeed(
  runtime: SharedRuntime,
  source: LiveSource,
  options: LiveFeedOptions = {}
): LiveFeed {
  const { model } = runtime;
  const debounceMs = options.debounceMs ?? 60;
  const graceMs = options.suppressGraceMs ?? 250;
  const delays = options.retryDelaysMs ?? [500, 2000, 8000];
  if (options.language) setFunctionsLanguage(options.language);

  let stopped = false;
  let fullReads = 0;
  let patches = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let suppressDepth = 0;
  let suppressedUntil = 0;
  let pending: LiveChange[] = [];
  let gated = false;
  /** A patch was given up: the cells may be behind, the next update reads them all. */
  let wholeReadNeeded = false;
  let overrides: Overrides = {};
  let queue: Promise<void> = Promise.resolve();
  let state: LiveState = { state: "off", version: 0, fullReads: 0, patches: 0, at: Date.now() };

  const publish = (patch: Partial<LiveState>) => {
    state = {
      ...state,
      error: undefined,
      attempt: undefined,
      ...patch,
      version: model.version,
      fullReads,
      patches,
      at: Date.now(),
    };
    runtime.live.publish(state);
  };
  const report = (e: unknown) => {
    try {
      options.onError?.(e);
    } catch {
      // ignore
    }
  };
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

  /** Runs a read, retrying with backoff; throws the last error after the last attempt. */
  const withRetry = async <T>(read: () => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await read();
      } catch (e) {
        report(e);
        if (stopped || attempt >= delays.length) throw e;
        publish({ state: "retrying", error: codeOf(e), attempt: attempt + 1 });
        await sleep(delays[attempt]);
        if (stopped) throw e;
      }
    }
  };

  const openGate = () => {
    if (!gated) {
      gated = true;
      model.beginUpdate();
    }
  };
  const closeGate = () => {
    if (gated) {
      gated = false;
      model.endUpdate();
    }
  };

  /** After the model changed: recalculate the CEDU cells it left behind. */
  const recalcStale = async () => {
    const stale = model.staleCells();
    if (stale.length === 0 || stopped) return;
    try {
      await source.recalc(stale);
    } catch (e) {
      report(e);
    }
  };

  const readWhole = async () => {
    publish({ state: "reading" });
    try {
      const input = await withRetry(() => source.readAll());
      overrides = await withRetry(() => source.overrides());
      if (stopped) return;
      fullReads++;
      wholeReadNeeded = false;
      pending = [];
      model.set(input, overrides, { today: options.today });
      closeGate();
      publish({ state: "ready" });
      await recalcStale();
    } catch (e) {
      wholeReadNeeded = true;
      closeGate();
      if (!model.has()) model.fail(fnText("readFailed", { code: codeOf(e) }));
      publish({ state: "failed", error: codeOf(e) });
    }
  };

  const patch = async () => {
    if (wholeReadNeeded || !model.has()) return readWhole();
    const changes = pending;
    pending = [];
    if (changes.length === 0) {
      closeGate();
      return;
    }
    publish({ state: "reading" });
    try {
      const current = model.cellsInput() as WorkbookInput;
      const applied = await withRetry(() => source.apply(changes, current));
      if (stopped) return;
      for (const r of applied.renamed ?? []) model.renameCells(r.before, r.after);
      for (const name of applied.deleted ?? [])
        for (const cell of model.knownCells())
          if (cell.startsWith(`${name}!`)) model.forgetCell(cell);
      patches++;
      model.set(applied.input, overrides, { today: options.today });
      // Changes that arrived during the read keep the gate open for their own patch.
      if (pending.length === 0) closeGate();
      publish({ state: "ready" });
      await recalcStale();
    } catch {
      // The rows could not be read (a response too large for one request, a sheet gone …): the
      // cache may be behind, so read the whole workbook now, which adapts its requests (each
      // failed attempt was reported by withRetry).
      wholeReadNeeded = true;
      return readWhole();
    }
  };

  const enqueue = (task: () => Promise<void>): Promise<void> => {
    const run = queue.then(() => (stopped ? undefined : task()));
    queue = run.catch(() => undefined);
    return run;
  };

  const handler = (change: LiveChange) => {
    if (stopped) return;
    if (change.triggerSource === THIS_ADDIN) return;
    if (suppressDepth > 0 || Date.now() < suppressedUntil) return;
    if (!wholeReadNeeded && !source.concerns(change, model.analysis())) return;
    pending.push(change);
    openGate();
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (!stopped) void enqueue(patch);
    }, debounceMs);
  };

  model.feeding = true;
  let unsubscribe: (() => void) | null = null;
  try {
    unsubscribe = source.listen(handler);
  } catch (e) {
    report(e);
  }
  const ready = enqueue(readWhole);

  const feed: LiveFeed = {
    ready,
    get fullReads() {
      return fullReads;
    },
    get patches() {
      return patches;
    },
    async suppress<T>(write: () => Promise<T> | T): Promise<T> {
      suppressDepth++;
      try {
        return await write();
      } finally {
        suppressDepth--;
        if (suppressDepth === 0) {
          suppressedUntil = Date.now() + graceMs;
          try {
            await source.sheetsChanged?.();
          } catch (e) {
            report(e);
          }
        }
      }
    },
    reread: () => (stopped ? Promise.resolve() : enqueue(readWhole)),
    reanalyse: () =>
      stopped
        ? Promise.resolve()
        : enqueue(async () => {
            try {
              overrides = await withRetry(() => source.overrides());
            } catch (e) {
              publish({ state: "failed", error: codeOf(e) });
              return;
            }
            const input = model.cellsInput();
            if (!input) return readWhole();
            model.set(input, overrides, { today: options.today });
            publish({ state: "ready" });
            await recalcStale();
          }),
    stop() {
      stopped = true;
      model.feeding = false;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      closeGate();
      try {
        unsubscribe?.();
      } catch (e) {
        report(e);
      }
      publish({ state: "off" });
      if (runtime.feed === feed) runtime.feed = null;
    },
  };
  runtime.feed = feed;
  return feed;
}
