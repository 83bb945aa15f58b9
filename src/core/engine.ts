/**
 * The engine's front door: recognise and validate a workbook once, then ask
 * for figures over any period or filter as often as needed.
 */
import {
  epochDayFromISO,
  epochDayFromYMD,
  isoFromEpochDay,
  todayEpochDay,
  ymdFromEpochDay,
} from "./cells";
import type { Dataset } from "./dataset";
import { detectSheets } from "./detect";
import { computeMetrics, defaultPeriod } from "./metrics";
import type {
  EpochDay,
  Filter,
  Issue,
  Metrics,
  Overrides,
  Period,
  SheetDetection,
  WorkbookInput,
} from "./types";
import { validate } from "./validate";

export interface AnalyzeOptions {
  overrides?: Overrides;
  /** Dates after today are errors; injectable for tests. */
  today?: EpochDay;
}

export interface Analysis {
  sheets: SheetDetection[];
  data: Dataset;
  /** Issues that do not depend on the period. */
  issues: Issue[];
  today: EpochDay;
  /** The calendar year of the latest date in the data. */
  defaultPeriod: Period;
}

export function analyze(workbook: WorkbookInput, options: AnalyzeOptions = {}): Analysis {
  const today = options.today ?? todayEpochDay();
  const detected = detectSheets(workbook.sheets, options.overrides ?? {});
  const { data, issues, rows } = validate(workbook.sheets, detected, {
    date1904: workbook.date1904,
    today,
  });
  const sheets: SheetDetection[] = detected.map(({ dataStart: _dataStart, ...rest }, i) => ({
    ...rest,
    ...rows[i],
  }));
  return { sheets, data, issues, today, defaultPeriod: defaultPeriod(data, today) };
}

export interface FigureOptions {
  period?: Period;
  filter?: Filter;
}

export function figures(analysis: Analysis, options: FigureOptions = {}): Metrics {
  return computeMetrics(analysis.data, {
    period: options.period ?? analysis.defaultPeriod,
    filter: options.filter,
  });
}

/** All issues for a period, most severe first, then by sheet and cell. */
export function allIssues(analysis: Analysis, metrics: Metrics): Issue[] {
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sheetOrder = new Map(analysis.sheets.map((s, i) => [s.name, i]));
  return [...analysis.issues, ...metrics.issues].sort(
    (a, b) =>
      order[a.severity] - order[b.severity] ||
      (sheetOrder.get(a.sheet) ?? -1) - (sheetOrder.get(b.sheet) ?? -1) ||
      a.row - b.row ||
      a.col - b.col
  );
}

/**
 * A period from optional ISO bounds: both given → that range; only one → the
 * calendar year it falls in, from or to it; none → the default period.
 * null when a bound is not a date or the range is reversed.
 */
export function periodFrom(analysis: Analysis, from?: string, to?: string): Period | null {
  if (!from && !to) return analysis.defaultPeriod;
  const f = from ? epochDayFromISO(from) : null;
  const t = to ? epochDayFromISO(to) : null;
  if ((from && f === null) || (to && t === null)) return null;
  const start = f ?? yearBound(t as number, "start");
  const end = t ?? yearBound(f as number, "end");
  return start <= end ? { from: start, to: end } : null;
}

function yearBound(day: EpochDay, which: "start" | "end"): EpochDay {
  const y = ymdFromEpochDay(day).y;
  return (which === "start" ? epochDayFromYMD(y, 1, 1) : epochDayFromYMD(y, 12, 31)) as number;
}

export function periodISO(period: Period): { from: string; to: string } {
  return { from: isoFromEpochDay(period.from), to: isoFromEpochDay(period.to) };
}
