/**
 * The body of the ribbon's "Generate summary" button (manifest: ExecuteFunction
 * "generateSummary"): runs the Excel door's generateSummary and reports the outcome on the
 * console and through src/excel/status (the task pane, if open, shows it). Never writes into a
 * user sheet.
 *
 * Contract: the returned promise settles after `event.completed()` has been called exactly once,
 * whatever happens; Excel keeps the button busy until then.
 */
import { CeduExcelError, toCeduError } from "../excel/errors";
import { generateSummary } from "../excel/generate";
import { publishStatus } from "../excel/status";

export async function runGenerateSummary(event: Office.AddinCommands.Event): Promise<void> {
  try {
    publishStatus({ state: "running", key: "status.running" });
    const outcome = await generateSummary();
    const params = {
      sheet: outcome.sheetName,
      errors: outcome.issues.error,
      warnings: outcome.issues.warning,
      infos: outcome.issues.info,
    };
    publishStatus({ state: "done", key: "status.done", params });
    console.info("CEDU: summary generated", params);
  } catch (error) {
    const e: CeduExcelError = toCeduError(error);
    publishStatus({ state: "error", key: e.key, params: e.params });
    console.error("CEDU: generate summary failed", e.key, e.params ?? {}, error);
  } finally {
    event.completed();
    showPane();
  }
}

/** Opens the task pane so the user sees the outcome (SharedRuntime 1.1); harmless if it fails. */
function showPane(): void {
  try {
    void Office.addin?.showAsTaskpane?.()?.catch?.(() => undefined);
  } catch {
    // Outside Office or on a host without the shared runtime: the console has the outcome.
  }
}
