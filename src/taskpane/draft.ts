/**
 * The pane's work-summary draft (no React): the draft for the generated figures, compared with
 * last year from the workbook's own rows or from a second workbook the user opens, its text for
 * the clipboard and its .docx for download. Both hosts (Excel and the file door) use it, so the
 * text and the file are the ones `cedu report --text / --docx` makes.
 *
 * The .docx builder is imported on demand: it is a chunk of its own that loads only when the
 * user asks for the file.
 */
import { analyze, fillTemplate, periodISO, type Analysis } from "../core";
import {
  buildDraft,
  draftText,
  isComparison,
  previousYearInData,
  previousYearInWorkbook,
  type Comparison,
  type Draft,
} from "../core";
import type { Lang, Metrics, Period } from "../core";
import { containerOf, workbookFromBuffer } from "../xlsx/input";

/** A workbook opened for comparison (last year's). */
export interface CompareWorkbook {
  name: string;
  analysis: Analysis;
}

export interface PaneDraft {
  draft: Draft;
  text: string;
  comparison: Comparison | null;
  /** The compared workbook had nothing for the previous period: the draft has no comparison. */
  compareEmpty: { name: string; period: Period } | null;
}

export function paneDraft(
  analysis: Analysis,
  metrics: Metrics,
  lang: Lang,
  other: CompareWorkbook | null
): PaneDraft {
  let comparison: Comparison | null = null;
  let compareEmpty: PaneDraft["compareEmpty"] = null;
  if (other) {
    const found = previousYearInWorkbook(analysis, metrics, other.analysis, other.name);
    if (isComparison(found)) comparison = found;
    else compareEmpty = { name: other.name, period: found.period };
  } else {
    comparison = previousYearInData(analysis, metrics);
  }
  const draft = buildDraft(metrics, { lang, comparison });
  return { draft, text: draftText(draft), comparison, compareEmpty };
}

export const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

export async function docxBlob(draft: Draft): Promise<Blob> {
  const { draftDocx } = await import(/* webpackChunkName: "docx" */ "../docx/draftDocx");
  const bytes = await draftDocx(draft);
  return new Blob([bytes as BlobPart], { type: DOCX_TYPE });
}

/** 工作总结-2025-01-01_2025-12-31.docx; any file system accepts it. */
export function draftFileName(base: string | null, period: Period, lang: Lang): string {
  const { from, to } = periodISO(period);
  const label = lang === "zh-CN" ? "工作总结" : "work-summary";
  const stem = base ? `${base.replace(/\.xlsx$/i, "")}-${label}` : label;
  return `${stem}-${from}_${to}.docx`.replace(/[\\/:*?"<>|]+/g, "_");
}

type ExcelJSModule = typeof import("exceljs");

/** Reads last year's workbook (.xlsx) from a picked file; null when it is not an .xlsx. */
export async function readCompareFile(file: Blob, name: string): Promise<CompareWorkbook | null> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  if (!/\.xlsx$/i.test(name) || containerOf(head) !== "zip") return null;
  const mod = (await import(/* webpackChunkName: "exceljs" */ "exceljs")) as ExcelJSModule & {
    default?: ExcelJSModule;
  };
  const ExcelJS = mod.default && typeof mod.default.Workbook === "function" ? mod.default : mod;
  return { name, analysis: analyze(await workbookFromBuffer(ExcelJS, await file.arrayBuffer())) };
}

/** Puts the draft on the clipboard; false when the host does not allow it. */
export async function copyText(text: string): Promise<boolean> {
  if (typeof navigator === "undefined" || !navigator.clipboard) return false;
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

const zh = {
  title: "工作总结（草稿）",
  intro:
    "按本次汇总的数据写成的工作总结草稿，每个数字都与汇总表一致。复制后粘贴到 Word，或下载 Word 文档。",
  copy: "复制总结",
  copied: "已复制到剪贴板",
  copyFailed: "无法写入剪贴板：请在下方选中全文后按 Ctrl+C 复制",
  download: "下载 Word 文档（.docx）",
  downloadFailed: "无法生成 Word 文档：{detail}",
  compareOpen: "选择上年工作簿…",
  compareClear: "不与对比工作簿比较",
  compareLabel: "上年工作簿（.xlsx）",
  compareNone: "未找到上年同期的数据：草稿中没有“比上年”。可以选择上年的工作簿进行比较。",
  compareData: "“比上年”取自本工作簿中上年同期（{from} 至 {to}）的数据。",
  compareFile: "“比上年”取自对比工作簿“{name}”中上年同期（{from} 至 {to}）的数据。",
  compareEmpty: "对比工作簿“{name}”在 {from} 至 {to} 没有数据，草稿中没有“比上年”。",
  compareBad: "“{name}”不是 .xlsx 工作簿，无法用于比较。",
  compareFailed: "无法读取“{name}”：{detail}",
  busy: "正在生成……",
  preview: "草稿全文",
};
export type DraftStringKey = keyof typeof zh;
const en: Record<DraftStringKey, string> = {
  title: "Work summary draft",
  intro:
    "A draft of the work summary written from the figures of this summary; every number matches the summary sheet. Copy it into Word, or download a Word document.",
  copy: "Copy the summary",
  copied: "Copied to the clipboard",
  copyFailed: "The clipboard is not available: select the text below and press Ctrl+C",
  download: "Download Word document (.docx)",
  downloadFailed: "Cannot make the Word document: {detail}",
  compareOpen: "Choose last year's workbook…",
  compareClear: "Do not compare with that workbook",
  compareLabel: "Last year's workbook (.xlsx)",
  compareNone:
    "No data for the same period last year: the draft has no comparison. You can choose last year's workbook to compare with.",
  compareData:
    "Changes are against this workbook's own rows of the same period last year ({from} to {to}).",
  compareFile: "Changes are against “{name}”, the same period last year ({from} to {to}).",
  compareEmpty: "“{name}” has no data from {from} to {to}: the draft has no comparison.",
  compareBad: "“{name}” is not an .xlsx workbook and cannot be compared with.",
  compareFailed: "Cannot read “{name}”: {detail}",
  busy: "Working…",
  preview: "Full text of the draft",
};

export const DRAFT_STRINGS: Record<Lang, Record<DraftStringKey, string>> = {
  "zh-CN": zh,
  "en-US": en,
};

export function draftUi(
  key: DraftStringKey,
  lang: Lang,
  params: Record<string, string> = {}
): string {
  return fillTemplate(DRAFT_STRINGS[lang][key], params);
}
