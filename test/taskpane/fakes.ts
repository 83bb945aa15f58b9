/** A small workbook and a fake Host for the task-pane component tests. */
import type { Host, PaneSettings } from "../../src/taskpane/host";
import type { Issue, WorkbookInput } from "../../src/core/types";

export function smallWorkbook(): WorkbookInput {
  return {
    sheets: [
      {
        name: "社区人口",
        values: [
          ["社区", "常住人口"],
          ["六角社区", 40],
          ["东湖社区", 20],
        ],
      },
      {
        name: "学员花名册",
        values: [
          ["姓名", "所属社区", "培训项目", "报名日期", "学习状态", "考核结果"],
          ["张三", "六角社区", "太极拳", "2025-03-01", "结业", "优秀"],
          ["李四", "六角社区", "书法", "2025-04-02", "结业", "合格"],
          ["王五", "东湖社区", "太极拳", "2025-05-03", "在读", ""],
          ["赵六", "东湖社区", "摄影", "2025-06-04", "结业", "优秀"],
          ["", "东湖社区", "摄影", "2025-06-05", "结业", "优秀"],
          ["钱七", "西山社区", "摄影", "not a date", "结业", "优秀"],
        ],
      },
      {
        name: "学校名单",
        values: [
          ["学校名称", "评估等级", "学校类型"],
          ["六角社区学校", "优秀", "社区学校"],
          ["东湖社区学校", "合格", "社区学校"],
          ["老年大学", "优秀", "老年学校"],
        ],
      },
      { name: "备注", values: [["这是一张说明页"]] },
    ],
  };
}

export interface FakeHost extends Host {
  selected: Issue[];
  saved: PaneSettings[];
}

export function fakeHost(
  workbook: WorkbookInput = smallWorkbook(),
  kind: "excel" | "browser" = "excel"
): FakeHost {
  let settings: PaneSettings = { overrides: {} };
  const host: FakeHost = {
    kind,
    selected: [],
    saved: [],
    read: jest.fn(async () => workbook),
    generate: jest.fn(async (spec) => ({ sheetName: spec.sheets[0].name })),
    reveal: jest.fn(async () => undefined),
    mark: jest.fn(async (issues) => ({ marked: issues.length, unmarked: 0 })),
    clearMarks: jest.fn(async () => ({ restored: 0 })),
    select: jest.fn(async (issue: Issue) => {
      host.selected.push(issue);
    }),
    loadSettings: jest.fn(async () => settings),
    saveSettings: jest.fn(async (s: PaneSettings) => {
      settings = s;
      host.saved.push(s);
    }),
    insertFormula: jest.fn(async () => "inserted" as const),
    insertStandard: jest.fn(async () => ({
      where: kind === "excel" ? ("sheets" as const) : ("file" as const),
      sheets: [],
      rows: 0,
      highlighted: 0,
      notes: false,
    })),
    tidyStandard: jest.fn(async () => ({
      where: kind === "excel" ? ("sheets" as const) : ("file" as const),
      sheets: [],
      rows: 0,
      highlighted: 0,
      notes: false,
    })),
  };
  return host;
}

/** n synthetic issues. */
export function manyIssues(n: number): Issue[] {
  return Array.from({ length: n }, (_, i) => ({
    code: "bad-date" as const,
    severity: (i % 3 === 0 ? "error" : i % 3 === 1 ? "warning" : "info") as Issue["severity"],
    sheet: "学员花名册",
    row: i + 2,
    col: 4,
    cell: `学员花名册!D${i + 2}`,
    field: "enrolDate" as const,
    value: `bad ${i}`,
    message: { key: "issue.badDate", params: { field: "enrolment.enrolDate" } },
  }));
}

/** jsdom has no ResizeObserver; Fluent's MessageBar needs one. A stub that never reports. */
export function installResizeObserver(): void {
  const w = window as unknown as { ResizeObserver?: unknown };
  if (w.ResizeObserver) return;
  w.ResizeObserver = class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
}

/** jsdom does no layout: give elements the size of a task pane so the virtualized list has a viewport. */
export function installLayout(width = 320, height = 360): void {
  Object.defineProperty(HTMLElement.prototype, "offsetHeight", {
    configurable: true,
    get: () => height,
  });
  Object.defineProperty(HTMLElement.prototype, "offsetWidth", {
    configurable: true,
    get: () => width,
  });
  Object.defineProperty(Element.prototype, "clientHeight", {
    configurable: true,
    get: () => height,
  });
  Object.defineProperty(Element.prototype, "clientWidth", { configurable: true, get: () => width });
}
