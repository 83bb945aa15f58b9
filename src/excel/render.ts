/**
 * Renders a ReportSpec into CEDU's sheets, replacing them in place.
 *
 * A sheet CEDU registered (src/excel/tags.ts: by worksheet id, under the name it gave it) and that
 * holds the same spec sheet is cleared and rewritten, never deleted: its identity is kept, so a
 * user's `='CEDU汇总'!C5` on another sheet keeps working. Spec sheets without one get a new sheet
 * (the wanted name, or the next free one: a user's sheet keeps its name); registered sheets the
 * spec no longer has are deleted; a sheet the user renamed or copied is not CEDU's any more and is
 * never touched. The summary's key figures are also offered as workbook names (KEY_FIGURE_NAMES),
 * so a report can point at a figure rather than a cell address.
 *
 * RENDER_SYNCS = 4 for a summary of any usual size:
 *   1. checks: workbook read-only/protection, sheet list with ids, registry, events flag;
 *   2. checks: tags and protection of each sheet (CEDU's must be unprotected), the tables and
 *      charts of the sheets to rewrite, the existing key-figure names;
 *   3. write: events off, screen updating and calculation suspended; obsolete sheets deleted, kept
 *      sheets renamed if the language changed, their tables and charts deleted and cells cleared,
 *      new sheets added; every block (values + number formats), tables, fonts, autofit, frozen
 *      top row, charts. More syncs only when the content exceeds WRITE_BUDGET bytes (a 90,000-row
 *      issue list): each request stays under it;
 *   4. finish: tags, registry (with the new sheets' ids), key-figure names, the first sheet
 *      activated, events restored.
 * A failure while writing deletes the sheets this run added (two syncs) and restores events; a
 * kept sheet may be partly written, and stays CEDU's, so the next Generate completes it.
 */
import { t, type MessageKey } from "../core";
import type { ReportSheet, ReportSpec } from "../core";
import { CeduExcelError, toCeduError } from "./errors";
import { queueDateSystemProbe, supportsExcelApi } from "./support";
import {
  customPropertiesSupported,
  freeName,
  ownEntry,
  queueRegistry,
  queueRegistryWrite,
  queueTag,
  queueTagProbe,
  registryEntries,
  type RegistryEntry,
} from "./tags";
import { buildSheet, layoutSheet, type BuildStep } from "./write";

export const RENDER_SYNCS = 4;
/** Bytes one write request may carry: under the web's 5 MB with room for Excel's own framing. */
export const WRITE_BUDGET = 3_500_000;

export interface RenderResult {
  /** Final names of the generated sheets, in spec order. */
  sheetNames: string[];
}

/**
 * Workbook names for the summary's key figures (overview rows), by indicator message key. Names
 * are ASCII so that a formula reads the same in every language: =CEDU_ParticipationRate.
 */
export const KEY_FIGURE_NAMES: Partial<Record<MessageKey, string>> = {
  "ind.participants": "CEDU_Participants",
  "ind.enrolments": "CEDU_Enrolments",
  "ind.participationRate": "CEDU_ParticipationRate",
  "ind.activities": "CEDU_Activities",
  "ind.attendance": "CEDU_Attendance",
  "ind.hours": "CEDU_Hours",
  "ind.completionRate": "CEDU_CompletionRate",
  "ind.excellenceRate": "CEDU_ExcellenceRate",
  "ind.qualifiedRate": "CEDU_QualifiedRate",
};

/** Where each key figure sits on the summary sheet (0-based row/col of its value cell). */
export function keyFigureCells(
  sheet: ReportSheet,
  lang: ReportSpec["lang"]
): { name: string; row: number; col: number }[] {
  if (sheet.key !== "summary") return [];
  const block = layoutSheet(sheet).blocks.find((b) => b.section.key === "overview");
  if (!block) return [];
  const labels = new Map(
    (Object.entries(KEY_FIGURE_NAMES) as [MessageKey, string][]).map(([k, name]) => [
      t(k, lang),
      name,
    ])
  );
  return block.section.table.rows.flatMap((row, i) => {
    const name = typeof row[0] === "string" ? labels.get(row[0]) : undefined;
    return name ? [{ name, row: block.headerRow + 1 + i, col: 1 }] : [];
  });
}

/** Groups steps into requests of at most `budget` bytes (a bigger single step goes alone). */
export function planRequests(steps: readonly BuildStep[], budget = WRITE_BUDGET): BuildStep[][] {
  const groups: BuildStep[][] = [];
  let current: BuildStep[] = [];
  let bytes = 0;
  for (const step of steps) {
    if (current.length > 0 && bytes + step.bytes > budget) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(step);
    bytes += step.bytes;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** One sync per request group (what is already queued travels with the first). */
async function runRequests(
  context: Excel.RequestContext,
  groups: readonly BuildStep[][]
): Promise<void> {
  if (groups.length === 0) return;
  for (const step of groups[0]) step.queue();
  await context.sync();
  await runRequests(context, groups.slice(1));
}

export async function renderReport(
  context: Excel.RequestContext,
  spec: ReportSpec
): Promise<RenderResult> {
  const workbook = context.workbook;

  // Sync 1 — checks.
  const protection = workbook.protection;
  protection.load("protected");
  workbook.load("readOnly");
  const sheets = workbook.worksheets;
  sheets.load("items/name,items/id");
  const registrySetting = queueRegistry(context);
  context.runtime.load("enableEvents");
  const date1904 = queueDateSystemProbe(context);
  await context.sync();
  if (workbook.readOnly) throw new CeduExcelError("excel.readOnly");
  if (protection.protected) throw new CeduExcelError("excel.workbookProtected");
  const registry = registryEntries(registrySetting);
  const eventsWereEnabled = context.runtime.enableEvents !== false;

  // Sync 2 — tags and protection; tables and charts of the sheets that may be rewritten; names.
  const useCp = customPropertiesSupported();
  const useNames = supportsExcelApi("1.4");
  const probes = sheets.items.map((sheet) => {
    sheet.protection.load("protected");
    const tag = queueTagProbe(sheet, useCp);
    const registered = registry.some(
      (e) =>
        e.id === sheet.id ||
        (e.id === undefined && e.name.toLowerCase() === sheet.name.toLowerCase())
    );
    if (registered) {
      sheet.tables.load("items/name");
      sheet.charts.load("items/name");
    }
    return { sheet, id: sheet.id, name: sheet.name, tag };
  });
  const names = useNames
    ? Object.values(KEY_FIGURE_NAMES).map((name: string) => {
        const item = workbook.names.getItemOrNullObject(name);
        item.load("name");
        return { name, item };
      })
    : [];
  await context.sync();

  const ours = probes.flatMap((p) => {
    const entry = ownEntry(p, registry);
    return entry ? [{ ...p, entry }] : [];
  });
  const locked = ours.find((p) => p.sheet.protection.protected);
  if (locked) throw new CeduExcelError("excel.sheetProtected", { sheet: locked.name });

  // Which of ours holds which spec sheet: the registered key; older entries by the wanted name.
  const kept = spec.sheets.map((s) => {
    const match =
      ours.find((o) => o.entry.key === s.key) ??
      ours.find((o) => o.entry.key === undefined && o.name.toLowerCase() === s.name.toLowerCase());
    return match ?? null;
  });
  const keptSet = new Set(kept.filter((k) => k !== null));
  // Two spec sheets never share one of ours.
  kept.forEach((k, i) => {
    if (k && kept.indexOf(k) !== i) kept[i] = null;
  });
  const obsolete = ours.filter((o) => !keptSet.has(o));

  // Final names: user sheets keep theirs; a kept sheet keeps its name when it is the wanted one.
  const taken = new Set(
    probes.filter((p) => !ours.some((o) => o.sheet === p.sheet)).map((p) => p.name.toLowerCase())
  );
  const finalNames = spec.sheets.map((s, i) => {
    const own = kept[i];
    if (
      own &&
      own.name.toLowerCase() === s.name.toLowerCase() &&
      !taken.has(own.name.toLowerCase())
    ) {
      taken.add(own.name.toLowerCase());
      return own.name;
    }
    const name = freeName(s.name, taken);
    taken.add(name.toLowerCase());
    return name;
  });

  const added: { index: number; sheet: Excel.Worksheet }[] = [];
  try {
    // Sync 3 (and more for very large content) — write. The set-up is queued first, so it
    // travels with the first request; the content follows in requests under WRITE_BUDGET.
    if (supportsExcelApi("1.9")) context.application.suspendScreenUpdatingUntilNextSync();
    if (supportsExcelApi("1.6")) context.application.suspendApiCalculationUntilNextSync();
    context.runtime.enableEvents = false;
    for (const o of obsolete) o.sheet.delete();
    const targets = spec.sheets.map((_, i) => {
      const own = kept[i];
      if (own) {
        for (const table of own.sheet.tables.items) table.delete();
        for (const chart of own.sheet.charts.items) chart.delete();
        own.sheet.getRange().clear();
        if (own.name !== finalNames[i]) own.sheet.name = finalNames[i];
        return own.sheet;
      }
      const sheet = sheets.add(finalNames[i]);
      sheet.load("id");
      added.push({ index: i, sheet });
      return sheet;
    });
    const steps = spec.sheets.flatMap((s, i) => buildSheet(targets[i], s, date1904()));
    await runRequests(context, planRequests(steps));

    // Sync 4 — finish: tags, registry, names, activation, events.
    const entries: RegistryEntry[] = spec.sheets.map((s, i) => ({
      id: kept[i]?.id ?? added.find((a) => a.index === i)!.sheet.id,
      name: finalNames[i],
      key: s.key,
    }));
    targets.forEach((sheet) => queueTag(sheet, useCp));
    // The registry is exactly what CEDU now owns: obsolete sheets are gone, and entries of sheets
    // the user renamed or copied are theirs.
    queueRegistryWrite(context, entries);
    queueKeyFigureNames(context, spec, targets, names);
    if (targets.length > 0) targets[0].activate();
    context.runtime.enableEvents = eventsWereEnabled;
    await context.sync();
    return { sheetNames: finalNames };
  } catch (error) {
    await removeAdded(
      context,
      added.map((a) => finalNames[a.index]),
      eventsWereEnabled
    );
    throw toCeduError(error);
  }
}

/** The key figures as workbook names pointing at their cells: updated when they exist, else added. */
function queueKeyFigureNames(
  context: Excel.RequestContext,
  spec: ReportSpec,
  targets: readonly Excel.Worksheet[],
  existing: readonly { name: string; item: Excel.NamedItem }[]
): void {
  if (existing.length === 0) return;
  const index = spec.sheets.findIndex((s) => s.key === "summary");
  if (index < 0) return;
  const cells = keyFigureCells(spec.sheets[index], spec.lang);
  for (const { name, row, col } of cells) {
    const range = targets[index].getRangeByIndexes(row, col, 1, 1);
    const old = existing.find((e) => e.name === name)?.item;
    if (old && !old.isNullObject) old.delete();
    context.workbook.names.add(name, range);
  }
}

/** Two syncs: deletes the sheets this run added (found by name), restores events. Never throws. */
async function removeAdded(
  context: Excel.RequestContext,
  addedNames: readonly string[],
  eventsWereEnabled: boolean
): Promise<void> {
  try {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    await context.sync();
    const wanted = new Set(addedNames.map((n) => n.toLowerCase()));
    for (const sheet of sheets.items) if (wanted.has(sheet.name.toLowerCase())) sheet.delete();
    context.runtime.enableEvents = eventsWereEnabled;
    await context.sync();
  } catch (cleanupError) {
    console.error("CEDU: could not remove the sheets it had added", cleanupError);
  }
}
