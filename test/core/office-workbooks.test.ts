/**
 * Issue 15, "Real office workbooks": workbooks laid out as community-education offices keep them
 * (test/fixtures/office-workbooks.ts), read as the command line reads a file, must give the
 * figures staff mean. Each test names the item of the issue it proves.
 */
import type ExcelJS from "exceljs";
import * as office from "../fixtures/office-workbooks";
import { allIssues, analyze, figures, type Analysis } from "../../src/core/engine";
import { epochDayFromISO } from "../../src/core/cells";
import { matchColumns } from "../../src/core/detect";
import { format } from "../../src/core/i18n";
import { headerKey } from "../../src/core/text";
import type { Issue, Metrics, WorkbookInput } from "../../src/core/types";
import { readXlsxBuffer } from "../helpers/readXlsx";

const TODAY = epochDayFromISO("2026-01-05") as number;

interface Read {
  input: WorkbookInput;
  analysis: Analysis;
  metrics: Metrics;
  issues: Issue[];
}

async function read(wb: ExcelJS.Workbook): Promise<Read> {
  const input = await readXlsxBuffer((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const analysis = analyze(input, { today: TODAY });
  const metrics = figures(analysis);
  return { input, analysis, metrics, issues: allIssues(analysis, metrics) };
}

const sheet = (r: Read, name: string) => {
  const s = r.analysis.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
};
const byCode = (r: Read, code: string) => r.issues.filter((i) => i.code === code);
const labels = (headers: string[]) => headers.map(headerKey);

describe("1. a hand-made summary is not data", () => {
  let r: Read;
  beforeAll(async () => {
    r = await read(office.summarySheets());
  });

  test("only the monthly logs are read: 9 activities, 415 attendances, 15.5 hours", () => {
    const logs = Object.values(office.MONTHLY_ACTIVITIES).flat();
    expect(r.metrics.overall.activities).toBe(logs.length);
    expect(r.metrics.overall.attendance).toBe(logs.reduce((s, a) => s + a[3], 0));
    expect(r.metrics.overall.hours).toBe(logs.reduce((s, a) => s + a[4], 0));
    expect(r.metrics.overall.attendance).toBe(415);
    expect(r.metrics.plan).toBeNull();
  });

  test("the monthly logs are found under their title, 填表单位 line and two-row header", () => {
    for (const month of Object.keys(office.MONTHLY_ACTIVITIES)) {
      const s = sheet(r, month);
      expect(s.kind).toBe("activity");
      expect(s.headerRow).toBe(4);
      expect(s.columns).toMatchObject({ date: 1, community: 2, title: 3, participants: 4 });
    }
  });

  test.each(["活动汇总", "统计表", "各月汇总", "社区汇总"])(
    "%s is left out with one note that says it looks like a summary",
    (name) => {
      expect(sheet(r, name).kind).toBeNull();
      expect(sheet(r, name).explanation.key).toMatch(/^detect\.summary/);
      const notes = r.issues.filter((i) => i.sheet === name);
      expect(notes.map((i) => [i.code, i.severity])).toEqual([["summary-sheet", "info"]]);
      expect(format(notes[0].message, "zh-CN")).toContain("汇总");
      expect(format(notes[0].message, "en-US")).toMatch(/summary/i);
    }
  );

  test("a header that only begins or ends with a synonym is no field when it names a report figure", () => {
    const columns = matchColumns(
      labels(["社区", "上报日期", "主要活动内容", "参与人数", "累计人次", "总课时"]),
      "activity"
    );
    expect(columns.get("community")).toBe(0);
    expect(columns.get("participants")).toBe(3);
    expect(columns.has("date")).toBe(false);
    expect(columns.has("title")).toBe(false);
    expect(columns.has("hours")).toBe(false);
  });

  test("a header with a qualifier of the field itself still matches (联系电话号码, 活动开展日期)", () => {
    expect(matchColumns(labels(["联系电话号码"]), "enrolment").get("phone")).toBe(0);
    expect(matchColumns(labels(["活动开展日期"]), "activity").get("date")).toBe(0);
  });

  test("an exact synonym wins over a longer header that merely contains one", () => {
    const columns = matchColumns(labels(["活动内容简介", "活动名称"]), "activity");
    expect(columns.get("title")).toBe(1);
  });
});

describe("2. a pivot table is not a roster", () => {
  let r: Read;
  beforeAll(async () => {
    r = await read(office.pivotSheets());
  });

  test("the figures come from the roster alone: 7 people, 8 enrolments", () => {
    expect(r.metrics.overall.participants).toBe(7);
    expect(r.metrics.overall.enrolments).toBe(8);
    expect(sheet(r, "报名数据").kind).toBe("enrolment");
  });

  test.each(["透视表", "Sheet2", "Pivot"])("%s is a pivot table: left out, one note", (name) => {
    expect(sheet(r, name).kind).toBeNull();
    expect(sheet(r, name).explanation.key).toBe("detect.summaryPivot");
    expect(r.issues.filter((i) => i.sheet === name).map((i) => i.code)).toEqual(["summary-sheet"]);
  });

  test("aggregate headers are never field headers", () => {
    for (const h of [
      "计数项:姓名",
      "求和项:参与人数",
      "平均值项:课时",
      "Count of Name",
      "Sum of Hours",
    ]) {
      for (const kind of ["enrolment", "activity"] as const)
        expect(Array.from(matchColumns(labels([h]), kind).keys())).toEqual([]);
    }
  });

  test("no learner is named after a count", () => {
    expect(r.issues.some((i) => /^\d+$/.test(i.value) && i.field === "name")).toBe(false);
    expect(byCode(r, "missing-required")).toEqual([]);
  });
});

describe("4. a date without a year takes the year the sheet states", () => {
  let r: Read;
  beforeAll(async () => {
    r = await read(office.yearlessDates());
  });

  test("the title, the sheet name or a 注 row gives the year", () => {
    expect(r.metrics.period).toEqual({
      from: epochDayFromISO("2025-01-01"),
      to: epochDayFromISO("2025-12-31"),
    });
    const months = Object.fromEntries(r.metrics.byMonth.map((m) => [m.month, m.activities]));
    expect(months).toMatchObject({ "2025-03": 3, "2025-04": 2, "2025-05": 2, "2025-06": 0 });
    expect(r.metrics.overall.activities).toBe(7);
  });

  test("a sheet that states no year is flagged once, not once per row", () => {
    const flagged = byCode(r, "date-without-year");
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ sheet: "6月", cell: "'6月'!A2", severity: "error" });
    expect(flagged[0].message.params).toMatchObject({ count: 3 });
    expect(byCode(r, "bad-date")).toEqual([]);
    expect(sheet(r, "6月").dataRows).toBe(3);
  });
});

describe("5. 出生年月 is a month", () => {
  test("1997年06月, 1997.06 and 1997-06 agree with an ID born in June 1997", async () => {
    const r = await read(office.birthMonths());
    expect(byCode(r, "age-mismatch").map((i) => i.cell)).toEqual(["学员花名册!C6"]);
    expect(r.metrics.overall.enrolments).toBe(5);
  });
});

describe("6. note and separator rows are not data rows", () => {
  test("rows merged across the table and Note:/Notes:/Remark: rows are skipped and counted", async () => {
    const r = await read(office.noteRows());
    expect(r.metrics.overall.activities).toBe(5);
    expect(r.issues.filter((i) => i.severity !== "info")).toEqual([]);
    expect(sheet(r, "活动记录").skippedRows).toBe(7);
    expect(sheet(r, "活动记录").dataRows).toBe(5);
  });
});

describe("7. hidden copies are named", () => {
  test.each([false, true])(
    "a hidden backup copy (first: %s) is named once and changes no figure",
    async (copyFirst) => {
      const plain = await read(office.hiddenCopy({ copy: false }));
      const r = await read(office.hiddenCopy({ copy: true, copyFirst }));
      const copies = byCode(r, "hidden-copy");
      expect(copies).toHaveLength(1);
      expect(copies[0]).toMatchObject({ sheet: "报名数据导出 (2)", severity: "warning" });
      expect(copies[0].message.params).toMatchObject({
        sheet: "报名数据导出 (2)",
        original: "报名数据导出",
        count: office.EXPORT_ROWS.length + 1,
      });
      // The export's own duplicate (王五 twice) is still reported, once.
      expect(byCode(r, "duplicate-enrolment")).toHaveLength(1);
      expect(byCode(r, "duplicate-enrolment")[0].sheet).toBe("报名数据导出");
      expect(r.metrics.overall).toEqual(plain.metrics.overall);
    }
  );
});

describe("8. errors where the data model says error", () => {
  let r: Read;
  beforeAll(async () => {
    r = await read(office.schools());
  });

  test("planned schools are not schools; an unrated one counts, outside the rating rates", () => {
    const s = r.metrics.schools;
    expect(s?.count).toBe(5);
    expect(s?.rated).toBe(4);
    expect(s?.excellenceRate).toBe(0.5);
    expect(s?.qualifiedRate).toBe(1);
    expect(byCode(r, "planned-school").map((i) => [i.cell, i.severity])).toEqual([
      ["学校名单!D7", "info"],
      ["学校名单!D8", "info"],
      ["学校名单!A9", "info"],
    ]);
    expect(byCode(r, "unrated-school").map((i) => [i.cell, i.severity])).toEqual([
      ["学校名单!D6", "warning"],
    ]);
  });

  test("missing-required is always an error", () => {
    const missing = byCode(r, "missing-required");
    expect(missing.map((i) => [i.cell, i.severity])).toEqual([["学校名单!A10", "error"]]);
  });
});

describe("every office workbook", () => {
  test.each(Object.keys(office.BUILDERS).filter((n) => !n.includes("photos")))(
    "%s: missing-required is never less than an error",
    async (name) => {
      const r = await read(office.BUILDERS[name]());
      for (const i of byCode(r, "missing-required")) expect(i.severity).toBe("error");
    }
  );
});
