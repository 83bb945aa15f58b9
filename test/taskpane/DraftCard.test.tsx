/**
 * @jest-environment jsdom
 */
import * as fs from "fs";
import * as path from "path";
import { TextDecoder, TextEncoder } from "util";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { readWorkbookFile } from "../../src/cli/read";
import { analyze, figures, type Analysis } from "../../src/core";
import { buildDraft, draftText, previousYearInWorkbook, isComparison } from "../../src/core/draft";
import type { Lang, Metrics } from "../../src/core/types";
import { DraftCard } from "../../src/taskpane/DraftCard";
import { DOCX_TYPE, DRAFT_STRINGS, draftFileName } from "../../src/taskpane/draft";

const ROOT = path.join(__dirname, "..", "..");
const THIS_YEAR = path.join(ROOT, "samples", "community-school-2025.xlsx");
const LAST_YEAR = path.join(ROOT, "samples", "community-school-2024.xlsx");

// jsdom has neither TextEncoder nor Blob.arrayBuffer (every browser the pane runs in has both).
Object.assign(globalThis, { TextEncoder, TextDecoder });
if (!Blob.prototype.arrayBuffer) {
  Blob.prototype.arrayBuffer = function (this: Blob) {
    return new Promise<ArrayBuffer>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error);
      reader.readAsArrayBuffer(this);
    });
  };
}

let analysis: Analysis;
let metrics: Metrics;
let lastYear: Analysis;
beforeAll(async () => {
  analysis = analyze(await readWorkbookFile(THIS_YEAR));
  metrics = figures(analysis);
  lastYear = analyze(await readWorkbookFile(LAST_YEAR));
});

function renderCard(lang: Lang, download = jest.fn()) {
  render(
    <FluentProvider theme={webLightTheme}>
      <DraftCard
        lang={lang}
        analysis={analysis}
        metrics={metrics}
        baseName="community-school-2025.xlsx"
        download={download}
      />
    </FluentProvider>
  );
  return download;
}

/** A File with the bytes of a sample, as the file picker gives it. */
function fileOf(p: string, name = path.basename(p)): File {
  return new File([fs.readFileSync(p)], name, {
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  });
}

describe("DraftCard", () => {
  test("strings: zh-CN and en-US have the same keys, none empty", () => {
    const zh = Object.keys(DRAFT_STRINGS["zh-CN"]).sort();
    expect(Object.keys(DRAFT_STRINGS["en-US"]).sort()).toEqual(zh);
    for (const lang of ["zh-CN", "en-US"] as const)
      for (const v of Object.values(DRAFT_STRINGS[lang])) expect(v).not.toBe("");
  });

  test("shows the draft the command line prints, and copies exactly that text", async () => {
    const writeText = jest.fn().mockResolvedValue(undefined);
    Object.assign(navigator, { clipboard: { writeText } });
    renderCard("zh-CN");
    const expected = draftText(buildDraft(metrics, { lang: "zh-CN", comparison: null }));
    const shown = screen.getByTestId("draft-text");
    for (const line of expected.split("\n").filter((l) => l !== ""))
      expect(shown.textContent).toContain(line);
    expect(screen.getByTestId("draft-compare").textContent).toContain("未找到上年同期的数据");
    fireEvent.click(screen.getByRole("button", { name: "复制总结" }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(expected));
    expect((await screen.findByTestId("draft-note")).textContent).toBe("已复制到剪贴板");
  });

  test("says how to copy by hand when the clipboard refuses", async () => {
    Object.assign(navigator, {
      clipboard: { writeText: jest.fn().mockRejectedValue(new Error("denied")) },
    });
    renderCard("en-US");
    fireEvent.click(screen.getByRole("button", { name: "Copy the summary" }));
    const note = await screen.findByRole("alert");
    expect(note.textContent).toContain("select the text below");
  });

  test("downloads a .docx of the draft, named after the workbook and the period", async () => {
    const download = renderCard("zh-CN");
    fireEvent.click(screen.getByRole("button", { name: "下载 Word 文档（.docx）" }));
    await waitFor(() => expect(download).toHaveBeenCalledTimes(1));
    const [blob, name] = download.mock.calls[0] as [Blob, string];
    expect(name).toBe("community-school-2025-工作总结-2025-01-01_2025-12-31.docx");
    expect(name).toBe(draftFileName("community-school-2025.xlsx", metrics.period, "zh-CN"));
    expect(blob.type).toBe(DOCX_TYPE);
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect(String.fromCharCode(bytes[0], bytes[1])).toBe("PK");
    expect(Buffer.from(bytes).includes(Buffer.from("word/document.xml"))).toBe(true);
  });

  test("a second workbook opened for comparison: 比上年 and 新学员/老学员 appear, and can be removed", async () => {
    renderCard("zh-CN");
    const input = screen.getByTestId("draft-compare-file") as HTMLInputElement;
    await act(async () => {
      fireEvent.change(input, { target: { files: [fileOf(LAST_YEAR)] } });
    });
    await waitFor(() =>
      expect(screen.getByTestId("draft-compare").textContent).toContain(
        "对比工作簿“community-school-2024.xlsx”"
      )
    );
    const found = previousYearInWorkbook(analysis, metrics, lastYear, "community-school-2024.xlsx");
    expect(isComparison(found)).toBe(true);
    const expected = draftText(
      buildDraft(metrics, { lang: "zh-CN", comparison: isComparison(found) ? found : null })
    );
    const shown = screen.getByTestId("draft-text").textContent ?? "";
    for (const line of expected.split("\n").filter((l) => l !== "")) expect(shown).toContain(line);
    expect(shown).toMatch(/新学员\d+人，老学员\d+人/);
    fireEvent.click(screen.getByRole("button", { name: "不与对比工作簿比较" }));
    expect(screen.getByTestId("draft-text").textContent).not.toContain("比上年");
  });

  test("a file that is not an .xlsx is refused with its name", async () => {
    renderCard("en-US");
    const input = screen.getByTestId("draft-compare-file") as HTMLInputElement;
    await act(async () => {
      fireEvent.change(input, {
        target: { files: [new File(["hello"], "notes.txt", { type: "text/plain" })] },
      });
    });
    expect((await screen.findByRole("alert")).textContent).toBe(
      "“notes.txt” is not an .xlsx workbook and cannot be compared with."
    );
  });
});
