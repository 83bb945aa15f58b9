/**
 * Issue 12, B.9: the formulas the pane offers name CEDU functions Excel will not confuse, and the
 * insert writes them through Range.formulas, the invariant (en-US) spelling that English and
 * Chinese Excel both read ("Range.formulas": "in A1-style notation", not localized; its
 * localized twin is formulasLocal). The invariant spelling of a custom function is its
 * English metadata name, which for every CEDU function is its id.
 */
import * as fs from "fs";
import * as path from "path";
import { insertFormula } from "../../src/excel/formula";
import { FORMULAS } from "../../src/taskpane/FormulasPanel";
import { FakeContext, FakeSheetData, FakeState } from "./fakeExcel";

const en = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, "../../dist/functions.json"), "utf8")
) as { functions: { id: string; name: string }[] };

test("every offered formula names functions by their invariant name (= id), none of them RATE", () => {
  const ids = new Map(en.functions.map((f) => [f.id, f.name]));
  for (const { formula } of FORMULAS) {
    const used = [...formula.matchAll(/CEDU\.([A-Z0-9_.]+)\(/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThan(0);
    for (const id of used) {
      expect(ids.get(id)).toBe(id);
      expect(id).not.toBe("RATE");
    }
  }
  expect(FORMULAS.some((f) => f.formula.startsWith("=CEDU.RATIO("))).toBe(true);
});

test.each(["zh-CN", "en-US"])("the insert writes Range.formulas in %s Excel", async (lang) => {
  (globalThis as any).Office = { context: { displayLanguage: lang } };
  const state = new FakeState();
  state.sheets = [new FakeSheetData("报表")];
  state.selected = "报表!D4";
  const ctx = new FakeContext(state);
  await insertFormula(ctx.asExcel, "=CEDU.RATIO(B2,C2)");
  expect(ctx.syncCount).toBe(1);
  expect(state.sheet("报表")!.formulas.get("3,3")).toBe("=CEDU.RATIO(B2,C2)");
});
