/**
 * The draft as a one-column report table (总结): one row per line (title, intro, each heading,
 * each paragraph), so that a door that draws report tables draws the draft with no code of its
 * own. Text from the user's data (community, plan item) is a plain text cell, which both
 * renderers already write as text, never as a formula.
 */
import type { ReportTable } from "../types";
import { draftLines } from "./render";
import type { Draft } from "./types";

const TITLE: Record<Draft["lang"], { title: string; header: string; note: string }> = {
  "zh-CN": {
    title: "工作总结（草稿）",
    header: "总结",
    note: "由本表数据自动生成的草稿，数字与上方各表一致；请核对后使用",
  },
  "en-US": {
    title: "Work summary (draft)",
    header: "Summary",
    note: "A draft written from the figures above, which it matches number for number; check it before use",
  },
};

export function draftTable(draft: Draft): ReportTable {
  const words = TITLE[draft.lang];
  return {
    key: "draft",
    title: words.title,
    columns: [{ key: "text", header: words.header, format: "text" }],
    rows: draftLines(draft)
      .filter((line) => line !== "")
      .map((line) => [line]),
    totals: null,
    note: words.note,
    prose: true,
  };
}
