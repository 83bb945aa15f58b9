/**
 * The offline page (dist/cedu-offline.html, from `npm run build`) opened from the disk in headless
 * Debian Chromium with the network cut off: no proxy reachable, every routed request aborted, and
 * every request the page makes recorded. It must make none besides loading itself (and blob:/data:
 * URLs, which never leave the browser), and complete the flow on the sample: open the workbook,
 * check it, show the figures, download the summary and the 工作总结 draft (.docx); and with
 * several files picked at once, show the district with what each file reported.
 *
 * Skips only when /usr/bin/chromium is absent (.ci/run installs it).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pathToFileURL } from "url";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { chromium, type BrowserContext } from "playwright-core";
import { allIssues, analyze, buildReport, figures, rateValue } from "../../src/core";
import type { Lang } from "../../src/core/types";
import { countBySeverity } from "../../src/taskpane/display";
import { paneDraft } from "../../src/taskpane/draft";
import { DISTRICT, districtXlsx } from "../helpers/districtFiles";
import { readXlsx } from "../helpers/readXlsx";
import { readCharts } from "../helpers/xlsxCharts";

const ROOT = path.resolve(__dirname, "..", "..");
const PAGE = path.join(ROOT, "dist", "cedu-offline.html");
const CHROMIUM = "/usr/bin/chromium";
const SAMPLE = path.join(ROOT, "samples", "community-school-2025.xlsx");

const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) {
  console.log(`SKIP test/e2e/offline.e2e.test.ts: ${CHROMIUM} not found (.ci/run installs it)`);
}
const maybe = haveChromium ? describe : describe.skip;

const LABELS = {
  "en-US": {
    check: "Check",
    run: "Run check",
    summary: "Summary",
    generate: "Generate",
    download: "Download summary .xlsx",
    docx: "Download Word document (.docx)",
  },
  "zh-CN": {
    check: "检查",
    run: "运行检查",
    summary: "汇总",
    generate: "生成汇总",
    download: "下载汇总 .xlsx",
    docx: "下载 Word 文档（.docx）",
  },
} as const;

/** The paragraphs' text of a .docx (word/document.xml), entities decoded, white space dropped. */
async function docxText(bytes: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(bytes)).file("word/document.xml")!.async("string");
  return xml
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, "");
}

maybe("the offline page, from the disk, with no network", () => {
  let tmp: string;

  beforeAll(() => {
    if (!fs.existsSync(PAGE))
      throw new Error("dist/cedu-offline.html is missing: run `npm run build` before this test");
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cedu-offline-"));
  });

  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test("is one file: no script, style, image or font is fetched from anywhere", () => {
    const html = fs.readFileSync(PAGE, "utf8");
    // Booleans, so that a failure does not print the 1.5 MB page.
    expect(/<script[^>]+\bsrc=/i.test(html)).toBe(false);
    expect(/<link[^>]+\bhref=/i.test(html)).toBe(false);
    expect(/appsforoffice|hosted\/office\.js/i.test(html)).toBe(false);
    // No code built from strings (the CSP has no 'unsafe-eval'; the add-in's bundles hold the same).
    expect(/\beval\s*\(/.test(html)).toBe(false);
    expect(/new\s+Function\s*\(/.test(html)).toBe(false);
    // The policy allows the one inline script by its hash, and no connection of any kind.
    const csp = /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    expect(csp).not.toMatch(/connect-src|unsafe-eval/);
    expect(fs.readdirSync(path.dirname(PAGE)).filter((f) => f.startsWith("cedu-offline"))).toEqual([
      "cedu-offline.html",
    ]);
  });

  async function launch(lang: Lang): Promise<BrowserContext> {
    return chromium.launchPersistentContext(fs.mkdtempSync(path.join(tmp, "profile-")), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        // Nothing can leave the machine: every connection goes to a proxy that is not there.
        "--proxy-server=http://127.0.0.1:9",
        "--proxy-bypass-list=<-loopback>",
      ],
      locale: lang,
      viewport: { width: 360, height: 900 },
      acceptDownloads: true,
    });
  }

  test.each(["zh-CN", "en-US"] as const)(
    "%s: open the sample, check it, show the figures, download the summary",
    async (lang) => {
      const L = LABELS[lang];
      const input = await readXlsx(SAMPLE);
      const analysis = analyze(input);
      const metrics = figures(analysis);
      const context = await launch(lang);
      const requests: string[] = [];
      const errors: string[] = [];
      context.on("request", (r) => requests.push(r.url()));
      const url = pathToFileURL(PAGE).href;
      // Only the page itself may load; anything else is aborted (and recorded above).
      await context.route("**/*", (route) =>
        route.request().url() === url ? route.continue() : route.abort()
      );
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        page.on("pageerror", (e) => errors.push(String(e)));
        page.on("console", (m) => {
          if (m.type() === "error") errors.push(m.text());
        });
        await page.goto(url);

        await page.getByTestId("drop-zone").waitFor({ timeout: 30_000 });
        await page.getByTestId("file-input").setInputFiles(SAMPLE);
        await page.getByTestId(`sheet-${analysis.sheets[0].name}`).waitFor({ timeout: 30_000 });

        await page.getByRole("tab", { name: L.check }).click();
        await page.getByRole("button", { name: L.run }).click();
        await page.getByTestId("severity-counts").waitFor();
        const counts = countBySeverity(allIssues(analysis, metrics));
        for (const s of ["error", "warning", "info"] as const)
          expect(await page.getByTestId(`count-${s}`).getAttribute("data-count")).toBe(
            String(counts[s])
          );

        await page.getByRole("tab", { name: L.summary }).click();
        await page.getByRole("button", { name: L.generate }).click();
        await page.getByTestId("key-figures").waitFor({ timeout: 30_000 });
        expect(await page.getByTestId("fig-participation").getAttribute("data-value")).toBe(
          String(rateValue(metrics.overall.participationRate))
        );

        const [download] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("button", { name: L.download }).click(),
        ]);
        const summary = new ExcelJS.Workbook();
        await summary.xlsx.readFile((await download.path())!);
        expect(summary.worksheets.map((w) => w.name)).toEqual(
          buildReport(metrics, { lang }).sheets.map((s) => s.name)
        );
        // The download carries the native charts the add-in draws in Excel.
        const charts = await readCharts(fs.readFileSync((await download.path())!));
        expect(charts[0].charts.map((c) => c.title)).toEqual(
          buildReport(metrics, { lang })
            .sheets[0].sections.filter((s) => s.chart && s.table.rows.length > 0)
            .map((s) => s.chart!.title)
        );

        // The 工作总结 draft of the same figures, as a Word document.
        const [docx] = await Promise.all([
          page.waitForEvent("download"),
          page.getByRole("button", { name: L.docx }).click(),
        ]);
        expect(docx.suggestedFilename()).toMatch(
          lang === "zh-CN" ? /工作总结-.*\.docx$/ : /work-summary-.*\.docx$/
        );
        const text = await docxText(fs.readFileSync((await docx.path())!));
        const paragraphs = paneDraft(analysis, metrics, lang, null)
          .text.split("\n")
          .map((p) => p.replace(/\s+/g, ""))
          .filter((p) => p !== "");
        expect(paragraphs.length).toBeGreaterThan(5);
        for (const p of paragraphs)
          expect({ p, found: text.includes(p) }).toEqual({ p, found: true });

        expect(errors).toEqual([]);
        const outside = requests.filter(
          (r) => r !== url && !r.startsWith("blob:") && !r.startsWith("data:")
        );
        expect(outside).toEqual([]);
        expect(requests).toContain(url);
      } finally {
        await context.close();
      }
    },
    180_000
  );
  test("several files picked at once: the district, what each file reported, who has not", async () => {
    const names = Object.keys(DISTRICT);
    const paths = await Promise.all(
      names.map(async (n) => {
        const file = path.join(tmp, n);
        fs.writeFileSync(file, await districtXlsx(n));
        return file;
      })
    );
    const context = await launch("zh-CN");
    const requests: string[] = [];
    context.on("request", (r) => requests.push(r.url()));
    const url = pathToFileURL(PAGE).href;
    await context.route("**/*", (route) =>
      route.request().url() === url ? route.continue() : route.abort()
    );
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(url);
      await page.getByTestId("file-input").setInputFiles(paths);
      await page.getByText("已打开 3 个工作簿（合并统计）").waitFor({ timeout: 30_000 });
      await page.getByRole("tab", { name: "汇总" }).click();
      await page.getByTestId("by-source").waitFor({ timeout: 30_000 });
      expect(await page.getByTestId("source-row").count()).toBe(3);
      expect(await page.getByTestId("not-reported-school").allTextContents()).toEqual([
        "东湖社区学校 · 东湖社区 · 社区学校",
      ]);
      const outside = requests.filter(
        (r) => r !== url && !r.startsWith("blob:") && !r.startsWith("data:")
      );
      expect(outside).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
