/**
 * A summary spec as an .xlsx file with its native charts: the tables drawn by ExcelJS
 * (./tables.ts), then the charts added to the package (./charts), both on the cells core's layout
 * gives them (src/core/report/layout, as in Excel). No Node APIs:
 * the command line writes the bytes to a file, the task pane's file door offers them as a download.
 */
import { cleanSheetName } from "../core";
import type { ReportSpec } from "../core";
import { layoutSheet } from "../core";
import { sectionChart } from "./charts/from-report";
import { addChartsToXlsx } from "./charts/inject";
import { renderWorkbook } from "./tables";
import type { SheetCharts, XlsxChart } from "./charts/types";

export function summaryCharts(spec: ReportSpec): SheetCharts[] {
  return spec.sheets.map((sheet) => {
    const name = cleanSheetName(sheet.name);
    const charts = layoutSheet(sheet)
      .blocks.map((block) =>
        block.chart
          ? sectionChart(name, block.section, {
              headerRow: block.headerRow,
              firstCol: block.firstCol,
              chartFrom: block.chart.from,
              chartTo: block.chart.to,
            })
          : null
      )
      .filter((c): c is XlsxChart => c !== null);
    return { sheet: name, charts };
  });
}

export async function summaryXlsx(spec: ReportSpec): Promise<Uint8Array> {
  const buffer = await renderWorkbook(spec).xlsx.writeBuffer();
  return addChartsToXlsx(buffer as ArrayBuffer, summaryCharts(spec));
}
