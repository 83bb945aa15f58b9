/**
 * Where each section of a summary sheet sits, for every writer (the Excel door's renderReport and
 * the .xlsx writer with its charts): one decision, so a file written outside Excel has its tables
 * and charts on the same cells as the sheet the add-in writes.
 *
 * Row 0 is the sheet title; sections follow from row 2, stacked, each as tall as its table (title,
 * header, body, totals, note) or, when charted, at least the chart's height; two blank rows
 * between. A chart sits beside its table, one blank column to its right.
 */
import type { ReportSection, ReportSheet } from "../types";

/** Chart size in rows and columns, and the blank rows between sections. */
export const CHART_ROWS = 16;
export const CHART_COLS = 8;
export const SECTION_GAP = 2;
/** 0-based row of the first section's title (row 0 holds the sheet's title). */
export const FIRST_SECTION_ROW = 2;

export interface CellPosition {
  row: number;
  col: number;
}

export interface BlockLayout {
  section: ReportSection;
  /** 0-based first row of the block (the section title). */
  top: number;
  /** 0-based first column (sections are left-aligned). */
  firstCol: number;
  cols: number;
  /** title, header, body, totals?, note. */
  rows: number;
  headerRow: number;
  bodyRows: number;
  totalsRow: number | null;
  noteRow: number;
  /** Rows the section occupies, chart included, before the gap. */
  height: number;
  /** The chart's anchor cells, when the section has a chart and rows to chart. */
  chart: { from: CellPosition; to: CellPosition } | null;
}

export interface SheetLayout {
  blocks: BlockLayout[];
  totalRows: number;
  maxCols: number;
}

export function layoutSheet(sheet: ReportSheet): SheetLayout {
  let top = FIRST_SECTION_ROW;
  let maxCols = 1;
  const blocks = sheet.sections.map((section) => {
    const t = section.table;
    const cols = Math.max(1, t.columns.length);
    const bodyRows = t.rows.length;
    const rows = 2 + bodyRows + (t.totals ? 1 : 0) + 1;
    const charted = section.chart !== null && bodyRows > 0;
    const height = Math.max(rows, charted ? CHART_ROWS : 0);
    const block: BlockLayout = {
      section,
      top,
      firstCol: 0,
      cols,
      rows,
      headerRow: top + 1,
      bodyRows,
      totalsRow: t.totals ? top + 2 + bodyRows : null,
      noteRow: top + rows - 1,
      height,
      chart: charted
        ? {
            from: { row: top, col: cols + 1 },
            to: { row: top + CHART_ROWS - 1, col: cols + CHART_COLS },
          }
        : null,
    };
    maxCols = Math.max(maxCols, cols + (section.chart ? 1 + CHART_COLS : 0));
    top += height + SECTION_GAP;
    return block;
  });
  return { blocks, totalRows: top, maxCols };
}

/**
 * Columns a text takes on screen: CJK ideographs, kana, hangul and full-width forms take two.
 * One helper for the .xlsx writer's column widths and the command line's aligned tables.
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return w;
}

/** Column widths (in characters) a writer without autofit gives the sheet: the widest header or text, within 8–50. */
export function columnWidths(layout: SheetLayout): number[] {
  const widths: number[] = [];
  const widen = (c: number, text: string) => {
    widths[c] = Math.min(50, Math.max(widths[c] ?? 8, displayWidth(text) + 2));
  };
  for (const block of layout.blocks) {
    const t = block.section.table;
    if (t.prose) continue;
    t.columns.forEach((col, c) => widen(block.firstCol + c, col.header));
    for (const row of t.totals ? [...t.rows, t.totals] : t.rows)
      row.forEach((v, c) => {
        if (typeof v === "string") widen(block.firstCol + c, v);
      });
  }
  return widths;
}
