/** Types for scripts/manifest-check.js (CommonJS, used by tests, webpack and the command line). */

export interface CheckOptions {
  /** Files the build emits, relative to dist/ with "/" separators; null/undefined skips the file check. */
  distFiles?: string[] | null;
  /** The add-in's base URL; default: the folder of DefaultSettings/SourceLocation. */
  baseUrl?: string;
  /** Expected custom-functions namespace; default "CEDU". */
  namespace?: string;
  /** Expected base requirement sets; default ExcelApi 1.12, SharedRuntime 1.1, CustomFunctionsRuntime 1.2. */
  requirements?: Record<string, string>;
  /** Reads the size of an emitted image (path relative to dist/); enables the icon size check. */
  imageSize?: ((distPath: string) => { width: number; height: number } | null) | null;
  /** FunctionNames the code registers with Office.actions.associate; enables that check. */
  ribbonActions?: string[] | null;
}

/** Returns the problems found in a manifest; an empty list means it passed. */
export function checkManifest(xmlText: string, opts?: CheckOptions): string[];
/** Every URL in a manifest (icons, support, start page, resources and their overrides). */
export function collectUrls(xmlText: string): string[];
/** Maps a URL under `base` to a path relative to dist/, or null when it is not under base. */
export function distPathOf(url: string, base: string): string | null;
/** Files below a folder, relative, "/"-separated, sorted. */
export function listFiles(dir: string): string[];
/** Width and height from a PNG header; null when the bytes are not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | null;
