/** A fake Excel workbook holding a WorkbookInput as Excel holds it: dates as serials with a date format. */
import type { WorkbookInput } from "../../src/core/types";
import { FakeSheetData, FakeState } from "./fakeExcel";

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

export function fakeWorkbook(input: WorkbookInput): FakeState {
  const state = new FakeState();
  state.sheets = input.sheets.map((s) => {
    const data = new FakeSheetData(s.name);
    s.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === null || v === undefined || v === "") return;
        if (v instanceof Date) {
          data.cells.set(`${r},${c}`, (v.getTime() - EXCEL_EPOCH) / 86_400_000);
          data.formats.set(`${r},${c}`, "yyyy-mm-dd");
        } else data.cells.set(`${r},${c}`, typeof v === "object" ? String(v) : v);
      })
    );
    return data;
  });
  return state;
}
