/**
 * The .xlsx input conversion shared by the command line and the pane's file door: no Node APIs,
 * so a browser runs it on a picked file's bytes.
 */
import fs from "fs";
import path from "path";
import ExcelJS from "exceljs";
import {
  containerOf,
  fillMerges,
  workbookFromBuffer,
  XLSX_READ_OPTIONS,
} from "../../src/xlsx/input";

const SRC = path.join(__dirname, "..", "..", "src", "xlsx", "input.ts");

describe("src/xlsx/input", () => {
  test("an in-memory .xlsx (what a browser hands over) reads as the engine's input", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("花名册");
    ws.addRow(["姓名", "报名日期"]);
    ws.addRow(["张三", new Date(Date.UTC(2025, 2, 5))]);
    ws.getCell("C3").value = { formula: "1+1", result: 2 };
    wb.addWorksheet("备份", { state: "hidden" }).addRow(["x"]);
    ws.getCell("A2").dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: ['"张三,李四"'],
    };
    const buffer = (await wb.xlsx.writeBuffer()) as ArrayBuffer;
    const input = await workbookFromBuffer(ExcelJS, buffer);
    expect(input.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ["花名册", false],
      ["备份", true],
    ]);
    expect(input.sheets[0].values[1][0]).toBe("张三");
    expect(input.sheets[0].values[1][1]).toBeInstanceOf(Date);
    expect(input.sheets[0].values[2]).toEqual([null, null, 2]);
    expect(XLSX_READ_OPTIONS.ignoreNodes).toContain("dataValidations");
  });

  test("the container is told from the first bytes: zip (two are enough), OLE, or neither", () => {
    expect(containerOf([0x50, 0x4b])).toBe("zip");
    expect(containerOf([0x50, 0x4b, 0x03, 0x04, 0, 0])).toBe("zip");
    expect(containerOf([0xd0, 0xcf, 0x11, 0xe0, 0xa1])).toBe("ole");
    expect(containerOf(new TextEncoder().encode("姓名,社区"))).toBe("other");
    expect(containerOf([0x50])).toBe("other");
  });

  test("a merged area's value fills its other cells", () => {
    const rows: unknown[][] = [["一月", null, "x"], []];
    fillMerges(rows, [{ top: 1, left: 1, bottom: 2, right: 2 }]);
    expect(rows).toEqual([
      ["一月", "一月", "x"],
      ["一月", "一月"],
    ]);
  });

  test("no Node API: the module imports nothing from Node", () => {
    const imports = Array.from(
      fs.readFileSync(SRC, "utf8").matchAll(/from\s+"([^"]+)"/g),
      (m) => m[1]
    );
    expect(imports.filter((m) => /^(node:|fs$|path$|stream$|buffer$)/.test(m))).toEqual([]);
    expect(fs.readFileSync(SRC, "utf8")).not.toMatch(/\bBuffer\b|\bprocess\./);
  });
});
