/**
 * The periods a work summary speaks of: the reporting period's shape (a year,
 * a half-year, anything else) and the same period one year earlier.
 */
import { epochDayFromYMD, ymdFromEpochDay } from "../cells";
import type { EpochDay, Period } from "../types";

export type PeriodShape =
  | { kind: "year"; year: number }
  | { kind: "firstHalf"; year: number }
  | { kind: "secondHalf"; year: number }
  | { kind: "other" };

function lastDayOfMonth(y: number, m: number): number {
  return (epochDayFromYMD(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) as number) - 1;
}

function isMonthEnd(day: EpochDay): boolean {
  const { y, m } = ymdFromEpochDay(day);
  return lastDayOfMonth(y, m) === day;
}

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
  if (isMonthEnd(day)) return lastDayOfMonth(y - 1, m);
  return epochDayFromYMD(y - 1, m, d) as number;
}

/** 同比: the same dates of the previous year. */
export function samePeriodLastYear(p: Period): Period {
  return { from: yearEarlier(p.from), to: yearEarlier(p.to) };
}
