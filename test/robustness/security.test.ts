/**
 * Security promises beyond test/build/bundles.test.ts (which checks the four bundles for eval and
 * the CSP's main directives): no eval in any shipped script (dist/ and the CLI's lib/), every CSP
 * source allowed, no innerHTML in the sources, no high/critical advisories in production
 * dependencies, ReadWriteDocument only, and formula injection closed at both doors.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { analyze, figures } from "../../src/core/engine";
import { buildReport } from "../../src/core/report";
import { renderReport } from "../../src/excel/write";
import { FakeContext, FakeState, installOffice } from "../excel/fakeExcel";
import { runCli } from "./helpers";

const ROOT = path.resolve(__dirname, "../..");
const DIST = path.join(ROOT, "dist");

function walk(dir: string, pattern: RegExp): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full, pattern) : pattern.test(e.name) ? [full] : [];
  });
}

/** Formula-looking text: what Excel would evaluate when typed or written as a value. */
const RISKY = [
  '=HYPERLINK("http://evil.example","点我")',
  "+86 社区",
  "-1+2",
  "@SUM(1)",
  "=cmd|' /C calc'!A0",
];

describe("no code from strings", () => {
  test("no eval( or new Function( in any script of dist/ (all files, not only the four bundles) or lib/", () => {
    const files = [...walk(DIST, /\.js$/), ...walk(path.join(ROOT, "lib"), /\.js$/)];
    if (!fs.existsSync(DIST))
      throw new Error("dist/ is missing: run `npm run build` first (`npm test` does it)");
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const code = fs.readFileSync(file, "utf8");
      expect({
        file,
        eval: /\beval\s*\(/.test(code),
        fn: /new\s+Function\s*\(/.test(code),
      }).toEqual({ file, eval: false, fn: false });
    }
  });

  test("no innerHTML, outerHTML, insertAdjacentHTML, document.write or dangerouslySetInnerHTML in src/", () => {
    const offenders = walk(path.join(ROOT, "src"), /\.(ts|tsx|js|html)$/).filter((f) =>
      /dangerouslySetInnerHTML|\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write\s*\(/.test(
        fs.readFileSync(f, "utf8")
      )
    );
    expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});

describe("the task pane's Content-Security-Policy", () => {
  test("every source of every directive is 'self', Office.js's host, or a listed narrow exception", () => {
    const file = path.join(DIST, "taskpane.html");
    if (!fs.existsSync(file))
      throw new Error("dist/taskpane.html is missing: run `npm run build` first");
    const html = fs.readFileSync(file, "utf8");
    const metas = [
      ...html.matchAll(/http-equiv="?Content-Security-Policy"?\s+content="([^"]+)"/gi),
    ];
    expect(metas).toHaveLength(1);
    const csp = metas[0][1];
    const allowed = new Set(["'self'", "https://appsforoffice.microsoft.com"]);
    const exceptions: Record<string, string[]> = {
      "style-src": ["'unsafe-inline'"],
      "img-src": ["data:"],
    };
    for (const directive of csp
      .split(";")
      .map((d) => d.trim())
      .filter(Boolean)) {
      const [name, ...sources] = directive.split(/\s+/);
      for (const src of sources) {
        const ok = allowed.has(src) || (exceptions[name] ?? []).includes(src) || src === "'none'";
        expect({ directive: name, source: src, ok }).toEqual({
          directive: name,
          source: src,
          ok: true,
        });
      }
    }
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).not.toMatch(/unsafe-eval|\*|http:/);
  });
});

describe("the manifest", () => {
  test.each(["manifest.xml", "dist/manifest.xml"])("%s asks for ReadWriteDocument only", (rel) => {
    const file = path.join(ROOT, rel);
    if (!fs.existsSync(file)) throw new Error(`${rel} is missing (dist/: run \`npm run build\`)`);
    const permissions = [
      ...fs.readFileSync(file, "utf8").matchAll(/<Permissions>\s*([^<]*?)\s*<\/Permissions>/g),
    ].map((m) => m[1]);
    expect(permissions).toEqual(["ReadWriteDocument"]);
  });
});

describe("production dependencies", () => {
  test("npm audit --omit=dev: no high or critical advisories (skipped, with the reason printed, when offline)", async () => {
    const result = await new Promise<{ stdout: string; stderr: string; error: Error | null }>(
      (resolve) => {
        execFile(
          "npm",
          ["audit", "--omit=dev", "--json"],
          { cwd: ROOT, timeout: 45_000, maxBuffer: 32 * 1024 * 1024 },
          (error, stdout, stderr) => resolve({ stdout, stderr, error })
        );
      }
    );
    let report: {
      metadata?: { vulnerabilities?: Record<string, number> };
      message?: string;
      error?: { code?: string; summary?: string };
    } | null = null;
    try {
      report = JSON.parse(result.stdout);
    } catch {
      report = null;
    }
    const vulnerabilities = report?.metadata?.vulnerabilities;
    if (!vulnerabilities) {
      const reason =
        report?.message ||
        report?.error?.summary ||
        report?.error?.code ||
        result.stderr.split("\n").find((l) => /error/i.test(l)) ||
        result.error?.message ||
        "no output";
      // Only the registry being out of reach (or refusing the audit endpoint) is a reason to skip.
      const network =
        /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|network|registry|audit endpoint|\b40[0-9]\b|\b5\d\d\b|timed? ?out/i;
      if (!network.test(`${reason}\n${result.stderr}`))
        throw new Error(`npm audit failed for a reason other than the network: ${reason}`);
      console.warn(
        `SKIPPED npm audit: the registry could not be reached (${reason.slice(0, 200)})`
      );
      return;
    }
    expect({ high: vulnerabilities.high ?? 0, critical: vulnerabilities.critical ?? 0 }).toEqual({
      high: 0,
      critical: 0,
    });
  }, 60_000);
});

/* ------------------------------------------------------------------ formula injection */

const roster = [
  ["姓名", "所属社区", "培训项目", "报名日期", "类别"],
  ...RISKY.map((text, i) => [`学员${i}`, text, `课程${i}`, "2025-03-05", text]),
];

describe("formula injection: user text never becomes a formula", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cedu-sec-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("the CLI's .xlsx output: text starting with = + - @ is a string cell, and no cell holds a formula", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("学员花名册");
    roster.forEach((r) => ws.addRow(r));
    const input = path.join(dir, "risky.xlsx");
    await wb.xlsx.writeFile(input);
    const out = path.join(dir, "summary.xlsx");
    const r = await runCli(["report", input, "--out", out]);
    expect(r.code).toBe(0);
    const written = new ExcelJS.Workbook();
    await written.xlsx.readFile(out);
    const seen = new Set<string>();
    written.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula).toBeFalsy();
          if (typeof cell.value === "string" && /^[=+\-@]/.test(cell.value)) {
            expect(cell.type).toBe(ExcelJS.ValueType.String);
            seen.add(cell.value);
          }
        })
      )
    );
    expect([...seen]).toEqual(expect.arrayContaining(RISKY));
  });

  test("the Excel door: the summary written into the workbook prefixes risky text with an apostrophe", async () => {
    installOffice();
    const spec = buildReport(
      figures(analyze({ sheets: [{ name: "学员花名册", values: roster }] })),
      { lang: "zh-CN" }
    );
    const ctx = new FakeContext(new FakeState());
    await renderReport(ctx.asExcel, spec);
    const texts = ctx.writes
      .filter((w) => w.kind === "values")
      .flatMap((w) => (w.payload as unknown[][]).flat());
    for (const text of RISKY) expect(texts).toContain(`'${text}`);
    expect(texts.filter((x) => typeof x === "string" && /^[=+\-@]/.test(x))).toEqual([]);
  });
});
