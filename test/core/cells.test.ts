import {
  cellKind,
  cellText,
  epochDayFromDate,
  epochDayFromISO,
  epochDayFromYMD,
  errorLiteral,
  foldWidth,
  isBlank,
  isoFromEpochDay,
  looksLikeFormula,
  maskId,
  maskPhone,
  normalizeText,
  parseDate,
  serialFromEpochDay,
  parseMonths,
  parseNumber,
  parsePercent,
  readIdNumber,
  todayEpochDay,
  ymdFromEpochDay,
} from "../../src/core/cells";

/* ------------------------------------------------------------------ independent helpers */

/** Days since 1970-01-01 computed with the platform's Date.UTC (independent of cells.ts). */
const day = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) / 86_400_000;

/** An independent ISO 7064 MOD 11-2 check character. */
function checkChar(first17: string): string {
  // weight of position i (1-based from the left, check char is position 18) is 2^(18-i) mod 11
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  return "10X98765432"[sum % 11];
}
const validId = (first17: string): string => first17 + checkChar(first17);

const value = <T>(p: { ok: true; value: T } | { ok: false; reason: string }): T | string =>
  p.ok ? p.value : `!${p.reason}`;

/* ------------------------------------------------------------------ kinds, blanks, errors */

describe("cellKind / isBlank / errorLiteral", () => {
  test.each([
    [null, "empty"],
    [undefined, "empty"],
    ["", "empty"],
    ["   ", "empty"],
    ["\u3000\u3000", "empty"],
    ["\u00a0", "empty"],
    ["\u200b\ufeff\n\t", "empty"],
    [0, "number"],
    [-3.5, "number"],
    [NaN, "other"],
    [Infinity, "other"],
    [-Infinity, "other"],
    ["abc", "string"],
    ["#1班", "string"],
    [" 12 ", "string"],
    [true, "boolean"],
    [false, "boolean"],
    [new Date(Date.UTC(2021, 2, 5)), "date"],
    [new Date(NaN), "other"],
    [{ error: "#N/A" }, "error"],
    [{ error: "#DIV/0!" }, "error"],
    [{ richText: [] }, "other"],
    [[1, 2], "other"],
  ] as [unknown, string][])("%p is %s", (v, kind) => {
    expect(cellKind(v)).toBe(kind);
  });

  test.each([
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
  ])("%s is an error literal", (lit) => {
    expect(cellKind(lit)).toBe("error");
    expect(errorLiteral(lit)).toBe(lit);
    expect(errorLiteral({ error: lit })).toBe(lit);
  });

  test("error literals are recognised trimmed and in any case, canonicalised", () => {
    expect(errorLiteral(" #n/a ")).toBe("#N/A");
    expect(errorLiteral("#div/0!")).toBe("#DIV/0!");
    expect(cellKind("\u3000#REF!")).toBe("error");
    expect(errorLiteral("#N/A is missing")).toBeNull();
    expect(errorLiteral("N/A")).toBeNull();
    expect(errorLiteral(42)).toBeNull();
    expect(errorLiteral(null)).toBeNull();
    expect(errorLiteral(new Date())).toBeNull();
    expect(errorLiteral({ foo: 1 })).toBeNull();
  });

  test("isBlank", () => {
    expect(isBlank(null)).toBe(true);
    expect(isBlank(undefined)).toBe(true);
    expect(isBlank("")).toBe(true);
    expect(isBlank(" \u3000\u00a0\r\n")).toBe(true);
    expect(isBlank("a")).toBe(false);
    expect(isBlank(" a ")).toBe(false);
    expect(isBlank(0)).toBe(false);
    expect(isBlank(false)).toBe(false);
    expect(isBlank({ error: "#N/A" })).toBe(false);
  });
});

/* ------------------------------------------------------------------ text */

describe("foldWidth / normalizeText / cellText", () => {
  test("foldWidth folds full-width ASCII and the ideographic space only", () => {
    expect(foldWidth("２０２１年３月５日")).toBe("2021年3月5日");
    expect(foldWidth("ＡＢＣ　ｘｙｚ！～")).toBe("ABC xyz!~");
    expect(foldWidth("１，２００")).toBe("1,200");
    expect(foldWidth("社区教育")).toBe("社区教育");
    expect(foldWidth("（一）")).toBe("(一)");
  });

  test("foldWidth returns the very same string when nothing folds", () => {
    const s = "plain ascii 123";
    expect(foldWidth(s)).toBe(s);
    const cjk = "学员花名册";
    expect(foldWidth(cjk)).toBe(cjk);
  });

  test("normalizeText trims, folds and collapses white space of every kind", () => {
    expect(normalizeText("  张三  ")).toBe("张三");
    expect(normalizeText("\u3000张\u3000\u3000三\u3000")).toBe("张 三");
    expect(normalizeText("\u00a0信息技术\u00a0培训\u00a0")).toBe("信息技术 培训");
    expect(normalizeText("老年\r\n健康\n\n教育")).toBe("老年 健康 教育");
    expect(normalizeText("\u200b金阳村\u200b")).toBe("金阳村");
    expect(normalizeText("ＡＢ\tＣ")).toBe("AB C");
    expect(normalizeText("already normal")).toBe("already normal");
    expect(normalizeText("")).toBe("");
  });

  test("normalizeText of non-strings", () => {
    expect(normalizeText(null)).toBe("");
    expect(normalizeText(undefined)).toBe("");
    expect(normalizeText(12)).toBe("12");
    expect(normalizeText(-0)).toBe("0");
    expect(normalizeText(1.5)).toBe("1.5");
    expect(normalizeText(0.1 + 0.2)).toBe("0.3");
    expect(normalizeText(Number("420106199001011234"))).toBe("420106199001011260");
    expect(normalizeText(4.20106199001011e17)).toBe("420106199001011000");
    expect(normalizeText(1e21)).toBe("1000000000000000000000");
    expect(normalizeText(NaN)).toBe("");
    expect(normalizeText(true)).toBe("TRUE");
    expect(normalizeText(false)).toBe("FALSE");
    expect(normalizeText(new Date(Date.UTC(2021, 2, 5)))).toBe("2021-03-05");
    expect(normalizeText(new Date(NaN))).toBe("");
    expect(normalizeText({ error: "#REF!" })).toBe("#REF!");
    expect(normalizeText({ richText: [{ text: "x" }] })).toBe("");
  });

  test("cellText trims and folds but keeps inner white space", () => {
    expect(cellText("  张\n三  ")).toBe("张\n三");
    expect(cellText("１２人")).toBe("12人");
    expect(cellText(44260)).toBe("44260");
    expect(cellText(true)).toBe("TRUE");
    expect(cellText({ error: "#N/A" })).toBe("#N/A");
    expect(cellText(null)).toBe("");
  });

  test("cellText caps at 200 characters with an ellipsis", () => {
    const long = "长".repeat(500);
    const t = cellText(long);
    expect(t.length).toBe(200);
    expect(t.endsWith("…")).toBe(true);
    expect(t.slice(0, 199)).toBe("长".repeat(199));
    expect(cellText("a".repeat(200))).toBe("a".repeat(200));
  });
});

/* ------------------------------------------------------------------ numbers */

describe("parseNumber", () => {
  test.each([
    [12, 12],
    [0, 0],
    [-3.25, -3.25],
    ["12", 12],
    [" 12 ", 12],
    ["\u300012\u3000", 12],
    ["１２", 12],
    ["35人", 35],
    ["35 人", 35],
    ["120人次", 120],
    ["3场", 3],
    ["5次", 5],
    ["2个", 2],
    ["4课时", 4],
    ["2学时", 2],
    ["1.5小时", 1.5],
    ["2时", 2],
    ["2h", 2],
    ["300元", 300],
    ["86户", 86],
    ["40名", 40],
    ["6位", 6],
    ["3期", 3],
    ["1,200", 1200],
    ["1，200", 1200],
    ["12,345,678", 12345678],
    ["1,200.5", 1200.5],
    ["约100", 100],
    ["约 100人", 100],
    ["~100", 100],
    ["～100", 100],
    ["≈100", 100],
    ["-5", -5],
    ["+5", 5],
    ["0.5", 0.5],
    ["007", 7],
  ] as [unknown, number][])("%p → %p", (v, n) => {
    expect(parseNumber(v)).toEqual({ ok: true, value: n });
  });

  test.each([
    ["12.", "unreadable"],
    ["1,2", "unreadable"],
    ["12,00", "unreadable"],
    ["1200,000", "unreadable"],
    ["十二", "unreadable"],
    ["12个人", "unreadable"],
    ["abc", "unreadable"],
    ["60%", "unreadable"],
    ["1e5", "unreadable"],
    ["0x1F", "unreadable"],
    ["Infinity", "unreadable"],
    ["人", "unreadable"],
    ["约", "unreadable"],
    [NaN, "unreadable"],
    [Infinity, "unreadable"],
    [true, "unreadable"],
    [new Date(), "unreadable"],
    [{ a: 1 }, "unreadable"],
    ["#N/A", "error"],
    [" #VALUE! ", "error"],
    [{ error: "#DIV/0!" }, "error"],
    [null, "empty"],
    [undefined, "empty"],
    ["", "empty"],
    ["\u3000 ", "empty"],
  ] as [unknown, string][])("%p fails: %s", (v, reason) => {
    expect(parseNumber(v)).toEqual({ ok: false, reason });
  });
});

describe("parsePercent", () => {
  test.each([
    ["60%", 0.6],
    ["60％", 0.6],
    ["60 %", 0.6],
    ["６０％", 0.6],
    ["62.5%", 0.625],
    ["0%", 0],
    ["100%", 1],
    [0.6, 0.6],
    ["0.6", 0.6],
    [60, 0.6],
    ["60", 0.6],
    [1, 1],
    [0, 0],
    [100, 1],
    ["约60%", 0.6],
  ] as [unknown, number][])("%p → %p", (v, n) => {
    expect(parsePercent(v)).toEqual({ ok: true, value: n });
  });

  test.each([
    [-0.1, "range"],
    ["-5%", "range"],
    ["150%", "range"],
    [150, "range"],
    ["100.5", "range"],
    ["60人", "unreadable"],
    ["六成", "unreadable"],
    ["%", "unreadable"],
    ["#N/A", "error"],
    [{ error: "#N/A" }, "error"],
    ["", "empty"],
    [null, "empty"],
    [true, "unreadable"],
  ] as [unknown, string][])("%p fails: %s", (v, reason) => {
    expect(parsePercent(v)).toEqual({ ok: false, reason });
  });
});

/* ------------------------------------------------------------------ calendar */

describe("calendar helpers", () => {
  test("epochDayFromYMD agrees with Date.UTC and rejects impossible dates", () => {
    expect(epochDayFromYMD(1970, 1, 1)).toBe(0);
    expect(epochDayFromYMD(2021, 3, 5)).toBe(day(2021, 3, 5));
    expect(epochDayFromYMD(1900, 1, 1)).toBe(-25567);
    expect(epochDayFromYMD(2000, 2, 29)).toBe(day(2000, 2, 29));
    expect(epochDayFromYMD(9999, 12, 31)).toBe(day(9999, 12, 31));
    expect(epochDayFromYMD(1000, 1, 1)).toBe(day(1000, 1, 1));
    expect(epochDayFromYMD(2021, 2, 29)).toBeNull();
    expect(epochDayFromYMD(2021, 2, 30)).toBeNull();
    expect(epochDayFromYMD(1900, 2, 29)).toBeNull();
    expect(epochDayFromYMD(2021, 4, 31)).toBeNull();
    expect(epochDayFromYMD(2021, 13, 1)).toBeNull();
    expect(epochDayFromYMD(2021, 0, 1)).toBeNull();
    expect(epochDayFromYMD(2021, 1, 0)).toBeNull();
    expect(epochDayFromYMD(999, 1, 1)).toBeNull();
    expect(epochDayFromYMD(10000, 1, 1)).toBeNull();
    expect(epochDayFromYMD(2021.5, 1, 1)).toBeNull();
  });

  test("ymdFromEpochDay / isoFromEpochDay round-trip over a wide range", () => {
    for (let d = day(1000, 1, 1); d <= day(9999, 12, 31); d += 997) {
      const dt = new Date(d * 86_400_000);
      const ymd = ymdFromEpochDay(d);
      expect(ymd).toEqual({ y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() });
      expect(epochDayFromYMD(ymd.y, ymd.m, ymd.d)).toBe(d);
      expect(isoFromEpochDay(d)).toBe(dt.toISOString().slice(0, 10));
    }
    expect(isoFromEpochDay(day(2021, 3, 5))).toBe("2021-03-05");
    expect(isoFromEpochDay(0)).toBe("1970-01-01");
    expect(ymdFromEpochDay(day(2024, 2, 29))).toEqual({ y: 2024, m: 2, d: 29 });
  });

  test("epochDayFromISO is strict", () => {
    expect(epochDayFromISO("2021-03-05")).toBe(day(2021, 3, 5));
    expect(epochDayFromISO("2021-3-5")).toBeNull();
    expect(epochDayFromISO("2021/03/05")).toBeNull();
    expect(epochDayFromISO(" 2021-03-05")).toBeNull();
    expect(epochDayFromISO("2021-02-30")).toBeNull();
    expect(epochDayFromISO("2021-03-05T00:00")).toBeNull();
    expect(epochDayFromISO("20a1-03-05")).toBeNull();
  });

  test("epochDayFromDate uses UTC components", () => {
    expect(epochDayFromDate(new Date(Date.UTC(2021, 2, 5)))).toBe(day(2021, 3, 5));
    expect(epochDayFromDate(new Date(Date.UTC(2021, 2, 5, 23, 59, 59)))).toBe(day(2021, 3, 5));
    expect(epochDayFromDate(new Date(Date.UTC(1969, 11, 31, 12)))).toBe(-1);
  });

  test("todayEpochDay takes the local calendar date", () => {
    const now = new Date(2021, 2, 5, 23, 30); // local time
    expect(todayEpochDay(now)).toBe(day(2021, 3, 5));
    const early = new Date(2021, 2, 5, 0, 5);
    expect(todayEpochDay(early)).toBe(day(2021, 3, 5));
    const t = todayEpochDay();
    const n = new Date();
    expect(t).toBe(day(n.getFullYear(), n.getMonth() + 1, n.getDate()));
  });
});

/* ------------------------------------------------------------------ dates */

describe("serialFromEpochDay", () => {
  test("is the inverse of reading a serial, in both date systems", () => {
    for (const serial of [1, 59, 61, 25569, 43000, 45352, 2958465]) {
      const read = parseDate(serial);
      expect(read.ok).toBe(true);
      if (read.ok) expect(serialFromEpochDay(read.value)).toBe(serial);
    }
    for (const serial of [0, 1, 23645, 43000 - 1462]) {
      const read = parseDate(serial, true);
      expect(read.ok).toBe(true);
      if (read.ok) expect(serialFromEpochDay(read.value, true)).toBe(serial);
    }
    const day = epochDayFromISO("2024-03-01") as number;
    expect(serialFromEpochDay(day)).toBe(45352);
    expect(serialFromEpochDay(day, true)).toBe(45352 - 1462);
  });
});

describe("parseDate", () => {
  const D = day(2021, 3, 5);

  test("Excel serials in both date systems read the same date", () => {
    expect(parseDate(44260)).toEqual({ ok: true, value: D });
    expect(parseDate(44260, false)).toEqual({ ok: true, value: D });
    expect(parseDate(42798, true)).toEqual({ ok: true, value: D });
    expect(parseDate(44260, true)).toEqual({ ok: true, value: day(2025, 3, 6) });
    expect(parseDate(25569)).toEqual({ ok: true, value: 0 });
    expect(parseDate(24107, true)).toEqual({ ok: true, value: 0 });
    expect(parseDate(0, true)).toEqual({ ok: true, value: day(1904, 1, 1) });
    expect(parseDate(1)).toEqual({ ok: true, value: day(1900, 1, 1) });
    expect(parseDate(2958465)).toEqual({ ok: true, value: day(9999, 12, 31) });
  });

  test("the Lotus leap-year bug: 59, 60, 61", () => {
    expect(parseDate(59)).toEqual({ ok: true, value: day(1900, 2, 28) });
    // 60 is the fictitious 1900-02-29: unreadable, like the text "1900-02-29".
    expect(parseDate(60)).toEqual({ ok: false, reason: "unreadable" });
    expect(parseDate("1900-02-29")).toEqual({ ok: false, reason: "unreadable" });
    expect(parseDate(61)).toEqual({ ok: true, value: day(1900, 3, 1) });
    // In the 1904 system 60 is an ordinary day.
    expect(parseDate(60, true)).toEqual({ ok: true, value: day(1904, 3, 1) });
  });

  test("time fractions are dropped", () => {
    expect(parseDate(44260.604166)).toEqual({ ok: true, value: D });
    expect(parseDate(44260.999)).toEqual({ ok: true, value: D });
    expect(parseDate(42798.5, true)).toEqual({ ok: true, value: D });
  });

  test("serials out of range", () => {
    expect(parseDate(0)).toEqual({ ok: false, reason: "range" });
    expect(parseDate(0.5)).toEqual({ ok: false, reason: "range" });
    expect(parseDate(-1)).toEqual({ ok: false, reason: "range" });
    expect(parseDate(-1, true)).toEqual({ ok: false, reason: "range" });
    expect(parseDate(-0.5, true)).toEqual({ ok: false, reason: "range" });
    expect(parseDate(2958466)).toEqual({ ok: false, reason: "range" });
    expect(parseDate(NaN)).toEqual({ ok: false, reason: "unreadable" });
    expect(parseDate(Infinity)).toEqual({ ok: false, reason: "unreadable" });
  });

  test("an 8-digit yyyymmdd integer is that date, not a serial", () => {
    expect(parseDate(20210305)).toEqual({ ok: true, value: D });
    expect(parseDate(20210305, true)).toEqual({ ok: true, value: D });
    expect(parseDate(19000101)).toEqual({ ok: true, value: day(1900, 1, 1) });
    expect(parseDate(20211305)).toEqual({ ok: false, reason: "unreadable" });
    expect(parseDate(20210230)).toEqual({ ok: false, reason: "unreadable" });
  });

  test("a yyyy.mm number (出生年月 typed as 1990.03) is the 1st of that month", () => {
    expect(parseDate(1990.03)).toEqual({ ok: true, value: day(1990, 3, 1) });
    expect(parseDate(1990.3)).toEqual({ ok: true, value: day(1990, 3, 1) });
    expect(parseDate(1990.12)).toEqual({ ok: true, value: day(1990, 12, 1) });
    expect(parseDate(1990.11)).toEqual({ ok: true, value: day(1990, 11, 1) });
    expect(parseDate(1990.1)).toEqual({ ok: true, value: day(1990, 1, 1) });
    // Not a month: stays a serial (1905-06-12).
    expect(parseDate(1990.25)).toEqual({ ok: true, value: day(1905, 6, 12) });
  });

  test("Date objects", () => {
    expect(parseDate(new Date(Date.UTC(2021, 2, 5)))).toEqual({ ok: true, value: D });
    expect(parseDate(new Date(Date.UTC(2021, 2, 5, 14, 30)))).toEqual({ ok: true, value: D });
    expect(parseDate(new Date(NaN))).toEqual({ ok: false, reason: "unreadable" });
    expect(parseDate(new Date(Date.UTC(12000, 0, 1)))).toEqual({ ok: false, reason: "range" });
  });

  test.each([
    "2021-03-05",
    "2021-3-5",
    "2021-03-5",
    "2021/3/5",
    "2021/03/05",
    "2021.3.5",
    "2021.03.05",
    "2021年3月5日",
    "2021年03月05日",
    "2021年3月5号",
    "2021年3月5",
    "2021 年 3 月 5 日",
    "20210305",
    " 2021-03-05 ",
    "\u30002021-03-05\u3000",
    "２０２１年３月５日",
    "２０２１－０３－０５",
    "2021-03-05 14:30",
    "2021-03-05 14:30:00",
    "2021-03-05 00:00:00",
    "2021-03-05T14:30:00.000Z",
    "2021-03-05T14:30:00+08:00",
    "2021/3/5 上午9:00",
    "2021/3/5 下午2:30",
    "2021/3/5 9:00 AM",
    "2021年3月5日 14:30",
    "2021年3月5日14:30",
    "2021年3月5日 下午2点",
    "2021年3月5日 下午2点半",
    "2021年3月5日（星期五）",
    "2021年3月5日(周五)",
    "2021年3月5日 周五 14:00",
    "2021-03-05 14:30-16:00",
    "2021年3月5日-9日",
    "2021-03-05至2021-03-09",
  ])("%p → 2021-03-05", (s) => {
    expect(parseDate(s)).toEqual({ ok: true, value: D });
  });

  test.each([
    ["2021-03", day(2021, 3, 1)],
    ["2021-3", day(2021, 3, 1)],
    ["2021/3", day(2021, 3, 1)],
    ["2021/03", day(2021, 3, 1)],
    ["2021.3", day(2021, 3, 1)],
    ["1990.10", day(1990, 10, 1)],
    ["2021年3月", day(2021, 3, 1)],
    ["2021年3月份", day(2021, 3, 1)],
    ["２０２１年１２月", day(2021, 12, 1)],
  ])("year-month %p → the 1st", (s, d) => {
    expect(parseDate(s)).toEqual({ ok: true, value: d });
  });

  test.each([
    "2021-02-30",
    "2021-13-01",
    "2021/2/29",
    "2021年2月30日",
    "20210230",
    "2021-00",
    "2021年13月",
    "21-3-5",
    "21/3/5",
    "3/5/2021",
    "3月5日",
    "2021-03-05 abc",
    "2021-03 14:00",
    "2021-3/5",
    "2021-03-051",
    "202103051",
    "202103",
    "2021",
    "2021.3.5.",
    "hello",
    "0999-01-01",
  ])("%p is unreadable", (s) => {
    expect(parseDate(s)).toEqual({ ok: false, reason: "unreadable" });
  });

  test("blank, errors and other types", () => {
    expect(parseDate("")).toEqual({ ok: false, reason: "empty" });
    expect(parseDate("  ")).toEqual({ ok: false, reason: "empty" });
    expect(parseDate(null)).toEqual({ ok: false, reason: "empty" });
    expect(parseDate(undefined)).toEqual({ ok: false, reason: "empty" });
    expect(parseDate("#N/A")).toEqual({ ok: false, reason: "error" });
    expect(parseDate({ error: "#VALUE!" })).toEqual({ ok: false, reason: "error" });
    expect(parseDate(true)).toEqual({ ok: false, reason: "unreadable" });
    expect(parseDate({ a: 1 })).toEqual({ ok: false, reason: "unreadable" });
  });

  test("no policy on range here: far future and pre-1900 text dates read", () => {
    expect(parseDate("2999-01-01")).toEqual({ ok: true, value: day(2999, 1, 1) });
    expect(parseDate("1850-06-01")).toEqual({ ok: true, value: day(1850, 6, 1) });
  });

  test("every form of one date reads the same", () => {
    const forms: unknown[] = [
      44260,
      new Date(Date.UTC(2021, 2, 5)),
      "2021-03-05",
      "2021/3/5",
      "2021.3.5",
      "2021年3月5日",
      "20210305",
      20210305,
    ];
    for (const f of forms) expect(value(parseDate(f))).toBe(D);
    expect(value(parseDate(42798, true))).toBe(D);
  });
});

/* ------------------------------------------------------------------ months */

describe("parseMonths", () => {
  test.each([
    ["3月", [3], null],
    ["03月", [3], null],
    ["三月", [3], null],
    ["三月份", [3], null],
    ["二月", [2], null],
    ["十月", [10], null],
    ["十一月", [11], null],
    ["十二月份", [12], null],
    ["三、四月份", [3, 4], null],
    ["三四月", [3, 4], null],
    ["五六月", [5, 6], null],
    ["九十月", [9, 10], null],
    ["七、八月", [7, 8], null],
    ["十一十二月", [11, 12], null],
    ["十一、十二月份", [11, 12], null],
    ["十一二月", [11, 12], null],
    ["三月、四月", [3, 4], null],
    ["3-4月", [3, 4], null],
    ["3—4月", [3, 4], null],
    ["3–4月", [3, 4], null],
    ["3~4月", [3, 4], null],
    ["3～4月", [3, 4], null],
    ["3至4月", [3, 4], null],
    ["3到5月", [3, 4, 5], null],
    ["3月-4月", [3, 4], null],
    ["3、4月", [3, 4], null],
    ["3,4月", [3, 4], null],
    ["4、3月", [3, 4], null],
    ["三至五月", [3, 4, 5], null],
    ["11-2月", [1, 2, 11, 12], null],
    ["3月上旬", [3], null],
    ["3月底", [3], null],
    ["３月", [3], null],
    ["3", [3], null],
    ["3-4", [3, 4], null],
    [" 三 四 月 ", [3, 4], null],
    ["2021-03", [3], 2021],
    ["2021-3", [3], 2021],
    ["2021.3", [3], 2021],
    ["2021/3", [3], 2021],
    ["2021年3月", [3], 2021],
    ["2021年3月份", [3], 2021],
    ["2021年三四月", [3, 4], 2021],
    ["2021年3-4月", [3, 4], 2021],
    ["2021-03-05", [3], 2021],
    ["2021年3月5日", [3], 2021],
    ["上半年", [1, 2, 3, 4, 5, 6], null],
    ["下半年", [7, 8, 9, 10, 11, 12], null],
    ["2021年下半年", [7, 8, 9, 10, 11, 12], 2021],
    ["全年", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], null],
    ["第一季度", [1, 2, 3], null],
    ["第4季度", [10, 11, 12], null],
    ["二季度", [4, 5, 6], null],
  ] as [string, number[], number | null][])("%p → %p (year %p)", (s, months, year) => {
    const r = parseMonths(s);
    expect(r).not.toBeNull();
    expect(r?.months).toEqual(months);
    expect(r?.year).toBe(year);
  });

  test("text is the month as written (normalised)", () => {
    expect(parseMonths("三、四月份")?.text).toBe("三、四月份");
    expect(parseMonths(" 三四月\u3000")?.text).toBe("三四月");
    expect(parseMonths("2021-03")?.text).toBe("2021-03");
  });

  test("numbers and dates", () => {
    expect(parseMonths(3)).toEqual({ months: [3], year: null, text: "3月" });
    expect(parseMonths(12)).toEqual({ months: [12], year: null, text: "12月" });
    expect(parseMonths(44260)).toEqual({ months: [3], year: 2021, text: "2021-03" });
    expect(parseMonths(42798, true)).toEqual({ months: [3], year: 2021, text: "2021-03" });
    expect(parseMonths(new Date(Date.UTC(2021, 10, 1)))).toEqual({
      months: [11],
      year: 2021,
      text: "2021-11",
    });
    expect(parseMonths(2021.03)).toEqual({ months: [3], year: 2021, text: "2021-03" });
    expect(parseMonths(20210305)).toEqual({ months: [3], year: 2021, text: "2021-03" });
  });

  test.each([
    "",
    "  ",
    "十三月",
    "二十月",
    "三五月",
    "13月",
    "0月",
    "三四",
    "正月",
    "每月",
    "三月五日",
    "3月5日",
    "abc",
    "3-",
    "-4月",
    "3--4月",
    "34月",
    "3四月",
    "#N/A",
    "2021-13",
  ])("%p is unreadable", (s) => {
    expect(parseMonths(s)).toBeNull();
  });

  test("other unreadable values", () => {
    expect(parseMonths(null)).toBeNull();
    expect(parseMonths(undefined)).toBeNull();
    expect(parseMonths(true)).toBeNull();
    expect(parseMonths({ error: "#N/A" })).toBeNull();
    expect(parseMonths(NaN)).toBeNull();
    expect(parseMonths(0)).toBeNull();
    expect(parseMonths(new Date(NaN))).toBeNull();
  });
});

/* ------------------------------------------------------------------ ID numbers */

describe("readIdNumber", () => {
  test("the independent check-digit helper agrees with the published example", () => {
    expect(checkChar("11010519491231002")).toBe("X");
    expect(checkChar("44052418800101001")).toBe("4");
  });

  test("the published valid example 11010519491231002X", () => {
    expect(readIdNumber("11010519491231002X")).toEqual({
      kind: "prc18",
      key: "11010519491231002X",
      checkDigitOk: true,
      birth: day(1949, 12, 31),
      gender: "F",
    });
  });

  test("a lower-case x, full-width digits, spaces and an apostrophe give one canonical key", () => {
    const forms = [
      "11010519491231002x",
      " 11010519491231002X ",
      "１１０１０５１９４９１２３１００２Ｘ",
      "110105 19491231 002X",
      "'11010519491231002X",
    ];
    for (const f of forms) {
      const r = readIdNumber(f);
      expect(r?.kind).toBe("prc18");
      expect(r?.key).toBe("11010519491231002X");
      expect(r?.checkDigitOk).toBe(true);
    }
  });

  test("built valid IDs: birth date and gender", () => {
    const male = validId("42010619900101123"); // sequence digit 3: odd
    expect(readIdNumber(male)).toEqual({
      kind: "prc18",
      key: male,
      checkDigitOk: true,
      birth: day(1990, 1, 1),
      gender: "M",
    });
    const female = validId("32058219851231004");
    expect(readIdNumber(female)).toEqual({
      kind: "prc18",
      key: female,
      checkDigitOk: true,
      birth: day(1985, 12, 31),
      gender: "F",
    });
  });

  test("many random valid IDs pass their check", () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 48271) % 2147483647) % 10;
    for (let k = 0; k < 200; k++) {
      let first = "420106";
      first += String(1940 + (k % 60)) + "0" + String(1 + (k % 9)) + String(10 + (k % 18));
      first += `${rnd()}${rnd()}${rnd()}`;
      const id = validId(first);
      const r = readIdNumber(id);
      expect(r?.kind).toBe("prc18");
      expect(r?.checkDigitOk).toBe(true);
      expect(r?.birth).not.toBeNull();
    }
  });

  test("a wrong check digit", () => {
    const good = validId("42010619900101123");
    const wrongChar = good[17] === "5" ? "6" : "5";
    const bad = good.slice(0, 17) + wrongChar;
    const r = readIdNumber(bad);
    expect(r?.kind).toBe("prc18");
    expect(r?.checkDigitOk).toBe(false);
    expect(r?.birth).toBe(day(1990, 1, 1));
    expect(r?.gender).toBe("M");
  });

  test("an invalid birth date inside a valid check digit", () => {
    const id = validId("42010619901332123");
    const r = readIdNumber(id);
    expect(r?.kind).toBe("prc18");
    expect(r?.checkDigitOk).toBe(true);
    expect(r?.birth).toBeNull();
  });

  test("precision lost: numbers ≥ 1e15, scientific text, 18 digits ending 000 with a bad check digit", () => {
    expect(readIdNumber(4.20106199001011e17)).toEqual({
      kind: "precision-lost",
      key: "420106199001011000",
    });
    expect(readIdNumber(Number("420106199001011234"))).toEqual({
      kind: "precision-lost",
      key: "420106199001011260",
    });
    expect(readIdNumber(1e15)?.kind).toBe("precision-lost");
    expect(readIdNumber("4.20106199001011E+17")).toEqual({
      kind: "precision-lost",
      key: "4.20106199001011E+17",
    });
    expect(readIdNumber("4.20106E+17")?.kind).toBe("precision-lost");
    expect(readIdNumber("4.2E+17")?.kind).toBe("precision-lost");
    expect(readIdNumber("4.2e+17")).toEqual({ kind: "precision-lost", key: "4.2E+17" });
    const first15 = "420106199001011";
    // Ends in 000: unless 000 happens to be right, the check digit fails.
    expect(checkChar(`${first15}00`)).not.toBe("0");
    expect(readIdNumber(`${first15}000`)).toEqual({ kind: "precision-lost", key: `${first15}000` });
  });

  test("an 18-digit ID genuinely ending in 000 with a good check digit is kept", () => {
    // find a 17-digit prefix ending in 00 whose check character is 0
    let prefix = "";
    for (let k = 0; k < 1000 && !prefix; k++) {
      const candidate = `4201061990${String(k).padStart(3, "0")}1000`.slice(0, 15) + "00";
      if (checkChar(candidate) === "0" && epochDayFromYMD(1990, 1, 1) !== null) prefix = candidate;
    }
    expect(prefix).not.toBe("");
    const r = readIdNumber(`${prefix}0`);
    expect(r?.kind).toBe("prc18");
    expect(r?.checkDigitOk).toBe(true);
  });

  test("15-digit IDs (text or an exact number cell)", () => {
    const r = readIdNumber("110105491231002");
    expect(r).toEqual({
      kind: "prc15",
      key: "110105491231002",
      birth: day(1949, 12, 31),
      gender: "F",
    });
    expect(r?.checkDigitOk).toBeUndefined();
    expect(readIdNumber(110105491231003)).toEqual({
      kind: "prc15",
      key: "110105491231003",
      birth: day(1949, 12, 31),
      gender: "M",
    });
    expect(readIdNumber("110105491331002")?.birth).toBeNull();
  });

  test("other identifiers keep their key", () => {
    expect(readIdNumber("S2021-001")).toEqual({ kind: "other", key: "S2021-001" });
    expect(readIdNumber(12345)).toEqual({ kind: "other", key: "12345" });
    expect(readIdNumber("ＸＨ００１")).toEqual({ kind: "other", key: "XH001" });
    expect(readIdNumber("4201061990010112")).toEqual({ kind: "other", key: "4201061990010112" });
    expect(readIdNumber("42010619900101123Y")?.kind).toBe("other");
    expect(readIdNumber("1E5")?.kind).toBe("other");
    expect(readIdNumber("#N/A")).toEqual({ kind: "other", key: "#N/A" });
    expect(readIdNumber(12.5)).toEqual({ kind: "other", key: "12.5" });
  });

  test("blank is null", () => {
    expect(readIdNumber(null)).toBeNull();
    expect(readIdNumber(undefined)).toBeNull();
    expect(readIdNumber("")).toBeNull();
    expect(readIdNumber(" \u3000")).toBeNull();
  });
});

/* ------------------------------------------------------------------ masks, formulas */

describe("maskId / maskPhone", () => {
  test.each([
    ["420110199001011234", "420110********1234"],
    ["11010519491231002X", "110105********002X"],
    ["110105491231002", "110105*****1002"],
    ["S2021001", "S2****01"],
    ["1234567", "12***67"],
    ["123456", "******"],
    ["12", "**"],
    ["", ""],
    [" 420110199001011234 ", "420110********1234"],
    ["4.20106E+17", "4.*******17"],
  ])("maskId(%p) = %p", (s, m) => {
    expect(maskId(s)).toBe(m);
  });

  test.each([
    ["13812345678", "138****5678"],
    ["138 1234 5678", "138****5678"],
    ["138-1234-5678", "138****5678"],
    ["+86 13812345678", "138****5678"],
    ["027-87654321", "027-****4321"],
    ["0571-8765432", "0571-***5432"],
    ["02787654321", "027-****4321"],
    ["87654321", "876***21"],
    ["1234567", "123**67"],
    ["123456", "******"],
    ["", ""],
  ])("maskPhone(%p) = %p", (s, m) => {
    expect(maskPhone(s)).toBe(m);
  });

  test("masked values never contain the middle digits", () => {
    const id = validId("42010619900101123");
    expect(maskId(id)).not.toContain("19900101");
    expect(maskPhone("13812345678")).not.toContain("1234");
  });
});

describe("looksLikeFormula", () => {
  test.each([
    ["=SUM(A1)", true],
    ["+86 138", true],
    ["-5", true],
    ["@cmd", true],
    ["\tx", true],
    ["\rx", true],
    [" =SUM(A1)", true],
    ["  +1", true],
    ["   ", false],
    [" \tx", false],
    ["张三", false],
    ["", false],
    ["a=b", false],
    ["＝1", false],
  ])("%p → %p", (s, r) => {
    expect(looksLikeFormula(s)).toBe(r);
  });
});
