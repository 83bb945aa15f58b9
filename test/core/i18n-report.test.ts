import { analyze, figures } from "../../src/core/engine";
import { CATALOGUES, fieldLabel, format, normalizeLang, t } from "../../src/core/i18n";
import { buildReport } from "../../src/core/report";
import { epochDayFromISO } from "../../src/core/cells";
import { KINDS } from "../../src/core/schema";
import type { SheetKind } from "../../src/core/types";

const today = epochDayFromISO("2026-11-23") as number;

describe("i18n", () => {
  it("has the same keys in zh-CN and en-US, none empty", () => {
    const zh = Object.keys(CATALOGUES["zh-CN"]).sort();
    const en = Object.keys(CATALOGUES["en-US"]).sort();
    expect(en).toEqual(zh);
    for (const lang of ["zh-CN", "en-US"] as const) {
      for (const [key, text] of Object.entries(CATALOGUES[lang]))
        expect([key, text.trim().length > 0]).toEqual([key, true]);
    }
  });

  it("uses the same placeholders in both languages", () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(CATALOGUES["zh-CN"]) as (keyof (typeof CATALOGUES)["zh-CN"])[]) {
      expect([key, names(CATALOGUES["en-US"][key])]).toEqual([
        key,
        names(CATALOGUES["zh-CN"][key]),
      ]);
    }
  });

  it("names fields in the user's words in each language", () => {
    expect(fieldLabel("enrolment", "enrolDate", "zh-CN")).toBe("报名日期");
    expect(fieldLabel("enrolment", "enrolDate", "en-US")).toBe("Enrolment date");
    expect(t("issue.missingRequired", "zh-CN", { field: "activity.participants" })).toContain(
      "参加人数"
    );
    expect(
      t("detect.partial", "en-US", {
        kind: "enrolment",
        row: 2,
        found: "姓名",
        missing: "enrolment.course|enrolment.enrolDate",
      })
    ).toBe(
      "Row 2 looks like the header of a learner roster (found 姓名) but lacks required columns: Course, Enrolment date"
    );
  });

  it("every field of every kind has a label in both languages", () => {
    for (const kind of Object.keys(KINDS) as SheetKind[]) {
      for (const f of KINDS[kind].fields) {
        expect(fieldLabel(kind, f.field, "en-US")).toMatch(/^[A-Za-z]/);
        expect(fieldLabel(kind, f.field, "zh-CN")).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });

  it("normalises Office display languages", () => {
    expect(normalizeLang("zh-CN")).toBe("zh-CN");
    expect(normalizeLang("zh-Hans-CN")).toBe("zh-CN");
    expect(normalizeLang("ZH-TW")).toBe("zh-CN");
    expect(normalizeLang("en-GB")).toBe("en-US");
    expect(normalizeLang(undefined)).toBe("en-US");
  });

  it("leaves an unknown key readable instead of throwing", () => {
    expect(format({ key: "no.such.key" }, "zh-CN")).toBe("no.such.key");
  });
});

describe("report spec", () => {
  const workbook = {
    sheets: [
      {
        name: "花名册",
        values: [
          ["姓名", "所属社区", "培训项目", "报名日期", "类别"],
          ["甲", "六角社区", "书法", "2025-03-01", "书画"],
          ["乙", "金阳村", "书法", "2025-03-02", "书画"],
          ["甲", "六角社区", "电脑", "2025-05-01", "信息技术"],
        ],
      },
      {
        name: "人口",
        values: [
          ["社区", "常住人口", "参与率目标"],
          ["六角社区", 10, "50%"],
          ["金阳村", 20, ""],
        ],
      },
    ],
  };
  const analysis = analyze(workbook, { today });
  const m = figures(analysis);

  it("titles, headers and notes follow the language", () => {
    const zh = buildReport(m, { lang: "zh-CN", generatedAt: "2026-11-23 09:00" });
    const en = buildReport(m, { lang: "en-US", generatedAt: "2026-11-23 09:00" });
    expect(zh.sheets[0].name).toBe("CEDU汇总");
    expect(en.sheets[0].name).toBe("CEDU Summary");
    expect(zh.sheets[0].title).toContain("2025-01-01 至 2025-12-31");
    expect(en.sheets[0].title).toContain("Period: 2025-01-01 to 2025-12-31");
    const zhCommunity = zh.sheets[0].sections.find((s) => s.key === "community");
    expect(zhCommunity?.table.columns.map((c) => c.header)).toContain("参与人数(人)");
  });

  it("puts distinct counts, not sums, in the totals row", () => {
    const spec = buildReport(m, { lang: "zh-CN" });
    const community = spec.sheets[0].sections.find((s) => s.key === "community");
    const cat = spec.sheets[0].sections.find((s) => s.key === "category");
    // 甲 is in two categories: the category rows add up to 3 people, the total is 2.
    const catPeople = cat?.table.rows.map((r) => r[1] as number) ?? [];
    expect(catPeople.reduce((a, b) => a + b, 0)).toBe(3);
    expect(cat?.table.totals?.[1]).toBe(2);
    expect(community?.table.totals?.[2]).toBe(2);
    // 六角社区: 1 of 10 against a 50% target; 金阳村: 1 of 20 against the default 60%.
    expect(community?.table.rows[0].slice(0, 6)).toEqual(["六角社区", 10, 1, 2, 0.1, 0.5]);
    expect(community?.table.rows[1].slice(0, 6)).toEqual(["金阳村", 20, 1, 1, 0.05, 0.6]);
    // Overall target is residents-weighted: (10 × 50% + 20 × 60%) ÷ 30.
    expect(community?.table.totals?.[5]).toBeCloseTo(17 / 30, 12);
    expect(community?.chart).toMatchObject({
      kind: "columnClustered",
      seriesColumns: ["participationRate", "target"],
      percentAxis: true,
      rowCount: 2,
    });
  });

  it("shows a zero denominator as null, never 0 or NaN", () => {
    const spec = buildReport(m, { lang: "en-US" });
    const overview = spec.sheets[0].sections[0].table;
    const completion = overview.rows.find((r) => r[0] === "Completion rate");
    expect(completion?.[1]).toBeNull();
    for (const section of spec.sheets[0].sections) {
      for (const row of section.table.rows)
        for (const v of row) if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
    }
  });

  it("includes only the sections asked for and those the data supports", () => {
    const spec = buildReport(m, { lang: "zh-CN", sections: ["overview", "schools", "month"] });
    expect(spec.sheets[0].sections.map((s) => s.key)).toEqual(["overview", "month"]);
  });
});
