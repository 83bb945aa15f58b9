/**
 * The command line's reader: an .xlsx (or .csv) file on disk into the engine's plain
 * WorkbookInput (converted by src/xlsx/input.ts), with every failure turned into a reason the
 * user can act on. The Node parts live here: opening the file, the zip directory, streaming.
 *
 * Small workbooks are read whole with ExcelJS. Big ones (the file, or the
 * uncompressed worksheet XML listed in the zip's central directory, above the
 * thresholds below) are read with ExcelJS's streaming reader, row by row, so
 * that a sheet of Excel's maximum 1,048,576 rows fits in bounded memory: only
 * the compact value arrays are kept, never ExcelJS's cell objects.
 */
import { promises as fs } from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import type { SheetInput, WorkbookInput } from "../core";
import {
  compactRow,
  containerOf,
  fillMerges,
  fillRows,
  toWorkbookInput,
  XLSX_READ_OPTIONS,
  type Area,
} from "../xlsx/input";

export { XLSX_READ_OPTIONS };

export type ReadFailure = "notFound" | "xls" | "encrypted" | "notWorkbook" | "unreadable";

export class ReadError extends Error {
  constructor(
    readonly kind: ReadFailure,
    readonly reason: string
  ) {
    super(reason);
  }
}

/** Files above this size are streamed. */
export const STREAM_FILE_BYTES = 8 * 1024 * 1024;
/** …and so are files whose worksheets unpack to more than this much XML. */
export const STREAM_XML_BYTES = 64 * 1024 * 1024;

export interface ReadOptions {
  /** Force (true) or forbid (false) the streaming reader; default: by size. */
  stream?: boolean;
}

/** Reads a workbook file; throws ReadError with a one-line reason. */
export async function readWorkbookFile(
  file: string,
  options: ReadOptions = {}
): Promise<WorkbookInput> {
  let head: Buffer;
  let size = 0;
  try {
    const handle = await fs.open(file, "r");
    try {
      head = Buffer.alloc(8);
      await handle.read(head, 0, 8, 0);
      size = (await handle.stat()).size;
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
  const container = containerOf(head);
  if (container === "ole")
    throw new ReadError(ext === ".xls" ? "xls" : "encrypted", "OLE compound file");
  if (container !== "zip") throw new ReadError("notWorkbook", "not a zip package");
  const stream =
    options.stream ??
    (size > STREAM_FILE_BYTES || (await worksheetXmlBytes(file, size)) > STREAM_XML_BYTES);
  try {
    if (stream) return await readStreaming(file);
    await wb.xlsx.readFile(file, XLSX_READ_OPTIONS);
  } catch (e) {
    throw new ReadError("notWorkbook", (e as Error)?.message?.split("\n")[0] ?? String(e));
  }
  return toWorkbookInput(wb);
}

/**
 * Sum of the uncompressed sizes of xl/worksheets/*.xml, from the zip's
 * central directory (a few kilobytes read from the end of the file).
 * 0 when the directory cannot be found (ExcelJS will then say what is wrong).
 */
export async function worksheetXmlBytes(file: string, size: number): Promise<number> {
  const handle = await fs.open(file, "r");
  try {
    const tailLength = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    let eocd = -1;
    for (let i = tailLength - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === 0x06054b50) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) return 0;
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset === 0xffffffff || cdSize === 0xffffffff) return Number.POSITIVE_INFINITY; // zip64: huge
    if (cdOffset + cdSize > size || cdSize > 64 * 1024 * 1024) return 0;
    const cd = Buffer.alloc(cdSize);
    await handle.read(cd, 0, cdSize, cdOffset);
    let total = 0;
    for (let p = 0; p + 46 <= cdSize && cd.readUInt32LE(p) === 0x02014b50;) {
      const uncompressed = cd.readUInt32LE(p + 24);
      const nameLength = cd.readUInt16LE(p + 28);
      const extraLength = cd.readUInt16LE(p + 30);
      const commentLength = cd.readUInt16LE(p + 32);
      const name = cd.toString("utf8", p + 46, p + 46 + nameLength);
      if (/^xl\/worksheets\/[^/]+\.xml$/.test(name)) {
        total += uncompressed === 0xffffffff ? Number.POSITIVE_INFINITY : uncompressed;
      }
      p += 46 + nameLength + extraLength + commentLength;
    }
    return total;
  } finally {
    await handle.close();
  }
}

interface StreamReaderState {
  properties?: { model?: { date1904?: boolean } };
  model?: { sheets?: { name?: string; state?: string }[] };
}

/**
 * The streaming reader. Same WorkbookInput as the whole-file reader for
 * plain values, with these known limits (README, "Your data"):
 * - a formula whose cached result is an error or text-less value reads as an
 *   error value (ExcelJS's streaming parser keeps only numbers for it);
 * - date-formatted formula results stay Excel serial numbers (the engine
 *   reads serials as dates in both date systems, so the figures agree).
 * A merged cell's value is repeated in every cell of its area, as the
 * whole-file reader does, so that a file gives the same figures at any size.
 */
export async function readStreaming(file: string): Promise<WorkbookInput> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: "cache",
    styles: "cache",
    worksheets: "emit",
    hyperlinks: "ignore",
    entries: "emit",
  });
  const found: { sheet: SheetInput; id: number }[] = [];
  for await (const ws of reader) {
    const info = ws as unknown as { name?: string; state?: string; id?: number };
    const merges = tapMergeCells(ws);
    const rows: unknown[][] = [];
    for await (const row of ws) {
      rows[row.number - 1] = compactRow(row.values as unknown[], true);
    }
    fillMerges(rows, merges);
    fillRows(rows);
    found.push({
      id: Number(info.id) || found.length + 1,
      sheet: {
        name: info.name ?? `Sheet${found.length + 1}`,
        values: rows,
        hidden: info.state !== "visible" && info.state !== undefined,
      },
    });
  }
  const state = reader as unknown as StreamReaderState;
  // Worksheets arrive in zip order; the tabs' order is workbook.xml's.
  const order = new Map((state.model?.sheets ?? []).map((s, i) => [s.name, i]));
  found.sort(
    (a, b) => (order.get(a.sheet.name) ?? 1e9 + a.id) - (order.get(b.sheet.name) ?? 1e9 + b.id)
  );
  return {
    sheets: found.map((f) => f.sheet),
    date1904: Boolean(state.properties?.model?.date1904),
  };
}

/* ------------------------------------------------------------------ merged cells when streaming */

export type { Area };

const MERGE_CELL = /<mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/g;
const MERGE_CELLS_OPEN = Buffer.from("<mergeCells");

function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + letters.charCodeAt(i) - 64;
  return n;
}

/**
 * The merged areas of a streamed worksheet. ExcelJS 4.4's streaming worksheet reader parses
 * `<mergeCell>` but keeps nothing of it (exceljs issue #3000), so the worksheet XML is watched
 * on its way to the parser: the `<mergeCells>` list comes after the rows, and the returned array
 * is complete once the rows have been read. Until `<mergeCells` shows, each chunk costs one
 * native byte search.
 */
export function tapMergeCells(ws: unknown): Area[] {
  const areas: Area[] = [];
  const reader = ws as { iterator?: AsyncIterable<Buffer | string> };
  const source = reader.iterator;
  if (!source || typeof source[Symbol.asyncIterator] !== "function") return areas;
  reader.iterator = (async function* () {
    let started = false;
    let tail = Buffer.alloc(0);
    let carry = "";
    for await (const chunk of source) {
      yield chunk;
      const bytes = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      if (!started) {
        const n = MERGE_CELLS_OPEN.length;
        const at = bytes.indexOf(MERGE_CELLS_OPEN);
        if (at >= 0) carry = bytes.toString("latin1", at);
        else {
          // The tag may be cut between two chunks: look at the seam.
          const seam = Buffer.concat([tail, bytes.subarray(0, n)]);
          const s = seam.indexOf(MERGE_CELLS_OPEN);
          if (s < 0) {
            const last = bytes.length >= n ? bytes : Buffer.concat([tail, bytes]);
            tail = Buffer.from(last.subarray(Math.max(0, last.length - n)));
            continue;
          }
          carry = seam.toString("latin1", s) + bytes.toString("latin1", n);
        }
        started = true;
      } else {
        carry += bytes.toString("latin1");
      }
      let end = 0;
      MERGE_CELL.lastIndex = 0;
      for (let m = MERGE_CELL.exec(carry); m; m = MERGE_CELL.exec(carry)) {
        const top = Number(m[2]);
        const left = columnNumber(m[1]);
        areas.push({
          top,
          left,
          bottom: m[4] ? Number(m[4]) : top,
          right: m[3] ? columnNumber(m[3]) : left,
        });
        end = MERGE_CELL.lastIndex;
      }
      // Keep only what may hold the start of a tag cut by the chunk's end.
      carry = carry.slice(Math.max(end, carry.length - 64));
    }
  })();
  return areas;
}
