import type { Lang } from "../core";
import { pickLang } from "./i18n";

/** Where the page runs: inside Excel (Office.js ready, host Excel) or anywhere else. */
export type RunsIn = "excel" | "outside";

export interface Environment {
  host: RunsIn;
  locale: Lang;
  /**
   * Set when the pane started "outside" only because Office.onReady had not answered in time:
   * settles with the Excel environment if Office answers later (the pane then switches to Excel).
   */
  late?: Promise<Environment | null>;
}

/** How long to wait for Office.onReady before starting the pane anyway, outside an Office host. */
export const OFFICE_READY_TIMEOUT_MS = 10_000;

function browserLanguage(): string | undefined {
  return typeof navigator !== "undefined" ? navigator.language : undefined;
}

/**
 * True when the page is embedded the way Office embeds a task pane: in a frame (Excel on the web),
 * in WebView2 (Windows) or in WKWebView (Mac). There a slow Office.onReady is only slow, never a
 * sign of running outside Excel, so the pane keeps waiting instead of opening the file door.
 */
export function looksHostedByOffice(
  w: unknown = typeof window !== "undefined" ? window : undefined
): boolean {
  if (!w) return false;
  const win = w as {
    self?: unknown;
    top?: unknown;
    chrome?: { webview?: unknown };
    webkit?: { messageHandlers?: unknown };
  };
  try {
    if (win.top !== undefined && win.self !== undefined && win.top !== win.self) return true;
  } catch {
    return true; // a cross-origin parent: framed
  }
  return Boolean(win.chrome?.webview || win.webkit?.messageHandlers);
}

function fromReady(info: { host: unknown } | null): Environment | null {
  if (info === null || info.host !== Office.HostType.Excel) return null;
  return { host: "excel", locale: pickLang(Office.context?.displayLanguage, browserLanguage()) };
}

/**
 * Finds out where the task pane runs. Never rejects: when office.js did not load (offline,
 * blocked, opened from a plain browser) `Office` is undefined and the answer is immediate. When
 * Office.onReady is slow inside an Office host the answer waits for it; outside one, the pane
 * starts as "outside" after `timeoutMs` and `late` reports Excel if Office.onReady answers after all.
 */
export async function detectEnvironment(
  timeoutMs: number = OFFICE_READY_TIMEOUT_MS,
  hosted: boolean = looksHostedByOffice()
): Promise<Environment> {
  const outside: Environment = { host: "outside", locale: pickLang(browserLanguage()) };
  if (typeof Office === "undefined" || typeof Office.onReady !== "function") {
    return outside;
  }
  let ready: Promise<Environment | null>;
  try {
    ready = Promise.resolve(Office.onReady()).then(fromReady, () => null);
  } catch {
    return outside;
  }
  if (hosted) return (await ready) ?? outside;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  const first = await Promise.race([ready, timeout]);
  if (timer !== undefined) clearTimeout(timer);
  if (first === "timeout") return { ...outside, late: ready };
  return first ?? outside;
}
