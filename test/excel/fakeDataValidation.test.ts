/**
 * The fake Excel's data validation refuses what Microsoft documents Excel refuses
 * (test/excel/fakeDataValidation.ts cites each rule), at the sync that carries the write, so
 * code under test cannot lean on a laxer fake.
 */
import { validationAt } from "./fakeDataValidation";
import { FakeContext, FakeSheetData, FakeState, installOffice } from "./fakeExcel";

function setUp() {
  const state = new FakeState();
  state.sheets = [new FakeSheetData("S")];
  const ctx = new FakeContext(state);
  const ws = ctx.workbook.worksheets.getItem("S");
  const range = ws.getRange("B2:B100");
  // Written to, never read through the proxy: the plugin does not know this navigation property.
  // eslint-disable-next-line office-addins/load-object-before-read, office-addins/call-sync-before-read
  return { ctx, state, range, v: () => range.dataValidation };
}

beforeEach(() => installOffice());

test("ExcelApi 1.8 is needed for Range.dataValidation", () => {
  installOffice((v) => v !== "1.8");
  expect(() => setUp().v()).toThrow(/1\.8/);
});

test.each([
  [
    { wholeNumber: { formula1: 0, operator: "GreaterThan" }, list: { source: "a,b" } },
    /exactly one type/,
  ],
  [{ decimal: { formula1: 0, operator: "Between" } }, /formula2/],
  [{ date: { formula1: 1, formula2: "=TODAY()", operator: "Between" } }, /cannot be a number/],
  [{ date: { formula1: "1/1/1900", formula2: "=TODAY()", operator: "Between" } }, /ISO date/],
  [{ list: { inCellDropDown: true, source: "=Missing" } }, /no such name/],
])("refused at sync: %j", async (rule, message) => {
  const { ctx, v } = setUp();
  v().rule = rule as Excel.DataValidationRule;
  await expect(ctx.sync()).rejects.toThrow(message);
});

test("a valid date rule, and a list over a name added earlier in the same batch, are kept", async () => {
  const { ctx, state, v } = setUp();
  v().rule = { date: { formula1: "1900-01-01", formula2: "=TODAY()", operator: "Between" } };
  await ctx.sync();
  expect(validationAt(state.sheet("S")!, 5, 1)?.rule?.date?.formula2).toBe("=TODAY()");
  ctx.workbook.names.add("Communities", "=S!$A$2:$A$9");
  v().rule = { list: { inCellDropDown: true, source: "=Communities" } };
  await ctx.sync();
  expect(validationAt(state.sheet("S")!, 1, 1)?.rule?.list?.source).toBe("=Communities");
  expect(validationAt(state.sheet("S")!, 1, 0)).toBeNull();
});

test("titles and messages within Excel's lengths", async () => {
  const cases: [(v: ReturnType<ReturnType<typeof setUp>["v"]>) => void, RegExp][] = [
    [(v) => (v.prompt = { showPrompt: true, title: "x".repeat(33), message: "" }), /32/],
    [(v) => (v.prompt = { showPrompt: true, title: "", message: "x".repeat(256) }), /255/],
    [
      (v) =>
        (v.errorAlert = { showAlert: true, style: "Stop", title: "", message: "x".repeat(226) }),
      /225/,
    ],
  ];
  for (const [set, message] of cases) {
    const { ctx, v } = setUp();
    set(v());
    await expect(ctx.sync()).rejects.toThrow(message);
  }
});
