/**
 * The pane's standard-workbook actions, loaded on demand (a chunk of its own: the layout, tidy
 * and the writers are not needed until someone clicks). Inside Excel they write into the open
 * workbook (src/excel/standard); outside, they make an .xlsx file (src/xlsx/standard).
 */
import type { Analysis } from "../core";
import { standardWorkbook, tidyWorkbook, type StandardWorkbook } from "../core";
import type { Lang, Overrides, WorkbookInput } from "../core";
import { overridesAfterTidy, writeStandard } from "../excel/standard";
import type { StandardOutcome } from "./host";

const rowsOf = (model: StandardWorkbook) => model.sheets.reduce((n, s) => n + s.rows.length, 0);

export async function insertInExcel(
  context: Excel.RequestContext,
  lang: Lang
): Promise<StandardOutcome> {
  const written = await writeStandard(context, (taken) => standardWorkbook({ lang, taken }));
  return {
    where: "sheets",
    sheets: [...(written.instructions ? [written.instructions] : []), ...written.sheets],
    rows: 0,
    highlighted: 0,
    notes: false,
  };
}

export async function tidyInExcel(
  context: Excel.RequestContext,
  input: WorkbookInput,
  analysis: Analysis,
  lang: Lang,
  overrides: Overrides
): Promise<StandardOutcome> {
  let model: StandardWorkbook | null = null;
  let sources: string[] = [];
  const written = await writeStandard(context, (taken) => {
    const tidied = tidyWorkbook(input, analysis, { lang, taken });
    model = tidied.workbook;
    sources = tidied.summary.sheets.flatMap((s) => s.sources);
    return tidied.workbook;
  });
  return {
    where: "sheets",
    sheets: written.sheets,
    rows: model ? rowsOf(model) : 0,
    highlighted: written.highlighted,
    notes: written.notes,
    overrides: overridesAfterTidy(overrides, sources),
  };
}

/** The template as an .xlsx file. */
export async function templateFile(lang: Lang): Promise<Uint8Array> {
  const { standardXlsx } = await import(/* webpackChunkName: "exceljs" */ "../xlsx/standard");
  return standardXlsx(standardWorkbook({ lang }));
}

/** The open file's recognised rows as a standard .xlsx file, with 填写说明. */
export async function tidyFile(
  input: WorkbookInput,
  analysis: Analysis,
  lang: Lang
): Promise<{ bytes: Uint8Array; rows: number; highlighted: number; sheets: string[] }> {
  const { standardXlsx } = await import(/* webpackChunkName: "exceljs" */ "../xlsx/standard");
  const { workbook } = tidyWorkbook(input, analysis, { lang, instructions: true });
  return {
    bytes: await standardXlsx(workbook),
    rows: rowsOf(workbook),
    highlighted: workbook.sheets.reduce(
      (n, s) => n + s.rows.reduce((m, r) => m + r.highlights.length, 0),
      0
    ),
    sheets: workbook.sheets.map((s) => s.name),
  };
}
