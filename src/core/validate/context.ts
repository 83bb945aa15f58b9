/**
 * What one validation run shares between the sheet kinds: the sheets of each kind, the
 * dictionaries the typed tables point into, and the issues found so far.
 */
import { cellText, maskId, maskPhone } from "../cells";
import { Dict } from "../dataset";
import type { DetectedSheet } from "../detect";
import { cellAddress } from "../text";
import type {
  AnyField,
  EpochDay,
  Issue,
  IssueCode,
  Message,
  Severity,
  SheetInput,
  SheetKind,
} from "../types";

export interface ValidateOptions {
  date1904?: boolean;
  /** Dates after this day are errors (bad-date). */
  today: EpochDay;
}

/** One recognised sheet as validation reads it. The detection itself is never written to. */
export interface SheetContext {
  readonly sheet: DetectedSheet;
  readonly input: SheetInput;
  readonly sheetIndex: number;
  readonly originRow: number;
  readonly originCol: number;
  /** Index into `input.values` rows of each mapped field. */
  readonly cols: ReadonlyMap<AnyField, number>;
  /** The same indexes as a list, for telling data rows from the rest (see `classifyRow`). */
  readonly mapped: readonly number[];
  /** Data rows read, and total, footer and note rows skipped. */
  dataRows: number;
  skippedRows: number;
  /** The year the sheet states for dates written without one; undefined until first needed. */
  year?: number | null;
  /** Rows whose date has no year while the sheet states none: reported once for the sheet. */
  yearless?: { count: number; r: number; col: number; field: AnyField; raw: unknown };
}

/** One problem at a cell: what `ValidationContext.report` records. */
export interface Finding {
  code: IssueCode;
  severity: Severity;
  field?: AnyField;
  /** The cell's value as read (shown masked for an ID or phone number). */
  raw: unknown;
  message: Message;
}

export type Dicts = Record<
  "person" | "community" | "course" | "category" | "targetGroup" | "teacher" | "title",
  Dict
>;

export class ValidationContext {
  readonly issues: Issue[] = [];
  readonly dicts: Dicts = {
    person: new Dict(),
    community: new Dict(),
    course: new Dict(),
    category: new Dict(),
    targetGroup: new Dict(),
    teacher: new Dict(),
    title: new Dict(),
  };
  /** The sheets of each kind, visible ones first. */
  readonly sheets: Record<SheetKind, SheetContext[]> = {
    enrolment: [],
    activity: [],
    population: [],
    school: [],
    plan: [],
  };
  readonly date1904: boolean;
  readonly today: EpochDay;

  constructor(
    inputs: readonly SheetInput[],
    readonly detected: readonly DetectedSheet[],
    options: ValidateOptions
  ) {
    this.date1904 = options.date1904 ?? false;
    this.today = options.today;
    detected.forEach((sheet, i) => {
      const input = inputs[i];
      if (!sheet.kind || !input) return;
      const originRow = input.origin?.row ?? 0;
      const originCol = input.origin?.col ?? 0;
      const cols = new Map<AnyField, number>();
      for (const [field, col] of Object.entries(sheet.columns) as [AnyField, number][])
        cols.set(field, col - originCol);
      this.sheets[sheet.kind].push({
        sheet,
        input,
        sheetIndex: i,
        originRow,
        originCol,
        cols,
        mapped: Array.from(cols.values()),
        dataRows: 0,
        skippedRows: 0,
      });
    });
    // Hidden sheets are read after the visible ones, so that a hidden backup copy's rows are the
    // repeats and the visible sheet's rows the originals, whatever the tabs' order.
    for (const list of Object.values(this.sheets))
      list.sort((a, b) => Number(a.sheet.hidden) - Number(b.sheet.hidden));
  }

  has(kind: SheetKind): boolean {
    return this.sheets[kind].length > 0;
  }

  /** Records a problem at row `r` (index into values) and column `col` (index into a row) of a sheet. */
  report(ctx: SheetContext, r: number, col: number | undefined, finding: Finding): void {
    const row = ctx.originRow + r + 1;
    const column = col === undefined ? 0 : ctx.originCol + col + 1;
    // Field names travel qualified by kind so that the message can name the column in the user's words.
    let message = finding.message;
    const f = message.params?.field;
    if (typeof f === "string" && !f.includes(".") && ctx.sheet.kind) {
      message = { ...message, params: { ...message.params, field: `${ctx.sheet.kind}.${f}` } };
    }
    this.issues.push({
      code: finding.code,
      severity: finding.severity,
      sheet: ctx.sheet.name,
      row,
      col: column,
      cell: cellAddress(ctx.sheet.name, row, column),
      field: finding.field,
      value: displayValue(finding.field, finding.raw),
      message,
    });
  }

  /** Records a note about a whole sheet (its first cell) or, with no sheet, the workbook. */
  note(
    code: IssueCode,
    severity: Severity,
    message: Message,
    sheet?: { name: string; row: number }
  ): void {
    this.issues.push({
      code,
      severity,
      sheet: sheet?.name ?? "",
      row: sheet?.row ?? 0,
      col: 0,
      cell: sheet ? cellAddress(sheet.name, 0, 0) : "",
      value: "",
      message,
    });
  }
}

/** Issue values never show an ID or phone number in full. */
function displayValue(field: AnyField | undefined, raw: unknown): string {
  const text = cellText(raw);
  if (field === "idNumber") return maskId(text);
  if (field === "phone") return maskPhone(text);
  return text;
}
