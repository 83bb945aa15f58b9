/**
 * The words of the standard workbook in zh-CN and en-US: sheet names, the input message and error
 * alert of every checked column, the instructions sheet, and what `cedu template` / `cedu tidy`
 * say. Filled through core's one template filler (`fillTemplate`).
 */
import { fillTemplate } from "../i18n";
import type { Lang, SheetKind } from "../types";

const zh = {
  "sheet.enrolment": "学员花名册",
  "sheet.activity": "活动记录",
  "sheet.population": "社区人口",
  "sheet.school": "学校名单",
  "sheet.plan": "培训计划",
  "sheet.instructions": "填写说明",

  "column.number": "序号",
  "hint.number": "序号，可不填；CEDU 不读取这一列。",
  required: "必填。",
  optional: "选填。",
  "hint.list": "从下拉列表选择：{values}。",
  "hint.listOpen": "从下拉列表选择（{values}），也可填写其他人群。",
  "hint.communities": "从下拉列表选择；列表来自“{sheet}”表，新社区请先在那里添加。",
  "hint.date": "日期，如 2025-03-05，不能晚于今天。",
  "hint.whole": "整数，{min}–{max}。",
  "hint.decimal": "数字，{min}–{max}。",
  "hint.above": "数字，大于 {min}、不超过 {max}，如 1.5。",
  "hint.percent": "百分比，如 60%。",
  "hint.text": "按文本保存，请直接输入，不要加空格。",

  "extra.enrolment.idNumber": "18 位身份证号不会丢失末几位；末位 X 用大写。",
  "extra.enrolment.course": "同一人报名几个项目时，每个项目填一行。",
  "extra.enrolment.category": "如 信息技术、老年健康。",
  "extra.activity.title": "如 信息技术培训：网上办事。",
  "extra.activity.participants": "填人数，不要带“人”字。",
  "extra.activity.category": "与培训计划的“类别”一致时，可算出计划完成率。",
  "extra.population.community": "每个社区或村一行，不要重复；其他表的“社区”下拉列表来自这一列。",
  "extra.population.target": "不填按 60%。",
  "extra.school.name": "每所学校一行，不要重复。",
  "extra.school.type": "如 社区学校、职工学校、市民学校、老年学校。",
  "extra.plan.month": "如 3月、三四月、2025-03、上半年。",
  "extra.plan.category": "与活动记录的“类别”一致时，可算出计划完成率。",
  "extra.plan.sessions": "不填按 1 次。",

  "alert.list.title": "请从列表中选择",
  "alert.list": "“{header}”只能填写下拉列表中的值：{values}。",
  "alert.listOpen.title": "不在常用列表中",
  "alert.listOpen": "“{header}”不在常用列表中（{values}）。仍要使用请点“是”。",
  "alert.communities": "“{header}”只能填写“{sheet}”表中已有的社区。新社区请先在“{sheet}”表中添加。",
  "alert.number.title": "数字不对",
  "alert.whole": "“{header}”请填写 {min}–{max} 之间的整数，不要带单位。",
  "alert.decimal": "“{header}”请填写 {min}–{max} 之间的数字，不要带单位。",
  "alert.above": "“{header}”请填写大于 {min}、不超过 {max} 的数字，不要带单位。",
  "alert.percent": "“{header}”请填写 0%–100% 之间的百分比。",
  "alert.date.title": "日期不对",
  "alert.date": "“{header}”请填写 1900-01-01 至今天之间的日期，如 2025-03-05。",

  "instructions.title": "CEDU 标准工作簿：请按以下要求填写",
  "instructions.sheets":
    "本工作簿有五张数据表：{sheets}。每张表第一行是表头，请不要修改、删除或移动表头，从第二行起每行填写一条记录。",
  "instructions.required": "“{sheet}”表必须填写的列：{columns}；其余列可以不填。",
  "instructions.population":
    "请先填写“{sheet}”表，每个社区或村一行。其他表的社区列只能从下拉列表中选择，列表就来自这张表，在这里新增的社区会自动出现在下拉列表中。",
  "instructions.dates":
    "日期列请填写真实的日期（如 2025-03-05），不要写成“3月5日上午”之类的文字；日期不能晚于今天。",
  "instructions.text":
    "身份证号、联系电话和培训计划的月份按文本保存：直接输入即可，18 位身份证号不会再丢失末几位。",
  "instructions.lists":
    "带下拉箭头的列请从列表中选择；输入列表以外的内容时，Excel 会提示并拒绝（人群一列可在提示后保留其他人群）。",
  "instructions.numbers":
    "参加人数、课时、年龄、常住人口等数字列只填数字，不要带“人”“小时”等单位。",
  "instructions.layout":
    "请不要在表中插入合计行、小计行或空行，也不要合并单元格；多个月的记录写在同一张表里，按日期区分，合计由 CEDU 计算。",
  "instructions.figures":
    "填好后，在 Excel 中打开 CEDU 任务窗格点“生成汇总”，或在命令行运行 cedu report 加上本文件名，即可得到参与率等统计。",
  "instructions.tidied":
    "这些表由 CEDU 从原有工作表整理而来（原表未改动）。底色为红色的单元格有错误，该行未计入统计；黄色的有警告。批注写明了问题，改正后底色不会自动消失，可以清除格式。",

  "cli.templateWritten": "已写入标准工作簿 {file}：{sheets}",
  "cli.tidyWritten": "已写入整理后的工作簿 {file}（原文件未改动）",
  "cli.tidySheet":
    "  {sheet}：{rows} 行（来自 {sources}），其中 {errors} 行有错误、{warnings} 行有警告，已标出",
  "cli.tidyIgnored": "  未整理（未识别为数据表）：{sheets}",
  "cli.exists": "{file} 已存在：CEDU 不会覆盖已有文件，请换一个文件名",
  "cli.sameFile": "输出文件不能是输入文件本身：CEDU 从不修改原文件",
  "cli.needOut": "请用 -o 指定输出文件，例如：cedu tidy 原表.xlsx -o 标准表.xlsx",
} as const;

export type StandardKey = keyof typeof zh;

const en: Record<StandardKey, string> = {
  "sheet.enrolment": "Learner roster",
  "sheet.activity": "Activity log",
  "sheet.population": "Population",
  "sheet.school": "School list",
  "sheet.plan": "Training plan",
  "sheet.instructions": "How to fill in",

  "column.number": "No.",
  "hint.number": "A row number, may stay empty; CEDU does not read this column.",
  required: "Required.",
  optional: "Optional.",
  "hint.list": "Pick from the list: {values}.",
  "hint.listOpen": "Pick from the list ({values}), or type another group.",
  "hint.communities":
    "Pick from the list; it comes from the {sheet} sheet: add a new community there first.",
  "hint.date": "A date such as 2025-03-05, not after today.",
  "hint.whole": "A whole number, {min}–{max}.",
  "hint.decimal": "A number, {min}–{max}.",
  "hint.above": "A number above {min} and at most {max}, such as 1.5.",
  "hint.percent": "A percentage such as 60%.",
  "hint.text": "Kept as text: type it as it is, without spaces.",

  "extra.enrolment.idNumber": "An 18-digit ID keeps all its digits; type a final X in capitals.",
  "extra.enrolment.course": "One row per course when a person takes several.",
  "extra.enrolment.category": "Such as IT skills or Health.",
  "extra.activity.title": "Such as IT training: online services.",
  "extra.activity.participants": "The number of people, without a unit.",
  "extra.activity.category": "Use the training plan's categories to see plan completion.",
  "extra.population.community":
    "One row per community or village, no repeats; the community lists of the other sheets come from this column.",
  "extra.population.target": "Blank means 60%.",
  "extra.school.name": "One row per school, no repeats.",
  "extra.school.type": "Such as 社区学校 (community school) or 职工学校 (staff school).",
  "extra.plan.month": "Such as 3月, 三四月, 2025-03 or 上半年.",
  "extra.plan.category": "Use the activity log's categories to see plan completion.",
  "extra.plan.sessions": "Blank means 1.",

  "alert.list.title": "Pick from the list",
  "alert.list": "{header} must be one of the list: {values}.",
  "alert.listOpen.title": "Not a usual group",
  "alert.listOpen": "{header} is not one of the usual groups ({values}). Click Yes to keep it.",
  "alert.communities":
    "{header} must be a community of the {sheet} sheet. Add a new community to the {sheet} sheet first.",
  "alert.number.title": "Not a valid number",
  "alert.whole": "{header}: type a whole number from {min} to {max}, without a unit.",
  "alert.decimal": "{header}: type a number from {min} to {max}, without a unit.",
  "alert.above": "{header}: type a number above {min} and at most {max}, without a unit.",
  "alert.percent": "{header}: type a percentage from 0% to 100%.",
  "alert.date.title": "Not a valid date",
  "alert.date": "{header}: type a date from 1900-01-01 to today, such as 2025-03-05.",

  "instructions.title": "The CEDU standard workbook: how to fill it in",
  "instructions.sheets":
    "This workbook has five data sheets: {sheets}. The first row of each is its header: do not change, delete or move it, and write one record per row from the second row on.",
  "instructions.required":
    "In the {sheet} sheet these columns must be filled in: {columns}; the others may stay empty.",
  "instructions.population":
    "Fill in the {sheet} sheet first, one row per community or village. The community columns of the other sheets only accept a community from this list, and a community added here appears in their drop-downs at once.",
  "instructions.dates":
    "Date columns take real dates (such as 2025-03-05), not text such as 'March 5th, morning'; a date cannot be later than today.",
  "instructions.text":
    "ID numbers, phone numbers and the training plan's months are kept as text: just type them, and an 18-digit ID number no longer loses its last digits.",
  "instructions.lists":
    "Columns with a drop-down arrow take a value from their list; Excel warns about and refuses anything else (the target group column lets you keep another group after the warning).",
  "instructions.numbers":
    "Number columns such as participants, hours, age and residents take plain numbers, without units such as 'people' or 'hours'.",
  "instructions.layout":
    "Do not add total, subtotal or blank rows, and do not merge cells; keep every month in the same sheet, told apart by the date. CEDU computes the totals.",
  "instructions.figures":
    "When the sheets are filled in, open the CEDU task pane in Excel and click Generate, or run cedu report with this file's name, to get the participation rates and the other figures.",
  "instructions.tidied":
    "CEDU tidied these sheets from the workbook's own sheets, which it left unchanged. A red cell holds an error and its row is left out of the figures; a yellow cell holds a warning. Each such cell's note says why; the colour stays after you fix it (clear the format when done).",

  "cli.templateWritten": "Standard workbook written to {file}: {sheets}",
  "cli.tidyWritten": "Tidied workbook written to {file} (the input file is unchanged)",
  "cli.tidySheet":
    "  {sheet}: {rows} rows (from {sources}); {errors} with errors and {warnings} with warnings are highlighted",
  "cli.tidyIgnored": "  Not tidied (not recognised as data): {sheets}",
  "cli.exists": "{file} already exists: CEDU does not overwrite files, choose another name",
  "cli.sameFile": "The output file cannot be the input file: CEDU never changes the original",
  "cli.needOut":
    "Name the output file with -o, for example: cedu tidy workbook.xlsx -o standard.xlsx",
};

const CATALOGUE: Record<Lang, Record<StandardKey, string>> = { "zh-CN": zh, "en-US": en };

export function st(
  key: StandardKey,
  lang: Lang,
  params: Record<string, string | number> = {}
): string {
  return fillTemplate(CATALOGUE[lang][key], params);
}

export function sheetName(kind: SheetKind | "instructions", lang: Lang): string {
  return st(`sheet.${kind}`, lang);
}

/** A list of words as a sentence in the language: 男、女 / Male, Female. */
export function listText(words: readonly string[], lang: Lang): string {
  return words.join(lang === "zh-CN" ? "、" : ", ");
}

export function isStandardKey(key: string): key is StandardKey {
  return key in zh;
}
