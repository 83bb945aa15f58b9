/** The engine's public surface: what the doors import. */
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
export {
  buildReport,
  availableSections,
  summarize,
  type ReportOptions,
  type Summary,
  type SummarizeOptions,
} from "./report";
export { computeMetrics, defaultPeriod, findCommunity } from "./metrics";
export { detectSheet, detectSheets, type DetectedSheet } from "./detect";
export { rate, rateValue, isDivByZero } from "./rate";
export {
  t,
  format,
  fillTemplate,
  normalizeLang,
  fieldLabel,
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
} from "./cells";
export { KINDS, DEFAULT_TARGET } from "./schema";
export { cellAddress, columnLetter } from "./text";
export type { Dataset } from "./dataset";
