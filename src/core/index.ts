/**
 * The engine's public surface: what the doors import. Doors import core from here and nowhere
 * else (eslint.config.js enforces it), so what is inside src/core can move without touching them.
 */
export * from "./types";
export {
  analyze,
  figures,
  allIssues,
  periodFrom,
  type Analysis,
  type AnalyzeOptions,
  type FigureOptions,
} from "./engine";
export { analyzeForPatch, patchAnalysis, MAX_PATCHED_ROWS, type Analyzed } from "./patch";
export {
  periodISO,
  periodBetween,
  yearPeriod,
  halfYearPeriod,
  monthPeriod,
  yearOf,
  yearBound,
  boundOfYearOrMonth,
  isISODay,
  periodShape,
  samePeriodLastYear,
  type PeriodShape,
} from "./period";
export * from "./report";
export { computeMetrics, defaultPeriod, findCommunity } from "./metrics";
export { detectSheet, detectSheets, workbookLang, type DetectedSheet } from "./detect";
export { rate, rateValue, isDivByZero } from "./rate";
export {
  t,
  format,
  fillTemplate,
  normalizeLang,
  fieldLabel,
  issueCodeLabel,
  CATALOGUES,
  type MessageKey,
} from "./i18n";
export {
  epochDayFromISO,
  isoFromEpochDay,
  epochDayFromYMD,
  ymdFromEpochDay,
  todayEpochDay,
  maskId,
  maskPhone,
  looksLikeFormula,
  normalizeText,
  parseDate,
  serialFromEpochDay,
} from "./cells";
export { KINDS, DEFAULT_TARGET, HEADER_SEARCH_ROWS } from "./schema";
export { buildCube, cubeOverall, MAX_CUBE_CELLS, type FigureCube } from "./cube";
export { cellAddress, cleanSheetName, columnLetter } from "./text";
export type { Dataset } from "./dataset";

/* The work-summary draft (工作总结), the standard workbook, and many workbooks as one district. */
export * from "./draft";
export { PUNCTUATION } from "./draft/phrases";
export * from "./standard";
export { LAST_ROW } from "./standard/names";
export {
  consolidate,
  bySource,
  type District,
  type Source,
  type SourceInfo,
  type SourceRow,
  type NotReported,
} from "./district/consolidate";
