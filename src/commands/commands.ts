import { startWorkbookModel } from "../excel/liveSource";
import { runGenerateSummary } from "./generate";

/*
 * Ribbon commands (manifest: <FunctionFile resid="Taskpane.Url"/>, shared runtime). This bundle is
 * loaded by taskpane.html; when office.js is missing (opened outside Office, CDN unreachable)
 * there is nothing to register and the page must still start.
 */

type CommandHandler = (event: Office.AddinCommands.Event) => Promise<void>;

/** Ribbon actions by the FunctionName used in manifest.xml. */
export const RIBBON_ACTIONS: Readonly<Record<string, CommandHandler>> = {
  generateSummary: runGenerateSummary,
};

/**
 * Wraps a handler so that Excel always gets exactly one `event.completed()`, even when the
 * handler fails or forgets; otherwise the button stays busy.
 */
export function asRibbonAction(
  name: string,
  handler: CommandHandler
): (event: Office.AddinCommands.Event) => void {
  return (event) => {
    let completed = false;
    const once: Office.AddinCommands.Event = {
      source: event.source,
      completed: (options?: Office.AddinCommands.EventCompletedOptions) => {
        if (!completed) {
          completed = true;
          event.completed(options);
        }
      },
    };
    handler(once)
      .catch((error: unknown) => console.error(`CEDU: ribbon action ${name} failed`, error))
      .finally(() => once.completed());
  };
}

/** Registers every ribbon action; returns false when office.js is not available. */
export function registerRibbonActions(): boolean {
  if (typeof Office === "undefined" || Office.actions === undefined) {
    return false;
  }
  for (const [name, handler] of Object.entries(RIBBON_ACTIONS)) {
    Office.actions.associate(name, asRibbonAction(name, handler));
  }
  return true;
}

/**
 * The shared runtime starts with the workbook: load on open (so the live CEDU formulas have
 * their figures) and start feeding the functions' workbook model.
 */
export function startSharedRuntime(): void {
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") return;
  void Office.onReady((info) => {
    if (info.host !== Office.HostType.Excel) return;
    try {
      void Office.addin?.setStartupBehavior?.(Office.StartupBehavior.load);
    } catch (error) {
      console.error("CEDU: cannot set the add-in to load with the workbook", error);
    }
    startWorkbookModel(Office.context?.displayLanguage);
  });
}

registerRibbonActions();
startSharedRuntime();
