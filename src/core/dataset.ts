/**
 * The typed, validated data the metrics run on. Rows are stored column-wise
 * in typed arrays with dictionary-encoded text, so a million enrolments take
 * tens of megabytes, not the gigabyte an array of row objects would.
 */
import type { Level, Status, Result, TeacherKind } from "./schema";
import type { EpochDay } from "./types";

/** Interned strings: id → text and text → id. */
export class Dict {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();

  id(text: string): number {
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(text);
      this.ids.set(text, id);
    }
    return id;
  }

  /**
   * A new id that is not looked up by its text (people known by their ID number): the label is
   * kept for matching the same person across two workbooks, without a map entry per person.
   */
  fresh(label = ""): number {
    this.values.push(label);
    return this.values.length - 1;
  }

  find(text: string): number | undefined {
    return this.ids.get(text);
  }

  get size(): number {
    return this.values.length;
  }
}

export const STATUS_CODES: readonly (Status | null)[] = [
  null,
  "enrolled",
  "completed",
  "withdrawn",
];
export const RESULT_CODES: readonly (Result | null)[] = [null, "excellent", "good", "pass", "fail"];
export const TEACHER_CODES: readonly (TeacherKind | null)[] = [
  null,
  "fullTime",
  "partTime",
  "volunteer",
];

export interface EnrolmentTable {
  length: number;
  /** Index into Dataset.sheetNames, and the 1-based row as the user sees it. */
  sheet: Uint16Array;
  row: Int32Array;
  person: Int32Array;
  community: Int32Array;
  course: Int32Array;
  date: Int32Array;
  /** -1 when not stated. */
  category: Int32Array;
  targetGroup: Int32Array;
  /** Index into STATUS_CODES / RESULT_CODES; 0 = not recorded. */
  status: Int8Array;
  result: Int8Array;
}

export interface ActivityTable {
  length: number;
  sheet: Uint16Array;
  row: Int32Array;
  date: Int32Array;
  community: Int32Array;
  title: Int32Array;
  category: Int32Array;
  targetGroup: Int32Array;
  teacher: Int32Array;
  /** Index into TEACHER_CODES. */
  teacherType: Int8Array;
  participants: Float64Array;
  hours: Float64Array;
}

export interface PopulationRow {
  community: number;
  residents: number;
  households: number | null;
  target: number | null;
  sheet: string;
  /** Cell of the residents figure, for rate-over-100 issues. */
  row: number;
  col: number;
}

export interface SchoolRow {
  name: string;
  level: Level | null;
  community: number;
  type: string;
}

export interface PlanItem {
  monthText: string;
  months: number[];
  year: number | null;
  item: string;
  category: string;
  sessions: number;
}

export interface Dataset {
  sheetNames: string[];
  /** 1-based date column of each sheet (0 when it has none), for issues about dates. */
  dateColumns: number[];
  dicts: {
    person: Dict;
    community: Dict;
    course: Dict;
    category: Dict;
    targetGroup: Dict;
    teacher: Dict;
    title: Dict;
  };
  enrolments: EnrolmentTable;
  activities: ActivityTable;
  /** null when the workbook has no population sheet. */
  population: PopulationRow[] | null;
  schools: SchoolRow[] | null;
  plan: PlanItem[] | null;
  /** Latest valid enrolment or activity date, for the default period. */
  latestDate: EpochDay | null;
  earliestDate: EpochDay | null;
}

export function newEnrolmentTable(capacity: number): EnrolmentTable {
  return {
    length: 0,
    sheet: new Uint16Array(capacity),
    row: new Int32Array(capacity),
    person: new Int32Array(capacity),
    community: new Int32Array(capacity),
    course: new Int32Array(capacity),
    date: new Int32Array(capacity),
    category: new Int32Array(capacity),
    targetGroup: new Int32Array(capacity),
    status: new Int8Array(capacity),
    result: new Int8Array(capacity),
  };
}

export function newActivityTable(capacity: number): ActivityTable {
  return {
    length: 0,
    sheet: new Uint16Array(capacity),
    row: new Int32Array(capacity),
    date: new Int32Array(capacity),
    community: new Int32Array(capacity),
    title: new Int32Array(capacity),
    category: new Int32Array(capacity),
    targetGroup: new Int32Array(capacity),
    teacher: new Int32Array(capacity),
    teacherType: new Int8Array(capacity),
    participants: new Float64Array(capacity),
    hours: new Float64Array(capacity),
  };
}

/** Trim typed arrays to the rows actually kept (views share the buffer; no copy). */
export function trimTable<T extends { length: number }>(table: T): T {
  const out = { ...table };
  for (const [k, v] of Object.entries(table)) {
    if (ArrayBuffer.isView(v)) {
      (out as Record<string, unknown>)[k] = (v as unknown as Int32Array).subarray(0, table.length);
    }
  }
  return out;
}
