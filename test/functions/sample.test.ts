/**
 * CEDU.* with range arguments on the bundled sample workbook give exactly the figures of
 * `cedu report --json` on the same file (issue 5).
 */
import "./customFunctionsGlobal";

import * as path from "path";
import { reportJson } from "../../src/cli/main";
import { readWorkbookFile } from "../../src/cli/read";
import { analyze, figures } from "../../src/core/engine";
import type { WorkbookInput } from "../../src/core/types";
import * as F from "../../src/functions/functions";

const SAMPLE = path.resolve(__dirname, "../../samples/community-school-2025.xlsx");
let input: WorkbookInput;
let json: ReturnType<typeof reportJson>;
const N = null as unknown as undefined;
const range = (name: string) => {
  const sheet = input.sheets.find((s) => s.name === name);
  if (!sheet) throw new Error(`the sample has no sheet ${name}`);
  return sheet.values as unknown[][];
};

beforeAll(async () => {
  input = await readWorkbookFile(SAMPLE);
  const analysis = analyze(input);
  json = reportJson(analysis, figures(analysis), "zh-CN");
});

test("the sample has the sheets the ranges come from", () => {
  expect(json.sheets.map((s) => s.kind)).toEqual([
    "enrolment",
    "activity",
    "population",
    "school",
    "plan",
  ]);
});

test("overall figures", async () => {
  const roster = range("学员花名册");
  const acts = range("活动记录");
  const o = json.overall;
  expect(await F.participation(N, N, N, N, roster, range("社区人口"))).toBe(o.participationRate);
  expect(await F.participants(N, N, N, N, roster)).toBe(o.participants);
  expect(await F.enrolments(N, N, N, N, roster)).toBe(o.enrolments);
  expect(await F.completion(N, N, N, N, roster)).toBe(o.completionRate);
  expect(await F.excellence(N, N, N, N, roster)).toBe(o.excellenceRate);
  expect(await F.qualified(N, N, N, N, roster)).toBe(o.qualifiedRate);
  expect(await F.activities(N, N, N, N, acts)).toBe(o.activities);
  expect(await F.attendance(N, N, N, N, acts)).toBe(o.attendance);
  expect(await F.hours(N, N, N, N, acts)).toBe(o.hours);
});

test("every community of the population sheet", async () => {
  const roster = range("学员花名册");
  const acts = range("活动记录");
  const listed = json.byCommunity.filter((c) => c.residents !== null);
  expect(listed.length).toBe(6);
  for (const c of listed) {
    const got = {
      community: c.community,
      participationRate: await F.participation(c.community, N, N, N, roster, range("社区人口")),
      participants: await F.participants(c.community, N, N, N, roster),
      enrolments: await F.enrolments(c.community, N, N, N, roster),
      activities: await F.activities(c.community, N, N, N, acts),
      attendance: await F.attendance(c.community, N, N, N, acts),
      hours: await F.hours(c.community, N, N, N, acts),
    };
    const { residents: _r, target: _t, targetMet: _m, ...want } = c;
    expect(got).toEqual(want);
  }
});

test("school ratings, overall and by type", async () => {
  const schools = range("学校名单");
  expect(await F.schoolExcellence(N, N, schools)).toBe(json.schools.excellenceRate);
  expect(await F.schoolQualified(N, N, schools)).toBe(json.schools.qualifiedRate);
  for (const [type, g] of Object.entries(json.schools.byType)) {
    expect([type, await F.schoolExcellence(N, type, schools)]).toEqual([type, g.excellenceRate]);
    expect([type, await F.schoolQualified(N, type, schools)]).toEqual([type, g.qualifiedRate]);
  }
  expect(json.schools.byType["职工学校"].excellenceRate).toBeCloseTo(0.4, 15);
});

test("CEDU.SUMMARY spills the by-community table of the report", async () => {
  const table = (await F.summary(
    N,
    N,
    N,
    N,
    range("学员花名册"),
    range("社区人口"),
    range("活动记录")
  )) as unknown[][];
  const communities = json.byCommunity.map((c) => c.community);
  const body = table.slice(1).filter((row) => communities.includes(row[0] as string));
  expect(body.map((row) => row[0])).toEqual(communities);
});
