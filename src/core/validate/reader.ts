/**
 * The row reader: one object per sheet kind, aimed at each data row in turn, that reads a field
 * with the parser its declared type gives and reports what it cannot read. It is reused for every
 * row, so the hot loops allocate nothing for it.
 */
import { cellText, errorLiteral, isBlank, normalizeText, type MonthsInfo } from "../cells";
import { classifyRow } from "../rows";
import { KINDS, type FieldSpec } from "../schema";
import { headerKey } from "../text";
import type { AnyField, EpochDay, SheetKind } from "../types";
import type { SheetContext, ValidationContext } from "./context";
import {
  ENUM_LOOKUP,
  errorValueSeverity,
  isEnumType,
  NO_YEAR,
  parserFor,
  unreadableCode,
  unreadableKey,
  type EnumName,
  type EnumValue,
  type FieldParser,
} from "./fields";

export type Cells = ReadonlyArray<unknown>;
const NO_CELLS: Cells = [];

interface FieldReading {
  spec: FieldSpec;
  parse: FieldParser<unknown> | null;
  /** How the field is read, decided once from its declared type. */
  family: Family;
}
type Family = "text" | "number" | "date" | "month" | "enum" | "other";

export class RowReader {
  /** The sheet, row index (into values) and cells the reader is aimed at. */
  sheet!: SheetContext;
  r = 0;
  cells: Cells = NO_CELLS;
  /** A field of this row was unusable: the row is left out. */
  bad = false;

  private readonly fields = new Map<AnyField, FieldReading>();
  /** Each enumeration's readings of the strings met so far (a roster repeats a few words). */
  private readonly enumMemo: { readonly [K in EnumName]: Map<unknown, unknown> } = {
    gender: new Map(),
    status: new Map(),
    result: new Map(),
    level: new Map(),
    teacherType: new Map(),
  };

  constructor(
    private readonly v: ValidationContext,
    readonly kind: SheetKind
  ) {
    const env = { date1904: v.date1904, today: v.today };
    for (const spec of KINDS[kind].fields as readonly FieldSpec[])
      this.fields.set(spec.field, { spec, parse: parserFor(spec, env), family: familyOf(spec) });
  }

  at(sheet: SheetContext, r: number, cells: Cells): void {
    this.sheet = sheet;
    this.r = r;
    this.cells = cells;
    this.bad = false;
  }

  /** Index into the row of a mapped field. */
  col(field: AnyField): number | undefined {
    return this.sheet.cols.get(field);
  }

  /** The raw cell of a field (undefined when the field is not mapped). */
  raw(field: AnyField): unknown {
    const col = this.sheet.cols.get(field);
    return col === undefined ? undefined : this.cells[col];
  }

  /** A free-text field's text as written, "" when absent; never an issue. */
  label(field: AnyField): string {
    const col = this.sheet.cols.get(field);
    return col === undefined ? "" : normalizeText(this.cells[col]);
  }

  text(field: AnyField): string | undefined {
    return this.scalar(field, "text", false, undefined) as string | undefined;
  }

  number(field: AnyField): number | undefined {
    return this.scalar(field, "number", false, undefined) as number | undefined;
  }

  day(field: AnyField): EpochDay | undefined {
    return this.scalar(field, "date", false, undefined) as EpochDay | undefined;
  }

  /** A month field; `raw` stands for the cell when the month is carried down from a row above. */
  months(field: AnyField, raw?: unknown): MonthsInfo | undefined {
    return this.scalar(field, "month", raw !== undefined, raw) as MonthsInfo | undefined;
  }

  /** An enumeration's value; an unknown word is a warning and null, never a reason to drop the row. */
  choice<K extends EnumName & AnyField>(field: K): EnumValue<K> | null {
    const { spec, family } = this.reading(field);
    if (family !== "enum") throw new Error(`${this.kind}.${field} is not an enumeration`);
    const name = spec.type as K;
    const col = this.sheet.cols.get(field);
    if (col === undefined) return null;
    const raw = this.cells[col];
    if (isBlank(raw)) return null;
    const err = errorLiteral(raw);
    let value: EnumValue<K> | undefined;
    if (err === null) {
      const memo = this.enumMemo[name] as Map<unknown, EnumValue<K> | undefined>;
      if (memo.has(raw)) value = memo.get(raw);
      else {
        value = (ENUM_LOOKUP[name] as ReadonlyMap<string, EnumValue<K>>).get(
          headerKey(normalizeText(raw))
        );
        if (typeof raw === "string" && memo.size < 4096) memo.set(raw, value);
      }
    }
    if (value === undefined) {
      this.v.report(this.sheet, this.r, col, {
        code: err === null ? "bad-enum" : "error-value",
        severity: "warning",
        field,
        raw,
        message: {
          key: err === null ? "issue.badEnum" : "issue.errorValue",
          params: { field, value: err ?? cellText(raw) },
        },
      });
      return null;
    }
    return value;
  }

  private reading(field: AnyField): FieldReading {
    const f = this.fields.get(field);
    if (!f) throw new Error(`unknown field ${this.kind}.${field}`);
    return f;
  }

  /** Reads one typed field; reports and returns undefined when it is unusable. */
  private scalar(
    field: AnyField,
    family: "text" | "number" | "date" | "month",
    override: boolean,
    given: unknown
  ): unknown {
    const { spec, parse, family: declared } = this.reading(field);
    if (parse === null || declared !== family)
      throw new Error(`${this.kind}.${field} is declared ${spec.type}, not read as ${family}`);
    const col = this.sheet.cols.get(field);
    if (col === undefined) return undefined;
    const raw = override ? given : this.cells[col];
    const err = errorLiteral(raw);
    if (err !== null) {
      const severity = errorValueSeverity(spec);
      if (severity === "error") this.bad = true;
      this.v.report(this.sheet, this.r, col, {
        code: "error-value",
        severity,
        field,
        raw,
        message: { key: "issue.errorValue", params: { value: err, field } },
      });
      return undefined;
    }
    if (isBlank(raw)) {
      if (spec.required) {
        this.bad = true;
        this.v.report(this.sheet, this.r, col, {
          code: "missing-required",
          severity: "error",
          field,
          raw,
          message: { key: "issue.missingRequired", params: { field } },
        });
      }
      return undefined;
    }
    const p = parse(raw, this.sheet);
    if (p.ok) return p.value;
    this.bad = true;
    if (p.reason === NO_YEAR.reason) {
      // Reported once for the sheet (see `eachRow`), not once per row.
      const y = (this.sheet.yearless ??= { count: 0, r: this.r, col, field, raw });
      y.count++;
      return undefined;
    }
    const code = unreadableCode(spec);
    this.v.report(this.sheet, this.r, col, {
      code,
      severity: "error",
      field,
      raw,
      message: {
        key: unreadableKey(code),
        params: { field, min: spec.min ?? "", max: spec.max ?? "" },
      },
    });
    return undefined;
  }
}

function familyOf(spec: FieldSpec): Family {
  switch (spec.type) {
    case "text":
      return "text";
    case "int":
    case "number":
    case "percent":
      return "number";
    case "date":
      return "date";
    case "month":
      return "month";
    default:
      return isEnumType(spec.type) ? "enum" : "other";
  }
}

/**
 * Calls `fn` on each data row of the sheets of `kind` with the reader aimed at that row; blank rows
 * are passed over, total, footer and note rows counted as skipped.
 */
export function eachRow(v: ValidationContext, kind: SheetKind, fn: (row: RowReader) => void): void {
  const reader = new RowReader(v, kind);
  for (const sheet of v.sheets[kind]) {
    const values = sheet.input.values;
    const mapped = sheet.mapped;
    let dataRows = 0;
    let skipped = 0;
    for (let r = sheet.sheet.dataStart; r < values.length; r++) {
      const cells = values[r];
      const cls = classifyRow(cells, mapped);
      if (cls === "blank") continue;
      if (cls !== "data") {
        skipped++;
        continue;
      }
      dataRows++;
      reader.at(sheet, r, cells ?? NO_CELLS);
      fn(reader);
    }
    sheet.dataRows = dataRows;
    sheet.skippedRows = skipped;
    const y = sheet.yearless;
    if (y) {
      v.report(sheet, y.r, y.col, {
        code: "date-without-year",
        severity: "error",
        field: y.field,
        raw: y.raw,
        message: {
          key: "issue.dateWithoutYear",
          params: { count: y.count, field: y.field, value: cellText(y.raw) },
        },
      });
    }
  }
}
