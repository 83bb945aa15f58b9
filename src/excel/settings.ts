/**
 * CEDU's per-workbook settings (column-mapping overrides, reporting period, language), stored in
 * workbook settings under "cedu.settings" so they travel with the file. One sync each way.
 */
import { isISODay } from "../core";
import type { Lang, Overrides, SectionKey } from "../core";
import { SECTION_KEYS } from "../core";
import { parseJson } from "./tags";

export const SETTINGS_KEY = "cedu.settings";

export interface CeduSettings {
  overrides: Overrides;
  /** ISO dates (YYYY-MM-DD); absent = the engine's default period. */
  period?: { from?: string; to?: string };
  lang?: Lang;
  /** The summary's sections as last chosen in the pane: the ribbon's button generates the same. */
  sections?: SectionKey[];
}

export const EMPTY_SETTINGS: CeduSettings = { overrides: {} };

/** One sync. */
export async function loadSettings(context: Excel.RequestContext): Promise<CeduSettings> {
  const setting = context.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
  setting.load("value");
  await context.sync();
  if (setting.isNullObject) return { ...EMPTY_SETTINGS };
  return normalizeSettings(parseJson<unknown>(setting.value, null));
}

/** One sync. */
export async function saveSettings(
  context: Excel.RequestContext,
  settings: CeduSettings
): Promise<void> {
  context.workbook.settings.add(SETTINGS_KEY, JSON.stringify(normalizeSettings(settings)));
  await context.sync();
}

export function normalizeSettings(raw: unknown): CeduSettings {
  const out: CeduSettings = { overrides: {} };
  if (!raw || typeof raw !== "object") return out;
  const r = raw as Partial<CeduSettings>;
  if (r.overrides && typeof r.overrides === "object") out.overrides = r.overrides;
  const iso = (s: unknown) => (isISODay(s) ? s : undefined);
  if (r.period && typeof r.period === "object") {
    const from = iso(r.period.from);
    const to = iso(r.period.to);
    if (from || to) out.period = { ...(from ? { from } : {}), ...(to ? { to } : {}) };
  }
  if (r.lang === "zh-CN" || r.lang === "en-US") out.lang = r.lang;
  if (Array.isArray(r.sections))
    out.sections = SECTION_KEYS.filter((k) => (r.sections as unknown[]).includes(k));
  return out;
}
