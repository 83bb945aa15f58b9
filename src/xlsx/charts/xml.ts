/** XML text helpers for the parts this folder writes and reads. */
import { columnLetter } from "../../core";
import type { CellPosition, ColumnRun } from "./types";

/** Escapes text for an XML element or a double-quoted attribute; drops characters XML 1.0 forbids. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
  );
}

/** The inverse of escapeXml for attribute values read from a part (sheet names in workbook.xml). */
export function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp|#x[0-9a-f]+|#\d+);/gi, (_, e: string) => {
    const k = e.toLowerCase();
    if (k === "lt") return "<";
    if (k === "gt") return ">";
    if (k === "quot") return '"';
    if (k === "apos") return "'";
    if (k === "amp") return "&";
    return String.fromCodePoint(k[1] === "x" ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10));
  });
}

/** A sheet name as formulas write it: always quoted, an apostrophe doubled. */
function quotedSheet(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

const abs = (p: CellPosition) => `$${columnLetter(p.col)}$${p.row + 1}`;

/** `'社区汇总'!$E$5` */
export function cellRef(sheet: string, cell: CellPosition): string {
  return `${quotedSheet(sheet)}!${abs(cell)}`;
}

/** `'社区汇总'!$E$5:$E$11` */
export function runRef(run: ColumnRun): string {
  const first = abs({ row: run.firstRow, col: run.col });
  const last = abs({ row: run.lastRow, col: run.col });
  return `${quotedSheet(run.sheet)}!${first}:${last}`;
}
