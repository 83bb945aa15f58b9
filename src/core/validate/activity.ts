/** Activity logs: one row per activity held, with its date, community and participants. */
import { newActivityTable, TEACHER_CODES, type ActivityTable } from "../dataset";
import type { Communities } from "./communities";
import type { ValidationContext } from "./context";
import { eachRow } from "./reader";

export function readActivities(v: ValidationContext, communities: Communities): ActivityTable {
  let total = 0;
  for (const s of v.sheets.activity)
    total += Math.max(0, s.input.values.length - s.sheet.dataStart);
  const act = newActivityTable(total);
  if (!v.has("activity")) return act;
  const { title: titles, category, targetGroup, teacher: teachers } = v.dicts;
  eachRow(v, "activity", (row) => {
    const { sheet, r } = row;
    const date = row.day("date");
    const communityText = row.text("community");
    const title = row.text("title");
    const participants = row.number("participants");
    const hours = row.number("hours");
    const teacherType = row.choice("teacherType");
    if (
      row.bad ||
      date === undefined ||
      communityText === undefined ||
      title === undefined ||
      participants === undefined
    )
      return;
    const i = act.length++;
    act.sheet[i] = sheet.sheetIndex;
    act.row[i] = sheet.originRow + r + 1;
    act.date[i] = date;
    act.community[i] = communities.of(sheet, r, row.col("community"), communityText);
    act.title[i] = titles.id(title);
    const cat = row.label("category");
    act.category[i] = cat ? category.id(cat) : -1;
    const group = row.label("targetGroup");
    act.targetGroup[i] = group ? targetGroup.id(group) : -1;
    const teacher = row.label("teacher");
    act.teacher[i] = teacher ? teachers.id(teacher) : -1;
    act.teacherType[i] = TEACHER_CODES.indexOf(teacherType);
    act.participants[i] = participants;
    act.hours[i] = hours ?? 0;
  });
  return act;
}
