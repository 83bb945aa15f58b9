/**
 * Keeps the workbook model (model.ts) in step with the workbook, for the argument-free formulas.
 *
 * Started once by the shared runtime (the Excel door), which supplies the three things that need
 * Office.js, so that this folder never calls Excel itself:
 *   - readWorkbook(): reads the workbook into a WorkbookInput (src/excel/read);
 *   - events.onChanged(handler): subscribes to worksheet changes (e.g. workbook.worksheets.onChanged,
 *     ExcelApi 1.7) and returns an unsubscribe function;
 *   - options.recalc(): asks Excel to recalculate, e.g.
 *     `Excel.run(async (c) => { c.workbook.application.calculate(Excel.CalculationType.recalculate); await c.sync(); })`.
 *     A normal recalculation is enough: every CEDU indicator is @volatile.
 *
 * Reads once on start; after a change, re-reads once the changes have paused for `debounceMs`
 * (300 ms), publishes the new model and asks for a recalculation. Changes made by the add-in
 * itself are ignored: those Excel marks with triggerSource "ThisLocalAddin" (ExcelApi 1.14), and
 * any that arrive while a `suppress()` guard is active or within `suppressGraceMs` after it
 * (events are delivered after the write's sync, and older hosts have no triggerSource).
 */
import type { EpochDay, Overrides, WorkbookInput } from "../core/types";
import { setFunctionsLanguage } from "./messages";
import { setWorkbookModel } from "./model";

/** The part of Excel's WorksheetChangedEventArgs the live model looks at. */
export interface LiveChangeEvent {
  /** "ThisLocalAddin" | "Unknown" (ExcelApi 1.14); absent on older hosts. */
  triggerSource?: string;
  address?: string;
  worksheetId?: string;
  [key: string]: unknown;
}

export interface LiveEvents {
  /** Registers a change handler; returns a function that removes it. */
  onChanged(handler: (event: LiveChangeEvent) => void): () => void;
}

export interface LiveOptions {
  /** Asks Excel to recalculate the live formulas after the model changed. */
  recalc: () => Promise<void> | void;
  /** The user's sheet overrides (from the workbook settings), read with every re-read. */
  overrides?: () => Overrides | Promise<Overrides>;
  /** Quiet time after the last change before re-reading (ms). Default 300. */
  debounceMs?: number;
  /** Changes this soon after a suppress() guard ended are the add-in's own too (ms). Default 250. */
  suppressGraceMs?: number;
  /** Office's display language, for the functions' messages and headers. */
  language?: string;
  /** A read or recalculation failed; the previous model stays. */
  onError?: (error: unknown) => void;
  /** Injectable "today" (tests). */
  today?: EpochDay;
}

export interface LiveModel {
  /** Settles after the first read (and its recalculation) finished or failed. */
  readonly ready: Promise<void>;
  /** Runs the add-in's own write; changes it causes do not trigger a re-read. */
  suppress<T>(write: () => Promise<T> | T): Promise<T>;
  /** Re-reads now (e.g. after the user changed a sheet override). */
  refresh(): Promise<void>;
  /** Stops listening; a pending re-read is dropped. */
  stop(): void;
  /** Completed reads (diagnostics, tests). */
  readonly reads: number;
}

export const THIS_ADDIN = "ThisLocalAddin";

export function startLiveModel(
  readWorkbook: () => Promise<WorkbookInput>,
  events: LiveEvents,
  options: LiveOptions
): LiveModel {
  const debounceMs = options.debounceMs ?? 300;
  const graceMs = options.suppressGraceMs ?? 250;
  if (options.language) setFunctionsLanguage(options.language);

  let stopped = false;
  let reads = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let suppressDepth = 0;
  let suppressedUntil = 0;
  /** The read in progress, and whether another must follow it. */
  let running: Promise<void> | null = null;
  let again = false;

  const report = (e: unknown) => {
    try {
      options.onError?.(e);
    } catch {
      // ignore
    }
  };

  const readOnce = async (): Promise<void> => {
    const input = await readWorkbook();
    const overrides = options.overrides ? await options.overrides() : {};
    if (stopped) return;
    setWorkbookModel(input, overrides, { today: options.today });
    reads++;
    await options.recalc();
  };

  const read = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await readOnce();
        } catch (e) {
          report(e);
        }
      } while (again && !stopped);
      running = null;
    })();
    return running;
  };

  const handler = (event: LiveChangeEvent) => {
    if (stopped) return;
    if (event && event.triggerSource === THIS_ADDIN) return;
    if (suppressDepth > 0 || Date.now() < suppressedUntil) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (!stopped) void read();
    }, debounceMs);
  };

  let unsubscribe: (() => void) | null = null;
  try {
    unsubscribe = events.onChanged(handler);
  } catch (e) {
    report(e);
  }
  const ready = read();

  return {
    ready,
    async suppress<T>(write: () => Promise<T> | T): Promise<T> {
      suppressDepth++;
      try {
        return await write();
      } finally {
        suppressDepth--;
        if (suppressDepth === 0) suppressedUntil = Date.now() + graceMs;
      }
    },
    refresh: () => (stopped ? Promise.resolve() : read()),
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      try {
        unsubscribe?.();
      } catch (e) {
        report(e);
      }
    },
    get reads() {
      return reads;
    },
  };
}
