/**
 * ExcelJS workbooks to the engine's plain input. No Node APIs here: the task
 * pane uses the same conversion on a file picked in the browser.
 */
import type ExcelJS from "exceljs";
import type { SheetInput, WorkbookInput } from "../core/types";

/** ExcelJS cell value → what Office.js would hand over (errors as {error}). */
export function plainValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v !== "object") return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  const o = v as Record<string, unknown>;
  if ("error" in o) return { error: String(o.error) };
  if ("result" in o) return plainValue(o.result);
  if ("formula" in o || "sharedFormula" in o) return null;
  if (Array.isArray(o.richText)) return (o.richText as { text?: unknown }[]).map((r) => String(r.text ?? "")).join("");
  if ("text" in o) return plainValue(o.text);
  return null;
}

export function sheetValues(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const raw = row.values as unknown[];
    const out: unknown[] = [];
    for (let c = 1; c < raw.length; c++) out[c - 1] = plainValue(raw[c]);
    for (let c = 0; c < out.length; c++) if (out[c] === undefined) out[c] = null;
    rows[rowNumber - 1] = out;
  });
  for (let r = 0; r < rows.length; r++) if (!rows[r]) rows[r] = [];
  return rows;
}

export function toWorkbookInput(wb: ExcelJS.Workbook): WorkbookInput {
  const sheets: SheetInput[] = [];
  wb.eachSheet((ws) => {
    sheets.push({ name: ws.name, values: sheetValues(ws), hidden: ws.state !== "visible" && ws.state !== undefined });
  });
  const props = wb.properties as { date1904?: boolean };
  return { sheets, date1904: Boolean(props.date1904) };
}
