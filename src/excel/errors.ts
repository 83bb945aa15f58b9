/**
 * Errors of the Excel door. A `CeduExcelError` carries a message key and parameters, never a
 * finished sentence: the task pane (or the ribbon command) renders it in the user's language.
 * The keys live here, with their zh-CN/en-US texts, because src/core's catalogue belongs to the
 * engine and these messages concern Excel only.
 */
import { fillTemplate } from "../core";
import type { Lang } from "../core";

export class CeduExcelError extends Error {
  constructor(
    public key: string,
    public params?: Record<string, string | number>
  ) {
    super(key);
    this.name = "CeduExcelError";
  }
}

export const EXCEL_MESSAGES: Record<Lang, Record<string, string>> = {
  "zh-CN": {
    "excel.workbookProtected":
      "工作簿结构受保护，无法生成汇总表。请先取消保护（审阅 → 保护工作簿）。",
    "excel.sheetProtected": "工作表“{sheet}”受保护，无法替换。请先取消保护。",
    "excel.marksSheetProtected":
      "工作表“{sheet}”受保护，其保护设置不允许“设置单元格格式”，因此无法标记问题单元格。请先撤消工作表保护（审阅 → 撤消工作表保护），或在保护时允许“设置单元格格式”，然后重试。",
    "excel.accessDenied":
      "Excel 拒绝了这项更改：某张工作表或工作簿受保护，或文件为只读。请检查保护设置后重试。",
    "excel.readOnly": "工作簿为只读，无法写入。请另存为副本后重试。",
    "excel.cellEditMode": "Excel 正在编辑单元格。请先按 Enter 或 Esc 结束编辑，再重试。",
    "excel.payloadTooLarge": "数据量超出 Excel 单次传输上限，请缩小数据范围后重试。",
    "excel.sheetMissing": "找不到工作表“{sheet}”。",
    "excel.sheetHidden": "工作表“{sheet}”已隐藏。请先取消隐藏，再定位到该单元格。",
    "excel.noCell": "该问题针对整张工作表，没有具体单元格。",
    "excel.noMarks": "没有需要清除的标记。",
    "excel.failed": "Excel 操作失败：{detail}",
    "excel.standardUnsupported":
      "此版本的 Excel 不支持数据验证（需要 ExcelApi 1.8：Excel 2019、Microsoft 365 或网页版），无法插入带下拉列表的标准表。可用命令行 cedu template 生成标准表文件。",
    "excel.standardProtected":
      "工作簿结构受保护，无法添加工作表。请先取消保护（审阅 → 保护工作簿）。",
    "status.running": "正在生成汇总……",
    "status.done": "已生成“{sheet}”：错误 {errors} 条，警告 {warnings} 条，提示 {infos} 条。",
  },
  "en-US": {
    "excel.workbookProtected":
      "The workbook structure is protected, so the summary cannot be created. Unprotect it first (Review → Protect Workbook).",
    "excel.sheetProtected":
      'Sheet "{sheet}" is protected and cannot be replaced. Unprotect it first.',
    "excel.readOnly": "The workbook is read-only. Save a copy and try again.",
    "excel.marksSheetProtected":
      'Sheet "{sheet}" is protected and its protection does not allow formatting cells, so its problem cells cannot be marked. Unprotect it (Review → Unprotect Sheet) or allow "Format cells" when protecting it, then try again.',
    "excel.accessDenied":
      "Excel refused the change: a sheet or the workbook is protected, or the file is read-only. Check the protection and try again.",
    "excel.cellEditMode": "Excel is editing a cell. Press Enter or Esc, then try again.",
    "excel.payloadTooLarge":
      "The data exceeds what Excel can transfer at once. Narrow it down and try again.",
    "excel.sheetMissing": 'Sheet "{sheet}" was not found.',
    "excel.sheetHidden": 'Sheet "{sheet}" is hidden. Unhide it to go to the cell.',
    "excel.noCell": "This issue concerns the whole sheet, not one cell.",
    "excel.noMarks": "There are no marks to clear.",
    "excel.failed": "Excel could not complete the operation: {detail}",
    "excel.standardUnsupported":
      "This version of Excel has no data validation (ExcelApi 1.8: Excel 2019, Microsoft 365 or Excel on the web), so the standard sheets with their drop-downs cannot be added. The command line's cedu template writes them as a file.",
    "excel.standardProtected":
      "The workbook structure is protected, so no sheet can be added. Unprotect it first (Review → Protect Workbook).",
    "status.running": "Generating the summary…",
    "status.done": 'Created "{sheet}": {errors} errors, {warnings} warnings, {infos} notes.',
  },
};

/** Renders a key of this module; unknown keys come back as the key itself. */
export function excelText(
  key: string,
  lang: Lang,
  params: Record<string, string | number> = {}
): string {
  const template = EXCEL_MESSAGES[lang][key] ?? key;
  return fillTemplate(template, params);
}

/** Maps an OfficeExtension.Error (or anything thrown) to a CeduExcelError by its non-localized code. */
export function toCeduError(error: unknown): CeduExcelError {
  if (error instanceof CeduExcelError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case "InvalidOperationInCellEditMode":
      return new CeduExcelError("excel.cellEditMode");
    case "RequestPayloadSizeLimitExceeded":
    case "ResponsePayloadSizeLimitExceeded":
    case "RangeExceedsLimit":
      return new CeduExcelError("excel.payloadTooLarge");
    case "AccessDenied":
      // Protection or a read-only file: the checks before each write name the sheet; this is
      // what is left when Excel refuses anyway.
      return new CeduExcelError("excel.accessDenied");
    default:
      return new CeduExcelError("excel.failed", {
        detail: error instanceof Error ? error.message : String(error),
      });
  }
}
