/** School lists: each school's name, rating and community; planned schools are not schools yet. */
import { cellText, errorLiteral, isBlank } from "../cells";
import type { SchoolRow } from "../dataset";
import { PLANNED_SCHOOL, type Level } from "../schema";
import type { Communities } from "./communities";
import type { ValidationContext } from "./context";
import { eachRow, type Cells } from "./reader";

const rank = (l: Level | null) =>
  l === "excellent" ? 3 : l === "qualified" ? 2 : l === "unqualified" ? 1 : 0;

/** The schools, one per name (null when the workbook has no school sheet). */
export function readSchools(v: ValidationContext, communities: Communities): SchoolRow[] | null {
  if (!v.has("school")) return null;
  const byName = new Map<string, SchoolRow>();
  eachRow(v, "school", (row) => {
    const { sheet, r, cells } = row;
    const name = row.text("name");
    const levelCol = row.col("level");
    const levelRaw = row.raw("level");
    const levelError = errorLiteral(levelRaw);
    if (levelError !== null) {
      // The rating is a required field: an Excel error there leaves the row out.
      row.bad = true;
      v.report(sheet, r, levelCol, {
        code: "error-value",
        severity: "error",
        field: "level",
        raw: levelRaw,
        message: { key: "issue.errorValue", params: { value: levelError, field: "level" } },
      });
      return;
    }
    // A school being planned (计划创建, 筹建, 待评估 …) is not a school yet.
    const plannedCol = plannedColumn(cells, levelCol);
    if (plannedCol >= 0) {
      v.report(sheet, r, plannedCol, {
        code: "planned-school",
        severity: "info",
        field: "level",
        raw: cells[plannedCol],
        message: {
          key: "issue.plannedSchool",
          params: { school: name ?? "", value: cellText(cells[plannedCol]) },
        },
      });
      return;
    }
    if (levelCol !== undefined && isBlank(levelRaw)) {
      v.report(sheet, r, levelCol, {
        code: "unrated-school",
        severity: "warning",
        field: "level",
        raw: "",
        message: { key: "issue.unratedSchool", params: {} },
      });
    }
    const level = row.choice("level");
    if (row.bad || name === undefined) return;
    const communityText = row.label("community");
    const entry: SchoolRow = {
      name,
      level,
      community: communityText ? communities.listed(communityText) : -1,
      type: row.label("type"),
    };
    const key = name.replace(/\s+/g, "");
    const prev = byName.get(key);
    if (!prev) {
      byName.set(key, entry);
      return;
    }
    v.report(sheet, r, row.col("name"), {
      code: "duplicate-school",
      severity: "warning",
      field: "name",
      raw: name,
      message: { key: "issue.duplicateSchool", params: { school: name } },
    });
    if (
      rank(entry.level) > rank(prev.level) ||
      (rank(entry.level) === rank(prev.level) && entry.type < prev.type)
    )
      byName.set(key, entry);
  });
  return Array.from(byName.values());
}

/**
 * The column of a school row that says the school is only planned: its rating cell (计划创建,
 * 待评估), or, when the rating is blank, any text cell of the row (名称 …（筹建）, 备注); -1 if none.
 */
function plannedColumn(cells: Cells, levelCol: number | undefined): number {
  const levelRaw = levelCol === undefined ? undefined : cells[levelCol];
  if (typeof levelRaw === "string" && !isBlank(levelRaw))
    return PLANNED_SCHOOL.test(levelRaw) ? (levelCol as number) : -1;
  for (let c = 0; c < cells.length; c++) {
    const v = cells[c];
    if (typeof v === "string" && PLANNED_SCHOOL.test(v)) return c;
  }
  return -1;
}
