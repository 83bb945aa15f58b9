/**
 * 同比: this period's figures against the same period of the previous year,
 * taken from the same workbook when its data covers that period, or from a
 * second workbook given for comparison. Like periods only: the previous
 * period is always the same dates one year earlier.
 */
import { epochDayFromYMD, ymdFromEpochDay } from "../cells";
import type { Dataset } from "../dataset";
import { figures, type Analysis } from "../engine";
import { isDivByZero, rate } from "../rate";
import type { Metrics, Period, Rate } from "../types";
import { learnersAcross, learnersWithin, type Learners } from "./learners";
import { samePeriodLastYear } from "../period";

/** A count against last year's: relative change (a zero previous count has none). */
export interface CountChange {
  previous: number;
  /** (this − previous) ÷ previous. */
  relative: Rate;
}

/** A rate against last year's, in percentage points (as a fraction: 0.021 = 2.1 points). */
export type RateChange =
  | { previous: number; points: number }
  /** One of the two rates has a zero denominator. */
  | { previous: number | null; points: null };

/** A small count (schools) against last year's, as a difference. */
export interface DifferenceChange {
  previous: number;
  difference: number;
}

/**
 * Dated figures are null when the other period's rows do not cover it; the undated school list
 * is compared only with a second workbook (one workbook has one list).
 */
export interface Changes {
  participants: CountChange | null;
  enrolments: CountChange | null;
  activities: CountChange | null;
  attendance: CountChange | null;
  hours: CountChange | null;
  participationRate: RateChange | null;
  completionRate: RateChange | null;
  excellenceRate: RateChange | null;
  qualifiedRate: RateChange | null;
  schools: DifferenceChange | null;
  schoolQualifiedRate: RateChange | null;
  schoolExcellenceRate: RateChange | null;
  planCompletion: RateChange | null;
}

export interface Comparison {
  /** "data": the same workbook's earlier rows; "file": a second workbook. */
  source: "data" | "file";
  /** The second workbook's file name (source "file"). */
  file: string | null;
  period: Period;
  previous: Metrics;
  changes: Changes;
  /** New and returning learners; null unless both periods have enrolments. */
  learners: Learners | null;
}

export type NoComparison = { reason: "noData"; period: Period };

function countChange(now: number, before: number): CountChange {
  return { previous: before, relative: rate(now - before, before) };
}

function rateChange(now: Rate, before: Rate): RateChange {
  if (isDivByZero(now) || isDivByZero(before))
    return { previous: isDivByZero(before) ? null : before, points: null };
  return { previous: before, points: now - before };
}

export interface Comparable {
  /** The other period's dated rows cover it (see `covers`). */
  dated: boolean;
  /** The other figures come from a workbook of their own, with its own school list. */
  undated: boolean;
}

export function changesBetween(now: Metrics, before: Metrics, what: Comparable): Changes {
  const a = now.overall;
  const b = before.overall;
  const schools =
    what.undated && now.schools && before.schools ? [now.schools, before.schools] : null;
  // Plan delivery is counted from dated activities, so it follows them.
  const plans = what.dated && now.plan && before.plan ? [now.plan, before.plan] : null;
  const dated = <T>(f: () => T): T | null => (what.dated ? f() : null);
  return {
    participants: dated(() => countChange(a.participants, b.participants)),
    enrolments: dated(() => countChange(a.enrolments, b.enrolments)),
    activities: dated(() => countChange(a.activities, b.activities)),
    attendance: dated(() => countChange(a.attendance, b.attendance)),
    hours: dated(() => countChange(a.hours, b.hours)),
    participationRate: dated(() => rateChange(a.participationRate, b.participationRate)),
    completionRate: dated(() => rateChange(a.completionRate, b.completionRate)),
    excellenceRate: dated(() => rateChange(a.excellenceRate, b.excellenceRate)),
    qualifiedRate: dated(() => rateChange(a.qualifiedRate, b.qualifiedRate)),
    schools: schools
      ? { previous: schools[1].count, difference: schools[0].count - schools[1].count }
      : null,
    schoolQualifiedRate: schools
      ? rateChange(schools[0].qualifiedRate, schools[1].qualifiedRate)
      : null,
    schoolExcellenceRate: schools
      ? rateChange(schools[0].excellenceRate, schools[1].excellenceRate)
      : null,
    planCompletion: plans ? rateChange(plans[0].planCompletion, plans[1].planCompletion) : null,
  };
}

/**
 * Whether the figures of a period rest on data spread over it: rows dated in its first quarter
 * and in its last quarter (by month). A workbook whose log starts in November does not "cover"
 * that year, and a handful of late sign-ups must not read as a 3,000% rise.
 */
export function covers(m: Metrics): boolean {
  const months = m.byMonth;
  const n = months.length;
  if (n === 0) return false;
  const q = Math.ceil(n / 4);
  const has = (i: number) => months[i].enrolments + months[i].activities > 0;
  let early = false;
  let late = false;
  for (let i = 0; i < q; i++) early ||= has(i);
  for (let i = n - q; i < n; i++) late ||= has(i);
  return early && late;
}

const hasEnrolments = (m: Metrics) => m.overall.enrolments > 0;

/**
 * A quick necessary condition for `covers`, on the raw dates: some valid row in the period's
 * first quarter and some in its last. Most workbooks hold one year, and this spares them a
 * second pass of the figures over a period they have nothing in.
 */
export function mayCover(data: Dataset, period: Period): boolean {
  const months = samePeriodMonths(period);
  const q = Math.ceil(months.length / 4);
  const earlyEnd = months[q - 1].to;
  const lateStart = months[months.length - q].from;
  let early = false;
  let late = false;
  for (const dates of [data.enrolments.date, data.activities.date]) {
    for (let i = 0; i < dates.length && !(early && late); i++) {
      const d = dates[i];
      if (d < period.from || d > period.to) continue;
      if (d <= earlyEnd) early = true;
      if (d >= lateStart) late = true;
    }
  }
  return early && late;
}

/** The calendar months a period touches, each clipped to the period (as the month table lists them). */
function samePeriodMonths(period: Period): Period[] {
  const out: Period[] = [];
  let from = period.from;
  while (from <= period.to) {
    const { y, m } = ymdFromEpochDay(from);
    const next = epochDayFromYMD(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) as number;
    out.push({ from, to: Math.min(next - 1, period.to) });
    from = next;
  }
  return out;
}

/** The same period last year from the workbook's own rows, when they cover it. */
export function previousYearInData(analysis: Analysis, now: Metrics): Comparison | null {
  const period = samePeriodLastYear(now.period);
  if (!mayCover(analysis.data, period)) return null;
  const before = figures(analysis, { period, filter: now.filter });
  if (!covers(before)) return null;
  return {
    source: "data",
    file: null,
    period,
    previous: before,
    changes: changesBetween(now, before, { dated: true, undated: false }),
    learners:
      hasEnrolments(now) && hasEnrolments(before)
        ? learnersWithin(analysis.data, now.period, period, now.filter)
        : null,
  };
}

/** The same period last year from a second workbook (`--compare last-year.xlsx`). */
export function previousYearInWorkbook(
  analysis: Analysis,
  now: Metrics,
  other: Analysis,
  file: string | null = null
): Comparison | NoComparison {
  const period = samePeriodLastYear(now.period);
  const before = figures(other, { period, filter: now.filter });
  // The same rule as within one workbook: a log that starts in November does not cover the year.
  const dated = covers(before);
  const undated = now.schools !== null && before.schools !== null;
  if (!dated && !undated) return { reason: "noData", period };
  return {
    source: "file",
    file,
    period,
    previous: before,
    changes: changesBetween(now, before, { dated, undated }),
    learners:
      dated && hasEnrolments(now) && hasEnrolments(before)
        ? learnersAcross(analysis.data, now.period, other.data, period, now.filter)
        : null,
  };
}

export function isComparison(c: Comparison | NoComparison | null): c is Comparison {
  return c !== null && !("reason" in c);
}
