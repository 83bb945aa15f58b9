/**
 * Which sheets are CEDU's. The workbook setting "cedu.generatedSheets" registers each sheet CEDU
 * created by worksheet id, with the name it gave it and the spec sheet it holds
 * ({ id, name, key }). A sheet is CEDU's exactly while its id is registered and it still has that
 * name: a summary the user renamed ("3月汇总") or copied (a new id) is theirs from then on and is
 * never replaced or deleted. Registries written before ids were kept list names only; such an entry
 * still counts where the sheet also carries the custom property "cedu.generated" (ExcelApi 1.12),
 * or by name alone on hosts without custom properties.
 *
 * The custom property is still written: reading skips any sheet carrying it (CEDU's output,
 * copies included, is never data), but it never decides what may be replaced — Move/Copy copies
 * it.
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

export interface RegistryEntry {
  /** The worksheet id; absent in registries written before ids were kept. */
  id?: string;
  name: string;
  /** The spec sheet it holds ("summary", "issues" …). */
  key?: string;
}

export function registryEntries(setting: Excel.Setting): RegistryEntry[] {
  if (setting.isNullObject) return [];
  const list = parseJson<unknown[]>(setting.value, []);
  if (!Array.isArray(list)) return [];
  return list.flatMap((e): RegistryEntry[] => {
    if (typeof e === "string") return [{ name: e }];
    if (e && typeof e === "object" && typeof (e as RegistryEntry).name === "string") {
      const { id, name, key } = e as RegistryEntry;
      return [
        {
          name,
          ...(typeof id === "string" ? { id } : {}),
          ...(typeof key === "string" ? { key } : {}),
        },
      ];
    }
    return [];
  });
}

/** Names only (older callers). */
export function registryNames(setting: Excel.Setting): string[] {
  return registryEntries(setting).map((e) => e.name);
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * The registry entry that makes this sheet CEDU's, or null (after the sync that loaded the
 * sheet's id and name, the registry and the tag probe).
 */
export function ownEntry(
  sheet: { id: string; name: string; tag: TagProbe },
  registry: readonly RegistryEntry[]
): RegistryEntry | null {
  const byId = registry.find((e) => e.id === sheet.id);
  if (byId) return same(byId.name, sheet.name) ? byId : null;
  const legacy = registry.find((e) => e.id === undefined && same(e.name, sheet.name));
  if (!legacy) return null;
  if (sheet.tag.property && (sheet.tag.property.isNullObject || !hasTag(sheet.tag))) return null;
  return legacy;
}

function hasTag(probe: TagProbe): boolean {
  if (!probe.property || probe.property.isNullObject) return false;
  return parseJson<{ v?: number }>(probe.property.value, {}).v === 1;
}

/**
 * Sheets reading must skip: CEDU's own (registered) and any sheet carrying CEDU's tag (its output,
 * copied or renamed: never data).
 */
export function isTagged(
  probe: TagProbe,
  sheet: { id: string; name: string },
  registry: readonly RegistryEntry[]
): boolean {
  return hasTag(probe) || ownEntry({ ...sheet, tag: probe }, registry) !== null;
}

/** Queues the tag of a generated sheet (no sync). */
export function queueTag(sheet: Excel.Worksheet, useCustomProperties: boolean): void {
  if (useCustomProperties) sheet.customProperties.add(GENERATED_KEY, GENERATED_TAG);
}

/** Queues the registry update (no sync). */
export function queueRegistryWrite(
  context: Excel.RequestContext,
  entries: readonly RegistryEntry[]
): void {
  context.workbook.settings.add(REGISTRY_KEY, JSON.stringify([...entries]));
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
