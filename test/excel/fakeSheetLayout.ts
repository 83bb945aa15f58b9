/**
 * Sheet layout for the fake Excel (fakeExcel.ts wires it in): column widths, page layout and one
 * number format set on a whole area. As Microsoft documents them:
 *  - `RangeFormat.columnWidth` sets "the width of all columns within the range" (ExcelApi 1.2);
 *    Excel's widest column is 255 characters (Excel specifications and limits), about 1,790
 *    points, so a larger width is refused.
 *  - `PageLayout.setPrintTitleRows` and `orientation` are ExcelApi 1.9 (PageLayout reference):
 *    they throw ApiNotFound where Office says 1.9 is missing; the print titles are whole rows.
 *  - "To apply the same update to all cells in a range … set the corresponding property on the
 *    range object to the desired (single) value" (Read or write to a large range using the Excel
 *    JavaScript API), so a single number format is kept for the area, not per cell; "The API
 *    will return an error if you attempt to set cell-level properties for an unbounded range"
 *    (same article): the fake's addresses are always bounded.
 * Like every write of the fake, each is queued and applied at the next sync.
 */
import type { FakeContext, FakeSheetData } from "./fakeExcel";

const fail = (code: string, message: string) => Object.assign(new Error(message), { code });

function supports(version: string): boolean {
  const office = (globalThis as { Office?: typeof Office }).Office;
  return office?.context?.requirements?.isSetSupported("ExcelApi", version) === true;
}

export interface SheetLayout {
  /** Points, by 0-based column. */
  columnWidths: Map<number, number>;
  printTitleRows: string | null;
  orientation: string | null;
  /** Number formats set with one value for an area, in order. */
  areaFormats: { row: number; col: number; rows: number; cols: number; format: string }[];
}

const layouts = new WeakMap<FakeSheetData, SheetLayout>();

export function layoutOf(sheet: FakeSheetData): SheetLayout {
  let layout = layouts.get(sheet);
  if (!layout) {
    layout = { columnWidths: new Map(), printTitleRows: null, orientation: null, areaFormats: [] };
    layouts.set(sheet, layout);
  }
  return layout;
}

/** The format one value gave the cell, if any (the last such area over it). */
export function areaFormatAt(sheet: FakeSheetData, row: number, col: number): string | undefined {
  const list = layouts.get(sheet)?.areaFormats ?? [];
  for (let i = list.length - 1; i >= 0; i--) {
    const a = list[i];
    if (row >= a.row && row < a.row + a.rows && col >= a.col && col < a.col + a.cols)
      return a.format;
  }
  return undefined;
}

/** `range.numberFormat = "@"`: one format for every cell of the area. */
export function setAreaFormat(
  ctx: FakeContext,
  sheet: FakeSheetData,
  range: { row: number; col: number; rows: number; cols: number },
  format: unknown
): void {
  const area = { row: range.row, col: range.col, rows: range.rows, cols: range.cols };
  ctx.queue({ kind: "numberFormat", sheet: sheet.name }, 16, () => {
    ctx.checkWritable();
    if (typeof format !== "string")
      throw fail("InvalidArgument", "numberFormat is a 2-D array or a single string");
    // Cell formats set before are replaced, as the area's single value applies to every cell.
    for (const key of [...sheet.formats.keys()]) {
      const [r, c] = key.split(",").map(Number);
      if (r >= area.row && r < area.row + area.rows && c >= area.col && c < area.col + area.cols)
        sheet.formats.delete(key);
    }
    layoutOf(sheet).areaFormats.push({ ...area, format });
  });
}

/** Adds `columnWidth` to a fake range's `format`. */
export function addColumnWidth(
  ctx: FakeContext,
  format: object,
  sheet: FakeSheetData,
  col: number,
  cols: number
): void {
  Object.defineProperty(format, "columnWidth", {
    configurable: true,
    set(points: number) {
      ctx.queue({ kind: "columnWidth", sheet: sheet.name }, 8, () => {
        ctx.checkWritable();
        if (!(points >= 0 && points <= 1790))
          throw fail("InvalidArgument", `column width ${points} points is outside Excel's limits`);
        for (let c = col; c < col + cols; c++) layoutOf(sheet).columnWidths.set(c, points);
      });
    },
    get() {
      const widths = new Set(
        Array.from({ length: cols }, (_, i) => layoutOf(sheet).columnWidths.get(col + i))
      );
      return widths.size === 1 ? ([...widths][0] ?? 48) : null;
    },
  });
}

/** `worksheet.pageLayout` of the fake. */
export function fakePageLayout(
  ctx: FakeContext,
  sheet: () => FakeSheetData
): {
  setPrintTitleRows(rows: string): void;
  orientation: string | null;
} {
  const need = () => {
    if (!supports("1.9")) throw fail("ApiNotFound", "PageLayout needs ExcelApi 1.9");
  };
  return {
    setPrintTitleRows(rows: string) {
      need();
      ctx.queue({ kind: "pageLayout", sheet: sheet().name }, rows.length, () => {
        if (!/^\$?\d+:\$?\d+$/.test(rows))
          throw fail("InvalidArgument", `print title rows are whole rows, not ${rows}`);
        layoutOf(sheet()).printTitleRows = rows;
      });
    },
    get orientation() {
      need();
      return layoutOf(sheet()).orientation;
    },
    set orientation(v: string | null) {
      need();
      ctx.queue({ kind: "pageLayout", sheet: sheet().name }, 8, () => {
        if (v !== "Portrait" && v !== "Landscape")
          throw fail("InvalidArgument", `orientation ${String(v)}`);
        layoutOf(sheet()).orientation = v;
      });
    },
  };
}
