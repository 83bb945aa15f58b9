/**
 * The body of the ribbon's "Generate summary" button (manifest: ExecuteFunction
 * "generateSummary"). A placeholder for the foundation: the Excel door (src/excel) replaces this
 * module with the real read → detect → validate → metrics → report → write flow and its progress
 * and error messages.
 *
 * Contract: the returned promise settles after `event.completed()` has been called exactly once,
 * whatever happens; Excel keeps the button busy until then.
 */
export async function runGenerateSummary(event: Office.AddinCommands.Event): Promise<void> {
  event.completed();
}
