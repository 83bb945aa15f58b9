/**
 * Task-pane language: Simplified Chinese or English, chosen from Office's UI language
 * (Office.context.displayLanguage) or, outside Office, the browser's language, through core's
 * normalizeLang. Office may report "zh-CN", "zh-cn", "zh-Hans-CN" or "zh" (docs/design/officejs-notes.md §7.13).
 * The pane's own strings are in strings.ts.
 */
import { normalizeLang } from "../core";
import type { Lang } from "../core";

export type Locale = Lang;

/** The first non-empty candidate, normalized; en-US when there is none. */
export function pickLocale(...candidates: ReadonlyArray<string | null | undefined>): Locale {
  const tag = candidates.find((c): c is string => typeof c === "string" && c.trim() !== "");
  return normalizeLang(tag?.trim());
}

/** Where the page runs: inside Excel (Office.js ready, host Excel) or anywhere else. */
export type HostKind = "excel" | "outside";
