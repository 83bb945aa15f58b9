/** Work plans: what is planned in which months, and how many sessions. */
import { isBlank } from "../cells";
import type { PlanItem } from "../dataset";
import type { ValidationContext } from "./context";
import { eachRow } from "./reader";

/** The plan's items (null when the workbook has no plan sheet). */
export function readPlan(v: ValidationContext): PlanItem[] | null {
  if (!v.has("plan")) return null;
  const items: PlanItem[] = [];
  eachRow(v, "plan", (row) => {
    const { sheet, r } = row;
    // A month cell merged over several plan rows arrives only in its first row: carry it down.
    const monthCol = row.col("month");
    let carried: unknown = undefined;
    if (monthCol !== undefined && isBlank(row.cells[monthCol])) {
      for (let up = r - 1; up >= sheet.sheet.dataStart; up--) {
        const above = sheet.input.values[up]?.[monthCol];
        if (!isBlank(above)) {
          carried = above;
          break;
        }
      }
    }
    const months = row.months("month", carried);
    const item = row.text("item");
    const sessions = row.number("sessions");
    if (row.bad || !months || item === undefined) return;
    items.push({
      monthText: months.text,
      months: months.months,
      year: months.year,
      item,
      category: row.label("category"),
      sessions: sessions ?? 1,
    });
  });
  return items;
}
