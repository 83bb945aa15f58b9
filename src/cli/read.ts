/**
 * The file door's reader: an .xlsx (or .csv) file into the engine's plain
 * WorkbookInput, with every failure turned into a reason the user can act on.
 */
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import type { WorkbookInput } from "../core/types";
import { toWorkbookInput } from "./workbook";

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
