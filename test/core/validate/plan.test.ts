/** Work plans: months as written, a merged month carried down, sessions defaulting to one. */
import { at, run } from "./helpers";

const sheet = (rows: unknown[][]) => ({
  name: "计划",
  values: [["月份", "计划内容", "类别", "计划次数"], ...rows],
});

describe("plan sheets", () => {
  test("a month merged over several rows arrives in its first row only and is carried down", () => {
    const r = run([
      sheet([
        ["3-4月", "书法班", "文化", 2],
        [null, "健康讲座", "健康", null],
        ["5月", "合唱", "艺术", 1],
      ]),
    ]);
    expect(r.data.plan?.map((p) => [p.monthText, p.months, p.item, p.sessions])).toEqual([
      ["3-4月", [3, 4], "书法班", 2],
      ["3-4月", [3, 4], "健康讲座", 1],
      ["5月", [5], "合唱", 1],
    ]);
    expect(r.codes).toEqual([]);
  });

  test("an unreadable month is bad-month on its cell and the item is left out", () => {
    const r = run([
      sheet([
        ["春季", "书法班"],
        ["6月", "合唱"],
      ]),
    ]);
    expect(at(r.issues, "bad-month")).toEqual(["计划!A2"]);
    expect(r.data.plan?.map((p) => p.item)).toEqual(["合唱"]);
  });

  test("planned sessions below the declared minimum (1) are bad-number", () => {
    const r = run([sheet([["6月", "合唱", "", 0]])]);
    expect(at(r.issues, "bad-number")).toEqual(["计划!D2"]);
    expect(r.data.plan).toEqual([]);
  });

  test("the first month of the sheet missing is missing-required", () => {
    const r = run([sheet([[null, "合唱"]])]);
    expect(r.codes).toEqual(["missing-required"]);
  });
});
