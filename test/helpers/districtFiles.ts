/**
 * The small district of test/cli/district.test.ts as .xlsx bytes, for the pane and the offline
 * page: two school files and the street centre's school list, where every figure can be counted
 * by eye — 4 people (张三 and 王五 are in both school files), 6 enrolments, 1,600 residents,
 * 3 activities (读书节 is reported twice), 70 attendances; 东湖社区学校 has sent no file.
 */
import ExcelJS from "exceljs";
import type { WorkbookInput } from "../../src/core/types";

const ID_A = "110101199003070011";
const ID_B = "110101198506150027";
const ID_C = "110101197001010018";
const ROSTER = ["姓名", "所属社区", "培训项目", "报名日期", "身份证号"];
const ACTIVITIES = ["日期", "社区", "活动名称", "参加人数"];

export const DISTRICT: Record<string, Record<string, unknown[][]>> = {
  "六角社区学校.xlsx": {
    学员花名册: [
      ROSTER,
      ["张三", "六角社区", "太极拳", "2025-03-01", ID_A],
      ["李四", "六角社区", "书法", "2025-03-02", ID_B],
      ["王五", "六角社区", "太极拳", "2025-04-01", ""],
    ],
    活动记录: [
      ACTIVITIES,
      ["2025-03-10", "六角社区", "消防演练", 30],
      ["2025-05-01", "六角社区", "读书节", 20],
    ],
    社区人口: [
      ["社区", "常住人口"],
      ["六角社区", 1000],
      ["金阳村", 500],
    ],
  },
  "金阳村社区学校.xlsx": {
    学员花名册: [
      ROSTER,
      ["张三", "金阳", "太极拳", "2025-03-05", ID_A],
      ["赵六", "金阳", "剪纸", "2025-06-01", ID_C],
      ["王五", "六角社区", "书法", "2025-06-02", ""],
    ],
    活动记录: [
      ACTIVITIES,
      ["2025-05-01", "六角", "读书节", 25],
      ["2025-06-01", "金阳村", "剪纸展", 15],
    ],
    社区人口: [
      ["社区", "常住人口"],
      ["六角社区", 1000],
      ["金阳村", 600],
    ],
  },
  "街道中心.xlsx": {
    学校名单: [
      ["学校名称", "评估等级", "所属社区", "类型"],
      ["六角社区学校", "优秀", "六角社区", "社区学校"],
      ["金阳村社区学校", "合格", "金阳村", "社区学校"],
      ["东湖社区学校", "合格", "东湖社区", "社区学校"],
    ],
  },
};

export function districtInput(file: string): WorkbookInput {
  return {
    sheets: Object.entries(DISTRICT[file]).map(([name, values]) => ({ name, values })),
  };
}

export async function districtXlsx(file: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(DISTRICT[file])) wb.addWorksheet(name).addRows(rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
