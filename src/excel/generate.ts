/**
 * One click, one Excel.run: read → analyze → figures → report → render.
 * Syncs: readWorkbook (2 + chunk batches) + loadSettings (1) + renderReport (RENDER_SYNCS).
 */
import { analyze, allIssues, figures, periodFrom } from "../core/engine";
import { normalizeLang } from "../core/i18n";
import { buildReport } from "../core/report";
import type { Lang, Severity } from "../core/types";
import { CeduExcelError } from "./errors";
import { withoutLiveRefresh } from "./live";
import { readWorkbook } from "./read";
import { loadSettings } from "./settings";
import { runExcel } from "./run";
import { renderReport } from "./write";

export interface GenerateOptions {
  lang?: Lang;
}

export interface GenerateOutcome {
  sheetName: string;
  sheetNames: string[];
  lang: Lang;
  issues: Record<Severity, number>;
}

function uiLang(): Lang {
  try {
    return normalizeLang(
      typeof Office !== "undefined" ? Office.context?.displayLanguage : undefined
    );
  } catch {
    return "zh-CN";
  }
}

export async function generateSummary(options: GenerateOptions = {}): Promise<GenerateOutcome> {
  // The summary is the add-in's own write: it must not make the live formulas re-read.
  return withoutLiveRefresh(() =>
    runExcel(async (context) => {
      const settings = await loadSettings(context);
      const lang = options.lang ?? settings.lang ?? uiLang();
      const workbook = await readWorkbook(context);
      const analysis = analyze(workbook, { overrides: settings.overrides });
      const period =
        periodFrom(analysis, settings.period?.from, settings.period?.to) ?? analysis.defaultPeriod;
      const metrics = figures(analysis, { period });
      const spec = buildReport(metrics, { lang });
      const { sheetNames } = await renderReport(context, spec);
      const issues: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
      for (const issue of allIssues(analysis, metrics)) issues[issue.severity]++;
      if (sheetNames.length === 0)
        throw new CeduExcelError("excel.failed", { detail: "empty report" });
      return { sheetName: sheetNames[0], sheetNames, lang, issues };
    })
  );
}
