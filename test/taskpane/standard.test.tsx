/**
 * @jest-environment jsdom
 */
/**
 * The pane's two standard-workbook actions, through the real hosts: in Excel (the Excel host over
 * the fake Excel) "插入标准表" adds the sheets and "整理为标准表" adds tidied sheets, sets the
 * sources aside and keeps the figures; outside Excel both download an .xlsx file.
 */
import * as fs from "fs";
import * as path from "path";
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { analyze, figures, rateValue } from "../../src/core";
import { sheetName, STANDARD_KINDS } from "../../src/core/standard";
import type { Lang } from "../../src/core/types";
import { SETTINGS_KEY } from "../../src/excel/settings";
import { App } from "../../src/taskpane/App";
import { createFileHost } from "../../src/taskpane/fileHost";
import { createExcelHost, type Host } from "../../src/taskpane/host";
import { readXlsx, readXlsxBuffer } from "../helpers/readXlsx";
import { validationAt } from "../excel/fakeDataValidation";
import { FakeState, installExcel, installOffice, type FakeExcel } from "../excel/fakeExcel";
import { fakeWorkbook } from "../excel/fakeFromInput";
import { installLayout, installResizeObserver } from "./fakes";

const SAMPLE = path.join(__dirname, "..", "..", "samples", "community-school-2025.xlsx");

beforeAll(() => {
  installResizeObserver();
  installLayout();
  // jsdom's Blob has no arrayBuffer(); browsers have had it since 2019. FileReader reads the same bytes.
  if (!Blob.prototype.arrayBuffer)
    Blob.prototype.arrayBuffer = function (this: Blob) {
      return new Promise<ArrayBuffer>((resolve, reject) => {
        const reader = new FileReader();
        reader.onload = () => resolve(reader.result as ArrayBuffer);
        reader.onerror = () => reject(reader.error);
        reader.readAsArrayBuffer(this);
      });
    };
});

function renderApp(host: Host, lang: Lang) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} initialLang={lang} initialTab="sheets" />
    </FluentProvider>
  );
}

let excel: FakeExcel | null = null;

/** Excel.run over the fake workbook (one request context per run), and Office's requirement sets. */
function useFakeExcel(state: FakeState): void {
  installOffice();
  excel = installExcel(state);
}

afterEach(() => {
  excel?.uninstall();
  excel = null;
  delete (globalThis as { Office?: unknown }).Office;
});

describe("in Excel", () => {
  test("插入标准表 adds the sheets with their drop-downs, and the Sheets tab recognises them", async () => {
    const state = new FakeState();
    useFakeExcel(state);
    renderApp(createExcelHost(), "zh-CN");
    fireEvent.click(screen.getByRole("button", { name: "插入标准表" }));
    const notice = await screen.findByTestId("notice", {}, { timeout: 15_000 });
    expect(notice.textContent).toContain("已添加标准表");
    expect(notice.textContent).toContain("请先在“社区人口”中列出各社区");
    expect(state.sheets.map((s) => s.name)).toEqual([
      "填写说明",
      ...STANDARD_KINDS.map((k) => sheetName(k, "zh-CN")),
    ]);
    expect(validationAt(state.sheet("学员花名册")!, 1, 2)?.rule?.list?.source).toBe("男,女");
    // The pane read the workbook again: each standard sheet is recognised.
    for (const kind of STANDARD_KINDS) {
      const card = await screen.findByTestId(`sheet-${sheetName(kind, "zh-CN")}`);
      expect(card.textContent).not.toContain("未识别");
    }
  });

  test("整理为标准表 writes new sheets, leaves the sample's sheets alone, sets them aside, and Generate shows the same figures", async () => {
    const sample = await readXlsx(SAMPLE);
    const state = fakeWorkbook(sample);
    const before = JSON.stringify(state.sheets.map((s) => [s.name, [...s.cells], [...s.fills]]));
    useFakeExcel(state);
    renderApp(createExcelHost(), "en-US");
    fireEvent.click(screen.getByRole("button", { name: "Tidy into standard sheets" }));
    const notice = await screen.findByTestId("notice", {}, { timeout: 15_000 });
    expect(notice.textContent).toMatch(/^Tidied into .+: \d+ rows, \d+ cells highlighted/);

    const originals = sample.sheets.map((s) => s.name);
    const added = state.sheets.map((s) => s.name).filter((n) => !originals.includes(n));
    expect(added.length).toBeGreaterThanOrEqual(4);
    expect(
      JSON.stringify(
        state.sheets
          .filter((s) => originals.includes(s.name))
          .map((s) => [s.name, [...s.cells], [...s.fills]])
      )
    ).toBe(before);
    const saved = JSON.parse(state.settings.get(SETTINGS_KEY) as string);
    const original = analyze(sample);
    for (const s of original.sheets.filter((x) => x.kind !== null))
      expect(saved.overrides[s.name]).toEqual({ kind: null });

    fireEvent.click(screen.getByRole("tab", { name: "Summary" }));
    fireEvent.click(screen.getByRole("button", { name: "Generate" }));
    await screen.findByTestId("key-figures", {}, { timeout: 15_000 });
    const m = figures(original);
    expect(screen.getByTestId("fig-participation").getAttribute("data-value")).toBe(
      String(rateValue(m.overall.participationRate))
    );
  }, 30_000);

  test("a workbook with nothing recognised: a clear message, nothing written", async () => {
    const state = fakeWorkbook({ sheets: [{ name: "备注", values: [["随便写的"]] }] });
    useFakeExcel(state);
    renderApp(createExcelHost(), "zh-CN");
    fireEvent.click(screen.getByRole("button", { name: "整理为标准表" }));
    const error = await screen.findByTestId("error", {}, { timeout: 15_000 });
    expect(error.textContent).toContain("没有识别出可整理的数据表");
    expect(state.sheets.map((s) => s.name)).toEqual(["备注"]);
  });
});

describe("outside Excel (the file door)", () => {
  test("the template and the tidied workbook are downloaded as .xlsx files", async () => {
    const downloads: { blob: Blob; name: string }[] = [];
    const host = createFileHost({ download: (blob, name) => downloads.push({ blob, name }) });
    renderApp(host, "zh-CN");
    // Tidying needs an opened file; the template does not.
    expect(
      screen.getByRole("button", { name: "整理为标准表 (.xlsx)" }).hasAttribute("disabled")
    ).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "下载标准表模板 (.xlsx)" }));
    await screen.findByText("已下载“CEDU标准表.xlsx”。", {}, { timeout: 15_000 });
    const template = await readXlsxBuffer(await downloads[0].blob.arrayBuffer());
    expect(template.sheets.map((s) => s.name)).toEqual([
      "填写说明",
      ...STANDARD_KINDS.map((k) => sheetName(k, "zh-CN")),
    ]);

    const bytes = fs.readFileSync(SAMPLE);
    const file = new File([bytes], "街道2025.xlsx", {
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
    fireEvent.change(screen.getByTestId("file-input"), { target: { files: [file] } });
    await screen.findByTestId("sheet-学员花名册", {}, { timeout: 15_000 });
    const tidy = screen.getByRole("button", { name: "整理为标准表 (.xlsx)" });
    await waitFor(() => expect(tidy.hasAttribute("disabled")).toBe(false));
    fireEvent.click(tidy);
    const notice = await screen.findByText(
      /已下载整理后的标准表“街道2025-标准表.xlsx”/,
      {},
      {
        timeout: 15_000,
      }
    );
    expect(notice).toBeTruthy();
    expect(downloads[1].name).toBe("街道2025-标准表.xlsx");
    const tidied = analyze(await readXlsxBuffer(await downloads[1].blob.arrayBuffer()));
    const original = analyze(await readXlsx(SAMPLE));
    expect(figures(tidied).overall).toEqual(figures(original).overall);
    expect(tidied.sheets.filter((s) => s.kind).every((s) => s.confidence === 1)).toBe(true);
  }, 60_000);
});
