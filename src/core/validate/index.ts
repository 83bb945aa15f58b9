/**
 * Reads the data rows of every recognised sheet into typed tables and reports each problem as an
 * issue naming the cell as the user sees it.
 *
 * Severity follows docs/data-model.md: an error leaves the row out of the figures, a warning keeps
 * it. Blank rows are skipped silently; total and footer rows are skipped and counted.
 *
 * One module per sheet kind, read in the order below; the detections passed in are only read.
 */
import type { ActivityTable, Dataset, EnrolmentTable } from "../dataset";
import { trimTable } from "../dataset";
import type { DetectedSheet } from "../detect";
import type { EpochDay, Issue, SheetInput } from "../types";
import { readActivities } from "./activity";
import { Communities } from "./communities";
import { ValidationContext, type ValidateOptions } from "./context";
import { readEnrolments } from "./enrolment";
import { noteSheets } from "./notes";
import { readPlan } from "./plan";
import { readPopulation } from "./population";
import { readSchools } from "./school";

export { CommunityResolver } from "./communities";
export { ageAt } from "./enrolment";
export type { ValidateOptions } from "./context";

/** How many rows of a sheet were read as data, and how many were skipped as totals or notes. */
export interface RowCounts {
  dataRows: number;
  skippedRows: number;
}

export interface ValidationResult {
  data: Dataset;
  issues: Issue[];
  /** Row counts of each sheet, by its index in the input (zero for sheets not recognised). */
  rows: RowCounts[];
}

export function validate(
  sheets: readonly SheetInput[],
  detected: readonly DetectedSheet[],
  options: ValidateOptions
): ValidationResult {
  const v = new ValidationContext(sheets, detected, options);
  // Population first: the communities of every other sheet are checked against it.
  const population = readPopulation(v);
  const communities = new Communities(v, population);
  const schools = readSchools(v, communities);
  const plan = readPlan(v);
  const enrolments = readEnrolments(v, communities);
  const activities = readActivities(v, communities);
  noteSheets(v);

  const rows: RowCounts[] = detected.map(() => ({ dataRows: 0, skippedRows: 0 }));
  for (const list of Object.values(v.sheets))
    for (const s of list) rows[s.sheetIndex] = { dataRows: s.dataRows, skippedRows: s.skippedRows };
  const span = dateSpan(enrolments, activities);
  return {
    data: {
      sheetNames: sheets.map((s) => s.name),
      dateColumns: detected.map((d) => {
        const col =
          d.kind === "enrolment"
            ? d.columns.enrolDate
            : d.kind === "activity"
              ? d.columns.date
              : undefined;
        return col === undefined ? 0 : col + 1;
      }),
      dicts: v.dicts,
      enrolments: trimTable(enrolments),
      activities: trimTable(activities),
      population,
      schools,
      plan,
      latestDate: span.latest,
      earliestDate: span.earliest,
    },
    issues: v.issues,
    rows,
  };
}

export function dateSpan(
  enrolments: EnrolmentTable,
  activities: ActivityTable
): { earliest: EpochDay | null; latest: EpochDay | null } {
  let earliest = Infinity;
  let latest = -Infinity;
  for (const { date, length } of [enrolments, activities]) {
    for (let i = 0; i < length; i++) {
      const d = date[i];
      if (d < earliest) earliest = d;
      if (d > latest) latest = d;
    }
  }
  return latest === -Infinity ? { earliest: null, latest: null } : { earliest, latest };
}
