/**
 * Reading single cells the way staff write them: Excel serials in both date
 * systems, Date objects from file readers, Chinese and dotted text dates,
 * numbers as text (`35人`, `１２`, `1,200`), plan months (`三、四月份`), PRC
 * resident ID numbers; and masking what must never be shown in full.
 *
 * These run on every cell of up to a million rows, so:
 * - every regex is compiled once, here at module level;
 * - a number cell is returned without any string work;
 * - a plain `2021-03-05` is read with char codes, no regex, no allocation
 *   beyond the result;
 * - failures are shared frozen objects.
 *
 * Pure TypeScript: no Office.js, DOM or Node APIs.
 */
import type { EpochDay } from "./types";

export type CellKind = "empty" | "number" | "string" | "boolean" | "date" | "error" | "other";
export type Parsed<T> =
  { ok: true; value: T } | { ok: false; reason: "empty" | "error" | "unreadable" | "range" };

/* ------------------------------------------------------------------ shared failures */

type ParseFailure = {
  readonly ok: false;
  readonly reason: "empty" | "error" | "unreadable" | "range";
};
const EMPTY: ParseFailure = Object.freeze({ ok: false, reason: "empty" } as const);
const ERROR: ParseFailure = Object.freeze({ ok: false, reason: "error" } as const);
const UNREADABLE: ParseFailure = Object.freeze({ ok: false, reason: "unreadable" } as const);
const RANGE: ParseFailure = Object.freeze({ ok: false, reason: "range" } as const);

function ok<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

/* ------------------------------------------------------------------ white space and width */

/**
 * White space as staff produce it: ASCII controls and space, NBSP, the
 * ideographic space, the Unicode spaces, zero-width space/joiners, word
 * joiner and the BOM.
 */
function isWs(c: number): boolean {
  if (c <= 0x20) return true;
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x3000 ||
    c === 0xfeff ||
    (c >= 0x2000 && c <= 0x200d) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x2060 ||
    c === 0x1680 ||
    c === 0x180e
  );
}

/** Trims `isWs` characters; returns `s` itself when there is nothing to trim. */
function trimWs(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isWs(s.charCodeAt(a))) a++;
  while (b > a && isWs(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** Trims and collapses every inner run of white space (line breaks included) to one space. */
function collapseWs(s: string): string {
  const n = s.length;
  // Fast path: already normal (no edge space, only single ASCII spaces inside).
  let normal = true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20) {
      if (i === 0 || i === n - 1 || s.charCodeAt(i + 1) === 0x20) {
        normal = false;
        break;
      }
    } else if (isWs(c)) {
      normal = false;
      break;
    }
  }
  if (normal) return s;
  let out = "";
  let start = -1; // start of the current non-space run
  let pendingSpace = false;
  for (let i = 0; i <= n; i++) {
    const space = i === n || isWs(s.charCodeAt(i));
    if (space) {
      if (start >= 0) {
        if (pendingSpace) out += " ";
        out += s.slice(start, i);
        pendingSpace = true;
        start = -1;
      }
    } else if (start < 0) {
      start = i;
    }
  }
  return out;
}

/** Full-width ASCII (U+FF01–U+FF5E) to ASCII and the ideographic space to a space. */
export function foldWidth(s: string): string {
  const n = s.length;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x3000 && (c === 0x3000 || (c >= 0xff01 && c <= 0xff5e))) break;
  }
  if (i === n) return s;
  let out = s.slice(0, i);
  let runStart = i;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3000 || (c >= 0xff01 && c <= 0xff5e)) {
      if (runStart < i) out += s.slice(runStart, i);
      out += c === 0x3000 ? " " : String.fromCharCode(c - 0xfee0);
      runStart = i + 1;
    }
  }
  if (runStart < n) out += s.slice(runStart);
  return out;
}

/* ------------------------------------------------------------------ errors and kinds */

/** Upper-case spelling -> canonical literal. */
const ERROR_LITERALS: ReadonlyMap<string, string> = new Map(
  [
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
    "#EXTERNAL!",
    "#PYTHON!",
  ].map((e) => [e, e])
);
const LONGEST_ERROR = 14;

/** The error literal a string spells (after trimming, any case), else null. */
function stringError(s: string): string | null {
  const exact = ERROR_LITERALS.get(s);
  if (exact !== undefined) return exact;
  const t = trimWs(s);
  if (t.length < 4 || t.length > LONGEST_ERROR || t.charCodeAt(0) !== 35 /* # */) return null;
  return ERROR_LITERALS.get(t.toUpperCase()) ?? null;
}

function isDate(v: object): v is Date {
  return v instanceof Date || Object.prototype.toString.call(v) === "[object Date]";
}

/** An ExcelJS error cell `{ error: "#N/A" }`. */
function objectError(v: object): string | null {
  const e = (v as { error?: unknown }).error;
  if (typeof e !== "string") return null;
  return stringError(e) ?? (trimWs(e) || "#N/A");
}

/**
 * `#N/A`, `#REF!` … for an error string (trimmed, any case) or an ExcelJS
 * error object, else null. An error object whose text is not a known literal
 * yields that text (or `#N/A` when it is empty), so it is never mistaken for data.
 */
export function errorLiteral(v: unknown): string | null {
  if (typeof v === "string") {
    if (v.length === 0) return null;
    const c = v.charCodeAt(0);
    if (c !== 35 && !isWs(c)) return null;
    return stringError(v);
  }
  if (v !== null && typeof v === "object" && !isDate(v)) return objectError(v);
  return null;
}

function isBlankString(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (!isWs(s.charCodeAt(i))) return false;
  return true;
}

export function isBlank(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  return typeof v === "string" && (v.length === 0 || (isWs(v.charCodeAt(0)) && isBlankString(v)));
}

export function cellKind(v: unknown): CellKind {
  switch (typeof v) {
    case "number":
      return Number.isFinite(v) ? "number" : "other";
    case "string": {
      if (v.length === 0) return "empty";
      const c = v.charCodeAt(0);
      if (c === 35) return stringError(v) !== null ? "error" : "string";
      if (!isWs(c)) return "string";
      if (isBlankString(v)) return "empty";
      return stringError(v) !== null ? "error" : "string";
    }
    case "boolean":
      return "boolean";
    case "undefined":
      return "empty";
    case "object":
      if (v === null) return "empty";
      if (isDate(v)) return Number.isNaN(v.getTime()) ? "other" : "date";
      return objectError(v) !== null ? "error" : "other";
    default:
      return "other";
  }
}

/* ------------------------------------------------------------------ text */

/**
 * A number as Excel's General format would show an integer: plain digits (no
 * exponent, however large), and other numbers rounded to Excel's 15
 * significant digits (`0.1 + 0.2` → `0.3`).
 */
function numberText(n: number): string {
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  return String(Number(n.toPrecision(15)));
}

function nonStringText(v: unknown): string {
  switch (typeof v) {
    case "number":
      return Number.isFinite(v) ? numberText(v) : "";
    case "boolean":
      return v ? "TRUE" : "FALSE";
    case "object":
      if (v === null) return "";
      if (isDate(v)) return Number.isNaN(v.getTime()) ? "" : isoFromEpochDay(epochDayFromDate(v));
      return objectError(v) ?? "";
    default:
      return "";
  }
}

/**
 * Comparable text of a cell: width-folded, trimmed, inner white space (line
 * breaks included) collapsed to one space. Numbers as Excel shows them,
 * booleans TRUE/FALSE, dates YYYY-MM-DD, errors their literal, other objects "".
 */
export function normalizeText(v: unknown): string {
  if (typeof v === "string") return collapseWs(foldWidth(v));
  return nonStringText(v);
}

const CELL_TEXT_MAX = 200;

/** The value as the user would recognise it in an issue list: trimmed, at most 200 characters. */
export function cellText(v: unknown): string {
  const s = typeof v === "string" ? trimWs(foldWidth(v)) : nonStringText(v);
  if (s.length <= CELL_TEXT_MAX) return s;
  let cut = CELL_TEXT_MAX - 1;
  const c = s.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--; // do not split a surrogate pair
  return `${s.slice(0, cut)}…`;
}

/* ------------------------------------------------------------------ numbers */

/**
 * A number as text: optional 约/~/≈, a sign, digits with optional thousands
 * separators between groups of three, an optional fraction (no bare trailing
 * point), an optional unit.
 */
const NUMBER_TEXT =
  /^(?:约|~|≈)?\s*([+-])?\s*(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d+))?\s*(人次|人|场次|场|次|个|课时|学时|小时|时|[hH]|元|户|名|位|期|岁|周岁)?$/;
const COMMAS = /,/g;

/** Digits with at most one inner point: the common case, read without a regex. */
function plainDecimal(s: string): number | null {
  const n = s.length;
  if (n === 0 || n > 20) return null;
  let dot = -1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (dot >= 0 || i === 0 || i === n - 1) return null;
      dot = i;
    } else if (c < 48 || c > 57) return null;
  }
  return Number(s);
}

/** Number text after folding and trimming; `units` allows 人, 场 … */
function numberFromText(t: string, units: boolean): number | null {
  const fast = plainDecimal(t);
  if (fast !== null) return fast;
  const m = NUMBER_TEXT.exec(t);
  if (!m) return null;
  const int = m[2];
  const frac = m[3];
  if (int === undefined && frac === undefined) return null;
  if (!units && m[4] !== undefined) return null;
  let text = int === undefined ? "0" : int.length > 3 ? int.replace(COMMAS, "") : int;
  if (frac !== undefined) text += `.${frac}`;
  const value = Number(text);
  return m[1] === "-" ? -value : value;
}

/** What a non-string, non-number cell parses to. */
function nonText(v: unknown): ParseFailure {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === "object" && !isDate(v) && objectError(v) !== null) return ERROR;
  return UNREADABLE;
}

/** Folded, trimmed text of a string cell, or the failure for a blank or error string. */
function textOf(v: string): string | ParseFailure {
  const t = trimWs(foldWidth(v));
  if (t.length === 0) return EMPTY;
  if (t.charCodeAt(0) === 35 && stringError(t) !== null) return ERROR;
  return t;
}

export function parseNumber(v: unknown): Parsed<number> {
  if (typeof v === "number") return Number.isFinite(v) ? ok(v) : UNREADABLE;
  if (typeof v !== "string") return nonText(v);
  const fast = plainDecimal(v);
  if (fast !== null) return ok(fast);
  const t = textOf(v);
  if (typeof t !== "string") return t;
  const n = numberFromText(t, true);
  return n === null ? UNREADABLE : ok(n);
}

/** A fraction 0..1 from a number: 0..1 as is, 1 < x ≤ 100 as a percentage. */
function fraction(x: number): Parsed<number> {
  if (x < 0 || x > 100) return RANGE;
  return ok(x > 1 ? x / 100 : x);
}

/** `60%`, `60％`, `0.6`, `60`, 0.6 and 60 all → 0.6; negative or above 100 % → range. */
export function parsePercent(v: unknown): Parsed<number> {
  if (typeof v === "number") return Number.isFinite(v) ? fraction(v) : UNREADABLE;
  if (typeof v !== "string") return nonText(v);
  const t = textOf(v);
  if (typeof t !== "string") return t;
  if (t.charCodeAt(t.length - 1) === 37 /* % */) {
    const n = numberFromText(trimWs(t.slice(0, -1)), false);
    if (n === null) return UNREADABLE;
    return n < 0 || n > 100 ? RANGE : ok(n / 100);
  }
  const n = numberFromText(t, false);
  return n === null ? UNREADABLE : fraction(n);
}

/* ------------------------------------------------------------------ calendar */

const DAY_MS = 86_400_000;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1];
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Null unless y-m-d is a real calendar date with 1000 ≤ y ≤ 9999. */
export function epochDayFromYMD(y: number, m: number, d: number): EpochDay | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return daysFromCivil(y, m, d);
}

export function ymdFromEpochDay(day: EpochDay): { y: number; m: number; d: number } {
  const z = Math.floor(day) + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return { y, m, d };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `2021-03-05`. */
export function isoFromEpochDay(day: EpochDay): string {
  const { y, m, d } = ymdFromEpochDay(day);
  const ys =
    y >= 1000 && y <= 9999
      ? String(y)
      : y < 0
        ? `-${String(-y).padStart(4, "0")}`
        : String(y).padStart(4, "0");
  return `${ys}-${pad2(m)}-${pad2(d)}`;
}

function digitAt(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

/** The date of a string that is exactly `YYYY-MM-DD`; -1 when it has that shape but is no date; null otherwise. */
function isoDay(s: string): EpochDay | null | -1 {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return null;
  const y0 = digitAt(s, 0);
  const y1 = digitAt(s, 1);
  const y2 = digitAt(s, 2);
  const y3 = digitAt(s, 3);
  const m0 = digitAt(s, 5);
  const m1 = digitAt(s, 6);
  const d0 = digitAt(s, 8);
  const d1 = digitAt(s, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return null;
  const day = epochDayFromYMD(y0 * 1000 + y1 * 100 + y2 * 10 + y3, m0 * 10 + m1, d0 * 10 + d1);
  return day === null ? -1 : day;
}

/** Strictly `YYYY-MM-DD` (two-digit month and day) naming a real date. */
export function epochDayFromISO(s: string): EpochDay | null {
  const d = isoDay(s);
  return d === null || d === -1 ? null : d;
}

/** The UTC calendar date of `d` (file readers give dates as UTC midnight); NaN for an invalid Date. */
export function epochDayFromDate(d: Date): EpochDay {
  return Math.floor(d.getTime() / DAY_MS);
}

/** The local calendar date of `now`. */
export function todayEpochDay(now: Date = new Date()): EpochDay {
  return daysFromCivil(now.getFullYear(), now.getMonth() + 1, now.getDate());
}

/* ------------------------------------------------------------------ dates */

/** 1970-01-01 as a serial: 25569 in the 1900 system, 24107 in the 1904 system. */
const SERIAL_1970_1900 = 25569;
const SERIAL_1970_1904 = 24107;
/** 9999-12-31 as a serial. */
const MAX_SERIAL_1900 = 2958465;
const MAX_SERIAL_1904 = MAX_SERIAL_1900 - 1462;

/**
 * Excel serial → day. 1900 system: 1 = 1900-01-01, 59 = 1900-02-28, 60 = the
 * fictitious 1900-02-29 of the Lotus bug (unreadable, as the text
 * `1900-02-29` is), 61 = 1900-03-01, 25569 = 1970-01-01. 1904 system: 0 =
 * 1904-01-01. The time of day is dropped.
 */
function fromSerial(serial: number, date1904: boolean): Parsed<EpochDay> {
  if (date1904) {
    if (serial < 0) return RANGE;
    const whole = Math.floor(serial);
    return whole > MAX_SERIAL_1904 ? RANGE : ok(whole - SERIAL_1970_1904);
  }
  if (serial < 1) return RANGE;
  const whole = Math.floor(serial);
  if (whole > MAX_SERIAL_1900) return RANGE;
  if (whole === 60) return UNREADABLE;
  return ok(whole < 60 ? whole - SERIAL_1970_1900 + 1 : whole - SERIAL_1970_1900);
}

/** Day → Excel serial, the inverse of reading one: in the 1904 system, or in the 1900 system
 * with its fictitious 1900-02-29 (days before 1900-03-01 are one less). */
export function serialFromEpochDay(day: EpochDay, date1904 = false): number {
  if (date1904) return day + SERIAL_1970_1904;
  const serial = day + SERIAL_1970_1900;
  return serial < 61 ? serial - 1 : serial;
}

/**
 * A number cell that is really `yyyy.mm` typed into a 出生年月 column (Excel
 * turned `1990.03` into the number 1990.03): 1900 ≤ x < 2100 with one or two
 * decimals naming a month. As serials these would be dates in 1905, which no
 * community-education record holds. One decimal reads as the text would
 * (`1990.1` → January: Excel cannot tell it from `1990.10`).
 */
function yearMonthNumber(v: number): EpochDay | null {
  if (v < 1900 || v >= 2100) return null;
  const y = Math.floor(v);
  const f = v - y;
  if (f === 0) return null;
  const tenths = Math.round(f * 10);
  if (Math.abs(f * 10 - tenths) < 1e-6)
    return tenths >= 1 && tenths <= 9 ? daysFromCivil(y, tenths, 1) : null;
  const hundredths = Math.round(f * 100);
  if (Math.abs(f * 100 - hundredths) < 1e-6 && hundredths >= 1 && hundredths <= 12)
    return daysFromCivil(y, hundredths, 1);
  return null;
}

function dateFromNumber(v: number, date1904: boolean): Parsed<EpochDay> {
  if (!Number.isFinite(v)) return UNREADABLE;
  if (v >= 19000101 && v <= 99991231 && Number.isInteger(v)) {
    const d = epochDayFromYMD(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100);
    return d === null ? UNREADABLE : ok(d);
  }
  const ym = yearMonthNumber(v);
  if (ym !== null) return ok(ym);
  return fromSerial(v, date1904);
}

function dateFromDateObject(v: Date): Parsed<EpochDay> {
  const t = v.getTime();
  if (Number.isNaN(t)) return UNREADABLE;
  const day = Math.floor(t / DAY_MS);
  const y = ymdFromEpochDay(day).y;
  return y < 1000 || y > 9999 ? RANGE : ok(day);
}

/**
 * The head of a text date. Groups: 1 year; 2 separator, 3 month, 4 day
 * (`2021-3-5`, `2021/3`, `2021.3.5`); 5 month, 6 day (`2021年3月5日`, `2021年3月`,
 * `2021年3月份`); 7 month, 8 day (`20210305`).
 */
const DATE_HEAD =
  /^(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?|\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号]?|份)?|(\d{2})(\d{2}))/;
/**
 * What may follow a full date and is ignored: a weekday (`（星期五）`, `周五`), a
 * time (`14:30`, `T14:30:00.000Z`, `上午9:00`, `下午2点半`), a time range
 * (`14:30-16:00`).
 */
const DATE_TIME_TAIL =
  /^\s*(?:[（(]\s*(?:星期|周|礼拜)[一二三四五六日天]\s*[)）]|(?:星期|周|礼拜)[一二三四五六日天])?(?:(?:\s*|T)(?:[上下中晚早]午|晚上|早上|凌晨|傍晚)?\s*\d{1,2}(?:[:：]\d{1,2}(?:[:：]\d{1,2}(?:\.\d+)?)?|[点时](?:\d{1,2}分?|半)?)\s*(?:[AaPp]\.?[Mm]\.?|Z|[+-]\d{2}:?\d{2})?(?:\s*[-~—–至到]\s*[\d:：点时分半]+)?)?\s*$/;
/** A date range (`2021-03-05至2021-03-09`, `2021年3月5日-9日`): read as its first day. */
const DATE_RANGE_TAIL = /^\s*[-~—–至到]\s*[\d年月日号./\s-]+$/;

function dateFromText(t: string): Parsed<EpochDay> {
  const iso = isoDay(t);
  if (iso !== null) return iso === -1 ? UNREADABLE : ok(iso);
  const m = DATE_HEAD.exec(t);
  if (!m) return UNREADABLE;
  const y = Number(m[1]);
  const month = m[3] ?? m[5] ?? m[7];
  const day = m[4] ?? m[6] ?? m[8];
  const rest = t.length === m[0].length ? "" : t.slice(m[0].length);
  if (day === undefined) {
    // Year and month only: the 1st of that month (出生年月).
    if (rest.length > 0) return UNREADABLE;
    const d = epochDayFromYMD(y, Number(month), 1);
    return d === null ? UNREADABLE : ok(d);
  }
  if (rest.length > 0 && !DATE_TIME_TAIL.test(rest) && !DATE_RANGE_TAIL.test(rest))
    return UNREADABLE;
  const d = epochDayFromYMD(y, Number(month), Number(day));
  return d === null ? UNREADABLE : ok(d);
}

/**
 * A date cell. Numbers: a valid yyyymmdd integer (19000101..99991231) is that
 * date; `yyyy.mm` numbers (see above) the 1st of that month; anything else an
 * Excel serial in the workbook's date system (< 1, or < 0 in 1904, and beyond
 * 9999-12-31 → range). Date objects: their UTC date. Text: ISO, `2021-3-5`,
 * `2021/3/5`, `2021.3.5`, `2021年3月5日`/`号`, `20210305`, year-month forms,
 * with a time, weekday or range after it ignored. No range policy (before
 * 1900, after today) here: validation applies it.
 */
export function parseDate(v: unknown, date1904 = false): Parsed<EpochDay> {
  if (typeof v === "number") return dateFromNumber(v, date1904);
  if (typeof v === "string") {
    const iso = isoDay(v);
    if (iso !== null) return iso === -1 ? UNREADABLE : ok(iso);
    const t = textOf(v);
    return typeof t === "string" ? dateFromText(t) : t;
  }
  if (v !== null && typeof v === "object" && isDate(v)) return dateFromDateObject(v);
  return nonText(v);
}

/**
 * Whether a date cell names a month without a day (出生年月): `1997年06月`, `1997-06`, `1997.06`,
 * `1997/6` as text, or 1997.06 as the number Excel made of it. `parseDate` reads these as the 1st
 * of the month; comparisons that care (a birth date against an ID) compare the month only.
 */
export function monthPrecision(v: unknown): boolean {
  if (typeof v === "number") return Number.isFinite(v) && yearMonthNumber(v) !== null;
  if (typeof v !== "string") return false;
  const t = trimWs(foldWidth(v));
  if (isoDay(t) !== null) return false;
  const m = DATE_HEAD.exec(t);
  return m !== null && m[0].length === t.length && (m[3] ?? m[5]) !== undefined && !m[4] && !m[6];
}

/** `3月5日`, `3月5号`, `03月05日（星期三）`, `3月5日 上午9:00`: a month and day without a year. */
const MONTH_DAY_HEAD = /^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?/;

/**
 * The month and day of a date written without its year, or null. The year is the sheet's to
 * state (its title, name or a 注 row): see validation.
 */
export function parseMonthDay(v: unknown): { m: number; d: number } | null {
  if (typeof v !== "string") return null;
  const t = trimWs(foldWidth(v));
  const h = MONTH_DAY_HEAD.exec(t);
  if (!h) return null;
  const rest = t.slice(h[0].length);
  if (rest.length > 0 && !DATE_TIME_TAIL.test(rest) && !DATE_RANGE_TAIL.test(rest)) return null;
  const m = Number(h[1]);
  const d = Number(h[2]);
  return m >= 1 && m <= 12 && d >= 1 && d <= 31 ? { m, d } : null;
}

/* ------------------------------------------------------------------ months of a plan */

export interface MonthsInfo {
  /** 1..12, ascending, distinct. */
  months: number[];
  /** The year when the cell states one. */
  year: number | null;
  /** The month as written (normalised text), or YYYY-MM for a date, `3月` for a bare number. */
  text: string;
}

const YEAR_PREFIX = /^(\d{4})\s*年\s*/;
const STARTS_WITH_YEAR = /^\d{4}(?:[-/.年]|\d{4})/;
const ALL_WS = /\s+/g;
/** Suffix of a month expression: 月, 月份, optionally 上旬/中旬/下旬/初/底/末/中. */
const MONTH_SUFFIX = /月份?(?:上旬|中旬|下旬|初|底|末|中)?$/;
const QUARTER = /^第?([一二三四1-4])季度?$/;
const LIST_SEPARATORS = "、,/和及与&+;；";
const RANGE_SEPARATORS = "-~—–至到";
const CN_NUMERALS = "一二三四五六七八九十";
const ALL_MONTHS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/**
 * The months of a month expression without its year and final 月: `3`,
 * `三四`, `三、四`, `3-4`, `3月-4`, `十一十二`, `11、12`. Chinese numerals need
 * `hasSuffix` (the expression ended with 月).
 */
function monthsOfExpression(body: string, hasSuffix: boolean): number[] | null {
  const n = body.length;
  if (n === 0) return null;
  const set = new Set<number>();
  let i = 0;
  let rangeFrom = -1;
  let prev = -1;
  let prevChinese = false;
  let joined = false;
  while (i < n) {
    // one month token
    let value: number;
    let chinese = false;
    const c = body.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      let j = i;
      while (j < n && j - i < 2 && body.charCodeAt(j) >= 48 && body.charCodeAt(j) <= 57) j++;
      if (j < n && body.charCodeAt(j) >= 48 && body.charCodeAt(j) <= 57) return null;
      value = Number(body.slice(i, j));
      i = j;
    } else {
      const k = CN_NUMERALS.indexOf(body[i]);
      if (k < 0) return null;
      chinese = true;
      if (k === 9) {
        // 十, 十一, 十二
        const next = i + 1 < n ? CN_NUMERALS.indexOf(body[i + 1]) : -1;
        if (next === 0 || next === 1) {
          value = 11 + next;
          i += 2;
        } else {
          value = 10;
          i += 1;
        }
      } else {
        value = k + 1;
        i += 1;
        // 十一二月 = November and December.
        if (value === 2 && prev === 11 && prevChinese && rangeFrom < 0) value = 12;
      }
    }
    if (value < 1 || value > 12) return null;
    if (chinese && !hasSuffix) return null;
    // Numerals written together name consecutive months (三四月, 九十月, 十一十二月);
    // anything else (十三, 二十) is a number, not a list.
    if (joined && value !== prev + 1) return null;
    if (rangeFrom >= 0) {
      if (rangeFrom <= value) for (let x = rangeFrom; x <= value; x++) set.add(x);
      else {
        // 十一至二月: across the new year.
        for (let x = rangeFrom; x <= 12; x++) set.add(x);
        for (let x = 1; x <= value; x++) set.add(x);
      }
      rangeFrom = -1;
    } else {
      set.add(value);
    }
    prev = value;
    prevChinese = chinese;
    if (i >= n) break;
    // an inner 月 or 月份 after a token: 3月-4月, 三月、四月
    if (body[i] === "月") {
      i++;
      if (i < n && body[i] === "份") i++;
      if (i >= n) break;
    }
    const sep = body[i];
    if (RANGE_SEPARATORS.includes(sep)) {
      if (rangeFrom >= 0) return null;
      set.delete(value);
      rangeFrom = value;
      i++;
    } else if (LIST_SEPARATORS.includes(sep)) {
      i++;
    } else if (chinese && CN_NUMERALS.includes(sep)) {
      // Concatenation is only for Chinese numerals: 三四月, 十一十二月.
      joined = true;
      continue;
    } else {
      return null;
    }
    joined = false;
    if (i >= n) return null;
  }
  if (rangeFrom >= 0) return null;
  return Array.from(set).sort((a, b) => a - b);
}

function monthsOfDay(day: EpochDay): MonthsInfo {
  const { y, m } = ymdFromEpochDay(day);
  return { months: [m], year: y, text: `${y}-${pad2(m)}` };
}

/**
 * The months of a training-plan month cell: `3月`, `三月份`, `三、四月份`,
 * `三四月`, `3-4月`, `3—4月`, `3~4月`, `3至4月`, `3、4月`, `十一十二月`,
 * `2021年3-4月`, `2021-03`, `2021年3月`, `2021.3`, 上半年, 下半年, 全年,
 * 第一季度; a whole number 1..12 (a month); an Excel date serial or a Date
 * (that month of that year). Null when unreadable.
 */
export function parseMonths(v: unknown, date1904 = false): MonthsInfo | null {
  if (typeof v === "number") {
    if (Number.isInteger(v) && v >= 1 && v <= 12)
      return { months: [v], year: null, text: `${v}月` };
    const d = dateFromNumber(v, date1904);
    return d.ok ? monthsOfDay(d.value) : null;
  }
  if (typeof v !== "string") {
    if (v !== null && typeof v === "object" && isDate(v)) {
      const d = dateFromDateObject(v);
      return d.ok ? monthsOfDay(d.value) : null;
    }
    return null;
  }
  const text = normalizeText(v);
  if (text.length === 0 || (text.charCodeAt(0) === 35 && stringError(text) !== null)) return null;
  let s = text.indexOf(" ") >= 0 ? text.replace(ALL_WS, "") : text;
  let year: number | null = null;

  if (STARTS_WITH_YEAR.test(s)) {
    const d = dateFromText(s);
    if (d.ok) return { ...monthsOfDay(d.value), text };
  }
  const yp = YEAR_PREFIX.exec(s);
  if (yp) {
    year = Number(yp[1]);
    s = s.slice(yp[0].length);
  }

  if (s === "全年" || s === "全年度") return { months: ALL_MONTHS.slice(), year, text };
  if (s === "上半年") return { months: [1, 2, 3, 4, 5, 6], year, text };
  if (s === "下半年") return { months: [7, 8, 9, 10, 11, 12], year, text };
  const q = QUARTER.exec(s);
  if (q) {
    const cn = "一二三四".indexOf(q[1]);
    const k = cn >= 0 ? cn + 1 : Number(q[1]);
    return { months: [3 * k - 2, 3 * k - 1, 3 * k], year, text };
  }

  const suffix = MONTH_SUFFIX.exec(s);
  const body = suffix ? s.slice(0, suffix.index) : s;
  const months = monthsOfExpression(body, suffix !== null);
  return months && months.length > 0 ? { months, year, text } : null;
}

/* ------------------------------------------------------------------ ID numbers */

export interface IdInfo {
  kind: "prc18" | "prc15" | "other" | "precision-lost";
  /** Canonical key: trimmed, width-folded, without inner white space, upper-case X. */
  key: string;
  /** prc18 only. */
  checkDigitOk?: boolean;
  /** prc18/prc15: the birth date inside the number, null when it is no date. */
  birth?: EpochDay | null;
  /** prc18/prc15: odd sequence digit = M. */
  gender?: "M" | "F";
}

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = "10X98765432";
/** `4.20106E+17`, `4.2E+17`: how Excel's General format shows a long number. */
const SCIENTIFIC = /^\d(?:\.\d+)?E\+\d{2}$/i;
/** Excel keeps 15 significant digits. */
const EXACT_LIMIT = 1e15;

/** ISO 7064 MOD 11-2 check character of the first 17 digits of `id`. */
export function idCheckChar(id: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

function allDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function num(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

/** Folded, trimmed, no inner white space, no leading apostrophe (a text marker from CSV exports). */
function idKey(v: string): string {
  let s = trimWs(foldWidth(v));
  if (s.charCodeAt(0) === 39 /* ' */) s = trimWs(s.slice(1));
  for (let i = 0; i < s.length; i++) {
    if (isWs(s.charCodeAt(i))) {
      let out = "";
      for (let j = 0; j < s.length; j++) if (!isWs(s.charCodeAt(j))) out += s[j];
      return out;
    }
  }
  return s;
}

function classifyId(key: string): IdInfo {
  const n = key.length;
  if (n === 18 && allDigits(key, 0, 17)) {
    const last = key.charCodeAt(17);
    if ((last >= 48 && last <= 57) || last === 88 || last === 120) {
      const k = last === 120 ? `${key.slice(0, 17)}X` : key;
      const checkDigitOk = idCheckChar(k) === k[17];
      if (!checkDigitOk && k.endsWith("000")) return { kind: "precision-lost", key: k };
      return {
        kind: "prc18",
        key: k,
        checkDigitOk,
        birth: epochDayFromYMD(num(k, 6, 10), num(k, 10, 12), num(k, 12, 14)),
        gender: (k.charCodeAt(16) - 48) % 2 === 1 ? "M" : "F",
      };
    }
  }
  if (n === 15 && allDigits(key, 0, 15)) {
    return {
      kind: "prc15",
      key,
      birth: epochDayFromYMD(1900 + num(key, 6, 8), num(key, 8, 10), num(key, 10, 12)),
      gender: (key.charCodeAt(14) - 48) % 2 === 1 ? "M" : "F",
    };
  }
  if (n >= 3 && n <= 30 && SCIENTIFIC.test(key))
    return { kind: "precision-lost", key: key.toUpperCase() };
  return { kind: "other", key };
}

/**
 * An ID-number cell. Null when blank. A number ≥ 1e15 has lost digits
 * (precision-lost); a smaller whole number is read as its digits (a 15-digit
 * ID fits). An error cell gives kind "other" with the literal as key.
 */
export function readIdNumber(v: unknown): IdInfo | null {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { kind: "other", key: "" };
    const key = numberText(v);
    if (Math.abs(v) >= EXACT_LIMIT) return { kind: "precision-lost", key };
    return Number.isInteger(v) && v >= 0 ? classifyId(key) : { kind: "other", key };
  }
  if (typeof v === "string") {
    const key = idKey(v);
    return key.length === 0 ? null : classifyId(key);
  }
  if (v === null || v === undefined) return null;
  return { kind: "other", key: nonStringText(v) };
}

/* ------------------------------------------------------------------ masking and escaping */

/**
 * `420110199001011234` → `420110********1234`; 15 characters → first 6, 5
 * stars, last 4; other lengths > 6 → first 2 and last 2; else all stars.
 */
export function maskId(s: string): string {
  const t = trimWs(foldWidth(s));
  const n = t.length;
  if (n === 18) return `${t.slice(0, 6)}********${t.slice(14)}`;
  if (n === 15) return `${t.slice(0, 6)}*****${t.slice(11)}`;
  if (n > 6) return `${t.slice(0, 2)}${"*".repeat(n - 4)}${t.slice(-2)}`;
  return "*".repeat(n);
}

/** Area codes: 010 and 02x have three digits, the others four. */
const LANDLINE = /^(0[12]\d|0[3-9]\d{2})[-\s]?(\d{7,8})$/;
const NON_DIGITS = /\D+/g;
const MOBILE_CHARS = /^[+\d\s-]+$/;

/**
 * `13812345678` (also written `138 1234 5678`, `+86 138…`) → `138****5678`;
 * `027-87654321` → `027-****4321`; other text ≥ 7 characters → first 3 and
 * last 2; shorter → all stars.
 */
export function maskPhone(s: string): string {
  const t = trimWs(foldWidth(s));
  const n = t.length;
  const landline = LANDLINE.exec(t);
  if (landline) {
    const local = landline[2];
    return `${landline[1]}-${"*".repeat(local.length - 4)}${local.slice(-4)}`;
  }
  if (n >= 11 && n <= 20) {
    let digits = t.replace(NON_DIGITS, "");
    if (digits.length === 13 && digits.startsWith("86") && t.charCodeAt(0) !== 48)
      digits = digits.slice(2);
    if (digits.length === 11 && digits.charCodeAt(0) === 49 /* 1 */ && MOBILE_CHARS.test(t)) {
      return `${digits.slice(0, 3)}****${digits.slice(7)}`;
    }
  }
  if (n >= 7) return `${t.slice(0, 3)}${"*".repeat(n - 5)}${t.slice(-2)}`;
  return "*".repeat(n);
}

/**
 * Text Excel or a CSV reader would take as a formula: = + - or @ first,
 * after any leading spaces (Excel's parser skips them), or a leading tab or
 * carriage return (how CSV injection hides it). Writers prefix a `'`.
 */
export function looksLikeFormula(s: string): boolean {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === 32) i++;
  if (i === s.length) return false;
  const c = s.charCodeAt(i);
  if (i === 0 && (c === 9 || c === 13)) return true;
  return c === 61 || c === 43 || c === 45 || c === 64;
}
