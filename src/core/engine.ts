/**
 * The engine's front door: recognise and validate a workbook once, then ask
 * for figures over any period or filter as often as needed.
 */
import { todayEpochDay } from "./cells";
import type { Dataset } from "./dataset";
import { detectSheets, type DetectedSheet } from "./detect";
import { computeMetrics, defaultPeriod } from "./metrics";
import { periodBetween } from "./period";
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
  return analyzeDetected(workbook, options).analysis;
}

/** `analyze`, also giving the detections it read the sheets by (what a later patch starts from). */
export function analyzeDetected(
  workbook: WorkbookInput,
  options: AnalyzeOptions = {}
): { analysis: Analysis; detected: DetectedSheet[] } {
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
  return {
    analysis: { sheets, data, issues, today, defaultPeriod: defaultPeriod(data, today) },
    detected,
  };
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

/** A period from optional ISO bounds, the analysis's default period when neither is given (see `periodBetween`). */
export function periodFrom(analysis: Analysis, from?: string, to?: string): Period | null {
  return periodBetween(from, to, analysis.defaultPeriod);
}
