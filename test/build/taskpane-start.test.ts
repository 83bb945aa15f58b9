/**
 * @jest-environment jsdom
 *
 * The built task pane starts in a plain browser page where office.js did not load: the bundles
 * from dist/ run in a page shaped like taskpane.html, without `Office`.
 */
import { readDist } from "./dist";

test("dist/taskpane.js renders 'Opened outside Excel' when Office is undefined", async () => {
  document.body.innerHTML = '<div id="container"></div>';
  Object.defineProperty(window.navigator, "language", { value: "en-US", configurable: true });
  expect(typeof (globalThis as { Office?: unknown }).Office).toBe("undefined");
  for (const file of ["runtime.js", "functions.js", "commands.js", "taskpane.js"]) {
    const script = document.createElement("script");
    script.textContent = readDist(file);
    document.head.appendChild(script);
  }
  const deadline = Date.now() + 10_000;
  while (!document.body.textContent?.includes("Opened outside Excel") && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(document.body.textContent).toContain("CEDU");
  expect(document.body.textContent).toContain("Opened outside Excel");
});
