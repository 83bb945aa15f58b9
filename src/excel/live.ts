/**
 * Feeds the custom functions' in-memory workbook model from Excel: one read
 * when the shared runtime starts, a re-read after the user edits a sheet, and
 * a recalculation so that `=CEDU.PARTICIPATION()` shows the new figure. The
 * functions themselves never call Excel (docs/design/officejs-notes.md §7.4).
 */
import { startLiveModel, type LiveChangeEvent, type LiveModel } from "../functions/live";
import { readWorkbook } from "./read";
import { loadSettings } from "./settings";
import { supportsExcelApi } from "./support";

let live: LiveModel | null = null;

/** Workbook-level change events: `worksheets.onChanged` needs ExcelApi 1.9. */
function onWorkbookChanged(handler: (event: LiveChangeEvent) => void): () => void {
  let remove: () => void = () => undefined;
  Excel.run(async (context) => {
    const registration = context.workbook.worksheets.onChanged.add(async (event) => {
      handler(event as unknown as LiveChangeEvent);
    });
    await context.sync();
    remove = () => {
      // A handler is removed with the context that added it.
      void Excel.run(registration.context, async (ctx) => {
        registration.remove();
        await ctx.sync();
      });
    };
  }).catch((error: unknown) => console.error("CEDU: cannot listen to workbook changes", error));
  return () => remove();
}

/** Starts the live model once per runtime; null outside Excel or on hosts without change events. */
export function startWorkbookModel(language?: string): LiveModel | null {
  if (live || typeof Excel === "undefined" || !supportsExcelApi("1.9")) return live;
  live = startLiveModel(
    () => Excel.run((context) => readWorkbook(context)),
    { onChanged: onWorkbookChanged },
    {
      language,
      recalc: () =>
        Excel.run(async (context) => {
          context.workbook.application.calculate(Excel.CalculationType.recalculate);
          await context.sync();
        }),
      overrides: () => Excel.run(async (context) => (await loadSettings(context)).overrides),
      onError: (error) =>
        console.error("CEDU: reading the workbook for the live formulas failed", error),
    }
  );
  return live;
}

/** Runs one of the add-in's own writes so that it does not trigger a re-read. */
export function withoutLiveRefresh<T>(write: () => Promise<T>): Promise<T> {
  return live ? live.suppress(write) : write();
}

/** Re-reads now, e.g. after the user corrected a sheet's kind or columns. */
export function refreshWorkbookModel(): Promise<void> {
  return live ? live.refresh() : Promise.resolve();
}
