/**
 * Chart parts added to a package ExcelJS wrote (src/xlsx/charts): the package hangs together
 * (relationships, content types, the sheet's <drawing>), ExcelJS still opens it with every cell
 * unchanged, each series points at the cells whose values it caches, and LibreOffice draws every
 * chart (its title on the page, its bars or lines in the theme colour).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { parseStringPromise } from "xml2js";
import { addChartsToXlsx, ChartPackageError } from "../../src/xlsx/charts/inject";
import { chartPartXml } from "../../src/xlsx/charts/chart-part";
import type { ChartSeries, XlsxChart } from "../../src/xlsx/charts/types";
import type { ChartKind } from "../../src/core/types";
import { countColour, haveLibreOffice, renderXlsx, squeeze } from "../helpers/libreoffice";
import { parseRef, readCharts } from "../helpers/xlsxCharts";

const SHEET = "汇总 a'b &c";
const ROWS: [string, number, number | null, number][] = [
  ["六角社区", 0.2, 0.6, 10],
  ["金阳村", 0.35, 0.5, 20],
  ["东湖<社区>", 0.5, null, 15],
];
/** The table sits at B3 (0-based row 2, col 1): header, then the rows. */
const TOP = 2;
const LEFT = 1;
const HEADER = ["社区", "参与率", "目标", "人数"];

async function workbook(): Promise<{ buffer: Uint8Array; wb: ExcelJS.Workbook }> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(SHEET);
  HEADER.forEach((h, c) => (ws.getCell(TOP + 1, LEFT + 1 + c).value = h));
  ROWS.forEach((r, i) => r.forEach((v, c) => (ws.getCell(TOP + 2 + i, LEFT + 1 + c).value = v)));
  // A hyperlink and a table give the sheet relationships and a <tableParts> of its own.
  ws.getCell("A1").value = { text: "link", hyperlink: "https://example.org/" };
  ws.addTable({
    name: "Other",
    ref: "H1",
    headerRow: true,
    columns: [{ name: "x" }],
    rows: [[1], [2]],
  });
  wb.addWorksheet("Plain").getCell("A1").value = "no charts here";
  const second = wb.addWorksheet("Second");
  second.getCell("B1").value = "n";
  second.getCell("A2").value = "甲";
  second.getCell("B2").value = 3;
  return { buffer: new Uint8Array(await wb.xlsx.writeBuffer()), wb };
}

function series(col: number): ChartSeries {
  const run = (c: number) => ({
    sheet: SHEET,
    col: LEFT + c,
    firstRow: TOP + 1,
    lastRow: TOP + ROWS.length,
  });
  return {
    name: { sheet: SHEET, cell: { row: TOP, col: LEFT + col }, text: HEADER[col] },
    categories: { run: run(0), values: ROWS.map((r) => r[0]) },
    values: { run: run(col), values: ROWS.map((r) => r[col] as number | null) },
  };
}

const KINDS: ChartKind[] = ["columnClustered", "barClustered", "line", "pie", "columnStacked"];

function charts(): XlsxChart[] {
  return KINDS.map((kind, i) => ({
    kind,
    title: `图表${i + 1} ${kind}`,
    series:
      kind === "pie"
        ? [series(3)]
        : kind === "columnStacked"
          ? [series(3)]
          : [series(1), series(2)],
    valueAxisTitle: kind === "pie" ? "" : `轴${i + 1}`,
    percentAxis: kind !== "pie" && kind !== "columnStacked",
    legend: kind !== "columnStacked",
    from: { row: 7 + i * 17, col: 0 },
    to: { row: 7 + i * 17 + 15, col: 7 },
  }));
}

const secondChart: XlsxChart = {
  kind: "columnClustered",
  title: "第二张表的图",
  series: [
    {
      name: { sheet: "Second", cell: { row: 0, col: 1 }, text: "n" },
      categories: { run: { sheet: "Second", col: 0, firstRow: 1, lastRow: 1 }, values: ["甲"] },
      values: { run: { sheet: "Second", col: 1, firstRow: 1, lastRow: 1 }, values: [3] },
    },
  ],
  valueAxisTitle: "",
  percentAxis: false,
  legend: false,
  from: { row: 3, col: 2 },
  to: { row: 10, col: 6 },
};

describe("chart part XML", () => {
  test("is well-formed and escapes titles, names and sheet names", async () => {
    const chart = { ...charts()[0], title: 'A & B <"c">' };
    const xml = chartPartXml(chart);
    const doc = await parseStringPromise(xml);
    const title = doc["c:chartSpace"]["c:chart"][0]["c:title"][0];
    expect(title["c:tx"][0]["c:rich"][0]["a:p"][0]["a:r"][0]["a:t"][0]).toBe('A & B <"c">');
    expect(xml).toContain("<c:f>&apos;".replace("&apos;", "'"));
    expect(xml).toContain(`'汇总 a''b &amp;c'!$C$4:$C$6`);
  });

  test("kinds map to DrawingML plots as Excel's chart types do", async () => {
    const read = await Promise.all(
      charts().map(async (c) => {
        const doc = await parseStringPromise(chartPartXml(c));
        const plotArea = doc["c:chartSpace"]["c:chart"][0]["c:plotArea"][0];
        const plot = Object.keys(plotArea).find((k) => k.endsWith("Chart"))!;
        const p = plotArea[plot][0];
        return [plot, p["c:barDir"]?.[0].$.val, p["c:grouping"]?.[0].$.val, !!plotArea["c:valAx"]];
      })
    );
    expect(read).toEqual([
      ["c:barChart", "col", "clustered", true],
      ["c:barChart", "bar", "clustered", true],
      ["c:lineChart", undefined, "standard", true],
      ["c:pieChart", undefined, undefined, false],
      ["c:barChart", "col", "stacked", true],
    ]);
  });

  test("series children follow the schema's order (CT_BarSer, CT_LineSer)", () => {
    const order = (xml: string) =>
      [...xml.matchAll(/<c:ser>(.*?)<\/c:ser>/g)][0][1]
        .match(/<c:(\w+)[ >/]/g)!
        .map((m) => m.slice(3, -1))
        .filter((n, i, all) => all.indexOf(n) === i)
        .filter((n) =>
          [
            "idx",
            "order",
            "tx",
            "spPr",
            "invertIfNegative",
            "marker",
            "cat",
            "val",
            "smooth",
          ].includes(n)
        );
    expect(order(chartPartXml(charts()[0]))).toEqual([
      "idx",
      "order",
      "tx",
      "spPr",
      "invertIfNegative",
      "cat",
      "val",
    ]);
    expect(order(chartPartXml(charts()[2]))).toEqual([
      "idx",
      "order",
      "tx",
      "spPr",
      "marker",
      "cat",
      "val",
      "smooth",
    ]);
  });

  test("a blank value has no cached point; the point count still covers every row", () => {
    const xml = chartPartXml(charts()[0]);
    const target = [...xml.matchAll(/<c:val>(.*?)<\/c:val>/g)][1][1];
    expect(target).toContain('<c:ptCount val="3"/>');
    expect(target).toContain('<c:pt idx="0"><c:v>0.6</c:v></c:pt>');
    expect(target).not.toContain('idx="2"');
  });
});

describe("charts added to an ExcelJS package", () => {
  let original: Uint8Array;
  let withCharts: Uint8Array;

  beforeAll(async () => {
    original = (await workbook()).buffer;
    withCharts = await addChartsToXlsx(original, [
      { sheet: SHEET, charts: charts() },
      { sheet: "Plain", charts: [] },
      { sheet: "Second", charts: [secondChart] },
    ]);
  });

  test("every chart is reachable from its sheet: drawing, relationships, content types", async () => {
    const read = await readCharts(withCharts);
    expect(read.map((s) => [s.sheet, s.charts.map((c) => c.title)])).toEqual([
      [SHEET, charts().map((c) => c.title)],
      ["Plain", []],
      ["Second", ["第二张表的图"]],
    ]);
    const first = read[0].charts;
    expect(first.map((c) => c.from)).toEqual(charts().map((c) => c.from));
    // The end marker is exclusive: the chart covers the `to` cell entirely.
    expect(first.map((c) => c.to)).toEqual(
      charts().map((c) => ({ row: c.to.row + 1, col: c.to.col + 1 }))
    );
    expect(first.map((c) => c.legend)).toEqual(charts().map((c) => c.legend));
    expect(first.map((c) => c.valueAxisFormat)).toEqual(["0%", "0%", "0%", null, "General"]);
    expect(first.map((c) => c.valueAxisTitle)).toEqual(["轴1", "轴2", "轴3", null, "轴5"]);
    // Parts are numbered on from what the package had; none is overwritten.
    const parts = read.flatMap((s) => s.charts.map((c) => c.part));
    expect(new Set(parts).size).toBe(6);
  });

  test("the sheet keeps its own relationships and its <drawing> precedes <tableParts>", async () => {
    const zip = await JSZip.loadAsync(withCharts);
    const before = await JSZip.loadAsync(original);
    const relsPath = "xl/worksheets/_rels/sheet1.xml.rels";
    const oldRels = await before.file(relsPath)!.async("string");
    const newRels = await zip.file(relsPath)!.async("string");
    const ids = (s: string) => [...s.matchAll(/Id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids(oldRels).length).toBeGreaterThanOrEqual(2);
    expect(ids(newRels).slice(0, ids(oldRels).length)).toEqual(ids(oldRels));
    expect(new Set(ids(newRels)).size).toBe(ids(oldRels).length + 1);
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(sheet.indexOf("<drawing ")).toBeGreaterThan(sheet.indexOf("</sheetData>"));
    expect(sheet.indexOf("<drawing ")).toBeLessThan(sheet.indexOf("<tableParts"));
    const plain = await zip.file("xl/worksheets/sheet2.xml")!.async("string");
    expect(plain).not.toContain("<drawing");
  });

  test("ExcelJS re-opens the file with every cell as it was", async () => {
    const a = new ExcelJS.Workbook();
    await a.xlsx.load(original.buffer as ArrayBuffer);
    const b = new ExcelJS.Workbook();
    await b.xlsx.load(withCharts.buffer as ArrayBuffer);
    const cells = (wb: ExcelJS.Workbook) => {
      const out: [string, string, unknown][] = [];
      wb.eachSheet((ws) =>
        ws.eachRow((row) => row.eachCell((cell) => out.push([ws.name, cell.address, cell.value])))
      );
      return out;
    };
    expect(cells(b)).toEqual(cells(a));
    expect(cells(b).length).toBeGreaterThan(15);
  });

  test("each series names the cells whose values it caches", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(withCharts.buffer as ArrayBuffer);
    const cellsOf = (ref: string) => {
      const r = parseRef(ref);
      const ws = wb.getWorksheet(r.sheet)!;
      const out: unknown[] = [];
      for (let row = r.firstRow; row <= r.lastRow; row++)
        out.push(ws.getCell(row + 1, r.col + 1).value);
      return out;
    };
    const read = await readCharts(withCharts);
    let checked = 0;
    for (const s of read) {
      for (const c of s.charts) {
        for (const ser of c.series) {
          expect(cellsOf(ser.nameRef)).toEqual([ser.name]);
          expect(cellsOf(ser.categoriesRef)).toEqual(ser.categories);
          expect(cellsOf(ser.valuesRef)).toEqual(ser.values);
          checked++;
        }
      }
    }
    expect(checked).toBe(9);
    expect(read[0].charts[0].series[1].values).toEqual([0.6, 0.5, null]);
  });

  test("a chart on a sheet the workbook lacks is an error, not a broken file", async () => {
    await expect(
      addChartsToXlsx(original, [{ sheet: "Nope", charts: [secondChart] }])
    ).rejects.toThrow(ChartPackageError);
  });

  test("adding charts twice to the same sheet is refused (one drawing per sheet)", async () => {
    await expect(
      addChartsToXlsx(withCharts, [{ sheet: "Second", charts: [secondChart] }])
    ).rejects.toThrow(/already has a drawing/);
  });
});

const maybe = haveLibreOffice ? describe : describe.skip;
if (!haveLibreOffice)
  console.log(
    "SKIP LibreOffice rendering: soffice or poppler-utils missing (.ci/run installs them)"
  );

maybe("LibreOffice draws every chart", () => {
  test("titles, axis titles and theme-coloured marks are on the pages", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cedu-charts-"));
    const { buffer } = await workbook();
    const file = path.join(dir, "charts.xlsx");
    fs.writeFileSync(file, await addChartsToXlsx(buffer, [{ sheet: SHEET, charts: charts() }]));
    const plainFile = path.join(dir, "plain.xlsx");
    fs.writeFileSync(plainFile, buffer);

    const drawn = renderXlsx(file, path.join(dir, "drawn"));
    const plain = renderXlsx(plainFile, path.join(dir, "plain"));
    const text = squeeze(drawn.text);
    for (const c of charts()) {
      expect(text).toContain(squeeze(c.title));
      expect(squeeze(plain.text)).not.toContain(squeeze(c.title));
    }
    expect(text).toContain("轴1");
    // Accent 1 (the first series' fill) appears only where a chart is drawn.
    const blue = (pages: typeof drawn.pages) =>
      pages.reduce((n, p) => n + countColour(p, "4472C4"), 0);
    expect(blue(plain.pages)).toBe(0);
    expect(blue(drawn.pages)).toBeGreaterThan(500);
  });
});
