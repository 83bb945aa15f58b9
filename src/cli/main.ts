/**
 * `cedu report` and `cedu validate`: the engine on .xlsx files, for people
 * without Microsoft 365 and for district offices with many workbooks.
 * Every failure is one line and an exit code, never a stack trace.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { workbookLang } from "../core";
import { allIssues, analyze, figures, periodFrom, type Analysis } from "../core";
import { isISODay, periodISO } from "../core";
import { format, normalizeLang, t } from "../core";
import { rateValue } from "../core";
import {
  buildReport,
  displayWidth,
  summarize,
  jsonRows,
  CATEGORY_TABLE,
  COMMUNITY_TABLE,
  ISSUES_TABLE,
  PLAN_TABLE,
  SCHOOLS_TABLE,
  TARGET_GROUP_TABLE,
  type CommunityJson,
  type GroupJson,
  type IssueJson,
  type PlanRowJson,
  type SchoolTypeJson,
} from "../core";

import {
  buildDraft,
  comparisonJson,
  draftText,
  isComparison,
  planJson,
  previousYearInData,
  previousYearInWorkbook,
  schoolCountsJson,
  targetJson,
  teachersJson,
  type Comparison,
} from "../core";
import { draftDocx } from "../docx/draftDocx";
import { columnLetter } from "../core";
import type { Issue, Lang, Metrics, Rate } from "../core";
import { ReadError, readWorkbookFile } from "./read";
import { runTemplate, runTidy } from "./standard";
import { summaryXlsx } from "../xlsx/summary";
import { districtJson, loadInputs } from "./district";
import type { District } from "../core";

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s.endsWith("\n") ? s : `${s}\n`),
  err: (s) => process.stderr.write(s.endsWith("\n") ? s : `${s}\n`),
};

interface Args {
  command: string;
  /** The first input; `files` has them all (several, or a folder: a district). */
  file: string;
  files: string[];
  from?: string;
  to?: string;
  lang: Lang;
  /** --lang was given. */
  langSet: boolean;
  json: boolean;
  out?: string;
  /** Print the 工作总结 draft instead of the tables. */
  text: boolean;
  docx?: string;
  compare?: string;
}

class UsageError extends Error {}

function parseArgs(argv: string[], envLang: Lang): Args {
  const [command, ...rest] = argv;
  const args: Partial<Args> & {
    lang: Lang;
    langSet: boolean;
    json: boolean;
    text: boolean;
    files: string[];
  } = {
    command,
    lang: envLang,
    langSet: false,
    json: false,
    text: false,
    files: [],
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new UsageError(t("cli.badOption", args.lang, { value: a }));
      return v;
    };
    if (a === "--json") args.json = true;
    else if (a === "--from") args.from = value();
    else if (a === "--to") args.to = value();
    else if (a === "--lang") {
      args.lang = normalizeLang(value());
      args.langSet = true;
    } else if (a === "--out" || a === "-o") args.out = value();
    else if (a === "--text") args.text = true;
    else if (a === "--docx") args.docx = value();
    else if (a === "--compare") args.compare = value();
    else if (a.startsWith("--")) throw new UsageError(t("cli.badOption", args.lang, { value: a }));
    else args.files.push(a);
  }
  args.file = args.files[0];
  if (!["report", "validate", "template", "tidy"].includes(command) || !args.file)
    throw new UsageError(t("cli.usage", args.lang));
  if (args.text && args.json) throw new UsageError(t("cli.textOrJson", args.lang));
  return args as Args;
}

const num = (r: Rate) => rateValue(r);

function issuesJson(issues: readonly Issue[], lang: Lang): IssueJson[] {
  return jsonRows(ISSUES_TABLE, issues, lang) as unknown as IssueJson[];
}

function sheetsJson(a: Analysis, lang: Lang) {
  return a.sheets.map((s) => ({
    name: s.name,
    kind: s.kind,
    headerRow: s.headerRow,
    columns: Object.fromEntries(
      Object.entries(s.columns).map(([f, c]) => [f, columnLetter(c as number)])
    ),
    hidden: s.hidden,
    confidence: s.confidence,
    explanation: format(s.explanation, lang),
  }));
}

/** The JSON contract of `cedu report --json`. */
export function reportJson(
  a: Analysis,
  m: Metrics,
  lang: Lang,
  comparison: Comparison | null = null
) {
  const o = m.overall;
  const s = m.schools;
  return {
    period: periodISO(m.period),
    overall: {
      participants: o.participants,
      enrolments: o.enrolments,
      participationRate: num(o.participationRate),
      activities: o.activities,
      attendance: o.attendance,
      hours: o.hours,
      completionRate: num(o.completionRate),
      excellenceRate: num(o.excellenceRate),
      qualifiedRate: num(o.qualifiedRate),
      residents: o.residents,
      target: o.target,
      ...targetJson(o),
    },
    // The JSON types name what the descriptors give (test/core/report-tables.test.ts checks them).
    byCommunity: jsonRows(COMMUNITY_TABLE, m, lang) as unknown as CommunityJson[],
    byCategory: jsonRows(CATEGORY_TABLE, m, lang) as unknown as (GroupJson & {
      category: string;
    })[],
    byTargetGroup: jsonRows(TARGET_GROUP_TABLE, m, lang) as unknown as (GroupJson & {
      targetGroup: string;
    })[],
    schools: {
      count: s?.count ?? 0,
      ...schoolCountsJson(m),
      excellenceRate: s ? num(s.excellenceRate) : null,
      qualifiedRate: s ? num(s.qualifiedRate) : null,
      // The schools table's rows, keyed by type as the JSON has always had them.
      byType: Object.fromEntries(
        jsonRows(SCHOOLS_TABLE, m, lang).map(({ type, ...figures }) => [String(type), figures])
      ) as unknown as Record<string, SchoolTypeJson>,
    },
    teachers: teachersJson(m),
    plan: m.plan && {
      ...planJson(m),
      rows: jsonRows(PLAN_TABLE, m, lang) as unknown as PlanRowJson[],
    },
    comparison: comparisonJson(comparison),
    sheets: sheetsJson(a, lang).map(({ name, kind, headerRow, columns }) => ({
      name,
      kind,
      headerRow,
      columns,
    })),
    issues: issuesJson(allIssues(a, m), lang),
  };
}

function pad(s: string, w: number, right: boolean): string {
  const fill = " ".repeat(Math.max(0, w - displayWidth(s)));
  return right ? fill + s : s + fill;
}
function textTable(header: string[], rows: string[][], numeric: boolean[]): string {
  const widths = header.map((h, c) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c] ?? "")))
  );
  const line = (cells: string[]) => cells.map((x, c) => pad(x, widths[c], numeric[c])).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function shown(v: string | number | null, percent: boolean, lang: Lang): string {
  if (v === null) return t("report.na", lang);
  if (typeof v === "string") return v;
  if (percent) return `${(v * 100).toFixed(1)}%`;
  return Number.isInteger(v) ? v.toLocaleString("en-US") : v.toFixed(1);
}

function reportText(
  a: Analysis,
  m: Metrics,
  lang: Lang,
  file: string,
  district: District | null
): string {
  // The summary sheet's sections, the draft aside (--text prints it).
  const spec = buildReport(m, { lang, district });
  const parts: string[] = [`${path.basename(file)} — ${spec.sheets[0].title}`, ""];
  parts.push(t("cli.sheets", lang));
  parts.push(
    textTable(
      ["", "", ""],
      a.sheets.map((s) => [
        s.name,
        s.kind ? t(`kind.${s.kind}`, lang) : t("kind.none", lang),
        format(s.explanation, lang),
      ]),
      [false, false, false]
    )
      .split("\n")
      .slice(2)
      .join("\n")
  );
  for (const section of spec.sheets[0].sections) {
    const tb = section.table;
    parts.push("", `■ ${tb.title}`);
    const rows = (tb.totals ? [...tb.rows, tb.totals] : tb.rows).map((r, i) =>
      r.map((v, c) =>
        shown(v, (tb.cellFormats?.[i]?.[c] ?? tb.columns[c].format) === "percent", lang)
      )
    );
    parts.push(
      textTable(
        tb.columns.map((c) => c.header),
        rows,
        tb.columns.map((c) => c.format !== "text")
      )
    );
    // The district's tables are read with their note (the totals are de-duplicated).
    if (section.key === "sources" || section.key === "notReported") parts.push(tb.note);
  }
  parts.push("", issueSummary(allIssues(a, m), lang, 20));
  return parts.join("\n");
}

function issueSummary(issues: Issue[], lang: Lang, limit: number): string {
  const count = (s: string) => issues.filter((i) => i.severity === s).length;
  if (issues.length === 0) return t("cli.noIssues", lang);
  const lines = [
    `${t("cli.issues", lang)}: ${t("cli.issueCounts", lang, { errors: count("error"), warnings: count("warning"), infos: count("info") })}`,
  ];
  const byCode = new Map<string, Issue[]>();
  for (const i of issues) {
    const list = byCode.get(i.code);
    if (list) list.push(i);
    else byCode.set(i.code, [i]);
  }
  for (const [code, list] of byCode) {
    lines.push("", `[${t(`severity.${list[0].severity}`, lang)}] ${code} (${list.length})`);
    for (const i of list.slice(0, limit)) {
      lines.push(
        `  ${i.cell || "—"}  ${format(i.message, lang)}${i.value ? `  «${i.value}»` : ""}`
      );
    }
    if (list.length > limit) lines.push(`  ${t("cli.more", lang, { count: list.length - limit })}`);
  }
  return lines.join("\n");
}

function readFailure(e: ReadError, file: string, lang: Lang): string {
  switch (e.kind) {
    case "notFound":
      return t("cli.notFound", lang, { file });
    case "xls":
      return t("cli.xls", lang, { file });
    case "encrypted":
      return t("cli.encrypted", lang, { file });
    case "notWorkbook":
      return t("cli.notWorkbook", lang, { file });
    default:
      return t("cli.unreadable", lang, { file, reason: e.reason });
  }
}

/** The workbook at `file`, or null after saying in one line why it cannot be read. */
async function readOrSay(file: string, io: Io, lang: Lang) {
  try {
    return await readWorkbookFile(file);
  } catch (e) {
    if (e instanceof ReadError) {
      io.err(readFailure(e, file, lang));
      return null;
    }
    throw e;
  }
}

/**
 * CEDU_LANG, else the locale when it names a language; Chinese otherwise
 * (the C/POSIX locale of a server, or Windows without LANG, says nothing about the user).
 */
export function languageFromEnv(env: NodeJS.ProcessEnv): Lang {
  return localePreference(env) ?? "zh-CN";
}

/** CEDU_LANG, else the locale when it names a language; null when nothing states a preference. */
export function localePreference(env: NodeJS.ProcessEnv): Lang | null {
  const tag = env.CEDU_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return /^(c|posix)?([._].*)?$/i.test(tag) ? null : normalizeLang(tag);
}

/** Runs the command line; resolves to the exit code (0 ok, 1 errors found, 2 unusable input). */
export async function main(
  argv: string[],
  io: Io = defaultIo,
  env: NodeJS.ProcessEnv = process.env
): Promise<number> {
  const envLang = languageFromEnv(env);
  let args: Args;
  try {
    args = parseArgs(argv, envLang);
  } catch (e) {
    io.err(e instanceof UsageError ? e.message : t("cli.usage", envLang));
    return 2;
  }
  let { lang } = args;
  const preferred = args.langSet || localePreference(env) !== null;
  try {
    // `template` writes its file argument; every other command reads it.
    if (args.command === "template") return await runTemplate(args.file, lang, io);
    if (args.command === "tidy") {
      const workbook = await readOrSay(args.file, io, lang);
      if (!workbook) return 2;
      const analysis = analyze(workbook);
      if (!preferred) lang = workbookLang(analysis.sheets) ?? lang;
      return await runTidy(args.file, workbook, analysis, args.out, lang, io);
    }
    const loaded = await loadInputs(
      args.files,
      [args.out, args.docx].filter((f): f is string => Boolean(f)),
      (file) => readOrSay(file, io, lang),
      (line) => io.err(line),
      (e, file) => readFailure(e, file, lang),
      lang
    );
    if (!loaded) return 2;
    const { analysis, district } = loaded;
    // With no --lang and no locale preference, speak the workbook's language (English headers → English).
    if (!preferred) lang = workbookLang(analysis.sheets) ?? lang;
    if (!analysis.sheets.some((s) => s.kind)) {
      if (args.json && args.command === "validate")
        io.out(
          JSON.stringify({
            ok: false,
            reason: t("cli.nothingRecognised", lang, { file: args.file }),
            sheets: sheetsJson(analysis, lang),
          })
        );
      io.err(t("cli.nothingRecognised", lang, { file: args.file }));
      return 2;
    }
    for (const [value, ok] of [
      [args.from, !args.from || isISODay(args.from)],
      [args.to, !args.to || isISODay(args.to)],
    ] as const) {
      if (!ok) {
        io.err(t("cli.badDate", lang, { value: value ?? "" }));
        return 2;
      }
    }
    const period = periodFrom(analysis, args.from, args.to);
    if (!period) {
      io.err(t("cli.badDate", lang, { value: `${args.from ?? ""} ${args.to ?? ""}`.trim() }));
      return 2;
    }
    const metrics = figures(analysis, { period });
    const issues = allIssues(analysis, metrics);
    const errors = issues.filter((i) => i.severity === "error").length;

    if (args.command === "validate") {
      if (args.json) {
        const byCode: Record<string, ReturnType<typeof issuesJson>> = {};
        for (const i of issues) (byCode[i.code] ??= []).push(...issuesJson([i], lang));
        io.out(
          JSON.stringify({
            ok: errors === 0,
            counts: {
              error: errors,
              warning: issues.filter((i) => i.severity === "warning").length,
              info: issues.filter((i) => i.severity === "info").length,
            },
            byCode,
            sheets: sheetsJson(analysis, lang),
          })
        );
      } else {
        io.out(issueSummary(issues, lang, 50));
      }
      return errors > 0 ? 1 : 0;
    }

    let comparison: Comparison | null = null;
    if (args.compare) {
      const other = await readOrSay(args.compare, io, lang);
      if (!other) return 2;
      const found = previousYearInWorkbook(
        analysis,
        metrics,
        analyze(other),
        path.basename(args.compare)
      );
      if (isComparison(found)) comparison = found;
      else io.err(t("cli.compareNoData", lang, { file: args.compare, ...periodISO(found.period) }));
    } else {
      comparison = previousYearInData(analysis, metrics);
    }

    if (args.out) {
      const { spec } = summarize(analysis, {
        lang,
        period: { from: args.from, to: args.to },
        district,
        comparison,
      });
      await fs.writeFile(args.out, await summaryXlsx(spec));
      io.err(t("cli.written", lang, { file: args.out }));
    }
    const draft = args.text || args.docx ? buildDraft(metrics, { lang, comparison }) : null;
    if (args.docx && draft) {
      await fs.writeFile(args.docx, await draftDocx(draft));
      io.err(t("cli.written", lang, { file: args.docx }));
    }
    io.out(
      args.json
        ? JSON.stringify({
            ...reportJson(analysis, metrics, lang, comparison),
            ...(district ? districtJson(district, period, lang) : {}),
          })
        : draft && args.text
          ? draftText(draft)
          : reportText(
              analysis,
              metrics,
              lang,
              district ? args.files.join(" ") : args.file,
              district
            )
    );
    // A file that could not be read leaves the district's figures short: say so by the exit code.
    return loaded.failed > 0 ? 1 : 0;
  } catch (e) {
    // Last resort: one line, no stack trace.
    io.err(
      t("cli.unreadable", lang, {
        file: args.file,
        reason: (e as Error)?.message?.split("\n")[0] ?? String(e),
      })
    );
    return 2;
  }
}
