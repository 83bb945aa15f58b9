/**
 * Every message, header and title in zh-CN and en-US. Engine results carry
 * message keys with parameters; doors render them here, in the user's
 * language, at the last moment.
 */
import { KINDS } from "./schema";
import type { AnyField, IssueCode, Lang, Message, SheetKind } from "./types";
import { SHEET_KINDS } from "./types";

const zh = {
  "kind.enrolment": "学员花名册",
  "kind.activity": "活动记录",
  "kind.population": "社区人口",
  "kind.school": "学校名单",
  "kind.plan": "培训计划",
  "kind.none": "未识别",

  "detect.matched": "第 {row} 行为表头，识别为{kind}：匹配 {found}",
  "detect.partial": "第 {row} 行像{kind}的表头（找到 {found}），但缺少必需列：{missing}",
  "detect.none":
    "前 {rows} 行中没有可识别的表头。需要的表头例如：姓名、所属社区、培训项目、报名日期（学员花名册）；日期、社区、活动名称、参加人数（活动记录）；社区、常住人口（社区人口）；学校名称、评估等级（学校名单）；月份、项目（培训计划）",
  "detect.empty": "空工作表",
  "detect.ignored": "已按您的设置忽略此工作表",
  "detect.headerRowBeyond": "设置的表头行（第 {row} 行）超出了工作表的数据范围",
  "detect.summaryPivot": "数据透视表（有“{label}”）：是汇总结果，不是逐条记录，未作为数据读取",
  "detect.summaryLoose":
    "看起来是手工汇总表（“{title}”）：表头“{header}”只是近似于{kind}的“{field}”，未作为数据读取",
  "detect.summaryPartial":
    "看起来是手工汇总表（“{title}”），不是逐条记录（找到 {found}，缺少 {missing}）：未作为数据读取",
  "detect.summaryRows":
    "看起来是汇总表，不是{kind}：“{header}”列不是逐条记录的{field}（如“{value}”），未作为数据读取",

  "issue.missingRequired": "必填项“{field}”为空，此行未计入统计",
  "issue.errorValue": "“{field}”单元格是 Excel 错误值 {value}",
  "issue.badDate": "“{field}”不是有效日期（或早于 1900 年、晚于今天），此行未计入统计",
  "issue.badMonth": "“{field}”无法识别为月份（例如 3月、三四月、2025-03），此行未计入统计",
  "issue.badNumber": "“{field}”不是有效数字或超出范围（{min}–{max}），此行未计入统计",
  "issue.badEnum": "“{field}”的值“{value}”无法识别，此项按未填写处理",
  "issue.unratedSchool": "学校未填写评估等级：计入学校数，不计入优秀率、合格率",
  "issue.plannedSchool": "学校“{school}”尚未建成或未评估（“{value}”）：不计入学校数",
  "issue.dateWithoutYear":
    "{count} 行的“{field}”没有年份（如“{value}”），工作表的名称、标题和注释也没有写明年份：这些行未计入统计。请在标题中写明年份（如“2025年3月活动台账”）或把日期写完整",
  "issue.hiddenCopy":
    "隐藏工作表“{sheet}”重复了“{original}”中的 {count} 条报名（像是备份副本）：重复的只计一次。如不需要此表，可在“工作表”中忽略它",
  "issue.duplicateCommunity": "社区“{community}”在人口表中重复出现，取人口数较大的一行",
  "issue.duplicateSchool": "学校“{school}”重复出现，只计一次（取较高等级）",
  "issue.unknownCommunity": "社区“{community}”不在社区人口表中：此行仍计入，单列显示，不计入参与率",
  "issue.idPrecisionLost":
    "身份证号被存成了数字，Excel 只保留 15 位有效数字，后几位已丢失：请将该列设为文本后重新录入。此人暂按姓名+社区识别",
  "issue.badIdCheckDigit": "身份证号校验码不正确",
  "issue.badIdBirth": "身份证号中的出生日期无效",
  "issue.birthMismatch": "出生日期与身份证号不一致",
  "issue.ageMismatch": "年龄与身份证号不一致（按身份证应为 {expected} 岁）",
  "issue.genderMismatch": "性别与身份证号不一致",
  "issue.idNameConflict": "同一身份证号对应了不同的姓名",
  "issue.duplicateEnrolment": "同一人重复报名同一培训项目，只计一次",
  "issue.partialSheet":
    "第 {row} 行像{kind}的表头（找到 {found}），但缺少必需列：{missing}；此表未使用",
  "issue.noPopulation": "没有社区人口表：无法计算参与率（需要“社区”“常住人口”两列）",
  "issue.rateOver100":
    "社区“{community}”的参与率为 {rate}%，超过 100%：请检查是否把人次当成了人数，或人口数已过时",
  "issue.outOfPeriod": "{count} 行的日期不在统计期（{from} 至 {to}）内，未计入本期统计",
  "issue.populationConflict":
    "社区“{community}”的常住人口在此为 {value}，在 {other}（{otherCell}）为 {otherValue}：两份文件不一致，按较大者计",
  "issue.duplicateActivity":
    "同一活动（{date}“{title}”）也由 {other} 报送（{otherCell}）：全区只计一次，按参加人数较多的一份计",

  "severity.error": "错误",
  "severity.warning": "警告",
  "severity.info": "提示",

  "report.sheet.summary": "CEDU汇总",
  "report.title": "社区教育工作统计",
  "report.titleLine": "{title}　统计期：{from} 至 {to}　生成时间：{generated}",
  "report.notStated": "（未注明）",
  "report.total": "合计",
  "report.yes": "达标",
  "report.no": "未达标",
  "report.na": "—",

  "section.overview": "总体情况",
  "section.community": "分社区参与情况",
  "section.category": "分类别情况",
  "section.targetGroup": "分人群情况",
  "section.month": "分月情况",
  "section.schools": "学校评估情况（按类型）",
  "section.teachers": "师资授课场次（按月、按教师类别）",
  "section.plan": "计划完成情况",
  "section.sources": "各文件报送情况",
  "section.notReported": "尚未报送的学校",
  "section.draft": "工作总结（草稿）",

  "col.indicator": "指标",
  "col.value": "数值",
  "col.unit": "单位",
  "col.community": "社区",
  "col.residents": "常住人口(人)",
  "col.participants": "参与人数(人)",
  "col.enrolments": "报名人次(人次)",
  "col.participationRate": "参与率",
  "col.target": "目标参与率",
  "col.targetMet": "是否达标",
  "col.activities": "活动场次(场)",
  "col.attendance": "活动参与(人次)",
  "col.hours": "课时",
  "col.category": "类别",
  "col.targetGroup": "人群",
  "col.month": "月份",
  "col.completionRate": "结业率",
  "col.excellenceRate": "优秀率",
  "col.qualifiedRate": "合格率",
  "col.schoolType": "学校类型",
  "col.schools": "学校数(所)",
  "col.rated": "已评估(所)",
  "col.excellent": "优秀(所)",
  "col.qualified": "合格及以上(所)",
  "col.fullTime": "专职(场)",
  "col.partTime": "兼职(场)",
  "col.volunteer": "志愿者(场)",
  "col.unspecified": "未注明(场)",
  "col.total": "合计(场)",
  "col.planMonth": "计划时间",
  "col.planItem": "计划项目",
  "col.planned": "计划(场)",
  "col.delivered": "完成(场)",
  "col.planCompletion": "计划完成率",
  "col.severity": "级别",
  "col.sheet": "工作表",
  "col.cell": "单元格",
  "col.issueKind": "问题类型",
  "col.cellValue": "单元格内容",
  "col.message": "说明",
  "code.missing-required": "必填项为空",
  "code.bad-date": "日期无效",
  "code.bad-number": "数字无效",
  "code.bad-enum": "值无法识别",
  "code.bad-id-number": "身份证号有误",
  "code.unknown-community": "社区不在人口表中",
  "code.duplicate-enrolment": "重复报名",
  "code.id-name-conflict": "身份证号与姓名冲突",
  "code.out-of-period": "不在统计期内",
  "code.age-mismatch": "年龄不一致",
  "code.gender-mismatch": "性别不一致",
  "code.id-precision-lost": "身份证号精度丢失",
  "code.rate-over-100": "参与率超过 100%",
  "code.error-value": "Excel 错误值",
  "code.duplicate-community": "社区重复",
  "code.duplicate-school": "学校重复",
  "code.bad-month": "月份无效",
  "code.no-header": "缺少表头",
  "code.missing-kind": "缺少数据表",
  "code.summary-sheet": "汇总表未读取",
  "code.date-without-year": "日期缺少年份",
  "code.hidden-copy": "隐藏的副本",
  "code.unrated-school": "学校未评估",
  "code.planned-school": "筹建中的学校",
  "code.population-conflict": "各文件人口数不一致",
  "code.duplicate-activity": "活动重复报送",

  "ind.participants": "参与人数",
  "ind.enrolments": "报名人次",
  "ind.residents": "常住人口",
  "ind.participationRate": "居民参与率",
  "ind.target": "参与率目标",
  "ind.targetMet": "是否达到目标",
  "ind.activities": "活动场次",
  "ind.attendance": "活动参与人次",
  "ind.hours": "课时",
  "ind.completionRate": "结业率",
  "ind.excellenceRate": "学员优秀率",
  "ind.qualifiedRate": "学员合格率",
  "ind.schools": "学校数",
  "ind.schoolExcellenceRate": "学校优秀率",
  "ind.schoolQualifiedRate": "学校合格率",
  "ind.planCompletion": "计划完成率",
  "unit.people": "人",
  "unit.times": "人次",
  "unit.sessions": "场",
  "unit.hours": "课时",
  "unit.schools": "所",
  "unit.percent": "%",

  "note.overview":
    "参与人数按身份证号（无则按姓名+社区）去重；参与率 = 人口表所列社区的参与人数 ÷ 常住人口；目标未设置时按 60%。",
  "note.community":
    "人数按人去重，合计行为全表去重人数，不是各行之和；不在人口表中的社区单列，不计参与率。",
  "note.category": "同一人可参加多个类别，各类别人数之和可能大于总人数。",
  "note.targetGroup": "同一人可属于多个人群，各人群人数之和可能大于总人数。",
  "note.month": "按报名日期、活动日期归月。",
  "note.schools": "优秀率 = 优秀 ÷ 已评估；合格率 = 合格及以上 ÷ 已评估；未评估的学校不计入分母。",
  "note.teachers": "每条活动记录计一场，按活动日期归月。",
  "note.plan": "计划项目与同月内类别相同或名称相互包含的活动对应，完成场次不超过计划场次。",
  "note.sources":
    "合计为去重后的全区数字：同一人在多处报名只计一次，多处报送的同一活动只计一次，故不等于各行之和。",
  "note.notReported": "按学校名单，本次没有收到其文件的学校。",

  "chart.community": "各社区居民参与率与目标",
  "chart.category": "各类别报名人次",
  "chart.month": "各月活动场次与参与人次",
  "chart.schools": "各类学校优秀率与合格率",
  "chart.teachers": "各月授课场次（按教师类别）",
  "chart.plan": "计划与完成场次",
  "chart.targetGroup": "各人群参与人数",
  "axis.rate": "比率",
  "axis.count": "数量",

  "cli.usage":
    "用法：cedu report <工作簿.xlsx> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--lang zh-CN|en-US] [--json] [--out 汇总.xlsx] [--text] [--docx 总结.docx] [--compare 上年.xlsx]\n      cedu validate <工作簿.xlsx> [--json] [--lang zh-CN|en-US]\n      cedu template <标准表.xlsx> [--lang zh-CN|en-US]\n      cedu tidy <工作簿.xlsx> -o <标准表.xlsx> [--lang zh-CN|en-US]",
  "cli.notFound": "找不到文件：{file}",
  "cli.unreadable": "无法读取 {file}：{reason}",
  "cli.notWorkbook": "{file} 不是 Excel 工作簿（.xlsx）",
  "cli.xls": "{file} 是旧版 .xls 格式，CEDU 只读取 .xlsx：请在 Excel 或 WPS 中“另存为 .xlsx”后再试",
  "cli.encrypted": "{file} 设有打开密码，CEDU 无法读取：请在 Excel 中取消密码后另存一份",
  "cli.nothingRecognised": "{file} 中没有可识别的工作表（需要学员花名册、活动记录等表头）",
  "cli.badDate": "日期“{value}”无效，请使用 YYYY-MM-DD",
  "cli.badOption": "无法识别的参数：{value}",
  "cli.sheets": "识别的工作表",
  "cli.issues": "问题",
  "cli.issueCounts": "{errors} 个错误，{warnings} 个警告，{infos} 个提示",
  "cli.noIssues": "没有发现问题",
  "cli.written": "已写入 {file}",
  "cli.emptyFolder": "{file} 中没有 .xlsx 或 .csv 文件",
  "district.sources": "各文件报送情况",
  "district.file": "文件",
  "district.school": "学校",
  "district.shared": "其中也在他处报名(人)",
  "district.sharedActivities": "其中他处已报(场)",
  "district.errors": "错误",
  "district.warnings": "警告",
  "district.sheets": "识别的工作表",
  "district.matchedBy": "学校判定依据",
  "district.byFileName": "文件名",
  "district.byCommunity": "所含社区",
  "district.notReported": "尚未报送的学校",
  "district.allReported": "学校名单中的学校均已报送",
  "district.note":
    "合计为去重后的全区数字：同一人在多处报名只计一次，多处报送的同一活动只计一次，故不等于各行之和",
  "cli.period": "统计期：{from} 至 {to}",
  "cli.more": "……另有 {count} 条",
  "cli.compareNoData": "对比工作簿 {file} 在 {from} 至 {to} 没有数据，未作同比",
  "cli.textOrJson": "--text 与 --json 只能选一个",
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  "kind.enrolment": "learner roster",
  "kind.activity": "activity log",
  "kind.population": "community population",
  "kind.school": "school list",
  "kind.plan": "training plan",
  "kind.none": "not recognised",

  "detect.matched": "Header in row {row}, recognised as {kind}: matched {found}",
  "detect.partial":
    "Row {row} looks like the header of a {kind} (found {found}) but lacks required columns: {missing}",
  "detect.none":
    "No recognisable header in the first {rows} rows. Expected headers such as Name, Community, Course, Enrolment date (learner roster); Date, Community, Activity, Participants (activity log); Community, Residents (population); School, Level (school list); Month, Item (training plan)",
  "detect.empty": "Empty sheet",
  "detect.ignored": "Ignored, as you chose",
  "detect.headerRowBeyond": "The header row you set (row {row}) lies beyond the sheet's data",
  "detect.summaryPivot":
    "A pivot table (“{label}”): totals, not one row per record; not read as data",
  "detect.summaryLoose":
    "Looks like a hand-made summary (“{title}”): the header “{header}” only resembles the {field} of a {kind}; not read as data",
  "detect.summaryPartial":
    "Looks like a hand-made summary (“{title}”), not one row per record (found {found}, missing {missing}); not read as data",
  "detect.summaryRows":
    "Looks like a summary, not a {kind}: column “{header}” does not hold one {field} per row (e.g. “{value}”); not read as data",

  "issue.missingRequired": "Required field “{field}” is empty; the row is left out of the figures",
  "issue.errorValue": "“{field}” holds the Excel error {value}",
  "issue.badDate":
    "“{field}” is not a valid date (or lies before 1900 or after today); the row is left out of the figures",
  "issue.badMonth":
    "“{field}” is not a month (e.g. 3月, 三四月, 2025-03); the row is left out of the figures",
  "issue.badNumber":
    "“{field}” is not a valid number or is out of range ({min}–{max}); the row is left out of the figures",
  "issue.badEnum": "“{field}” value “{value}” is not recognised and is treated as blank",
  "issue.unratedSchool":
    "The school has no rating: it counts as a school but not in the excellence or qualified rate",
  "issue.plannedSchool":
    "School “{school}” is planned or not yet assessed (“{value}”): it does not count as a school",
  "issue.dateWithoutYear":
    "{count} rows have a “{field}” without a year (e.g. “{value}”) and neither the sheet's name, title nor notes state the year: these rows are left out of the figures. State the year in the title (e.g. “2025年3月活动台账”) or write the dates in full",
  "issue.hiddenCopy":
    "The hidden sheet “{sheet}” repeats {count} enrolments of “{original}” (it looks like a backup copy): they count once. If you do not need it, ignore that sheet under Sheets",
  "issue.duplicateCommunity":
    "Community “{community}” appears twice in the population sheet; the larger population is used",
  "issue.duplicateSchool": "School “{school}” appears twice; counted once (with the better rating)",
  "issue.unknownCommunity":
    "Community “{community}” is not in the population sheet: the row counts, in its own line, but not in any participation rate",
  "issue.idPrecisionLost":
    "The ID number was stored as a number and Excel kept only 15 digits: format the column as text and enter it again. The person is identified by name + community meanwhile",
  "issue.badIdCheckDigit": "The ID number's check digit is wrong",
  "issue.badIdBirth": "The birth date inside the ID number is not a real date",
  "issue.birthMismatch": "The birth date disagrees with the ID number",
  "issue.ageMismatch": "The age disagrees with the ID number (which gives {expected})",
  "issue.genderMismatch": "The gender disagrees with the ID number",
  "issue.idNameConflict": "One ID number is written with two different names",
  "issue.duplicateEnrolment": "The same person is enrolled twice in the same course; counted once",
  "issue.partialSheet":
    "Row {row} looks like the header of a {kind} (found {found}) but lacks required columns: {missing}; the sheet is not used",
  "issue.noPopulation":
    "No population sheet: participation rates need one (columns Community and Residents)",
  "issue.rateOver100":
    "Participation in “{community}” is {rate}%, over 100%: check whether attendances were counted as people, or whether the population is out of date",
  "issue.outOfPeriod":
    "{count} rows are dated outside the reporting period ({from} to {to}) and are left out of its figures",
  "issue.populationConflict":
    "Residents of “{community}” are {value} here but {otherValue} in {other} ({otherCell}): the files disagree; the larger figure is used",
  "issue.duplicateActivity":
    "The same activity ({date}, “{title}”) is also reported by {other} ({otherCell}): the district counts it once, as the report with more participants",

  "severity.error": "Error",
  "severity.warning": "Warning",
  "severity.info": "Note",

  "report.sheet.summary": "CEDU Summary",
  "report.title": "Community education figures",
  "report.titleLine": "{title}   Period: {from} to {to}   Generated: {generated}",
  "report.notStated": "(not stated)",
  "report.total": "Total",
  "report.yes": "Met",
  "report.no": "Not met",
  "report.na": "—",

  "section.overview": "Overview",
  "section.community": "Participation by community",
  "section.category": "By category",
  "section.targetGroup": "By target group",
  "section.month": "By month",
  "section.schools": "School ratings by type",
  "section.teachers": "Teaching sessions by month and teacher type",
  "section.plan": "Plan against delivery",
  "section.sources": "By source (one row per file)",
  "section.notReported": "Schools not yet reported",
  "section.draft": "Work summary (draft)",

  "col.indicator": "Indicator",
  "col.value": "Value",
  "col.unit": "Unit",
  "col.community": "Community",
  "col.residents": "Residents (people)",
  "col.participants": "Participants (people)",
  "col.enrolments": "Enrolments",
  "col.participationRate": "Participation rate",
  "col.target": "Target",
  "col.targetMet": "Target met",
  "col.activities": "Activities",
  "col.attendance": "Attendance",
  "col.hours": "Hours",
  "col.category": "Category",
  "col.targetGroup": "Target group",
  "col.month": "Month",
  "col.completionRate": "Completion rate",
  "col.excellenceRate": "Excellence rate",
  "col.qualifiedRate": "Qualified rate",
  "col.schoolType": "School type",
  "col.schools": "Schools",
  "col.rated": "Rated",
  "col.excellent": "Excellent",
  "col.qualified": "Qualified or better",
  "col.fullTime": "Full-time",
  "col.partTime": "Part-time",
  "col.volunteer": "Volunteer",
  "col.unspecified": "Not stated",
  "col.total": "Total",
  "col.planMonth": "Planned for",
  "col.planItem": "Planned item",
  "col.planned": "Planned sessions",
  "col.delivered": "Delivered",
  "col.planCompletion": "Plan completion",
  "col.severity": "Severity",
  "col.sheet": "Sheet",
  "col.cell": "Cell",
  "col.issueKind": "Kind",
  "col.cellValue": "Value",
  "col.message": "Message",
  "code.missing-required": "Required value missing",
  "code.bad-date": "Invalid date",
  "code.bad-number": "Invalid number",
  "code.bad-enum": "Unrecognised value",
  "code.bad-id-number": "Invalid ID number",
  "code.unknown-community": "Community not in population sheet",
  "code.duplicate-enrolment": "Duplicate enrolment",
  "code.id-name-conflict": "ID number with different names",
  "code.out-of-period": "Outside the period",
  "code.age-mismatch": "Age mismatch",
  "code.gender-mismatch": "Gender mismatch",
  "code.id-precision-lost": "ID number lost precision",
  "code.rate-over-100": "Participation over 100%",
  "code.error-value": "Excel error value",
  "code.duplicate-community": "Duplicate community",
  "code.duplicate-school": "Duplicate school",
  "code.bad-month": "Invalid month",
  "code.no-header": "Header missing",
  "code.missing-kind": "Data sheet missing",
  "code.summary-sheet": "Summary sheet left out",
  "code.date-without-year": "Date without a year",
  "code.hidden-copy": "Hidden copy",
  "code.unrated-school": "School not rated",
  "code.planned-school": "Planned school",
  "code.population-conflict": "Files disagree on population",
  "code.duplicate-activity": "Activity reported twice",

  "ind.participants": "Participants",
  "ind.enrolments": "Enrolments",
  "ind.residents": "Residents",
  "ind.participationRate": "Participation rate",
  "ind.target": "Participation target",
  "ind.targetMet": "Target met",
  "ind.activities": "Activities",
  "ind.attendance": "Activity attendance",
  "ind.hours": "Hours",
  "ind.completionRate": "Completion rate",
  "ind.excellenceRate": "Learner excellence rate",
  "ind.qualifiedRate": "Learner qualified rate",
  "ind.schools": "Schools",
  "ind.schoolExcellenceRate": "School excellence rate",
  "ind.schoolQualifiedRate": "School qualified rate",
  "ind.planCompletion": "Plan completion",
  "unit.people": "people",
  "unit.times": "enrolments",
  "unit.sessions": "sessions",
  "unit.hours": "hours",
  "unit.schools": "schools",
  "unit.percent": "%",

  "note.overview":
    "People are counted once by ID number (else name + community); participation = participants living in the listed communities ÷ their residents; the target is 60% unless the population sheet sets one.",
  "note.community":
    "People are counted once; the total row is the distinct count over the whole table, not the sum of the rows. Communities missing from the population sheet are listed apart, without a rate.",
  "note.category":
    "A person may take courses in several categories, so the rows can add up to more than the total.",
  "note.targetGroup":
    "A person may belong to several groups, so the rows can add up to more than the total.",
  "note.month": "Enrolments by enrolment date, activities by activity date.",
  "note.schools":
    "Excellence = excellent ÷ rated; qualified = qualified or better ÷ rated; unrated schools are left out of both denominators.",
  "note.teachers": "Each activity row is one session, by the month of its date.",
  "note.plan":
    "A planned item is delivered by activities in its months of the same category or with titles containing each other; never more than planned.",
  "note.sources":
    "Totals are the district's, de-duplicated: a person enrolled in several places counts once, an activity reported twice counts once, so they are not the sums of the rows.",
  "note.notReported": "Schools of the school list whose file has not arrived.",

  "chart.community": "Participation rate by community against the target",
  "chart.category": "Enrolments by category",
  "chart.month": "Activities and attendance by month",
  "chart.schools": "School ratings by type",
  "chart.teachers": "Teaching sessions by month and teacher type",
  "chart.plan": "Planned and delivered sessions",
  "chart.targetGroup": "Participants by target group",
  "axis.rate": "Rate",
  "axis.count": "Count",

  "cli.usage":
    "usage: cedu report <workbook.xlsx> [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--lang zh-CN|en-US] [--json] [--out summary.xlsx] [--text] [--docx summary.docx] [--compare last-year.xlsx]\n       cedu validate <workbook.xlsx> [--json] [--lang zh-CN|en-US]\n       cedu template <standard.xlsx> [--lang zh-CN|en-US]\n       cedu tidy <workbook.xlsx> -o <standard.xlsx> [--lang zh-CN|en-US]",
  "cli.notFound": "File not found: {file}",
  "cli.unreadable": "Cannot read {file}: {reason}",
  "cli.notWorkbook": "{file} is not an Excel workbook (.xlsx)",
  "cli.xls":
    '{file} is an old .xls file; CEDU reads .xlsx only: open it in Excel or WPS and "Save as .xlsx"',
  "cli.encrypted":
    "{file} is protected by a password to open; CEDU cannot read it: remove the password in Excel and save a copy",
  "cli.nothingRecognised":
    "No sheet in {file} is recognised (expected a learner roster, an activity log …)",
  "cli.badDate": "Date “{value}” is not valid; use YYYY-MM-DD",
  "cli.badOption": "Unknown option: {value}",
  "cli.sheets": "Recognised sheets",
  "cli.issues": "Issues",
  "cli.issueCounts": "{errors} errors, {warnings} warnings, {infos} notes",
  "cli.noIssues": "No issues found",
  "cli.written": "Written to {file}",
  "cli.emptyFolder": "No .xlsx or .csv file in {file}",
  "district.sources": "By source (one row per file)",
  "district.file": "File",
  "district.school": "School",
  "district.shared": "Also enrolled elsewhere (people)",
  "district.sharedActivities": "Also reported elsewhere (activities)",
  "district.errors": "Errors",
  "district.warnings": "Warnings",
  "district.sheets": "Sheets recognised",
  "district.matchedBy": "School found by",
  "district.byFileName": "file name",
  "district.byCommunity": "its community",
  "district.notReported": "Schools not yet reported",
  "district.allReported": "Every school of the school list has reported",
  "district.note":
    "Totals are the district's, de-duplicated: a person enrolled in several places counts once, an activity reported twice counts once, so they are not the sums of the rows",
  "cli.period": "Period: {from} to {to}",
  "cli.more": "… and {count} more",
  "cli.compareNoData":
    "The comparison workbook {file} has no data from {from} to {to}; no comparison with last year",
  "cli.textOrJson": "Use either --text or --json, not both",
};

export const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { "zh-CN": zh, "en-US": en };

/** "zh", "zh-cn", "zh-Hans-CN" → zh-CN; anything else → en-US. */
export function normalizeLang(tag: string | null | undefined): Lang {
  return typeof tag === "string" && tag.toLowerCase().startsWith("zh") ? "zh-CN" : "en-US";
}

/** The first Chinese or English header synonym of a field, as its label. */
export function fieldLabel(kind: SheetKind, field: AnyField, lang: Lang): string {
  const spec = (
    KINDS[kind].fields as ReadonlyArray<{ field: AnyField; headers: readonly string[] }>
  ).find((f) => f.field === field);
  if (!spec) return field;
  const latin = /^[A-Za-z]/;
  const label =
    lang === "zh-CN"
      ? spec.headers.find((h) => !latin.test(h))
      : spec.headers.find((h) => latin.test(h));
  return label ?? spec.headers[0] ?? field;
}

function localizeParam(name: string, value: string | number, lang: Lang): string {
  if (typeof value === "number") return String(value);
  if (name === "kind" && (SHEET_KINDS as readonly string[]).includes(value))
    return t(`kind.${value as SheetKind}`, lang);
  if (name === "field" || name === "missing") {
    return value
      .split("|")
      .map((qualified) => {
        const [kind, field] = qualified.split(".");
        return field && (SHEET_KINDS as readonly string[]).includes(kind)
          ? fieldLabel(kind as SheetKind, field as AnyField, lang)
          : qualified;
      })
      .join(lang === "zh-CN" ? "、" : ", ");
  }
  return value;
}

/**
 * A template with its `{name}` placeholders filled (as text); unknown placeholders stay as they
 * are. Every catalogue of the add-in (engine, pane, functions, Excel door) fills through this.
 */
export function fillTemplate(
  template: string,
  params: Record<string, string | number>,
  render: (name: string, value: string | number) => string = (_name, value) => String(value)
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? render(name, params[name]) : whole
  );
}

export function t(
  key: MessageKey,
  lang: Lang,
  params: Record<string, string | number> = {}
): string {
  const template = CATALOGUES[lang][key] ?? CATALOGUES["en-US"][key] ?? key;
  return fillTemplate(template, params, (name, value) => localizeParam(name, value, lang));
}

/** The short name of an issue kind (重复报名, Duplicate enrolment …), for tables and counts. */
export function issueCodeLabel(code: IssueCode, lang: Lang): string {
  return t(`code.${code}` as MessageKey, lang);
}

export function isMessageKey(key: string): key is MessageKey {
  return key in zh;
}

/** Renders an engine message in the user's language. */
export function format(message: Message, lang: Lang): string {
  return isMessageKey(message.key) ? t(message.key, lang, message.params) : message.key;
}
