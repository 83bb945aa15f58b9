/**
 * The repository stands alone: every document a comment or page points at is in it, and the data
 * model page lists every header synonym the engine knows.
 */
import * as fs from "fs";
import * as path from "path";
import { KINDS } from "../../src/core/schema";

const ROOT = path.resolve(__dirname, "../..");
const SCANNED = ["src", "test", "scripts", "docs", ".ci"];
const TOP_FILES = [
  "README.md",
  "ARCHITECTURE.md",
  "webpack.config.js",
  "eslint.config.js",
  "jest.config.js",
];
const TEXT = /\.(ts|tsx|js|json|md|html|xml|yml)$|^run$/;

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "fixtures") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (TEXT.test(entry.name)) out.push(full);
  }
  return out;
}

const files = [
  ...SCANNED.flatMap((d) => walk(path.join(ROOT, d))),
  ...TOP_FILES.map((f) => path.join(ROOT, f)),
].filter((f) => f !== __filename);

describe("the repository stands alone", () => {
  test("no file points outside the repository for a document or fixture", () => {
    const outside = /\.\.\/shared|DATA-MODEL|DOMAIN-NOTES|OFFICEJS-NOTES|TOOLCHAIN-NOTES/;
    const offenders = files.filter((f) => outside.test(fs.readFileSync(f, "utf8")));
    expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  test("every docs/… path and relative Markdown link names a file that exists", () => {
    const missing: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      for (const m of text.matchAll(/\bdocs\/[\w./-]+\.(?:md|txt|png)/g)) {
        if (file.includes(`${path.sep}docs${path.sep}design${path.sep}officejs-notes.md`)) continue;
        if (!fs.existsSync(path.join(ROOT, m[0])))
          missing.push(`${path.relative(ROOT, file)}: ${m[0]}`);
      }
      if (file.endsWith(".md")) {
        for (const m of text.matchAll(/\]\(([^)#\s]+\.(?:md|png|txt))\)/g)) {
          if (/^https?:/.test(m[1])) continue;
          const target = path.resolve(path.dirname(file), m[1]);
          if (!fs.existsSync(target)) missing.push(`${path.relative(ROOT, file)}: ${m[1]}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  test("the real-world corpus is in the repository with its source and licence", () => {
    const dir = path.join(ROOT, "test/fixtures/corpus");
    const xlsx = fs.readdirSync(dir).filter((f) => f.endsWith(".xlsx"));
    expect(xlsx.length).toBeGreaterThanOrEqual(50);
    const readme = fs.readFileSync(path.join(dir, "README.md"), "utf8");
    expect(readme).toMatch(/SheetJS/);
    expect(readme).toMatch(/Apache License, Version 2\.0/);
    expect(fs.existsSync(path.join(dir, "LICENSE-Apache-2.0.txt"))).toBe(true);
  });
});

describe("docs/data-model.md", () => {
  const page = fs.readFileSync(path.join(ROOT, "docs/data-model.md"), "utf8");

  test.each(Object.values(KINDS).map((k) => [k.kind, k] as const))(
    "lists every field and header synonym of %s",
    (_kind, spec) => {
      const section = page.split(/\n### /).find((s) => s.startsWith(`${spec.kind} `));
      expect(section).toBeDefined();
      for (const f of spec.fields) {
        const row = (section as string)
          .split("\n")
          .find((line) => line.startsWith(`| ${f.field}${f.required ? "*" : ""} |`));
        expect(row).toBeDefined();
        const synonyms = (row as string).split("|")[2];
        for (const h of f.headers) expect(synonyms.split(/[,/]/).map((s) => s.trim())).toContain(h);
      }
    }
  );
});
