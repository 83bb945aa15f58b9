/** The 工作总结 draft: what the doors import. */
export * from "./types";
export { buildDraft, type DraftOptions } from "./build";
export { draftText, draftLines, sentenceText, paragraphText, sentenceGap } from "./render";
export {
  previousYearInData,
  previousYearInWorkbook,
  changesBetween,
  covers,
  mayCover,
  isComparison,
  type Comparison,
  type NoComparison,
  type Changes,
} from "./compare";
export { learnersWithin, learnersAcross, participantMarks, type Learners } from "./learners";
export {
  comparisonJson,
  groupsJson,
  planJson,
  schoolCountsJson,
  targetJson,
  teachersJson,
} from "./json";
export { figureText, pointer } from "./format";
export { draftTable } from "./table";
