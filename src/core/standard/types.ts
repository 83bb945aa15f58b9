/**
 * The standard workbook as plain data: what each sheet's columns are, how they are formatted and
 * checked, and (for a tidied workbook) the rows to write with the cells to highlight. The writers
 * (ExcelJS in src/xlsx, Office.js in src/excel) draw exactly this and decide nothing of their own.
 */
import type { AnyField, EpochDay, Lang, SheetKind } from "../types";

/** How a column is formatted: `text` is Excel's "@", so what is typed stays exactly as typed. */
export type StandardFormat = "text" | "date" | "int" | "decimal" | "percent";

/**
 * A data-validation rule. One rule per column, of one type, as Excel has it. Bounds are
 * inclusive, except `above`, whose lower bound is excluded (hours > 0): Excel's number rules
 * cannot say that, so it is a custom formula.
 */
export type Rule =
  | { type: "list"; values: readonly string[]; strict: boolean }
  | { type: "communities" }
  | { type: "whole"; min: number; max: number }
  | { type: "decimal"; min: number; max: number }
  | { type: "above"; min: number; max: number }
  | { type: "date"; min: EpochDay };

export type AlertStyle = "stop" | "warning";

export interface StandardColumn {
  /**
   * The field, or null for the 序号 column (the row number) that leads every standard sheet.
   * CEDU does not read it; it is there because a row's first cell decides whether the engine
   * takes it for a total or footer (合计, 示例 …), and a number never is one.
   */
  field: AnyField | null;
  header: string;
  required: boolean;
  format: StandardFormat;
  /** Excel column width, in characters. */
  width: number;
  rule: Rule | null;
  /** Excel's input message (every column has one): title ≤ 32 characters, message ≤ 255. */
  prompt: { title: string; message: string };
  /** Excel's error alert: title ≤ 32 characters, message ≤ 225; null when nothing is checked. */
  alert: { style: AlertStyle; title: string; message: string } | null;
}

/**
 * A value to write. Text is always written as text (never read as a formula or a number);
 * `date` is a real date, written as a serial in the workbook's date system with the date format;
 * `error` is an Excel error value kept as the source had it.
 */
export type StandardValue =
  null | string | number | boolean | { readonly date: EpochDay } | { readonly error: string };

export interface Highlight {
  /** 0-based column in the standard sheet. */
  col: number;
  severity: "error" | "warning";
  /** The issues' messages in the workbook's language, one per line. */
  note: string;
}

export interface StandardRow {
  cells: StandardValue[];
  highlights: Highlight[];
  /** Where the row came from: sheet and 1-based row as the user sees them. */
  source: { sheet: string; row: number } | null;
}

export interface StandardSheet {
  kind: SheetKind;
  /** A name that is free in the target workbook (≤ 31 characters, Excel's rules). */
  name: string;
  columns: StandardColumn[];
  rows: StandardRow[];
  /** The source sheets a tidied sheet was made from (empty for the template). */
  sources: string[];
}

export interface InstructionsSheet {
  name: string;
  /** One sentence per row, all in column A (so that no row can look like a header). */
  lines: string[];
}

/** A workbook-level name whose formula lists the communities of the population sheet. */
export interface CommunityListName {
  name: string;
  /** Without the leading "=", as Excel stores it in the file. */
  formula: string;
}

export interface StandardWorkbook {
  lang: Lang;
  sheets: StandardSheet[];
  instructions: InstructionsSheet | null;
  /** Null when the workbook has no population sheet (no community drop-downs then). */
  communities: CommunityListName | null;
}

/** What the target workbook already has, so that nothing of the user's is overwritten. */
export interface Taken {
  sheets?: readonly string[];
  names?: readonly string[];
}
