/**
 * The chart of a report section, as the .xlsx writer places it: the same kind, title, series,
 * categories, axis and legend that the Excel door draws with `sheet.charts.add` (src/excel/write.ts),
 * pointing at the cells where the writer put the table.
 */
import { columnIndex } from "../../core";
import type { ReportCell, ReportSection } from "../../core";
import type { CellPosition, ChartSeries, XlsxChart } from "./types";

/** Where the writer put a section's table, and the cells its chart covers. */
export interface SectionPlacement {
  /** 0-based row of the table's header row, and column of its first column. */
  headerRow: number;
  firstCol: number;
  chartFrom: CellPosition;
  chartTo: CellPosition;
}

const categoryText = (cell: ReportCell | undefined): string =>
  cell === null || cell === undefined ? "" : String(cell);

const seriesValue = (cell: ReportCell | undefined): number | null =>
  typeof cell === "number" && Number.isFinite(cell) ? cell : null;

export function sectionChart(
  sheet: string,
  section: ReportSection,
  place: SectionPlacement
): XlsxChart | null {
  const spec = section.chart;
  const table = section.table;
  const bodyRows = table.rows.length;
  if (!spec || bodyRows === 0) return null;
  const category = columnIndex(table, spec.categoryColumn);
  const series = spec.seriesColumns.map((key) => columnIndex(table, key)).filter((i) => i >= 0);
  if (category < 0 || series.length === 0) return null;
  // As in Excel: the first rows only when the spec says so (communities that have a rate).
  const n = Math.max(1, Math.min(spec.rowCount ?? bodyRows, bodyRows));
  const rows = table.rows.slice(0, n);
  const run = (col: number) => ({
    sheet,
    col: place.firstCol + col,
    firstRow: place.headerRow + 1,
    lastRow: place.headerRow + n,
  });
  const toSeries = (col: number): ChartSeries => ({
    name: {
      sheet,
      cell: { row: place.headerRow, col: place.firstCol + col },
      text: table.columns[col].header,
    },
    categories: { run: run(category), values: rows.map((r) => categoryText(r[category])) },
    values: { run: run(col), values: rows.map((r) => seriesValue(r[col])) },
  });
  return {
    kind: spec.kind,
    title: spec.title,
    series: series.map(toSeries),
    valueAxisTitle: spec.kind === "pie" ? "" : spec.valueAxisTitle,
    percentAxis: spec.kind !== "pie" && spec.percentAxis,
    legend: series.length > 1 || spec.kind === "pie",
    from: place.chartFrom,
    to: place.chartTo,
  };
}
