/**
 * A report table described once: its columns as descriptors (key, header, unit, format, how a
 * row gives the cell's figure, how the totals row gives it), and the projections every door
 * draws from: the summary sheet's table (Excel and the .xlsx writer), the rows of a spilled
 * custom function, and the objects of `cedu report --json`. A door never picks fields of the
 * metrics itself, so the three cannot drift apart in order, totals or blanks.
 */
import { t, type MessageKey } from "../i18n";
import { isDivByZero, rateValue } from "../rate";
import type { ColumnFormat, DivByZero, Lang, Rate, ReportCell, ReportTable } from "../types";

/**
 * A figure as the engine computed it: a rate keeps its zero-denominator marker (a spill shows
 * #DIV/0!, a table "—", JSON null), a flag stays a boolean (JSON true/false, tables 达标/未达标).
 */
export type Figure = number | string | boolean | null | Rate;

export interface Column<Row, Source> {
  /** Stable name: the JSON field, what charts name, what tests compare. */
  key: string;
  /** Header as shown; the catalogue's header already carries the unit where it helps reading. */
  header: MessageKey;
  /** Unit of the figures (unit.people …), or null for text, rates and flags. */
  unit: MessageKey | null;
  format: ColumnFormat;
  /** The figure; `lang` only for text the engine words (an issue's message). */
  value: (row: Row, lang: Lang) => Figure;
  /** The totals row's figure; absent: blank (the first column says 合计 instead). */
  total?: (source: Source) => Figure;
  /** How a text figure reads in a table (an empty category reads （未注明））; JSON keeps the figure. */
  label?: (text: string, lang: Lang) => string;
}

export interface TableDescriptor<Row, Source> {
  key: string;
  rows: (source: Source) => readonly Row[];
  /** Whether the table ends with a totals row computed by the engine (never a sum of distinct counts). */
  totals: boolean;
  columns: readonly Column<Row, Source>[];
}

/** Helps TypeScript infer Row and Source once for the whole table. */
export function describeTable<Row, Source>(
  table: TableDescriptor<Row, Source>
): TableDescriptor<Row, Source> {
  return table;
}

/** A figure as a table cell: text in the user's language, rates as numbers or null. */
export function cellOf<Row, Source>(
  column: Column<Row, Source>,
  figure: Figure,
  lang: Lang
): ReportCell {
  if (figure === null || typeof figure === "number") return figure;
  if (typeof figure === "boolean") return t(figure ? "report.yes" : "report.no", lang);
  if (typeof figure === "string") return column.label ? column.label(figure, lang) : figure;
  return rateValue(figure);
}

function totalsFigures<Row, Source>(table: TableDescriptor<Row, Source>, source: Source): Figure[] {
  return table.columns.map((c, i) => (c.total ? c.total(source) : i === 0 ? null : ""));
}

/**
 * The totals row as a door shapes it: 合计 first, the figures of the columns that have a total,
 * blank elsewhere (a text column's label never reads a blank as （未注明）).
 */
function totalsRow<Row, Source, Cell>(
  table: TableDescriptor<Row, Source>,
  totals: Figure[],
  cells: (figures: Figure[]) => Cell[],
  blank: Cell,
  lang: Lang
): (Cell | string)[] {
  const shaped = cells(totals);
  return table.columns.map((c, i) =>
    i === 0 ? t("report.total", lang) : c.total ? shaped[i] : blank
  );
}

/** The body rows and the totals row as figures, before any door shapes them. */
export function figureRows<Row, Source>(
  table: TableDescriptor<Row, Source>,
  source: Source,
  lang: Lang
): { rows: Figure[][]; totals: Figure[] | null } {
  return {
    rows: table.rows(source).map((row) => table.columns.map((c) => c.value(row, lang))),
    totals: table.totals ? totalsFigures(table, source) : null,
  };
}

/** The summary sheet's table (title and note from the catalogue by the table's key). */
export function reportTable<Row, Source>(
  table: TableDescriptor<Row, Source>,
  source: Source,
  lang: Lang,
  words: { title?: string; note?: string } = {}
): ReportTable {
  const { rows, totals } = figureRows(table, source, lang);
  const cells = (figures: Figure[]) => figures.map((f, i) => cellOf(table.columns[i], f, lang));
  const totalCells = totals && totalsRow(table, totals, cells, "", lang);
  return {
    key: table.key,
    title: words.title ?? t(`section.${table.key}` as MessageKey, lang),
    columns: table.columns.map((c) => ({
      key: c.key,
      header: t(c.header, lang),
      format: c.format,
    })),
    rows: rows.map(cells),
    totals: totalCells,
    note: words.note ?? t(`note.${table.key}` as MessageKey, lang),
  };
}

/** A cell of a spilled table: a blank for no figure, the rate's zero denominator as given. */
export type SpillCell<Err> = string | number | Err;

/**
 * Header row, body rows and totals row as a custom function spills them. `divByZero` makes the
 * door's error value (#DIV/0!): core does not know the CustomFunctions API.
 */
export function spillRows<Row, Source, Err>(
  table: TableDescriptor<Row, Source>,
  source: Source,
  lang: Lang,
  divByZero: (r: DivByZero) => Err
): SpillCell<Err>[][] {
  const { rows, totals } = figureRows(table, source, lang);
  const cells = (figures: Figure[]): SpillCell<Err>[] =>
    figures.map((f, i) => {
      if (f !== null && typeof f === "object" && isDivByZero(f)) return divByZero(f);
      const cell = cellOf(table.columns[i], f, lang);
      return cell === null ? "" : cell;
    });
  const out = [table.columns.map((c) => t(c.header, lang)), ...rows.map(cells)];
  if (totals) out.push(totalsRow(table, totals, cells, "", lang));
  return out;
}

/** A figure as JSON: rates as numbers or null, flags as booleans, text as written. */
export function jsonValue(figure: Figure): string | number | boolean | null {
  return figure !== null && typeof figure === "object" ? rateValue(figure) : figure;
}

/** One object per body row, keyed by the columns' keys. */
export function jsonRows<Row, Source>(
  table: TableDescriptor<Row, Source>,
  source: Source,
  lang: Lang
): Record<string, string | number | boolean | null>[] {
  return table
    .rows(source)
    .map((row) =>
      Object.fromEntries(table.columns.map((c) => [c.key, jsonValue(c.value(row, lang))]))
    );
}

/** The index of the column a chart or a door names by key; -1 when the table has none. */
export function columnIndex(table: { columns: readonly { key: string }[] }, key: string): number {
  return table.columns.findIndex((c) => c.key === key);
}
