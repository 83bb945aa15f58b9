/** Types for scripts/make-sample.js (CommonJS): the sample's logical data, for tests. */
import type ExcelJS from "exceljs";

export interface YMD {
  y: number;
  m: number;
  d: number;
}
export type DateForm = "date" | "iso" | "cn" | "dot";

export interface RosterRow {
  name: string;
  gender: string;
  /** As typed: a string, or a number when Excel took the ID for a number. */
  id: string | number;
  idAsNumber?: boolean;
  genderText?: string;
  /** The population sheet's spelling. */
  community: string;
  /** As written in the roster (金阳 for 金阳村). */
  communityText: string;
  course: string;
  category: string;
  targetGroup: string;
  date: YMD;
  form: DateForm;
  status: string | null;
  result: string | null;
  phone: string;
}
export interface ActivityRow {
  date: YMD;
  form: DateForm;
  community: string;
  title: string;
  category: string;
  participants: number | null;
  participantsText: string | null;
  hours: number;
  teacher: string;
  teacherType: string;
  place: string;
}
export interface PopulationRow {
  community: string;
  residents: number;
  households: number;
  target: number | null;
}
export interface SchoolRow {
  name: string;
  type: string;
  community: string;
  level: string;
}
export interface PlanRow {
  month: string;
  item: string;
  category: string;
  sessions: number;
}

export const YEAR: number;
export const POPULATION: PopulationRow[];
export const COMMUNITIES: string[];
export const COURSES: { course: string; category: string; groups: string[] }[];
export const TEACHERS: { name: string; type: string }[];
export const SCHOOLS: SchoolRow[];
export const PLAN: PlanRow[];
export const PLAN_MONTHS: Record<string, number[]>;
export const roster: {
  rows: RosterRow[];
  /** Excel rows (1-based) of the planted problems. */
  specials: {
    wrongCheckDigit: number;
    idAsNumber: number;
    unknownCommunity: number;
    duplicateOf: number;
    duplicate: number;
    badGender: number;
    communityWithoutSuffix: number;
    total: number;
    footer: number;
  };
};
export const activities: {
  rows: ActivityRow[];
  specials: { blankParticipants: number; outOfPeriod: number };
};
export function idCheckChar(first17: string): string;
export function buildWorkbook(excel: typeof ExcelJS): ExcelJS.Workbook;
/** The .xlsx bytes (fixed zip entry times: identical on every run). */
export function sampleBuffer(): Promise<Buffer>;
export function writeSample(outFile: string): Promise<string>;
export const DEFAULT_OUT: string;
