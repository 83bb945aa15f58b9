/**
 * Which sheets CEDU generated. A generated sheet carries the worksheet custom property
 * "cedu.generated" = {"v":1,"kind":"summary"} (ExcelApi 1.12); the workbook setting
 * "cedu.generatedSheets" lists their names as a fallback for hosts without custom properties.
 * Only tagged sheets are ever replaced or deleted; a user sheet is never touched.
 */
import { cleanSheetName, supportsExcelApi } from "./support";

export const GENERATED_KEY = "cedu.generated";
export const REGISTRY_KEY = "cedu.generatedSheets";
export const GENERATED_TAG = JSON.stringify({ v: 1, kind: "summary" });

/** Proxies queued before a sync; read `isTagged` after it. */
export interface TagProbe {
  sheet: Excel.Worksheet;
  property: Excel.WorksheetCustomProperty | null;
}

export function customPropertiesSupported(): boolean {
  return supportsExcelApi("1.12");
}

/** Queues the load of a sheet's tag (no sync). */
export function queueTagProbe(sheet: Excel.Worksheet, useCustomProperties: boolean): TagProbe {
  if (!useCustomProperties) return { sheet, property: null };
  const property = sheet.customProperties.getItemOrNullObject(GENERATED_KEY);
  property.load("value");
  return { sheet, property };
}

/** Queues the load of the registry setting (no sync). */
export function queueRegistry(context: Excel.RequestContext): Excel.Setting {
  const setting = context.workbook.settings.getItemOrNullObject(REGISTRY_KEY);
  setting.load("value");
  return setting;
}

export function registryNames(setting: Excel.Setting): string[] {
  if (setting.isNullObject) return [];
  return parseJson<string[]>(setting.value, []).filter((n) => typeof n === "string");
}

/**
 * After the sync: the custom property decides where it is available (a registry entry alone could
 * be a user's sheet created under a stale name); the registry decides only where it is not.
 */
export function isTagged(probe: TagProbe, sheetName: string, registry: readonly string[]): boolean {
  if (probe.property) {
    if (probe.property.isNullObject) return false;
    const tag = parseJson<{ v?: number; kind?: string }>(probe.property.value, {});
    return tag.v === 1;
  }
  return registry.some((n) => n.toLowerCase() === sheetName.toLowerCase());
}

/** Queues the tag of a generated sheet (no sync). */
export function queueTag(sheet: Excel.Worksheet, useCustomProperties: boolean): void {
  if (useCustomProperties) sheet.customProperties.add(GENERATED_KEY, GENERATED_TAG);
}

/** Queues the registry update (no sync). */
export function queueRegistryWrite(context: Excel.RequestContext, names: readonly string[]): void {
  context.workbook.settings.add(REGISTRY_KEY, JSON.stringify([...names]));
}

/**
 * `wanted` if free, else "wanted (2)", "wanted (3)" …, kept within 31 characters. `taken` holds
 * the names that must not be used (lower-cased).
 */
export function freeName(wanted: string, taken: ReadonlySet<string>): string {
  const base = cleanSheetName(wanted);
  if (!taken.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = base.slice(0, 31 - suffix.length) + suffix;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

export function parseJson<T>(value: unknown, fallback: T): T {
  if (typeof value !== "string") return (value as T) ?? fallback;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}
