/**
 * @jest-environment jsdom
 */
/**
 * Several workbooks in the pane (issue 18, item 1): outside Excel several files picked at once,
 * in Excel files picked beside the open workbook, give one district — the figures of
 * core/district (a person counted once), what each file reported and the schools that have not
 * reported, in the pane; Generate writes the district's summary.
 */
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { analyze, figures, rateValue } from "../../src/core";
import { consolidate } from "../../src/core/district/consolidate";
import type { Lang } from "../../src/core/types";
import { App } from "../../src/taskpane/App";
import { overridesOf, ownIssues, uniqueLabel } from "../../src/taskpane/district";
import { createFileHost } from "../../src/taskpane/fileHost";
import { createExcelHost, type Host } from "../../src/taskpane/host";
import { installExcel, installOffice, type FakeExcel } from "../excel/fakeExcel";
import { fakeWorkbook } from "../excel/fakeFromInput";
import { DISTRICT, districtInput, districtXlsx } from "../helpers/districtFiles";
import { installLayout, installResizeObserver } from "./fakes";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const SCHOOLS = ["六角社区学校.xlsx", "金阳村社区学校.xlsx"];

beforeAll(() => {
  installResizeObserver();
  installLayout();
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

let excel: FakeExcel | null = null;
afterEach(() => {
  excel?.uninstall();
  excel = null;
  delete (globalThis as { Office?: unknown }).Office;
});

function renderApp(host: Host, lang: Lang) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} initialLang={lang} initialTab="sheets" />
    </FluentProvider>
  );
}

async function files(names: string[]): Promise<File[]> {
  return Promise.all(
    names.map(async (n) => new File([new Uint8Array(await districtXlsx(n))], n, { type: XLSX }))
  );
}

/** The district as core/district makes it from the same workbooks under the same labels. */
function expected(labels: Record<string, string>) {
  const d = consolidate(
    Object.entries(labels).map(([file, label]) => ({
      label,
      analysis: analyze(districtInput(file)),
    }))
  );
  return { d, m: figures(d.analysis) };
}

async function bySourceRows() {
  const table = await screen.findByTestId("by-source", {}, { timeout: 15_000 });
  return within(table)
    .getAllByTestId("source-row")
    .map((row) => ({
      label: row.getAttribute("data-label"),
      cells: within(row)
        .getAllByRole("cell")
        .map((c) => c.getAttribute("data-value") ?? c.textContent),
    }));
}

describe("outside Excel: several files at once", () => {
  test("three files picked together make one district, with by-source and not-yet-reported", async () => {
    renderApp(createFileHost(), "zh-CN");
    const names = Object.keys(DISTRICT);
    fireEvent.change(screen.getByTestId("file-input"), { target: { files: await files(names) } });
    await screen.findByTestId("sheet-[六角社区学校.xlsx]学员花名册", {}, { timeout: 15_000 });
    expect(screen.getByText("已打开 3 个工作簿（合并统计）")).toBeTruthy();

    const { d, m } = expected(Object.fromEntries(names.map((n) => [n, n])));
    expect(m.overall.participants).toBe(4);
    fireEvent.click(screen.getByRole("tab", { name: "汇总" }));
    const rows = await bySourceRows();
    // Label order, as core/district orders the files.
    expect(rows.map((r) => r.label)).toEqual(d.sources.map((s) => s.label));
    const liujiao = rows.find((r) => r.label === "六角社区学校.xlsx")!;
    expect(liujiao.cells.slice(1, 6)).toEqual(["六角社区学校", "3", "2", "3", "2"]);
    expect(screen.getAllByTestId("not-reported-school").map((li) => li.textContent)).toEqual([
      "东湖社区学校 · 东湖社区 · 社区学校",
    ]);

    fireEvent.click(screen.getByRole("button", { name: "生成汇总" }));
    await screen.findByTestId("key-figures", {}, { timeout: 15_000 });
    expect(screen.getByTestId("fig-participation").getAttribute("data-value")).toBe(
      String(rateValue(m.overall.participationRate))
    );
  }, 60_000);

  test("files are added to the opened one and removed again; one file is one workbook as before", async () => {
    renderApp(createFileHost(), "en-US");
    fireEvent.change(screen.getByTestId("file-input"), {
      target: { files: await files(["街道中心.xlsx"]) },
    });
    await screen.findByTestId("sheet-学校名单", {}, { timeout: 15_000 });
    expect(screen.queryByTestId("sources")).toBeNull();
    fireEvent.change(screen.getByTestId("sources-input"), {
      target: { files: await files(SCHOOLS) },
    });
    await screen.findByText("3 workbooks open (consolidated)", {}, { timeout: 15_000 });
    fireEvent.click(screen.getByRole("tab", { name: "Summary" }));
    expect((await bySourceRows()).length).toBe(3);
    expect(screen.getAllByTestId("not-reported-school").length).toBe(1);

    fireEvent.click(screen.getByRole("tab", { name: "Sheets" }));
    fireEvent.click(screen.getByRole("button", { name: 'Remove "金阳村社区学校.xlsx"' }));
    await waitFor(() => expect(screen.getAllByTestId("source").length).toBe(1));
    fireEvent.click(screen.getByRole("button", { name: "This workbook only" }));
    await waitFor(() => expect(screen.queryByTestId("sources")).toBeNull());
    await screen.findByTestId("sheet-学校名单");
    fireEvent.click(screen.getByRole("tab", { name: "Summary" }));
    expect(screen.queryByTestId("by-source")).toBeNull();
  }, 60_000);
});

describe("in Excel: files picked beside the open workbook", () => {
  test("the open workbook and two school files give the district's figures and tables; Generate writes them", async () => {
    installOffice();
    const state = fakeWorkbook(districtInput("街道中心.xlsx"));
    excel = installExcel(state);
    renderApp(createExcelHost(), "zh-CN");
    fireEvent.change(screen.getByTestId("sources-input"), {
      target: { files: await files(SCHOOLS) },
    });
    await screen.findByText("已打开 3 个工作簿（合并统计）", {}, { timeout: 15_000 });
    const { d, m } = expected({
      "街道中心.xlsx": "当前工作簿",
      "六角社区学校.xlsx": "六角社区学校.xlsx",
      "金阳村社区学校.xlsx": "金阳村社区学校.xlsx",
    });
    fireEvent.click(screen.getByRole("tab", { name: "汇总" }));
    const rows = await bySourceRows();
    expect(rows.map((r) => r.label)).toEqual(d.sources.map((s) => s.label));
    expect(rows.map((r) => r.cells[2])).toEqual(
      d.sources.map((_, i) => String(d.parts[i] && figures(d.parts[i]).overall.participants))
    );
    expect(screen.getAllByTestId("not-reported-school").map((li) => li.textContent)).toEqual([
      "东湖社区学校 · 东湖社区 · 社区学校",
    ]);
    fireEvent.click(screen.getByRole("button", { name: "生成汇总" }));
    await screen.findByTestId("key-figures", {}, { timeout: 15_000 });
    expect(screen.getByTestId("fig-participation").getAttribute("data-value")).toBe(
      String(rateValue(m.overall.participationRate))
    );
    // The summary sheet was written into the open workbook, with the district's two sections;
    // the user's sheet is left alone.
    const written = state.sheets.filter((x) => x.name !== "学校名单");
    expect(written.length).toBeGreaterThan(0);
    const text = JSON.stringify(written.map((x) => [...x.cells.values()]));
    expect(text).toContain("各文件报送情况");
    expect(text).toContain("尚未报送的学校");
    expect(text).toContain("东湖社区学校");
    expect(state.sheet("学校名单")).toBeDefined();
  }, 60_000);
});

describe("the district helpers", () => {
  test("each file gets back its own corrections; the open workbook keeps its plain ones", () => {
    const overrides = {
      学员花名册: { kind: null },
      "[a.xlsx]活动记录": { headerRow: 2 },
      "[b.xlsx]学员花名册": { kind: "enrolment" as const },
    };
    expect(overridesOf(overrides, "a.xlsx", true)).toEqual({
      学员花名册: { kind: null },
      活动记录: { headerRow: 2 },
    });
    expect(overridesOf(overrides, "b.xlsx", false)).toEqual({ 学员花名册: { kind: "enrolment" } });
  });

  test("labels stay unique; only the open workbook's issues are marked in Excel, under their own names", () => {
    expect(uniqueLabel("a.xlsx", ["A.xlsx", "a (2).xlsx"])).toBe("a (3).xlsx");
    const issue = (sheet: string) => ({
      code: "bad-date" as const,
      severity: "error" as const,
      sheet,
      row: 3,
      col: 4,
      cell: `'${sheet}'!D3`,
      value: "x",
      message: { key: "issue.badDate" },
    });
    expect(
      ownIssues([issue("[当前工作簿]学员花名册"), issue("[a.xlsx]学员花名册")], "当前工作簿")
    ).toEqual([{ ...issue("学员花名册"), cell: "学员花名册!D3" }]);
  });
});
