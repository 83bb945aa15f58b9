/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { format } from "../../src/core";
import { CheckPanel } from "../../src/taskpane/CheckPanel";
import { installLayout, installResizeObserver, manyIssues } from "./fakes";

beforeAll(() => {
  installResizeObserver();
  installLayout();
});

describe("CheckPanel", () => {
  test("10,000 issues: counts are complete, the list renders a bounded number of rows", () => {
    const issues = manyIssues(10_000);
    const onSelect = jest.fn();
    render(
      <FluentProvider theme={webLightTheme}>
        <CheckPanel
          lang="en-US"
          hostKind="browser"
          issues={issues}
          busy={false}
          canRun
          onRun={jest.fn()}
          onSelect={onSelect}
          onMark={jest.fn()}
          onClear={jest.fn()}
          onExport={jest.fn()}
        />
      </FluentProvider>
    );
    expect(screen.getByTestId("count-error").getAttribute("data-count")).toBe("3334");
    expect(screen.getByTestId("count-warning").getAttribute("data-count")).toBe("3333");
    expect(screen.getByTestId("count-info").getAttribute("data-count")).toBe("3333");
    expect(screen.getByTestId("code-counts").textContent).toContain("Invalid date: 10000");
    const rows = screen.getAllByTestId("issue-row");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(50);
    expect(rows[0].textContent).toContain("学员花名册!D2");
    expect(rows[0].textContent).toContain(format(issues[0].message, "en-US"));
    fireEvent.click(rows[1]);
    expect(onSelect).toHaveBeenCalledWith(issues[1]);
    // outside Excel: no marking, the issues go to a download
    expect(screen.queryByRole("button", { name: "Mark in sheet" })).toBeNull();
    expect(screen.getByRole("button", { name: "Download issues .xlsx" })).toBeTruthy();
  });
});
