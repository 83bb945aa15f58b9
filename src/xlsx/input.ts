/**
 * ExcelJS workbooks to the engine's plain input, for every door that reads .xlsx files: the
 * command line (src/cli/read.ts opens the file) and the pane's file door (a picked or dropped
 * file). No Node APIs here: the browser runs the same conversion.
 */
import type ExcelJS from "exceljs";
import type { SheetInput, WorkbookInput } from "../core";

/**
 * CEDU never reads data validations, and ExcelJS expands each rule into one entry per cell: a
 * rule on a whole column (as Excel users and CEDU's own standard workbook set them) costs
 * seconds and hundreds of megabytes per column. So they are skipped while reading.
 */
export const XLSX_READ_OPTIONS = { ignoreNodes: ["dataValidations"] };

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
function startsWith(head: ArrayLike<number>, magic: readonly number[], length = magic.length) {
  for (let i = 0; i < length; i++) if (head[i] !== magic[i]) return false;
  return true;
}

/**
 * What the first bytes of a file say it is: a zip package (.xlsx, and .docx …; `PK` is enough
 * when only two bytes were read), an OLE compound file (an old .xls, or an .xlsx with a password
 * to open), or neither.
 */
export function containerOf(head: ArrayLike<number>): "zip" | "ole" | "other" {
  if (head.length >= 2 && startsWith(head, ZIP, Math.min(head.length, ZIP.length))) return "zip";
  if (head.length >= 4 && startsWith(head, OLE)) return "ole";
  return "other";
}

/** An .xlsx held in memory, read whole, as the engine's input. */
export async function workbookFromBuffer(
  excel: { Workbook: typeof ExcelJS.Workbook },
  data: ArrayBuffer
): Promise<WorkbookInput> {
  const wb = new excel.Workbook();
  await wb.xlsx.load(data, XLSX_READ_OPTIONS);
  return toWorkbookInput(wb);
}

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

/** 1-based, inclusive. */
export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** Copies each merged area's top-left value into its other cells, as the whole-file reader does. */
export function fillMerges(rows: unknown[][], areas: readonly Area[]): void {
  for (const a of areas) {
    const value = rows[a.top - 1]?.[a.left - 1];
    if (value === null || value === undefined) continue;
    for (let r = a.top; r <= a.bottom; r++) {
      const row = (rows[r - 1] ??= []);
      for (let c = a.left; c <= a.right; c++) {
        if (r === a.top && c === a.left) continue;
        while (row.length < c - 1) row.push(null);
        row[c - 1] = value;
      }
    }
  }
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
