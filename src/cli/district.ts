/**
 * `cedu report` on several workbooks (files and folders): each read and analysed on its own,
 * merged into one district (src/core/district); the district's own tables (what each file
 * reported, which schools have not reported) are sections of the report (src/core/report).
 */
import { promises as fs } from "fs";
import { analyze, type Analysis } from "../core";
import { consolidate, type District } from "../core";
import { t } from "../core";
import { jsonRows, NOT_REPORTED_TABLE, SOURCES_TABLE } from "../core";
import type { Lang, Period } from "../core";
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

/** `--json`'s district part: the summary's by-source and not-reported tables as objects. */
export function districtJson(district: District, period: Period, lang: Lang) {
  const source = { district, period };
  return {
    sources: jsonRows(SOURCES_TABLE, source, lang),
    notReported: jsonRows(NOT_REPORTED_TABLE, source, lang),
  };
}
