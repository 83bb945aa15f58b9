/**
 * End to end: the built task pane (dist/, from `npm run build`) in headless Debian Chromium,
 * opened outside Excel. It loads the sample workbook through the file input, runs the check and
 * the summary, compares the figures shown with the engine's, downloads the summary and checks
 * its sheets, and saves the screenshots the README shows (docs/screenshots/taskpane-*.png).
 *
 * Skips only when /usr/bin/chromium is absent (.ci/run installs it). Every request that is not
 * to the local server is blocked; office.js is served from node_modules in one run and aborted
 * in the other, to prove the pane starts either way.
 */
import * as fs from "fs";
import * as http from "http";
import * as os from "os";
import * as path from "path";
import type { AddressInfo } from "net";
import ExcelJS from "exceljs";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { allIssues, analyze, buildReport, figures, rateValue } from "../../src/core";
import type { Lang, WorkbookInput } from "../../src/core/types";
import { toWorkbookInput } from "../../src/xlsx/input";
import { countBySeverity } from "../../src/taskpane/display";

const ROOT = path.resolve(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const CHROMIUM = "/usr/bin/chromium";
const OFFICE_JS = path.join(ROOT, "node_modules", "@microsoft", "office-js", "dist", "office.js");
const SAMPLE = path.join(ROOT, "samples", "community-school-2025.xlsx");
const SHOTS = path.join(ROOT, "docs", "screenshots");
const WIDTH = 320;

const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) {
  console.log(
    `SKIP test/e2e/pane.e2e.test.ts: ${CHROMIUM} not found (apt-get install chromium; .ci/run does)`
  );
}
const maybe = haveChromium ? describe : describe.skip;

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".png": "image/png",
  ".xml": "application/xml",
  ".map": "application/json",
};

function serve(dir: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const file = path.normalize(path.join(dir, decodeURIComponent(url.pathname)));
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** The sample workbook, or (when a colleague's generator has not run) a small one made here. */
async function sampleFile(tmp: string): Promise<string> {
  if (fs.existsSync(SAMPLE)) return SAMPLE;
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("社区人口").addRows([
    ["社区", "常住人口"],
    ["六角社区", 40],
    ["东湖社区", 20],
  ]);
  wb.addWorksheet("学员花名册").addRows([
    ["姓名", "所属社区", "培训项目", "报名日期", "学习状态", "考核结果"],
    ["张三", "六角社区", "太极拳", new Date(Date.UTC(2025, 2, 1)), "结业", "优秀"],
    ["李四", "六角社区", "书法", new Date(Date.UTC(2025, 3, 2)), "结业", "合格"],
    ["王五", "东湖社区", "太极拳", new Date(Date.UTC(2025, 4, 3)), "在读", ""],
    ["", "东湖社区", "摄影", new Date(Date.UTC(2025, 5, 4)), "结业", "优秀"],
  ]);
  wb.addWorksheet("学校名单").addRows([
    ["学校名称", "评估等级", "学校类型"],
    ["六角社区学校", "优秀", "社区学校"],
    ["老年大学", "合格", "老年学校"],
  ]);
  const file = path.join(tmp, "community-school-2025.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

async function readInput(file: string): Promise<WorkbookInput> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return toWorkbookInput(wb);
}

const LABELS = {
  "en-US": {
    check: "Check",
    run: "Run check",
    summary: "Summary",
    generate: "Generate",
    download: "Download summary .xlsx",
    issues: "Download issues .xlsx",
    sheets: "Sheets",
  },
  "zh-CN": {
    check: "检查",
    run: "运行检查",
    summary: "汇总",
    generate: "生成汇总",
    download: "下载汇总 .xlsx",
    issues: "下载问题清单 .xlsx",
    sheets: "工作表",
  },
} as const;

maybe("task pane in Chromium, outside Excel", () => {
  let server: http.Server;
  let base: string;
  let tmp: string;
  let sample: string;
  let input: WorkbookInput;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(DIST, "taskpane.html"))) {
      throw new Error("dist/taskpane.html is missing: run `npm run build` before the e2e test");
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cedu-e2e-"));
    sample = await sampleFile(tmp);
    input = await readInput(sample);
    server = await serve(DIST);
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  }, 60_000);

  afterAll(async () => {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** A fresh browser with a new empty user-data-dir for each run. */
  async function launch(lang: Lang): Promise<BrowserContext> {
    return chromium.launchPersistentContext(fs.mkdtempSync(path.join(tmp, "profile-")), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      locale: lang,
      viewport: { width: WIDTH, height: 900 },
      acceptDownloads: true,
    });
  }

  async function openPane(
    lang: Lang,
    officeJs: "serve" | "abort"
  ): Promise<{ page: Page; blocked: string[]; errors: string[] }> {
    const context = await launch(lang);
    const page = context.pages()[0] ?? (await context.newPage());
    const blocked: string[] = [];
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    // The catch-all first: Playwright tries the routes registered last first.
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith("blob:") || url.startsWith("data:"))
        return route.continue();
      blocked.push(url);
      return route.abort();
    });
    await page.route("https://appsforoffice.microsoft.com/lib/1/hosted/office.js", (route) =>
      officeJs === "serve"
        ? route.fulfill({ path: OFFICE_JS, contentType: "text/javascript" })
        : (blocked.push(route.request().url()), route.abort())
    );
    await page.goto(`${base}taskpane.html`);
    return { page, blocked, errors };
  }

  async function expectNoHorizontalScroll(page: Page): Promise<void> {
    const { scroll, client } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(scroll).toBeLessThanOrEqual(client);
  }

  async function flow(lang: Lang, officeJs: "serve" | "abort"): Promise<void> {
    const { page, errors } = await openPane(lang, officeJs);
    try {
      await steps(page, lang);
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  }

  async function steps(page: Page, lang: Lang): Promise<void> {
    const L = LABELS[lang];
    const analysis = analyze(input);
    const metrics = figures(analysis);

    // The pane starts outside Excel and offers a file.
    await page.getByTestId("drop-zone").waitFor({ timeout: 20_000 });
    await page.getByTestId("file-input").setInputFiles(sample);
    await page.getByTestId(`sheet-${analysis.sheets[0].name}`).waitFor({ timeout: 30_000 });
    expect(await page.getByTestId("file-name").textContent()).toContain(path.basename(sample));
    await expectNoHorizontalScroll(page);

    // Check: counts by severity equal the engine's.
    await page.getByRole("tab", { name: L.check }).click();
    await page.getByRole("button", { name: L.run }).click();
    await page.getByTestId("severity-counts").waitFor();
    const counts = countBySeverity(allIssues(analysis, metrics));
    for (const s of ["error", "warning", "info"] as const) {
      expect(await page.getByTestId(`count-${s}`).getAttribute("data-count")).toBe(
        String(counts[s])
      );
    }
    await expectNoHorizontalScroll(page);

    // Issues download (outside Excel).
    if (counts.error + counts.warning + counts.info > 0) {
      const [issuesFile] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: L.issues }).click(),
      ]);
      const issuesWb = new ExcelJS.Workbook();
      await issuesWb.xlsx.readFile((await issuesFile.path())!);
      expect(issuesWb.worksheets).toHaveLength(1);
    }

    // Summary: generate, compare the figures, download and check the sheets.
    await page.getByRole("tab", { name: L.summary }).click();
    await page.getByRole("button", { name: L.generate }).click();
    await page.getByTestId("key-figures").waitFor({ timeout: 30_000 });
    const shown = async (id: string) => page.getByTestId(`fig-${id}`).getAttribute("data-value");
    const num = (v: number | null) => (v === null ? "" : String(v));
    expect(await shown("participation")).toBe(num(rateValue(metrics.overall.participationRate)));
    expect(await shown("completion")).toBe(num(rateValue(metrics.overall.completionRate)));
    expect(await shown("excellence")).toBe(num(rateValue(metrics.overall.excellenceRate)));
    if (metrics.schools) {
      expect(await shown("school-excellence")).toBe(num(rateValue(metrics.schools.excellenceRate)));
      expect(await shown("school-qualified")).toBe(num(rateValue(metrics.schools.qualifiedRate)));
    }
    await expectNoHorizontalScroll(page);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: L.download }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const summary = new ExcelJS.Workbook();
    await summary.xlsx.readFile((await download.path())!);
    const expectedNames = buildReport(metrics, { lang }).sheets.map((s) => s.name);
    expect(summary.worksheets.map((w) => w.name)).toEqual(expectedNames);

    fs.mkdirSync(SHOTS, { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, `taskpane-${lang}.png`), fullPage: true });

    // The other panels render at 320 px without horizontal scrolling.
    await page.getByRole("tab", { name: L.sheets }).click();
    await expectNoHorizontalScroll(page);
  }

  test(
    "en-US, office.js served locally: file → check → summary → download",
    () => flow("en-US", "serve"),
    180_000
  );

  test(
    "zh-CN, office.js blocked: the pane still starts and runs the same flow",
    () => flow("zh-CN", "abort"),
    180_000
  );
});
