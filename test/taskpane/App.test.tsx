/**
 * @jest-environment jsdom
 */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { allIssues, analyze, figures, format, rateValue } from "../../src/core";
import type { Lang } from "../../src/core/types";
import { buildDraft, draftText } from "../../src/core/draft";
import { App, type TabKey } from "../../src/taskpane/App";
import { detectEnvironment } from "../../src/taskpane/environment";
import { pickLang } from "../../src/taskpane/i18n";
import { countBySeverity, formatRate } from "../../src/taskpane/display";
import { UI_STRINGS } from "../../src/taskpane/strings";
import {
  fakeHost,
  installLayout,
  installResizeObserver,
  smallWorkbook,
  type FakeHost,
} from "./fakes";

beforeAll(() => {
  installResizeObserver();
  installLayout();
});

type OfficeGlobal = { Office?: unknown };

function renderApp(host: FakeHost, lang: Lang, tab: TabKey = "sheets") {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} initialLang={lang} initialTab={tab} />
    </FluentProvider>
  );
}

const TODAY = undefined;

describe("strings", () => {
  test("zh-CN and en-US have the same keys, none empty", () => {
    const zh = Object.keys(UI_STRINGS["zh-CN"]).sort();
    const en = Object.keys(UI_STRINGS["en-US"]).sort();
    expect(en).toEqual(zh);
    for (const lang of ["zh-CN", "en-US"] as const) {
      for (const key of zh)
        expect(UI_STRINGS[lang][key as keyof (typeof UI_STRINGS)["en-US"]]).not.toBe("");
    }
  });
});

describe("App", () => {
  test("language switch renders zh and en strings", () => {
    renderApp(fakeHost(), "zh-CN");
    expect(screen.getByRole("tab", { name: "工作表" })).toBeTruthy();
    expect(screen.getByRole("tab", { name: "汇总" })).toBeTruthy();
    expect(screen.getByTestId("host-status").textContent).toContain("正在 Excel 中运行");
    fireEvent.change(screen.getByLabelText("语言"), { target: { value: "en-US" } });
    expect(screen.getByRole("tab", { name: "Sheets" })).toBeTruthy();
    expect(screen.getByRole("tab", { name: "Summary" })).toBeTruthy();
    expect(screen.getByTestId("host-status").textContent).toContain("Running in Excel");
    expect(document.documentElement.lang).toBe("en-US");
    fireEvent.change(screen.getByLabelText("Language"), { target: { value: "zh-CN" } });
    expect(screen.getByRole("tab", { name: "检查" })).toBeTruthy();
  });

  test("Sheets panel shows kinds, header rows and the engine's explanation", async () => {
    const host = fakeHost();
    renderApp(host, "en-US");
    fireEvent.click(screen.getByRole("button", { name: "Read workbook" }));
    await screen.findByTestId("sheet-学员花名册");
    const analysis = analyze(smallWorkbook(), { today: TODAY });
    for (const sheet of analysis.sheets) {
      const card = screen.getByTestId(`sheet-${sheet.name}`);
      expect(within(card).getByTestId("sheet-kind").textContent).toBe(
        format({ key: sheet.kind ? `kind.${sheet.kind}` : "kind.none" }, "en-US")
      );
      expect(within(card).getByTestId("sheet-explanation").textContent).toBe(
        format(sheet.explanation, "en-US")
      );
    }
    expect(
      within(screen.getByTestId("sheet-学员花名册")).getByTestId("sheet-kind").textContent
    ).toBe(format({ key: "kind.enrolment" }, "en-US"));
    // zh explanation after switching language
    fireEvent.change(screen.getByLabelText("Language"), { target: { value: "zh-CN" } });
    const roster = analysis.sheets.find((s) => s.name === "学员花名册")!;
    expect(
      within(screen.getByTestId("sheet-学员花名册")).getByTestId("sheet-explanation").textContent
    ).toBe(format(roster.explanation, "zh-CN"));
  });

  test("a kind correction is saved as an override and re-detects", async () => {
    const host = fakeHost();
    renderApp(host, "en-US");
    fireEvent.click(screen.getByRole("button", { name: "Read workbook" }));
    await screen.findByTestId("sheet-学校名单");
    fireEvent.change(screen.getByLabelText('Correct the kind of "学校名单"'), {
      target: { value: "ignore" },
    });
    await waitFor(() => expect(host.saved).toHaveLength(1));
    expect(host.saved[0].overrides).toEqual({ 学校名单: { kind: null } });
    await waitFor(() =>
      expect(
        within(screen.getByTestId("sheet-学校名单")).getByTestId("sheet-kind").textContent
      ).toBe(format({ key: "kind.none" }, "en-US"))
    );
  });

  test("empty state lists the expected headers", async () => {
    const host = fakeHost({ sheets: [{ name: "Sheet1", values: [["hello"]] }] });
    renderApp(host, "zh-CN");
    fireEvent.click(screen.getByRole("button", { name: "读取工作簿" }));
    await screen.findByText("没有识别出数据表。");
    const expected = screen.getByTestId("expected-headers");
    expect(expected.textContent).toContain("姓名");
    expect(expected.textContent).toContain("常住人口");
  });

  test("Check panel counts by severity and lists the issues; clicking one calls host.select", async () => {
    const host = fakeHost();
    renderApp(host, "en-US", "check");
    fireEvent.click(screen.getByRole("button", { name: "Run check" }));
    await screen.findByTestId("severity-counts");
    const analysis = analyze(smallWorkbook());
    const expected = allIssues(analysis, figures(analysis));
    expect(expected.length).toBeGreaterThan(0);
    const counts = countBySeverity(expected);
    for (const s of ["error", "warning", "info"] as const) {
      expect(screen.getByTestId(`count-${s}`).getAttribute("data-count")).toBe(String(counts[s]));
    }
    const rows = screen.getAllByTestId("issue-row");
    expect(rows[0].textContent).toContain(expected[0].cell);
    expect(rows[0].textContent).toContain(format(expected[0].message, "en-US"));
    fireEvent.click(rows[0]);
    await waitFor(() => expect(host.select).toHaveBeenCalledTimes(1));
    expect(host.selected[0]).toEqual(expected[0]);
    // Excel-only actions are present inside Excel
    expect(screen.getByRole("button", { name: "Mark in sheet" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Mark in sheet" }));
    await screen.findByText(`${expected.length} cells marked`);
  });

  test("marking over the cap says how many cells were left unmarked", async () => {
    const host = fakeHost();
    (host.mark as jest.Mock).mockResolvedValueOnce({ marked: 5000, unmarked: 12 });
    renderApp(host, "zh-CN", "check");
    fireEvent.click(screen.getByRole("button", { name: "运行检查" }));
    await screen.findByTestId("severity-counts");
    fireEvent.click(screen.getByRole("button", { name: "在表中标记" }));
    await screen.findByText(/已标记 5000 个单元格.*另有 12 个未标记/);
  });

  test("outside Excel there is a file zone and no marking", async () => {
    const host = fakeHost(smallWorkbook(), "browser");
    renderApp(host, "en-US", "check");
    expect(screen.getByRole("region", { name: "File drop zone" })).toBeTruthy();
    expect(screen.getByLabelText("Open an .xlsx workbook", { selector: "input" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Mark in sheet" })).toBeNull();
  });

  test("Summary shows the engine's figures", async () => {
    const host = fakeHost();
    renderApp(host, "en-US", "summary");
    fireEvent.click(screen.getByRole("button", { name: "Generate" }));
    await screen.findByTestId("key-figures");
    const m = figures(analyze(smallWorkbook()));
    const cases: Array<[string, number | null]> = [
      ["participation", rateValue(m.overall.participationRate)],
      ["completion", rateValue(m.overall.completionRate)],
      ["excellence", rateValue(m.overall.excellenceRate)],
      ["school-excellence", rateValue(m.schools!.excellenceRate)],
      ["school-qualified", rateValue(m.schools!.qualifiedRate)],
    ];
    for (const [id, value] of cases) {
      const el = screen.getByTestId(`fig-${id}`);
      expect(el.getAttribute("data-value")).toBe(value === null ? "" : String(value));
      expect(el.textContent).toBe(formatRate(value));
    }
    expect(host.generate).toHaveBeenCalledTimes(1);
    const spec = (host.generate as jest.Mock).mock.calls[0][0];
    expect(spec.lang).toBe("en-US");
    expect(screen.getByTestId("generated").textContent).toContain(spec.sheets[0].name);
    fireEvent.click(screen.getByRole("button", { name: "Go to summary" }));
    await waitFor(() => expect(host.reveal).toHaveBeenCalledWith(spec.sheets[0].name, "summary"));
  });

  test("after Generate, the Summary tab offers the work-summary draft of the same figures", async () => {
    renderApp(fakeHost(), "zh-CN", "summary");
    fireEvent.click(screen.getByRole("button", { name: "生成汇总" }));
    const card = await screen.findByTestId("draft-card", {}, { timeout: 15_000 });
    const expected = draftText(buildDraft(figures(analyze(smallWorkbook())), { lang: "zh-CN" }));
    for (const line of expected.split("\n").filter((l) => l !== ""))
      expect(within(card).getByTestId("draft-text").textContent).toContain(line);
    expect(within(card).getByRole("button", { name: "复制总结" })).toBeTruthy();
    expect(within(card).getByRole("button", { name: "下载 Word 文档（.docx）" })).toBeTruthy();
  });

  test("a half-year period changes the figures' period", async () => {
    const host = fakeHost();
    renderApp(host, "en-US", "summary");
    fireEvent.click(screen.getByRole("button", { name: "Generate" }));
    await screen.findByTestId("key-figures");
    fireEvent.click(screen.getByRole("radio", { name: "Half-year" }));
    expect(screen.getByTestId("period-shown").textContent).toBe("Period: 2025-01-01 to 2025-06-30");
    fireEvent.click(screen.getByRole("radio", { name: "Custom" }));
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2025-12-01" } });
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "2025-01-01" } });
    expect(screen.getByRole("alert").textContent).toContain("Invalid period");
    expect((screen.getByRole("button", { name: "Generate" }) as HTMLButtonElement).disabled).toBe(
      true
    );
  });

  test("errors from the host show in a MessageBar with the cell", async () => {
    const host = fakeHost();
    const { CeduExcelError } = await import("../../src/excel/errors");
    (host.select as jest.Mock).mockImplementation(async (issue) => {
      throw new CeduExcelError("excel.sheetHidden", { sheet: issue.sheet });
    });
    renderApp(host, "zh-CN", "check");
    fireEvent.click(screen.getByRole("button", { name: "运行检查" }));
    const rows = await screen.findAllByTestId("issue-row");
    await act(async () => {
      fireEvent.click(rows[0]);
    });
    const bar = await screen.findByTestId("error");
    expect(bar.textContent).toContain("已隐藏");
    expect(bar.textContent).toContain(rows[0].querySelector("span span")!.textContent!);
  });

  test("Formulas: Insert calls host.insertFormula", async () => {
    const host = fakeHost();
    renderApp(host, "en-US", "formulas");
    fireEvent.click(screen.getByRole("button", { name: "Insert =CEDU.PARTICIPATION()" }));
    await screen.findByText("Written to the selected cell: =CEDU.PARTICIPATION()");
    expect(host.insertFormula).toHaveBeenCalledWith("=CEDU.PARTICIPATION()");
  });

  test("user text is rendered as text, not markup", async () => {
    const wb = smallWorkbook();
    (wb.sheets[1].values as unknown[][])[1][0] = "<img src=x onerror=alert(1)>";
    wb.sheets[1].values = [
      ...wb.sheets[1].values,
      ["<b>x</b>", "<script>alert(1)</script>", "课", "bad", "", ""],
    ];
    const host = fakeHost(wb);
    const { container } = renderApp(host, "en-US", "check");
    fireEvent.click(screen.getByRole("button", { name: "Run check" }));
    await screen.findByTestId("severity-counts");
    expect(container.querySelector("script")).toBeNull();
    expect(container.querySelector("b")).toBeNull();
    expect(container.querySelector("img[src=x]")).toBeNull();
  });
});

describe("pickLang", () => {
  test.each([
    [["zh-CN"], "zh-CN"],
    [["zh-cn"], "zh-CN"],
    [["zh-Hans-CN"], "zh-CN"],
    [["ZH"], "zh-CN"],
    [["en-US"], "en-US"],
    [["fr-FR"], "en-US"],
    [[undefined, "zh-CN"], "zh-CN"],
    [["", null, "en-GB"], "en-US"],
    [[], "en-US"],
  ] as const)("%j -> %s", (candidates, expected) => {
    expect(pickLang(...candidates)).toBe(expected);
  });
});

describe("detectEnvironment", () => {
  afterEach(() => {
    delete (globalThis as OfficeGlobal).Office;
  });

  test("without office.js: outside, browser language", async () => {
    Object.defineProperty(window.navigator, "language", { value: "zh-CN", configurable: true });
    await expect(detectEnvironment()).resolves.toEqual({ host: "outside", locale: "zh-CN" });
  });

  test("in Excel: Office's display language wins", async () => {
    Object.defineProperty(window.navigator, "language", { value: "en-US", configurable: true });
    (globalThis as OfficeGlobal).Office = {
      onReady: () => Promise.resolve({ host: "Excel", platform: "PC" }),
      HostType: { Excel: "Excel" },
      context: { displayLanguage: "zh-CN" },
    };
    await expect(detectEnvironment()).resolves.toEqual({ host: "excel", locale: "zh-CN" });
  });

  test("office.js loaded in a plain browser: outside", async () => {
    (globalThis as OfficeGlobal).Office = {
      onReady: () => Promise.resolve({ host: null, platform: null }),
      HostType: { Excel: "Excel" },
    };
    await expect(detectEnvironment()).resolves.toMatchObject({ host: "outside" });
  });

  test("Office.onReady never settles: starts anyway after the timeout", async () => {
    (globalThis as OfficeGlobal).Office = {
      onReady: () => new Promise(() => undefined),
      HostType: { Excel: "Excel" },
    };
    await expect(detectEnvironment(20)).resolves.toMatchObject({ host: "outside" });
  });
});

describe("the ribbon's outcome", () => {
  it("shows the ribbon command's result, with its issue counts, in the pane's language", async () => {
    const { publishStatus } = await import("../../src/excel/status");
    renderApp(fakeHost(), "zh-CN");
    act(() =>
      publishStatus({
        state: "done",
        key: "status.done",
        params: { sheet: "CEDU汇总", errors: 2, warnings: 5, infos: 1 },
      })
    );
    expect((await screen.findByTestId("ribbon-status")).textContent).toContain(
      "已生成“CEDU汇总”：错误 2 条，警告 5 条，提示 1 条"
    );
    fireEvent.click(within(screen.getByTestId("ribbon-status")).getByRole("button"));
    expect(screen.queryByTestId("ribbon-status")).toBeNull();
  });

  it("is not shown outside Excel", async () => {
    renderApp(fakeHost(smallWorkbook(), "browser"), "en-US");
    expect(screen.queryByTestId("ribbon-status")).toBeNull();
  });
});
