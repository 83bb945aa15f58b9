/**
 * What the pane displays, as plain logic (no React, no DOM): period choices, numbers, the issue
 * list as a report spec, and error texts. Tests import it to compute what the pane must show.
 */
import {
  format,
  halfYearPeriod,
  periodFrom,
  periodISO,
  rateValue,
  yearOf,
  yearPeriod,
  type Analysis,
} from "../core";
import type { Issue, IssueCode, Lang, Period, Rate, ReportSpec, Severity } from "../core";
import { reportTable, ISSUES_TABLE } from "../core";

import { CeduExcelError, excelText } from "../excel/errors";
import { PaneError } from "./host";
import { ui } from "./strings";

export type PeriodChoice =
  | { mode: "year"; year: number }
  | { mode: "half"; year: number; half: 1 | 2 }
  | { mode: "custom"; from: string; to: string };

export function defaultChoice(analysis: Analysis | null): PeriodChoice {
  return {
    mode: "year",
    year: analysis ? yearOf(analysis.defaultPeriod) : new Date().getFullYear(),
  };
}

/** The period a choice stands for; null when a custom range is incomplete or reversed. */
export function resolvePeriod(analysis: Analysis, choice: PeriodChoice): Period | null {
  switch (choice.mode) {
    case "year":
      return yearPeriod(choice.year);
    case "half":
      return halfYearPeriod(choice.year, choice.half);
    case "custom":
      return choice.from && choice.to ? periodFrom(analysis, choice.from, choice.to) : null;
  }
}

/** Years offered in the period picker: around the data's default year. */
export function yearOptions(analysis: Analysis | null): number[] {
  const latest = analysis ? yearOf(analysis.defaultPeriod) : new Date().getFullYear();
  return [latest + 1, latest, latest - 1, latest - 2, latest - 3, latest - 4];
}

/** 0.6234 → "62.3%"; a zero denominator → "—". */
export function formatRate(rate: Rate | number | null): string {
  const v = typeof rate === "number" || rate === null ? rate : rateValue(rate);
  return v === null || !Number.isFinite(v) ? "—" : `${(Math.round(v * 1000) / 10).toFixed(1)}%`;
}

export function formatCount(n: number, lang: Lang): string {
  return n.toLocaleString(lang);
}

export type SeverityCounts = Record<Severity, number>;

export function countBySeverity(issues: readonly Issue[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const issue of issues) counts[issue.severity]++;
  return counts;
}

export function countByCode(issues: readonly Issue[]): Array<[IssueCode, number]> {
  const counts = new Map<IssueCode, number>();
  for (const issue of issues) counts.set(issue.code, (counts.get(issue.code) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

const SEVERITY_KEY = {
  error: "severity.error",
  warning: "severity.warning",
  info: "severity.info",
} as const;

export function severityLabel(severity: Severity, lang: Lang): string {
  return format({ key: SEVERITY_KEY[severity] }, lang);
}

/** The issue list as a one-sheet report spec, drawn by the same renderers as the summary. */
export function issuesSpec(issues: readonly Issue[], period: Period, lang: Lang): ReportSpec {
  const iso = periodISO(period);
  const now = new Date();
  const p = (n: number) => String(n).padStart(2, "0");
  const generatedAt = `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())} ${p(now.getHours())}:${p(now.getMinutes())}`;
  const title = ui("check.issuesTitle", lang);
  return {
    lang,
    period: iso,
    generatedAt,
    sheets: [
      {
        key: "issues",
        name: ui("check.issuesSheet", lang),
        title: `${title}\u3000${ui("period.shown", lang, iso)}\u3000${generatedAt}`,
        sections: [
          {
            key: "overview",
            chart: null,
            table: reportTable(ISSUES_TABLE, issues, lang, {
              title,
              note: ui("check.total", lang, { count: issues.length }),
            }),
          },
        ],
      },
    ],
  };
}

/** An error as shown in a MessageBar: its text and, when known, where (sheet and cell). */
export interface ShownError {
  text: string;
  where?: string;
}

export function describeError(error: unknown, lang: Lang): ShownError {
  if (error instanceof PaneError) return { text: ui(error.key, lang, error.params) };
  if (
    error instanceof CeduExcelError ||
    (error instanceof Error && error.name === "CeduExcelError")
  ) {
    const e = error as CeduExcelError;
    const params = e.params ?? {};
    const where = typeof params.sheet === "string" ? String(params.sheet) : undefined;
    return { text: excelText(e.key, lang, params), where };
  }
  return {
    text: ui("error.unexpected", lang, {
      detail: error instanceof Error ? error.message : String(error),
    }),
  };
}
