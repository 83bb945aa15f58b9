/**
 * `cedu template out.xlsx` and `cedu tidy in.xlsx -o out.xlsx`: the standard workbook on the
 * command line. Both write a new file and never overwrite one (a template written over an
 * office's roster would be the worst possible mistake); tidy never changes its input.
 *
 * The tidied file holds the standard sheets only, not copies of the originals: the originals
 * stay in the input file, ExcelJS would not copy their charts, pictures or pivot tables faithfully,
 * and a workbook holding both would count every row twice.
 */
import { promises as fs } from "fs";
import * as path from "path";
import type { Analysis } from "../core";
import { t } from "../core";
import { listText, standardWorkbook, st, tidyWorkbook } from "../core";
import type { Lang } from "../core";
import { standardXlsx } from "../xlsx/standard";
import type { Io } from "./main";
import type { WorkbookInput } from "../core";

/** Writes `bytes` to a new file; false when the file already exists. */
async function writeNew(file: string, bytes: Uint8Array): Promise<boolean> {
  try {
    await fs.writeFile(file, bytes, { flag: "wx" });
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
}

export async function runTemplate(out: string, lang: Lang, io: Io): Promise<number> {
  const model = standardWorkbook({ lang });
  if (!(await writeNew(out, await standardXlsx(model)))) {
    io.err(st("cli.exists", lang, { file: out }));
    return 2;
  }
  const names = [model.instructions?.name, ...model.sheets.map((s) => s.name)].filter(
    (n): n is string => Boolean(n)
  );
  io.out(st("cli.templateWritten", lang, { file: out, sheets: listText(names, lang) }));
  return 0;
}

/** The input file and the output file are one file (also through a different spelling of its path). */
async function sameFile(a: string, b: string): Promise<boolean> {
  if (path.resolve(a) === path.resolve(b)) return true;
  try {
    const [sa, sb] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return sa.ino === sb.ino && sa.dev === sb.dev;
  } catch {
    return false;
  }
}

/** Tidies an already read and analysed workbook into the new file `out`. */
export async function runTidy(
  file: string,
  input: WorkbookInput,
  analysis: Analysis,
  out: string | undefined,
  lang: Lang,
  io: Io
): Promise<number> {
  if (!out) {
    io.err(st("cli.needOut", lang));
    return 2;
  }
  if (await sameFile(file, out)) {
    io.err(st("cli.sameFile", lang));
    return 2;
  }
  if (!analysis.sheets.some((s) => s.kind)) {
    io.err(t("cli.nothingRecognised", lang, { file }));
    return 2;
  }
  const { workbook, summary } = tidyWorkbook(input, analysis, { lang, instructions: true });
  if (!(await writeNew(out, await standardXlsx(workbook)))) {
    io.err(st("cli.exists", lang, { file: out }));
    return 2;
  }
  const lines = [st("cli.tidyWritten", lang, { file: out })];
  for (const s of summary.sheets) {
    lines.push(
      st("cli.tidySheet", lang, {
        sheet: s.name,
        rows: s.rows,
        sources: listText(s.sources, lang),
        errors: s.errors,
        warnings: s.warnings,
      })
    );
  }
  if (summary.ignored.length > 0)
    lines.push(st("cli.tidyIgnored", lang, { sheets: listText(summary.ignored, lang) }));
  io.out(lines.join("\n"));
  return 0;
}
