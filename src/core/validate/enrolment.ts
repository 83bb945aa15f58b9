/**
 * Rosters: one row per person and course. People are told apart by ID number when it is usable,
 * else by name and community; the ID is checked and compared with the birth date, age and gender
 * written beside it, and never shown in full.
 */
import { errorLiteral, monthPrecision, readIdNumber, ymdFromEpochDay, type IdInfo } from "../cells";
import { newEnrolmentTable, RESULT_CODES, STATUS_CODES, type EnrolmentTable } from "../dataset";
import { headerKey } from "../text";
import type { EpochDay } from "../types";
import type { Communities } from "./communities";
import type { SheetContext, ValidationContext } from "./context";
import { eachRow } from "./reader";

export function readEnrolments(v: ValidationContext, communities: Communities): EnrolmentTable {
  let total = 0;
  for (const s of v.sheets.enrolment)
    total += Math.max(0, s.input.values.length - s.sheet.dataStart);
  const enrol = newEnrolmentTable(total);
  if (!v.has("enrolment")) return enrol;
  const { person: people, course: courses, category, targetGroup } = v.dicts;
  const idPeople = new Map<string, { name: string; person: number }>();
  /** People whose ID number is written with more than one name. */
  const conflicted = new Set<number>();
  const pairs = new PairIndex();
  /** Each duplicate-enrolment issue: its index in the issues, the sheets of its two rows. */
  const duplicates: Duplicate[] = [];

  eachRow(v, "enrolment", (row) => {
    const { sheet, r } = row;
    const name = row.text("name");
    const communityText = row.text("community");
    const course = row.text("course");
    const date = row.day("enrolDate");
    const birth = row.day("birthDate");
    const age = row.number("age");
    row.number("score");
    const gender = row.choice("gender");
    const status = row.choice("status");
    const result = row.choice("result");

    // ID number: checked, never shown in full.
    const idCol = row.col("idNumber");
    let id: IdInfo | null = null;
    if (idCol !== undefined) {
      const raw = row.cells[idCol];
      const err = errorLiteral(raw);
      if (err !== null) {
        v.report(sheet, r, idCol, {
          code: "error-value",
          severity: "warning",
          field: "idNumber",
          raw,
          message: { key: "issue.errorValue", params: { value: err, field: "idNumber" } },
        });
      } else {
        id = readIdNumber(raw);
        if (id?.kind === "precision-lost") {
          v.report(sheet, r, idCol, {
            code: "id-precision-lost",
            severity: "warning",
            field: "idNumber",
            raw,
            message: { key: "issue.idPrecisionLost", params: {} },
          });
        } else if (id?.kind === "prc18" && (!id.checkDigitOk || !id.birth)) {
          v.report(sheet, r, idCol, {
            code: "bad-id-number",
            severity: "warning",
            field: "idNumber",
            raw,
            message: { key: id.birth ? "issue.badIdCheckDigit" : "issue.badIdBirth", params: {} },
          });
        }
      }
    }
    if (
      row.bad ||
      name === undefined ||
      communityText === undefined ||
      course === undefined ||
      date === undefined
    )
      return;

    // Cross-checks against the ID number.
    if (id && (id.kind === "prc18" || id.kind === "prc15") && id.birth) {
      if (birth !== undefined && !sameBirth(birth, id.birth, row.raw("birthDate"), sheet)) {
        v.report(sheet, r, row.col("birthDate"), {
          code: "age-mismatch",
          severity: "warning",
          field: "birthDate",
          raw: row.raw("birthDate"),
          message: { key: "issue.birthMismatch", params: {} },
        });
      }
      if (age !== undefined) {
        const expected = ageAt(id.birth, date);
        if (Math.abs(expected - age) > 1) {
          v.report(sheet, r, row.col("age"), {
            code: "age-mismatch",
            severity: "warning",
            field: "age",
            raw: age,
            message: { key: "issue.ageMismatch", params: { expected } },
          });
        }
      }
      if (gender && id.gender && gender !== id.gender) {
        v.report(sheet, r, row.col("gender"), {
          code: "gender-mismatch",
          severity: "warning",
          field: "gender",
          raw: row.raw("gender"),
          message: { key: "issue.genderMismatch", params: {} },
        });
      }
    }

    const community = communities.of(sheet, r, row.col("community"), communityText);
    const nameKey = name.replace(/\s+/g, "").toLowerCase();
    let person: number;
    if (id !== null && id.kind !== "precision-lost" && id.key.length > 0) {
      // One lookup per row serves both the identity and the one-ID-two-names check.
      const known = idPeople.get(id.key);
      if (known === undefined) {
        person = people.fresh(`I:${id.key}`);
        idPeople.set(id.key, { name: nameKey, person });
      } else {
        person = known.person;
        if (known.name !== nameKey) conflicted.add(person);
      }
    } else {
      person = people.id(`N:${nameKey}\u0001${v.dicts.community.values[community]}`);
    }
    const courseId = courses.id(course);
    const firstSheet = pairs.seen(person, courseId, sheet.sheetIndex);
    if (firstSheet >= 0) {
      duplicates.push({ issue: v.issues.length, first: firstSheet, then: sheet.sheetIndex });
      v.report(sheet, r, row.col("course"), {
        code: "duplicate-enrolment",
        severity: "warning",
        field: "course",
        raw: course,
        message: { key: "issue.duplicateEnrolment", params: {} },
      });
    }

    const i = enrol.length++;
    enrol.sheet[i] = sheet.sheetIndex;
    enrol.row[i] = sheet.originRow + r + 1;
    enrol.person[i] = person;
    enrol.community[i] = community;
    enrol.course[i] = courseId;
    enrol.date[i] = date;
    const cat = row.label("category");
    enrol.category[i] = cat ? category.id(cat) : -1;
    const group = row.label("targetGroup");
    enrol.targetGroup[i] = group ? targetGroup.id(group) : -1;
    enrol.status[i] = STATUS_CODES.indexOf(status);
    enrol.result[i] = RESULT_CODES.indexOf(result);
  });
  nameHiddenCopies(v, duplicates);
  if (conflicted.size > 0) markConflicts(v, enrol, conflicted);
  return enrol;
}

/**
 * The sheet where each (person, course) pair was first seen, as linked lists per person in flat
 * arrays: a million enrolments need no object per pair.
 */
class PairIndex {
  private readonly head: number[] = [];
  private readonly next: number[] = [];
  private readonly course: number[] = [];
  private readonly sheet: number[] = [];

  /** The sheet where (person, course) was first seen, or -1 when it is new (and now recorded). */
  seen(person: number, course: number, sheet: number): number {
    const head = this.head;
    while (head.length <= person) head.push(-1);
    for (let s = head[person]; s !== -1; s = this.next[s])
      if (this.course[s] === course) return this.sheet[s];
    this.course.push(course);
    this.sheet.push(sheet);
    this.next.push(head[person]);
    head[person] = this.course.length - 1;
    return -1;
  }
}

/**
 * Every row of a conflicting ID is marked, not only those after the first spelling: which name is
 * right is for staff to say, and the marks must not depend on how the roster is sorted.
 */
function markConflicts(
  v: ValidationContext,
  enrol: EnrolmentTable,
  conflicted: ReadonlySet<number>
): void {
  const bySheet = new Map(v.sheets.enrolment.map((s) => [s.sheetIndex, s]));
  for (let i = 0; i < enrol.length; i++) {
    if (!conflicted.has(enrol.person[i])) continue;
    const sheet = bySheet.get(enrol.sheet[i]) as SheetContext;
    const col = sheet.cols.get("name");
    const r = enrol.row[i] - sheet.originRow - 1;
    v.report(sheet, r, col, {
      code: "id-name-conflict",
      severity: "warning",
      field: "name",
      raw: sheet.input.values[r]?.[col ?? -1],
      message: { key: "issue.idNameConflict", params: {} },
    });
  }
}

interface Duplicate {
  issue: number;
  first: number;
  then: number;
}

/**
 * A hidden roster whose rows mostly repeat a visible one (a backup copy, "报名数据导出 (2)") is
 * named once, in place of one duplicate-enrolment warning per repeated row. Figures are unchanged:
 * duplicates count once either way.
 */
function nameHiddenCopies(v: ValidationContext, duplicates: readonly Duplicate[]): void {
  const sheets = v.sheets.enrolment;
  const byIndex = new Map(sheets.map((s) => [s.sheetIndex, s]));
  const drop = new Set<number>();
  for (const hidden of sheets) {
    if (!hidden.sheet.hidden) continue;
    const shared = new Map<number, number[]>();
    for (const d of duplicates) {
      const other =
        d.first === hidden.sheetIndex ? d.then : d.then === hidden.sheetIndex ? d.first : -1;
      if (other < 0 || other === hidden.sheetIndex || byIndex.get(other)?.sheet.hidden !== false)
        continue;
      const list = shared.get(other);
      if (list) list.push(d.issue);
      else shared.set(other, [d.issue]);
    }
    let original: SheetContext | undefined;
    let issues: number[] = [];
    for (const [index, list] of shared) {
      if (list.length > issues.length) {
        original = byIndex.get(index);
        issues = list;
      }
    }
    if (!original || issues.length * 2 < hidden.dataRows) continue;
    for (const i of issues) drop.add(i);
    v.note(
      "hidden-copy",
      "warning",
      {
        key: "issue.hiddenCopy",
        params: { sheet: hidden.sheet.name, original: original.sheet.name, count: issues.length },
      },
      { name: hidden.sheet.name, row: 0 }
    );
  }
  if (drop.size === 0) return;
  const issues = v.issues;
  let k = 0;
  for (let i = 0; i < issues.length; i++) if (!drop.has(i)) issues[k++] = issues[i];
  issues.length = k;
}

/**
 * Whether a birth date agrees with the one inside the ID. A 出生年月 column, or a cell written to
 * the month (1997年06月, 1997.06), agrees with any day of that month.
 */
function sameBirth(birth: EpochDay, idBirth: EpochDay, raw: unknown, sheet: SheetContext): boolean {
  if (birth === idBirth) return true;
  const byMonth =
    monthPrecision(raw) || headerKey(sheet.sheet.headers.birthDate ?? "") === BIRTH_MONTH_KEY;
  if (!byMonth) return false;
  const a = ymdFromEpochDay(birth);
  const b = ymdFromEpochDay(idBirth);
  return a.y === b.y && a.m === b.m;
}
const BIRTH_MONTH_KEY = headerKey("出生年月");

/** Whole years from birth to a day. */
export function ageAt(birth: EpochDay, day: EpochDay): number {
  const b = ymdFromEpochDay(birth);
  const d = ymdFromEpochDay(day);
  let age = d.y - b.y;
  if (d.m < b.m || (d.m === b.m && d.d < b.d)) age--;
  return age;
}
