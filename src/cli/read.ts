/**
 * The file door's reader: an .xlsx (or .csv) file into the engine's plain
 * WorkbookInput, with every failure turned into a reason the user can act on.
 */
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import type { SheetInput, WorkbookInput } from "../core/types";

export type ReadFailure = "notFound" | "xls" | "encrypted" | "notWorkbook" | "unreadable";

export class ReadError extends Error {
  constructor(
    readonly kind: ReadFailure,
    readonly reason: string
  ) {
    super(reason);
  }
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(buf: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => buf[i] === b);
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

/** Reads a workbook file; throws ReadError with a one-line reason. */
export async function readWorkbookFile(file: string): Promise<WorkbookInput> {
  let head: Buffer;
  try {
    const handle = await fs.open(file, "r");
    try {
      head = Buffer.alloc(8);
      await handle.read(head, 0, 8, 0);
    } finally {
      await handle.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new ReadError(code === "ENOENT" ? "notFound" : "unreadable", code ?? String(e));
  }
  const ext = path.extname(file).toLowerCase();
  const wb = new ExcelJS.Workbook();
  if (ext === ".csv") {
    try {
      await wb.csv.readFile(file, { parserOptions: { delimiter: "," } });
    } catch (e) {
      throw new ReadError("unreadable", (e as Error).message.split("\n")[0]);
    }
    return toWorkbookInput(wb);
  }
  if (startsWith(head, OLE)) throw new ReadError(ext === ".xls" ? "xls" : "encrypted", "OLE compound file");
  if (!startsWith(head, ZIP)) throw new ReadError("notWorkbook", "not a zip package");
  try {
    await wb.xlsx.readFile(file);
  } catch (e) {
    throw new ReadError("notWorkbook", (e as Error).message.split("\n")[0]);
  }
  return toWorkbookInput(wb);
}
