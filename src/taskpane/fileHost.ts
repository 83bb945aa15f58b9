/**
 * The pane outside Excel: the user opens (or drops) an .xlsx file, the same engine checks it and
 * the summary or the issue list is offered for download. ExcelJS is imported dynamically, so it
 * is a separate chunk that loads only when a file is opened or written.
 */
import type { Issue, ReportSpec, WorkbookInput } from "../core";
import { containerOf, workbookFromBuffer } from "../xlsx/input";
import { type Host, type PaneSettings, type Purpose, loadStandardActions, PaneError } from "./host";
import { ui } from "./strings";

export interface FileHost extends Host {
  kind: "browser";
  /** Reads a picked or dropped file; the next `read()` returns it. */
  open(file: Blob, name: string): Promise<WorkbookInput>;
  fileName(): string | null;
}

/** The "PK" of a zip container: an .xlsx (and a .docx …) starts with it; an old .xls does not. */
async function looksLikeZip(file: Blob): Promise<boolean> {
  return containerOf(new Uint8Array(await file.slice(0, 2).arrayBuffer())) === "zip";
}

type ExcelJSModule = typeof import("exceljs");

async function loadExcelJS(): Promise<ExcelJSModule> {
  const mod = (await import(/* webpackChunkName: "exceljs" */ "exceljs")) as ExcelJSModule & {
    default?: ExcelJSModule;
  };
  return mod.default && typeof mod.default.Workbook === "function" ? mod.default : mod;
}

/**
 * Reads a picked or dropped .xlsx file into the engine's input; a PaneError naming the file when
 * it is not an .xlsx or cannot be read. Used for the open file and for every file consolidated
 * with it (in Excel too).
 */
export async function readWorkbookFile(file: Blob, fileName: string): Promise<WorkbookInput> {
  if (!/\.xlsx$/i.test(fileName) || !(await looksLikeZip(file))) {
    throw new PaneError("file.notXlsx", { name: fileName });
  }
  try {
    return await workbookFromBuffer(await loadExcelJS(), await file.arrayBuffer());
  } catch (error) {
    throw new PaneError("file.unreadable", {
      name: fileName,
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}

export function defaultDownload(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.rel = "noopener";
  link.style.display = "none";
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A file name that any file system accepts. */
function safeFileName(name: string): string {
  return name.replace(/[\\/:*?"<>|]+/g, "_").trim() || "CEDU";
}

export interface FileHostOptions {
  download?: (blob: Blob, name: string) => void;
}

export function createFileHost(options: FileHostOptions = {}): FileHost {
  const download = options.download ?? defaultDownload;
  let workbook: WorkbookInput | null = null;
  let name: string | null = null;
  let settings: PaneSettings = { overrides: {} };
  const outputs = new Map<Purpose, { blob: Blob; fileName: string }>();

  const host: FileHost = {
    kind: "browser",
    fileName: () => name,
    async open(file, fileName) {
      const input = await readWorkbookFile(file, fileName);
      workbook = input;
      name = fileName;
      settings = { overrides: {} };
      outputs.clear();
      return input;
    },
    async read() {
      if (workbook === null) throw new PaneError("file.none");
      return workbook;
    },
    async generate(spec: ReportSpec, purpose: Purpose = "summary") {
      const { summaryXlsx } = await import(/* webpackChunkName: "exceljs" */ "../xlsx/summary");
      const buffer = await summaryXlsx(spec);
      const sheetName = spec.sheets[0]?.name ?? "CEDU";
      const base = (name ?? "CEDU").replace(/\.xlsx$/i, "");
      const fileName = safeFileName(
        `${base}-${sheetName}-${spec.period.from}_${spec.period.to}.xlsx`
      );
      outputs.set(purpose, {
        blob: new Blob([buffer as BlobPart], { type: XLSX_TYPE }),
        fileName,
      });
      return { sheetName };
    },
    async reveal(_sheetName: string, purpose: Purpose = "summary") {
      const output = outputs.get(purpose);
      if (output) download(output.blob, output.fileName);
    },
    async mark(_issues: readonly Issue[]) {
      throw new PaneError("check.markOnlyExcel");
    },
    async clearMarks() {
      throw new PaneError("check.markOnlyExcel");
    },
    async select(_issue: Issue) {
      // Nothing to select in a file: the list itself shows the cell.
    },
    async loadSettings() {
      return settings;
    },
    async saveSettings(next: PaneSettings) {
      settings = next;
    },
    async insertStandard(lang) {
      const { templateFile } = await loadStandardActions();
      const fileName = safeFileName(`${ui("standard.templateFile", lang)}.xlsx`);
      download(new Blob([(await templateFile(lang)) as BlobPart], { type: XLSX_TYPE }), fileName);
      return { where: "file", sheets: [], fileName, rows: 0, highlighted: 0, notes: false };
    },
    async tidyStandard(input, analysis, lang) {
      const { tidyFile } = await loadStandardActions();
      const made = await tidyFile(input, analysis, lang);
      const base = (name ?? "CEDU").replace(/\.xlsx$/i, "");
      const fileName = safeFileName(`${base}-${ui("standard.tidiedFileName", lang)}.xlsx`);
      download(new Blob([made.bytes as BlobPart], { type: XLSX_TYPE }), fileName);
      return {
        where: "file",
        sheets: made.sheets,
        fileName,
        rows: made.rows,
        highlighted: made.highlighted,
        notes: true,
      };
    },
    async insertFormula(text: string) {
      if (typeof navigator === "undefined" || !navigator.clipboard)
        throw new PaneError("formulas.copyFailed", { formula: text });
      try {
        await navigator.clipboard.writeText(text);
      } catch {
        throw new PaneError("formulas.copyFailed", { formula: text });
      }
      return "copied";
    },
  };
  return host;
}
