/**
 * The chart of a report section, as the .xlsx writer places it: the same kind, title, series,
 * categories, axis and legend that the Excel door draws with `sheet.charts.add` (src/excel/write.ts),
 * pointing at the cells where the writer put the table.
 */
import type { ReportCell, ReportSection, ReportTable } from "../../core/types";
import type { CellPosition, ChartSeries, XlsxChart } from "./types";

/** Where the writer put a section's table, and the cells its chart covers. */
export interface SectionPlacement {
  /** 0-based row of the table's header row, and column of its first column. */
  headerRow: number;
  firstCol: number;
  chartFrom: CellPosition;
  chartTo: CellPosition;
}

/** A chart names a column by its key (or, in older specs, by its index). */
function columnIndex(table: ReportTable, ref: number | string): number {
  const i = typeof ref === "number" ? ref : table.columns.findIndex((c) => c.key === ref);
  return i >= 0 && i < table.columns.length ? i : -1;
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
  const category = columnIndex(table, spec.categoryColumn as number | string);
  const series = (spec.seriesColumns as (number | string)[])
    .map((ref) => columnIndex(table, ref))
    .filter((i) => i >= 0);
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
