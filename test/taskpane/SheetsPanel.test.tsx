/**
 * @jest-environment jsdom
 */
import { fireEvent, render, screen, within } from "@testing-library/react";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { analyze } from "../../src/core";
import type { WorkbookInput } from "../../src/core/types";
import { SheetsPanel } from "../../src/taskpane/SheetsPanel";
import { EXPORT_ROWS } from "../fixtures/office-workbooks";

/** Issue 15, item 7: the export, and its backup copy that Excel named "(2)" and someone hid. */
const rows = [["姓名", "所属社区", "培训项目", "报名日期"], ...EXPORT_ROWS];
const workbook: WorkbookInput = {
  sheets: [
    { name: "报名数据导出", values: rows },
    { name: "报名数据导出 (2)", values: rows, hidden: true },
  ],
};

describe("SheetsPanel", () => {
  test("a hidden copy says so and offers to ignore that sheet", () => {
    const analysis = analyze(workbook);
    const onOverride = jest.fn();
    render(
      <FluentProvider theme={webLightTheme}>
        <SheetsPanel
          lang="en-US"
          analysis={analysis}
          workbook={workbook}
          overrides={{}}
          busy={false}
          onOverride={onOverride}
        />
      </FluentProvider>
    );
    expect(
      within(screen.getByTestId("sheet-报名数据导出")).queryByTestId("hidden-copy")
    ).toBeNull();
    const note = within(screen.getByTestId("sheet-报名数据导出 (2)")).getByTestId("hidden-copy");
    expect(note.textContent).toContain("repeats 6 enrolments of “报名数据导出”");
    fireEvent.click(within(note).getByRole("button", { name: "Ignore this sheet" }));
    expect(onOverride).toHaveBeenCalledWith("报名数据导出 (2)", { kind: null });
  });
});
