/**
 * Periods over days: a year, a half-year, a month's bounds, a range from optional bounds as the
 * doors receive them (ISO dates, 2025, 2025-03), the shape of a period (全年, 上半年) and the same
 * period a year earlier. Every door asks here rather than computing calendar bounds itself.
 */
import {
  epochDayFromISO,
  epochDayFromYMD,
  isoFromEpochDay,
  normalizeText,
  ymdFromEpochDay,
} from "./cells";
import type { EpochDay, Period } from "./types";

/* ------------------------------------------------------------------ bounds */

/** The last day of a month; null outside the years the engine reads (1000–9999). */
export function lastDayOfMonth(y: number, m: number): EpochDay | null {
  const next = m === 12 ? epochDayFromYMD(y + 1, 1, 1) : epochDayFromYMD(y, m + 1, 1);
  return next === null || epochDayFromYMD(y, m, 1) === null ? null : next - 1;
}

export function isMonthEnd(day: EpochDay): boolean {
  const { y, m } = ymdFromEpochDay(day);
  return lastDayOfMonth(y, m) === day;
}

/** A month from its first to its last day; null for a month that does not exist. */
export function monthPeriod(y: number, m: number): Period | null {
  const from = epochDayFromYMD(y, m, 1);
  const to = lastDayOfMonth(y, m);
  return from === null || to === null ? null : { from, to };
}

/** 1 January to 31 December; null outside the years the engine reads. */
export function yearPeriod(y: number): Period | null {
  const from = epochDayFromYMD(y, 1, 1);
  const to = epochDayFromYMD(y, 12, 31);
  return from === null || to === null ? null : { from, to };
}

/** 上半年 (January to June) or 下半年 (July to December). */
export function halfYearPeriod(y: number, half: 1 | 2): Period | null {
  const from = epochDayFromYMD(y, half === 1 ? 1 : 7, 1);
  const to = epochDayFromYMD(y, half === 1 ? 6 : 12, half === 1 ? 30 : 31);
  return from === null || to === null ? null : { from, to };
}

/** The calendar year a day (or a period's first day) falls in. */
export function yearOf(day: EpochDay | Period): number {
  return ymdFromEpochDay(typeof day === "number" ? day : day.from).y;
}

/** The calendar year of a day, as a period (the default reporting period). */
export function yearAround(day: EpochDay): Period {
  return yearPeriod(yearOf(day)) as Period;
}

/* ------------------------------------------------------------------ from / to as written */

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const YEAR_TEXT = /^(\d{4})\s*年?$/;
const YEAR_MONTH_TEXT = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:月份?|月)?$/;

/** Whether a text is written as YYYY-MM-DD (what settings, the CLI and the pane exchange). */
export function isISODay(s: unknown): s is string {
  return typeof s === "string" && ISO_DAY.test(s);
}

/**
 * A bound written as a year (2025, 2025年: 1 January as `from`, 31 December as `to`) or a year
 * and month (2025-03, 2025年3月: its first or last day); undefined when the text is neither,
 * null when it is but names no real month or year.
 */
export function boundOfYearOrMonth(
  text: string,
  which: "from" | "to"
): EpochDay | null | undefined {
  const s = normalizeText(text);
  const y = YEAR_TEXT.exec(s);
  if (y) return yearBound(Number(y[1]), which);
  const ym = YEAR_MONTH_TEXT.exec(s);
  if (ym) {
    const month = monthPeriod(Number(ym[1]), Number(ym[2]));
    return month === null ? null : which === "from" ? month.from : month.to;
  }
  return undefined;
}

/** 1 January (`from`) or 31 December (`to`) of a year; null outside the years the engine reads. */
export function yearBound(y: number, which: "from" | "to"): EpochDay | null {
  const p = yearPeriod(y);
  return p === null ? null : which === "from" ? p.from : p.to;
}

/**
 * A period from optional ISO bounds: both given → that range; only one → the calendar year it
 * falls in, from or to it; none → `fallback`. null when a bound is not a date or the range is
 * reversed.
 */
export function periodBetween(
  from: string | undefined,
  to: string | undefined,
  fallback: Period
): Period | null {
  if (!from && !to) return fallback;
  const f = from ? epochDayFromISO(from) : null;
  const t = to ? epochDayFromISO(to) : null;
  if ((from && f === null) || (to && t === null)) return null;
  const start = f ?? (yearBound(yearOf(t as number), "from") as number);
  const end = t ?? (yearBound(yearOf(f as number), "to") as number);
  return start <= end ? { from: start, to: end } : null;
}

export function periodISO(period: Period): { from: string; to: string } {
  return { from: isoFromEpochDay(period.from), to: isoFromEpochDay(period.to) };
}

/* ------------------------------------------------------------------ how a summary speaks of it */

export type PeriodShape =
  | { kind: "year"; year: number }
  | { kind: "firstHalf"; year: number }
  | { kind: "secondHalf"; year: number }
  | { kind: "other" };

/** Whole years and half-years get their own words (全年, 上半年); other ranges are "本期". */
export function periodShape(p: Period): PeriodShape {
  const a = ymdFromEpochDay(p.from);
  const b = ymdFromEpochDay(p.to);
  if (a.y !== b.y || a.d !== 1 || !isMonthEnd(p.to)) return { kind: "other" };
  if (a.m === 1 && b.m === 12) return { kind: "year", year: a.y };
  if (a.m === 1 && b.m === 6) return { kind: "firstHalf", year: a.y };
  if (a.m === 7 && b.m === 12) return { kind: "secondHalf", year: a.y };
  return { kind: "other" };
}

/** The same day a year earlier; a month's last day maps to that month's last day (29 Feb ↔ 28 Feb). */
function yearEarlier(day: EpochDay): EpochDay {
  const { y, m, d } = ymdFromEpochDay(day);
  if (isMonthEnd(day)) return lastDayOfMonth(y - 1, m) as number;
  return epochDayFromYMD(y - 1, m, d) as number;
}

/** 同比: the same dates of the previous year. */
export function samePeriodLastYear(p: Period): Period {
  return { from: yearEarlier(p.from), to: yearEarlier(p.to) };
}
