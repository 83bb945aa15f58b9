/** School lists: planned schools are not schools, an unrated one is counted without a level. */
import { at, POPULATION, run } from "./helpers";

const sheet = (rows: unknown[][]) => ({
  name: "学校",
  values: [["学校名称", "评估等级", "所属社区", "类型"], ...rows],
});

describe("school lists", () => {
  test("a planned school is an info note and not a school; an unrated one a warning and counted", () => {
    const r = run([
      sheet([
        ["东湖社区学校", "优秀", "东湖", "社区学校"],
        ["西山村学校", "计划创建", "西山村", "社区学校"],
        ["南湖学校（筹建）", "", "", ""],
        ["北坡学校", "", "", ""],
      ]),
    ]);
    expect(at(r.issues, "planned-school")).toEqual(["学校!B3", "学校!A4"]);
    expect(at(r.issues, "unrated-school")).toEqual(["学校!B5"]);
    expect(r.data.schools?.map((s) => [s.name, s.level])).toEqual([
      ["东湖社区学校", "excellent"],
      ["北坡学校", null],
    ]);
  });

  test("an Excel error in the rating is an error and leaves the school out", () => {
    const r = run([sheet([["东湖社区学校", "#N/A"]])]);
    expect(r.issues[0]).toMatchObject({ code: "error-value", severity: "error", cell: "学校!B2" });
    expect(r.data.schools).toEqual([]);
  });

  test("a school's community takes the population sheet's spelling, without a warning", () => {
    const r = run([POPULATION, sheet([["东湖社区学校", "合格", "东湖"]])]);
    const school = r.data.schools?.[0];
    expect(r.data.dicts.community.values[school?.community ?? -1]).toBe("东湖社区");
    expect(r.codes).toEqual([]);
  });

  test("a school listed twice keeps its better rating, whichever comes first", () => {
    for (const rows of [
      [
        ["东湖学校", "合格"],
        ["东 湖学校", "优秀"],
      ],
      [
        ["东湖学校", "优秀"],
        ["东 湖学校", "合格"],
      ],
    ]) {
      const r = run([sheet(rows)]);
      expect(r.data.schools?.map((s) => s.level)).toEqual(["excellent"]);
      expect(at(r.issues, "duplicate-school")).toEqual(["学校!A3"]);
    }
  });

  test("an unknown rating word is a warning, the school still counted", () => {
    const r = run([sheet([["东湖学校", "很好"]])]);
    expect(r.codes).toEqual(["bad-enum"]);
    expect(r.data.schools).toHaveLength(1);
  });
});
