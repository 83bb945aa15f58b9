/** The one period module: bounds of years, half-years and months, and from/to as doors write them. */
import { epochDayFromISO } from "../../src/core/cells";
import {
  boundOfYearOrMonth,
  halfYearPeriod,
  isISODay,
  lastDayOfMonth,
  monthPeriod,
  periodBetween,
  periodISO,
  periodShape,
  yearBound,
  yearOf,
  yearPeriod,
} from "../../src/core/period";
import type { Period } from "../../src/core/types";

const day = (iso: string) => epochDayFromISO(iso) as number;
const iso = (p: Period | null) => (p ? periodISO(p) : null);

describe("core/period", () => {
  test("a year, each half-year and a month run from their first to their last day", () => {
    expect(iso(yearPeriod(2024))).toEqual({ from: "2024-01-01", to: "2024-12-31" });
    expect(iso(halfYearPeriod(2024, 1))).toEqual({ from: "2024-01-01", to: "2024-06-30" });
    expect(iso(halfYearPeriod(2024, 2))).toEqual({ from: "2024-07-01", to: "2024-12-31" });
    expect(iso(monthPeriod(2024, 2))).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(iso(monthPeriod(2025, 2))).toEqual({ from: "2025-02-01", to: "2025-02-28" });
    expect(iso(monthPeriod(2025, 12))).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(monthPeriod(2025, 13)).toBeNull();
    expect(lastDayOfMonth(2025, 0)).toBeNull();
    expect(yearPeriod(999)).toBeNull();
  });

  test("the pane's choices have the words a summary uses for them", () => {
    expect(periodShape(yearPeriod(2025) as Period)).toEqual({ kind: "year", year: 2025 });
    expect(periodShape(halfYearPeriod(2025, 1) as Period)).toEqual({
      kind: "firstHalf",
      year: 2025,
    });
    expect(periodShape(halfYearPeriod(2025, 2) as Period)).toEqual({
      kind: "secondHalf",
      year: 2025,
    });
    expect(periodShape(monthPeriod(2025, 3) as Period)).toEqual({ kind: "other" });
  });

  test("from/to: both given is that range, one given is its calendar year from or to it, none the fallback", () => {
    const fallback = yearPeriod(2020) as Period;
    expect(iso(periodBetween("2025-03-01", "2025-04-15", fallback))).toEqual({
      from: "2025-03-01",
      to: "2025-04-15",
    });
    expect(iso(periodBetween("2025-03-01", undefined, fallback))).toEqual({
      from: "2025-03-01",
      to: "2025-12-31",
    });
    expect(iso(periodBetween(undefined, "2025-03-01", fallback))).toEqual({
      from: "2025-01-01",
      to: "2025-03-01",
    });
    expect(periodBetween(undefined, undefined, fallback)).toBe(fallback);
    expect(periodBetween("2025-05-01", "2025-04-01", fallback)).toBeNull();
    expect(periodBetween("2025-02-30", undefined, fallback)).toBeNull();
  });

  test("a bound written as a year or a year and month, as a formula argument may be", () => {
    expect(boundOfYearOrMonth("2025", "from")).toBe(day("2025-01-01"));
    expect(boundOfYearOrMonth("2025年", "to")).toBe(day("2025-12-31"));
    expect(boundOfYearOrMonth("2024-02", "to")).toBe(day("2024-02-29"));
    expect(boundOfYearOrMonth("２０２５年３月", "from")).toBe(day("2025-03-01"));
    expect(boundOfYearOrMonth("2025-13", "from")).toBeNull();
    expect(boundOfYearOrMonth("2025-03-05", "from")).toBeUndefined();
    expect(yearBound(2025, "to")).toBe(day("2025-12-31"));
  });

  test("ISO days are what settings and the command line accept; the year of a day or period", () => {
    expect(isISODay("2025-03-05")).toBe(true);
    expect(isISODay("2025-3-5")).toBe(false);
    expect(isISODay(20250305)).toBe(false);
    expect(yearOf(day("2025-12-31"))).toBe(2025);
    expect(yearOf(yearPeriod(2019) as Period)).toBe(2019);
  });
});
