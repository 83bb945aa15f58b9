/**
 * The composition root of the shared runtime. The task pane, the ribbon commands and the custom
 * functions are three bundles loaded by one page (taskpane.html); they meet here: one workbook
 * model, one status channel for the ribbon's outcome and one for the live feed, created once and
 * handed to whoever asks.
 *
 * Why a page-wide registry rather than module state: webpack may give each bundle its own copy of
 * a module (another build, a chunk split, a cache-busted bundle); state kept in a module would
 * then split into copies that never see each other. The root lives on the page's global object
 * under a registered symbol, so every bundle finds the same instance whatever module copy asks.
 */
import { WorkbookModel } from "../functions/model";

/** A value that changes, with its last value kept for late subscribers (a pane opened later). */
export class Channel<T> {
  private readonly listeners = new Set<(value: T) => void>();
  private value: T | null = null;

  publish(value: T): void {
    this.value = value;
    for (const listener of [...this.listeners]) {
      try {
        listener(value);
      } catch (error) {
        console.error("CEDU: a status listener failed", error);
      }
    }
  }

  subscribe(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  last(): T | null {
    return this.value;
  }
}

/** The ribbon command's progress and outcome (src/commands, shown by the pane). */
export interface CeduStatus {
  state: "running" | "done" | "error";
  /** A key of src/excel/errors.ts EXCEL_MESSAGES (or of the core catalogue). */
  key: string;
  params?: Record<string, string | number>;
  at: number;
}

/** What the live feed is doing (src/functions/feed.ts, shown by the pane). */
export interface LiveState {
  state: "off" | "reading" | "ready" | "retrying" | "failed";
  /** Model version (0 before the first read). */
  version: number;
  /** Whole-workbook reads so far (the first, and re-reads the user asked for). */
  fullReads: number;
  /** Edits followed by reading only what they touched. */
  patches: number;
  /** The last failure's error code (e.g. GeneralException), when state is retrying or failed. */
  error?: string;
  /** Attempt number while retrying. */
  attempt?: number;
  at: number;
}

/** What the pane and the commands may ask of the live feed. */
export interface LiveControl {
  /** Reads the whole workbook again. */
  reread(): Promise<void>;
  /** Re-analyses the cells already read, with the user's current sheet corrections. */
  reanalyse(): Promise<void>;
  /** Runs one of the add-in's own writes without following the changes it makes. */
  suppress<T>(write: () => Promise<T> | T): Promise<T>;
  stop(): void;
}

export interface SharedRuntime {
  readonly model: WorkbookModel;
  readonly status: Channel<CeduStatus>;
  readonly live: Channel<LiveState>;
  /** The feed, once the Excel door started it; null outside Excel. */
  feed: LiveControl | null;
}

export function createSharedRuntime(): SharedRuntime {
  return {
    model: new WorkbookModel(),
    status: new Channel<CeduStatus>(),
    live: new Channel<LiveState>(),
    feed: null,
  };
}

const KEY = Symbol.for("cedu.sharedRuntime");

/** This page's runtime, created on first use by whichever bundle asks first. */
export function sharedRuntime(): SharedRuntime {
  const g = globalThis as unknown as Record<symbol, SharedRuntime | undefined>;
  let runtime = g[KEY];
  if (!runtime) {
    runtime = createSharedRuntime();
    g[KEY] = runtime;
  }
  return runtime;
}
