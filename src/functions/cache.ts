/**
 * One parse per source per change.
 *
 * Excel hands every invocation its own copy of a range argument, so the cache cannot key on the
 * array object alone. Each distinct array object gets a fingerprint once (a WeakMap from the
 * array to it): its dimensions and two independent 32-bit hashes over every cell, with the type
 * of each cell mixed in. The analysis is then looked up by the fingerprints of all its sources
 * in a small LRU (8 analyses). Figures (period × filter) are memoised per analysis as well, so a
 * volatile recalculation of 200 formulas over one unchanged source costs 200 hashes and lookups,
 * not 200 parses.
 */
import { buildCube, cubeOverall, type FigureCube } from "../core";
import { analyze, figures, type Analysis } from "../core";
import type {
  EpochDay,
  Filter,
  Grid,
  Metrics,
  Overall,
  Overrides,
  Period,
  SheetInput,
  SheetKind,
} from "../core";

/** Counters for tests and diagnostics. */
export const stats = {
  /** analyze() runs (range arguments and the workbook model). */
  parses: 0,
  /** Workbook-model analyses brought up to date by a patch instead of an analyze() run. */
  patches: 0,
  /** Analyses served from the cache. */
  hits: 0,
  /** Arrays fingerprinted (one per distinct array object). */
  fingerprints: 0,
  /** Passes over the data for figures: figures() runs and figure cubes built. */
  figures: 0,
  /** Figure cubes built (one per analysis and period). */
  cubes: 0,
};

export function resetStats(): void {
  stats.parses = 0;
  stats.patches = 0;
  stats.hits = 0;
  stats.fingerprints = 0;
  stats.figures = 0;
  stats.cubes = 0;
}

/* ------------------------------------------------------------------ fingerprints */

const prints = new WeakMap<object, string>();
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

/** Text of an unusual cell (an error-value object, a rich value) for hashing. */
function oddText(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/**
 * Dimensions + two 32-bit hashes (FNV-1a and a multiply-xorshift) over every cell and its type.
 * Written as one flat loop over local variables: a closure over the hash state is ~50× slower.
 */
export function fingerprint(grid: Grid): string {
  const known = prints.get(grid);
  if (known !== undefined) return known;
  stats.fingerprints++;
  let a = 0x811c9dc5 | 0;
  let b = 0x9747b28c | 0;
  let width = 0;
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    const n = row ? row.length : 0;
    if (n > width) width = n;
    a = Math.imul(a ^ (0x7fff0000 | n), 0x01000193);
    b = Math.imul(b ^ (0x7fff0000 | n), 0x5bd1e995);
    for (let c = 0; c < n; c++) {
      const v = row[c];
      let tag: number;
      let x = 0;
      let y = 0;
      if (typeof v === "string") {
        const len = v.length;
        for (let i = 0; i < len; i++) {
          const ch = v.charCodeAt(i);
          a = Math.imul(a ^ ch, 0x01000193);
          b = Math.imul(b ^ ch, 0x5bd1e995);
        }
        tag = 2;
        x = len;
      } else if (typeof v === "number") {
        f64[0] = v;
        tag = 1;
        x = u32[0];
        y = u32[1];
      } else if (v === null) tag = 6;
      else if (v === undefined) tag = 5;
      else if (typeof v === "boolean") tag = v ? 3 : 4;
      else if (v instanceof Date) {
        f64[0] = v.getTime();
        tag = 7;
        x = u32[0];
        y = u32[1];
      } else {
        const s = oddText(v);
        for (let i = 0; i < s.length; i++) {
          const ch = s.charCodeAt(i);
          a = Math.imul(a ^ ch, 0x01000193);
          b = Math.imul(b ^ ch, 0x5bd1e995);
        }
        tag = 8;
        x = s.length;
      }
      a = Math.imul(a ^ tag, 0x01000193);
      a = Math.imul(a ^ x, 0x01000193);
      a = Math.imul(a ^ y, 0x01000193);
      b = Math.imul(b ^ tag, 0x5bd1e995);
      b ^= b >>> 13;
      b = Math.imul(b ^ x, 0x5bd1e995);
      b ^= b >>> 15;
      b = Math.imul(b ^ y, 0x5bd1e995);
      b ^= b >>> 13;
    }
  }
  const print = `${grid.length}x${width}:${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}`;
  prints.set(grid, print);
  return print;
}

/* ------------------------------------------------------------------ analyses of range arguments */

export interface SourceSheet {
  /** Sheet name used in issue cells (the role, e.g. "花名册"). */
  name: string;
  kind: SheetKind;
  values: Grid;
}

const ANALYSES = 8;
const analyses = new Map<string, Analysis>();

/** The analysis of the given ranges, each forced to its kind; parsed once per distinct content. */
export function analysisOfSources(
  sources: readonly SourceSheet[],
  today: EpochDay,
  date1904 = false
): Analysis {
  const key = `${today}|${date1904 ? 1904 : 1900}|${sources.map((s) => `${s.name}\u0001${s.kind}\u0001${fingerprint(s.values)}`).join("\u0002")}`;
  const hit = analyses.get(key);
  if (hit) {
    stats.hits++;
    analyses.delete(key);
    analyses.set(key, hit);
    return hit;
  }
  const sheets: SheetInput[] = sources.map((s) => ({ name: s.name, values: s.values }));
  const overrides: Overrides = {};
  for (const s of sources) overrides[s.name] = { kind: s.kind };
  stats.parses++;
  const analysis = analyze({ sheets, date1904 }, { overrides, today });
  analyses.set(key, analysis);
  while (analyses.size > ANALYSES) {
    const oldest = analyses.keys().next().value as string;
    analyses.delete(oldest);
  }
  return analysis;
}

/** Forgets every cached analysis (tests). */
export function clearAnalyses(): void {
  analyses.clear();
}

/* ------------------------------------------------------------------ figures */

const FIGURES_PER_ANALYSIS = 64;
const figureCache = new WeakMap<Analysis, Map<string, Metrics>>();

/** figures() memoised per analysis, period and filter. */
export function figuresOf(analysis: Analysis, period: Period, filter: Filter): Metrics {
  const key = `${period.from}:${period.to}\u0001${filter.community ?? ""}\u0001${filter.category ?? ""}\u0001${filter.targetGroup ?? ""}`;
  let map = figureCache.get(analysis);
  if (!map) figureCache.set(analysis, (map = new Map()));
  const hit = map.get(key);
  if (hit) return hit;
  stats.figures++;
  const metrics = figures(analysis, { period, filter });
  map.set(key, metrics);
  if (map.size > FIGURES_PER_ANALYSIS) map.delete(map.keys().next().value as string);
  return metrics;
}

/* ------------------------------------------------------------------ overall figures from the cube */

const CUBES_PER_ANALYSIS = 16;
const cubeCache = new WeakMap<Analysis, Map<string, FigureCube | null>>();

/**
 * The overall figures of a period and filter. Formulas differ mostly in their community and
 * category: one cube per period answers all of them (core/cube.ts), so 200 formulas over one
 * period cost one pass. Filters the cube does not cut by fall back to figures().
 */
export function overallOf(analysis: Analysis, period: Period, filter: Filter): Overall {
  const key = `${period.from}:${period.to}`;
  let map = cubeCache.get(analysis);
  if (!map) cubeCache.set(analysis, (map = new Map()));
  let cube = map.get(key);
  if (cube === undefined) {
    stats.figures++;
    stats.cubes++;
    cube = buildCube(analysis.data, period);
    map.set(key, cube);
    if (map.size > CUBES_PER_ANALYSIS) map.delete(map.keys().next().value as string);
  }
  return (
    (cube && cubeOverall(analysis.data, cube, filter)) ??
    figuresOf(analysis, period, filter).overall
  );
}
