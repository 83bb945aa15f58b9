/** Population sheets: one row per community, the larger figure kept for a repeated community. */
import { at, run } from "./helpers";

const sheet = (rows: unknown[][]) => ({
  name: "人口",
  values: [["社区", "常住人口", "户数", "参与率目标"], ...rows],
});

describe("population sheets", () => {
  test("a repeated community is warned on and keeps its larger figure, whichever row comes first", () => {
    for (const rows of [
      [
        ["东湖社区", 800, 300, null],
        ["东湖社区", 1000, null, "70%"],
      ],
      [
        ["东湖社区", 1000, null, "70%"],
        ["东湖社区", 800, 300, null],
      ],
    ]) {
      const r = run([sheet(rows)]);
      expect(r.data.population).toEqual([
        expect.objectContaining({ residents: 1000, target: 0.7 }),
      ]);
      expect(at(r.issues, "duplicate-community")).toEqual(["人口!A3"]);
    }
  });

  test("residents must be a whole number of at least 1 (declared in the schema); the row is left out", () => {
    const r = run([
      sheet([
        ["东湖社区", 0],
        ["西山村", 12.5],
        ["南湖社区", 300],
      ]),
    ]);
    expect(at(r.issues, "bad-number")).toEqual(["人口!B2", "人口!B3"]);
    expect(r.data.population?.map((p) => r.data.dicts.community.values[p.community])).toEqual([
      "南湖社区",
    ]);
  });

  test("the residents cell is where the row's figure is found (for marks and links)", () => {
    const r = run([{ name: "人口", values: [["标题"], ["社区", "常住人口"], ["东湖社区", 5]] }]);
    expect(r.data.population?.[0]).toMatchObject({ sheet: "人口", row: 3, col: 2 });
  });

  test("no population sheet: null, not an empty list", () => {
    expect(run([]).data.population).toBeNull();
  });
});
