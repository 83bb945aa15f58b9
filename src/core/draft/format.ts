/**
 * How the draft writes a figure in each language. Percentages have one decimal
 * and are rounded from the unrounded value, as on the summary sheet; counts
 * are grouped by thousands (21,905) in both languages, as Chinese official
 * documents do.
 */
import type { Lang } from "../types";
import type { FigureFormat, FigurePart } from "./types";

export type Unit =
  | "people"
  | "enrolments"
  | "attendances"
  | "activities"
  | "sessions"
  | "hours"
  | "schools"
  | "teachers"
  | "residents";

const ZH_UNITS: Record<Unit, string> = {
  people: "人",
  enrolments: "人次",
  attendances: "人次",
  activities: "场",
  sessions: "场",
  hours: "课时",
  schools: "所",
  teachers: "人",
  residents: "人",
};

const EN_UNITS: Record<Unit, [one: string, many: string]> = {
  people: ["person", "people"],
  enrolments: ["enrolment", "enrolments"],
  attendances: ["attendance", "attendances"],
  activities: ["activity", "activities"],
  sessions: ["session", "sessions"],
  hours: ["hour", "hours"],
  schools: ["school", "schools"],
  teachers: ["teacher", "teachers"],
  residents: ["resident", "residents"],
};

const EN_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/** 21905 → "21,905"; the same in both languages and independent of the machine's locale. */
export function grouped(n: number): string {
  const [whole, fraction] = Math.abs(n)
    .toFixed(Number.isInteger(n) ? 0 : 1)
    .split(".");
  const withCommas = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${n < 0 ? "-" : ""}${withCommas}${fraction ? `.${fraction}` : ""}`;
}

/** A rate in [0, 1] → "62.3" (one decimal, rounded from the unrounded value). */
function percentDigits(rate: number): string {
  return (Math.abs(rate) * 100).toFixed(1);
}

export function unitText(unit: Unit, n: number, lang: Lang): string {
  if (lang === "zh-CN") return ZH_UNITS[unit];
  const [one, many] = EN_UNITS[unit];
  return n === 1 ? one : many;
}

export function withUnit(n: number, unit: Unit, lang: Lang): string {
  return lang === "zh-CN"
    ? `${grouped(n)}${unitText(unit, n, lang)}`
    : `${grouped(n)} ${unitText(unit, n, lang)}`;
}

export function dateText(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split("-").map(Number);
  return lang === "zh-CN" ? `${y}年${m}月${d}日` : `${d} ${EN_MONTHS[m - 1]} ${y}`;
}

/** A percentage; targets are written without a trailing ".0" (60%的目标), as offices write them. */
export function percentText(rate: number, trimZero = false): string {
  const digits = percentDigits(rate);
  return `${trimZero ? digits.replace(/\.0$/, "") : digits}%`;
}

function direction(value: number, digits: string, lang: Lang, words: [string, string, string]) {
  if (Number(digits) === 0) return words[2];
  return value > 0 ? words[0] : words[1];
}

const WORDS: Record<
  Lang,
  Record<"change" | "points" | "gap" | "difference", [string, string, string]>
> = {
  "zh-CN": {
    change: ["增长", "下降", "持平"],
    points: ["提高", "降低", "持平"],
    gap: ["高出", "相差", "持平"],
    difference: ["增加", "减少", "持平"],
  },
  "en-US": {
    change: ["up ", "down ", "unchanged"],
    points: ["up ", "down ", "unchanged"],
    gap: ["", "", "level"],
    difference: ["up by ", "down by ", "unchanged"],
  },
};

export interface FigureOptions {
  unit?: Unit;
  /** Percent without a trailing ".0" (targets). */
  trimZero?: boolean;
  /** Changes as signed numbers (+15.7%, −0.5个百分点), for the narrow columns of a table. */
  signed?: boolean;
}

const MINUS = "\u2212";

/** The text of a figure in a language. */
export function figureText(
  value: number | string,
  format: FigureFormat,
  lang: Lang,
  options: FigureOptions = {}
): string {
  const zh = lang === "zh-CN";
  if (format === "year") return String(value).slice(0, 4);
  if (format === "date") return dateText(String(value), lang);
  const n = value as number;
  switch (format) {
    case "count":
    case "decimal":
      return options.unit ? withUnit(n, options.unit, lang) : grouped(n);
    case "percent":
      return percentText(n, options.trimZero);
    case "change": {
      const digits = percentDigits(n);
      const word = direction(n, digits, lang, WORDS[lang].change);
      if (Number(digits) === 0) return word;
      return options.signed ? `${n > 0 ? "+" : MINUS}${digits}%` : `${word}${digits}%`;
    }
    case "points":
    case "gap": {
      const digits = percentDigits(n);
      const word = direction(n, digits, lang, WORDS[lang][format]);
      if (Number(digits) === 0) return word;
      if (options.signed) return `${n > 0 ? "+" : MINUS}${digits}${zh ? "个百分点" : " pts"}`;
      if (zh) return `${word}${digits}个百分点`;
      // The English sentence says "exceeding … by" or "short of … by" itself.
      if (format === "gap") return `${digits} percentage points`;
      return `${word}${digits} percentage points`;
    }
    case "difference": {
      const word = direction(n, String(Math.abs(n)), lang, WORDS[lang].difference);
      if (n === 0) return word;
      if (options.signed)
        return `${n > 0 ? "+" : MINUS}${withUnit(Math.abs(n), options.unit ?? "schools", lang)}`;
      const amount = options.unit
        ? withUnit(Math.abs(n), options.unit, lang)
        : grouped(Math.abs(n));
      return `${word}${amount}`;
    }
  }
}

/** `["byCommunity", 3, "participationRate"]` → `/byCommunity/3/participationRate` (RFC 6901). */
export function pointer(...segments: (string | number)[]): string {
  return segments.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}

export function figure(
  path: (string | number)[],
  value: number | string,
  format: FigureFormat,
  lang: Lang,
  options: FigureOptions = {}
): FigurePart {
  return {
    kind: "figure",
    pointer: pointer(...path),
    value,
    format,
    text: figureText(value, format, lang, options),
  };
}
