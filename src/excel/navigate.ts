/**
 * Go to an issue's cell: activate its sheet and select the cell. A hidden sheet is not unhidden
 * behind the user's back: the caller gets a message key instead. Two syncs (check; select).
 */
import type { Issue } from "../core";
import { a1 } from "./support";

export type NavigateResult =
  { ok: true } | { ok: false; key: string; params: Record<string, string> };

export async function selectIssueCell(
  context: Excel.RequestContext,
  issue: Issue
): Promise<NavigateResult> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(issue.sheet);
  sheet.load("visibility"); // isNullObject is known after the sync
  await context.sync();
  if (sheet.isNullObject)
    return { ok: false, key: "excel.sheetMissing", params: { sheet: issue.sheet } };
  if (sheet.visibility !== "Visible")
    return { ok: false, key: "excel.sheetHidden", params: { sheet: issue.sheet } };
  sheet.activate();
  if (issue.row >= 1 && issue.col >= 1) sheet.getRange(a1(issue.row - 1, issue.col - 1)).select();
  await context.sync();
  return { ok: true };
}
