/** The standard workbook: its layout (the template) and tidying existing sheets into it. */
export * from "./types";
export { planCell, serialOf, type CellPlan } from "./cells";
export {
  COLUMN_ORDER,
  MIN_DATE,
  STANDARD_KINDS,
  STANDARD_NUMBER_FORMATS,
  standardColumns,
  standardWorkbook,
  type LayoutOptions,
} from "./layout";
export {
  communityList,
  freeSheetName,
  freeWorkbookName,
  sheetRef,
  COMMUNITY_LIST_NAME,
} from "./names";
export { listText, sheetName, st, type StandardKey } from "./strings";
export { tidyWorkbook, type TidyOptions, type TidySummary } from "./tidy";
export { enumWord, enumWords, targetGroups, type EnumName } from "./vocabulary";
