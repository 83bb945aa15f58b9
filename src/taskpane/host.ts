/**
 * What the task pane needs from where it runs. Two implementations: Excel (this file, through
 * src/excel) and a picked or dropped .xlsx file in a plain browser (fileHost.ts). The pane never
 * builds Office.js requests itself except the one-line formula insert below, which src/excel does
 * not offer yet.
 */
import type {
  Analysis,
  Issue,
  Lang,
  Overrides,
  ReportSpec,
  SectionKey,
  WorkbookInput,
} from "../core";
import { CeduExcelError } from "../excel/errors";
import { insertFormula } from "../excel/formula";
import { refreshWorkbookModel, withoutLiveRefresh } from "../excel/liveSource";
import { clearMarks, markIssues } from "../excel/marks";
import { selectIssueCell } from "../excel/navigate";
import { readWorkbook } from "../excel/read";
import { loadSettings, saveSettings } from "../excel/settings";
import { runExcel } from "../excel/run";
import { renderReport } from "../excel/write";
import type { StringKey } from "./strings";

export type HostKind = "excel" | "browser";

/** The summary, or the issue list written as a sheet / file. */
export type Purpose = "summary" | "issues";

/** Per-workbook settings: the same shape src/excel stores under "cedu.settings". */
export interface PaneSettings {
  overrides: Overrides;
  period?: { from?: string; to?: string };
  lang?: Lang;
  /** Sections chosen for the summary; absent: every section the figures fill. */
  sections?: SectionKey[];
}

/** What "insert standard sheets" or "tidy" produced: sheets in Excel, a downloaded file outside. */
export interface StandardOutcome {
  where: "sheets" | "file";
  /** The sheets written (in Excel) or held by the file. */
  sheets: string[];
  /** The downloaded file's name (outside Excel). */
  fileName?: string;
  /** Tidied rows, and cells highlighted with an issue. */
  rows: number;
  highlighted: number;
  /** The highlighted cells carry the issue as a note. */
  notes: boolean;
  /** Excel, after tidying: the corrections that set the source sheets aside, to be saved. */
  overrides?: Overrides;
}

export interface Host {
  kind: HostKind;
  read(): Promise<WorkbookInput>;
  /** Excel: writes the spec's sheets. Browser: renders an .xlsx and keeps it for `reveal`. */
  generate(spec: ReportSpec, purpose?: Purpose): Promise<{ sheetName: string }>;
  /** Excel: activates the generated sheet. Browser: downloads the generated file. */
  reveal(sheetName: string, purpose?: Purpose): Promise<void>;
  /** `unmarked`: cells beyond the marking cap, still listed in the pane. */
  mark(issues: readonly Issue[], lang: Lang): Promise<{ marked: number; unmarked: number }>;
  clearMarks(): Promise<{ restored: number }>;
  select(issue: Issue): Promise<void>;
  loadSettings(): Promise<PaneSettings>;
  saveSettings(settings: PaneSettings): Promise<void>;
  /** Excel: writes the formula into the selected cell. Browser: copies it to the clipboard. */
  insertFormula(text: string): Promise<"inserted" | "copied">;
  /** Excel: adds the standard sheets to the workbook. Browser: downloads the template. */
  insertStandard(lang: Lang): Promise<StandardOutcome>;
  /** Excel: writes the tidied sheets beside the user's. Browser: downloads them as a file. */
  tidyStandard(
    input: WorkbookInput,
    analysis: Analysis,
    lang: Lang,
    overrides: Overrides
  ): Promise<StandardOutcome>;
}

/** The standard-workbook actions: a chunk of their own, loaded on first use. */
export const loadStandardActions = () =>
  import(/* webpackChunkName: "standard" */ "./standardActions");

/** An error of the pane itself (file door), rendered from strings.ts. */
export class PaneError extends Error {
  constructor(
    public key: StringKey,
    public params: Record<string, string | number> = {}
  ) {
    super(key);
    this.name = "PaneError";
  }
}

/** A sheet-level pseudo issue: selecting it activates the sheet without selecting a cell. */
function sheetTarget(sheet: string): Issue {
  return {
    code: "missing-kind",
    severity: "info",
    sheet,
    row: 0,
    col: 0,
    cell: sheet,
    value: "",
    message: { key: sheet },
  };
}

async function navigate(issue: Issue): Promise<void> {
  const result = await runExcel((context) => selectIssueCell(context, issue));
  if (!result.ok) throw new CeduExcelError(result.key, result.params);
}

export function createExcelHost(): Host {
  return {
    kind: "excel",
    read: () => runExcel((context) => readWorkbook(context)),
    generate: async (spec) => {
      const { sheetNames } = await withoutLiveRefresh(() =>
        runExcel((context) => renderReport(context, spec))
      );
      return { sheetName: sheetNames[0] ?? spec.sheets[0]?.name ?? "" };
    },
    reveal: (sheetName) => navigate(sheetTarget(sheetName)),
    mark: (issues, lang) =>
      withoutLiveRefresh(() => runExcel((context) => markIssues(context, issues, lang))),
    clearMarks: () => withoutLiveRefresh(() => runExcel((context) => clearMarks(context))),
    select: (issue) => navigate(issue),
    loadSettings: () => runExcel((context) => loadSettings(context)),
    saveSettings: async (settings) => {
      await runExcel((context) => saveSettings(context, settings));
      // The live CEDU formulas read the same corrections: let them follow.
      await refreshWorkbookModel();
    },
    insertFormula: async (text) => {
      await runExcel((context) => insertFormula(context, text));
      return "inserted";
    },
    insertStandard: async (lang) => {
      const { insertInExcel } = await loadStandardActions();
      return withoutLiveRefresh(() => runExcel((context) => insertInExcel(context, lang)));
    },
    tidyStandard: async (input, analysis, lang, overrides) => {
      const { tidyInExcel } = await loadStandardActions();
      return withoutLiveRefresh(() =>
        runExcel((context) => tidyInExcel(context, input, analysis, lang, overrides))
      );
    },
  };
}
