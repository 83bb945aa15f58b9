import * as fs from "fs";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");
export const DIST = path.join(ROOT, "dist");

/** Reads a file of the production build; fails with a clear message when there is no build. */
export function readDist(file: string): string {
  const full = path.join(DIST, file);
  if (!fs.existsSync(full)) {
    throw new Error(
      `dist/${file} is missing: run \`npm run build\` before these tests (\`npm test\` does it for you)`
    );
  }
  return fs.readFileSync(full, "utf8");
}
