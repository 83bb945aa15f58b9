/**
 * Writes the 工作总结 draft from the figures of the summary sheet (`Metrics`)
 * and, when there is one, the comparison with the same period last year.
 * Nothing is recomputed here: every number is a figure the report already
 * has, tagged with its place in `cedu report --json`. A section whose data
 * is missing is left out, and so is a clause whose rate has no denominator.
 */
import { isoFromEpochDay } from "../cells";
import { t, type MessageKey } from "../i18n";
import { isDivByZero } from "../rate";
import type { GroupRow, Lang, Metrics, Rate } from "../types";
import type { Comparison, CountChange, RateChange } from "./compare";
import { figure, type FigureOptions, type Unit } from "./format";
import { targetGap } from "./json";
import { periodShape } from "../period";
import { heading, phrase, PUNCTUATION, type PhraseKey } from "./phrases";
import type {
  Draft,
  DraftPart,
  DraftParagraph,
  DraftSection,
  DraftSectionKey,
  DraftSentence,
  FigureFormat,
  FigurePart,
  KeyFigureColumn,
  KeyFigureRow,
  KeyFigureTable,
} from "./types";

export interface DraftOptions {
  lang: Lang;
  comparison?: Comparison | null;
}

type Parts = DraftPart[];
type Param = Parts | DraftPart | string;

/** How many categories, groups or plan items a sentence names. */
const LIST_LENGTH = 3;
const OPEN_ITEMS = 5;

class Writer {
  readonly p;
  constructor(
    readonly m: Metrics,
    readonly lang: Lang,
    readonly c: Comparison | null
  ) {
    this.p = PUNCTUATION[lang];
  }

  text(text: string): DraftPart {
    return { kind: "text", text };
  }

  name(text: string): DraftPart {
    return { kind: "name", text };
  }

  fig(
    path: (string | number)[],
    value: number | string,
    format: FigureFormat,
    options?: FigureOptions
  ) {
    return figure(path, value, format, this.lang, options);
  }

  /** A phrase with its placeholders filled by figures, names or text. */
  say(key: PhraseKey, params: Record<string, Param> = {}): Parts {
    const out: Parts = [];
    const template = phrase(key, this.lang);
    let last = 0;
    for (const match of template.matchAll(/\{(\w+)\}/g)) {
      if (match.index > last) out.push(this.text(template.slice(last, match.index)));
      const value = params[match[1]];
      if (value === undefined) throw new Error(`draft phrase ${key}: no value for {${match[1]}}`);
      if (typeof value === "string") out.push(this.text(value));
      else if (Array.isArray(value)) out.push(...value);
      else out.push(value);
      last = match.index + match[0].length;
    }
    if (last < template.length) out.push(this.text(template.slice(last)));
    return out;
  }

  /** Clauses joined by commas, groups of clauses by semicolons, with the sentence's full stop. */
  sentence(...groups: Parts[][]): DraftSentence {
    const parts: Parts = [];
    groups
      .filter((g) => g.length > 0)
      .forEach((group, gi) => {
        if (gi > 0) parts.push(this.text(this.p.group));
        group.forEach((clause, ci) => {
          if (ci > 0) parts.push(this.text(this.p.clause));
          parts.push(...clause);
        });
      });
    parts.push(this.text(this.p.end));
    return { parts: merge(parts) };
  }

  /** A, B and C; an open list (followed by "and others") has no "and". */
  list(items: Parts[], open = false): Parts {
    const out: Parts = [];
    items.forEach((item, i) => {
      const last = i === items.length - 1 && !open;
      if (i > 0) out.push(this.text(last ? this.p.listLast : this.p.listItem));
      out.push(...item);
    });
    return out;
  }

  count(path: (string | number)[], n: number, unit: Unit): FigurePart {
    return this.fig(path, n, unit === "hours" ? "decimal" : "count", { unit });
  }

  rate(path: (string | number)[], r: number): FigurePart {
    return this.fig(path, r, "percent");
  }

  /** 全年 / In 2025, */
  when(): Parts {
    const shape = periodShape(this.m.period);
    const year = this.fig(["period", "from"], isoFromEpochDay(this.m.period.from), "year");
    switch (shape.kind) {
      case "year":
        return this.say("when.year", { year });
      case "firstHalf":
        return this.say("when.firstHalf", { year });
      case "secondHalf":
        return this.say("when.secondHalf", { year });
      default:
        return this.say("when.other");
    }
  }

  /** "比上年增长12.3%" for a count, when last year's count is not zero. */
  countChange(key: keyof Comparison["changes"], phraseKey: PhraseKey): Parts[] {
    const change = this.c?.changes[key] as CountChange | undefined;
    if (!change || isDivByZero(change.relative)) return [];
    const part = this.fig(["comparison", "change", key, "relative"], change.relative, "change");
    return [this.say(phraseKey, { change: part })];
  }

  /** "比上年提高2.1个百分点" for a rate, when both years have it. */
  rateChange(key: keyof Comparison["changes"], phraseKey: PhraseKey): Parts[] {
    const change = this.c?.changes[key] as RateChange | null | undefined;
    if (!change || change.points === null) return [];
    const part = this.fig(["comparison", "change", key, "points"], change.points, "points");
    return [this.say(phraseKey, { change: part })];
  }
}

/** Adjacent text parts as one, so the structure stays small. */
function merge(parts: Parts): Parts {
  const out: Parts = [];
  for (const p of parts) {
    const prev = out[out.length - 1];
    if (p.kind === "text" && prev?.kind === "text")
      out[out.length - 1] = { kind: "text", text: prev.text + p.text };
    else if (!(p.kind === "text" && p.text === "")) out.push(p);
  }
  return out;
}

const isRate = (r: Rate): r is number => !isDivByZero(r);

/* ------------------------------------------------------------------ sections */

function schools(w: Writer): DraftParagraph[] | null {
  const s = w.m.schools;
  if (!s || s.count === 0) return null;
  const sentences: DraftSentence[] = [];
  const first: Parts[] = [
    w.say("schools.count", {
      when: w.when(),
      count: w.count(["schools", "count"], s.count, "schools"),
    }),
  ];
  if (s.byType.length > 1) {
    const items = s.byType.map((g) =>
      w.say("schools.type", {
        name: g.type === "" ? w.text(t("report.notStated", w.lang)) : w.name(g.type),
        count: w.count(["schools", "byType", g.type, "count"], g.count, "schools"),
      })
    );
    first.push(w.say("schools.types", { list: w.list(items) }));
  }
  const diff = w.c?.changes.schools;
  if (diff) {
    const change = w.fig(
      ["comparison", "change", "schools", "difference"],
      diff.difference,
      "difference",
      {
        unit: "schools",
      }
    );
    first.push(w.say("schools.countChange", { change }));
  }
  sentences.push(w.sentence(first));

  if (s.rated > 0) {
    const lead: Parts[] = [
      s.rated < s.count
        ? w.say("schools.rated", { rated: w.count(["schools", "rated"], s.rated, "schools") })
        : w.say("schools.assessed"),
    ];
    const qualified: Parts[] = [];
    if (isRate(s.qualifiedRate)) {
      qualified.push(
        w.say("schools.qualified", {
          qualified: w.count(["schools", "qualified"], s.qualified, "schools"),
          rate: w.rate(["schools", "qualifiedRate"], s.qualifiedRate),
        }),
        ...w.rateChange("schoolQualifiedRate", "training.rateChange")
      );
    }
    const excellent: Parts[] = [];
    if (isRate(s.excellenceRate)) {
      excellent.push(
        w.say("schools.excellent", {
          excellent: w.count(["schools", "excellent"], s.excellent, "schools"),
          rate: w.rate(["schools", "excellenceRate"], s.excellenceRate),
        }),
        ...w.rateChange("schoolExcellenceRate", "training.rateChange")
      );
    }
    sentences.push(w.sentence([...lead, ...qualified], excellent));

    const rated = s.byType.filter((g) => g.rated > 0 && isRate(g.excellenceRate));
    if (s.byType.length > 1 && rated.length > 0) {
      const groups = rated.map((g) => [
        w.say("schools.byType", {
          name: g.type === "" ? w.text(t("report.notStated", w.lang)) : w.name(g.type),
          excellent: w.count(["schools", "byType", g.type, "excellent"], g.excellent, "schools"),
          rate: w.rate(["schools", "byType", g.type, "excellenceRate"], g.excellenceRate as number),
        }),
      ]);
      groups[0] = [[...w.say("schools.byTypeLead"), ...groups[0][0]]];
      sentences.push(w.sentence(...groups));
    }
  }
  return [{ sentences }];
}

/** The first rows of a ranked table that have something to say (the "not stated" row excluded). */
function leaders(
  rows: GroupRow[],
  by: "enrolments" | "activities"
): { row: GroupRow; index: number }[] {
  return rows
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => row.key !== "" && row[by] > 0)
    .sort(
      (a, b) =>
        b.row[by] - a.row[by] ||
        b.row.attendance - a.row.attendance ||
        b.row.participants - a.row.participants ||
        a.index - b.index
    )
    .slice(0, LIST_LENGTH);
}

function training(w: Writer): DraftParagraph[] | null {
  const o = w.m.overall;
  if (o.enrolments === 0) return null;
  const sentences: DraftSentence[] = [];
  sentences.push(
    w.sentence([
      w.say("training.people", {
        when: w.when(),
        participants: w.count(["overall", "participants"], o.participants, "people"),
        enrolments: w.count(["overall", "enrolments"], o.enrolments, "enrolments"),
      }),
      ...w.countChange("participants", "training.participantsChange"),
      ...w.countChange("enrolments", "training.enrolmentsChange"),
    ])
  );

  const learners = w.c?.learners;
  if (learners && isRate(learners.returningShare)) {
    sentences.push(
      w.sentence([
        w.say("training.learners", {
          new: w.count(["comparison", "learners", "new"], learners.new, "people"),
          returning: w.count(["comparison", "learners", "returning"], learners.returning, "people"),
          share: w.rate(["comparison", "learners", "returningShare"], learners.returningShare),
        }),
      ])
    );
  }

  if (o.residents > 0 && isRate(o.participationRate)) {
    const clauses: Parts[] = [
      w.say("training.rate", {
        rate: w.rate(["overall", "participationRate"], o.participationRate),
        residents: w.count(["overall", "residents"], o.residents, "residents"),
      }),
    ];
    const gap = targetGap(o) as number;
    const target = w.fig(["overall", "target"], o.target, "percent", { trimZero: true });
    const gapPart = w.fig(["overall", "targetGap"], gap, "gap");
    if (Math.abs(gap) < 0.0005) clauses.push(w.say("training.met", { target }));
    else if (o.targetMet) clauses.push(w.say("training.above", { target, gap: gapPart }));
    else clauses.push(w.say("training.below", { target, gap: gapPart }));
    clauses.push(...w.rateChange("participationRate", "training.rateChange"));
    sentences.push(w.sentence(clauses));
  }

  const outcomes: Parts[] = [];
  const outcome = (
    key: "completionRate" | "excellenceRate" | "qualifiedRate",
    phraseKey: PhraseKey
  ) => {
    const r = o[key];
    if (!isRate(r)) return;
    const change = w.c?.changes[key];
    const parts = w.say(phraseKey, { rate: w.rate(["overall", key], r) });
    if (change && change.points !== null)
      parts.push(
        ...w.say("training.outcomeChange", {
          change: w.fig(["comparison", "change", key, "points"], change.points, "points"),
        })
      );
    outcomes.push(parts);
  };
  outcome("completionRate", "training.completion");
  outcome("excellenceRate", "training.excellence");
  outcome("qualifiedRate", "training.qualified");
  if (outcomes.length > 0) {
    outcomes[0] = [...w.say("training.outcomeLead"), ...outcomes[0]];
    sentences.push(w.sentence(outcomes));
  }

  const rankings: [GroupRow[], "byCategory" | "byTargetGroup", PhraseKey][] = [
    [w.m.byCategory, "byCategory", "training.categories"],
    [w.m.byTargetGroup, "byTargetGroup", "training.groups"],
  ];
  for (const [rows, table, key] of rankings) {
    const top = leaders(rows, "enrolments");
    if (top.length < 2) continue;
    const items = top.map(({ row, index }) =>
      w.say("training.item", {
        name: w.name(row.key),
        count: w.count([table, index, "enrolments"], row.enrolments, "enrolments"),
      })
    );
    sentences.push(w.sentence([w.say(key, { list: w.list(items) })]));
  }

  const rated = w.m.byCommunity
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => row.inPopulation && isRate(row.participationRate));
  if (rated.length >= 2) {
    const byRate = [...rated].sort(
      (a, b) =>
        (b.row.participationRate as number) - (a.row.participationRate as number) ||
        a.index - b.index
    );
    const best = byRate[0];
    const worst = byRate[byRate.length - 1];
    if ((best.row.participationRate as number) > (worst.row.participationRate as number)) {
      sentences.push(
        w.sentence([
          w.say("training.communities", {
            best: w.name(best.row.community),
            high: w.rate(
              ["byCommunity", best.index, "participationRate"],
              best.row.participationRate as number
            ),
            worst: w.name(worst.row.community),
            low: w.rate(
              ["byCommunity", worst.index, "participationRate"],
              worst.row.participationRate as number
            ),
          }),
        ])
      );
    }
  }
  return [{ sentences }];
}

function activities(w: Writer): DraftParagraph[] | null {
  const o = w.m.overall;
  if (o.activities === 0) return null;
  const sentences: DraftSentence[] = [];
  const clauses: Parts[] = [
    w.say("activities.main", {
      when: w.when(),
      activities: w.count(["overall", "activities"], o.activities, "activities"),
      attendance: w.count(["overall", "attendance"], o.attendance, "attendances"),
    }),
  ];
  if (o.hours > 0)
    clauses.push(
      w.say("activities.hours", { hours: w.count(["overall", "hours"], o.hours, "hours") })
    );
  clauses.push(
    ...w.countChange("activities", "activities.activitiesChange"),
    ...w.countChange("attendance", "activities.attendanceChange")
  );
  sentences.push(w.sentence(clauses));

  const top = leaders(w.m.byCategory, "activities");
  if (top.length >= 2) {
    const items = top.map(({ row, index }) =>
      w.say("training.item", {
        name: w.name(row.key),
        count: w.count(["byCategory", index, "activities"], row.activities, "activities"),
      })
    );
    sentences.push(w.sentence([w.say("activities.categories", { list: w.list(items) })]));
  }
  return [{ sentences }];
}

function teachers(w: Writer): DraftParagraph[] | null {
  const tm = w.m.teachers;
  if (!tm) return null;
  const sum = (k: "fullTime" | "partTime" | "volunteer" | "unspecified") =>
    tm.byMonth.reduce((n, row) => n + row[k], 0);
  const sentences: DraftSentence[] = [];
  if (tm.byTeacher.length > 0) {
    sentences.push(
      w.sentence([
        w.say("teachers.count", {
          when: w.when(),
          teachers: w.count(["teachers", "teachers"], tm.byTeacher.length, "teachers"),
        }),
      ])
    );
  }
  const kinds: ["fullTime" | "partTime" | "volunteer" | "unspecified", PhraseKey][] = [
    ["fullTime", "teachers.fullTime"],
    ["partTime", "teachers.partTime"],
    ["volunteer", "teachers.volunteer"],
    ["unspecified", "teachers.unspecified"],
  ];
  const items = kinds
    .filter(([k]) => sum(k) > 0)
    .map(([k, key]) =>
      w.say(key, { count: w.count(["teachers", "sessions", k], sum(k), "sessions") })
    );
  // Only the "not stated" kind says nothing about the staff.
  if (items.length > 0 && !(items.length === 1 && sum("unspecified") > 0))
    sentences.push(w.sentence([w.say("teachers.byType", { list: w.list(items) })]));
  return sentences.length > 0 ? [{ sentences }] : null;
}

function plan(w: Writer): DraftParagraph[] | null {
  const p = w.m.plan;
  if (!p || p.planned === 0) return null;
  const sentences: DraftSentence[] = [
    w.sentence([
      w.say("plan.main", {
        when: w.when(),
        planned: w.count(["plan", "planned"], p.planned, "sessions"),
        delivered: w.count(["plan", "delivered"], p.delivered, "sessions"),
        rate: w.rate(["plan", "planCompletion"], p.planCompletion as number),
      }),
      ...w.rateChange("planCompletion", "plan.change"),
    ]),
  ];
  const open: string[] = [];
  for (const row of p.rows)
    if (row.delivered < row.planned && !open.includes(row.item)) open.push(row.item);
  if (open.length === 0) sentences.push(w.sentence([w.say("plan.done")]));
  else {
    const more = open.length > OPEN_ITEMS;
    const names = w.list(
      open.slice(0, OPEN_ITEMS).map((item) => [w.name(item)]),
      more
    );
    const list = more ? w.say("plan.openMore", { list: names }) : names;
    sentences.push(w.sentence([w.say("plan.open", { list })]));
  }
  return [{ sentences }];
}

const SECTIONS: Record<DraftSectionKey, (w: Writer) => DraftParagraph[] | null> = {
  schools,
  training,
  activities,
  teachers,
  plan,
};
const ORDER: DraftSectionKey[] = ["schools", "training", "activities", "teachers", "plan"];

/* ------------------------------------------------------------------ title, intro, table */

function title(w: Writer): DraftSentence {
  const shape = periodShape(w.m.period);
  const from = isoFromEpochDay(w.m.period.from);
  const to = isoFromEpochDay(w.m.period.to);
  const year = w.fig(["period", "from"], from, "year");
  const parts =
    shape.kind === "year"
      ? w.say("title.year", { year })
      : shape.kind === "firstHalf"
        ? w.say("title.firstHalf", { year })
        : shape.kind === "secondHalf"
          ? w.say("title.secondHalf", { year })
          : w.say("title.other", {
              from: w.fig(["period", "from"], from, "date"),
              to: w.fig(["period", "to"], to, "date"),
            });
  return { parts: merge(parts) };
}

function intro(w: Writer, empty: boolean): DraftParagraph {
  const from = w.fig(["period", "from"], isoFromEpochDay(w.m.period.from), "date");
  const to = w.fig(["period", "to"], isoFromEpochDay(w.m.period.to), "date");
  const sentences = [w.sentence([w.say("intro.period", { from, to })])];
  const c = w.c;
  if (c) {
    const params = {
      from: w.fig(["comparison", "period", "from"], isoFromEpochDay(c.period.from), "date"),
      to: w.fig(["comparison", "period", "to"], isoFromEpochDay(c.period.to), "date"),
      file: w.name(c.file ?? ""),
    };
    sentences.push(
      w.sentence([w.say(c.source === "file" ? "intro.compareFile" : "intro.compareData", params)])
    );
  }
  if (empty) sentences.push(w.sentence([w.say("intro.empty")]));
  return { sentences };
}

function keyTable(w: Writer, present: Set<DraftSectionKey>): KeyFigureTable {
  const o = w.m.overall;
  const rows: KeyFigureRow[] = [];
  const add = (
    key: string,
    label: MessageKey,
    value: FigurePart,
    target: FigurePart | null,
    changeKey: keyof Comparison["changes"] | null
  ) => {
    const change = changeKey ? w.c?.changes[changeKey] : null;
    let previous: FigurePart | null = null;
    let delta: FigurePart | null = null;
    if (change && changeKey) {
      const base = ["comparison", "change", changeKey];
      if ("relative" in change) {
        previous = w.fig([...base, "previous"], change.previous, value.format, {
          unit: unitOf(key),
        });
        if (!isDivByZero(change.relative))
          delta = w.fig([...base, "relative"], change.relative, "change", { signed: true });
      } else if ("difference" in change) {
        previous = w.fig([...base, "previous"], change.previous, "count", { unit: "schools" });
        delta = w.fig([...base, "difference"], change.difference, "difference", {
          unit: "schools",
          signed: true,
        });
      } else {
        if (change.previous !== null)
          previous = w.fig([...base, "previous"], change.previous, "percent");
        if (change.points !== null)
          delta = w.fig([...base, "points"], change.points, "points", { signed: true });
      }
    }
    rows.push({ key, label: t(label, w.lang), value, target, previous, change: delta });
  };
  if (present.has("training")) {
    add(
      "participants",
      "ind.participants",
      w.count(["overall", "participants"], o.participants, "people"),
      null,
      "participants"
    );
    add(
      "enrolments",
      "ind.enrolments",
      w.count(["overall", "enrolments"], o.enrolments, "enrolments"),
      null,
      "enrolments"
    );
    if (o.residents > 0 && isRate(o.participationRate))
      add(
        "participationRate",
        "ind.participationRate",
        w.rate(["overall", "participationRate"], o.participationRate),
        w.fig(["overall", "target"], o.target, "percent", { trimZero: true }),
        "participationRate"
      );
    for (const [key, label] of [
      ["completionRate", "ind.completionRate"],
      ["excellenceRate", "ind.excellenceRate"],
      ["qualifiedRate", "ind.qualifiedRate"],
    ] as const) {
      const r = o[key];
      if (isRate(r)) add(key, label, w.rate(["overall", key], r), null, key);
    }
  }
  if (present.has("activities")) {
    add(
      "activities",
      "ind.activities",
      w.count(["overall", "activities"], o.activities, "activities"),
      null,
      "activities"
    );
    add(
      "attendance",
      "ind.attendance",
      w.count(["overall", "attendance"], o.attendance, "attendances"),
      null,
      "attendance"
    );
    if (o.hours > 0)
      add("hours", "ind.hours", w.count(["overall", "hours"], o.hours, "hours"), null, "hours");
  }
  const s = w.m.schools;
  if (present.has("schools") && s) {
    add(
      "schools",
      "ind.schools",
      w.count(["schools", "count"], s.count, "schools"),
      null,
      "schools"
    );
    if (isRate(s.qualifiedRate))
      add(
        "schoolQualifiedRate",
        "ind.schoolQualifiedRate",
        w.rate(["schools", "qualifiedRate"], s.qualifiedRate),
        null,
        "schoolQualifiedRate"
      );
    if (isRate(s.excellenceRate))
      add(
        "schoolExcellenceRate",
        "ind.schoolExcellenceRate",
        w.rate(["schools", "excellenceRate"], s.excellenceRate),
        null,
        "schoolExcellenceRate"
      );
  }
  const p = w.m.plan;
  if (present.has("plan") && p && isRate(p.planCompletion))
    add(
      "planCompletion",
      "ind.planCompletion",
      w.rate(["plan", "planCompletion"], p.planCompletion),
      null,
      "planCompletion"
    );
  const columns: KeyFigureColumn[] = ["label", "value"];
  for (const key of ["target", "previous", "change"] as const)
    if (rows.some((r) => r[key] !== null)) columns.push(key);
  return {
    title: phrase("table.title", w.lang),
    columns: columns.map((key) => ({ key, header: phrase(`table.${key}`, w.lang) })),
    rows,
  };
}

function unitOf(key: string): Unit | undefined {
  const units: Record<string, Unit> = {
    participants: "people",
    enrolments: "enrolments",
    activities: "activities",
    attendance: "attendances",
    hours: "hours",
  };
  return units[key];
}

export function buildDraft(m: Metrics, options: DraftOptions): Draft {
  const w = new Writer(m, options.lang, options.comparison ?? null);
  const sections: DraftSection[] = [];
  for (const key of ORDER) {
    const paragraphs = SECTIONS[key](w);
    if (!paragraphs) continue;
    sections.push({ key, heading: heading(key, sections.length, w.lang), paragraphs });
  }
  const present = new Set(sections.map((s) => s.key));
  return {
    lang: w.lang,
    title: title(w),
    intro: intro(w, sections.length === 0),
    sections,
    table: keyTable(w, present),
  };
}
