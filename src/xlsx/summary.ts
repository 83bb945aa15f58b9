/**
 * A summary spec as an .xlsx file with its native charts: the tables drawn by ExcelJS
 * (src/cli/write-xlsx.ts), then the charts added to the package (src/xlsx/charts). No Node APIs:
 * the command line writes the bytes to a file, the task pane's file door offers them as a download.
 */
import { cleanSheetName } from "../core/text";
import type { ReportSpec } from "../core/types";
import { renderWorkbook } from "../cli/write-xlsx";
import { sectionChart } from "./charts/from-report";
import { addChartsToXlsx } from "./charts/inject";
import { layoutSections } from "./charts/layout";
import type { SheetCharts, XlsxChart } from "./charts/types";

export function summaryCharts(spec: ReportSpec): SheetCharts[] {
  return spec.sheets.map((sheet) => {
    const name = cleanSheetName(sheet.name);
    const places = layoutSections(sheet);
    const charts = sheet.sections
      .map((section, i) => sectionChart(name, section, places[i]))
      .filter((c): c is XlsxChart => c !== null);
    return { sheet: name, charts };
  });
}

export async function summaryXlsx(spec: ReportSpec): Promise<Uint8Array> {
  const buffer = await renderWorkbook(spec).xlsx.writeBuffer();
  return addChartsToXlsx(buffer as ArrayBuffer, summaryCharts(spec));
}
