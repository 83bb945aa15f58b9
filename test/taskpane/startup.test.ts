/**
 * Issue 12, B.8: inside Excel the pane never starts in "outside Excel" mode because Office was
 * slow to start (src/taskpane/environment.ts).
 */
import { detectEnvironment, looksHostedByOffice } from "../../src/taskpane/environment";

type OfficeGlobal = { Office?: unknown };

/** An Office whose onReady answers "Excel" only when `answer()` is called. */
function slowOffice() {
  let answer: () => void = () => undefined;
  const ready = new Promise<{ host: string }>((resolve) => {
    answer = () => resolve({ host: "Excel" });
  });
  (globalThis as OfficeGlobal).Office = {
    onReady: () => ready,
    HostType: { Excel: "Excel" },
    context: { displayLanguage: "zh-CN" },
  };
  return { answer: () => answer() };
}

afterEach(() => {
  delete (globalThis as OfficeGlobal).Office;
});

test("an Office host recognises itself: a frame (web), WebView2 (Windows), WKWebView (Mac)", () => {
  const self = {};
  expect(looksHostedByOffice({ self, top: {} })).toBe(true);
  expect(looksHostedByOffice({ self, top: self, chrome: { webview: {} } })).toBe(true);
  expect(looksHostedByOffice({ self, top: self, webkit: { messageHandlers: {} } })).toBe(true);
  expect(looksHostedByOffice({ self, top: self })).toBe(false);
});

test("hosted by Office, a slow Office.onReady is waited for, however long: the pane starts as Excel", async () => {
  const office = slowOffice();
  let settled = false;
  const env = detectEnvironment(5, true).then((e) => {
    settled = true;
    return e;
  });
  await new Promise((r) => setTimeout(r, 40)); // far past the 5 ms timeout
  expect(settled).toBe(false);
  office.answer();
  await expect(env).resolves.toEqual({ host: "excel", locale: "zh-CN" });
});

test("not hosted, the pane starts outside after the timeout and switches to Excel if Office answers late", async () => {
  const office = slowOffice();
  const env = await detectEnvironment(5, false);
  expect(env.host).toBe("outside");
  office.answer();
  await expect(env.late).resolves.toEqual({ host: "excel", locale: "zh-CN" });
});
