/** Activity logs: dates without a year take the sheet's, hours above zero, participants counted. */
import { at, POPULATION, run } from "./helpers";

const log = (name: string, rows: unknown[][], above: unknown[][] = []) => ({
  name,
  values: [...above, ["日期", "社区", "活动名称", "参加人数", "课时", "教师类别"], ...rows],
});

describe("activity logs", () => {
  test("3月5日 takes the year the sheet's title states", () => {
    const r = run([
      log("台账", [["3月5日", "东湖社区", "讲座", 30, 2, "专职"]], [["2025年活动台账"]]),
    ]);
    expect(r.codes).toEqual([]);
    expect(r.data.activities.date[0]).toBe(r.data.earliestDate);
    expect(r.data.latestDate).toBe(20152); // 2025-03-05
  });

  test("dates without a year in a sheet that states none: one error for the sheet, with the count", () => {
    const r = run([
      log("台账", [
        ["3月5日", "东湖社区", "讲座", 30],
        ["3月6日", "东湖社区", "讲座", 20],
        ["2026-03-07", "东湖社区", "讲座", 10],
      ]),
    ]);
    const yearless = r.issues.filter((i) => i.code === "date-without-year");
    expect(yearless).toHaveLength(1);
    expect(yearless[0]).toMatchObject({ cell: "台账!A2", message: { params: { count: 2 } } });
    expect(r.data.activities.length).toBe(1);
  });

  test("hours must be above zero (the schema's exclusive minimum); a bad optional figure drops the row", () => {
    const r = run([
      log("台账", [
        ["2026-03-05", "东湖社区", "讲座", 30, 0],
        ["2026-03-06", "东湖社区", "讲座", 30, 1.5],
      ]),
    ]);
    expect(at(r.issues, "bad-number")).toEqual(["台账!E2"]);
    expect(Array.from(r.data.activities.hours.subarray(0, r.data.activities.length))).toEqual([
      1.5,
    ]);
  });

  test("a date after today is bad-date; an unknown teacher type only a warning", () => {
    const r = run([
      POPULATION,
      log("台账", [
        ["2027-01-01", "东湖社区", "讲座", 30],
        ["2026-03-06", "东湖社区", "讲座", 30, null, "外聘"],
      ]),
    ]);
    expect(at(r.issues, "bad-date")).toEqual(["台账!A2"]);
    expect(at(r.issues, "bad-enum")).toEqual(["台账!F3"]);
    expect(r.data.activities.length).toBe(1);
  });
});
