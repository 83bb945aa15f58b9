/**
 * `cedu report` on several workbooks (files and folders): each read and analysed on its own,
 * merged into one district (src/core/district), and the district's own tables (what each file
 * reported, which schools have not reported) as text and JSON.
 */
import { promises as fs } from "fs";
import { analyze, type Analysis } from "../core/engine";
import { bySource, consolidate, type District } from "../core/district/consolidate";
import { t } from "../core/i18n";
import type { Lang, Period } from "../core/types";
import type { ReadError } from "./read";
import { expandInputs, readSources } from "./sources";

export interface Loaded {
  analysis: Analysis;
  /** null for a single workbook. */
  district: District | null;
  /** Files that could not be read (already reported). */
  failed: number;
}

/** One workbook as before; several files or a folder as a district. null: nothing usable (said why). */
export async function loadInputs(
  inputs: readonly string[],
  exclude: readonly string[],
  read: (file: string) => Promise<Parameters<typeof analyze>[0] | null>,
  say: (line: string) => void,
  failure: (e: ReadError, file: string) => string,
  lang: Lang
): Promise<Loaded | null> {
  const single =
    inputs.length === 1 &&
    !(await fs
      .stat(inputs[0])
      .then((s) => s.isDirectory())
      .catch(() => false));
  if (single) {
    const workbook = await read(inputs[0]);
    return workbook ? { analysis: analyze(workbook), district: null, failed: 0 } : null;
  }
  const { files, empty } = await expandInputs(inputs, exclude);
  for (const folder of empty) say(t("cli.emptyFolder", lang, { file: folder }));
  if (files.length === 0) return null;
  const { sources, failures } = await readSources(files);
  for (const f of failures) say(failure(f.error, f.file));
  if (sources.length === 0) return null;
  const district = consolidate(sources);
  return { analysis: district.analysis, district, failed: failures.length };
}

/** `--json`'s district part. */
export function districtJson(d: District, period: Period) {
  return {
    sources: bySource(d, period).map((r, i) => ({ ...r, matchedBy: d.sources[i].matchedBy })),
    notReported: d.notReported,
  };
}

/** The district's two tables as header + rows for the text report. */
export function districtTables(
  d: District,
  period: Period,
  lang: Lang
): { title: string; header: string[]; rows: string[][]; numeric: boolean[] }[] {
  const rows = bySource(d, period);
  const n = (x: number) => x.toLocaleString("en-US");
  const sources = {
    title: t("district.sources", lang),
    header: [
      t("district.file", lang),
      t("district.school", lang),
      t("col.participants", lang),
      t("district.shared", lang),
      t("col.enrolments", lang),
      t("col.activities", lang),
      t("district.sharedActivities", lang),
      t("col.attendance", lang),
      t("district.errors", lang),
      t("district.warnings", lang),
    ],
    rows: rows.map((r) => [
      r.label,
      r.school ?? "—",
      n(r.participants),
      n(r.sharedParticipants),
      n(r.enrolments),
      n(r.activities),
      n(r.sharedActivities),
      n(r.attendance),
      n(r.errors),
      n(r.warnings),
    ]),
    numeric: [false, false, true, true, true, true, true, true, true, true],
  };
  const missing = {
    title: t("district.notReported", lang),
    header: [t("district.school", lang), t("col.community", lang), t("col.schoolType", lang)],
    rows: d.notReported.map((s) => [s.school, s.community || "—", s.type || "—"]),
    numeric: [false, false, false],
  };
  return [sources, missing];
}
