jest.mock("../../src/excel/generate", () => ({ generateSummary: jest.fn() }));

import { runGenerateSummary } from "../../src/commands/generate";
import { CeduExcelError, excelText } from "../../src/excel/errors";
import { generateSummary } from "../../src/excel/generate";
import { type CeduStatus, subscribeStatus } from "../../src/excel/status";
import { looksLikeFormula, safeText } from "../../src/excel/support";
import { freeName } from "../../src/excel/tags";

const mocked = generateSummary as jest.MockedFunction<typeof generateSummary>;

function fakeEvent() {
  const completed = jest.fn();
  return {
    event: {
      completed,
      source: { id: "generateSummary" },
    } as unknown as Office.AddinCommands.Event,
    completed,
  };
}

describe("runGenerateSummary", () => {
  test("success: publishes running then done, completes once", async () => {
    mocked.mockResolvedValueOnce({
      sheetName: "CEDU汇总",
      sheetNames: ["CEDU汇总"],
      lang: "zh-CN",
      issues: { error: 2, warning: 5, info: 1 },
    });
    const seen: CeduStatus[] = [];
    const off = subscribeStatus((s) => seen.push(s));
    const { event, completed } = fakeEvent();
    jest.spyOn(console, "info").mockImplementation(() => undefined);
    await runGenerateSummary(event);
    off();
    expect(completed).toHaveBeenCalledTimes(1);
    expect(seen.map((s) => s.state)).toEqual(["running", "done"]);
    expect(excelText(seen[1].key, "zh-CN", seen[1].params)).toBe(
      "已生成“CEDU汇总”：错误 2 条，警告 5 条，提示 1 条。"
    );
  });

  test("failure: publishes the error key, still completes once", async () => {
    mocked.mockRejectedValueOnce(new CeduExcelError("excel.workbookProtected"));
    const seen: CeduStatus[] = [];
    const off = subscribeStatus((s) => seen.push(s));
    const { event, completed } = fakeEvent();
    jest.spyOn(console, "error").mockImplementation(() => undefined);
    await runGenerateSummary(event);
    off();
    expect(completed).toHaveBeenCalledTimes(1);
    expect(seen[seen.length - 1]).toMatchObject({ state: "error", key: "excel.workbookProtected" });
  });
});

describe("helpers", () => {
  test("formula escaping", () => {
    for (const t of ["=1+1", "+86", "-3", "@x", "  =A1"]) expect(looksLikeFormula(t)).toBe(true);
    for (const t of ["东城社区", "a=b", "1-2", ""]) expect(looksLikeFormula(t)).toBe(false);
    expect(safeText("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(safeText("社区")).toBe("社区");
  });
  test("free names stay within 31 characters", () => {
    expect(freeName("CEDU汇总", new Set())).toBe("CEDU汇总");
    expect(freeName("CEDU汇总", new Set(["cedu汇总", "cedu汇总 (2)"]))).toBe("CEDU汇总 (3)");
    const long = "x".repeat(31);
    const name = freeName(long, new Set([long]));
    expect(name.length).toBe(31);
    expect(name.endsWith(" (2)")).toBe(true);
  });
});
