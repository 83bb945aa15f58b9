/**
 * One click, one Excel.run: read → analyze → summarize (core's one pipeline, with the period and
 * sections the pane saved in the workbook's settings) → render.
 * Syncs: readWorkbook (2 + chunk batches) + loadSettings (1) + renderReport (RENDER_SYNCS).
 */
import { analyze } from "../core";
import { normalizeLang } from "../core";
import { summarize } from "../core";
import type { Lang, Severity } from "../core";
import { CeduExcelError } from "./errors";
import { withoutLiveRefresh } from "./liveSource";
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
      const summary = summarize(analysis, {
        lang,
        period: settings.period,
        sections: settings.sections,
      });
      const { sheetNames } = await renderReport(context, summary.spec);
      const issues: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
      for (const issue of summary.issues) issues[issue.severity]++;
      if (sheetNames.length === 0)
        throw new CeduExcelError("excel.failed", { detail: "empty report" });
      return { sheetName: sheetNames[0], sheetNames, lang, issues };
    })
  );
}
