/**
 * @jest-environment jsdom
 */
import { render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../../src/taskpane/App";
import { pickLocale } from "../../src/taskpane/i18n";
import { detectEnvironment } from "../../src/taskpane/environment";

type OfficeGlobal = { Office?: unknown };

function renderApp(host: "excel" | "outside", locale: "zh-CN" | "en-US") {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} locale={locale} />
    </FluentProvider>
  );
}

describe("App", () => {
  test("English, inside Excel", () => {
    renderApp("excel", "en-US");
    expect(screen.getByRole("heading", { name: "CEDU" })).toBeTruthy();
    expect(screen.getByTestId("host-status").textContent).toBe("Running in Excel");
  });

  test("Chinese, outside Excel", () => {
    renderApp("outside", "zh-CN");
    expect(screen.getByText("社区教育统计")).toBeTruthy();
    expect(screen.getByTestId("host-status").textContent).toBe("未在 Excel 中打开");
  });
});

describe("pickLocale", () => {
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
    expect(pickLocale(...candidates)).toBe(expected);
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
