/**
 * The workbook model that argument-free formulas (=CEDU.PARTICIPATION(), =CEDU.HOURS("六角社区"))
 * compute from: the WorkbookInput the add-in last read from this workbook, the user's sheet
 * overrides, and a version number that grows with every update.
 *
 * It is fed by the shared runtime (src/functions/live.ts, started by the Excel door), never by a
 * custom function: functions only read it. The analysis is computed lazily, once per version.
 */
import { analyze, type Analysis } from "../core/engine";
import type { EpochDay, Overrides, WorkbookInput } from "../core/types";
import { stats } from "./cache";
import { Failure } from "./errors";
import { fnText } from "./messages";

export interface ModelOptions {
  /** Injectable "today" (tests); default: the real date at analysis time. */
  today?: EpochDay;
}

interface State {
  input: WorkbookInput;
  overrides: Overrides;
  options: ModelOptions;
  version: number;
  analysis: Analysis | null;
}

let state: State | null = null;
let version = 0;
const listeners = new Set<(version: number) => void>();

/** Replaces the model (after reading the workbook, or after a change). Returns the new version. */
export function setWorkbookModel(
  input: WorkbookInput,
  overrides: Overrides = {},
  options: ModelOptions = {}
): number {
  version++;
  state = { input, overrides, options, version, analysis: null };
  for (const listener of Array.from(listeners)) {
    try {
      listener(version);
    } catch {
      // A listener's failure must not stop the others.
    }
  }
  return version;
}

/** Forgets the model (the workbook closed; tests). */
export function clearWorkbookModel(): void {
  state = null;
}

/** The current version: 0 before the first model. */
export function modelVersion(): number {
  return state ? state.version : 0;
}

export function hasWorkbookModel(): boolean {
  return state !== null;
}

/** Called with the new version after every setWorkbookModel. Returns an unsubscribe function. */
export function subscribe(listener: (version: number) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The analysis of the current model (computed on first use of each version); null before the first model. */
export function modelAnalysis(): Analysis | null {
  if (!state) return null;
  if (!state.analysis) {
    stats.parses++;
    state.analysis = analyze(state.input, {
      overrides: state.overrides,
      today: state.options.today,
    });
  }
  return state.analysis;
}

/** Whether the model's workbook uses the 1904 date system (for date arguments of live formulas). */
export function modelDate1904(): boolean {
  return Boolean(state?.input.date1904);
}

/** How long an argument-free formula waits for the first model before showing #N/A (ms). */
export let modelWaitMs = 15000;
export function setModelWaitMs(ms: number): void {
  modelWaitMs = ms;
}

/**
 * The model's analysis, waiting for the first model when there is none yet (the cell shows
 * #BUSY! meanwhile). After `modelWaitMs` without a model the formula gets #N/A with a message
 * instead of staying #BUSY! for ever; the live model recalculates it when the model arrives.
 */
export function whenModelReady(timeoutMs: number = modelWaitMs): Promise<Analysis> {
  const now = modelAnalysis();
  if (now) return Promise.resolve(now);
  return new Promise<Analysis>((resolve, reject) => {
    const unsubscribe = subscribe(() => {
      const analysis = modelAnalysis();
      if (!analysis) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(analysis);
    });
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Failure("na", fnText("notReady")));
    }, timeoutMs);
  });
}
