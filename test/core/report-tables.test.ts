/**
 * One table per figure set: the community table and the issue table are described once in core
 * (src/core/report/tables.ts) and every door projects them. The summary sheet, the spill of
 * =CEDU.SUMMARY() / =CEDU.ISSUES() and `cedu report --json` must agree column for column (key,
 * header, order), row for row, and in the totals row — where they once differed (the spill put the
 * rate before enrolments, had no target columns, and gave 0 residents in total without a
 * population sheet).
 */
import { FakeCustomFunctionsError } from "../functions/customFunctionsGlobal";

import { reportJson } from "../../src/cli/main";
import { allIssues, analyze, figures, type Analysis } from "../../src/core/engine";
import { t } from "../../src/core/i18n";
import { buildReport, COMMUNITY_TABLE, ISSUES_TABLE } from "../../src/core/report";
import type { ReportCell, ReportTable, WorkbookInput } from "../../src/core/types";
import * as F from "../../src/functions/functions";
import { setFunctionsLanguage } from "../../src/functions/messages";
import { clearWorkbookModel, setWorkbookModel } from "../../src/functions/model";
import { issuesSpec } from "../../src/taskpane/display";
import { fixtureWorkbook, rangeOf } from "../functions/fixture";

const N = null as any;
let input: WorkbookInput;

beforeAll(async () => {
  setFunctionsLanguage("zh-CN");
  clearWorkbookModel();
  input = await fixtureWorkbook();
});
afterAll(() => clearWorkbookModel());

/** A spilled cell as the sheet's table holds it: #DIV/0! and blanks are "no figure" there. */
function asSheetCell(v: unknown): ReportCell {
  if (v instanceof FakeCustomFunctionsError) {
    expect(v.code).toBe("#DIV/0!");
    return null;
  }
  return v === "" ? null : (v as ReportCell);
}

/** A JSON figure as the sheet's table shows it. */
function jsonAsSheetCell(v: unknown): ReportCell {
  if (typeof v === "boolean") return t(v ? "report.yes" : "report.no", "zh-CN");
  return v === "" ? null : (v as ReportCell);
}

function sheetCells(table: ReportTable, rows: ReportCell[][]): ReportCell[][] {
  return rows.map((r) =>
    r.map((c, i) => (c === "" && table.columns[i].format !== "text" ? null : c))
  );
}

function communitySection(a: Analysis): ReportTable {
  const spec = buildReport(figures(a), { lang: "zh-CN", generatedAt: "2026-01-01 00:00" });
  return spec.sheets[0].sections.find((s) => s.key === "community")!.table;
}

async function compareCommunity(sheets: string[], spill: unknown[][]) {
  const wb = { ...input, sheets: input.sheets.filter((s) => sheets.includes(s.name)) };
  const a = analyze(wb);
  const table = communitySection(a);
  const json = reportJson(a, figures(a), "zh-CN");

  // Columns: the descriptor's keys, in its order, everywhere.
  const keys = COMMUNITY_TABLE.columns.map((c) => c.key);
  expect(table.columns.map((c) => c.key)).toEqual(keys);
  for (const row of json.byCommunity) expect(Object.keys(row)).toEqual(keys);
  expect(spill[0]).toEqual(table.columns.map((c) => c.header));

  // Body rows: sheet = spill = JSON.
  const body = sheetCells(table, table.rows);
  expect(spill.slice(1, -1).map((r) => r.map(asSheetCell))).toEqual(body);
  expect(
    json.byCommunity.map((r) => keys.map((k) => jsonAsSheetCell(r[k as keyof typeof r])))
  ).toEqual(body);

  // Totals: the sheet's and the spill's are one row.
  expect(spill[spill.length - 1].map(asSheetCell)).toEqual(sheetCells(table, [table.totals!])[0]);
  return { table, json };
}

test("=CEDU.SUMMARY(), the summary sheet and --json give one community table", async () => {
  const spill = (await F.summary(
    N,
    N,
    N,
    N,
    rangeOf(input, "学员花名册"),
    rangeOf(input, "社区人口"),
    rangeOf(input, "活动记录")
  )) as unknown[][];
  const { table, json } = await compareCommunity(["学员花名册", "社区人口", "活动记录"], spill);
  expect(table.rows.length).toBeGreaterThan(2);
  // The totals row carries the overall figures of --json.
  const total = table.totals!;
  const o = json.overall;
  expect(total[0]).toBe("合计");
  expect(total.slice(1, 5)).toEqual([
    o.residents,
    o.participants,
    o.enrolments,
    o.participationRate,
  ]);
  expect(spill[spill.length - 1][1]).toBe(o.residents);
  // Rates are numbers in the spill, not text.
  expect(typeof spill[1][keysIndex("participationRate")]).toBe("number");
});

const keysIndex = (key: string) => COMMUNITY_TABLE.columns.findIndex((c) => c.key === key);

test("without a population sheet the three agree too: no residents, no target, no total of residents", async () => {
  const spill = (await F.summary(N, N, N, N, rangeOf(input, "学员花名册"))) as unknown[][];
  const { table } = await compareCommunity(["学员花名册"], spill);
  const total = spill[spill.length - 1];
  // The spill once said 0 residents here while the sheet said "—".
  expect(total[keysIndex("residents")]).toBe("");
  expect(table.totals![keysIndex("residents")]).toBeNull();
  expect(total[keysIndex("participationRate")]).toMatchObject({ code: "#DIV/0!" });
});

test("=CEDU.ISSUES(), the pane's issue sheet and --json give one issue table", async () => {
  setWorkbookModel(input);
  const a = analyze(input);
  const m = figures(a);
  const issues = allIssues(a, m);
  expect(issues.length).toBeGreaterThan(3);
  const json = reportJson(a, m, "zh-CN");
  const sheet = issuesSpec(issues, m.period, "zh-CN").sheets[0].sections[0].table;
  const spill = (await F.issues()) as unknown[][];

  const keys = ISSUES_TABLE.columns.map((c) => c.key);
  expect(sheet.columns.map((c) => c.key)).toEqual(keys);
  expect(spill[0]).toEqual(sheet.columns.map((c) => c.header));
  for (const row of json.issues) expect(Object.keys(row)).toEqual(keys);

  expect(spill.slice(1)).toEqual(sheet.rows);
  // JSON keeps the codes and severities; tables word them in the user's language.
  json.issues.forEach((j, r) => {
    expect(sheet.rows[r]).toEqual([
      t(`severity.${j.severity}`, "zh-CN"),
      j.sheet,
      j.cell,
      t(`code.${j.code}`, "zh-CN"),
      j.value,
      j.message,
    ]);
  });
});

test("every table --json carries is the summary sheet's, row for row (the sample workbook)", async () => {
  const { readXlsx } = await import("../helpers/readXlsx");
  const path = await import("path");
  const wb = await readXlsx(
    path.join(__dirname, "..", "..", "samples", "community-school-2025.xlsx")
  );
  const a = analyze(wb);
  const m = figures(a);
  const json = reportJson(a, m, "zh-CN");
  const sections = buildReport(m, { lang: "zh-CN" }).sheets[0].sections;
  const rowsOf = (key: string) => sections.find((s) => s.key === key)!.table;
  const schoolRows = Object.entries(json.schools.byType).map(([type, g]) => ({ type, ...g }));
  const cases: [string, Record<string, unknown>[]][] = [
    ["community", json.byCommunity as unknown as Record<string, unknown>[]],
    ["category", json.byCategory as unknown as Record<string, unknown>[]],
    ["targetGroup", json.byTargetGroup as unknown as Record<string, unknown>[]],
    ["schools", schoolRows],
    ["plan", json.plan!.rows as unknown as Record<string, unknown>[]],
  ];
  // Totals: 合计, then only the columns that have one; a text column stays blank, never （未注明）.
  const plan = json.plan!;
  expect(rowsOf("plan").totals).toEqual([
    "合计",
    "",
    "",
    plan.planned,
    plan.delivered,
    plan.planCompletion,
  ]);
  for (const [key, rows] of cases) {
    const table = rowsOf(key);
    expect([key, rows.length]).toEqual([key, table.rows.length]);
    expect(rows.length).toBeGreaterThan(0);
    const keys = table.columns.map((c) => c.key);
    rows.forEach((row, r) => {
      expect(Object.keys(row).sort()).toEqual([...keys].sort());
      const shown = keys.map((k, c) => {
        const v = jsonAsSheetCell(row[k]);
        // JSON keeps an empty category as written; the sheet says （未注明）.
        return v === "" || (v === null && table.columns[c].format === "text")
          ? table.rows[r][c]
          : v;
      });
      expect([key, shown]).toEqual([key, table.rows[r]]);
    });
  }
});
