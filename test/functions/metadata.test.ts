/**
 * The build's metadata: dist/functions.json (custom-functions-metadata-plugin) and
 * dist/functions-zh-cn.json (the localization step). `npm test` builds before jest.
 */
import * as fs from "fs";
import * as path from "path";

const DIST = path.resolve(__dirname, "..", "..", "dist");

function readJson(file: string): any {
  const full = path.join(DIST, file);
  if (!fs.existsSync(full)) {
    throw new Error(
      `dist/${file} is missing: run \`npx webpack --mode development\` (or \`npm run build\`) before these tests; \`npm test\` does it for you`
    );
  }
  return JSON.parse(fs.readFileSync(full, "utf8"));
}

type P = [name: string, type: string, matrix: boolean, optional: boolean];
const FILTERS: P[] = [
  ["community", "string", false, true],
  ["from", "any", false, true],
  ["to", "any", false, true],
  ["category", "string", false, true],
];
const range = (name: string): P => [name, "any", true, true];

const EXPECTED: Record<string, { params: P[]; matrix: boolean; volatile: boolean; zh: string }> = {
  PARTICIPATION: {
    params: [...FILTERS, range("roster"), range("population")],
    matrix: false,
    volatile: true,
    zh: "参与率",
  },
  PARTICIPANTS: {
    params: [...FILTERS, range("roster")],
    matrix: false,
    volatile: true,
    zh: "参与人数",
  },
  ENROLMENTS: {
    params: [...FILTERS, range("roster")],
    matrix: false,
    volatile: true,
    zh: "报名人次",
  },
  COMPLETION: {
    params: [...FILTERS, range("roster")],
    matrix: false,
    volatile: true,
    zh: "结业率",
  },
  EXCELLENCE: {
    params: [...FILTERS, range("roster")],
    matrix: false,
    volatile: true,
    zh: "优秀率",
  },
  QUALIFIED: { params: [...FILTERS, range("roster")], matrix: false, volatile: true, zh: "合格率" },
  ACTIVITIES: {
    params: [...FILTERS, range("activities")],
    matrix: false,
    volatile: true,
    zh: "活动场次",
  },
  ATTENDANCE: {
    params: [...FILTERS, range("activities")],
    matrix: false,
    volatile: true,
    zh: "活动人次",
  },
  HOURS: { params: [...FILTERS, range("activities")], matrix: false, volatile: true, zh: "课时数" },
  SCHOOLEXCELLENCE: {
    params: [FILTERS[0], ["type", "string", false, true], range("schools")],
    matrix: false,
    volatile: true,
    zh: "学校优秀率",
  },
  SCHOOLQUALIFIED: {
    params: [FILTERS[0], ["type", "string", false, true], range("schools")],
    matrix: false,
    volatile: true,
    zh: "学校合格率",
  },
  SUMMARY: {
    params: [...FILTERS, range("roster"), range("population"), range("activities")],
    matrix: true,
    volatile: true,
    zh: "社区汇总",
  },
  ISSUES: {
    params: [
      FILTERS[1],
      FILTERS[2],
      range("roster"),
      range("population"),
      range("activities"),
      range("schools"),
    ],
    matrix: true,
    volatile: true,
    zh: "问题清单",
  },
  RATE: {
    params: [
      ["numerator", "number", false, false],
      ["denominator", "number", false, false],
    ],
    matrix: false,
    volatile: false,
    zh: "计算比率",
  },
};

const en = readJson("functions.json");
const zh = readJson("functions-zh-cn.json");
const byId = (meta: any) => new Map<string, any>(meta.functions.map((f: any) => [f.id, f]));

test("functions.json lists every CEDU function, and only those", () => {
  expect(en.functions.map((f: any) => f.id).sort()).toEqual(Object.keys(EXPECTED).sort());
});

test.each(Object.keys(EXPECTED))(
  "%s: parameter types, optional flags, result and options",
  (id) => {
    const f = byId(en).get(id);
    const want = EXPECTED[id];
    expect(f.name).toBe(id);
    expect(f.description.length).toBeGreaterThan(30);
    expect(f.helpUrl).toMatch(/^https:\/\/cedu\.example\.org\/addin\/README#custom-functions$/);
    expect(
      f.parameters.map((p: any) => [
        p.name,
        p.type ?? "any",
        p.dimensionality === "matrix",
        p.optional === true,
      ])
    ).toEqual(want.params);
    for (const p of f.parameters) expect(p.description.length).toBeGreaterThan(10);
    expect(f.result.dimensionality === "matrix").toBe(want.matrix);
    if (!want.matrix) expect(f.result.type).toBe("number");
    expect(Boolean(f.options?.volatile)).toBe(want.volatile);
    expect(f.options?.stream).toBeFalsy();
  }
);

test("functions-zh-cn.json: same ids, types and flags; Chinese names that differ from the English ones", () => {
  const zhById = byId(zh);
  expect(zh.functions.map((f: any) => f.id)).toEqual(en.functions.map((f: any) => f.id));
  const names = new Set<string>();
  for (const f of en.functions) {
    const z = zhById.get(f.id);
    expect(z.name).toBe(EXPECTED[f.id].zh);
    expect(z.name).not.toBe(f.name);
    expect(z.name).toMatch(/^\p{L}[\p{L}\p{N}._]{2,}$/u);
    names.add(z.name);
    expect(z.description).toMatch(/[\u4e00-\u9fff]/);
    expect(z.description).not.toBe(f.description);
    expect(z.result).toEqual(f.result);
    expect(z.options).toEqual(f.options);
    expect(z.helpUrl).toBe(f.helpUrl);
    expect(z.parameters.map((p: any) => [p.type, p.dimensionality, p.optional])).toEqual(
      f.parameters.map((p: any) => [p.type, p.dimensionality, p.optional])
    );
    for (const p of z.parameters) expect(p.description).toMatch(/[\u4e00-\u9fff]/);
  }
  expect(names.size).toBe(en.functions.length);
});
