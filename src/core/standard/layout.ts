/**
 * The standard layout, derived from the schema: every field of each kind under its canonical
 * header in the user's language (so CEDU recognises the sheet with confidence 1), formatted and
 * checked by its type and bounds, with an input message that says what to type.
 */
import { epochDayFromYMD } from "../cells";
import { fieldLabel } from "../i18n";
import { fieldSpec, type FieldSpec } from "../schema";
import { columnLetter } from "../text";
import type { AnyField, FieldsOf, Lang, SheetKind } from "../types";
import { communityList, freeSheetName } from "./names";
import { listText, sheetName, st, type StandardKey } from "./strings";
import type {
  InstructionsSheet,
  Rule,
  StandardColumn,
  StandardFormat,
  StandardSheet,
  StandardWorkbook,
  Taken,
} from "./types";
import { enumWords, targetGroups, type EnumName } from "./vocabulary";

/** The sheets in the order they are written: the population first, as the others refer to it. */
export const STANDARD_KINDS: readonly SheetKind[] = [
  "population",
  "enrolment",
  "activity",
  "school",
  "plan",
];

/**
 * Column order per kind: every field of the schema once (tested), in the order staff fill in a
 * row: who, where, what, when, how it went. The first column is always a field that is never a
 * total marker such as 合计 (a name, a date, a community, a month).
 */
export const COLUMN_ORDER: { readonly [K in SheetKind]: readonly FieldsOf[K][] } = {
  enrolment: [
    "name",
    "gender",
    "idNumber",
    "birthDate",
    "age",
    "phone",
    "community",
    "course",
    "category",
    "targetGroup",
    "enrolDate",
    "status",
    "result",
    "score",
  ],
  activity: [
    "date",
    "community",
    "title",
    "category",
    "participants",
    "hours",
    "teacher",
    "teacherType",
    "location",
    "targetGroup",
  ],
  population: ["community", "residents", "households", "target"],
  school: ["name", "type", "community", "level"],
  plan: ["month", "item", "category", "sessions"],
};

/** The earliest date the engine accepts (docs/data-model.md: before 1900 is an error). */
export const MIN_DATE = epochDayFromYMD(1900, 1, 1) as number;

/** Excel number format codes of the standard columns. */
export const STANDARD_NUMBER_FORMATS: Readonly<Record<StandardFormat, string>> = {
  text: "@",
  date: "yyyy-mm-dd",
  int: "0",
  decimal: "General",
  percent: "0%",
};

/** Widths in characters where the header alone would be too narrow for the values. */
const WIDTHS: Partial<Record<AnyField, number>> = {
  name: 12,
  idNumber: 22,
  phone: 15,
  community: 14,
  course: 20,
  title: 28,
  item: 28,
  location: 18,
  category: 14,
  targetGroup: 14,
  teacher: 12,
  type: 12,
  month: 12,
  date: 12,
  enrolDate: 12,
  birthDate: 12,
};

const ENUM_TYPES: ReadonlySet<string> = new Set([
  "gender",
  "status",
  "result",
  "level",
  "teacherType",
]);

function formatOf(spec: FieldSpec): StandardFormat {
  switch (spec.type) {
    case "date":
      return "date";
    case "int":
      return "int";
    case "number":
      return "decimal";
    case "percent":
      return "percent";
    default:
      return "text";
  }
}

function ruleOf(kind: SheetKind, spec: FieldSpec, lang: Lang, communities: boolean): Rule | null {
  if (ENUM_TYPES.has(spec.type))
    return { type: "list", values: enumWords(spec.type as EnumName, lang), strict: true };
  if (spec.field === "targetGroup")
    return { type: "list", values: targetGroups(lang), strict: false };
  // The population sheet is where communities are listed; the other sheets pick from it.
  if (spec.field === "community" && kind !== "population")
    return communities ? { type: "communities" } : null;
  switch (spec.type) {
    case "date":
      return { type: "date", min: MIN_DATE };
    case "int":
      return { type: "whole", min: spec.min ?? 0, max: spec.max ?? 1e9 };
    case "number":
      return spec.minExclusive
        ? { type: "above", min: spec.min ?? 0, max: spec.max ?? 1e9 }
        : { type: "decimal", min: spec.min ?? 0, max: spec.max ?? 1e9 };
    case "percent":
      return { type: "decimal", min: 0, max: 1 };
    default:
      return null;
  }
}

/** Display width of a header: CJK characters take two columns. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
  return w;
}

function extraKey(kind: SheetKind, field: AnyField): StandardKey | null {
  const key = `extra.${kind}.${field}`;
  return key in EXTRA_KEYS ? (key as StandardKey) : null;
}
const EXTRA_KEYS: Record<string, true> = Object.fromEntries(
  [
    "extra.enrolment.idNumber",
    "extra.enrolment.course",
    "extra.enrolment.category",
    "extra.activity.title",
    "extra.activity.participants",
    "extra.activity.category",
    "extra.population.community",
    "extra.population.target",
    "extra.school.name",
    "extra.school.type",
    "extra.plan.month",
    "extra.plan.category",
    "extra.plan.sessions",
  ].map((k) => [k, true as const])
);

function hintOf(spec: FieldSpec, rule: Rule | null, lang: Lang, populationSheet: string): string {
  if (spec.type === "percent") return st("hint.percent", lang);
  if (!rule) {
    return spec.type === "id" || spec.type === "phone" || spec.type === "month"
      ? st("hint.text", lang)
      : "";
  }
  switch (rule.type) {
    case "list":
      return st(rule.strict ? "hint.list" : "hint.listOpen", lang, {
        values: listText(rule.values, lang),
      });
    case "communities":
      return st("hint.communities", lang, { sheet: populationSheet });
    case "date":
      return st("hint.date", lang);
    case "whole":
      return st("hint.whole", lang, { min: rule.min, max: rule.max });
    case "decimal":
      return st("hint.decimal", lang, { min: rule.min, max: rule.max });
    case "above":
      return st("hint.above", lang, { min: rule.min, max: rule.max });
  }
}

function alertOf(
  spec: FieldSpec,
  rule: Rule | null,
  header: string,
  lang: Lang,
  populationSheet: string
): StandardColumn["alert"] {
  if (!rule) return null;
  const p = { header };
  const numberAlert = (message: StandardKey, r: { min: number; max: number }) => ({
    style: "stop" as const,
    title: st("alert.number.title", lang),
    message: st(message, lang, { ...p, min: r.min, max: r.max }),
  });
  if (spec.type === "percent") return numberAlert("alert.percent", { min: 0, max: 1 });
  switch (rule.type) {
    case "list": {
      const values = listText(rule.values, lang);
      return rule.strict
        ? {
            style: "stop",
            title: st("alert.list.title", lang),
            message: st("alert.list", lang, { ...p, values }),
          }
        : {
            style: "warning",
            title: st("alert.listOpen.title", lang),
            message: st("alert.listOpen", lang, { ...p, values }),
          };
    }
    case "communities":
      return {
        style: "stop",
        title: st("alert.list.title", lang),
        message: st("alert.communities", lang, { ...p, sheet: populationSheet }),
      };
    case "date":
      return {
        style: "stop",
        title: st("alert.date.title", lang),
        message: st("alert.date", lang, p),
      };
    case "whole":
      return numberAlert("alert.whole", rule);
    case "decimal":
      return numberAlert("alert.decimal", rule);
    case "above":
      return numberAlert("alert.above", rule);
  }
}

/**
 * The columns of one kind's standard sheet. `populationSheet` is the name the population sheet
 * has in this workbook (the drop-downs and messages name it); null when there is none, and then
 * the community columns have no drop-down.
 */
export function standardColumns(
  kind: SheetKind,
  lang: Lang,
  populationSheet: string | null
): StandardColumn[] {
  const communities = populationSheet !== null;
  const population = populationSheet ?? sheetName("population", lang);
  const number: StandardColumn = {
    field: null,
    header: st("column.number", lang),
    required: false,
    format: "int",
    width: 6,
    rule: null,
    prompt: { title: st("column.number", lang), message: st("hint.number", lang) },
    alert: null,
  };
  const fields = (COLUMN_ORDER[kind] as readonly AnyField[]).map((field): StandardColumn => {
    const spec = fieldSpec(kind, field as FieldsOf[typeof kind]) as FieldSpec;
    const header = fieldLabel(kind, field, lang);
    const rule = ruleOf(kind, spec, lang, communities);
    const extra = extraKey(kind, field);
    const message = [
      st(spec.required ? "required" : "optional", lang),
      hintOf(spec, rule, lang, population),
      extra ? st(extra, lang) : "",
    ]
      .filter((part) => part !== "")
      .join(lang === "zh-CN" ? "" : " ");
    const dropDown = rule?.type === "list" || rule?.type === "communities" ? 3 : 0;
    return {
      field,
      header,
      required: spec.required,
      format: formatOf(spec),
      width: Math.max(WIDTHS[field] ?? 10, textWidth(header) + 2 + dropDown),
      rule,
      prompt: { title: header, message },
      alert: alertOf(spec, rule, header, lang, population),
    };
  });
  return [number, ...fields];
}

export interface LayoutOptions {
  lang: Lang;
  /** What the target workbook already holds. */
  taken?: Taken;
  /** The kinds to lay out (default: all five). */
  kinds?: readonly SheetKind[];
  /** Add the instructions sheet (default true). */
  instructions?: boolean;
  /** Extra instruction lines after the standard ones (tidy says where the sheets came from). */
  extraLines?: readonly string[];
}

/** Free sheet names for the kinds (and the instructions sheet), in STANDARD_KINDS order. */
export function sheetNames(
  kinds: readonly SheetKind[],
  lang: Lang,
  taken: readonly string[],
  instructions: boolean
): { names: Map<SheetKind, string>; instructions: string | null } {
  const used = [...taken];
  const names = new Map<SheetKind, string>();
  let instructionsName: string | null = null;
  if (instructions) {
    instructionsName = freeSheetName(sheetName("instructions", lang), used);
    used.push(instructionsName);
  }
  for (const kind of STANDARD_KINDS) {
    if (!kinds.includes(kind)) continue;
    const name = freeSheetName(sheetName(kind, lang), used);
    names.set(kind, name);
    used.push(name);
  }
  return { names, instructions: instructionsName };
}

function instructionsSheet(
  name: string,
  sheets: readonly StandardSheet[],
  lang: Lang,
  extraLines: readonly string[]
): InstructionsSheet {
  const population = sheets.find((s) => s.kind === "population");
  const lines = [
    st("instructions.title", lang),
    st("instructions.sheets", lang, {
      sheets: listText(
        sheets.map((s) => s.name),
        lang
      ),
    }),
    ...sheets.map((s) =>
      st("instructions.required", lang, {
        sheet: s.name,
        columns: listText(
          s.columns.filter((c) => c.required).map((c) => c.header),
          lang
        ),
      })
    ),
    ...(population ? [st("instructions.population", lang, { sheet: population.name })] : []),
    st("instructions.dates", lang),
    st("instructions.text", lang),
    st("instructions.lists", lang),
    st("instructions.numbers", lang),
    st("instructions.layout", lang),
    st("instructions.figures", lang),
    ...extraLines,
  ];
  return { name, lines };
}

/** The standard workbook without rows: the template of `cedu template` and "插入标准表". */
export function standardWorkbook(options: LayoutOptions): StandardWorkbook {
  const { lang } = options;
  const kinds = options.kinds ?? STANDARD_KINDS;
  const withInstructions = options.instructions ?? true;
  const { names, instructions } = sheetNames(
    kinds,
    lang,
    options.taken?.sheets ?? [],
    withInstructions
  );
  const populationSheet = names.get("population") ?? null;
  const sheets: StandardSheet[] = STANDARD_KINDS.filter((k) => names.has(k)).map((kind) => ({
    kind,
    name: names.get(kind) as string,
    columns: standardColumns(kind, lang, populationSheet),
    rows: [],
    sources: [],
  }));
  // The population sheet's community column, after its 序号 column.
  const populationColumn = columnLetter(1 + COLUMN_ORDER.population.indexOf("community"));
  return {
    lang,
    sheets,
    instructions:
      instructions === null
        ? null
        : instructionsSheet(instructions, sheets, lang, options.extraLines ?? []),
    communities:
      populationSheet === null
        ? null
        : communityList(populationSheet, populationColumn, options.taken?.names ?? []),
  };
}
