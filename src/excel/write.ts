/**
 * A ReportSpec's sheets as Excel content: payloads and the steps that queue them (buildSheet), on
 * the cells core's layout gives each section (as the .xlsx writer does). Which sheets receive
 * them, and in how many syncs, is src/excel/render.ts.
 */
import { epochDayFromISO, serialFromEpochDay } from "../core";
import { NUMBER_FORMATS, columnIndex, layoutSheet, type BlockLayout } from "../core";
import type { ColumnFormat, ReportCell, ReportSheet } from "../core";
import { a1, a1Range, safeText, utf8Length } from "./support";

export { renderReport, RENDER_SYNCS, type RenderResult } from "./render";
/** Where each section sits is core's decision, shared with the .xlsx writer. */
export { layoutSheet, type BlockLayout } from "../core";
export const TABLE_STYLE = "TableStyleMedium2";
export const NULL_CELL = "—";

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

const CHART_TYPES = {
  columnClustered: "ColumnClustered",
  barClustered: "BarClustered",
  line: "Line",
  pie: "Pie",
  columnStacked: "ColumnStacked",
} as const;

/**
 * A part of a sheet's content to queue, with the bytes it adds to a request: renderReport groups
 * parts into requests that stay under the web's payload limit.
 */
export interface BuildStep {
  bytes: number;
  queue: () => void;
}

/** Request bytes a values/numberFormat write adds (UTF-8 JSON, as Excel measures it). */
export function payloadBytes(payload: unknown[][]): number {
  return utf8Length(JSON.stringify(payload)) + 64;
}

/** Bytes of a block slice above which it is written in several requests. */
export const BLOCK_SLICE_BYTES = 1_000_000;

/**
 * One sheet's content as steps (nothing queued until a step runs). A block's values and number
 * formats are written by row slices of at most BLOCK_SLICE_BYTES, so a 90,000-row issue list never
 * needs one request over the limit; the rest (fonts, table, autofit, chart) follows its values.
 */
export function buildSheet(
  sheet: Excel.Worksheet,
  spec: ReportSheet,
  date1904: boolean
): BuildStep[] {
  const layout = layoutSheet(spec);
  const steps: BuildStep[] = [];
  steps.push({
    bytes: payloadBytes([[spec.title]]) * 2,
    queue: () => {
      const title = sheet.getRange("A1");
      title.numberFormat = [["@"]];
      title.values = [[safeText(spec.title)]];
      title.format.font.bold = true;
      title.format.font.size = 14;
    },
  });

  for (const block of layout.blocks) {
    const { values, formats } = blockPayload(block, date1904);
    for (const slice of rowSlices(values, formats)) {
      steps.push({
        bytes: slice.bytes,
        queue: () => {
          const range = sheet.getRange(
            a1Range(block.top + slice.from, 0, slice.values.length, block.cols)
          );
          // Formats first, so text stays text (a month "2021-03" is not turned into a date).
          range.numberFormat = slice.formats;
          range.values = slice.values;
        },
      });
    }
    steps.push({ bytes: 4_000, queue: () => decorateBlock(sheet, block) });
  }
  steps.push({ bytes: 100, queue: () => sheet.freezePanes.freezeRows(1) });
  return steps;
}

function rowSlices(
  values: (string | number)[][],
  formats: string[][]
): { from: number; values: (string | number)[][]; formats: string[][]; bytes: number }[] {
  const rowBytes = values.map((row, r) => payloadBytes([row]) + payloadBytes([formats[r]]));
  const slices: {
    from: number;
    values: (string | number)[][];
    formats: string[][];
    bytes: number;
  }[] = [];
  let from = 0;
  let bytes = 0;
  rowBytes.forEach((b, r) => {
    if (r > from && bytes + b > BLOCK_SLICE_BYTES) {
      slices.push({ from, values: values.slice(from, r), formats: formats.slice(from, r), bytes });
      from = r;
      bytes = 0;
    }
    bytes += b;
  });
  if (from < values.length || values.length === 0)
    slices.push({ from, values: values.slice(from), formats: formats.slice(from), bytes });
  return slices;
}

function decorateBlock(sheet: Excel.Worksheet, block: BlockLayout): void {
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
  if (!block.section.table.prose)
    sheet
      .getRange(a1Range(block.headerRow, 0, lastTableRow - block.headerRow + 1, block.cols))
      .format.autofitColumns();

  if (block.chart) addChart(sheet, block);
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
  const place = block.chart!;
  chart.setPosition(a1(place.from.row, place.from.col), a1(place.to.row, place.to.col));
}
