/**
 * The engine's input for a standard workbook as a file reader hands it over, without a file:
 * each cell as its planned value, a date-formatted number as a Date (what ExcelJS gives for a
 * date cell), text as text, an error as an error.
 */
import { planCell, STANDARD_NUMBER_FORMATS, type StandardWorkbook } from "../../src/core/standard";
import type { WorkbookInput } from "../../src/core/types";

const DAY_MS = 86_400_000;
/** Serial 0 of the 1900 system as Excel counts from 1900-03-01 on. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);

export function standardInput(model: StandardWorkbook): WorkbookInput {
  const sheets = model.sheets.map((sheet) => ({
    name: sheet.name,
    values: [
      sheet.columns.map((c) => c.header),
      ...sheet.rows.map((row) =>
        row.cells.map((value, c) => {
          const plan = planCell(value, sheet.columns[c], false);
          if (plan.kind === "error") return { error: plan.value };
          if (plan.kind === "number" && plan.numberFormat === STANDARD_NUMBER_FORMATS.date)
            return new Date(EPOCH_1900 + (plan.value as number) * DAY_MS);
          return plan.value;
        })
      ),
    ],
  }));
  const instructions = model.instructions
    ? [{ name: model.instructions.name, values: model.instructions.lines.map((l) => [l]) }]
    : [];
  return { sheets: [...instructions, ...sheets] };
}
