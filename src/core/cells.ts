/**
 * Reading single cells the way staff write them: Excel serials in both date
 * systems, Date objects from file readers, Chinese and dotted text dates,
 * numbers as text (`35人`, `１２`, `1,200`), PRC resident ID numbers.
 *
 * These run on every cell of every row, so regexes are hoisted and the
 * common case (a number, a plain ISO date) does no string work.
 */
import type { EpochDay } from "./types";

export type CellKind = "empty" | "number" | "string" | "boolean" | "date" | "error" | "other";
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: "empty" | "error" | "unreadable" | "range" };

const ERROR_LITERALS = new Set([
  "#N/A",
  "#REF!",
  "#VALUE!",
  "#DIV/0!",
  "#NAME?",
  "#NULL!",
  "#NUM!",
  "#SPILL!",
  "#CALC!",
  "#GETTING_DATA",
  "#BUSY!",
  "#FIELD!",
  "#BLOCKED!",
  "#CONNECT!",
  "#UNKNOWN!",
]);

const BLANK = /^[\s\u3000\u00a0\u200b\ufeff]*$/;
const TRIM = /^[\s\u3000\u00a0\u200b\ufeff]+|[\s\u3000\u00a0\u200b\ufeff]+$/g;
const INNER_SPACE = /[\s\u3000\u00a0\u200b\ufeff]+/g;

export function errorLiteral(v: unknown): string | null {
  if (typeof v === "string") {
    if (v.length === 0 || v.charCodeAt(0) !== 35 /* # */) return null;
    const s = v.trim().toUpperCase();
    return ERROR_LITERALS.has(s) ? s : null;
  }
  if (v !== null && typeof v === "object" && !(v instanceof Date) && "error" in v) {
    const e = (v as { error: unknown }).error;
    return typeof e === "string" ? e : "#VALUE!";
  }
  return null;
}

export function isBlank(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === "string") return v.length === 0 || BLANK.test(v);
  return false;
}

export function cellKind(v: unknown): CellKind {
  if (isBlank(v)) return "empty";
  switch (typeof v) {
    case "number":
      return Number.isFinite(v) ? "number" : "other";
    case "boolean":
      return "boolean";
    case "string":
      return errorLiteral(v) ? "error" : "string";
    case "object":
      if (v instanceof Date) return Number.isNaN(v.getTime()) ? "other" : "date";
      return errorLiteral(v) ? "error" : "other";
    default:
      return "other";
  }
}

/** Full-width ASCII (U+FF01–U+FF5E) to ASCII and the ideographic space to a space. */
export function foldWidth(s: string): string {
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3000 || (c >= 0xff01 && c <= 0xff5e)) break;
  }
  if (i === s.length) return s;
  let out = s.slice(0, i);
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c === 0x3000 ? " " : c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : s[i];
  }
  return out;
}

function plainNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) >= 1e21) return String(n);
  if (Number.isInteger(n)) return n.toLocaleString("en-US", { useGrouping: false, maximumFractionDigits: 0 });
  return String(n);
}

/** Comparable text of a cell: width-folded, trimmed, inner white space collapsed. */
export function normalizeText(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return foldWidth(v).replace(TRIM, "").replace(INNER_SPACE, " ");
  if (typeof v === "number") return Number.isFinite(v) ? plainNumber(v) : "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : isoFromEpochDay(epochDayFromDate(v));
  return errorLiteral(v) ?? "";
}

/** The value as the user would recognise it in an issue list. */
export function cellText(v: unknown): string {
  let s: string;
  if (typeof v === "string") s = v.replace(TRIM, "");
  else if (typeof v === "number") s = Number.isFinite(v) ? plainNumber(v) : String(v);
  else s = normalizeText(v);
  return s.length > 200 ? `${s.slice(0, 199)}…` : s;
}

/* ------------------------------------------------------------------ numbers */

const NUMBER_TEXT = /^(?:约|~|≈|大约)?\s*([+-]?(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?)\s*(?:人次|人|场次|场|次|个|课时|学时|小时|时|h|元|户|名|位|期)?$/i;

export function parseNumber(v: unknown): Parsed<number> {
  if (typeof v === "number") return Number.isFinite(v) ? { ok: true, value: v } : { ok: false, reason: "unreadable" };
  if (isBlank(v)) return { ok: false, reason: "empty" };
  if (errorLiteral(v) !== null) return { ok: false, reason: "error" };
  if (typeof v !== "string") return { ok: false, reason: "unreadable" };
  const m = NUMBER_TEXT.exec(foldWidth(v).replace(TRIM, ""));
  if (!m) return { ok: false, reason: "unreadable" };
  return { ok: true, value: Number(m[1].replace(/[,，]/g, "")) };
}

const PERCENT_TEXT = /^([+-]?\d+(?:\.\d+)?)\s*%$/;

export function parsePercent(v: unknown): Parsed<number> {
  let value: number;
  if (typeof v === "string") {
    const s = foldWidth(v).replace(TRIM, "");
    const m = PERCENT_TEXT.exec(s);
    if (m) value = Number(m[1]) / 100;
    else {
      const n = parseNumber(s);
      if (!n.ok) return n;
      value = n.value > 1 ? n.value / 100 : n.value;
    }
  } else {
    const n = parseNumber(v);
    if (!n.ok) return n;
    value = n.value > 1 ? n.value / 100 : n.value;
  }
  return value < 0 || value > 1 ? { ok: false, reason: "range" } : { ok: true, value };
}

/* ------------------------------------------------------------------ dates */

const DAY_MS = 86_400_000;

export function epochDayFromYMD(y: number, m: number, d: number): EpochDay | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return null;
  const t = Date.UTC(y, m - 1, d);
  const check = new Date(t);
  if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return Math.round(t / DAY_MS);
}

export function ymdFromEpochDay(day: EpochDay): { y: number; m: number; d: number } {
  const dt = new Date(day * DAY_MS);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function isoFromEpochDay(day: EpochDay): string {
  const { y, m, d } = ymdFromEpochDay(day);
  return `${y}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
export function epochDayFromISO(s: string): EpochDay | null {
  const m = ISO.exec(s);
  return m ? epochDayFromYMD(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

export function epochDayFromDate(d: Date): EpochDay {
  return Math.floor(d.getTime() / DAY_MS);
}

export function todayEpochDay(now: Date = new Date()): EpochDay {
  return epochDayFromYMD(now.getFullYear(), now.getMonth() + 1, now.getDate()) as number;
}

/** 1900 system: 25569 is 1970-01-01; serial 60 is Lotus's fictitious 1900-02-29. */
function fromSerial(serial: number, date1904: boolean): Parsed<EpochDay> {
  const whole = Math.floor(serial);
  if (date1904) {
    if (whole < 0) return { ok: false, reason: "range" };
    return { ok: true, value: whole - 24107 };
  }
  if (whole < 1) return { ok: false, reason: "range" };
  if (whole === 60) return { ok: false, reason: "unreadable" };
  return { ok: true, value: whole < 60 ? whole - 25568 : whole - 25569 };
}

const DATE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:[\sT].*)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const YEAR_MONTH = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(?:份)?$/;

export function parseDate(v: unknown, date1904 = false): Parsed<EpochDay> {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { ok: false, reason: "unreadable" };
    if (Number.isInteger(v) && v >= 10000101 && v <= 99991231) {
      const d = epochDayFromYMD(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100);
      if (d !== null) return { ok: true, value: d };
    }
    return fromSerial(v, date1904);
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { ok: false, reason: "unreadable" } : { ok: true, value: epochDayFromDate(v) };
  if (isBlank(v)) return { ok: false, reason: "empty" };
  if (errorLiteral(v) !== null) return { ok: false, reason: "error" };
  if (typeof v !== "string") return { ok: false, reason: "unreadable" };
  const s = foldWidth(v).replace(TRIM, "");
  let m = DATE_TEXT.exec(s);
  if (m) {
    const d = epochDayFromYMD(Number(m[1]), Number(m[2]), Number(m[3]));
    return d === null ? { ok: false, reason: "unreadable" } : { ok: true, value: d };
  }
  m = COMPACT_DATE.exec(s);
  if (m) {
    const d = epochDayFromYMD(Number(m[1]), Number(m[2]), Number(m[3]));
    return d === null ? { ok: false, reason: "unreadable" } : { ok: true, value: d };
  }
  m = YEAR_MONTH.exec(s);
  if (m) {
    const d = epochDayFromYMD(Number(m[1]), Number(m[2]), 1);
    return d === null ? { ok: false, reason: "unreadable" } : { ok: true, value: d };
  }
  return { ok: false, reason: "unreadable" };
}

/* ------------------------------------------------------------------ months of a plan */

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const MONTH_TOKEN = /十[一二]|[一二三四五六七八九十]|1[0-2]|0?[1-9]/g;
const MONTH_RANGE = /^(\d{1,2})\s*[-—–~至到]\s*(\d{1,2})\s*月?份?$/;
const MONTH_TEXT = /^[一二三四五六七八九十\d、,，\s和及与]+月?份?$/;

export function parseMonths(v: unknown, date1904 = false): { months: number[]; year: number | null; text: string } | null {
  if (typeof v === "number" || v instanceof Date) {
    const d = parseDate(v, date1904);
    if (!d.ok) return null;
    const { y, m } = ymdFromEpochDay(d.value);
    return { months: [m], year: y, text: `${y}-${m < 10 ? "0" : ""}${m}` };
  }
  if (typeof v !== "string" || isBlank(v)) return null;
  const text = v.replace(TRIM, "");
  const s = foldWidth(text).replace(/\s+/g, "");
  const ym = YEAR_MONTH.exec(s);
  if (ym) {
    const m = Number(ym[2]);
    return m >= 1 && m <= 12 ? { months: [m], year: Number(ym[1]), text } : null;
  }
  const range = MONTH_RANGE.exec(s);
  if (range) {
    const a = Number(range[1]);
    const b = Number(range[2]);
    if (a < 1 || b > 12 || a > b) return null;
    return { months: Array.from({ length: b - a + 1 }, (_, i) => a + i), year: null, text };
  }
  if (!MONTH_TEXT.test(s)) return null;
  const tokens = s.replace(/月份?$/, "").match(MONTH_TOKEN) ?? [];
  const months = tokens.map((tk) => (/\d/.test(tk) ? Number(tk) : tk.length === 2 ? 10 + CN_DIGITS[tk[1]] : CN_DIGITS[tk]));
  const unique = Array.from(new Set(months)).filter((m) => m >= 1 && m <= 12).sort((a, b) => a - b);
  return unique.length > 0 ? { months: unique, year: null, text } : null;
}

/* ------------------------------------------------------------------ ID numbers */

export interface IdInfo {
  kind: "prc18" | "prc15" | "other" | "precision-lost";
  /** Canonical key: trimmed, width-folded, upper-case X. */
  key: string;
  checkDigitOk?: boolean;
  birth?: EpochDay | null;
  gender?: "M" | "F";
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";
const ID18 = /^\d{17}[\dX]$/;
const ID15 = /^\d{15}$/;
const SCIENTIFIC = /^\d(?:\.\d+)?E\+\d+$/;

/** ISO 7064 MOD 11-2 check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export function readIdNumber(v: unknown): IdInfo | null {
  if (isBlank(v)) return null;
  if (typeof v === "number") {
    const key = plainNumber(v);
    if (Math.abs(v) >= 1e15) return { kind: "precision-lost", key };
    return { kind: "other", key };
  }
  const key = foldWidth(normalizeText(v)).replace(/\s+/g, "").toUpperCase();
  if (SCIENTIFIC.test(key)) return { kind: "precision-lost", key };
  if (ID18.test(key)) {
    const checkDigitOk = idCheckChar(key) === key[17];
    if (!checkDigitOk && key.endsWith("000")) return { kind: "precision-lost", key };
    const birth = epochDayFromYMD(Number(key.slice(6, 10)), Number(key.slice(10, 12)), Number(key.slice(12, 14)));
    return { kind: "prc18", key, checkDigitOk, birth, gender: Number(key[16]) % 2 === 1 ? "M" : "F" };
  }
  if (ID15.test(key)) {
    const birth = epochDayFromYMD(1900 + Number(key.slice(6, 8)), Number(key.slice(8, 10)), Number(key.slice(10, 12)));
    return { kind: "prc15", key, birth, gender: Number(key[14]) % 2 === 1 ? "M" : "F" };
  }
  return { kind: "other", key };
}

/* ------------------------------------------------------------------ masking and escaping */

export function maskId(s: string): string {
  const t = s.trim();
  if (t.length === 18) return `${t.slice(0, 6)}********${t.slice(14)}`;
  if (t.length === 15) return `${t.slice(0, 6)}*****${t.slice(11)}`;
  if (t.length > 6) return `${t.slice(0, 2)}${"*".repeat(t.length - 4)}${t.slice(-2)}`;
  return "*".repeat(t.length);
}

export function maskPhone(s: string): string {
  const t = s.trim();
  const landline = /^(0\d{2,3})-?(\d{3,4})(\d{4})$/.exec(t);
  if (landline) return `${landline[1]}-****${landline[3]}`;
  if (t.length === 11) return `${t.slice(0, 3)}****${t.slice(7)}`;
  if (t.length >= 7) return `${t.slice(0, 3)}${"*".repeat(t.length - 5)}${t.slice(-2)}`;
  return "*".repeat(t.length);
}

/** Text Excel (or a CSV reader) would take as a formula. */
export function looksLikeFormula(s: string): boolean {
  if (s.length === 0) return false;
  const c = s[0];
  return c === "=" || c === "+" || c === "-" || c === "@" || c === "\t" || c === "\r";
}
