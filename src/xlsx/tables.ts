/**
 * Draws a report spec into an .xlsx workbook with ExcelJS: the same tables, formats and totals
 * the add-in writes inside Excel, on the cells core's layout gives both (src/core/report/layout).
 * ExcelJS cannot write charts: src/xlsx/summary.ts adds them. No Node APIs.
 */
import ExcelJS from "exceljs";
import { t } from "../core";
import { cleanSheetName } from "../core";
import { NUMBER_FORMATS } from "../core";
import { columnWidths, layoutSheet } from "../core";
import type { ReportCell, ReportSpec } from "../core";

const FONT = { name: "Calibri", size: 11 };

/**
 * Text cells are always written as strings, never as formulas: a community
 * called "=HYPERLINK(…)" stays text, because ExcelJS only writes a formula
 * for a {formula} value.
 */
function cellValue(v: ReportCell, na: string): ExcelJS.CellValue {
  if (v === null) return na;
  return v;
}

export function renderWorkbook(spec: ReportSpec): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "CEDU";
  const na = t("report.na", spec.lang);
  for (const sheet of spec.sheets) {
    // Printed (or turned into PDF) one page wide, landscape: each chart stays beside its table.
    const ws = wb.addWorksheet(cleanSheetName(sheet.name), {
      pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    ws.getCell(1, 1).value = sheet.title;
    ws.getCell(1, 1).font = { ...FONT, size: 14, bold: true };
    const layout = layoutSheet(sheet);
    for (const block of layout.blocks) {
      // ExcelJS counts rows and columns from 1, the layout from 0.
      let row = block.top + 1;
      const col = (c: number) => block.firstCol + c + 1;
      const tb = block.section.table;
      ws.getCell(row, col(0)).value = tb.title;
      ws.getCell(row, col(0)).font = { ...FONT, size: 12, bold: true };
      row++;
      tb.columns.forEach((column, c) => {
        const cell = ws.getCell(row, col(c));
        cell.value = column.header;
        cell.font = { ...FONT, bold: true, color: { argb: "FFFFFFFF" } };
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF0F6CBD" } };
      });
      row++;
      const body = tb.totals ? [...tb.rows, tb.totals] : tb.rows;
      body.forEach((values, i) => {
        values.forEach((v, c) => {
          const cell = ws.getCell(row, col(c));
          cell.value = cellValue(v, na);
          const format = tb.cellFormats?.[i]?.[c] ?? tb.columns[c]?.format ?? "text";
          if (typeof v === "number") cell.numFmt = NUMBER_FORMATS[format];
          cell.font = { ...FONT, bold: tb.totals !== null && i === body.length - 1 };
        });
        row++;
      });
      ws.getCell(row, col(0)).value = tb.note;
      ws.getCell(row, col(0)).font = { ...FONT, italic: true, color: { argb: "FF616161" } };
    }
    columnWidths(layout).forEach((w, c) => {
      ws.getColumn(c + 1).width = w;
    });
  }
  return wb;
}
