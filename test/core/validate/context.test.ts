/** What every kind shares: the detections are only read, the order of kinds, counts per sheet. */
import { fieldSpec } from "../../../src/core/schema";
import { at, POPULATION, run } from "./helpers";

const ROSTER = {
  name: "花名册",
  values: [
    ["姓名", "社区", "课程", "报名日期"],
    ["张三", "东湖", "书法", "2026-03-01"],
    ["合计", "", "", ""],
    ["李四", "南湖社区", "书法", "2026-03-02"],
    ["填表人：王五", "", "", ""],
  ],
};

describe("validation's shared context", () => {
  test("the detections handed in are never written to; row counts come back per sheet", () => {
    // run() deep-freezes the detections: a write into them throws in strict mode.
    const r = run([POPULATION, ROSTER]);
    expect(r.rows).toEqual([
      { dataRows: 2, skippedRows: 0 },
      { dataRows: 2, skippedRows: 2 },
    ]);
    expect(r.detected[1]).toMatchObject({ dataRows: 0, skippedRows: 0 });
  });

  test("population is read before the rosters whatever the tab order: communities are checked against it", () => {
    const r = run([ROSTER, POPULATION]);
    // 东湖 resolves to 东湖社区 (suffix forgiven); 南湖社区 is not listed.
    expect(at(r.issues, "unknown-community")).toEqual(["花名册!B4"]);
    expect(r.data.dicts.community.values).toContain("东湖社区");
    expect(r.data.dicts.community.values).not.toContain("东湖");
  });

  test("without a population sheet, a bare name takes the suffixed spelling the data uses", () => {
    const r = run([
      {
        name: "花名册",
        values: [
          ["姓名", "社区", "课程", "报名日期"],
          ["张三", "东湖", "书法", "2026-03-01"],
          ["李四", "东湖社区", "书法", "2026-03-02"],
        ],
      },
    ]);
    expect(r.data.dicts.community.values).toEqual(["东湖社区"]);
    expect(r.codes).toEqual(["missing-kind"]);
  });

  test("bounds come from the schema: a field's declared min and max are in the message", () => {
    const age = fieldSpec("enrolment", "age");
    const r = run([
      {
        name: "花名册",
        values: [
          ["姓名", "社区", "课程", "报名日期", "年龄"],
          ["张三", "东湖", "书法", "2026-03-01", 130],
        ],
      },
    ]);
    const issue = r.issues.find((i) => i.code === "bad-number");
    expect(issue?.message.params).toMatchObject({
      field: "enrolment.age",
      min: age.min,
      max: age.max,
    });
    expect(issue?.cell).toBe("花名册!E2");
  });
});
