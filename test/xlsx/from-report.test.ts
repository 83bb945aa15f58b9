/**
 * A report section's chart for the .xlsx writer (src/xlsx/charts/from-report.ts) is the chart the
 * Excel door draws (src/excel/write.ts, addChart): same kind, title, series names and columns,
 * categories, row count, axis and legend, on the cells where the table was placed.
 */
import * as path from "path";
import { analyze, buildReport, figures } from "../../src/core";
import { epochDayFromISO } from "../../src/core/cells";
import type { ReportSection } from "../../src/core/types";
import { sectionChart } from "../../src/xlsx/charts/from-report";
import { readXlsx } from "../helpers/readXlsx";

const SAMPLE = path.join(__dirname, "..", "..", "samples", "community-school-2025.xlsx");
const TODAY = epochDayFromISO("2026-11-23") as number;

let sections: ReportSection[];
beforeAll(async () => {
  const m = figures(analyze(await readXlsx(SAMPLE), { today: TODAY }));
  sections = buildReport(m, { lang: "zh-CN", generatedAt: "2026-11-23 09:00" }).sheets[0].sections;
});

const place = {
  headerRow: 10,
  firstCol: 0,
  chartFrom: { row: 9, col: 11 },
  chartTo: { row: 24, col: 18 },
};
const section = (key: string) => sections.find((s) => s.key === key)!;

test("community: rate and target of the communities that have a population, percent axis", () => {
  const s = section("community");
  const c = sectionChart("CEDU汇总", s, place)!;
  expect(c.kind).toBe("columnClustered");
  expect(c.title).toBe(s.chart!.title);
  expect(c.percentAxis).toBe(true);
  expect(c.legend).toBe(true);
  const known = s.chart!.rowCount!;
  expect(known).toBeLessThan(s.table.rows.length);
  const headers = s.table.columns.map((col) => col.header);
  expect(c.series.map((x) => x.name.text)).toEqual(["参与率", "目标参与率"]);
  for (const x of c.series) {
    const col = headers.indexOf(x.name.text);
    expect(x.name.cell).toEqual({ row: 10, col });
    expect(x.values.run).toEqual({ sheet: "CEDU汇总", col, firstRow: 11, lastRow: 10 + known });
    expect(x.values.values).toEqual(s.table.rows.slice(0, known).map((r) => r[col]));
    expect(x.categories.values).toEqual(s.table.rows.slice(0, known).map((r) => r[0]));
  }
  expect(c.from).toEqual(place.chartFrom);
  expect(c.to).toEqual(place.chartTo);
});

test("category: one series, bars, no legend; month: two lines with a legend", () => {
  const cat = sectionChart("S", section("category"), place)!;
  expect([cat.kind, cat.series.length, cat.legend, cat.percentAxis]).toEqual([
    "barClustered",
    1,
    false,
    false,
  ]);
  expect(cat.series[0].values.values.length).toBe(section("category").table.rows.length);
  const month = sectionChart("S", section("month"), place)!;
  expect([month.kind, month.series.length, month.legend]).toEqual(["line", 2, true]);
});

test("a section without a chart, or without rows, has none", () => {
  expect(sectionChart("S", section("overview"), place)).toBeNull();
  const empty = { ...section("category"), table: { ...section("category").table, rows: [] } };
  expect(sectionChart("S", empty, place)).toBeNull();
});
