/**
 * The standard template's drop-down as staff see it, for the README: the template is written
 * exactly as `cedu template` and the pane's download write it (src/xlsx/standard), its
 * 学员花名册 sheet is read back from the file (headers, column widths, and the data validations'
 * XML: list, input message), and headless Chromium draws the first rows with the 性别 cell
 * selected, its input message and its open list, as Excel shows them. Saves
 * docs/screenshots/template-dropdown-zh-CN.png. A spreadsheet application cannot be made to open
 * a drop-down without a screen, so the list drawn is the file's own rule, not a new one.
 *
 * Skips only when /usr/bin/chromium is absent (.ci/run installs it).
 */
import * as fs from "fs";
import * as path from "path";
import ExcelJS from "exceljs";
import { chromium } from "playwright-core";
import { standardWorkbook } from "../../src/core/standard";
import { standardXlsx } from "../../src/xlsx/standard";
import { readWorkbookXml } from "../helpers/xlsxParts";

const ROOT = path.resolve(__dirname, "..", "..");
const CHROMIUM = "/usr/bin/chromium";
const SHOT = path.join(ROOT, "docs", "screenshots", "template-dropdown-zh-CN.png");

const haveChromium = fs.existsSync(CHROMIUM);
if (!haveChromium) console.log(`SKIP test/e2e/template.e2e.test.ts: ${CHROMIUM} not found`);
const maybe = haveChromium ? describe : describe.skip;

const escape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

maybe("the standard template's drop-down", () => {
  test("the 性别 list and its input message, read from the template file, drawn for the README", async () => {
    const bytes = await standardXlsx(standardWorkbook({ lang: "zh-CN" }));
    const xml = await readWorkbookXml(bytes);
    const roster = xml.sheets.find((s) => s.name === "学员花名册")!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.slice().buffer as ArrayBuffer, { ignoreNodes: ["dataValidations"] });
    const ws = wb.getWorksheet("学员花名册")!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const widths = headers.map((_, c) => ws.getColumn(c + 1).width ?? 10);

    const gender = headers.indexOf("性别");
    const rule = roster.validations.find(
      (v) => columnIndex(/^([A-Z]+)/.exec(v.sqref)![1]) === gender
    )!;
    expect(rule.type).toBe("list");
    const items = rule.formula1!.replace(/^"|"$/g, "").split(",");
    expect(items).toEqual(["男", "女"]);
    expect(rule.promptTitle).toBe("性别");

    // Columns A to the one after 所属社区 fit the picture; each as wide as the file says.
    const shown = headers.slice(0, headers.indexOf("所属社区") + 1);
    const px = (chars: number) => Math.round(chars * 7 + 5);
    const letters = shown.map((_, c) => String.fromCharCode(65 + c));
    const cellStyle = "border:1px solid #d4d4d4;height:20px;padding:0 4px;white-space:nowrap;";
    const rows = [1, 2, 3, 4, 5, 6, 7, 8]
      .map((r) => {
        const cells = shown
          .map((h, c) => {
            const header = r === 1;
            const selected = r === 2 && c === gender;
            const style =
              cellStyle +
              `width:${px(widths[c])}px;max-width:${px(widths[c])}px;` +
              (header ? "background:#DDEBF7;font-weight:bold;" : "") +
              (selected ? "outline:2px solid #107C41;outline-offset:-2px;position:relative;" : "");
            const inner = header
              ? escape(h)
              : selected
                ? `<span class="arrow">▾</span>
                   <div class="list">${items.map((i, k) => `<div class="${k === 0 ? "hot" : ""}">${escape(i)}</div>`).join("")}</div>
                   <div class="prompt"><b>${escape(rule.promptTitle!)}</b><br>${escape(rule.prompt!)}</div>`
                : "";
            return `<td style="${style}">${inner}</td>`;
          })
          .join("");
        return `<tr><th class="rh">${r}</th>${cells}</tr>`;
      })
      .join("");
    const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
      body { margin: 0; padding: 12px; font: 14px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; background: #fff; }
      table { border-collapse: collapse; table-layout: fixed; }
      th { background: #f3f3f3; color: #444; font-weight: normal; border: 1px solid #d4d4d4; height: 20px; }
      th.rh { width: 32px; }
      .arrow { position: absolute; right: -18px; top: -1px; width: 16px; height: 20px; border: 1px solid #999;
               background: #f3f3f3; font-size: 12px; line-height: 20px; text-align: center; }
      .list { position: absolute; left: -1px; top: 21px; min-width: 100%; background: #fff; border: 1px solid #777;
              box-shadow: 2px 2px 4px rgba(0,0,0,.25); z-index: 2; }
      .list div { padding: 1px 6px; } .list .hot { background: #cce4f7; }
      .prompt { position: absolute; left: 40px; top: 60px; width: 260px; white-space: normal; background: #ffffe1;
                border: 1px solid #777; padding: 6px 8px; font-size: 13px; line-height: 1.4; z-index: 1;
                box-shadow: 2px 2px 4px rgba(0,0,0,.2); }
    </style></head><body><table id="grid"><tr><th class="rh"></th>${letters
      .map((l) => `<th>${l}</th>`)
      .join("")}</tr>${rows}</table></body></html>`;

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu"],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 320 } });
      await page.setContent(html);
      const grid = page.locator("#grid");
      // The list and the message sit in the cell under 性别, as Excel draws them.
      expect(await page.locator(".list div").allTextContents()).toEqual(items);
      expect(await page.locator(".prompt").textContent()).toContain(rule.prompt!);
      fs.mkdirSync(path.dirname(SHOT), { recursive: true });
      const boxes = [await grid.boundingBox(), await page.locator(".prompt").boundingBox()];
      const right = Math.max(...boxes.map((b) => b!.x + b!.width)) + 8;
      const bottom = Math.max(...boxes.map((b) => b!.y + b!.height)) + 8;
      await page.screenshot({ path: SHOT, clip: { x: 0, y: 0, width: right, height: bottom } });
    } finally {
      await browser.close();
    }
    expect(fs.statSync(SHOT).size).toBeGreaterThan(5_000);
  }, 120_000);
});
