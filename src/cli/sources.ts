/**
 * The workbooks of a district: `cedu report a.xlsx b.xlsx folder/` names files and folders; each
 * file is read and analysed on its own, one after the other, so memory holds one workbook's
 * cells at a time and only the compact validated data of the others (src/core/district merges
 * them). A file that cannot be read is reported and left out; the others still count.
 */
import { promises as fs } from "fs";
import * as path from "path";
import { analyze, type AnalyzeOptions } from "../core";
import type { Source } from "../core";
import { ReadError, readWorkbookFile } from "./read";

const WORKBOOK = /\.(xlsx|csv)$/i;

/** Excel's lock file of an open workbook (`~$六角.xlsx`), and hidden files. */
const IGNORED = /^(~\$|\.)/;

export interface Inputs {
  /** Workbook files, in the order named; a folder's files in name order. */
  files: string[];
  /** Folders that hold no workbook (reported by the caller). */
  empty: string[];
}

/** Files and folders (searched with their sub-folders) → the workbook files they hold. */
export async function expandInputs(
  args: readonly string[],
  exclude: readonly string[] = []
): Promise<Inputs> {
  const files: string[] = [];
  const empty: string[] = [];
  const excluded = new Set(exclude.map((f) => path.resolve(f)));
  const seen = new Set<string>();
  const add = (file: string) => {
    const full = path.resolve(file);
    if (seen.has(full) || excluded.has(full)) return;
    seen.add(full);
    files.push(file);
  };
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (IGNORED.test(e.name)) continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (e.isFile() && WORKBOOK.test(e.name)) add(full);
    }
  };
  for (const arg of args) {
    let stat;
    try {
      stat = await fs.stat(arg);
    } catch {
      // Not there: the reader says so in its own words, like for a single file.
      add(arg);
      continue;
    }
    if (stat.isDirectory()) {
      const before = files.length;
      await walk(arg);
      if (files.length === before) empty.push(arg);
    } else add(arg);
  }
  return { files, empty };
}

/**
 * What each file is called in the summary: its name, or, when two files share a name (two
 * streets' 六角社区学校.xlsx), its path from the folders' common ancestor.
 */
export function sourceLabels(files: readonly string[]): string[] {
  const names = files.map((f) => path.basename(f));
  const count = new Map<string, number>();
  for (const n of names) count.set(n, (count.get(n) ?? 0) + 1);
  if ([...count.values()].every((n) => n === 1)) return names;
  const full = files.map((f) => path.resolve(f).split(path.sep));
  let common = 0;
  while (full.every((p) => common < p.length - 1 && p[common] === full[0][common])) common++;
  return files.map((f, i) =>
    count.get(names[i])! > 1 ? full[i].slice(common).join("/") : names[i]
  );
}

export interface SourceFailure {
  file: string;
  error: ReadError;
}

/** Reads and analyses the files one by one. */
export async function readSources(
  files: readonly string[],
  options: AnalyzeOptions = {}
): Promise<{ sources: Source[]; failures: SourceFailure[] }> {
  const labels = sourceLabels(files);
  const sources: Source[] = [];
  const failures: SourceFailure[] = [];
  for (let i = 0; i < files.length; i++) {
    try {
      const workbook = await readWorkbookFile(files[i]);
      sources.push({ label: labels[i], analysis: analyze(workbook, options) });
    } catch (e) {
      if (!(e instanceof ReadError)) throw e;
      failures.push({ file: files[i], error: e });
    }
  }
  return { sources, failures };
}
