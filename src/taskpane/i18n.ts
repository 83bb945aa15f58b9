/**
 * Task-pane language: Simplified Chinese or English, chosen from Office's UI language
 * (Office.context.displayLanguage) or, outside Office, the browser's language.
 * Office may report "zh-CN", "zh-cn", "zh-Hans-CN" or "zh" (OFFICEJS-NOTES §7.13), so only the
 * "zh" prefix is trusted.
 */
export type Locale = "zh-CN" | "en-US";

export function pickLocale(...candidates: ReadonlyArray<string | null | undefined>): Locale {
  const tag = candidates.find((c): c is string => typeof c === "string" && c.trim() !== "");
  return tag !== undefined && tag.trim().toLowerCase().startsWith("zh") ? "zh-CN" : "en-US";
}

/** Where the page runs: inside Excel (Office.js ready, host Excel) or anywhere else. */
export type HostKind = "excel" | "outside";

export interface Strings {
  subtitle: string;
  host: Record<HostKind, string>;
}

export const STRINGS: Record<Locale, Strings> = {
  "en-US": {
    subtitle: "Community education figures",
    host: { excel: "Running in Excel", outside: "Opened outside Excel" },
  },
  "zh-CN": {
    subtitle: "社区教育统计",
    host: { excel: "正在 Excel 中运行", outside: "未在 Excel 中打开" },
  },
};
