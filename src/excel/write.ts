/**
 * Renders a ReportSpec into new, tagged sheets.
 *
 * RENDER_SYNCS = 4, whatever the size of the spec:
 *   1. checks: workbook read-only/protection, sheet list, registry, events flag;
 *   2. checks: each sheet's tag and protection (the sheets to replace must be unprotected);
 *   3. build: new sheets under temporary names, every block (values + number formats), tables,
 *      fonts, autofit, frozen top row, charts — with screen updating and calculation suspended and
 *      events off;
 *   4. swap: delete the previous tagged sheets, rename the new ones, tag them, update the registry,
 *      activate the first, restore events.
 * A failure in 3 or 4 costs two more syncs in the catch: the temporary sheets are deleted, so no
 * half-written sheet remains.
 */
import { epochDayFromISO, serialFromEpochDay } from "../core/cells";
import { NUMBER_FORMATS, columnIndex } from "../core/report";

import type {
  ColumnFormat,
  ReportCell,
  ReportSection,
  ReportSheet,
  ReportSpec,
} from "../core/types";
import { CeduExcelError, toCeduError } from "./errors";
import { a1, a1Range, queueDateSystemProbe, safeText, supportsExcelApi } from "./support";
import {
  customPropertiesSupported,
  freeName,
  isTagged,
  queueRegistry,
  queueRegistryWrite,
  queueTag,
  queueTagProbe,
  registryNames,
} from "./tags";

export const RENDER_SYNCS = 4;
export const TEMP_PREFIX = "~cedu-tmp-";
export const TABLE_STYLE = "TableStyleMedium2";
/** Chart size in rows/columns and the blank rows between sections. */
export const CHART_ROWS = 16;
export const CHART_COLS = 8;
export const SECTION_GAP = 2;
export const NULL_CELL = "—";

/* ------------------------------------------------------------------ layout (pure) */

export interface BlockLayout {
  section: ReportSection;
  /** 0-based first row of the block (the section title). */
  top: number;
  cols: number;
  /** title, header, body, totals?, note. */
  rows: number;
  headerRow: number;
  bodyRows: number;
  totalsRow: number | null;
  noteRow: number;
  /** Rows the section occupies, chart included, before the gap. */
  height: number;
}

export interface SheetLayout {
  blocks: BlockLayout[];
  totalRows: number;
  maxCols: number;
}

/** Row 0 is the sheet title; sections follow from row 2, each max(block, chart) + gap rows tall. */
export function layoutSheet(sheet: ReportSheet): SheetLayout {
  let top = 2;
  let maxCols = 1;
  const blocks = sheet.sections.map((section) => {
    const t = section.table;
    const cols = Math.max(1, t.columns.length);
    const bodyRows = t.rows.length;
    const totalsRow = t.totals ? top + 2 + bodyRows : null;
    const rows = 2 + bodyRows + (t.totals ? 1 : 0) + 1;
    const height = Math.max(rows, section.chart && bodyRows > 0 ? CHART_ROWS : 0);
    const block: BlockLayout = {
      section,
      top,
      cols,
      rows,
      headerRow: top + 1,
      bodyRows,
      totalsRow,
      noteRow: top + rows - 1,
      height,
    };
    maxCols = Math.max(maxCols, cols + (section.chart ? 1 + CHART_COLS : 0));
    top += height + SECTION_GAP;
    return block;
  });
  return { blocks, totalRows: top, maxCols };
}

/** ISO date → Excel serial in the workbook's date system, or null. */
function isoToSerial(text: string, date1904 = false): number | null {
  const day = epochDayFromISO(text);
  return day === null ? null : serialFromEpochDay(day, date1904);
}

function cellValue(cell: ReportCell, format: ColumnFormat, date1904: boolean): string | number {
  if (cell === null) return NULL_CELL;
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : NULL_CELL;
  if (format === "date") {
    const serial = isoToSerial(cell, date1904);
    if (serial !== null) return serial;
  }
  return safeText(cell);
}

function cellFormat(cell: ReportCell, format: ColumnFormat): string {
  if (cell === null || typeof cell === "string") {
    return format === "date" && typeof cell === "string" && isoToSerial(cell) !== null
      ? NUMBER_FORMATS.date
      : "@";
  }
  return NUMBER_FORMATS[format];
}

/**
 * The block's values and number formats, same shape (rows × cols). Dates are serials of the
 * workbook's date system: a 1904 workbook would otherwise show them four years and a day late.
 */
export function blockPayload(
  block: BlockLayout,
  date1904 = false
): {
  values: (string | number)[][];
  formats: string[][];
} {
  const t = block.section.table;
  const pad = <T>(row: T[], fill: T): T[] =>
    [...row, ...Array<T>(Math.max(0, block.cols - row.length)).fill(fill)].slice(0, block.cols);
  const values: (string | number)[][] = [];
  const formats: string[][] = [];
  const textRow = (text: string) => {
    values.push(pad([safeText(text)], ""));
    formats.push(pad(["@"], "@"));
  };
  const dataRow = (cells: ReportCell[], perCell?: (ColumnFormat | null)[]) => {
    const fmts = t.columns.map((c, i) => perCell?.[i] ?? c.format);
    values.push(
      pad(
        t.columns.map((_, i) => cellValue(cells[i] ?? null, fmts[i], date1904)),
        ""
      )
    );
    formats.push(
      pad(
        t.columns.map((_, i) => cellFormat(cells[i] ?? null, fmts[i])),
        "@"
      )
    );
  };
  textRow(t.title);
  values.push(
    pad(
      t.columns.map((c) => safeText(c.header)),
      ""
    )
  );
  formats.push(
    pad(
      t.columns.map(() => "@"),
      "@"
    )
  );
  t.rows.forEach((row, r) => dataRow(row, t.cellFormats?.[r]));
  if (t.totals) dataRow(t.totals);
  textRow(t.note);
  return { values, formats };
}

/* ------------------------------------------------------------------ rendering */

export interface RenderResult {
  /** Final names of the generated sheets, in spec order. */
  sheetNames: string[];
}

const CHART_TYPES = {
  columnClustered: "ColumnClustered",
  barClustered: "BarClustered",
  line: "Line",
  pie: "Pie",
  columnStacked: "ColumnStacked",
} as const;

export async function renderReport(
  context: Excel.RequestContext,
  spec: ReportSpec
): Promise<RenderResult> {
  const workbook = context.workbook;

  // Sync 1 — checks.
  const protection = workbook.protection;
  protection.load("protected");
  workbook.load("readOnly");
  const sheets = workbook.worksheets;
  sheets.load("items/name");
  const registrySetting = queueRegistry(context);
  context.runtime.load("enableEvents");
  const date1904 = queueDateSystemProbe(context);
  await context.sync();
  if (workbook.readOnly) throw new CeduExcelError("excel.readOnly");
  if (protection.protected) throw new CeduExcelError("excel.workbookProtected");
  const registry = registryNames(registrySetting);
  const eventsWereEnabled = context.runtime.enableEvents !== false;

  // Sync 2 — tags and sheet protection.
  const useCp = customPropertiesSupported();
  const probes = sheets.items.map((sheet) => {
    sheet.protection.load("protected");
    return { sheet, name: sheet.name, tag: queueTagProbe(sheet, useCp) };
  });
  await context.sync();
  const old = probes.filter((p) => isTagged(p.tag, p.name, registry));
  const locked = old.find((p) => p.sheet.protection.protected);
  if (locked) throw new CeduExcelError("excel.sheetProtected", { sheet: locked.name });

  // Final names: user sheets keep theirs; ours take the wanted name or the next free one.
  const taken = new Set(probes.filter((p) => !old.includes(p)).map((p) => p.name.toLowerCase()));
  const finalNames = spec.sheets.map((s) => {
    const name = freeName(s.name, taken);
    taken.add(name.toLowerCase());
    return name;
  });
  const stamp = Date.now().toString(36);
  const tempNames = spec.sheets.map((_, i) => `${TEMP_PREFIX}${i}-${stamp}`.slice(0, 31));

  try {
    // Sync 3 — build everything into new sheets.
    if (supportsExcelApi("1.9")) context.application.suspendScreenUpdatingUntilNextSync();
    if (supportsExcelApi("1.6")) context.application.suspendApiCalculationUntilNextSync();
    context.runtime.enableEvents = false;
    const created = spec.sheets.map((s, i) => {
      const sheet = sheets.add(tempNames[i]);
      buildSheet(sheet, s, date1904());
      return sheet;
    });
    await context.sync();

    // Sync 4 — swap: old out, new in.
    for (const p of old) p.sheet.delete();
    created.forEach((sheet, i) => {
      sheet.name = finalNames[i];
      queueTag(sheet, useCp);
    });
    const keptRegistry = registry.filter(
      (n) => !old.some((p) => p.name.toLowerCase() === n.toLowerCase())
    );
    queueRegistryWrite(context, [...keptRegistry, ...finalNames]);
    if (created.length > 0) created[0].activate();
    context.runtime.enableEvents = eventsWereEnabled;
    await context.sync();
    return { sheetNames: finalNames };
  } catch (error) {
    await removeTempSheets(context, eventsWereEnabled);
    throw toCeduError(error);
  }
}

/** Two syncs: find the temporary sheets by name, delete them, restore events. Never throws. */
async function removeTempSheets(
  context: Excel.RequestContext,
  eventsWereEnabled: boolean
): Promise<void> {
  try {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    for (const sheet of sheets.items) if (sheet.name.startsWith(TEMP_PREFIX)) sheet.delete();
    context.runtime.enableEvents = eventsWereEnabled;
    await context.sync();
  } catch (cleanupError) {
    console.error("CEDU: could not remove temporary sheets", cleanupError);
  }
}

/** Queues one sheet's content (no sync). */
function buildSheet(sheet: Excel.Worksheet, spec: ReportSheet, date1904: boolean): void {
  const layout = layoutSheet(spec);
  const title = sheet.getRange("A1");
  title.numberFormat = [["@"]];
  title.values = [[safeText(spec.title)]];
  title.format.font.bold = true;
  title.format.font.size = 14;

  for (const block of layout.blocks) {
    const { values, formats } = blockPayload(block, date1904);
    const range = sheet.getRange(a1Range(block.top, 0, block.rows, block.cols));
    // Formats first, so text stays text (a month "2021-03" is not turned into a date).
    range.numberFormat = formats;
    range.values = values;
    const head = sheet.getRange(a1(block.top, 0));
    head.format.font.bold = true;
    head.format.font.size = 12;
    sheet.getRange(a1(block.noteRow, 0)).format.font.italic = true;

    const tableAddress = a1Range(block.headerRow, 0, 1 + block.bodyRows, block.cols);
    if (block.bodyRows > 0) {
      const table = sheet.tables.add(tableAddress, true);
      table.style = TABLE_STYLE;
    } else {
      sheet.getRange(tableAddress).format.font.bold = true;
    }
    if (block.totalsRow !== null)
      sheet.getRange(a1Range(block.totalsRow, 0, 1, block.cols)).format.font.bold = true;
    const lastTableRow = block.totalsRow ?? block.headerRow + block.bodyRows;
    sheet
      .getRange(a1Range(block.headerRow, 0, lastTableRow - block.headerRow + 1, block.cols))
      .format.autofitColumns();

    if (block.section.chart && block.bodyRows > 0) addChart(sheet, block);
  }
  sheet.freezePanes.freezeRows(1);
}

function addChart(sheet: Excel.Worksheet, block: BlockLayout): void {
  const spec = block.section.chart!;
  const table = block.section.table;
  const n = Math.max(1, Math.min(spec.rowCount ?? block.bodyRows, block.bodyRows));
  const firstBody = block.headerRow + 1;
  const column = (col: number, withHeader: boolean) =>
    sheet.getRange(
      a1Range(withHeader ? block.headerRow : firstBody, col, n + (withHeader ? 1 : 0), 1)
    );
  // Charts name columns by key: a column added to a table never shifts what a chart plots.
  const seriesCols = spec.seriesColumns.map((k) => columnIndex(table, k)).filter((c) => c >= 0);
  const categoryCol = columnIndex(table, spec.categoryColumn);
  if (seriesCols.length === 0 || categoryCol < 0) return;
  const categories = column(categoryCol, false);

  const chart = sheet.charts.add(CHART_TYPES[spec.kind], column(seriesCols[0], true), "Columns");
  chart.title.text = spec.title;
  const first = chart.series.getItemAt(0);
  first.name = table.columns[seriesCols[0]].header;
  first.setXAxisValues(categories);
  for (const col of seriesCols.slice(1)) {
    const series = chart.series.add(table.columns[col].header);
    series.setValues(column(col, false));
    series.setXAxisValues(categories);
  }
  chart.legend.visible = seriesCols.length > 1 || spec.kind === "pie";
  if (spec.kind !== "pie") {
    chart.axes.valueAxis.title.text = spec.valueAxisTitle;
    if (spec.percentAxis) chart.axes.valueAxis.numberFormat = "0%";
  }
  const left = block.cols + 1;
  chart.setPosition(a1(block.top, left), a1(block.top + CHART_ROWS - 1, left + CHART_COLS - 1));
}
