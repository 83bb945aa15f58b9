/**
 * @jest-environment jsdom
 */
/**
 * The pane shows the live feed's state (issue 12 B.7) and can read the workbook again on demand;
 * a pane opened after the feed failed still shows it (the runtime keeps the last state).
 */
import { fireEvent, render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { LiveStatus } from "../../src/taskpane/LiveStatus";
import { sharedRuntime } from "../../src/runtime/shared";

test("a failed feed is shown with its error, and Read again reads the workbook again", async () => {
  const runtime = sharedRuntime();
  const reread = jest.fn(async () => {
    runtime.live.publish({ state: "ready", version: 1, fullReads: 1, patches: 0, at: 2 });
  });
  runtime.feed = {
    reread,
    reanalyse: jest.fn(),
    suppress: async (w) => w(),
    stop: jest.fn(),
  };
  runtime.live.publish({
    state: "failed",
    version: 0,
    fullReads: 0,
    patches: 0,
    error: "GeneralException",
    at: 1,
  });
  render(
    <FluentProvider theme={webLightTheme}>
      <LiveStatus lang="zh-CN" />
    </FluentProvider>
  );
  expect(screen.getByTestId("live-status").textContent).toContain("GeneralException");
  fireEvent.click(screen.getByText("重新读取"));
  expect(reread).toHaveBeenCalledTimes(1);
  expect(await screen.findByText(/已是最新/)).toBeTruthy();
  runtime.feed = null;
});
