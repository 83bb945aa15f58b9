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
  if (Array.isArray(o.richText))
    return (o.richText as { text?: unknown }[]).map((r) => String(r.text ?? "")).join("");
  if ("text" in o) return plainValue(o.text);
  return null;
}

/**
 * One row of ExcelJS `row.values` (1-based, holes for empty cells) as plain
 * values, 0-based, holes filled with null and trailing empty cells dropped.
 * `streamed`: the streaming parser keeps a formula's error result as NaN;
 * it becomes an error value, as the whole-file reader reports it.
 */
export function compactRow(raw: readonly unknown[], streamed = false): unknown[] {
  let end = raw.length;
  while (end > 1 && (raw[end - 1] === null || raw[end - 1] === undefined)) end--;
  const out: unknown[] = new Array<unknown>(Math.max(0, end - 1));
  for (let c = 1; c < end; c++) {
    const v = raw[c];
    if (
      streamed &&
      v !== null &&
      typeof v === "object" &&
      "formula" in v &&
      Number.isNaN((v as { result?: unknown }).result)
    ) {
      out[c - 1] = { error: "#VALUE!" };
      continue;
    }
    const p = plainValue(v);
    out[c - 1] = p === undefined ? null : p;
  }
  while (out.length > 0 && out[out.length - 1] === null) out.length--;
  return out;
}

/** Holes (rows ExcelJS skipped) become empty rows; trailing empty rows are dropped. */
export function fillRows(rows: unknown[][]): unknown[][] {
  let end = rows.length;
  while (end > 0 && (!rows[end - 1] || rows[end - 1].length === 0)) end--;
  rows.length = end;
  for (let r = 0; r < end; r++) if (!rows[r]) rows[r] = [];
  return rows;
}

export function sheetValues(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    rows[rowNumber - 1] = compactRow(row.values as unknown[]);
  });
  return fillRows(rows);
}

export function toWorkbookInput(wb: ExcelJS.Workbook): WorkbookInput {
  const sheets: SheetInput[] = [];
  wb.eachSheet((ws) => {
    sheets.push({
      name: ws.name,
      values: sheetValues(ws),
      hidden: ws.state !== "visible" && ws.state !== undefined,
    });
  });
  const props = wb.properties as { date1904?: boolean };
  return { sheets, date1904: Boolean(props.date1904) };
}
