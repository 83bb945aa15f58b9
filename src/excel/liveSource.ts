/**
 * The Excel side of the live feed (src/functions/feed.ts): the workbook's cells are read once,
 * kept per sheet (the model's WorkbookInput is that cache), and afterwards an edit costs what it
 * touched:
 *   - a change on CEDU's own output, or on a sheet CEDU did not recognise below the rows that
 *     decide recognition, is not read at all;
 *   - a cell edit or paste on a recognised sheet re-reads those rows only (values, number formats,
 *     value types and the merged areas around them), in one sync while they fit one request;
 *   - inserted and deleted rows move the cached rows; other shifts, a sheet added, or an
 *     unrecognised sheet edited in its header rows re-read that one sheet;
 *   - renamed and deleted sheets change the cache without reading.
 * After the model changed, only the cells holding live CEDU formulas that computed against the old
 * model are recalculated (`Range.calculate`, ExcelApi 1.6), never the application, and not at all
 * in manual calculation mode. Every batch waits for the user to leave cell edit
 * (`delayForCellEdit`, "Delay execution while cell is being edited").
 */
import type { Analysis } from "../core";
import { HEADER_SEARCH_ROWS } from "../core";
import type { Overrides, SheetInput, WorkbookInput } from "../core";
import {
  startLiveFeed,
  type Applied,
  type LiveChange,
  type LiveFeed,
  type LiveFeedOptions,
  type LiveSource,
} from "../functions/feed";
import { splitAddress } from "../functions/model";
import { sharedRuntime } from "../runtime/shared";
import {
  BYTES_PER_CELL,
  PAYLOAD_BUDGET,
  chunkRowsFor,
  fillMergedAreas,
  markErrors,
  parseA1Area,
  readWorkbook,
  type Area,
} from "./read";
import { loadSettings } from "./settings";
import {
  customPropertiesSupported,
  isTagged,
  queueRegistry,
  queueTagProbe,
  registryEntries,
} from "./tags";
import { parseA1Start, supportsExcelApi } from "./support";

/** Rows below the header window that still decide whether a sheet is a summary (core/summary.ts). */
const EVIDENCE_ROWS = 200;
/** Merged areas are looked for this many rows above the rows read (a name merged down a person's rows). */
const MERGE_REACH = 64;
/** Rows per merged-area query: Excel refuses more than 512 areas in one (API reference). */
const MERGE_PIECE_ROWS = 200;

const RUN = { delayForCellEdit: true };

interface SheetInfo {
  id: string;
  name: string;
  /** CEDU's own output (tagged or registered): never read, edits ignored. */
  ours: boolean;
}

/** A span of rows to read again (0-based, absolute, inclusive) and the last column touched. */
interface Span {
  first: number;
  last: number;
  lastCol: number;
}

interface SheetPlan {
  id: string;
  whole: boolean;
  spans: Span[];
}

/** "B5", "A2:L1001", "5:7" (whole rows), "C:D" (whole columns) → 0-based bounds. */
export function changedArea(address: string | undefined): Area | null {
  if (!address) return null;
  const local = address.slice(address.lastIndexOf("!") + 1).replace(/\$/g, "");
  const rowsOnly = /^(\d+)(?::(\d+))?$/.exec(local);
  if (rowsOnly) {
    const a = Number(rowsOnly[1]) - 1;
    const b = Number(rowsOnly[2] ?? rowsOnly[1]) - 1;
    return { row: Math.min(a, b), col: 0, rows: Math.abs(b - a) + 1, cols: 16384 };
  }
  if (/^[A-Za-z]+(?::[A-Za-z]+)?$/.test(local)) return null; // whole columns
  if (!/^[A-Za-z]+\d+(?::[A-Za-z]+\d+)?$/.test(local)) return null;
  return parseA1Area(local);
}

export interface ExcelSourceOptions {
  /** Excel.run, injectable for tests (the fake). */
  run?: <T>(
    options: { delayForCellEdit: boolean },
    batch: (context: Excel.RequestContext) => Promise<T>
  ) => Promise<T>;
}

/** The LiveSource over Office.js. */
export function excelSource(options: ExcelSourceOptions = {}): LiveSource & {
  /** The calculation mode seen by the last read ("Automatic", "Manual" …). */
  readonly calculationMode: string;
} {
  const run =
    options.run ??
    (<T>(o: { delayForCellEdit: boolean }, b: (c: Excel.RequestContext) => Promise<T>) =>
      Excel.run(o, b));
  const byId = new Map<string, SheetInfo>();
  let mode = "Automatic";

  const sheetOf = (input: WorkbookInput, name: string) => input.sheets.find((s) => s.name === name);

  const recognised = (analysis: Analysis | null, name: string) =>
    Boolean(analysis?.sheets.some((s) => s.name === name && s.kind !== null));

  const source = {
    get calculationMode() {
      return mode;
    },

    async readAll(): Promise<WorkbookInput> {
      return run(RUN, async (context) => {
        const input = await readWorkbook(context);
        const sheets = context.workbook.worksheets;
        sheets.load("items/id,items/name");
        const app = context.workbook.application;
        app.load("calculationMode");
        await context.sync();
        mode = String(app.calculationMode);
        byId.clear();
        const read = new Set(input.sheets.map((s) => s.name));
        for (const s of sheets.items)
          byId.set(s.id, { id: s.id, name: s.name, ours: !read.has(s.name) });
        return input;
      });
    },

    async overrides(): Promise<Overrides> {
      return run(RUN, async (context) => (await loadSettings(context)).overrides);
    },

    concerns(change: LiveChange, analysis: Analysis | null): boolean {
      const info = change.worksheetId ? byId.get(change.worksheetId) : undefined;
      switch (change.kind) {
        case "added":
          return true;
        case "deleted":
        case "renamed":
          return info !== undefined && !info.ours;
        case "cells": {
          if (!info) return true; // a sheet this cache has not seen: read it to know
          if (info.ours) return false;
          if (recognised(analysis, info.name)) return true;
          // Not recognised: only an edit in the rows that decide recognition can change that.
          const area = changedArea(change.address);
          if (!area) return true;
          return area.row < HEADER_SEARCH_ROWS + EVIDENCE_ROWS + originRow(info.name);
        }
      }
    },

    async apply(changes: readonly LiveChange[], current: WorkbookInput): Promise<Applied> {
      const renamed: { before: string; after: string }[] = [];
      const deleted: string[] = [];
      const sheets = [...current.sheets];
      const plans = new Map<string, SheetPlan>();
      const plan = (id: string) => {
        let p = plans.get(id);
        if (!p) plans.set(id, (p = { id, whole: false, spans: [] }));
        return p;
      };
      for (const change of changes) {
        const id = change.worksheetId;
        if (!id) continue;
        const info = byId.get(id);
        if (change.kind === "deleted") {
          if (info) {
            const at = sheets.findIndex((s) => s.name === info.name);
            if (at >= 0) sheets.splice(at, 1);
            deleted.push(info.name);
            byId.delete(id);
          }
          plans.delete(id);
          continue;
        }
        if (change.kind === "renamed") {
          if (info && change.nameAfter && change.nameAfter !== info.name) {
            const at = sheets.findIndex((s) => s.name === info.name);
            if (at >= 0) sheets[at] = { ...sheets[at], name: change.nameAfter };
            renamed.push({ before: info.name, after: change.nameAfter });
            info.name = change.nameAfter;
          } else if (!change.nameAfter) plan(id).whole = true; // no name given: read it again
          continue;
        }
        if (change.kind === "added" || !info) {
          plan(id).whole = true;
          continue;
        }
        if (info.ours) continue;
        const sheet = sheets.find((s) => s.name === info.name);
        const area = changedArea(change.address);
        const type = change.changeType ?? "RangeEdited";
        if (!sheet || !area || sheet.values.length === 0) {
          plan(id).whole = true;
          continue;
        }
        const origin = sheet.origin ?? { row: 0, col: 0 };
        if (type === "RowInserted" || type === "RowDeleted") {
          if (plans.get(id)?.whole) continue;
          const at = area.row - origin.row;
          if (at < 0) {
            plan(id).whole = true;
            continue;
          }
          const values = [...sheet.values];
          const formats = sheet.numberFormats ? [...sheet.numberFormats] : undefined;
          if (type === "RowInserted") {
            const blank = Array.from({ length: area.rows }, () => [] as unknown[]);
            values.splice(at, 0, ...blank);
            formats?.splice(at, 0, ...blank.map(() => [] as string[]));
          } else {
            values.splice(at, area.rows);
            formats?.splice(at, area.rows);
          }
          sheets[sheets.indexOf(sheet)] = { ...sheet, values, numberFormats: formats };
          // Rows planned for reading below the shift move with it.
          for (const s of plans.get(id)?.spans ?? []) {
            const delta = type === "RowInserted" ? area.rows : -area.rows;
            if (s.first >= area.row) {
              s.first += delta;
              s.last += delta;
            }
          }
          continue;
        }
        if (type !== "RangeEdited" || area.row < origin.row || area.col < origin.col) {
          plan(id).whole = true;
          continue;
        }
        if (!recognised(currentAnalysis(), info.name)) {
          // An unrecognised sheet edited where recognition is decided: it may have become one.
          plan(id).whole = true;
          continue;
        }
        plan(id).spans.push({
          first: area.row,
          last: area.row + area.rows - 1,
          lastCol: Math.min(area.col + area.cols - 1, 16383),
        });
      }

      const todo = [...plans.values()].filter((p) => p.whole || p.spans.length > 0);
      if (todo.length > 0) await run(RUN, (context) => readPlans(context, todo, sheets));
      return { input: { ...current, sheets }, renamed, deleted };
    },

    async recalc(cells: readonly string[]): Promise<void> {
      if (mode === "Manual") return;
      const known = new Set([...byId.values()].map((s) => s.name));
      const bySheet = new Map<string, string[]>();
      for (const cell of cells) {
        const { sheet, local } = splitAddress(cell);
        if (!known.has(sheet)) continue;
        const list = bySheet.get(sheet);
        if (list) list.push(local);
        else bySheet.set(sheet, [local]);
      }
      if (bySheet.size === 0) return;
      await run(RUN, async (context) => {
        for (const [sheet, locals] of bySheet) {
          const ws = context.workbook.worksheets.getItem(sheet);
          for (const local of locals) ws.getRange(local).calculate();
        }
        await context.sync();
      });
    },

    async sheetsChanged(): Promise<void> {
      // After the add-in's own write (a summary added or replaced): learn which sheets are ours,
      // so that an edit on them later costs nothing.
      await run(RUN, async (context) => {
        const list = context.workbook.worksheets;
        list.load("items/id,items/name");
        const registry = queueRegistry(context);
        await context.sync();
        const fresh = list.items.filter((w) => !byId.has(w.id));
        const present = new Set(list.items.map((w) => w.id));
        for (const id of [...byId.keys()])
          if (!present.has(id) && byId.get(id)?.ours) byId.delete(id);
        if (fresh.length === 0) return;
        const useCp = customPropertiesSupported();
        const probes = fresh.map((w) => ({ w, tag: queueTagProbe(w, useCp) }));
        await context.sync();
        const entries = registryEntries(registry);
        for (const { w, tag } of probes)
          if (isTagged(tag, { id: w.id, name: w.name }, entries))
            byId.set(w.id, { id: w.id, name: w.name, ours: true });
      });
    },

    listen(handler: (change: LiveChange) => void): () => void {
      return listenToWorkbook(run, handler);
    },
  };

  const currentAnalysis = () => sharedRuntime().model.analysis();
  const originRow = (name: string) =>
    sheetOf(sharedRuntime().model.cellsInput() ?? { sheets: [] }, name)?.origin?.row ?? 0;

  /**
   * Reads the planned rows and sheets into `sheets` (replaced in place in that array): one sync
   * for everything that fits one request; whole sheets need their used range first.
   */
  async function readPlans(
    context: Excel.RequestContext,
    plans: SheetPlan[],
    sheets: SheetInput[]
  ): Promise<void> {
    const app = context.workbook.application;
    app.load("calculationMode");
    const useCp = customPropertiesSupported();
    const registry = plans.some((p) => p.whole) ? queueRegistry(context) : null;
    const wholes = plans
      .filter((p) => p.whole)
      .map((p) => {
        const ws = context.workbook.worksheets.getItem(p.id);
        ws.load("id,name,visibility");
        const used = ws.getUsedRangeOrNullObject(true);
        used.load("address,rowCount,columnCount");
        return { plan: p, ws, used, tag: queueTagProbe(ws, useCp) };
      });
    const rowReads = plans
      .filter((p) => !p.whole)
      .flatMap((p) => {
        const info = byId.get(p.id) as SheetInfo;
        const at = sheets.findIndex((s) => s.name === info.name);
        const sheet = sheets[at];
        const origin = sheet.origin ?? { row: 0, col: 0 };
        const width = sheet.values.reduce((m, r) => Math.max(m, r.length), 0);
        return mergeSpans(p.spans).map((span) => ({
          info,
          origin,
          first: span.first,
          rows: span.last - span.first + 1,
          cols: Math.max(width, span.lastCol - origin.col + 1),
        }));
      });
    const ws = (name: string) => context.workbook.worksheets.getItem(name);
    // Sync 1: the edited rows (as many as fit one request) and the used ranges of whole sheets.
    const loads = queueRows(
      rowReads.map((r) => ({ ...r, ws: ws(r.info.name) })),
      context
    );
    await context.sync();
    mode = String(app.calculationMode);
    await finishLoads(context, loads, sheets);

    const wholeReads: RowRead[] = [];
    const ourEntries = registry ? registryEntries(registry) : [];
    for (const w of wholes) {
      const info: SheetInfo = byId.get(w.plan.id) ?? { id: w.ws.id, name: w.ws.name, ours: false };
      byId.set(w.ws.id, info);
      if (isTagged(w.tag, { id: w.ws.id, name: w.ws.name }, ourEntries)) {
        // CEDU's own output (a summary written since the first read): never part of the model.
        info.ours = true;
        const at = sheets.findIndex((s) => s.name === info.name);
        if (at >= 0) sheets.splice(at, 1);
        continue;
      }
      const hidden = w.ws.visibility !== "Visible";
      const at = sheets.findIndex((s) => s.name === info.name);
      const origin = w.used.isNullObject ? { row: 0, col: 0 } : parseA1Start(w.used.address);
      const fresh: SheetInput = w.used.isNullObject
        ? { name: info.name, values: [], hidden }
        : { name: info.name, values: [], numberFormats: [], origin, hidden };
      if (at >= 0) sheets[at] = fresh;
      else sheets.push(fresh);
      if (!w.used.isNullObject)
        wholeReads.push({
          info,
          origin,
          first: origin.row,
          rows: w.used.rowCount,
          cols: w.used.columnCount,
          ws: w.ws,
        });
    }
    if (wholeReads.length === 0) return;
    // Sync 2 (and more only when the sheets exceed one request): the whole sheets' rows.
    const more = queueRows(wholeReads, context);
    await context.sync();
    await finishLoads(context, more, sheets);
  }

  interface RowRead {
    info: SheetInfo;
    origin: { row: number; col: number };
    first: number;
    rows: number;
    cols: number;
    ws: Excel.Worksheet;
  }
  interface Pending {
    read: RowRead;
    pieces: { first: number; rows: number; range: Excel.Range }[];
    merges: Excel.RangeAreas[];
    rest: RowRead | null;
  }

  /** Queues the rows of each read, up to one request's budget; what does not fit is left in `rest`. */
  function queueRows(reads: RowRead[], context: Excel.RequestContext): Pending[] {
    let budget = PAYLOAD_BUDGET;
    const useMerges = supportsExcelApi("1.13");
    void context;
    return reads.map((read) => {
      const step = chunkRowsFor(read.cols);
      const pieces: Pending["pieces"] = [];
      let first = read.first;
      const end = read.first + read.rows;
      while (first < end && (pieces.length === 0 || budget > 0)) {
        const rows = Math.min(
          step,
          end - first,
          Math.max(1, Math.floor(budget / (read.cols * BYTES_PER_CELL)))
        );
        const range = read.ws.getRangeByIndexes(first, read.origin.col, rows, read.cols);
        range.load("values,numberFormat,valueTypes");
        pieces.push({ first, rows, range });
        budget -= rows * read.cols * BYTES_PER_CELL;
        first += rows;
      }
      const merges: Excel.RangeAreas[] = [];
      if (useMerges && pieces.length > 0) {
        const top = Math.max(read.origin.row, read.first - MERGE_REACH);
        for (let r = top; r < first; r += MERGE_PIECE_ROWS) {
          const areas = read.ws
            .getRangeByIndexes(r, read.origin.col, Math.min(MERGE_PIECE_ROWS, first - r), read.cols)
            .getMergedAreasOrNullObject();
          areas.load("areas/items/address");
          merges.push(areas);
        }
      }
      const rest = first < end ? { ...read, first, rows: end - first } : null;
      return { read, pieces, merges, rest };
    });
  }

  /** Writes loaded rows into the cached sheet, fills merged areas, and reads what was left over. */
  async function finishLoads(
    context: Excel.RequestContext,
    loads: Pending[],
    sheets: SheetInput[]
  ): Promise<void> {
    const rest: RowRead[] = [];
    for (const load of loads) {
      const { read } = load;
      const at = sheets.findIndex((s) => s.name === read.info.name);
      const sheet = sheets[at];
      const values = [...sheet.values];
      const formats = [...(sheet.numberFormats ?? [])];
      for (const piece of load.pieces) {
        const v = piece.range.values;
        const types = piece.range.valueTypes;
        const f = piece.range.numberFormat as string[][];
        for (let r = 0; r < piece.rows; r++) {
          const k = piece.first + r - read.origin.row;
          while (values.length < k) values.push([]);
          while (formats.length < k) formats.push([]);
          values[k] = markErrors(v[r], types[r]);
          formats[k] = f[r];
        }
        piece.range.untrack();
      }
      const areas: Area[] = [];
      for (const m of load.merges)
        if (!m.isNullObject) for (const a of m.areas.items) areas.push(parseA1Area(a.address));
      if (areas.length > 0) {
        // The fill writes into rows this read did not replace (a merged area reaching below the
        // edited row): those get their own arrays, so the previous cells stay as they were and
        // the model can tell changed rows by identity (core/patch).
        for (const a of areas)
          for (let k = a.row - read.origin.row; k < a.row - read.origin.row + a.rows; k++)
            if (k >= 0 && k < values.length && sheet.values[k] === values[k])
              values[k] = [...(values[k] ?? [])];
        fillMergedAreas(values as unknown[][], read.origin, areas);
      }
      sheets[at] = { ...sheet, values, numberFormats: formats };
      if (load.rest) rest.push(load.rest);
    }
    if (rest.length === 0) return;
    const more = queueRows(rest, context);
    await context.sync();
    await finishLoads(context, more, sheets);
  }

  return source;
}

/** Overlapping or touching spans become one. */
function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.first - b.first);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.first <= last.last + 1) {
      last.last = Math.max(last.last, s.last);
      last.lastCol = Math.max(last.lastCol, s.lastCol);
    } else out.push({ ...s });
  }
  return out;
}

/**
 * Subscribes to the workbook's sheet events: cell changes (`worksheets.onChanged`, ExcelApi 1.9),
 * sheets added and deleted (1.7) and renamed (`onNameChanged`, 1.17, where supported).
 */
function listenToWorkbook(
  run: NonNullable<ExcelSourceOptions["run"]>,
  handler: (change: LiveChange) => void
): () => void {
  let remove: () => void = () => undefined;
  run({ delayForCellEdit: false }, async (context) => {
    const sheets = context.workbook.worksheets;
    const registrations: OfficeExtension.EventHandlerResult<unknown>[] = [];
    registrations.push(
      sheets.onChanged.add(async (e) => {
        handler({
          kind: "cells",
          worksheetId: e.worksheetId,
          address: e.address,
          changeType: e.changeType,
          triggerSource: (e as { triggerSource?: string }).triggerSource,
        });
      })
    );
    registrations.push(
      sheets.onAdded.add(async (e) => {
        handler({ kind: "added", worksheetId: e.worksheetId });
      })
    );
    registrations.push(
      sheets.onDeleted.add(async (e) => {
        handler({ kind: "deleted", worksheetId: e.worksheetId });
      })
    );
    if (supportsExcelApi("1.17")) {
      registrations.push(
        sheets.onNameChanged.add(async (e) => {
          handler({ kind: "renamed", worksheetId: e.worksheetId, nameAfter: e.nameAfter });
        })
      );
    }
    await context.sync();
    remove = () => {
      // A handler is removed with the context that added it.
      void run({ delayForCellEdit: false }, async (ctx) => {
        for (const r of registrations) r.remove();
        await ctx.sync();
      }).catch(() => undefined);
    };
  }).catch((error: unknown) => console.error("CEDU: cannot listen to workbook changes", error));
  return () => remove();
}

/* ------------------------------------------------------------------ the runtime's feed */

/** Starts the live feed once per runtime; null outside Excel or on hosts without change events. */
export function startWorkbookModel(
  language?: string,
  options: LiveFeedOptions = {}
): LiveFeed | null {
  const runtime = sharedRuntime();
  if (runtime.feed) return runtime.feed as LiveFeed;
  if (typeof Excel === "undefined" || !supportsExcelApi("1.9")) return null;
  return startLiveFeed(runtime, excelSource(), {
    language,
    onError: (error) =>
      console.error("CEDU: reading the workbook for the live formulas failed", error),
    ...options,
  });
}

/** Runs one of the add-in's own writes so that it does not trigger a re-read. */
export function withoutLiveRefresh<T>(write: () => Promise<T>): Promise<T> {
  const feed = sharedRuntime().feed;
  return feed ? feed.suppress(write) : write();
}

/** The user corrected a sheet's kind or columns: re-analyse the cells already read. */
export function refreshWorkbookModel(): Promise<void> {
  const feed = sharedRuntime().feed;
  return feed ? feed.reanalyse() : Promise.resolve();
}

/** The user asked to read the workbook again (the pane's button). */
export function rereadWorkbookModel(): Promise<void> {
  const feed = sharedRuntime().feed;
  return feed ? feed.reread() : Promise.resolve();
}
