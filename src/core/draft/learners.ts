/**
 * New and returning learners (新学员 / 老学员): a participant of this period is
 * returning when the same person also took part in the period compared with.
 * "The same person" is the engine's identity (ID number, else name +
 * community), inside one workbook by the person's index and across two
 * workbooks by the same key.
 */
import type { Dataset } from "../dataset";
import { findCommunity } from "../metrics";
import { rate } from "../rate";
import { headerKey } from "../text";
import type { Filter, Period, Rate } from "../types";

export interface Learners {
  /** 新学员 (人): participants of this period who did not take part in the other. */
  new: number;
  /** 老学员 (人): participants of this period who also took part in the other. */
  returning: number;
  /** returning ÷ participants. */
  returningShare: Rate;
}

function findText(values: readonly string[], name: string): number {
  const key = headerKey(name);
  for (let i = 0; i < values.length; i++) if (headerKey(values[i]) === key) return i;
  return -2;
}

/**
 * The people with a valid enrolment in the period under the filter, marked by person index:
 * the same rows the participants figure counts (computeMetrics).
 */
export function participantMarks(data: Dataset, period: Period, filter: Filter = {}): Uint8Array {
  const e = data.enrolments;
  const community =
    filter.community !== undefined && filter.community !== ""
      ? (findCommunity(data, filter.community) ?? -2)
      : -1;
  const category = filter.category ? findText(data.dicts.category.values, filter.category) : -1;
  const group = filter.targetGroup
    ? findText(data.dicts.targetGroup.values, filter.targetGroup)
    : -1;
  const marks = new Uint8Array(data.dicts.person.size);
  for (let i = 0; i < e.length; i++) {
    const d = e.date[i];
    if (d < period.from || d > period.to) continue;
    if (community !== -1 && e.community[i] !== community) continue;
    if (category !== -1 && e.category[i] !== category) continue;
    if (group !== -1 && e.targetGroup[i] !== group) continue;
    marks[e.person[i]] = 1;
  }
  return marks;
}

function learners(newCount: number, returning: number): Learners {
  return { new: newCount, returning, returningShare: rate(returning, newCount + returning) };
}

/** Two periods of one workbook: one person is one index. */
export function learnersWithin(
  data: Dataset,
  current: Period,
  previous: Period,
  filter: Filter = {}
): Learners {
  const now = participantMarks(data, current, filter);
  const before = participantMarks(data, previous, filter);
  let fresh = 0;
  let returning = 0;
  for (let p = 0; p < now.length; p++) {
    if (!now[p]) continue;
    if (before[p]) returning++;
    else fresh++;
  }
  return learners(fresh, returning);
}

/** This period of one workbook against a period of another: one person is one identity key. */
export function learnersAcross(
  data: Dataset,
  current: Period,
  other: Dataset,
  previous: Period,
  filter: Filter = {}
): Learners {
  const now = participantMarks(data, current, filter);
  const before = participantMarks(other, previous, filter);
  const known = new Set<string>();
  const otherKeys = other.dicts.person.values;
  for (let p = 0; p < before.length; p++) if (before[p]) known.add(otherKeys[p]);
  const keys = data.dicts.person.values;
  let fresh = 0;
  let returning = 0;
  for (let p = 0; p < now.length; p++) {
    if (!now[p]) continue;
    if (known.has(keys[p])) returning++;
    else fresh++;
  }
  return learners(fresh, returning);
}
