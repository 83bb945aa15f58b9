/**
 * The figure cube: one pass over the analysed data of a period gives the overall figures for
 * every community × category filter at once (and for "all" on either axis), exactly as
 * computeMetrics would give them one filter at a time.
 *
 * Why: a sheet holds many CEDU formulas that differ only in their community or category; each
 * used to be its own pass over every enrolment. With the cube, 200 formulas over one period cost
 * one pass and 200 lookups.
 *
 * Exactness: computeMetrics filters rows before it pairs a person's enrolments in one course, so
 * a pair whose rows lie in two communities counts once under each of them, with the status and
 * result of the rows that pass, and is filed under its earliest passing row. The cube does the
 * same per cell: each (person, course) pair contributes to every cell one of its rows matches,
 * with what its matching rows say. Distinct people are counted per cell by stamping the person,
 * since pairs are visited person by person. Sums are added in row order, as computeMetrics adds
 * them, so floating-point totals agree to the last digit (test/core/cube.test.ts).
 */
import { RESULT_CODES, STATUS_CODES, type Dataset } from "./dataset";
import { findCommunity } from "./metrics";
import { isDivByZero, rate } from "./rate";
import { DEFAULT_TARGET } from "./schema";
import { headerKey } from "./text";
import type { Filter, Overall, Period } from "./types";

const COMPLETED = STATUS_CODES.indexOf("completed");
const R_EXCELLENT = RESULT_CODES.indexOf("excellent");
const R_GOOD = RESULT_CODES.indexOf("good");
const R_PASS = RESULT_CODES.indexOf("pass");
const RESULT_RANK = [0, 4, 3, 2, 1];
const STATUS_RANK = [0, 1, 3, 2];

/** Beyond this many cells a cube costs more memory than the passes it saves. */
export const MAX_CUBE_CELLS = 1 << 18;

export interface FigureCube {
  readonly period: Period;
  /** Cells per community slot: all, not stated, then each category. */
  readonly width: number;
  readonly enrolments: Float64Array;
  readonly participants: Float64Array;
  readonly participantsKnown: Float64Array;
  readonly completed: Float64Array;
  readonly withStatus: Float64Array;
  readonly excellent: Float64Array;
  readonly qualified: Float64Array;
  readonly withResult: Float64Array;
  readonly activities: Float64Array;
  readonly attendance: Float64Array;
  readonly hours: Float64Array;
}

/** Cell of a community id (−1 = all) and category id (−1 = not stated, ALL = all). */
const ALL = -2;
function cellOf(width: number, community: number, category: number): number {
  return (community + 1) * width + (category === ALL ? 0 : category + 2);
}

/** The cube of a period; null when the data have too many communities × categories for one. */
export function buildCube(data: Dataset, period: Period): FigureCube | null {
  const { dicts } = data;
  const width = dicts.category.size + 2;
  const cells = (dicts.community.size + 1) * width;
  if (cells > MAX_CUBE_CELLS) return null;
  const f = () => new Float64Array(cells);
  const cube: FigureCube = {
    period,
    width,
    enrolments: f(),
    participants: f(),
    participantsKnown: f(),
    completed: f(),
    withStatus: f(),
    excellent: f(),
    qualified: f(),
    withResult: f(),
    activities: f(),
    attendance: f(),
    hours: f(),
  };
  enrolmentPass(data, period, cube, cells);
  activityPass(data, period, cube);
  return cube;
}

function enrolmentPass(data: Dataset, period: Period, cube: FigureCube, cells: number): void {
  const e = data.enrolments;
  const { dicts } = data;
  const width = cube.width;
  const known = new Uint8Array(dicts.community.size);
  for (const p of data.population ?? []) known[p.community] = 1;

  // In-period rows grouped by person, in row order (a stable counting sort).
  const nPeople = dicts.person.size;
  const start = new Int32Array(nPeople + 1);
  let kept = 0;
  for (let i = 0; i < e.length; i++) {
    const d = e.date[i];
    if (d < period.from || d > period.to) continue;
    start[e.person[i] + 1]++;
    kept++;
  }
  for (let p = 0; p < nPeople; p++) start[p + 1] += start[p];
  const fill = start.slice(0, nPeople);
  const rows = new Int32Array(kept);
  for (let i = 0; i < e.length; i++) {
    const d = e.date[i];
    if (d < period.from || d > period.to) continue;
    rows[fill[e.person[i]]++] = i;
  }

  const attrText = (i: number) =>
    `${dicts.community.values[e.community[i]]}\u0001${e.category[i] < 0 ? "" : dicts.category.values[e.category[i]]}\u0001${
      e.targetGroup[i] < 0 ? "" : dicts.targetGroup.values[e.targetGroup[i]]
    }`;

  const stampPerson = new Int32Array(cells).fill(-1);
  const stampKnown = new Int32Array(cells).fill(-1);
  // One pair's cells: at most 4 per row of the pair.
  let bufCell = new Int32Array(16);
  let bufStatus = new Int8Array(16);
  let bufResult = new Int8Array(16);
  let bufRep = new Int32Array(16);
  const pairOf = new Int32Array(Math.max(1, kept));

  for (let p = 0; p < nPeople; p++) {
    const from = start[p];
    const to = start[p + 1];
    if (from === to) continue;
    // Pairs of this person: rows with the same course, numbered in order of first appearance.
    // A person has a handful of rows; a map only for the rare long list.
    let pairs = 0;
    const byCourse = to - from > 32 ? new Map<number, number>() : null;
    for (let k = from; k < to; k++) {
      const course = e.course[rows[k]];
      let q = -1;
      if (byCourse) q = byCourse.get(course) ?? -1;
      else
        for (let j = from; j < k; j++) {
          if (e.course[rows[j]] === course) {
            q = pairOf[j - from];
            break;
          }
        }
      if (q === -1) {
        q = pairs++;
        byCourse?.set(course, q);
      }
      pairOf[k - from] = q;
    }
    for (let pair = 0; pair < pairs; pair++) {
      let used = 0;
      for (let k = from; k < to; k++) {
        if (pairOf[k - from] !== pair) continue;
        const i = rows[k];
        const c = e.community[i];
        const cat = e.category[i];
        if (used + 4 > bufCell.length) {
          const grow = <T extends Int32Array | Int8Array>(a: T): T => {
            const b = new (a.constructor as new (n: number) => T)(a.length * 2);
            b.set(a);
            return b;
          };
          bufCell = grow(bufCell);
          bufStatus = grow(bufStatus);
          bufResult = grow(bufResult);
          bufRep = grow(bufRep);
        }
        const four = [
          cellOf(width, c, cat),
          cellOf(width, c, ALL),
          cellOf(width, -1, cat),
          cellOf(width, -1, ALL),
        ];
        for (const cell of four) {
          let b = 0;
          while (b < used && bufCell[b] !== cell) b++;
          if (b === used) {
            bufCell[b] = cell;
            bufStatus[b] = e.status[i];
            bufResult[b] = e.result[i];
            bufRep[b] = i;
            used++;
            continue;
          }
          const rep = bufRep[b];
          const d = e.date[i];
          if (d < e.date[rep] || (d === e.date[rep] && attrText(i) < attrText(rep))) bufRep[b] = i;
          if (STATUS_RANK[e.status[i]] > STATUS_RANK[bufStatus[b]]) bufStatus[b] = e.status[i];
          if (RESULT_RANK[e.result[i]] > RESULT_RANK[bufResult[b]]) bufResult[b] = e.result[i];
        }
      }
      for (let b = 0; b < used; b++) {
        const cell = bufCell[b];
        cube.enrolments[cell]++;
        const status = bufStatus[b];
        const result = bufResult[b];
        if (status !== 0) {
          cube.withStatus[cell]++;
          if (status === COMPLETED) cube.completed[cell]++;
        }
        if (result !== 0) {
          cube.withResult[cell]++;
          if (result === R_EXCELLENT) cube.excellent[cell]++;
          if (result === R_EXCELLENT || result === R_GOOD || result === R_PASS)
            cube.qualified[cell]++;
        }
        if (stampPerson[cell] !== p) {
          stampPerson[cell] = p;
          cube.participants[cell]++;
        }
        if (known[e.community[bufRep[b]]] && stampKnown[cell] !== p) {
          stampKnown[cell] = p;
          cube.participantsKnown[cell]++;
        }
      }
    }
  }
}

function activityPass(data: Dataset, period: Period, cube: FigureCube): void {
  const a = data.activities;
  const width = cube.width;
  for (let i = 0; i < a.length; i++) {
    const d = a.date[i];
    if (d < period.from || d > period.to) continue;
    const c = a.community[i];
    const cat = a.category[i];
    const people = a.participants[i];
    const hours = a.hours[i];
    for (const cell of [
      cellOf(width, c, cat),
      cellOf(width, c, ALL),
      cellOf(width, -1, cat),
      cellOf(width, -1, ALL),
    ]) {
      cube.activities[cell]++;
      cube.attendance[cell] += people;
      cube.hours[cell] += hours;
    }
  }
}

/** The category a filter names, as computeMetrics resolves it: −1 none given, −2 no such category. */
function categoryOf(data: Dataset, name: string | undefined): number {
  if (!name) return -1;
  const key = headerKey(name);
  const values = data.dicts.category.values;
  for (let i = 0; i < values.length; i++) if (headerKey(values[i]) === key) return i;
  return -2;
}

/**
 * The overall figures of a filter, read from the cube: equal to
 * `computeMetrics(data, { period, filter }).overall`. null for a target-group filter, which the
 * cube does not cut by (ask computeMetrics).
 */
export function cubeOverall(data: Dataset, cube: FigureCube, filter: Filter = {}): Overall | null {
  if (filter.targetGroup) return null;
  const fCommunity =
    filter.community !== undefined && filter.community !== ""
      ? (findCommunity(data, filter.community) ?? -2)
      : -1;
  const fCategory = categoryOf(data, filter.category);
  const none = fCommunity === -2 || fCategory === -2;
  const cell = none ? -1 : cellOf(cube.width, fCommunity, fCategory === -1 ? ALL : fCategory);
  const at = (a: Float64Array) => (cell < 0 ? 0 : a[cell]);

  // Residents and target exactly as computeMetrics sums them: in community-name order.
  const names = data.dicts.community.values;
  const byName = [...(data.population ?? [])].sort((x, y) =>
    names[x.community] < names[y.community] ? -1 : names[x.community] > names[y.community] ? 1 : 0
  );
  let residents = 0;
  let weightedTarget = 0;
  for (const p of byName) {
    if (fCommunity !== -1 && p.community !== fCommunity) continue;
    residents += p.residents;
    weightedTarget += p.residents * (p.target ?? DEFAULT_TARGET);
  }
  const target = residents > 0 ? weightedTarget / residents : DEFAULT_TARGET;
  const participantsKnown = at(cube.participantsKnown);
  const participationRate = rate(participantsKnown, residents);
  const completed = at(cube.completed);
  const withStatus = at(cube.withStatus);
  const excellent = at(cube.excellent);
  const qualified = at(cube.qualified);
  const withResult = at(cube.withResult);
  return {
    participants: at(cube.participants),
    enrolments: at(cube.enrolments),
    activities: at(cube.activities),
    attendance: at(cube.attendance),
    hours: at(cube.hours),
    completed,
    withStatus,
    excellent,
    qualified,
    withResult,
    completionRate: rate(completed, withStatus),
    excellenceRate: rate(excellent, withResult),
    qualifiedRate: rate(qualified, withResult),
    residents,
    participantsKnown,
    participationRate,
    target,
    targetMet: isDivByZero(participationRate) ? null : participationRate >= target - 1e-12,
  };
}
