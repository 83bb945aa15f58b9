/**
 * The standard workbook inside Excel: "插入标准表 / Insert standard sheets" (the template) and
 * "整理为标准表 / Tidy into standard sheets" write a StandardWorkbook (core/standard) into the open
 * workbook as new sheets, with the same headers, formats, drop-downs, checks and input messages
 * the command line's .xlsx has. Nothing of the user's is replaced: every sheet name and the
 * workbook name behind the community drop-downs is one the workbook does not use yet (decided by
 * core from what the first sync found), and the written sheets are not tagged as generated, so a
 * later summary never deletes them: they are the office's sheets from then on.
 *
 * Data validation is ExcelApi 1.8; where Excel lacks it the action stops with a message rather
 * than write sheets that look standard and check nothing. Print titles and orientation (1.9) and
 * notes on highlighted cells (1.18) are used where available.
 *
 * Syncs: 1 (checks, names in use, date system) + 1 (sheets, columns, rules, headers; the template
 * is then complete) + one per
 * ~4 MB of tidied rows + one per 2,000 highlighted cells. A failure after the sheets were added
 * costs two more: the sheets and the name are deleted again, so no half-written sheet remains.
 */
import { planCell, STANDARD_NUMBER_FORMATS } from "../core";
import type { Highlight, StandardColumn, StandardSheet, StandardWorkbook, Taken } from "../core";
import { LAST_ROW } from "../core";
import { isoFromEpochDay } from "../core";
import type { Overrides } from "../core";
import { CeduExcelError, toCeduError } from "./errors";
import {
  columnLetter as columnName,
  queueDateSystemProbe,
  safeText,
  supportsExcelApi,
} from "./support";

/** The requirement set of Range.dataValidation. */
export const DATA_VALIDATION_API = "1.8";

/** The same colours as "Mark in sheet" and the .xlsx writer. */
export const HIGHLIGHT_FILL: Record<Highlight["severity"], string> = {
  error: "#FFC7CE",
  warning: "#FFEB9C",
};
export const HEADER_FILL = "#DDEBF7";

/** Values + number formats per write, in UTF-8 bytes of JSON: well under Excel's 5 MB request limit. */
export const MAX_WRITE_BYTES = 4_000_000;
/** Highlight commands (fill + note) per sync, so that a large tidy stays under the limit too. */
export const MAX_HIGHLIGHTS_PER_SYNC = 2_000;

export interface WrittenStandard {
  /** The standard sheets written, in order. */
  sheets: string[];
  instructions: string | null;
  /** The workbook name behind the community drop-downs, or null when there is none. */
  listName: string | null;
  /** Highlighted cells (tidy), and whether they carry the issue as a note (ExcelApi 1.18). */
  highlighted: number;
  notes: boolean;
}

/**
 * Excel's column width is in characters of the default font (Calibri 11: 7 pixels each plus 5
 * of padding); Office.js sets it in points (0.75 of a pixel).
 */
export function widthInPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

/** The Office.js rule of a standard column, or null for "any value" (input message only). */
export function officeRule(
  column: StandardColumn,
  letter: string,
  listName: string | null
): Excel.DataValidationRule | null {
  const rule = column.rule;
  if (!rule) return null;
  switch (rule.type) {
    case "list":
      return { list: { inCellDropDown: true, source: rule.values.join(",") } };
    case "communities":
      // A formula source: the name's OFFSET grows with the population sheet.
      return listName ? { list: { inCellDropDown: true, source: `=${listName}` } } : null;
    case "whole":
      return { wholeNumber: { formula1: rule.min, formula2: rule.max, operator: "Between" } };
    case "decimal":
      return { decimal: { formula1: rule.min, formula2: rule.max, operator: "Between" } };
    case "above": {
      // Excel's number rules have no "greater than, at most" pair: a formula relative to row 2.
      const cell = `${letter}2`;
      return {
        custom: { formula: `=AND(ISNUMBER(${cell}),${cell}>${rule.min},${cell}<=${rule.max})` },
      };
    }
    case "date":
      // Date bounds are ISO dates or formulas, never numbers (Microsoft's data-validation article).
      return {
        date: { formula1: isoFromEpochDay(rule.min), formula2: "=TODAY()", operator: "Between" },
      };
  }
}

interface Probe {
  taken: Required<Taken>;
  date1904: boolean;
}

/** Sync 1: whether the workbook can take new sheets, and which names it already uses. */
async function probe(context: Excel.RequestContext): Promise<Probe> {
  if (!supportsExcelApi(DATA_VALIDATION_API)) throw new CeduExcelError("excel.standardUnsupported");
  const wb = context.workbook;
  wb.load("readOnly");
  wb.protection.load("protected");
  const sheets = wb.worksheets.load("items/name");
  const names = wb.names.load("items");
  const is1904 = queueDateSystemProbe(context);
  await context.sync();
  if (wb.readOnly) throw new CeduExcelError("excel.readOnly");
  if (wb.protection.protected) throw new CeduExcelError("excel.standardProtected");
  return {
    taken: {
      sheets: sheets.items.map((s) => s.name),
      names: names.items.map((n) => n.name),
    },
    date1904: is1904(),
  };
}

function queueColumns(ws: Excel.Worksheet, sheet: StandardSheet, listName: string | null): void {
  const n = sheet.columns.length;
  const header = ws.getRangeByIndexes(0, 0, 1, n);
  header.numberFormat = [sheet.columns.map(() => "@")];
  header.values = [sheet.columns.map((c) => c.header)];
  header.format.font.bold = true;
  header.format.fill.color = HEADER_FILL;
  sheet.columns.forEach((column, c) => {
    const letter = columnName(c);
    ws.getRangeByIndexes(0, c, 1, 1).format.columnWidth = widthInPoints(column.width);
    // The whole column below the header: rows staff add later are formatted and checked too.
    // One value for the whole range is Excel's documented way to format many cells at once.
    const body = ws.getRange(`${letter}2:${letter}${LAST_ROW}`);
    body.numberFormat = STANDARD_NUMBER_FORMATS[column.format] as unknown as string[][];
    // A navigation property that is only written to, never read (the plugin does not know it).
    // eslint-disable-next-line office-addins/load-object-before-read, office-addins/call-sync-before-read
    const validation = body.dataValidation;
    const rule = officeRule(column, letter, listName);
    if (rule) validation.rule = rule;
    validation.ignoreBlanks = true;
    validation.prompt = {
      showPrompt: true,
      title: column.prompt.title,
      message: column.prompt.message,
    };
    if (column.alert)
      validation.errorAlert = {
        showAlert: true,
        style: column.alert.style === "stop" ? "Stop" : "Warning",
        title: column.alert.title,
        message: column.alert.message,
      };
  });
  ws.freezePanes.freezeRows(1);
  if (supportsExcelApi("1.9")) {
    ws.pageLayout.setPrintTitleRows("$1:$1");
    ws.pageLayout.orientation = n > 6 ? "Landscape" : "Portrait";
  }
}

function queueInstructions(ws: Excel.Worksheet, lines: readonly string[]): void {
  ws.getRangeByIndexes(0, 0, 1, 1).format.columnWidth = widthInPoints(110);
  if (lines.length === 0) return;
  const range = ws.getRangeByIndexes(0, 0, lines.length, 1);
  range.numberFormat = lines.map(() => ["@"]);
  range.values = lines.map((line) => [line]);
  range.format.wrapText = true;
  range.format.verticalAlignment = "Top";
  const title = ws.getRangeByIndexes(0, 0, 1, 1).format.font;
  title.bold = true;
  title.size = 14;
}

/** UTF-8 bytes of a string (a Chinese character is 3), without Node's Buffer. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

interface Block {
  sheet: string;
  row: number;
  values: unknown[][];
  formats: string[][];
}

/** The rows of a sheet as cell values and formats, cut into blocks under MAX_WRITE_BYTES. */
export function rowBlocks(sheet: StandardSheet, date1904: boolean): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  let bytes = 0;
  sheet.rows.forEach((row, r) => {
    const values: unknown[] = [];
    const formats: string[] = [];
    row.cells.forEach((value, c) => {
      const plan = planCell(value, sheet.columns[c], date1904);
      formats.push(plan.numberFormat);
      values.push(
        plan.kind === "empty"
          ? ""
          : plan.kind === "text"
            ? safeText(String(plan.value))
            : plan.value
      );
    });
    // Each row also costs a comma in both arrays, and each array its brackets.
    const size = utf8Length(JSON.stringify(values)) + utf8Length(JSON.stringify(formats)) + 2;
    if (current === null || bytes + size > MAX_WRITE_BYTES) {
      current = { sheet: sheet.name, row: r + 1, values: [], formats: [] };
      blocks.push(current);
      bytes = 4;
    }
    current.values.push(values);
    current.formats.push(formats);
    bytes += size;
  });
  return blocks;
}

interface Mark {
  sheet: string;
  address: string;
  severity: Highlight["severity"];
  note: string;
}

function marksOf(sheet: StandardSheet): Mark[] {
  return sheet.rows.flatMap((row, r) =>
    row.highlights.map((h) => ({
      sheet: sheet.name,
      address: `${columnName(h.col)}${r + 2}`,
      severity: h.severity,
      note: h.note,
    }))
  );
}

/**
 * Writes `build(taken)` into the open workbook. `build` gets the names the workbook already
 * uses, so the model (core/standard) chooses free ones.
 */
export async function writeStandard(
  context: Excel.RequestContext,
  build: (taken: Required<Taken>) => StandardWorkbook
): Promise<WrittenStandard> {
  const { taken, date1904 } = await probe(context);
  const model = build(taken);
  const added: string[] = [];
  const listName = model.communities?.name ?? null;
  let nameAdded = false;
  try {
    const wb = context.workbook;
    context.application.suspendScreenUpdatingUntilNextSync();
    // Sync 2: the sheets, their columns and rules. The name first: the rules refer to it.
    if (model.communities) {
      wb.names.add(model.communities.name, `=${model.communities.formula}`);
      nameAdded = true;
    }
    // The proxies add() returns: the sheets do not exist for getItem until this batch has run.
    const proxies: Excel.Worksheet[] = [];
    if (model.instructions) {
      const ws = wb.worksheets.add(model.instructions.name);
      added.push(model.instructions.name);
      proxies.push(ws);
      queueInstructions(ws, model.instructions.lines);
    }
    for (const sheet of model.sheets) {
      const ws = wb.worksheets.add(sheet.name);
      added.push(sheet.name);
      proxies.push(ws);
      queueColumns(ws, sheet, listName);
    }
    proxies[0]?.activate();
    await context.sync();

    // Then one sync per block of tidied rows and per chunk of highlights, planned beforehand.
    const steps: (() => void)[] = [];
    for (const sheet of model.sheets) {
      for (const block of rowBlocks(sheet, date1904)) {
        steps.push(() => {
          const ws = wb.worksheets.getItem(sheet.name);
          const range = ws.getRangeByIndexes(
            block.row,
            0,
            block.values.length,
            sheet.columns.length
          );
          range.numberFormat = block.formats;
          range.values = block.values;
        });
      }
    }
    // Highlights: a fill, and the issue as a note where Excel has notes.
    const notes = supportsExcelApi("1.18");
    const marks = model.sheets.flatMap(marksOf);
    for (let i = 0; i < marks.length; i += MAX_HIGHLIGHTS_PER_SYNC) {
      const part = marks.slice(i, i + MAX_HIGHLIGHTS_PER_SYNC);
      steps.push(() => {
        for (const m of part) {
          const ws = wb.worksheets.getItem(m.sheet);
          ws.getRange(m.address).format.fill.color = HIGHLIGHT_FILL[m.severity];
          if (notes) ws.notes.add(m.address, m.note);
        }
      });
    }
    await runSteps(context, steps);

    return {
      sheets: model.sheets.map((s) => s.name),
      instructions: model.instructions?.name ?? null,
      listName,
      highlighted: marks.length,
      notes: notes && marks.length > 0,
    };
  } catch (error) {
    await undo(context, added, nameAdded ? listName : null);
    throw toCeduError(error);
  }
}

/**
 * Each step's commands, then a sync: one planned request each. Recursive rather than a loop so
 * that every sync visibly belongs to one planned step (and the office-addins rule holds).
 */
async function runSteps(
  context: Excel.RequestContext,
  steps: readonly (() => void)[],
  from = 0
): Promise<void> {
  if (from >= steps.length) return;
  steps[from]();
  await context.sync();
  await runSteps(context, steps, from + 1);
}

/**
 * Deletes what a failed write added (only that: the names CEDU chose were free before), in two
 * syncs; its own failure is not the user's news.
 */
async function undo(
  context: Excel.RequestContext,
  sheets: readonly string[],
  name: string | null
): Promise<void> {
  try {
    const present = context.workbook.worksheets.load("items/name");
    const names = context.workbook.names.load("items");
    await context.sync();
    const wanted = new Set(sheets.map((s) => s.toLowerCase()));
    for (const ws of present.items) if (wanted.has(ws.name.toLowerCase())) ws.delete();
    if (name && names.items.some((n) => n.name.toLowerCase() === name.toLowerCase()))
      context.workbook.names.getItemOrNullObject(name).delete();
    await context.sync();
  } catch {
    // The original error is what the user needs to see.
  }
}

/**
 * After tidying inside Excel the workbook holds each row twice, in the office's sheet and in the
 * standard one. The source sheets are set aside (the Sheets tab's "not a data sheet", which the
 * user can undo there), so the figures stay those of the original; their cells are not touched.
 */
export function overridesAfterTidy(overrides: Overrides, sources: readonly string[]): Overrides {
  const next: Overrides = { ...overrides };
  for (const sheet of sources) next[sheet] = { kind: null };
  return next;
}
