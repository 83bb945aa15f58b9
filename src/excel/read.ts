/**
 * Reads every candidate sheet's used range (values and number formats) into a WorkbookInput.
 *
 * Syncs: 2 + one per chunk batch.
 *   1. the sheet list (name, visibility), the generated-sheet registry and the date system;
 *   2. each sheet's used range (address, rowCount, columnCount) and its CEDU tag;
 *   3…. row chunks of all sheets, grouped into batches whose estimated payload stays under
 *      PAYLOAD_BUDGET; one sync per batch, the merged areas riding along with the first. The count
 *      grows with the data size in bytes, never with the number of rows or cells as such.
 * Beyond the plan, only when Excel says so: a batch refused as too large (texts far longer than
 * the estimate) is asked again in two halves; a sheet with more than 512 merged areas (more than
 * Excel returns for one range) has them asked in pieces of 512 cells, MERGE_PIECES_PER_SYNC per sync.
 */
import type { SheetInput, WorkbookInput } from "../core";
import {
  customPropertiesSupported,
  isTagged,
  queueRegistry,
  queueTagProbe,
  registryEntries,
} from "./tags";
import { parseA1Start, queueDateSystemProbe, supportsExcelApi } from "./support";

/** Bytes a request or response may hold, kept under Excel on the web's 5 MB. */
export const PAYLOAD_BUDGET = 4_000_000;
/** Conservative bytes per cell for values + numberFormat (JSON, quotes, long texts). */
export const BYTES_PER_CELL = 64;

export interface Chunk {
  sheet: number;
  /** 0-based, relative to the used range. */
  startRow: number;
  rows: number;
  cols: number;
  bytes: number;
}

/** Rows per chunk so that one chunk stays under the budget (at least 1). */
export function chunkRowsFor(cols: number): number {
  return Math.max(1, Math.floor(PAYLOAD_BUDGET / (Math.max(1, cols) * BYTES_PER_CELL)));
}

/** Splits each sheet into row chunks. */
export function planChunks(sizes: ReadonlyArray<{ rows: number; cols: number }>): Chunk[] {
  const chunks: Chunk[] = [];
  sizes.forEach(({ rows, cols }, sheet) => {
    const step = chunkRowsFor(cols);
    for (let start = 0; start < rows; start += step) {
      const n = Math.min(step, rows - start);
      chunks.push({ sheet, startRow: start, rows: n, cols, bytes: n * cols * BYTES_PER_CELL });
    }
  });
  return chunks;
}

/** Groups consecutive chunks into batches whose total estimate stays within the budget. */
export function planBatches(chunks: readonly Chunk[]): Chunk[][] {
  const batches: Chunk[][] = [];
  let current: Chunk[] = [];
  let bytes = 0;
  for (const chunk of chunks) {
    if (current.length > 0 && bytes + chunk.bytes > PAYLOAD_BUDGET) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(chunk);
    bytes += chunk.bytes;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

interface Candidate {
  name: string;
  hidden: boolean;
  sheet: Excel.Worksheet;
  origin: { row: number; col: number };
  rows: number;
  cols: number;
}

export async function readWorkbook(context: Excel.RequestContext): Promise<WorkbookInput> {
  // Sync 1: sheet list + registry.
  const sheets = context.workbook.worksheets;
  sheets.load("items/name,items/visibility,items/id");
  const registrySetting = queueRegistry(context);
  const date1904 = queueDateSystemProbe(context);
  await context.sync();
  const registry = registryEntries(registrySetting);

  // Sync 2: used ranges + tags of all sheets, queued together.
  const useCp = customPropertiesSupported();
  const probes = sheets.items.map((sheet) => {
    const used = sheet.getUsedRangeOrNullObject(true);
    used.load("address,rowCount,columnCount");
    return {
      sheet,
      id: sheet.id,
      name: sheet.name,
      visibility: sheet.visibility,
      used,
      tag: queueTagProbe(sheet, useCp),
    };
  });
  await context.sync();

  const candidates: Candidate[] = [];
  const empty: SheetInput[] = [];
  for (const p of probes) {
    if (isTagged(p.tag, p, registry)) continue; // never read our own output
    const hidden = p.visibility !== "Visible";
    if (p.used.isNullObject) {
      empty.push({ name: p.name, values: [], hidden });
      continue;
    }
    candidates.push({
      name: p.name,
      hidden,
      sheet: p.sheet,
      origin: parseA1Start(p.used.address),
      rows: p.used.rowCount,
      cols: p.used.columnCount,
    });
  }

  const batches = planBatches(planChunks(candidates));
  const values: unknown[][][] = candidates.map(() => []);
  const formats: string[][][] = candidates.map(() => []);
  const mergedAreas: Area[][] = candidates.map(() => []);
  const reading: Reading = {
    context,
    candidates,
    values,
    formats,
    mergedAreas,
    merges: supportsExcelApi("1.13") && candidates.length > 0 ? "whole" : "done",
  };
  await loadBatches(reading, batches);
  if (reading.merges === "pieces") await loadMergedPieces(reading, planMergePieces(candidates));
  // A value merged over several cells counts for each of them, as the file door reads it
  // (docs/data-model.md, "Reading cells": a community merged down several roster rows belongs to each row).
  candidates.forEach((c, i) => fillMergedAreas(values[i], c.origin, mergedAreas[i]));

  const byName = new Map<string, SheetInput>();
  candidates.forEach((c, i) =>
    byName.set(c.name, {
      name: c.name,
      values: values[i],
      numberFormats: formats[i],
      origin: c.origin,
      hidden: c.hidden,
    })
  );
  for (const e of empty) byName.set(e.name, e);
  // Keep the workbook's sheet order.
  const ordered = probes
    .map((p) => byName.get(p.name))
    .filter((s): s is SheetInput => s !== undefined);
  return { sheets: ordered, date1904: date1904() };
}

interface Reading {
  context: Excel.RequestContext;
  candidates: readonly Candidate[];
  values: unknown[][][];
  formats: string[][][];
  mergedAreas: Area[][];
  /**
   * Merged areas: "whole" = still to ask for each used range (riding along with the next batch),
   * "pieces" = a whole range held more than Excel returns (512 areas), so ask in pieces after the
   * values; "done".
   */
  merges: "whole" | "pieces" | "done";
}

/** Excel on the web refused the request or the response as too large. */
export function isPayloadError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "ResponsePayloadSizeLimitExceeded" || code === "RequestPayloadSizeLimitExceeded";
}

/**
 * A batch cut in two: its chunks in two halves, or a single chunk's rows in two. Null when it is a
 * single row (nothing smaller to ask for).
 */
export function splitBatch(batch: readonly Chunk[]): Chunk[][] | null {
  if (batch.length > 1) {
    const half = Math.ceil(batch.length / 2);
    return [batch.slice(0, half), batch.slice(half)];
  }
  const [chunk] = batch;
  if (!chunk || chunk.rows < 2) return null;
  const top = Math.ceil(chunk.rows / 2);
  const part = (startRow: number, rows: number): Chunk => ({
    ...chunk,
    startRow,
    rows,
    bytes: Math.round((chunk.bytes * rows) / chunk.rows),
  });
  return [[part(chunk.startRow, top)], [part(chunk.startRow + top, chunk.rows - top)]];
}

/**
 * Loads the batches one after another: one sync per batch (not per row or cell). A batch Excel
 * refuses as too large (long texts: 60 Chinese characters are 180 bytes, beyond the per-cell
 * estimate) is cut in two and asked again, so a sheet always reads completely. Written as a
 * recursive helper rather than a loop so that each sync clearly belongs to one batch, and the
 * office-addins "no sync in loop" rule holds.
 */
async function loadBatches(reading: Reading, queue: readonly Chunk[][]): Promise<void> {
  if (queue.length === 0) return;
  const { context, candidates } = reading;
  const [batch, ...rest] = queue;
  // Merged areas ride along with the first batch: no sync of their own.
  const merges =
    reading.merges === "whole"
      ? candidates.map((c) => {
          const areas = c.sheet
            .getRangeByIndexes(c.origin.row, c.origin.col, c.rows, c.cols)
            .getMergedAreasOrNullObject();
          areas.load("areas/items/address");
          return areas;
        })
      : [];
  const loaded = batch.map((chunk) => {
    const c = candidates[chunk.sheet];
    const range = c.sheet.getRangeByIndexes(
      c.origin.row + chunk.startRow,
      c.origin.col,
      chunk.rows,
      chunk.cols
    );
    range.load("values,numberFormat,valueTypes");
    return { chunk, range };
  });
  try {
    await context.sync();
  } catch (error) {
    const halves = isPayloadError(error) ? splitBatch(batch) : null;
    if (halves) return loadBatches(reading, [...halves, ...rest]);
    // Anything else with the merged areas on board: a range holds more than Excel returns.
    if (merges.length > 0) {
      reading.merges = "pieces";
      return loadBatches(reading, queue);
    }
    throw error;
  }
  for (const { chunk, range } of loaded) {
    // Chunks of a sheet are planned in row order, and batches (split ones too) keep that order.
    const types = range.valueTypes;
    const into = reading.values[chunk.sheet];
    range.values.forEach((row, r) => (into[chunk.startRow + r] = markErrors(row, types[r])));
    range.numberFormat.forEach(
      (row, r) => (reading.formats[chunk.sheet][chunk.startRow + r] = row as string[])
    );
    range.untrack();
  }
  if (merges.length > 0) {
    merges.forEach((areas, i) => {
      if (!areas.isNullObject)
        reading.mergedAreas[i] = areas.areas.items.map((a) => parseA1Area(a.address));
    });
    reading.merges = "done";
  }
  await loadBatches(reading, rest);
}

/**
 * Excel.Range.getMergedAreasOrNullObject fails for a range holding more than 512 merged areas. A
 * piece of at most 512 cells cannot hold more, so asking piece by piece always succeeds.
 */
export const MERGED_AREAS_CAP = 512;
/** Pieces asked per sync: about 150 bytes of request each, responses of a few addresses. */
export const MERGE_PIECES_PER_SYNC = 2000;

export interface MergePiece {
  sheet: number;
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** Each used range cut into pieces of at most MERGED_AREAS_CAP cells, in sheet order. */
export function planMergePieces(
  sizes: ReadonlyArray<{ origin: { row: number; col: number }; rows: number; cols: number }>
): MergePiece[] {
  const pieces: MergePiece[] = [];
  sizes.forEach(({ origin, rows, cols }, sheet) => {
    const width = Math.min(cols, MERGED_AREAS_CAP);
    const height = Math.max(1, Math.floor(MERGED_AREAS_CAP / width));
    for (let r = 0; r < rows; r += height)
      for (let c = 0; c < cols; c += width)
        pieces.push({
          sheet,
          row: origin.row + r,
          col: origin.col + c,
          rows: Math.min(height, rows - r),
          cols: Math.min(width, cols - c),
        });
  });
  return pieces;
}

/** MERGE_PIECES_PER_SYNC pieces per sync; a group Excel refuses as too large is cut in two. */
async function loadMergedPieces(reading: Reading, pieces: readonly MergePiece[]): Promise<void> {
  if (pieces.length === 0) {
    reading.merges = "done";
    return;
  }
  const group = pieces.slice(0, MERGE_PIECES_PER_SYNC);
  const queries = group.map((p) => {
    const areas = reading.candidates[p.sheet].sheet
      .getRangeByIndexes(p.row, p.col, p.rows, p.cols)
      .getMergedAreasOrNullObject();
    areas.load("areas/items/address");
    return { sheet: p.sheet, areas };
  });
  try {
    await reading.context.sync();
  } catch (error) {
    if (!isPayloadError(error) || group.length < 2) throw error;
    const half = Math.ceil(group.length / 2);
    await loadMergedPieces(reading, group.slice(0, half));
    return loadMergedPieces(reading, [...group.slice(half), ...pieces.slice(group.length)]);
  }
  for (const q of queries) {
    if (!q.areas.isNullObject)
      for (const a of q.areas.areas.items)
        reading.mergedAreas[q.sheet].push(parseA1Area(a.address));
  }
  await loadMergedPieces(reading, pieces.slice(group.length));
}

/**
 * An error cell (#N/A, #REF! …) as the engine's error value, told apart from text that merely
 * reads "#N/A" by the cell's value type. The row is changed in place: it is ours, fresh from the
 * response.
 */
export function markErrors(row: unknown[], types: readonly string[] | undefined): unknown[] {
  if (!types) return row;
  for (let c = 0; c < row.length; c++) {
    if (types[c] === "Error") row[c] = { error: String(row[c]) };
  }
  return row;
}

export interface Area {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/** "Sheet1!B5:B8" → 0-based top-left and size. */
export function parseA1Area(address: string): Area {
  const local = address.slice(address.lastIndexOf("!") + 1);
  const [a, b] = local.split(":");
  const start = parseA1Start(a);
  const end = b ? parseA1Start(b) : start;
  return {
    row: start.row,
    col: start.col,
    rows: end.row - start.row + 1,
    cols: end.col - start.col + 1,
  };
}

/** Copies each merged area's top-left value into its other cells (values start at `origin`). */
export function fillMergedAreas(
  values: unknown[][],
  origin: { row: number; col: number },
  areas: readonly Area[]
): void {
  for (const a of areas) {
    const top = values[a.row - origin.row];
    if (!top) continue;
    const v = top[a.col - origin.col];
    for (let r = 0; r < a.rows; r++) {
      const row = values[a.row - origin.row + r];
      if (!row) continue;
      for (let c = 0; c < a.cols; c++) {
        const k = a.col - origin.col + c;
        if (k >= 0 && k < row.length && (r > 0 || c > 0)) row[k] = v;
      }
    }
  }
}
