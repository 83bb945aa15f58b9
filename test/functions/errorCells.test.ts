/**
 * Issue 12, B.2: `=CEDU.PARTICIPANTS(, , , , 花名册!A1:H5000)` over a roster holding a few #N/A
 * cells (a failed VLOOKUP in an optional column) gives the figure, with the error cells treated
 * exactly as the file door (`cedu report`) treats them. Excel passes such a range only because the
 * built metadata (dist/functions.json, `npm test` builds first) sets allowErrorForDataTypeAny;
 * the fake invocation (test/excel/fake/customFunctions.ts) holds Excel's rule.
 */
import "./customFunctionsGlobal";

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { reportJson } from "../../src/cli/main";
import { readWorkbookFile } from "../../src/cli/read";
import { analyze, figures } from "../../src/core/engine";
import type { WorkbookInput } from "../../src/core/types";
import * as F from "../../src/functions/functions";
import { excelErrorText, normalizeErrorCells } from "../../src/functions/errorCells";
import { invokeCustomFunction, xlError, type Metadata } from "../excel/fake/customFunctions";
import { buildRoster } from "./fixture";

const DIST = path.resolve(__dirname, "..", "..", "dist");
const N = null;

function built(file: string): Metadata {
  const full = path.join(DIST, file);
  if (!fs.existsSync(full))
    throw new Error(`dist/${file} is missing: run \`npm run build\` first (\`npm test\` does)`);
  return JSON.parse(fs.readFileSync(full, "utf8"));
}

/** The roster with #N/A in 考核结果 (optional) on a few rows and in 所属社区 on one, as a saved file reads. */
async function rosterWithErrors(): Promise<WorkbookInput> {
  const rows = buildRoster(120);
  for (const r of [5, 17, 40, 77]) rows[r][6] = { error: "#N/A" };
  rows[23][1] = { error: "#N/A" };
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("花名册");
  for (const row of rows) ws.addRow(row.map((v) => (v === null ? undefined : v)));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cedu-err-"));
  const file = path.join(dir, "roster.xlsx");
  await wb.xlsx.writeFile(file);
  try {
    return await readWorkbookFile(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The range as Excel holds it: error cells are error values (not text). */
function asExcelRange(values: readonly (readonly unknown[])[]): unknown[][] {
  return values.map((row) =>
    row.map((v) => {
      const e = typeof v === "object" && v !== null ? (v as { error?: string }).error : undefined;
      return typeof e === "string" ? xlError(e) : v;
    })
  );
}

test("the build puts allowErrorForDataTypeAny in both metadata files", () => {
  expect(built("functions.json").allowErrorForDataTypeAny).toBe(true);
  expect(built("functions-zh-cn.json").allowErrorForDataTypeAny).toBe(true);
});

test("a roster range with #N/A cells gives the file door's figures", async () => {
  const file = await rosterWithErrors();
  const values = file.sheets[0].values;
  expect(values.flat().filter((v) => excelErrorText(v) ?? (v as any)?.error).length).toBe(5);
  const analysis = analyze(file);
  const expected = reportJson(analysis, figures(analysis), "zh-CN").overall;
  const metadata = built("functions.json");

  const call = async (id: string, fn: (...a: any[]) => unknown) =>
    invokeCustomFunction(metadata, id, fn, [N, N, N, N, asExcelRange(values)]);
  expect(await call("PARTICIPANTS", F.participants)).toEqual({
    called: true,
    value: expected.participants,
  });
  expect(await call("ENROLMENTS", F.enrolments)).toEqual({
    called: true,
    value: expected.enrolments,
  });
  expect(await call("EXCELLENCE", F.excellence)).toEqual({
    called: true,
    value: expected.excellenceRate,
  });
});

test("without the flag Excel would never call the function (what the build prevents)", async () => {
  const file = await rosterWithErrors();
  const { allowErrorForDataTypeAny: _dropped, ...without } = built("functions.json");
  const fn = jest.fn(F.participants);
  expect(
    await invokeCustomFunction(without, "PARTICIPANTS", fn, [
      N,
      N,
      N,
      N,
      asExcelRange(file.sheets[0].values),
    ])
  ).toEqual({ called: false, shows: "#N/A" });
  expect(fn).not.toHaveBeenCalled();
});

test("both shapes of an error from Excel become the file door's { error } cell, in place", () => {
  const grid: unknown[][] = [
    [new (globalThis as any).CustomFunctions.Error("#N/A"), "x"],
    [{ type: "Error", basicValue: "#REF!", errorType: "Ref" }, { code: 3 }],
  ];
  expect(normalizeErrorCells(grid)).toBe(grid);
  expect(grid).toEqual([
    [{ error: "#N/A" }, "x"],
    [{ error: "#REF!" }, { code: 3 }],
  ]);
});
