/** Rosters: identity by ID or name, checks against the ID, duplicates and hidden copies. */
import { at, POPULATION, run } from "./helpers";
import { ageAt } from "../../../src/core/validate";

const HEADER = ["姓名", "社区", "课程", "报名日期", "身份证号", "性别", "出生日期", "年龄"];
const roster = (name: string, rows: unknown[][], hidden = false) => ({
  name,
  hidden,
  values: [HEADER, ...rows],
});
// A valid 18-digit ID: born 1980-01-01, male (odd 17th digit).
const ID = "110105198001010032";

describe("rosters", () => {
  test("birth date, age and gender are checked against the ID number, which is never shown", () => {
    const r = run([
      POPULATION,
      roster("花名册", [["张三", "东湖社区", "书法", "2026-03-01", ID, "女", "1981-05-05", 30]]),
    ]);
    expect(r.codes.sort()).toEqual(["age-mismatch", "age-mismatch", "gender-mismatch"]);
    expect(r.issues.every((i) => !i.value.includes("19800101"))).toBe(true);
  });

  test("a wrong check digit is a warning shown masked; the row still counts", () => {
    const r = run([
      POPULATION,
      roster("花名册", [["张三", "东湖社区", "书法", "2026-03-01", "110105198001010033"]]),
    ]);
    expect(r.issues[0]).toMatchObject({ code: "bad-id-number", severity: "warning" });
    expect(r.issues[0].value).not.toContain("19800101");
    expect(r.data.enrolments.length).toBe(1);
  });

  test("one ID under two names marks every row of that ID; one person either way", () => {
    const r = run([
      POPULATION,
      roster("花名册", [
        ["张三", "东湖社区", "书法", "2026-03-01", ID],
        ["张叁", "东湖社区", "绘画", "2026-03-02", ID],
      ]),
    ]);
    expect(at(r.issues, "id-name-conflict")).toEqual(["花名册!A2", "花名册!A3"]);
    expect(new Set(r.data.enrolments.person).size).toBe(1);
  });

  test("the same person in the same course twice: a warning on the later row", () => {
    const r = run([
      POPULATION,
      roster("花名册", [
        ["张三", "东湖社区", "书法", "2026-03-01"],
        ["张 三", "东湖社区", "书法", "2026-04-01"],
      ]),
    ]);
    expect(at(r.issues, "duplicate-enrolment")).toEqual(["花名册!C3"]);
  });

  test("a hidden copy of a roster is named once in place of one warning per repeated row", () => {
    const rows = [
      ["张三", "东湖社区", "书法", "2026-03-01"],
      ["李四", "东湖社区", "书法", "2026-03-02"],
    ];
    // The hidden copy comes first among the tabs; the visible sheet is still the original.
    const r = run([POPULATION, roster("报名 (2)", rows, true), roster("报名", rows)]);
    expect(r.codes).toEqual(["hidden-copy"]);
    expect(r.issues[0].message.params).toMatchObject({
      sheet: "报名 (2)",
      original: "报名",
      count: 2,
    });
    expect(r.data.enrolments.length).toBe(4);
  });

  test("a required field missing leaves the row out with an error on its cell", () => {
    const r = run([POPULATION, roster("花名册", [["张三", "东湖社区", null, "2026-03-01"]])]);
    expect(r.issues.map((i) => [i.code, i.severity, i.cell])).toEqual([
      ["missing-required", "error", "花名册!C2"],
    ]);
    expect(r.data.enrolments.length).toBe(0);
  });

  test("ageAt counts whole years up to the birthday", () => {
    expect(ageAt(0, 365)).toBe(1);
    expect(ageAt(0, 364)).toBe(0);
  });
});
