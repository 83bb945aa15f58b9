/**
 * What the chart writer needs to know about one native chart in an .xlsx file: plain data, so the
 * caller (the .xlsx writer) decides where tables and charts sit and this folder only writes parts.
 */
import type { ChartKind } from "../../core";

/** A 0-based cell. */
export interface CellPosition {
  row: number;
  col: number;
}

/** A run of cells in one column (0-based, both ends inclusive) of a named sheet. */
export interface ColumnRun {
  sheet: string;
  col: number;
  firstRow: number;
  lastRow: number;
}

export interface ChartSeries {
  /** The header cell that names the series, and its text (kept as the chart's cache). */
  name: { sheet: string; cell: CellPosition; text: string };
  categories: { run: ColumnRun; values: readonly string[] };
  /** A null value is a blank or non-numeric cell: no point is drawn. */
  values: { run: ColumnRun; values: readonly (number | null)[] };
}

export interface XlsxChart {
  kind: ChartKind;
  title: string;
  series: readonly ChartSeries[];
  valueAxisTitle: string;
  /** Value axis labelled 0%, 10% … */
  percentAxis: boolean;
  legend: boolean;
  /** The cells the chart covers, as Excel's `chart.setPosition(from, to)`: both inclusive. */
  from: CellPosition;
  to: CellPosition;
}

/** The charts to place on one worksheet, by the worksheet's name. */
export interface SheetCharts {
  sheet: string;
  charts: readonly XlsxChart[];
}
