/**
 * Where the .xlsx writer puts each section of a summary sheet, by the Excel door's rules
 * (src/excel/write.ts, layoutSheet): the sheet title in row 0, sections from row 2, each as tall
 * as its table or, when it has a chart, at least the chart's 16 rows, two blank rows between;
 * the chart beside its table, one column to the right, 16 rows by 8 columns.
 */
import type { ReportSheet } from "../../core/types";
import type { SectionPlacement } from "./from-report";

/** The Excel door's constants (test/xlsx/layout.test.ts checks that they agree). */
export const CHART_ROWS = 16;
export const CHART_COLS = 8;
export const SECTION_GAP = 2;

export interface SectionLayout extends SectionPlacement {
  /** 0-based row of the section's title (the table's header follows it). */
  top: number;
}

export function layoutSections(sheet: ReportSheet): SectionLayout[] {
  let top = 2;
  return sheet.sections.map((section) => {
    const t = section.table;
    const cols = Math.max(1, t.columns.length);
    const rows = 2 + t.rows.length + (t.totals ? 1 : 0) + 1;
    const charted = section.chart !== null && t.rows.length > 0;
    const placed: SectionLayout = {
      top,
      headerRow: top + 1,
      firstCol: 0,
      chartFrom: { row: top, col: cols + 1 },
      chartTo: { row: top + CHART_ROWS - 1, col: cols + CHART_COLS },
    };
    top += Math.max(rows, charted ? CHART_ROWS : 0) + SECTION_GAP;
    return placed;
  });
}
