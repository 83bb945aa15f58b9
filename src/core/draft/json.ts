/**
 * The parts of `cedu report --json` that the draft cites beyond the overall
 * and per-community figures: learner groups, teachers, the plan, targets and
 * the comparison with last year. Rates are numbers in [0, 1] at full
 * precision, null when their denominator is 0 (docs/data-model.md).
 */
import { isoFromEpochDay } from "../cells";
import { isDivByZero, rateValue } from "../rate";
import type { GroupRow, Metrics, Overall } from "../types";
import type { Changes, Comparison, CountChange, RateChange } from "./compare";

/** How far the participation rate lies above (+) or below (−) its target; null without a rate. */
export function targetGap(o: Overall): number | null {
  return isDivByZero(o.participationRate) ? null : o.participationRate - o.target;
}

export function targetJson(o: Overall) {
  return { targetMet: o.targetMet, targetGap: targetGap(o) };
}

export function groupsJson(rows: GroupRow[], key: "category" | "targetGroup") {
  return rows.map((g) => ({
    [key]: g.key,
    participants: g.participants,
    enrolments: g.enrolments,
    activities: g.activities,
    attendance: g.attendance,
    hours: g.hours,
  }));
}

export function schoolCountsJson(m: Metrics) {
  const s = m.schools;
  return {
    rated: s?.rated ?? 0,
    excellent: s?.excellent ?? 0,
    qualified: s?.qualified ?? 0,
  };
}

export function teachersJson(m: Metrics) {
  const t = m.teachers;
  if (!t) return null;
  const sum = (k: "fullTime" | "partTime" | "volunteer" | "unspecified" | "total") =>
    t.byMonth.reduce((n, row) => n + row[k], 0);
  return {
    /** Teachers named on at least one activity. */
    teachers: t.byTeacher.length,
    sessions: {
      fullTime: sum("fullTime"),
      partTime: sum("partTime"),
      volunteer: sum("volunteer"),
      unspecified: sum("unspecified"),
      total: sum("total"),
    },
  };
}

export function planJson(m: Metrics) {
  const p = m.plan;
  if (!p) return null;
  return {
    planned: p.planned,
    delivered: p.delivered,
    planCompletion: rateValue(p.planCompletion),
    rows: p.rows.map((r) => ({
      month: r.month,
      item: r.item,
      category: r.category,
      planned: r.planned,
      delivered: r.delivered,
    })),
  };
}

const count = (c: CountChange | null) =>
  c && { previous: c.previous, relative: rateValue(c.relative) };
const points = (c: RateChange | null) => c && { previous: c.previous, points: c.points };

function changesJson(c: Changes) {
  return {
    participants: count(c.participants),
    enrolments: count(c.enrolments),
    activities: count(c.activities),
    attendance: count(c.attendance),
    hours: count(c.hours),
    participationRate: points(c.participationRate),
    completionRate: points(c.completionRate),
    excellenceRate: points(c.excellenceRate),
    qualifiedRate: points(c.qualifiedRate),
    schools: c.schools,
    schoolQualifiedRate: points(c.schoolQualifiedRate),
    schoolExcellenceRate: points(c.schoolExcellenceRate),
    planCompletion: points(c.planCompletion),
  };
}

export function comparisonJson(c: Comparison | null) {
  if (!c) return null;
  return {
    source: c.source,
    file: c.file,
    period: { from: isoFromEpochDay(c.period.from), to: isoFromEpochDay(c.period.to) },
    change: changesJson(c.changes),
    learners: c.learners && {
      new: c.learners.new,
      returning: c.learners.returning,
      returningShare: rateValue(c.learners.returningShare),
    },
  };
}
