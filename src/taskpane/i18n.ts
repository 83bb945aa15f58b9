/**
 * Task-pane language: Simplified Chinese or English, chosen from Office's UI language
 * (Office.context.displayLanguage) or, outside Office, the browser's language, through core's
 * normalizeLang. Office may report "zh-CN", "zh-cn", "zh-Hans-CN" or "zh" (docs/design/officejs-notes.md §7.13).
 * The pane's own strings are in strings.ts.
 */
import { normalizeLang } from "../core";
import type { Lang } from "../core";

/** The first non-empty candidate, normalized; en-US when there is none. */
export function pickLang(...candidates: ReadonlyArray<string | null | undefined>): Lang {
  const tag = candidates.find((c): c is string => typeof c === "string" && c.trim() !== "");
  return normalizeLang(tag?.trim());
}
