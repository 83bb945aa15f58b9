/**
 * A small community-education workbook built with ExcelJS, written to a temporary file and read
 * back with the CLI's reader, so the functions and `cedu report --json` see the same cells.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import ExcelJS from "exceljs";
import { readWorkbookFile } from "../../src/cli/read";
import type { WorkbookInput } from "../../src/core/types";

export const POPULATION: [string, number][] = [
  ["六角社区", 320],
  ["金阳村", 184],
  ["东湖社区", 271],
];

const NAMES =
  "王芳 李娜 张伟 刘洋 陈静 杨帆 黄磊 赵敏 吴刚 周婷 徐静 孙浩 马丽 朱军 胡波 郭蕾 何平 高翔".split(
    " "
  );
const COURSES: [string, string][] = [
  ["智能手机使用", "信息技术培训"],
  ["法律知识讲座", "法律知识"],
  ["书法入门", "书法绘画"],
  ["老年保健", "老年健康教育"],
];
const STATUSES = ["在读", "结业", "退学", "结业", ""];
const RESULTS = ["优秀", "良好", "合格", "不合格", "", "优秀"];

export function rosterRows(count: number): unknown[][] {
  const rows: unknown[][] = [];
  for (let i = 0; i < count; i++) {
    const community = i % 17 === 5 ? "外来社区" : POPULATION[i % 3][0];
    const [course, category] = COURSES[(i * 7) % 4];
    const month = 1 + ((i * 5) % 12);
    const day = 1 + ((i * 11) % 28);
    const date = `2025-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    rows.push([
      NAMES[i % NAMES.length] + (i % 5 === 0 ? "" : String(i % 23)),
      community,
      course,
      category,
      date,
      STATUSES[i % STATUSES.length],
      RESULTS[i % RESULTS.length],
    ]);
  }
  return rows;
}

export const ROSTER_HEADER = [
  "姓名",
  "所属社区",
  "培训项目",
  "培训类别",
  "报名日期",
  "学习状态",
  "考核结果",
];

export function buildRoster(count = 90): unknown[][] {
  const rows = rosterRows(count);
  // A duplicate enrolment, a row from 2024 (out of period), a bad date, a missing name.
  rows.push([...rows[3]]);
  rows.push(["钱多", "六角社区", "书法入门", "书法绘画", "2024-11-02", "结业", "优秀"]);
  rows.push(["孙悟", "金阳村", "书法入门", "书法绘画", "2025-13-40", "", ""]);
  rows.push(["", "东湖社区", "书法入门", "书法绘画", "2025-04-01", "", ""]);
  return [
    ["六角街道社区教育学员花名册", null, null, null, null, null, null],
    ROSTER_HEADER,
    ...rows,
    ["合计", null, null, null, null, null, null],
  ];
}

export function buildPopulation(): unknown[][] {
  return [["社区", "常住人口", "参与率目标"], ...POPULATION.map(([c, n]) => [c, n, 0.6])];
}

export function buildActivities(): unknown[][] {
  const rows: unknown[][] = [["日期", "社区", "活动名称", "参加人数", "活动类别", "课时"]];
  const titles: [string, string][] = [
    ["防诈骗讲座", "法律知识"],
    ["智能手机课堂", "信息技术培训"],
    ["读书节", "读书活动"],
  ];
  for (let i = 0; i < 24; i++) {
    const [title, category] = titles[i % 3];
    rows.push([
      `2025-${String(1 + (i % 12)).padStart(2, "0")}-15`,
      POPULATION[i % 3][0],
      title,
      20 + i,
      category,
      1 + (i % 3) * 0.5,
    ]);
  }
  rows.push(["2025-06-01", "六角社区", "消防演练", "", "安全", 2]); // missing participants: error row
  return rows;
}

export function buildSchools(): unknown[][] {
  const rows: unknown[][] = [["学校名称", "评估等级", "所属社区", "学校类型"]];
  for (let i = 0; i < 10; i++)
    rows.push([`第${i + 1}社区学校`, i < 5 ? "优秀" : "合格", POPULATION[i % 3][0], "社区学校"]);
  for (let i = 0; i < 5; i++)
    rows.push([
      `第${i + 1}职工学校`,
      i < 2 ? "优秀" : i === 4 ? "不合格" : "合格",
      POPULATION[i % 3][0],
      "职工学校",
    ]);
  return rows;
}

export const SHEETS: [string, () => unknown[][]][] = [
  ["学员花名册", () => buildRoster()],
  ["社区人口", buildPopulation],
  ["活动记录", buildActivities],
  ["学校名单", buildSchools],
];

/** Writes the workbook with ExcelJS and reads it back with the CLI's reader. */
export async function fixtureWorkbook(): Promise<WorkbookInput> {
  const wb = new ExcelJS.Workbook();
  for (const [name, build] of SHEETS) {
    const ws = wb.addWorksheet(name);
    for (const row of build()) ws.addRow(row.map((v) => (v === null ? undefined : v)));
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cedu-fn-"));
  const file = path.join(dir, "fixture.xlsx");
  await wb.xlsx.writeFile(file);
  try {
    return await readWorkbookFile(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The values of one sheet of a WorkbookInput, as a range argument. */
export function rangeOf(input: WorkbookInput, sheet: string): unknown[][] {
  const s = input.sheets.find((x) => x.name === sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  return s.values.map((r) => [...r]);
}
