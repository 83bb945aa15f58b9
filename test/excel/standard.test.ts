/**
 * The standard workbook inside Excel (src/excel/standard.ts) on the fake: "插入标准表" writes the
 * five sheets and 填写说明 with the rules, formats and messages of core/standard, never over a
 * sheet or name of the user's, and CEDU reads them back with confidence 1; "整理为标准表" writes
 * the sample's recognised rows into new sheets that give the original's figures, its flagged
 * cells highlighted with the issue as a note, the source sheets untouched.
 */
import * as path from "path";
import { analyze, figures, type Analysis } from "../../src/core/engine";
import { epochDayFromISO } from "../../src/core/cells";
import {
  COMMUNITY_LIST_NAME,
  sheetName,
  standardColumns,
  standardWorkbook,
  STANDARD_KINDS,
  STANDARD_NUMBER_FORMATS,
  tidyWorkbook,
} from "../../src/core/standard";
import type { Lang, Metrics, SheetKind, WorkbookInput } from "../../src/core/types";
import { CeduExcelError } from "../../src/excel/errors";
import { readWorkbook } from "../../src/excel/read";
import {
  HEADER_FILL,
  HIGHLIGHT_FILL,
  MAX_WRITE_BYTES,
  overridesAfterTidy,
  rowBlocks,
  utf8Length,
  widthInPoints,
  writeStandard,
} from "../../src/excel/standard";
import { readXlsx } from "../helpers/readXlsx";
import { validationAt } from "./fakeDataValidation";
import { FakeContext, FakeSheetData, FakeState, installOffice } from "./fakeExcel";
import { fakeWorkbook } from "./fakeFromInput";
import { areaFormatAt, layoutOf } from "./fakeSheetLayout";

const SAMPLE = path.join(__dirname, "..", "..", "samples", "community-school-2025.xlsx");
const TODAY = epochDayFromISO("2026-11-23") as number;
const LANGS: Lang[] = ["zh-CN", "en-US"];

function userSheet(name: string): FakeSheetData {
  const s = new FakeSheetData(name);
  s.cells.set("0,0", "我的数据");
  s.cells.set("1,0", 42);
  return s;
}

/** Everything the engine computes; of its issues only the codes (the cells differ). */
const figuresOnly = (m: Metrics) => ({
  ...m,
  issues: m.issues
    .filter((i) => i.code !== "out-of-period" && i.code !== "missing-kind")
    .map((i) => i.code)
    .sort(),
});

beforeEach(() => installOffice());

describe("插入标准表 / Insert standard sheets", () => {
  test.each(LANGS)(
    "%s: five sheets and the instructions, every column's format, rule and message, in 2 syncs",
    async (lang) => {
      const state = new FakeState();
      const ctx = new FakeContext(state);
      const written = await writeStandard(ctx.asExcel, (taken) =>
        standardWorkbook({ lang, taken })
      );
      expect(ctx.syncCount).toBe(2);
      const model = standardWorkbook({ lang });
      expect(written.instructions).toBe(sheetName("instructions", lang));
      expect(written.sheets).toEqual(STANDARD_KINDS.map((k) => sheetName(k, lang)));
      expect(state.sheets.map((s) => s.name)).toEqual([written.instructions, ...written.sheets]);
      expect(state.active).toBe(written.instructions);
      expect(written.listName).toBe(COMMUNITY_LIST_NAME);
      const population = sheetName("population", lang);
      expect(state.names.get(COMMUNITY_LIST_NAME.toLowerCase())?.formula).toBe(
        `=OFFSET('${population}'!$B$2,0,0,MAX(1,COUNTA('${population}'!$B$2:$B$1048576)),1)`
      );

      for (const sheet of model.sheets) {
        const data = state.sheet(sheet.name)!;
        expect(data.frozenRows).toBe(1);
        expect(layoutOf(data).printTitleRows).toBe("$1:$1");
        sheet.columns.forEach((column, c) => {
          expect(data.get(0, c)).toBe(column.header);
          expect(data.bold.has(`0,${c}`)).toBe(true);
          expect(data.fills.get(`0,${c}`)).toBe(HEADER_FILL);
          expect(layoutOf(data).columnWidths.get(c)).toBe(widthInPoints(column.width));
          // Formatted and checked all the way down, not only near the top.
          for (const row of [1, 1000, 1_048_575]) {
            expect(areaFormatAt(data, row, c)).toBe(STANDARD_NUMBER_FORMATS[column.format]);
            const v = validationAt(data, row, c)!;
            expect(v.prompt).toEqual({
              showPrompt: true,
              title: column.prompt.title,
              message: column.prompt.message,
            });
            expect(v.ignoreBlanks).toBe(true);
          }
          const v = validationAt(data, 1, c)!;
          const rule = column.rule;
          if (!rule) expect(v.rule).toBeUndefined();
          else if (rule.type === "list")
            expect(v.rule).toEqual({
              list: { inCellDropDown: true, source: rule.values.join(",") },
            });
          else if (rule.type === "communities")
            expect(v.rule).toEqual({
              list: { inCellDropDown: true, source: `=${COMMUNITY_LIST_NAME}` },
            });
          else if (rule.type === "whole")
            expect(v.rule).toEqual({
              wholeNumber: { formula1: rule.min, formula2: rule.max, operator: "Between" },
            });
          else if (rule.type === "date")
            expect(v.rule).toEqual({
              date: { formula1: "1900-01-01", formula2: "=TODAY()", operator: "Between" },
            });
          expect(v.errorAlert?.style).toBe(
            column.alert ? (column.alert.style === "stop" ? "Stop" : "Warning") : undefined
          );
        });
      }
    }
  );

  test("the columns the issue names: ID and phone as text, dates and counts checked, communities from the name", async () => {
    const state = new FakeState();
    const ctx = new FakeContext(state);
    await writeStandard(ctx.asExcel, (taken) => standardWorkbook({ lang: "zh-CN", taken }));
    const at = (kind: SheetKind, field: string) => {
      const columns = standardColumns(kind, "zh-CN", "社区人口");
      const c = columns.findIndex((col) => col.field === field);
      const data = state.sheet(sheetName(kind, "zh-CN"))!;
      return { format: areaFormatAt(data, 5, c), rule: validationAt(data, 5, c)?.rule };
    };
    expect(at("enrolment", "idNumber").format).toBe("@");
    expect(at("enrolment", "phone").format).toBe("@");
    expect(at("enrolment", "enrolDate").rule?.date?.formula2).toBe("=TODAY()");
    expect(at("activity", "date").format).toBe("yyyy-mm-dd");
    expect(at("activity", "participants").rule?.wholeNumber).toBeDefined();
    expect(at("activity", "hours").rule?.custom?.formula).toBe("=AND(ISNUMBER(G2),G2>0,G2<=24)");
    for (const kind of ["enrolment", "activity", "school"] as const)
      expect(at(kind, "community").rule?.list?.source).toBe("=CEDU_Communities");
    expect(at("enrolment", "gender").rule?.list?.source).toBe("男,女");
    expect(at("population", "community").rule).toBeUndefined();
  });

  test("CEDU recognises its own template in Excel with confidence 1", async () => {
    for (const lang of LANGS) {
      const state = new FakeState();
      const ctx = new FakeContext(state);
      const written = await writeStandard(ctx.asExcel, (taken) =>
        standardWorkbook({ lang, taken })
      );
      const input = await readWorkbook(new FakeContext(state).asExcel);
      const analysis = analyze(input, { today: TODAY });
      for (const [i, name] of written.sheets.entries()) {
        const sheet = analysis.sheets.find((s) => s.name === name)!;
        expect([sheet.kind, sheet.confidence]).toEqual([STANDARD_KINDS[i], 1]);
      }
      expect(analysis.sheets.find((s) => s.name === written.instructions)?.kind).toBeNull();
    }
  });

  test("a sheet or name of the user's is never overwritten: free names are chosen", async () => {
    const state = new FakeState();
    state.sheets = [userSheet("学员花名册"), userSheet("填写说明")];
    state.names.set("cedu_communities", { name: "CEDU_Communities", formula: "=Sheet1!$A$1" });
    const ctx = new FakeContext(state);
    const written = await writeStandard(ctx.asExcel, (taken) =>
      standardWorkbook({ lang: "zh-CN", taken })
    );
    expect(written.sheets).toContain("学员花名册 (2)");
    expect(written.instructions).toBe("填写说明 (2)");
    expect(written.listName).toBe("CEDU_Communities2");
    expect(state.names.get("cedu_communities")?.formula).toBe("=Sheet1!$A$1");
    for (const name of ["学员花名册", "填写说明"]) {
      const mine = state.sheet(name)!;
      expect([...mine.cells.entries()]).toEqual([
        ["0,0", "我的数据"],
        ["1,0", 42],
      ]);
      expect(mine.formats.size + mine.fills.size).toBe(0);
    }
    const roster = state.sheet("学员花名册 (2)")!;
    const community = standardColumns("enrolment", "zh-CN", "社区人口").findIndex(
      (c) => c.field === "community"
    );
    expect(validationAt(roster, 1, community)?.rule?.list?.source).toBe("=CEDU_Communities2");
  });

  test("without ExcelApi 1.8 (no data validation) it stops with a message and adds nothing", async () => {
    installOffice((v) => Number(v.split(".")[1]) < 8);
    const state = new FakeState();
    const ctx = new FakeContext(state);
    const run = writeStandard(ctx.asExcel, (taken) => standardWorkbook({ lang: "zh-CN", taken }));
    await expect(run).rejects.toEqual(new CeduExcelError("excel.standardUnsupported"));
    expect(state.sheets).toEqual([]);
    expect(ctx.syncCount).toBe(0);
  });

  test("a protected or read-only workbook: a clear message, nothing added", async () => {
    for (const [flag, key] of [
      ["workbookProtected", "excel.standardProtected"],
      ["readOnly", "excel.readOnly"],
    ] as const) {
      const state = new FakeState();
      state[flag] = true;
      const ctx = new FakeContext(state);
      await expect(
        writeStandard(ctx.asExcel, (taken) => standardWorkbook({ lang: "en-US", taken }))
      ).rejects.toEqual(new CeduExcelError(key));
      expect(state.sheets).toEqual([]);
    }
  });

  test("a failure while writing leaves no half-written sheet and no name behind", async () => {
    const state = new FakeState();
    state.sheets = [userSheet("名册")];
    const ctx = new FakeContext(state);
    ctx.failAtSync = 2;
    await expect(
      writeStandard(ctx.asExcel, (taken) => standardWorkbook({ lang: "zh-CN", taken }))
    ).rejects.toBeInstanceOf(CeduExcelError);
    expect(state.sheets.map((s) => s.name)).toEqual(["名册"]);
    expect(state.names.size).toBe(0);
  });
});

describe("整理为标准表 / Tidy into standard sheets, on the sample", () => {
  let sample: WorkbookInput;
  beforeAll(async () => {
    sample = await readXlsx(SAMPLE);
  });

  async function tidyInExcel(lang: Lang) {
    const state = fakeWorkbook(sample);
    const before = new Map(
      state.sheets.map((s) => [s.name, JSON.stringify([...s.cells, ...s.formats, ...s.fills])])
    );
    const input = await readWorkbook(new FakeContext(state).asExcel);
    const original = analyze(input, { today: TODAY });
    let tidied: ReturnType<typeof tidyWorkbook> | null = null;
    const ctx = new FakeContext(state);
    const written = await writeStandard(ctx.asExcel, (taken) => {
      tidied = tidyWorkbook(input, original, { lang, taken });
      return tidied.workbook;
    });
    const { summary, workbook: model } = tidied!;
    return { state, ctx, before, input, original, written, summary, model };
  }

  test.each(LANGS)(
    "%s: new sheets with the original's figures, sources untouched, flagged cells highlighted with notes",
    async (lang) => {
      const { state, before, original, written, summary, model } = await tidyInExcel(lang);
      // The source sheets are exactly as they were.
      for (const s of sample.sheets) {
        const data = state.sheet(s.name)!;
        expect(JSON.stringify([...data.cells, ...data.formats, ...data.fills])).toBe(
          before.get(s.name)
        );
      }
      expect(written.instructions).toBeNull();
      expect(written.sheets).toEqual(summary.sheets.map((s) => s.name));

      // Read back from Excel with the sources set aside, as the pane does after tidying.
      const sources = summary.sheets.flatMap((s) => s.sources);
      const reread = await readWorkbook(new FakeContext(state).asExcel);
      const tidied: Analysis = analyze(reread, {
        today: TODAY,
        overrides: overridesAfterTidy({}, sources),
      });
      for (const name of written.sheets)
        expect(tidied.sheets.find((s) => s.name === name)?.confidence).toBe(1);
      for (const name of sources)
        expect(tidied.sheets.find((s) => s.name === name)?.kind).toBeNull();
      expect(tidied.defaultPeriod).toEqual(original.defaultPeriod);
      expect(figuresOnly(figures(tidied))).toEqual(figuresOnly(figures(original)));

      // Every flagged cell: filled by severity, the issue as its note (ExcelApi 1.18 here).
      let flagged = 0;
      for (const s of model.sheets) {
        const data = state.sheet(s.name)!;
        s.rows.forEach((row, r) =>
          row.highlights.forEach((h) => {
            flagged++;
            expect(data.fills.get(`${r + 1},${h.col}`)).toBe(HIGHLIGHT_FILL[h.severity]);
            expect(data.notes.get(`${r + 1},${h.col}`)).toBe(h.note);
          })
        );
      }
      expect(flagged).toBeGreaterThan(0);
      expect(written.highlighted).toBe(flagged);
      expect(written.notes).toBe(true);
    }
  );

  test("without notes (before ExcelApi 1.18) the cells are still highlighted", async () => {
    installOffice((v) => Number(v.split(".")[1]) < 18);
    const { state, written } = await tidyInExcel("zh-CN");
    expect(written.notes).toBe(false);
    expect(written.highlighted).toBeGreaterThan(0);
    const fills = written.sheets.reduce((n, s) => n + state.sheet(s)!.fills.size, 0);
    const headers = written.sheets.reduce(
      (n, s) => n + [...state.sheet(s)!.fills.keys()].filter((k) => k.startsWith("0,")).length,
      0
    );
    expect(fills - headers).toBe(written.highlighted);
    expect(written.sheets.every((s) => state.sheet(s)!.notes.size === 0)).toBe(true);
  });

  test("user text that looks like a formula stays text", async () => {
    const input: WorkbookInput = {
      sheets: [
        {
          name: "花名册",
          values: [
            ["姓名", "所属社区", "培训项目", "报名日期"],
            ['=HYPERLINK("x")', "六角社区", "+太极", "2025-03-01"],
          ],
        },
      ],
    };
    const state = fakeWorkbook(input);
    const original = analyze(input, { today: TODAY });
    const ctx = new FakeContext(state);
    const written = await writeStandard(
      ctx.asExcel,
      (taken) => tidyWorkbook(input, original, { lang: "zh-CN", taken }).workbook
    );
    const data = state.sheet(written.sheets[0])!;
    const row = [...Array(16).keys()].map((c) => data.get(1, c));
    expect(row).toContain('\'=HYPERLINK("x")');
    expect(row).toContain("'+太极");
  });

  test("rows are written in blocks under the request limit", () => {
    const rows = 60_000;
    const input: WorkbookInput = {
      sheets: [
        {
          name: "花名册",
          values: [
            ["姓名", "所属社区", "培训项目", "报名日期", "身份证号"],
            ...Array.from({ length: rows }, (_, i) => [
              `学员${i}`,
              "六角社区",
              "太极拳和八段锦综合班",
              "2025-03-01",
              `4201061970010${String(i).padStart(5, "0")}`,
            ]),
          ],
        },
      ],
    };
    const model = tidyWorkbook(input, analyze(input, { today: TODAY }), { lang: "zh-CN" }).workbook;
    const blocks = rowBlocks(model.sheets[0], false);
    expect(blocks.length).toBeGreaterThan(1);
    expect(blocks.reduce((n, b) => n + b.values.length, 0)).toBe(rows);
    for (const b of blocks)
      expect(
        utf8Length(JSON.stringify(b.values)) + utf8Length(JSON.stringify(b.formats))
      ).toBeLessThanOrEqual(MAX_WRITE_BYTES);
  });
});
