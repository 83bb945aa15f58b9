/**
 * Tests read workbooks exactly as the command line does: one conversion from ExcelJS to the
 * engine's input, in src/xlsx/input.ts.
 */
import ExcelJS from "exceljs";
import type { WorkbookInput } from "../../src/core/types";
import { toWorkbookInput, XLSX_READ_OPTIONS } from "../../src/xlsx/input";

export { plainValue, sheetValues, toWorkbookInput } from "../../src/xlsx/input";

export async function readXlsx(file: string): Promise<WorkbookInput> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file, XLSX_READ_OPTIONS);
  return toWorkbookInput(wb);
}

export async function readXlsxBuffer(buffer: ArrayBuffer | Buffer): Promise<WorkbookInput> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as ArrayBuffer, XLSX_READ_OPTIONS);
  return toWorkbookInput(wb);
}
