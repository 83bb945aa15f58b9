/** What validation says about whole sheets and the workbook rather than about a cell. */
import type { ValidationContext } from "./context";

export function noteSheets(v: ValidationContext): void {
  for (const sheet of v.detected) {
    if (sheet.kind) continue;
    if (sheet.explanation.key.startsWith("detect.summary")) {
      v.note("summary-sheet", "info", sheet.explanation, { name: sheet.name, row: 0 });
    }
    if (sheet.explanation.key === "detect.partial") {
      v.note(
        "no-header",
        "warning",
        { key: "issue.partialSheet", params: sheet.explanation.params ?? {} },
        { name: sheet.name, row: sheet.headerRow }
      );
    }
  }
  if (v.has("enrolment") && !v.has("population")) {
    v.note("missing-kind", "info", { key: "issue.noPopulation", params: {} });
  }
}
