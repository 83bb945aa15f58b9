import type { ReportSection, ReportSpec } from "../../src/core/types";

export function section(
  key: ReportSection["key"],
  rows: number,
  withChart = true,
  community = "东城社区"
): ReportSection {
  return {
    key,
    table: {
      key,
      title: `表 ${key}`,
      columns: [
        { key: "community", header: "社区", format: "text" },
        { key: "participants", header: "参与人数", format: "int" },
        { key: "rate", header: "参与率", format: "percent" },
        { key: "hours", header: "课时", format: "decimal" },
        { key: "date", header: "日期", format: "date" },
      ],
      rows: Array.from({ length: rows }, (_, i) => [
        i === 0 ? community : `社区${i}`,
        i * 3,
        i % 5 === 0 ? null : i / rows,
        i * 1.5,
        "2024-03-01",
      ]),
      totals: ["合计", rows, null, rows * 1.5, null],
      note: "口径：报名人数 / 常住人口",
    },
    chart: withChart
      ? {
          key: `${key}-chart`,
          kind: "columnClustered",
          title: "参与率",
          table: key,
          categoryColumn: "community",
          seriesColumns: ["rate", "participants"],
          valueAxisTitle: "参与率",
          percentAxis: true,
        }
      : null,
  };
}

export function spec(sheets: { name: string; sections: ReportSection[] }[]): ReportSpec {
  return {
    lang: "zh-CN",
    period: { from: "2024-01-01", to: "2024-12-31" },
    generatedAt: "2024-12-31 10:00",
    sheets: sheets.map((s, i) => ({
      key: `s${i}`,
      name: s.name,
      title: `${s.name} 2024`,
      sections: s.sections,
    })),
  };
}
