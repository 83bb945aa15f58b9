/**
 * The standard workbook as an .xlsx file (src/xlsx/standard.ts): what Excel finds in it (data
 * validations with input messages, the community name, frozen headers, print titles, text and
 * date formats), that the command line's reader recognises it with confidence 1, and that a
 * tidied file gives the original's figures: for the sample and for every workbook among the
 * fixtures and the real-world corpus that CEDU recognises.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { analyze, figures } from "../../src/core/engine";
import { epochDayFromISO } from "../../src/core/cells";
import {
  standardWorkbook,
  STANDARD_NUMBER_FORMATS,
  tidyWorkbook,
  type StandardWorkbook,
} from "../../src/core/standard";
import type { Lang, Metrics } from "../../src/core/types";
import { readWorkbookFile, XLSX_READ_OPTIONS } from "../../src/cli/read";
import { HIGHLIGHT_FILL, standardXlsx } from "../../src/xlsx/standard";
import { readXlsx, readXlsxBuffer } from "../helpers/readXlsx";
import { readWorkbookXml, type WorkbookXml } from "../helpers/xlsxParts";
import { errLines, runCli } from "../robustness/helpers";

const ROOT = path.resolve(__dirname, "../..");
const SAMPLE = path.join(ROOT, "samples", "community-school-2025.xlsx");
const TODAY = epochDayFromISO("2026-11-23") as number;

/** The bytes of `view` alone, as the ArrayBuffer ExcelJS's load takes. */
const arrayBuffer = (view: Uint8Array): ArrayBuffer =>
  view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength) as ArrayBuffer;

const figuresOnly = (m: Metrics) => ({
  ...m,
  issues: m.issues.filter((i) => i.code !== "out-of-period").map((i) => i.code),
});

describe.each<Lang>(["zh-CN", "en-US"])("the template file, %s", (lang) => {
  let model: StandardWorkbook;
  let bytes: Uint8Array;
  let xml: WorkbookXml;
  beforeAll(async () => {
    model = standardWorkbook({ lang });
    bytes = await standardXlsx(model);
    xml = await readWorkbookXml(bytes);
  });

  test("the instructions first, then the five sheets, each header row frozen and printed on every page", () => {
    expect(xml.sheets.map((s) => s.name)).toEqual([
      model.instructions!.name,
      ...model.sheets.map((s) => s.name),
    ]);
    xml.sheets.slice(1).forEach((s, i) => {
      expect(s.frozenRows).toBe(1);
      const titles = xml.names.find(
        (n) => n.name === "_xlnm.Print_Titles" && n.localSheetId === String(i + 1)
      );
      expect(titles?.formula).toBe(`'${s.name}'!$1:$1`);
    });
  });

  test("every column has a rule over its whole column below the header, with its input message", () => {
    for (const sheet of model.sheets) {
      const found = xml.sheets.find((s) => s.name === sheet.name)!.validations;
      expect(found).toHaveLength(sheet.columns.length);
      sheet.columns.forEach((column, c) => {
        const letter = String.fromCharCode(65 + c);
        const v = found.find((x) => x.sqref === `${letter}2:${letter}1048576`);
        expect(v).toBeDefined();
        expect(v!.showInputMessage).toBe("1");
        expect(v!.promptTitle).toBe(column.prompt.title);
        expect(v!.prompt).toBe(column.prompt.message);
        if (column.alert) {
          expect(v).toMatchObject({
            showErrorMessage: "1",
            errorStyle: column.alert.style,
            errorTitle: column.alert.title,
            error: column.alert.message,
          });
        }
        const rule = column.rule;
        if (!rule) expect(v!.type).toBeUndefined();
        else if (rule.type === "list") {
          expect(v).toMatchObject({ type: "list", formula1: `"${rule.values.join(",")}"` });
        } else if (rule.type === "communities") {
          expect(v).toMatchObject({ type: "list", formula1: "CEDU_Communities" });
        } else if (rule.type === "whole" || rule.type === "decimal") {
          expect(v).toMatchObject({
            type: rule.type,
            formula1: String(rule.min),
            formula2: String(rule.max),
          });
          expect(v!.operator).toBeUndefined(); // "between" is the default
        } else if (rule.type === "above") {
          expect(v).toMatchObject({
            type: "custom",
            formula1: `AND(ISNUMBER(${letter}2),${letter}2>0,${letter}2<=24)`,
          });
        } else if (rule.type === "date") {
          // 1900-01-01 is serial 1; the upper bound is today, whenever the file is used.
          expect(v).toMatchObject({ type: "date", formula1: "1", formula2: "TODAY()" });
        }
      });
    }
  });

  test("the community drop-downs read a workbook name that grows with the population sheet", () => {
    const population = model.sheets.find((s) => s.kind === "population")!.name;
    const name = xml.names.find((n) => n.name === "CEDU_Communities");
    expect(name?.localSheetId).toBeUndefined();
    expect(name?.formula).toBe(
      `OFFSET('${population}'!$B$2,0,0,MAX(1,COUNTA('${population}'!$B$2:$B$1048576)),1)`
    );
  });

  test("ID, phone and month columns are text; date columns have a date format; widths are set", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(arrayBuffer(bytes), XLSX_READ_OPTIONS);
    for (const sheet of model.sheets) {
      const ws = wb.getWorksheet(sheet.name)!;
      sheet.columns.forEach((column, c) => {
        // "General" is Excel's default, which ExcelJS reads back as no format.
        expect(ws.getColumn(c + 1).numFmt ?? "General").toBe(
          STANDARD_NUMBER_FORMATS[column.format]
        );
        expect(ws.getColumn(c + 1).width).toBe(column.width);
        expect(ws.getCell(1, c + 1).value).toBe(column.header);
      });
    }
    const roster = model.sheets.find((s) => s.kind === "enrolment")!;
    const fmt = (field: string) =>
      wb
        .getWorksheet(roster.name)!
        .getColumn(1 + roster.columns.findIndex((c) => c.field === field)).numFmt;
    expect([fmt("idNumber"), fmt("phone"), fmt("enrolDate")]).toEqual(["@", "@", "yyyy-mm-dd"]);
  });

  test("read back as the command line reads it: every sheet recognised with confidence 1, no issue", async () => {
    const a = analyze(await readXlsxBuffer(Buffer.from(bytes)));
    expect(a.sheets.map((s) => [s.kind, s.confidence])).toEqual([
      [null, 0],
      ["population", 1],
      ["enrolment", 1],
      ["activity", 1],
      ["school", 1],
      ["plan", 1],
    ]);
    expect(a.issues).toEqual([]);
  });
});

describe("a tidied file", () => {
  test("the sample: same figures; flagged cells filled and noted", async () => {
    const input = await readXlsx(SAMPLE);
    const original = analyze(input, { today: TODAY });
    const { workbook } = tidyWorkbook(input, original, { lang: "zh-CN", instructions: true });
    const bytes = await standardXlsx(workbook);
    const tidied = analyze(await readXlsxBuffer(Buffer.from(bytes)), { today: TODAY });
    expect(figuresOnly(figures(tidied))).toEqual(figuresOnly(figures(original)));
    expect(tidied.sheets.filter((s) => s.kind).every((s) => s.confidence === 1)).toBe(true);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(arrayBuffer(bytes), XLSX_READ_OPTIONS);
    const activity = workbook.sheets.find((s) => s.kind === "activity")!;
    const r = activity.rows.findIndex((row) => row.highlights.length > 0);
    const h = activity.rows[r].highlights[0];
    // findCell: the Office add-in lint rules would take getCell for Office.js's.
    const cell = wb.getWorksheet(activity.name)!.findCell(r + 2, h.col + 1)!;
    expect(cell.value).toBeNull();
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(HIGHLIGHT_FILL.error);
    expect(cell.note).toBe("必填项“参加人数”为空，此行未计入统计");
    // A real date cell, not text.
    const date = wb.getWorksheet(activity.name)!.findCell(2, 2)!;
    expect(date.value).toBeInstanceOf(Date);
    expect(date.numFmt).toBe("yyyy-mm-dd");
  });

  const candidates = [
    SAMPLE,
    ...fs
      .readdirSync(path.join(ROOT, "test", "fixtures"), { recursive: true })
      .map(String)
      .filter((f) => f.toLowerCase().endsWith(".xlsx"))
      .map((f) => path.join(ROOT, "test", "fixtures", f)),
  ];

  test("the candidates include the sample and the corpus", () => {
    expect(candidates[0]).toBe(SAMPLE);
    expect(
      candidates.filter((f) => f.includes(`${path.sep}corpus${path.sep}`)).length
    ).toBeGreaterThan(20);
  });

  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cedu-tidy-corpus-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test.each(candidates.map((f) => path.relative(ROOT, f)))(
    "cedu tidy %s: a file with the same figures, or (nothing recognised, unreadable) no file and one line why",
    async (file) => {
      const out = path.join(dir, `${path.basename(file, ".xlsx")}-tidied.xlsx`);
      const r = await runCli(["tidy", path.join(ROOT, file), "-o", out], "zh-CN");
      if (r.code !== 0) {
        expect(r.code).toBe(2);
        expect(file).not.toBe(path.relative(ROOT, SAMPLE));
        expect(errLines(r)).toHaveLength(1);
        expect(r.err).toMatch(/没有可识别的工作表|无法读取|不是 Excel 工作簿/);
        expect(fs.existsSync(out)).toBe(false);
        return;
      }
      const original = analyze(await readWorkbookFile(path.join(ROOT, file)), { today: TODAY });
      const tidied = analyze(await readXlsx(out), { today: TODAY });
      expect(tidied.defaultPeriod).toEqual(original.defaultPeriod);
      expect(figuresOnly(figures(tidied))).toEqual(figuresOnly(figures(original)));
    }
  );
});
