/** Shared helpers of the robustness suite: run the CLI in-process and capture what the user sees. */
import { createHash } from "crypto";
import { promises as fs } from "fs";
import { main } from "../../src/cli/main";

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs `cedu …` in-process with the given language; stdout and stderr as text. */
export async function runCli(args: string[], lang = "en-US"): Promise<Run> {
  let out = "";
  let err = "";
  const code = await main(
    args,
    { out: (s) => (out += `${s}\n`), err: (s) => (err += `${s}\n`) },
    { CEDU_LANG: lang }
  );
  return { code, out, err };
}

/** Lines of stderr, without the trailing empty one. */
export function errLines(r: Run): string[] {
  return r.err.split("\n").filter((l) => l.length > 0);
}

/** A stack trace frame as Node prints it. */
export const STACK_FRAME = /^\s{4}at /m;

export async function sha256(file: string): Promise<string> {
  return createHash("sha256")
    .update(await fs.readFile(file))
    .digest("hex");
}
