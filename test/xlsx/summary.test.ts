/**
 * The summary .xlsx that the command line (`--out`) and the pane's file door write carries the
 * native charts the add-in draws in Excel: one per charted section, with its title, kind and
 * series, placed where the Excel door places it, pointing at the cells that hold the table. Then
 * LibreOffice opens the file and draws every chart (its title on the page, its marks in colour).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { analyze, buildReport, figures } from "../../src/core";
import { epochDayFromISO } from "../../src/core/cells";
import type { ReportSpec } from "../../src/core/types";
import { layoutSheet } from "../../src/core/report";
import { summaryXlsx } from "../../src/xlsx/summary";
import { renderWorkbook } from "../../src/xlsx/tables";
import { countColour, haveLibreOffice, renderXlsx, squeeze } from "../helpers/libreoffice";
import { readXlsx } from "../helpers/readXlsx";
import { parseRef, readCharts } from "../helpers/xlsxCharts";

const SAMPLE = path.join(__dirname, "..", "..", "samples", "community-school-2025.xlsx");
const TODAY = epochDayFromISO("2026-11-23") as number;
const KIND = {
  columnClustered: ["barChart", "col", "clustered"],
  barClustered: ["barChart", "bar", "clustered"],
  columnStacked: ["barChart", "col", "stacked"],
  line: ["lineChart", null, "standard"],
  pie: ["pieChart", null, null],
} as const;

let spec: ReportSpec;
let bytes: Uint8Array;
beforeAll(async () => {
  const m = figures(analyze(await readXlsx(SAMPLE), { today: TODAY }));
  spec = buildReport(m, { lang: "zh-CN", generatedAt: "2026-11-23 09:00" });
  bytes = await summaryXlsx(spec);
});

test("the .xlsx writer puts each title, header and chart where core's layout says (as the Excel door does)", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer as ArrayBuffer);
  const sheet = spec.sheets[0];
  const ws = wb.getWorksheet(sheet.name)!;
  const { blocks } = layoutSheet(sheet);
  expect(blocks.length).toBeGreaterThanOrEqual(6);
  for (const b of blocks) {
    const t = b.section.table;
    expect(ws.getCell(b.top + 1, b.firstCol + 1).value).toBe(t.title);
    t.columns.forEach((c, i) =>
      expect(ws.getCell(b.headerRow + 1, b.firstCol + i + 1).value).toBe(c.header)
    );
    expect(ws.getCell(b.noteRow + 1, b.firstCol + 1).value).toBe(t.note);
  }
  const [charts] = await readCharts(bytes);
  expect(charts.charts.map((c) => c.from)).toEqual(
    blocks.filter((b) => b.chart).map((b) => b.chart!.from)
  );
});

test("one native chart per charted section, as the Excel door draws it, on the table's cells", async () => {
  const [sheet] = await readCharts(bytes);
  const charted = spec.sheets[0].sections.filter((s) => s.chart && s.table.rows.length > 0);
  expect(charted.length).toBeGreaterThanOrEqual(5);
  expect(sheet.charts.map((c) => c.title)).toEqual(charted.map((s) => s.chart!.title));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer as ArrayBuffer);
  const cells = (ref: string) => {
    const r = parseRef(ref);
    const ws = wb.getWorksheet(r.sheet)!;
    const out: unknown[] = [];
    for (let row = r.firstRow; row <= r.lastRow; row++)
      out.push(ws.getCell(row + 1, r.col + 1).value);
    return out;
  };
  charted.forEach((s, i) => {
    const c = sheet.charts[i];
    const spec = s.chart!;
    expect([c.plot, c.barDir, c.grouping]).toEqual(KIND[spec.kind]);
    expect(c.valueAxisFormat).toBe(spec.percentAxis ? "0%" : "General");
    expect(c.series.length).toBe(spec.seriesColumns.length);
    for (const ser of c.series) {
      // The series is named by its column's header cell and reads that column's body cells.
      expect(cells(ser.nameRef)).toEqual([ser.name]);
      expect(s.table.columns.map((col) => col.header)).toContain(ser.name);
      expect(cells(ser.categoriesRef)).toEqual(ser.categories);
      const values = cells(ser.valuesRef);
      expect(values.map((v) => (typeof v === "number" ? v : null))).toEqual(ser.values);
      expect(values.length).toBe(spec.rowCount ?? s.table.rows.length);
    }
  });
});

const maybe = haveLibreOffice ? describe : describe.skip;
if (!haveLibreOffice)
  console.log(
    "SKIP LibreOffice rendering: soffice or poppler-utils missing (.ci/run installs them)"
  );

maybe("LibreOffice opens the summary and draws its charts", () => {
  test("every chart title is on the pages, and the charts' colour is drawn", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cedu-summary-"));
    const file = path.join(dir, "summary.xlsx");
    fs.writeFileSync(file, bytes);
    const tablesOnly = path.join(dir, "tables.xlsx");
    await renderWorkbook(spec).xlsx.writeFile(tablesOnly);
    const drawn = renderXlsx(file, path.join(dir, "drawn"));
    const plain = renderXlsx(tablesOnly, path.join(dir, "plain"));
    const titles = spec.sheets[0].sections.flatMap((s) => (s.chart ? [s.chart.title] : []));
    for (const title of titles) {
      expect(squeeze(drawn.text)).toContain(squeeze(title));
      // Only the chart draws its title: the tables never show it.
      expect(squeeze(plain.text)).not.toContain(squeeze(title));
    }
    // Accent 2, the second series' colour: no table cell, fill or font has it (the header fill is
    // blue, whose anti-aliased edges come near accent 1).
    const orange = (pages: typeof drawn.pages) =>
      pages.reduce((n, p) => n + countColour(p, "ED7D31"), 0);
    expect(orange(plain.pages)).toBe(0);
    expect(orange(drawn.pages)).toBeGreaterThan(500);
  });
});
