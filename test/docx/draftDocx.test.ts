/**
 * The .docx draft opens in LibreOffice Writer (`soffice --headless --convert-to pdf`, a private
 * profile) and the PDF's text (poppler's `pdftotext`) holds every sentence of the draft, every
 * heading and the key-figure table, in Chinese and in English. Page size A4 is read back from
 * the PDF (`pdfinfo`).
 *
 * .ci/run installs libreoffice-writer-nogui and poppler-utils: in CI a missing `soffice` fails
 * this test with a message saying so; elsewhere the test is skipped with a printed SKIP line.
 */
import { execFileSync, spawnSync } from "child_process";
import { promises as fs } from "fs";
import * as os from "os";
import * as path from "path";
import { readWorkbookFile } from "../../src/cli/read";
import { analyze, figures } from "../../src/core/engine";
import {
  buildDraft,
  isComparison,
  paragraphText,
  previousYearInWorkbook,
  sentenceText,
  type Draft,
} from "../../src/core/draft";
import { draftDocx } from "../../src/docx/draftDocx";

const ROOT = path.join(__dirname, "..", "..");
const THIS_YEAR = path.join(ROOT, "samples", "community-school-2025.xlsx");
const LAST_YEAR = path.join(ROOT, "samples", "community-school-2024.xlsx");

const has = (cmd: string) => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
const haveTools = has("soffice") && has("pdftotext");
const MISSING =
  "LibreOffice Writer (soffice) and poppler (pdftotext) are needed to check the .docx draft: " +
  "apt-get install libreoffice-writer-nogui poppler-utils (.ci/run installs them)";
if (!haveTools && !process.env.CI) console.log(`SKIP test/docx/draftDocx.test.ts: ${MISSING}`);
const maybe = haveTools || process.env.CI ? describe : describe.skip;

/** Text without any white space: pdftotext breaks lines and spaces CJK from digits. */
const squeeze = (s: string) => s.replace(/\s+/g, "");

async function drafts(): Promise<Draft[]> {
  const a = analyze(await readWorkbookFile(THIS_YEAR));
  const m = figures(a);
  const found = previousYearInWorkbook(
    a,
    m,
    analyze(await readWorkbookFile(LAST_YEAR)),
    path.basename(LAST_YEAR)
  );
  const comparison = isComparison(found) ? found : null;
  expect(comparison).not.toBeNull();
  return (["zh-CN", "en-US"] as const).map((lang) => buildDraft(m, { lang, comparison }));
}

maybe("the .docx draft in LibreOffice", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "cedu-docx-"));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("converts to PDF, A4, with every sentence, heading and table cell of the draft", async () => {
    if (!haveTools) throw new Error(MISSING);
    const [zh, en] = await drafts();
    const files = { zh: path.join(dir, "总结-zh.docx"), en: path.join(dir, "summary-en.docx") };
    await fs.writeFile(files.zh, await draftDocx(zh));
    await fs.writeFile(files.en, await draftDocx(en));
    // One LibreOffice start for both files, with a profile of its own.
    execFileSync(
      "soffice",
      [
        `-env:UserInstallation=file://${path.join(dir, "lo-profile")}`,
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        dir,
        files.zh,
        files.en,
      ],
      { stdio: "pipe", timeout: 120_000 }
    );
    for (const [draft, file] of [
      [zh, files.zh],
      [en, files.en],
    ] as const) {
      const pdf = file.replace(/\.docx$/, ".pdf");
      const text = squeeze(execFileSync("pdftotext", ["-enc", "UTF-8", pdf, "-"]).toString("utf8"));
      const expected = [
        sentenceText(draft.title),
        ...draft.intro.sentences.map(sentenceText),
        ...draft.sections.flatMap((s) => [
          s.heading,
          ...s.paragraphs.flatMap((p) => p.sentences.map(sentenceText)),
        ]),
        draft.table.title,
        ...draft.table.columns.map((c) => c.header),
        ...draft.table.rows.flatMap((r) =>
          [r.label, r.value, r.target, r.previous, r.change].map((c) =>
            c === null ? "" : typeof c === "string" ? c : c.text
          )
        ),
      ].filter((s) => s !== "");
      expect(expected.length).toBeGreaterThan(40);
      for (const s of expected)
        expect({ s, found: text.includes(squeeze(s)) }).toEqual({ s, found: true });
      // Whole paragraphs too: the sentences follow each other as in the draft.
      const gap = draft.lang === "zh-CN" ? "" : " ";
      for (const p of draft.sections.flatMap((s) => s.paragraphs))
        expect(text).toContain(squeeze(paragraphText(p, gap)));
      // A4 is 595 × 842 points.
      const info = execFileSync("pdfinfo", [pdf]).toString("utf8");
      const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
      expect(Math.abs(Number(size?.[1]) - 595.3)).toBeLessThan(1);
      expect(Math.abs(Number(size?.[2]) - 841.9)).toBeLessThan(1);
    }
  });
});
