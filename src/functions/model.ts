/**
 * The workbook model that argument-free formulas (=CEDU.PARTICIPATION(), =CEDU.HOURS("六角社区"))
 * compute from: the cells the add-in last read from this workbook (a WorkbookInput), the user's
 * sheet overrides, and a version that grows with every change.
 *
 * One instance per shared runtime, created by the composition root (src/runtime/shared.ts) and
 * fed by the live feed (src/functions/feed.ts); functions only read it. The analysis is computed
 * lazily, once per version: patched from the previous one when only a few data rows changed
 * (core/patch, exact), else analysed afresh from the cached cells.
 *
 * While the feed brings the model up to date after an edit (`beginUpdate` … `endUpdate`), a
 * formula that asks waits and then computes once against the new model, instead of answering
 * from the old one and being recalculated afterwards. Each live formula's cell is remembered with
 * the version it computed against, so that after a change only the cells left behind are
 * recalculated (`staleCells`).
 */
import { analyzeForPatch, patchAnalysis, type Analysis, type Analyzed } from "../core";
import type { EpochDay, Overrides, WorkbookInput } from "../core";
import { sharedRuntime } from "../runtime/shared";
import { stats } from "./cache";
import { Failure } from "./errors";
import { fnText } from "./messages";

export interface ModelOptions {
  /** Injectable "today" (tests); default: the real date at analysis time. */
  today?: EpochDay;
}

/** How long a formula waits for a model before #N/A, when nothing is reading the workbook (ms). */
export const DEFAULT_WAIT_MS = 15_000;
/** How long a formula waits for an update in progress before answering from the current model. */
export const DEFAULT_GATE_MS = 10_000;

interface CellMark {
  version: number;
  /** Calls of this cell still computing. */
  running: number;
}

export class WorkbookModel {
  private input: WorkbookInput | null = null;
  private overrides: Overrides = {};
  private options: ModelOptions = {};
  private computed: Analysis | null = null;
  /** The last analysis with the cells and detections it came from: what the next patch starts from. */
  private base: Analyzed | null = null;
  private current = 0;
  private readonly listeners = new Set<(version: number) => void>();
  private updating = 0;
  private waiters: (() => void)[] = [];
  private failure: string | null = null;
  private readonly cells = new Map<string, CellMark>();
  /** True while a feed follows the workbook: a formula then waits for its read however long it takes. */
  feeding = false;
  waitMs = DEFAULT_WAIT_MS;
  gateMs = DEFAULT_GATE_MS;

  /** Replaces the model (after a read or a change). Returns the new version. */
  set(input: WorkbookInput, overrides: Overrides = {}, options: ModelOptions = {}): number {
    this.input = input;
    this.overrides = overrides;
    this.options = options;
    this.computed = null;
    this.failure = null;
    this.current++;
    for (const listener of Array.from(this.listeners)) {
      try {
        listener(this.current);
      } catch {
        // A listener's failure must not stop the others.
      }
    }
    if (this.updating === 0) this.release();
    return this.current;
  }

  /** Forgets the model (the workbook closed; tests). */
  clear(): void {
    this.input = null;
    this.computed = null;
    this.base = null;
    this.current = 0;
    this.updating = 0;
    this.failure = null;
    this.feeding = false;
    this.cells.clear();
    this.release();
  }

  get version(): number {
    return this.input ? this.current : 0;
  }

  has(): boolean {
    return this.input !== null;
  }

  /** The cells the model holds (the feed patches them and sets them again). */
  cellsInput(): WorkbookInput | null {
    return this.input;
  }

  overridesNow(): Overrides {
    return this.overrides;
  }

  subscribe(listener: (version: number) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** The analysis of the current model (computed on first use of each version); null before the first model. */
  analysis(): Analysis | null {
    if (!this.input) return null;
    if (!this.computed) {
      const options = { overrides: this.overrides, today: this.options.today };
      const patched = this.base ? patchAnalysis(this.base, this.input, options) : null;
      if (patched) stats.patches++;
      else stats.parses++;
      this.base = patched ?? analyzeForPatch(this.input, options);
      this.computed = this.base.analysis;
    }
    return this.computed;
  }

  date1904(): boolean {
    return Boolean(this.input?.date1904);
  }

  /** An update is under way: formulas asking now wait for it. */
  beginUpdate(): void {
    this.updating++;
  }

  /** The update is over (done or given up): waiting formulas go on. */
  endUpdate(): void {
    if (this.updating > 0) this.updating--;
    if (this.updating === 0) this.release();
  }

  get isUpdating(): boolean {
    return this.updating > 0;
  }

  /** The feed could not read the workbook at all: waiting formulas get #N/A with this message. */
  fail(message: string): void {
    this.failure = message;
    this.release();
  }

  private release(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /**
   * The analysis to compute from, and its version. Waits while an update runs (at most
   * `gateMs`, then the current model answers) and before the first model (as long as a feed is
   * reading; `waitMs` when none is). Rejects with #N/A when there is no model to give.
   */
  async ready(): Promise<{ analysis: Analysis; version: number }> {
    const started = Date.now();
    for (;;) {
      const now = this.analysis();
      if (now && this.updating === 0) return { analysis: now, version: this.current };
      if (!now && this.failure !== null) throw new Failure("na", this.failure);
      const limit = now ? this.gateMs : this.feeding ? Infinity : this.waitMs;
      const left = limit - (Date.now() - started);
      if (left <= 0) {
        if (now) return { analysis: now, version: this.current };
        throw new Failure("na", fnText("notReady"));
      }
      await new Promise<void>((resolve) => {
        const timer = Number.isFinite(left) ? setTimeout(resolve, left) : undefined;
        this.waiters.push(() => {
          if (timer !== undefined) clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** A live formula in this cell starts computing. */
  enterCell(address: string | undefined): void {
    if (!address) return;
    const mark = this.cells.get(address);
    if (mark) mark.running++;
    else this.cells.set(address, { version: -1, running: 1 });
  }

  /** A live formula in this cell finished, having computed against `version`. */
  leaveCell(address: string | undefined, version: number): void {
    if (!address) return;
    const mark = this.cells.get(address);
    if (!mark) return;
    mark.running = Math.max(0, mark.running - 1);
    mark.version = Math.max(mark.version, version);
  }

  /** Cells of live formulas that last computed against an older model and are not computing now. */
  staleCells(): string[] {
    const out: string[] = [];
    for (const [address, mark] of this.cells)
      if (mark.running === 0 && mark.version < this.current) out.push(address);
    return out;
  }

  /** Cells of live formulas known to the model (diagnostics, tests). */
  knownCells(): string[] {
    return [...this.cells.keys()];
  }

  /** A cell that no longer exists (its sheet was deleted) or holds no CEDU formula. */
  forgetCell(address: string): void {
    this.cells.delete(address);
  }

  /** Follows a rename: cells of the sheet `before` move to `after`. */
  renameCells(before: string, after: string): void {
    for (const [address, mark] of [...this.cells]) {
      const { sheet, local } = splitAddress(address);
      if (sheet !== before) continue;
      this.cells.delete(address);
      this.cells.set(joinAddress(after, local), mark);
    }
  }
}

/** "Sheet1!A1" or "'My sheet'!A1" → its sheet name and local address. */
export function splitAddress(address: string): { sheet: string; local: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: "", local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  // A workbook-qualified name ("[Book1]Sheet1") keeps only the sheet.
  sheet = sheet.replace(/^\[[^\]]*\]/, "");
  return { sheet, local: address.slice(bang + 1) };
}

export function joinAddress(sheet: string, local: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet)
    ? `${sheet}!${local}`
    : `'${sheet.replace(/'/g, "''")}'!${local}`;
}

/* ------------------------------------------------------------------ the shared runtime's model */

const model = (): WorkbookModel => sharedRuntime().model;

/** Replaces the model of this runtime. Returns the new version. */
export function setWorkbookModel(
  input: WorkbookInput,
  overrides: Overrides = {},
  options: ModelOptions = {}
): number {
  return model().set(input, overrides, options);
}

/** Forgets the model (the workbook closed; tests). */
export function clearWorkbookModel(): void {
  model().clear();
}

/** The current version: 0 before the first model. */
export function modelVersion(): number {
  return model().version;
}

export function hasWorkbookModel(): boolean {
  return model().has();
}

/** Called with the new version after every change of the model. Returns an unsubscribe function. */
export function subscribe(listener: (version: number) => void): () => void {
  return model().subscribe(listener);
}

/** The analysis of the current model; null before the first model. */
export function modelAnalysis(): Analysis | null {
  return model().analysis();
}

/** Whether the model's workbook uses the 1904 date system (for date arguments of live formulas). */
export function modelDate1904(): boolean {
  return model().date1904();
}

/** How long an argument-free formula waits for the first model, with no feed reading, before #N/A (ms). */
export function setModelWaitMs(ms: number): void {
  model().waitMs = ms;
}

/** The analysis to compute from, waiting as WorkbookModel.ready() does. */
export async function whenModelReady(): Promise<Analysis> {
  return (await model().ready()).analysis;
}
