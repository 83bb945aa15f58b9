/**
 * A 工作总结 draft as structured data: sections of paragraphs of sentences, each
 * sentence a run of parts. Every number in the draft is a `FigurePart` that
 * names the figure it shows by its place in `cedu report --json`, so a test (or
 * a reader) can trace each number back to the report.
 */
import type { Lang } from "../types";

/** How a figure is written. */
export type FigureFormat =
  /** A whole count with its unit: 420场, 21,905人次. */
  | "count"
  /** A count that may have decimals (hours): 71.5课时. */
  | "decimal"
  /** A rate in [0, 1] written as a percentage with one decimal: 62.3%. */
  | "percent"
  /** A relative change in [-1, ∞) with its direction: 增长12.3% / 下降5.0% / 持平. */
  | "change"
  /** A difference of two rates in percentage points, with its direction: 提高2.1个百分点. */
  | "points"
  /** How far a rate lies above or below its target, in percentage points: 高出2.3个百分点. */
  | "gap"
  /** A difference of two counts with its direction: 增加1所 / 减少2所 / 持平. */
  | "difference"
  /** The year of an ISO date: 2025. */
  | "year"
  /** An ISO date: 2025年1月1日 / 1 January 2025. */
  | "date";

export interface TextPart {
  kind: "text";
  text: string;
}

/** A name taken from the user's data (a community, category, plan item or file): never a figure. */
export interface NamePart {
  kind: "name";
  text: string;
}

export interface FigurePart {
  kind: "figure";
  /** RFC 6901 JSON Pointer into the output of `cedu report --json`, e.g. `/overall/participants`. */
  pointer: string;
  /** The figure at full precision (an ISO date for "year" and "date"). */
  value: number | string;
  format: FigureFormat;
  /** As written in the draft, with its unit or direction word. */
  text: string;
}

export type DraftPart = TextPart | NamePart | FigurePart;

export interface DraftSentence {
  parts: DraftPart[];
}

export interface DraftParagraph {
  sentences: DraftSentence[];
}

export type DraftSectionKey = "schools" | "training" | "activities" | "teachers" | "plan";
export const DRAFT_SECTION_KEYS: readonly DraftSectionKey[] = [
  "schools",
  "training",
  "activities",
  "teachers",
  "plan",
];

export interface DraftSection {
  key: DraftSectionKey;
  /** Numbered in the office's style: 一、学校建设 / I. Schools. */
  heading: string;
  paragraphs: DraftParagraph[];
}

/** One row of the key-figure table: the figure, its target and last year's. */
export interface KeyFigureRow {
  key: string;
  label: string;
  value: FigurePart;
  target: FigurePart | null;
  previous: FigurePart | null;
  change: FigurePart | null;
}

export type KeyFigureColumn = "label" | "value" | "target" | "previous" | "change";

export interface KeyFigureTable {
  title: string;
  /** The columns that have something to show (no target or last-year column of dashes), with headers. */
  columns: { key: KeyFigureColumn; header: string }[];
  rows: KeyFigureRow[];
}

export interface Draft {
  lang: Lang;
  title: DraftSentence;
  /** What the summary covers (period, and what it is compared with). */
  intro: DraftParagraph;
  sections: DraftSection[];
  table: KeyFigureTable;
}
