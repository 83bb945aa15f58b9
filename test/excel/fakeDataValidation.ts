/**
 * Data validation for the fake Excel (fakeExcel.ts wires it in). Each rule
 * the fake enforces is one Microsoft documents; a write that breaks it throws, as Excel would
 * at the next sync:
 *
 *  1. `Range.dataValidation` is ExcelApi 1.8 (Excel.DataValidation reference, "API set: ExcelApi
 *     1.8"): it throws ApiNotFound when Office.context.requirements says 1.8 is not supported, so
 *     code that forgets to check fails here (Specify Office hosts and API requirements: check
 *     optional sets with isSetSupported).
 *  2. A DataValidationRule holds one rule type: "No more than one of these properties may be
 *     present in any DataValidationRule object" (Add data validation to Excel ranges).
 *  3. The ternary operators Between and NotBetween need `formula2` (same article: "To use these,
 *     specify the optional formula2 property").
 *  4. Date and time bounds: "you cannot use a number in the formula properties, but you can enter
 *     a ISO 8606 datetime string (or an Excel formula)" (same article).
 *  5. A list source is a Range, a comma-delimited list, or "=" and a reference (same article:
 *     source "=Names!$A$1:$A$3"); "You can also enter a named range or cell reference … Both must
 *     be preceded by an equal sign" (Microsoft KB 181323, Description and examples of data
 *     validation). A name the workbook does not define is refused, as Excel refuses a source
 *     that does not evaluate ("A named range you specified cannot be found").
 *  6. Prompt and alert texts: "the length of this string MUST be less than or equal to" 32 for
 *     both titles, 225 for the error message and 255 for the input message ([MS-XLS] 2.5.37
 *     DValStrings).
 * Like every write of the fake, a rule is queued and checked at the next sync, in order: a rule
 * whose list names a workbook name added earlier in the same batch is valid.
 */
import type { FakeContext, FakeSheetData, FakeState } from "./fakeExcel";
import { utf8Bytes } from "./fakeExcel";

const fail = (code: string, message: string) => Object.assign(new Error(message), { code });

export interface ValidationEntry {
  row: number;
  col: number;
  rows: number;
  cols: number;
  rule?: Excel.DataValidationRule;
  prompt?: Excel.DataValidationPrompt;
  errorAlert?: Excel.DataValidationErrorAlert;
  ignoreBlanks: boolean;
}

const validations = new WeakMap<FakeSheetData, ValidationEntry[]>();

/** The validations set on a sheet, in the order they were set. */
export function validationsOf(sheet: FakeSheetData): ValidationEntry[] {
  return validations.get(sheet) ?? [];
}

/** The rule in force at a cell (0-based): the last one set over it. */
export function validationAt(
  sheet: FakeSheetData,
  row: number,
  col: number
): ValidationEntry | null {
  const list = validationsOf(sheet);
  for (let i = list.length - 1; i >= 0; i--) {
    const v = list[i];
    if (row >= v.row && row < v.row + v.rows && col >= v.col && col < v.col + v.cols) return v;
  }
  return null;
}

function supports(version: string): boolean {
  const office = (globalThis as { Office?: typeof Office }).Office;
  return office?.context?.requirements?.isSetSupported("ExcelApi", version) === true;
}

const RULE_TYPES = ["wholeNumber", "decimal", "textLength", "date", "time", "list", "custom"];
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+)?$/;

function checkRule(rule: Excel.DataValidationRule, state: FakeState): void {
  const present = RULE_TYPES.filter((k) => (rule as Record<string, unknown>)[k] !== undefined);
  if (present.length !== 1)
    throw fail("InvalidArgument", `a rule has exactly one type, got ${present.join(", ")}`);
  const [type] = present;
  const body = (rule as Record<string, Record<string, unknown>>)[type];
  if (type === "list") {
    const source = body.source;
    if (typeof source !== "string") return; // a Range
    if (!source.startsWith("=")) return; // a comma-delimited list
    const ref = source.slice(1);
    if (ref.includes("!")) return;
    if (!state.names.has(ref.toLowerCase()))
      throw fail("InvalidArgument", `list source ${source}: no such name in the workbook`);
    return;
  }
  if (type === "custom") return;
  const operator = String(body.operator ?? "");
  if (/^(between|notbetween)$/i.test(operator) && body.formula2 === undefined)
    throw fail("InvalidArgument", `${operator} needs formula2`);
  if (type === "date" || type === "time") {
    for (const f of [body.formula1, body.formula2]) {
      if (f === undefined) continue;
      if (typeof f === "number")
        throw fail("InvalidArgument", `a ${type} bound cannot be a number (${f})`);
      if (typeof f === "string" && !f.startsWith("=") && !ISO_DATE.test(f))
        throw fail("InvalidArgument", `a ${type} bound is an ISO date or a formula, not ${f}`);
    }
  }
}

function checkLength(what: string, text: string | undefined, max: number): void {
  if (text !== undefined && text.length > max)
    throw fail("InvalidArgument", `${what} is ${text.length} characters; Excel allows ${max}`);
}

/** `range.dataValidation` of the fake. */
export function fakeDataValidation(
  ctx: FakeContext,
  sheet: FakeSheetData,
  row: number,
  col: number,
  rows: number,
  cols: number
): {
  rule: Excel.DataValidationRule | undefined;
  prompt: Excel.DataValidationPrompt | undefined;
  errorAlert: Excel.DataValidationErrorAlert | undefined;
  ignoreBlanks: boolean;
  clear(): void;
} {
  if (!supports("1.8")) throw fail("ApiNotFound", "Range.dataValidation needs ExcelApi 1.8");
  /** Queues a change of this range's validation, applied at the next sync. */
  const change = (bytes: number, apply: (v: ValidationEntry) => void) =>
    ctx.queue({ kind: "dataValidation", sheet: sheet.name }, bytes, () => {
      ctx.checkWritable();
      let list = validations.get(sheet);
      if (!list) {
        list = [];
        validations.set(sheet, list);
      }
      let found = list.find(
        (v) => v.row === row && v.col === col && v.rows === rows && v.cols === cols
      );
      if (!found) {
        found = { row, col, rows, cols, ignoreBlanks: true };
        list.push(found);
      }
      apply(found);
    });
  const current = () => validationAt(sheet, row, col);
  return {
    get rule() {
      return current()?.rule;
    },
    set rule(rule: Excel.DataValidationRule | undefined) {
      change(utf8Bytes(JSON.stringify(rule ?? null)), (v) => {
        if (rule) checkRule(rule, ctx.state);
        v.rule = rule;
      });
    },
    get prompt() {
      return current()?.prompt;
    },
    set prompt(prompt: Excel.DataValidationPrompt | undefined) {
      change(utf8Bytes(JSON.stringify(prompt ?? null)), (v) => {
        checkLength("the input message's title", prompt?.title, 32);
        checkLength("the input message", prompt?.message, 255);
        v.prompt = prompt;
      });
    },
    get errorAlert() {
      return current()?.errorAlert;
    },
    set errorAlert(alert: Excel.DataValidationErrorAlert | undefined) {
      change(utf8Bytes(JSON.stringify(alert ?? null)), (v) => {
        checkLength("the error alert's title", alert?.title, 32);
        checkLength("the error alert", alert?.message, 225);
        v.errorAlert = alert;
      });
    },
    get ignoreBlanks() {
      return current()?.ignoreBlanks ?? true;
    },
    set ignoreBlanks(value: boolean) {
      change(8, (v) => {
        v.ignoreBlanks = value;
      });
    },
    clear() {
      ctx.queue({ kind: "dataValidation", sheet: sheet.name }, 0, () => {
        ctx.checkWritable();
        const list = validations.get(sheet) ?? [];
        validations.set(
          sheet,
          list.filter(
            (v) =>
              v.row + v.rows <= row ||
              v.row >= row + rows ||
              v.col + v.cols <= col ||
              v.col >= col + cols
          )
        );
      });
    },
  };
}
