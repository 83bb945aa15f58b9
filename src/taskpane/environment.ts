import { HostKind, Locale, pickLocale } from "./i18n";

export interface Environment {
  host: HostKind;
  locale: Locale;
}

/** How long to wait for Office.onReady before starting the pane anyway. */
export const OFFICE_READY_TIMEOUT_MS = 10_000;

function browserLanguage(): string | undefined {
  return typeof navigator !== "undefined" ? navigator.language : undefined;
}

/**
 * Finds out where the task pane runs. Never rejects and never hangs: when office.js did not
 * load (offline, blocked, opened from a plain browser) `Office` is undefined and the answer is
 * immediate; when Office.onReady does not settle in time the pane starts as "outside".
 */
export async function detectEnvironment(
  timeoutMs: number = OFFICE_READY_TIMEOUT_MS
): Promise<Environment> {
  const outside: Environment = { host: "outside", locale: pickLocale(browserLanguage()) };
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") {
    return outside;
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    const info = await Promise.race([Office.onReady(), timeout]);
    if (info === null || info.host !== Office.HostType.Excel) {
      return outside;
    }
    const displayLanguage = Office.context?.displayLanguage;
    return { host: "excel", locale: pickLocale(displayLanguage, browserLanguage()) };
  } catch {
    return outside;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}
