/**
 * How a cell of each field is read, derived from the type and bounds `schema.ts` declares for the
 * field: a kind module never wires a parser by hand.
 */
import {
  epochDayFromYMD,
  normalizeText,
  parseDate,
  parseMonthDay,
  parseMonths,
  parseNumber,
  parsePercent,
  type MonthsInfo,
} from "../cells";
import { ENUMS, type FieldSpec, type FieldType } from "../schema";
import { headerKey } from "../text";
import type { EpochDay, IssueCode } from "../types";
import { statedYear } from "../year";
import type { SheetContext } from "./context";

export type Reading<T> = { ok: true; value: T } | { ok: false; reason: string };
export type FieldParser<T> = (v: unknown, sheet: SheetContext) => Reading<T>;

/** A date written without a year in a sheet that states none (see `statedYear`). */
export const NO_YEAR = Object.freeze({ ok: false as const, reason: "noYear" });
const RANGE = Object.freeze({ ok: false as const, reason: "range" });
const UNREADABLE = Object.freeze({ ok: false as const, reason: "unreadable" });
/** 1900-01-01: older dates are typing slips. */
const MIN_DAY = -25567;

/* ------------------------------------------------------------------ enumerations */

export type EnumName = keyof typeof ENUMS;
export type EnumValue<K extends EnumName> = (typeof ENUMS)[K][keyof (typeof ENUMS)[K]];
const ENUM_NAMES: ReadonlySet<FieldType> = new Set(Object.keys(ENUMS) as FieldType[]);

/** Whether a field's type is one of the enumerations (its values are words from `ENUMS`). */
export function isEnumType(type: FieldType): type is EnumName {
  return ENUM_NAMES.has(type);
}

/** Normalised spelling → value, for each enumeration. */
export const ENUM_LOOKUP: { readonly [K in EnumName]: ReadonlyMap<string, EnumValue<K>> } = {
  gender: enumMap("gender"),
  status: enumMap("status"),
  result: enumMap("result"),
  level: enumMap("level"),
  teacherType: enumMap("teacherType"),
};
function enumMap<K extends EnumName>(name: K): Map<string, EnumValue<K>> {
  const table = ENUMS[name] as unknown as Record<string, EnumValue<K>>;
  return new Map(Object.entries(table).map(([k, v]) => [headerKey(k), v]));
}

/* ------------------------------------------------------------------ parsers by type */

/** The value a field of each scalar type reads as. */
export interface ValueOfType {
  text: string;
  date: EpochDay;
  int: number;
  number: number;
  percent: number;
  month: MonthsInfo;
}
export type ScalarType = keyof ValueOfType;

export interface ParseEnv {
  date1904: boolean;
  /** Dates after this day are out of range. */
  today: EpochDay;
}

const asText: FieldParser<string> = (v) => ({ ok: true, value: normalizeText(v) });

/**
 * The parser for a field of a scalar type, with the bounds its spec declares; null for the types
 * that are not read through a parser (enumerations, ID and phone numbers).
 */
export function parserFor(spec: FieldSpec, env: ParseEnv): FieldParser<unknown> | null {
  switch (spec.type) {
    case "text":
      return asText;
    case "int":
      return numberIn(spec, true);
    case "number":
      return numberIn(spec, false);
    case "percent":
      return parsePercent;
    case "date":
      return spec.yearFromSheet ? eventDateIn(env) : dateIn(env);
    case "month":
      return (v) => {
        const m = parseMonths(v, env.date1904);
        return m ? { ok: true, value: m } : UNREADABLE;
      };
    default:
      return null;
  }
}

function numberIn(spec: FieldSpec, integer: boolean): FieldParser<number> {
  const { min, max, minExclusive } = spec;
  return (v) => {
    const p = parseNumber(v);
    if (!p.ok) return p;
    const n = p.value;
    if (integer && !Number.isInteger(n)) return RANGE;
    if (min !== undefined && (minExclusive ? n <= min : n < min)) return RANGE;
    if (max !== undefined && n > max) return RANGE;
    return p;
  };
}

function dateIn(env: ParseEnv): FieldParser<EpochDay> {
  return (v) => {
    const p = parseDate(v, env.date1904);
    if (!p.ok) return p;
    if (p.value < MIN_DAY || p.value > env.today) return RANGE;
    return p;
  };
}

/** An enrolment's or activity's date: `3月5日` takes the year the sheet states. */
function eventDateIn(env: ParseEnv): FieldParser<EpochDay> {
  const plain = dateIn(env);
  return (v, sheet) => {
    const p = plain(v, sheet);
    if (p.ok || p.reason !== "unreadable") return p;
    const md = parseMonthDay(v);
    if (md === null) return p;
    if (sheet.year === undefined) sheet.year = statedYear(sheet.input, sheet.sheet);
    if (sheet.year === null) return NO_YEAR;
    const day = epochDayFromYMD(sheet.year, md.m, md.d);
    if (day === null) return p;
    return day < MIN_DAY || day > env.today ? RANGE : { ok: true, value: day };
  };
}

/* ------------------------------------------------------------------ what a failure is called */

/** An Excel error in this field leaves the row out (an error), or is only a warning. */
export function errorValueSeverity(spec: FieldSpec): "error" | "warning" {
  return spec.required || spec.type === "date" || spec.type === "int" || spec.type === "number"
    ? "error"
    : "warning";
}

/** The issue for a value of this field that could not be read. */
export function unreadableCode(spec: FieldSpec): IssueCode {
  return spec.type === "date" ? "bad-date" : spec.type === "month" ? "bad-month" : "bad-number";
}

export function unreadableKey(code: IssueCode): string {
  return `issue.${code === "bad-date" ? "badDate" : code === "bad-month" ? "badMonth" : "badNumber"}`;
}
