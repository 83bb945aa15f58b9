/**
 * Writes a StandardWorkbook (core/standard) as an .xlsx file with ExcelJS: headers, column
 * formats and widths, data validations with input messages and error alerts, the frozen header
 * row, print titles, and for a tidied workbook the rows with their highlighted cells and notes.
 * No Node APIs: the command line and the pane's file door both use it.
 *
 * Two things ExcelJS cannot express are put into the package after it has written it (JSZip, the
 * zip library ExcelJS itself uses): the upper bound TODAY() of the date rules (ExcelJS writes a
 * date rule's bounds only as fixed dates) and the workbook name whose formula lists the
 * communities (ExcelJS keeps names only as cell ranges). The first replaces a marker bound of
 * ours, the second is added to the workbook's names; nothing else in the file is touched.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { planCell, STANDARD_NUMBER_FORMATS } from "../core";
import type { Highlight, Rule, StandardColumn, StandardSheet, StandardWorkbook } from "../core";
import { LAST_ROW } from "../core";
import { serialFromEpochDay } from "../core";
import { columnLetter } from "../core";

/** The fills of highlighted cells: the same colours as the pane's "Mark in sheet". */
export const HIGHLIGHT_FILL: Record<Highlight["severity"], string> = {
  error: "FFFFC7CE",
  warning: "FFFFEB9C",
};
export const HEADER_FILL = "FFDDEBF7";

/** A date rule's upper bound as ExcelJS writes it (9999-12-31), replaced by TODAY() afterwards. */
const TODAY_MARKER = 2958465;
/** Excel serial → the millisecond time ExcelJS turns back into that serial. */
const serialAsTime = (serial: number) => (serial - 25569) * 86_400_000;

const FONT = { name: "Calibri", size: 11 };

/**
 * A rule for a whole range. ExcelJS's documented API sets rules cell by cell, which would mean a
 * million cells per column; its worksheet model also takes a range address and writes it as one
 * sqref (data-validations-xform), which its typings leave out.
 */
function rangeValidations(ws: ExcelJS.Worksheet): {
  add(address: string, validation: ExcelJS.DataValidation): void;
} {
  return (ws as unknown as { dataValidations: ReturnType<typeof rangeValidations> })
    .dataValidations;
}

/**
 * The ExcelJS rule of a column whose cells start at `letter`2. A column without a rule still
 * gets its input message, through a rule of type "any" (Excel's "Any value").
 */
function validationOf(
  rule: Rule | null,
  column: StandardColumn,
  letter: string,
  listName: string | null
): ExcelJS.DataValidation {
  const messages = {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: column.prompt.title,
    prompt: column.prompt.message,
    showErrorMessage: column.alert !== null,
    errorStyle: column.alert?.style ?? "stop",
    errorTitle: column.alert?.title ?? "",
    error: column.alert?.message ?? "",
  };
  const any = { ...messages, type: "any", formulae: [] } as unknown as ExcelJS.DataValidation;
  if (!rule) return any;
  switch (rule.type) {
    case "list":
      return { ...messages, type: "list", formulae: [`"${rule.values.join(",")}"`] };
    case "communities":
      return listName ? { ...messages, type: "list", formulae: [listName] } : any;
    case "whole":
      return { ...messages, type: "whole", operator: "between", formulae: [rule.min, rule.max] };
    case "decimal":
      return { ...messages, type: "decimal", operator: "between", formulae: [rule.min, rule.max] };
    case "above": {
      // Relative to the first cell of the range, as Excel reads a custom rule's formula.
      const cell = `${letter}2`;
      return {
        ...messages,
        type: "custom",
        formulae: [`AND(ISNUMBER(${cell}),${cell}>${rule.min},${cell}<=${rule.max})`],
      };
    }
    case "date":
      // Bounds as ExcelJS wants them for a date rule; the upper one becomes TODAY() below.
      return {
        ...messages,
        type: "date",
        operator: "between",
        formulae: [serialAsTime(serialFromEpochDay(rule.min)), serialAsTime(TODAY_MARKER)],
      };
  }
}

function writeSheet(
  wb: ExcelJS.Workbook,
  sheet: StandardSheet,
  listName: string | null
): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheet.name, {
    views: [{ state: "frozen", ySplit: 1, topLeftCell: "A2", activeCell: "A2" }],
    pageSetup: {
      orientation: sheet.columns.length > 6 ? "landscape" : "portrait",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: "1:1",
    },
  });
  sheet.columns.forEach((column, c) => {
    const col = ws.getColumn(c + 1);
    col.width = column.width;
    col.numFmt = STANDARD_NUMBER_FORMATS[column.format];
    const header = ws.getCell(1, c + 1);
    header.value = column.header;
    header.numFmt = "@";
    header.font = { ...FONT, bold: true };
    header.fill = { type: "pattern", pattern: "solid", fgColor: { argb: HEADER_FILL } };
    header.alignment = { vertical: "middle" };
    const letter = columnLetter(c);
    rangeValidations(ws).add(
      `${letter}2:${letter}${LAST_ROW}`,
      validationOf(column.rule, column, letter, listName)
    );
  });
  sheet.rows.forEach((row, r) => {
    row.cells.forEach((value, c) => {
      const column = sheet.columns[c];
      const plan = planCell(value, column, false);
      if (plan.kind === "empty") return;
      const cell = ws.getCell(r + 2, c + 1);
      // Text is a plain string value: ExcelJS writes a formula only for a {formula} value.
      cell.value =
        plan.kind === "error"
          ? { error: plan.value as ExcelJS.CellErrorValue["error"] }
          : plan.value;
      cell.numFmt = plan.numberFormat;
    });
    for (const h of row.highlights) {
      const cell = ws.getCell(r + 2, h.col + 1);
      cell.fill = {
        type: "pattern",
        pattern: "solid",
        fgColor: { argb: HIGHLIGHT_FILL[h.severity] },
      };
      cell.note = h.note;
    }
  });
  return ws;
}

function writeInstructions(wb: ExcelJS.Workbook, name: string, lines: readonly string[]): void {
  const ws = wb.addWorksheet(name);
  ws.getColumn(1).width = 110;
  lines.forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = line;
    cell.numFmt = "@";
    cell.alignment = { wrapText: true, vertical: "top" };
    cell.font = { ...FONT, bold: i === 0, size: i === 0 ? 14 : 11 };
  });
}

/** The ExcelJS workbook, before the two additions ExcelJS cannot make (see `standardXlsx`). */
export function renderStandard(model: StandardWorkbook): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "CEDU";
  if (model.instructions) writeInstructions(wb, model.instructions.name, model.instructions.lines);
  for (const sheet of model.sheets) {
    writeSheet(wb, sheet, model.communities?.name ?? null);
  }
  return wb;
}

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** The .xlsx file of a standard workbook (template or tidied). */
export async function standardXlsx(model: StandardWorkbook): Promise<Uint8Array> {
  const buffer = await renderStandard(model).xlsx.writeBuffer();
  const zip = await JSZip.loadAsync(buffer);
  for (const path of Object.keys(zip.files)) {
    if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(path)) continue;
    const xml = await zip.file(path)!.async("string");
    const next = xml
      .split(`<formula2>${TODAY_MARKER}</formula2>`)
      .join("<formula2>TODAY()</formula2>");
    if (next !== xml) zip.file(path, next);
  }
  if (model.communities) {
    const xml = await zip.file("xl/workbook.xml")!.async("string");
    const name = `<definedName name="${escapeXml(model.communities.name)}">${escapeXml(model.communities.formula)}</definedName>`;
    const next = xml.includes("<definedNames>")
      ? xml.replace("<definedNames>", `<definedNames>${name}`)
      : xml.replace("</sheets>", `</sheets><definedNames>${name}</definedNames>`);
    zip.file("xl/workbook.xml", next);
  }
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}
