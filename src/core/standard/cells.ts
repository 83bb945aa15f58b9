/**
 * How a standard value becomes a cell, decided once for both writers (ExcelJS and Office.js):
 * the number format each value gets, and the date serial it is written as.
 */
import { epochDayFromYMD, isoFromEpochDay, serialFromEpochDay } from "../cells";
import type { EpochDay } from "../types";
import { STANDARD_NUMBER_FORMATS } from "./layout";
import type { StandardColumn, StandardValue } from "./types";

/**
 * The first day written as a serial: 1900-03-01 in the 1900 system (before it, Excel's fictitious
 * 1900-02-29 makes serials ambiguous between readers), 1904-01-01 (serial 0) in the 1904 system.
 * Earlier dates, which only a birth date could be, are written as ISO text, read the same.
 */
const FIRST_SERIAL_DAY = {
  "1900": epochDayFromYMD(1900, 3, 1) as number,
  "1904": epochDayFromYMD(1904, 1, 1) as number,
};

/** The serial of `day` in the workbook's date system, or null when it is written as text. */
export function serialOf(day: EpochDay, date1904: boolean): number | null {
  return day < FIRST_SERIAL_DAY[date1904 ? "1904" : "1900"]
    ? null
    : serialFromEpochDay(day, date1904);
}

/** A cell's value and number format, as both writers put them. */
export interface CellPlan {
  kind: "text" | "number" | "boolean" | "error" | "empty";
  /** Text, number, boolean or the error literal. */
  value: string | number | boolean | null;
  numberFormat: string;
}

/**
 * Text is always "@" (so Excel keeps it as typed, never a formula, number or date); a real date
 * the date format; a number the column's format, except a number kept in a date column, which
 * stays a plain number (a date format would make a file reader turn it into a date the engine
 * did not see).
 */
export function planCell(
  value: StandardValue,
  column: StandardColumn,
  date1904: boolean
): CellPlan {
  const columnFormat = STANDARD_NUMBER_FORMATS[column.format];
  if (value === null) return { kind: "empty", value: null, numberFormat: columnFormat };
  if (typeof value === "string") return { kind: "text", value, numberFormat: "@" };
  if (typeof value === "number")
    return {
      kind: "number",
      value,
      numberFormat: column.format === "date" || column.format === "text" ? "General" : columnFormat,
    };
  if (typeof value === "boolean") return { kind: "boolean", value, numberFormat: "General" };
  if ("error" in value) return { kind: "error", value: value.error, numberFormat: "General" };
  const serial = serialOf(value.date, date1904);
  return serial === null
    ? { kind: "text", value: isoFromEpochDay(value.date), numberFormat: "@" }
    : { kind: "number", value: serial, numberFormat: STANDARD_NUMBER_FORMATS.date };
}
