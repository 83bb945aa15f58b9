/**
 * One generation pipeline: from an analysis and what the user chose (period, sections, language)
 * to the figures and the summary spec. The task pane, the ribbon's button, the command line and
 * the file door all call this, so a summary generated from the ribbon is the one the pane would
 * have generated with the same choices.
 */
import { draftTable } from "../draft/table";
import { buildDraft } from "../draft/build";
import { previousYearInData, type Comparison } from "../draft/compare";
import type { District } from "../district/consolidate";
import { allIssues, figures, periodFrom, type Analysis } from "../engine";
import type { Issue, Lang, Metrics, Period, ReportSpec, SectionKey } from "../types";
import { availableSections, buildReport } from "./build";

export interface SummarizeOptions {
  lang: Lang;
  /** ISO dates as the user chose them (saved in the workbook's settings); absent: the default period. */
  period?: { from?: string; to?: string };
  /** The sections chosen; absent: every section the figures can fill. */
  sections?: readonly SectionKey[];
  generatedAt?: string;
  /** Several workbooks merged: adds what each file reported and who has not reported. */
  district?: District | null;
  /** The figures of last year from a second workbook; absent: last year in the data, if covered. */
  comparison?: Comparison | null;
}

export interface Summary {
  period: Period;
  metrics: Metrics;
  spec: ReportSpec;
  issues: Issue[];
}

export function summarize(analysis: Analysis, options: SummarizeOptions): Summary {
  const period =
    periodFrom(analysis, options.period?.from, options.period?.to) ?? analysis.defaultPeriod;
  const metrics = figures(analysis, { period });
  const district = options.district ?? null;
  const wanted = options.sections ?? availableSections(metrics, { district });
  // The draft costs a comparison with last year: only when the 总结 section is wanted.
  const draft = wanted.includes("draft")
    ? buildDraft(metrics, {
        lang: options.lang,
        comparison:
          options.comparison === undefined
            ? previousYearInData(analysis, metrics)
            : options.comparison,
      })
    : null;
  const spec = buildReport(metrics, {
    lang: options.lang,
    sections: wanted,
    generatedAt: options.generatedAt,
    district,
    draft: draft && draftTable(draft),
  });
  return { period, metrics, spec, issues: allIssues(analysis, metrics) };
}
